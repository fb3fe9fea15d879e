//! Suppression comments and `finalize`: turning `check_file`'s diagnostics into what the
//! user sees, by applying rule levels, `# type: ignore` / `# pytc: ignore[rule]` comments,
//! and reporting suppressions that suppressed nothing.

use pytc_db::{Db, Diagnostic, File, find_rule, line_index, parsed_module, source_text, suggest_rule};
use pytc_syntax::{LineIndex, OneIndexed, Suppression, SuppressionKind, scan_suppressions};

use crate::check::check_file;
use crate::levels::RuleLevels;

pytc_db::declare_rule! {
    /// A suppression comment that suppresses nothing, or that names a rule pytc does not know.
    /// Off by default; enable it with `report-unused-ignores = true` or
    /// `--warn unused-ignore-comment`.
    ///
    /// ```python
    /// x = 1  # type: ignore  # warning: [unused-ignore-comment]
    /// import os  # pytc: ignore[unresolved-improt]  # warning: [unused-ignore-comment]
    /// ```
    pub static UNUSED_IGNORE_COMMENT = {
        name: "unused-ignore-comment",
        summary: "a suppression comment suppresses nothing or names an unknown rule",
        level: Ignore,
    }
}

/// Every suppression comment in `file`. A query so that re-finalizing an unchanged file
/// (the language server does so after every edit elsewhere) does not re-scan its tokens.
#[salsa::tracked(returns(ref), no_eq)]
pub fn suppression_comments(db: &dyn Db, file: File) -> Vec<Suppression> {
    scan_suppressions(parsed_module(db, file), source_text(db, file))
}

/// The line spans of the import statements of `file` that span several lines (`from m
/// import (\n a,\n b,\n)`): a suppression comment on the first or last line of one covers
/// every line of it, since an import's errors belong to the statement (mypy reports them on
/// its first line, where a comment for them is written).
#[salsa::tracked(returns(ref))]
pub fn multi_line_imports(db: &dyn Db, file: File) -> Vec<(OneIndexed, OneIndexed)> {
    use pytc_syntax::ast::visitor::source_order::{SourceOrderVisitor, TraversalSignal, walk_stmt};
    use pytc_syntax::ast::{AnyNodeRef, Stmt};
    use pytc_syntax::Ranged;
    struct Imports<'a> {
        lines: &'a LineIndex,
        found: Vec<(OneIndexed, OneIndexed)>,
    }
    impl<'a> SourceOrderVisitor<'a> for Imports<'_> {
        fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
            // Imports are statements: expressions never hold one.
            if node.is_expression() { TraversalSignal::Skip } else { TraversalSignal::Traverse }
        }
        fn visit_stmt(&mut self, stmt: &'a Stmt) {
            if matches!(stmt, Stmt::Import(_) | Stmt::ImportFrom(_)) {
                let first = self.lines.line_index(stmt.start());
                let last = self.lines.line_index(stmt.end());
                if first != last {
                    self.found.push((first, last));
                }
                return;
            }
            pytc_syntax::ensure_stack(|| walk_stmt(self, stmt));
        }
    }
    let mut imports = Imports { lines: line_index(db, file), found: Vec::new() };
    imports.visit_body(&parsed_module(db, file).syntax().body);
    imports.found
}

/// The diagnostics of `file` as the user sees them: each at its configured level (rules at
/// `ignore` are dropped), minus those a suppression comment covers, plus
/// `unused-ignore-comment` findings when that rule is enabled. Sorted by position.
pub fn finalize(db: &dyn Db, file: File, levels: &RuleLevels) -> Vec<Diagnostic> {
    let lines = line_index(db, file);
    let comments = suppression_comments(db, file);
    let imports: &[(OneIndexed, OneIndexed)] = if comments.is_empty() { &[] } else { multi_line_imports(db, file) };
    let mut tracker = SuppressionTracker::new(comments, lines, imports);
    let mut shown: Vec<Diagnostic> = check_file(db, file)
        .iter()
        .filter_map(|diagnostic| {
            let severity = levels.level(diagnostic.rule).severity()?;
            if tracker.suppresses(diagnostic, lines) {
                return None;
            }
            let mut diagnostic = diagnostic.clone();
            diagnostic.severity = severity;
            Some(diagnostic)
        })
        .collect();
    if let Some(severity) = levels.level(UNUSED_IGNORE_COMMENT.name).severity() {
        shown.extend(tracker.unused(file).into_iter().map(|mut diagnostic| {
            diagnostic.severity = severity;
            diagnostic
        }));
    }
    shown.sort_by_key(|diagnostic| (diagnostic.range.start(), diagnostic.range.end()));
    shown
}

/// One suppression comment and which of its parts have suppressed something.
struct TrackedSuppression<'a> {
    suppression: &'a Suppression,
    line: OneIndexed,
    /// True when the listed codes name no pytc rule (e.g. mypy's codes in `# type: ignore[...]`),
    /// so the comment covers every rule, as other checkers treat it.
    covers_all_rules: bool,
    used: bool,
    /// Per listed rule name: whether it suppressed something.
    used_rules: Vec<bool>,
}

struct SuppressionTracker<'a> {
    suppressions: Vec<TrackedSuppression<'a>>,
    /// The first and last lines of the multi-line import statements.
    imports: &'a [(OneIndexed, OneIndexed)],
}

impl<'a> SuppressionTracker<'a> {
    fn new(suppressions: &'a [Suppression], lines: &LineIndex, imports: &'a [(OneIndexed, OneIndexed)]) -> Self {
        let suppressions = suppressions
            .iter()
            .map(|suppression| TrackedSuppression {
                suppression,
                line: lines.line_index(suppression.range.start()),
                covers_all_rules: suppression.rules.is_empty()
                    || (suppression.kind == SuppressionKind::TypeIgnore
                        && suppression.rules.iter().all(|rule| find_rule(rule).is_none())),
                used: false,
                used_rules: vec![false; suppression.rules.len()],
            })
            .collect();
        Self { suppressions, imports }
    }

    /// Whether a suppression covers `diagnostic`, marking every one that does as used.
    /// A comment covers the lines where the diagnostic starts and ends (so a multi-line
    /// statement can carry it on its last line), and the first and last lines of a
    /// multi-line import cover all of it; a file-level comment covers every line.
    fn suppresses(&mut self, diagnostic: &Diagnostic, lines: &LineIndex) -> bool {
        let first_line = lines.line_index(diagnostic.range.start());
        // The end is exclusive: a range ending just after a newline ends on the line before.
        let last_character = diagnostic.range.end().checked_sub(1.into()).unwrap_or_default().max(diagnostic.range.start());
        let last_line = lines.line_index(last_character);
        let import = self.imports.iter().find(|(start, end)| *start <= first_line && last_line <= *end);
        let mut suppressed = false;
        for tracked in &mut self.suppressions {
            let on_import_edge = import.is_some_and(|(start, end)| tracked.line == *start || tracked.line == *end);
            let on_line = tracked.suppression.file_level || tracked.line == first_line || tracked.line == last_line || on_import_edge;
            if !on_line {
                continue;
            }
            if tracked.covers_all_rules {
                tracked.used = true;
                suppressed = true;
            } else if let Some(position) = tracked.suppression.rules.iter().position(|rule| rule == diagnostic.rule) {
                tracked.used = true;
                tracked.used_rules[position] = true;
                suppressed = true;
            }
        }
        suppressed
    }

    /// `unused-ignore-comment` findings: comments that suppressed nothing, listed rules
    /// that suppressed nothing, and unknown rule names in `# pytc: ignore[...]`.
    fn unused(&self, file: File) -> Vec<Diagnostic> {
        let mut found = Vec::new();
        for tracked in &self.suppressions {
            let suppression = tracked.suppression;
            let report = |message: String| Diagnostic::new(file, suppression.range, &UNUSED_IGNORE_COMMENT, message);
            let mut names_only_unknown_rules = false;
            if suppression.kind == SuppressionKind::Pytc && !suppression.rules.is_empty() {
                let unknown: Vec<&String> = suppression.rules.iter().filter(|rule| find_rule(rule).is_none()).collect();
                names_only_unknown_rules = unknown.len() == suppression.rules.len();
                for rule in unknown {
                    let hint = suggest_rule(rule).map(|name| format!("; did you mean `{name}`?")).unwrap_or_default();
                    found.push(report(format!("{UNKNOWN_RULE_PREFIX}`{rule}` in suppression comment{hint}")));
                }
            }
            if !tracked.used {
                // A comment naming only unknown rules was reported above; once is enough.
                if !names_only_unknown_rules {
                    found.push(report(format!("{UNUSED_COMMENT_PREFIX}`{}`", describe(suppression))));
                }
                continue;
            }
            if tracked.covers_all_rules {
                continue;
            }
            for (rule, used) in suppression.rules.iter().zip(&tracked.used_rules) {
                if !used && find_rule(rule).is_some() {
                    found.push(report(format!("{UNUSED_RULE_PREFIX}`{rule}` is listed in a suppression comment but suppresses nothing")));
                }
            }
        }
        found
    }
}

const UNKNOWN_RULE_PREFIX: &str = "unknown rule ";
const UNUSED_COMMENT_PREFIX: &str = "unused suppression comment ";
const UNUSED_RULE_PREFIX: &str = "rule ";

/// What an `unused-ignore-comment` diagnostic's message says can go: the whole comment
/// (`Some(None)`) or one rule of its list (`Some(Some(rule))`); `None` for another message.
/// For editors, whose quick fix removes it.
pub fn unused_part_of_message(message: &str) -> Option<Option<&str>> {
    if message.starts_with(UNUSED_COMMENT_PREFIX) {
        return Some(None);
    }
    let rest = message.strip_prefix(UNKNOWN_RULE_PREFIX).or_else(|| message.strip_prefix(UNUSED_RULE_PREFIX))?;
    let rule = rest.strip_prefix('`')?.split('`').next()?;
    Some(Some(rule))
}

/// The comment as the user wrote it, normalised: `# type: ignore[a, b]`.
fn describe(suppression: &Suppression) -> String {
    let prefix = match suppression.kind {
        SuppressionKind::TypeIgnore => "# type: ignore",
        SuppressionKind::Pytc => "# pytc: ignore",
    };
    if suppression.rules.is_empty() {
        prefix.to_string()
    } else {
        format!("{prefix}[{}]", suppression.rules.join(", "))
    }
}

#[cfg(test)]
mod tests {
    use pytc_db::{Level, Severity};
    use pytc_syntax::{TextRange, TextSize};

    use super::*;
    use crate::test_db::test_db;

    const BROKEN_DEF: &str = "x = 1 +\n";

    fn finalized(source: &str, levels: &RuleLevels) -> Vec<(u32, &'static str, Severity, String)> {
        let db = test_db();
        let file = db.file("/project/module.py", source);
        let lines = line_index(&db, file);
        finalize(&db, file, levels)
            .into_iter()
            .map(|d| (lines.line_index(d.range.start()).get() as u32, d.rule, d.severity, d.message))
            .collect()
    }

    fn rules_of(found: &[(u32, &'static str, Severity, String)]) -> Vec<(u32, &'static str)> {
        found.iter().map(|(line, rule, _, _)| (*line, *rule)).collect()
    }

    fn with_unused_reported() -> RuleLevels {
        let mut levels = RuleLevels::default();
        levels.set("unused-ignore-comment", Level::Warn).unwrap();
        levels
    }

    #[test]
    fn unsuppressed_diagnostic_is_kept_at_default_level() {
        let found = finalized(BROKEN_DEF, &RuleLevels::default());
        assert_eq!(rules_of(&found), vec![(1, "invalid-syntax")]);
        assert_eq!(found[0].2, Severity::Error);
    }

    #[test]
    fn comment_on_the_next_line_does_not_cover_a_range_ending_at_its_start() {
        // The syntax error covers the newline, so its range ends where line 2 starts.
        let source = "x = 1 +\nimport os  # type: ignore\n";
        assert_eq!(rules_of(&finalized(source, &with_unused_reported())), vec![
            (1, "invalid-syntax"),
            (2, "unused-ignore-comment")
        ]);
    }

    #[test]
    fn a_comment_on_the_first_or_last_line_of_a_multi_line_import_covers_it() {
        let source = "from os import (  # type: ignore[attr-defined]\n    path,\n    no_such_name,\n)\nfrom os import (\n    no_such_name_either,\n)  # type: ignore\n";
        assert!(finalized(source, &with_unused_reported()).is_empty());
        // Only the import's own lines: a statement after it is not covered.
        let source = "from os import (  # type: ignore\n    no_such_name,\n)\nfrom os import no_such_name_either\n";
        assert_eq!(rules_of(&finalized(source, &with_unused_reported())), vec![(4, "unresolved-import-member")]);
        // Nor is a line inside the import by a comment on another line inside it.
        let source = "from os import (\n    path,  # type: ignore\n    no_such_name,\n)\n";
        assert_eq!(rules_of(&finalized(source, &with_unused_reported())), vec![(2, "unused-ignore-comment"), (3, "unresolved-import-member")]);
    }

    #[test]
    fn configured_levels_change_severity_or_drop() {
        let mut levels = RuleLevels::default();
        levels.set("invalid-syntax", Level::Warn).unwrap();
        assert_eq!(finalized(BROKEN_DEF, &levels)[0].2, Severity::Warning);
        levels.set("invalid-syntax", Level::Ignore).unwrap();
        assert!(finalized(BROKEN_DEF, &levels).is_empty());
    }

    #[test]
    fn each_comment_form_suppresses_on_its_line() {
        for comment in ["# type: ignore", "# type: ignore[invalid-syntax]", "# pytc: ignore[invalid-syntax]"] {
            let source = format!("x = 1 +  {comment}\n");
            assert!(finalized(&source, &with_unused_reported()).is_empty(), "{comment}");
        }
    }

    #[test]
    fn foreign_codes_in_type_ignore_cover_every_rule() {
        let source = "x = 1 +  # type: ignore[attr-defined]\n";
        assert!(finalized(source, &with_unused_reported()).is_empty());
    }

    #[test]
    fn a_comment_naming_another_rule_does_not_suppress() {
        let source = "x = 1 +  # pytc: ignore[unreadable-file]\n";
        let found = finalized(source, &with_unused_reported());
        // The syntax error sits at the end of the line, after the comment.
        assert_eq!(rules_of(&found), vec![(1, "unused-ignore-comment"), (1, "invalid-syntax")]);
        assert_eq!(found[0].3, "unused suppression comment `# pytc: ignore[unreadable-file]`");
    }

    #[test]
    fn comment_on_another_line_does_not_suppress() {
        let source = "# type: ignore  \nimport os\n# type: ignore\nx = 1 +\n";
        // The first comment stands before code, so it covers the whole file.
        assert!(finalized(source, &RuleLevels::default()).is_empty());
        let source = "import os\n# type: ignore\nx = 1 +\n";
        assert_eq!(rules_of(&finalized(source, &with_unused_reported())), vec![
            (2, "unused-ignore-comment"),
            (3, "invalid-syntax")
        ]);
    }

    #[test]
    fn unused_comments_are_reported_only_when_enabled() {
        let source = "x = 1  # type: ignore\n";
        assert!(finalized(source, &RuleLevels::default()).is_empty());
        let found = finalized(source, &with_unused_reported());
        assert_eq!(rules_of(&found), vec![(1, "unused-ignore-comment")]);
        assert_eq!(found[0].2, Severity::Warning);
        assert_eq!(found[0].3, "unused suppression comment `# type: ignore`");
    }

    #[test]
    fn unknown_rule_in_pytc_comment_is_reported_with_a_suggestion() {
        let source = "x = 1 +  # pytc: ignore[invalid-syntax, invalid-syntx]\n";
        let found = finalized(source, &with_unused_reported());
        assert_eq!(rules_of(&found), vec![(1, "unused-ignore-comment")]);
        assert_eq!(
            found[0].3,
            "unknown rule `invalid-syntx` in suppression comment; did you mean `invalid-syntax`?"
        );
    }

    #[test]
    fn a_comment_naming_only_unknown_rules_is_reported_once() {
        let found = finalized("x = 1  # pytc: ignore[no-such-rule]\n", &with_unused_reported());
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].3, "unknown rule `no-such-rule` in suppression comment");
    }

    #[test]
    fn listed_rule_that_suppressed_nothing_is_reported() {
        let source = "x = 1 +  # pytc: ignore[invalid-syntax, unreadable-file]\n";
        let found = finalized(source, &with_unused_reported());
        assert_eq!(rules_of(&found), vec![(1, "unused-ignore-comment")]);
        assert!(found[0].3.contains("`unreadable-file`"), "{}", found[0].3);
    }

    #[test]
    fn each_message_says_what_can_go() {
        let source = "x = 1 +  # pytc: ignore[invalid-syntax, unreadable-file, invalid-syntx]
y = 1  # type: ignore
";
        let found = finalized(source, &with_unused_reported());
        let parts: Vec<Option<Option<&str>>> = found.iter().map(|diagnostic| unused_part_of_message(&diagnostic.3)).collect();
        assert_eq!(parts, [Some(Some("invalid-syntx")), Some(Some("unreadable-file")), Some(None)], "{found:?}");
        assert_eq!(unused_part_of_message("something else"), None);
    }

    #[test]
    fn multi_line_diagnostic_accepts_comment_on_its_last_line() {
        let db = test_db();
        let source = "value = call(\n    1,\n)  # type: ignore\nother = 2  # type: ignore\n";
        let file = db.file("/project/multi.py", source);
        let lines = line_index(&db, file);
        let mut tracker = SuppressionTracker::new(suppression_comments(&db, file), lines, &[]);
        let call = TextRange::new(TextSize::new(8), TextSize::new(source.find(')').unwrap() as u32 + 1));
        let diagnostic = Diagnostic::new(file, call, &crate::INVALID_SYNTAX, "spans three lines");
        assert!(tracker.suppresses(&diagnostic, lines));
        let first_line_only = Diagnostic::new(file, TextRange::new(TextSize::new(0), TextSize::new(5)), &crate::INVALID_SYNTAX, "x");
        let mut fresh = SuppressionTracker::new(suppression_comments(&db, file), lines, &[]);
        assert!(!fresh.suppresses(&first_line_only, lines));
        // Only the comment on line 4 suppressed nothing.
        let unused: Vec<_> = tracker.unused(file).iter().map(|d| lines.line_index(d.range.start()).get()).collect();
        assert_eq!(unused, vec![4]);
    }
}

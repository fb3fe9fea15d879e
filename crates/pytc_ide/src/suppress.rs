//! Quick fixes on suppression comments: silence one diagnostic by adding
//! `# type: ignore[rule]` to the line the diagnostic starts on (or, when that line ends
//! inside a multi-line string, the line it ends on: suppressions cover both), or the rule
//! to a `# type: ignore[...]` or `# pytc: ignore[...]` list already there; and remove what
//! an `unused-ignore-comment` diagnostic reports: the whole directive, or one rule of its list.

use pytc_db::{Db, File, parsed_module, source_text};
use pytc_syntax::{Ranged, Suppression, TextRange, TextSize, scan_suppressions};

/// Replace `range` of the file's text with `new_text`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TextEdit {
    pub range: TextRange,
    pub new_text: String,
}

/// A titled edit the user can apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuickFix {
    pub title: String,
    pub edit: TextEdit,
}

/// The fix that suppresses `rule` for a diagnostic at `diagnostic`, or `None` when neither
/// its first nor its last line can take a comment (both end inside a multi-line string) or
/// a comment there already suppresses the rule.
pub fn suppress_rule_fix(db: &dyn Db, file: File, diagnostic: TextRange, rule: &str) -> Option<QuickFix> {
    let source: &str = source_text(db, file);
    let parsed = parsed_module(db, file);
    // Only a string's text runs over a line end (code inside brackets is split into tokens
    // at the newline, and a comment ends before it).
    let ends_inside_token = |line_end: TextSize| {
        parsed.non_code().iter().any(|span| span.range.start() < line_end && span.range.end() > line_end)
    };
    // The end is exclusive: a range ending just after a newline ends on the line before.
    let last_character = diagnostic.end().checked_sub(1.into()).unwrap_or_default().max(diagnostic.start());
    let first_line = line_around(source, diagnostic.start());
    let last_line = line_around(source, last_character);
    let line = [first_line, last_line].into_iter().find(|line| !ends_inside_token(line.end()))?;

    let suppressions = scan_suppressions(parsed, source);
    let on_line: Vec<&Suppression> =
        suppressions.iter().filter(|suppression| line.contains_range(suppression.range)).collect();
    let covered = |suppression: &&Suppression| suppression.rules.is_empty() || suppression.rules.iter().any(|known| known == rule);
    if on_line.iter().any(covered) {
        return None;
    }
    let edit = match on_line.first() {
        Some(suppression) => {
            let comment = &source[suppression.range];
            let directive = comment.find("ignore[")?;
            let close = directive + comment[directive..].find(']')?;
            let at = suppression.range.start() + TextSize::try_from(close).ok()?;
            TextEdit { range: TextRange::empty(at), new_text: format!(", {rule}") }
        }
        None => {
            let code_end = line.start() + TextSize::try_from(source[line].trim_end().len()).ok()?;
            TextEdit { range: TextRange::new(code_end, line.end()), new_text: format!("  # type: ignore[{rule}]") }
        }
    };
    Some(QuickFix { title: format!("Ignore `{rule}` on this line"), edit })
}

/// The fix that removes an unused suppression: the directive at `comment` (with the spaces
/// before it when it is all the comment there is), or, with `rule`, that rule from its list
/// (the whole directive when it was the only one). `None` when no directive is there.
pub fn remove_suppression_fix(db: &dyn Db, file: File, comment: TextRange, rule: Option<&str>) -> Option<QuickFix> {
    let source: &str = source_text(db, file);
    let suppressions = scan_suppressions(parsed_module(db, file), source);
    let suppression = suppressions.iter().find(|suppression| suppression.range.intersect(comment).is_some())?;
    let text = &source[suppression.range];
    let directive_start = directive_offset(text)?;
    let directive_end = text[directive_start + 1..].find('#').map_or(text.len(), |next| directive_start + 1 + next);
    let directive = &text[directive_start..directive_end];
    let at = |offset: usize| suppression.range.start() + TextSize::try_from(offset).unwrap_or_default();
    if let Some(rule) = rule
        && suppression.rules.len() > 1
    {
        let open = directive.find('[')?;
        let close = directive.find(']')?;
        let kept: Vec<&str> = directive[open + 1..close].split(',').map(str::trim).filter(|listed| *listed != rule).collect();
        let range = TextRange::new(at(directive_start + open + 1), at(directive_start + close));
        let edit = TextEdit { range, new_text: kept.join(", ") };
        return Some(QuickFix { title: format!("Remove `{rule}` from the suppression comment"), edit });
    }
    // The directive and the spaces around it; all of the comment's spaces before it when
    // nothing else is left in the comment.
    let whole_comment = text[..directive_start].trim().is_empty() && text[directive_end..].trim().is_empty();
    let mut start = at(directive_start);
    let end = at(directive_end);
    if whole_comment {
        let line_start = source[..suppression.range.start().to_usize()].rfind('\n').map_or(0, |newline| newline + 1);
        let code = source[line_start..suppression.range.start().to_usize()].trim_end();
        start = TextSize::try_from(line_start + code.len()).unwrap_or(start);
    } else if text[directive_end..].trim().is_empty() {
        start = at(text[..directive_start].trim_end().len());
    }
    let title = format!("Remove unused `{}`", directive.trim());
    Some(QuickFix { title, edit: TextEdit { range: TextRange::new(start, end.max(start)), new_text: String::new() } })
}

/// Where the ignore directive starts in a comment's text: the `#` before `type:` or `pytc:`.
fn directive_offset(comment: &str) -> Option<usize> {
    comment.match_indices('#').map(|(at, _)| at).find(|&at| {
        let piece = comment[at + 1..].trim_start();
        (piece.starts_with("type:") || piece.starts_with("pytc:")) && piece.contains("ignore")
    })
}

/// The line holding `offset`, without its line break.
fn line_around(source: &str, offset: TextSize) -> TextRange {
    let at = offset.to_usize().min(source.len());
    let start = source[..at].rfind(['\n', '\r']).map_or(0, |newline| newline + 1);
    let end = source[at..].find(['\n', '\r']).map_or(source.len(), |newline| at + newline);
    // Both are at most `offset` or the source's length, which a `TextSize` holds.
    TextRange::new(TextSize::try_from(start).unwrap_or_default(), TextSize::try_from(end).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_file;

    /// The text after the fix for a diagnostic spanning `needle`.
    fn apply(source: &str, needle: &str, rule: &str) -> Option<String> {
        let (db, file) = db_with_file(source);
        let start = TextSize::try_from(source.find(needle).unwrap()).unwrap();
        let range = TextRange::at(start, TextSize::try_from(needle.len()).unwrap());
        let fix = suppress_rule_fix(&db, file, range, rule)?;
        let mut text = source.to_string();
        text.replace_range(fix.edit.range.to_std_range(), &fix.edit.new_text);
        Some(text)
    }

    #[test]
    fn appends_a_new_comment_after_trailing_spaces() {
        assert_eq!(
            apply("x = 1\ny: int = 'a'   \nz = 2\n", "'a'", "invalid-assignment").as_deref(),
            Some("x = 1\ny: int = 'a'  # type: ignore[invalid-assignment]\nz = 2\n")
        );
    }

    #[test]
    fn appends_at_the_end_of_a_file_without_newline() {
        assert_eq!(apply("y: int = 'a'", "'a'", "r").as_deref(), Some("y: int = 'a'  # type: ignore[r]"));
    }

    #[test]
    fn adds_the_rule_to_an_existing_list() {
        assert_eq!(
            apply("y: int = f()  # type: ignore[call-arg]\n", "f()", "invalid-assignment").as_deref(),
            Some("y: int = f()  # type: ignore[call-arg, invalid-assignment]\n")
        );
    }

    #[test]
    fn keeps_other_comments_on_the_line() {
        assert_eq!(
            apply("y = f()  # noqa: E501\n", "f()", "r").as_deref(),
            Some("y = f()  # noqa: E501  # type: ignore[r]\n")
        );
    }

    #[test]
    fn offers_nothing_when_already_suppressed() {
        assert_eq!(apply("y = f()  # type: ignore[r]\n", "f()", "r"), None);
        assert_eq!(apply("y = f()  # type: ignore\n", "f()", "r"), None);
        assert_eq!(apply("y = f()  # pytc: ignore[r]\n", "f()", "r"), None);
        assert_eq!(apply("y = f()  # pytc: ignore\n", "f()", "r"), None);
    }

    #[test]
    fn adds_the_rule_to_an_existing_pytc_list() {
        assert_eq!(
            apply("y: int = f()  # pytc: ignore[call-arg]\n", "f()", "invalid-assignment").as_deref(),
            Some("y: int = f()  # pytc: ignore[call-arg, invalid-assignment]\n")
        );
    }

    #[test]
    fn uses_the_last_line_when_the_first_ends_inside_a_string() {
        assert_eq!(
            apply("y = f('''a\nb''')\n", "f('''a\nb''')", "r").as_deref(),
            Some("y = f('''a\nb''')  # type: ignore[r]\n")
        );
        // A diagnostic on the string's first line only: no line it covers can take a comment.
        assert_eq!(apply("y = f('''a\nb''')\n", "f(", "r"), None);
    }

    /// The text after removing what an unused-ignore diagnostic on the comment reports.
    fn remove(source: &str, rule: Option<&str>) -> Option<String> {
        let (db, file) = db_with_file(source);
        let hash = TextSize::try_from(source.find("# type").or_else(|| source.find("# pytc"))?).unwrap();
        let fix = remove_suppression_fix(&db, file, TextRange::at(hash, TextSize::from(5)), rule)?;
        let mut text = source.to_string();
        text.replace_range(fix.edit.range.to_std_range(), &fix.edit.new_text);
        Some(text)
    }

    #[test]
    fn removes_an_unused_comment_or_one_rule_of_its_list() {
        assert_eq!(remove("x = 1  # type: ignore\ny = 2\n", None).as_deref(), Some("x = 1\ny = 2\n"));
        assert_eq!(remove("x = 1  # pytc: ignore[a, b, c]\n", Some("b")).as_deref(), Some("x = 1  # pytc: ignore[a, c]\n"));
        // The only rule: the whole directive goes.
        assert_eq!(remove("x = 1  # type: ignore[a]\n", Some("a")).as_deref(), Some("x = 1\n"));
        // Other directives of the comment stay.
        assert_eq!(remove("x = 1  # noqa: E501  # type: ignore\n", None).as_deref(), Some("x = 1  # noqa: E501\n"));
        assert_eq!(remove("x = 1  # type: ignore # keep me\n", None).as_deref(), Some("x = 1  # keep me\n"));
        assert_eq!(remove("x = 1\n", None), None);
    }

    #[test]
    fn handles_crlf_and_non_ascii_lines() {
        assert_eq!(
            apply("é = 1\r\nnaïve: int = 'ü'\r\n", "'ü'", "r").as_deref(),
            Some("é = 1\r\nnaïve: int = 'ü'  # type: ignore[r]\r\n")
        );
    }
}

//! Suppression comments: `# type: ignore`, `# type: ignore[rule, ...]` and
//! `# pytc: ignore[rule, ...]`, found among the comments the parser saw, so strings never match.

use ruff_text_size::{Ranged, TextRange};

use crate::ParsedModule;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuppressionKind {
    /// `# type: ignore...`: understood by every checker.
    TypeIgnore,
    /// `# pytc: ignore...`: for pytc only.
    Pytc,
}

/// One suppression comment. `rules` empty means "every rule".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Suppression {
    pub kind: SuppressionKind,
    /// The range of the comment itself.
    pub range: TextRange,
    pub rules: Vec<String>,
    /// True when the comment stands before any statement, so it covers the whole file
    /// (PEP 484: a `# type: ignore` on its own line at the top of a module).
    pub file_level: bool,
}

/// Every suppression comment in a parsed module.
pub fn scan_suppressions(parsed: &ParsedModule, source: &str) -> Vec<Suppression> {
    let first_statement = parsed.syntax().body.first().map(|stmt| stmt.range().start());
    let mut found = Vec::new();
    for comment in parsed.comments() {
        let text = &source[comment];
        // A comment may hold several directives: `# noqa # type: ignore[x]`.
        for piece in text.split('#').skip(1) {
            if let Some((kind, rules)) = parse_directive(piece) {
                let before_code = first_statement.is_none_or(|start| comment.start() < start);
                let own_line = source[..comment.start().to_usize()]
                    .rsplit('\n')
                    .next()
                    .is_some_and(|prefix| prefix.trim().is_empty());
                found.push(Suppression {
                    kind,
                    range: comment,
                    rules,
                    file_level: before_code && own_line && kind == SuppressionKind::TypeIgnore,
                });
            }
        }
    }
    found
}

fn parse_directive(piece: &str) -> Option<(SuppressionKind, Vec<String>)> {
    let piece = piece.trim_start();
    let (kind, rest) = if let Some(rest) = piece.strip_prefix("type:") {
        (SuppressionKind::TypeIgnore, rest)
    } else if let Some(rest) = piece.strip_prefix("pytc:") {
        (SuppressionKind::Pytc, rest)
    } else {
        return None;
    };
    let rest = rest.trim_start().strip_prefix("ignore")?;
    let rest = rest.trim_start();
    if let Some(list) = rest.strip_prefix('[') {
        let list = &list[..list.find(']')?];
        let rules = list.split(',').map(|rule| rule.trim().to_string()).filter(|r| !r.is_empty()).collect();
        return Some((kind, rules));
    }
    // `# type: ignored` is not a directive; `# type: ignore because ...` is.
    if rest.is_empty() || !rest.starts_with(|c: char| c.is_alphanumeric() || c == '_') {
        return Some((kind, Vec::new()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SourceKind, parse};
    use ruff_python_ast::PythonVersion;

    fn scan(source: &str) -> Vec<Suppression> {
        let parsed = parse(source, SourceKind::Python, PythonVersion::PY312);
        scan_suppressions(&parsed, source)
    }

    #[test]
    fn finds_each_form() {
        let found = scan("a = 1  # type: ignore\nb = 2  # type: ignore[x, y]\nc = 3  # pytc: ignore[z]\n");
        assert_eq!(found.len(), 3);
        assert!(found[0].rules.is_empty());
        assert_eq!(found[1].rules, vec!["x", "y"]);
        assert_eq!(found[2].kind, SuppressionKind::Pytc);
        assert!(!found[0].file_level);
    }

    #[test]
    fn ignores_strings_and_lookalikes() {
        assert!(scan("a = '# type: ignore'\nb = 1  # type: ignored\n").is_empty());
    }

    #[test]
    fn top_of_file_comment_is_file_level() {
        let found = scan("# type: ignore\nimport os\n");
        assert!(found[0].file_level);
    }
}

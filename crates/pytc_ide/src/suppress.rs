//! The quick fix that silences one diagnostic: add `# type: ignore[rule]` to the line the
//! diagnostic starts on, or add the rule to a `# type: ignore[...]` already there.

use pytc_db::{Db, File, parsed_module, source_text};
use pytc_syntax::{Ranged, SuppressionKind, TextRange, TextSize, scan_suppressions};

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

/// The fix that suppresses `rule` for a diagnostic starting at `diagnostic_start`, or
/// `None` when the line cannot take a comment (it ends inside a multi-line string) or
/// already suppresses the rule.
pub fn suppress_rule_fix(db: &dyn Db, file: File, diagnostic_start: TextSize, rule: &str) -> Option<QuickFix> {
    let source: &str = source_text(db, file);
    let parsed = parsed_module(db, file);
    let start = diagnostic_start.to_usize().min(source.len());
    let line_start = source[..start].rfind(['\n', '\r']).map_or(0, |newline| newline + 1);
    let line_end = source[start..].find(['\n', '\r']).map_or(source.len(), |newline| start + newline);
    let line_end_offset = TextSize::try_from(line_end).ok()?;
    let line_range = TextRange::new(TextSize::try_from(line_start).ok()?, line_end_offset);

    let ends_inside_token = parsed.parsed().tokens().iter().any(|token| {
        token.start() < line_end_offset && token.end() > line_end_offset
    });
    if ends_inside_token {
        return None;
    }

    let existing = scan_suppressions(parsed.parsed(), source)
        .into_iter()
        .find(|suppression| suppression.kind == SuppressionKind::TypeIgnore && line_range.contains_range(suppression.range));
    let title = format!("Ignore `{rule}` on this line");
    match existing {
        Some(suppression) if suppression.rules.is_empty() => None,
        Some(suppression) if suppression.rules.iter().any(|known| known == rule) => None,
        Some(suppression) => {
            let comment = &source[suppression.range];
            let directive = comment.find("ignore[")?;
            let close = directive + comment[directive..].find(']')?;
            let at = suppression.range.start() + TextSize::try_from(close).ok()?;
            Some(QuickFix { title, edit: TextEdit { range: TextRange::empty(at), new_text: format!(", {rule}") } })
        }
        None => {
            let code_end = source[line_start..line_end].trim_end().len() + line_start;
            let at = TextSize::try_from(code_end).ok()?;
            let range = TextRange::new(at, line_end_offset);
            Some(QuickFix { title, edit: TextEdit { range, new_text: format!("  # type: ignore[{rule}]") } })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_file;

    fn apply(source: &str, needle: &str, rule: &str) -> Option<String> {
        let (db, file) = db_with_file(source);
        let start = TextSize::try_from(source.find(needle).unwrap()).unwrap();
        let fix = suppress_rule_fix(&db, file, start, rule)?;
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
    fn offers_nothing_when_already_suppressed_or_inside_a_string() {
        assert_eq!(apply("y = f()  # type: ignore[r]\n", "f()", "r"), None);
        assert_eq!(apply("y = f()  # type: ignore\n", "f()", "r"), None);
        assert_eq!(apply("y = f('''a\nb''')\n", "f(", "r"), None);
    }

    #[test]
    fn handles_crlf_and_non_ascii_lines() {
        assert_eq!(
            apply("é = 1\r\nnaïve: int = 'ü'\r\n", "'ü'", "r").as_deref(),
            Some("é = 1\r\nnaïve: int = 'ü'  # type: ignore[r]\r\n")
        );
    }
}

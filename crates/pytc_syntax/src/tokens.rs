//! What the parser saw at a position, for editor features: whether it is inside a comment or
//! the text of a string (where no name or expression is).

use ruff_text_size::TextSize;

use crate::{NonCodeKind, ParsedModule};

/// True when `offset` is inside a comment (from its `#` to its end) or inside a string
/// literal (from its opening quote up to, not including, its end; the literal parts of an
/// f-string or t-string too, but not the expressions in their braces).
pub fn in_comment_or_string(parsed: &ParsedModule, offset: TextSize) -> bool {
    any_span_at(parsed, offset, |_| true)
}

/// True when `offset` is inside a comment (from its `#` to its end).
pub fn in_comment(parsed: &ParsedModule, offset: TextSize) -> bool {
    any_span_at(parsed, offset, |kind| kind == NonCodeKind::Comment)
}

/// Whether a comment or string span of a kind `wanted` holds `offset` (a comment up to and
/// including its end, a string up to its closing quote).
fn any_span_at(parsed: &ParsedModule, offset: TextSize, wanted: impl Fn(NonCodeKind) -> bool) -> bool {
    let spans = parsed.non_code();
    // Spans never overlap, so only the last one starting at or before `offset` can hold it.
    let starting_before = spans.partition_point(|span| span.range.start() <= offset);
    spans[..starting_before].last().is_some_and(|span| {
        wanted(span.kind)
            && match span.kind {
                NonCodeKind::Comment => span.range.contains_inclusive(offset),
                NonCodeKind::String => span.range.contains(offset),
            }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{PythonVersion, SourceKind, parse};

    fn check(source: &str, needle: &str) -> bool {
        let parsed = parse(source, SourceKind::Python, PythonVersion::PY312);
        in_comment_or_string(&parsed, TextSize::try_from(source.find(needle).unwrap()).unwrap())
    }

    #[test]
    fn finds_comments_and_string_text_but_not_code() {
        let source = "x = 1  # note\ny = 'text' + f'{x} more'\n";
        assert!(check(source, "note"));
        assert!(check(source, "# note"));
        assert!(check(source, "text"));
        assert!(check(source, "more"));
        assert!(!check(source, "x = "));
        assert!(!check(source, "x}"));
        assert!(!check(source, "+ f"));
        assert!(!check("", ""));
        let parsed = parse(source, SourceKind::Python, PythonVersion::PY312);
        assert!(in_comment(&parsed, TextSize::try_from(source.find("note").unwrap()).unwrap()));
        assert!(!in_comment(&parsed, TextSize::try_from(source.find("text").unwrap()).unwrap()));
    }
}

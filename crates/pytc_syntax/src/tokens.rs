//! What the tokens say about a position, for editor features: whether it is inside a
//! comment or the text of a string (where no name or expression is).

use ruff_python_ast::token::TokenKind;
use ruff_text_size::{Ranged, TextSize};

use crate::ParsedModule;

/// True when `offset` is inside a comment (from its `#` to its end) or inside a string
/// literal (from its opening quote up to, not including, its end; the literal parts of an
/// f-string or t-string too, but not the expressions in their braces).
pub fn in_comment_or_string(parsed: &ParsedModule, offset: TextSize) -> bool {
    any_token_at(parsed, offset, |kind| {
        matches!(kind, TokenKind::Comment | TokenKind::String | TokenKind::FStringMiddle | TokenKind::TStringMiddle)
    })
}

/// True when `offset` is inside a comment (from its `#` to its end).
pub fn in_comment(parsed: &ParsedModule, offset: TextSize) -> bool {
    any_token_at(parsed, offset, |kind| kind == TokenKind::Comment)
}

/// Whether a token of a kind `wanted` holds `offset` (a comment up to and including its
/// end, a string up to its closing quote).
fn any_token_at(parsed: &ParsedModule, offset: TextSize, wanted: impl Fn(TokenKind) -> bool) -> bool {
    let tokens = parsed.parsed().tokens();
    // The tokens that start at or before `offset`; only the last few can contain it (an
    // f-string's middle part sits between its start and end tokens).
    let starting_before = tokens.partition_point(|token| token.start() <= offset);
    tokens[..starting_before].iter().rev().take(2).any(|token| {
        wanted(token.kind())
            && if token.kind() == TokenKind::Comment { token.range().contains_inclusive(offset) } else { token.range().contains(offset) }
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

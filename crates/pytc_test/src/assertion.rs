//! Assertions written as comments in a case's code.
//!
//! - `# revealed: <type>` expects a `revealed-type` diagnostic whose type text is exactly `<type>`.
//! - `# error: [rule]`, `# error: 5 [rule]`, `# error: [rule] "substring"`, `# error: 5 "substring"`
//!   expect a diagnostic of that rule, starting at that 1-based column, whose message contains
//!   the substring (any non-empty combination).
//! - `# TODO ...` marks a known gap: the assertions beside it record today's (wrong) behaviour.
//!
//! Several assertions may share a comment (`# error: [a]  # error: [b]`). A comment standing
//! alone on its line applies to the next line that holds code.

use std::collections::{BTreeMap, BTreeSet};

use pytc_syntax::ast::token::TokenKind;
use pytc_syntax::{LineIndex, Ranged, SourceKind, TextSize, tokens};

use crate::config::DEFAULT_PYTHON_VERSION;

/// One expectation about the diagnostics of a line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assertion {
    Revealed(String),
    Error(ErrorAssertion),
}

/// `# error:` with its optional column, rule and message substring.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ErrorAssertion {
    pub column: Option<usize>,
    pub rule: Option<String>,
    pub message: Option<String>,
}

impl std::fmt::Display for Assertion {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Revealed(ty) => write!(f, "revealed: {ty}"),
            Self::Error(error) => {
                write!(f, "error:")?;
                if let Some(column) = error.column {
                    write!(f, " {column}")?;
                }
                if let Some(rule) = &error.rule {
                    write!(f, " [{rule}]")?;
                }
                if let Some(message) = &error.message {
                    write!(f, " \"{message}\"")?;
                }
                Ok(())
            }
        }
    }
}

/// Every assertion of one file, keyed by the 1-based line it applies to.
#[derive(Debug, Default)]
pub struct FileAssertions {
    pub by_line: BTreeMap<usize, Vec<Assertion>>,
    /// How many `# TODO` comments record known gaps.
    pub todos: usize,
    /// Malformed assertion comments: (line, problem).
    pub errors: Vec<(usize, String)>,
}

/// Read the assertion comments of a file. Comments are found from the token stream, so a
/// `#` inside a string is never an assertion.
pub fn parse_assertions(source: &str, kind: SourceKind) -> FileAssertions {
    let tokens = tokens(source, kind, DEFAULT_PYTHON_VERSION);
    let line_index = LineIndex::from_source_text(source);
    let line_of = |offset: TextSize| line_index.line_index(offset).get();

    let mut code_lines = BTreeSet::new();
    let mut comments = Vec::new();
    for token in tokens.iter() {
        match token.kind() {
            TokenKind::Comment => comments.push(token.range()),
            TokenKind::NonLogicalNewline
            | TokenKind::Newline
            | TokenKind::Indent
            | TokenKind::Dedent
            | TokenKind::EndOfFile => {}
            _ => {
                code_lines.insert(line_of(token.start()));
            }
        }
    }

    let mut assertions = FileAssertions::default();
    for range in comments {
        let line = line_of(range.start());
        let parsed_comment = parse_comment(&source[range]);
        assertions.todos += parsed_comment.todos;
        assertions.errors.extend(parsed_comment.errors.into_iter().map(|error| (line, error)));
        if parsed_comment.assertions.is_empty() {
            continue;
        }
        let target = if code_lines.contains(&line) {
            Some(line)
        } else {
            code_lines.range(line + 1..).next().copied()
        };
        match target {
            Some(target) => assertions.by_line.entry(target).or_default().extend(parsed_comment.assertions),
            None => assertions.errors.push((line, "assertion comment is followed by no code".to_string())),
        }
    }
    assertions
}

/// What one comment token holds.
#[derive(Debug, Default)]
struct ParsedComment {
    assertions: Vec<Assertion>,
    todos: usize,
    errors: Vec<String>,
}

/// Split a comment into its `#`-started pieces and read each one.
fn parse_comment(comment: &str) -> ParsedComment {
    let mut parsed = ParsedComment::default();
    for piece in split_pieces(comment) {
        let piece = piece.trim_start_matches('#').trim();
        if let Some(rest) = piece.strip_prefix("revealed:") {
            let ty = rest.trim();
            if ty.is_empty() {
                parsed.errors.push("`# revealed:` needs a type".to_string());
            } else {
                parsed.assertions.push(Assertion::Revealed(ty.to_string()));
            }
        } else if let Some(rest) = piece.strip_prefix("error:") {
            match parse_error_assertion(rest) {
                Ok(error) => parsed.assertions.push(Assertion::Error(error)),
                Err(problem) => parsed.errors.push(problem),
            }
        } else if piece.starts_with("TODO") {
            parsed.todos += 1;
        } else if looks_like_assertion_without_colon(piece) {
            parsed.errors.push(format!("`{piece}` looks like an assertion but lacks the colon"));
        }
    }
    parsed
}

/// `error [rule]`: a likely typo that would otherwise silently assert nothing.
fn looks_like_assertion_without_colon(piece: &str) -> bool {
    piece.strip_prefix("error").map(str::trim_start).is_some_and(|rest| {
        rest.starts_with(['[', '"']) || rest.starts_with(|c: char| c.is_ascii_digit())
    })
}

/// The pieces of a comment, each starting at a `#` that begins the comment or follows
/// whitespace (so `#` inside a type such as `Literal["a#b"]` stays in its piece).
fn split_pieces(comment: &str) -> Vec<&str> {
    let mut starts = vec![0];
    let bytes = comment.as_bytes();
    for index in 1..bytes.len() {
        if bytes[index] == b'#' && bytes[index - 1].is_ascii_whitespace() {
            starts.push(index);
        }
    }
    starts.iter().zip(starts.iter().skip(1).chain(std::iter::once(&comment.len()))).map(|(&a, &b)| &comment[a..b]).collect()
}

/// `[5] [[rule]] ["substring"]`, at least one part.
fn parse_error_assertion(text: &str) -> Result<ErrorAssertion, String> {
    let mut rest = text.trim();
    let mut error = ErrorAssertion::default();
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        let column: usize = rest[..digits].parse().map_err(|_| format!("bad column in `error:{text}`"))?;
        if column == 0 {
            return Err("columns are 1-based; `error: 0` is never right".to_string());
        }
        error.column = Some(column);
        rest = rest[digits..].trim_start();
    }
    if let Some(after) = rest.strip_prefix('[') {
        let end = after.find(']').ok_or_else(|| format!("unclosed `[` in `error:{text}`"))?;
        let rule = after[..end].trim();
        if rule.is_empty() {
            return Err("`error: []` names no rule".to_string());
        }
        error.rule = Some(rule.to_string());
        rest = after[end + 1..].trim_start();
    }
    if let Some(after) = rest.strip_prefix('"') {
        let message = after.strip_suffix('"').ok_or_else(|| format!("unclosed `\"` in `error:{text}`"))?;
        error.message = Some(message.to_string());
        rest = "";
    }
    if !rest.is_empty() {
        return Err(format!("cannot read `{rest}` in `error:{text}`; expected `error: [column] [[rule]] [\"message\"]`"));
    }
    if error == ErrorAssertion::default() {
        return Err("`error:` needs a column, a [rule] or a \"message\"".to_string());
    }
    Ok(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(column: Option<usize>, rule: Option<&str>, message: Option<&str>) -> Assertion {
        Assertion::Error(ErrorAssertion {
            column,
            rule: rule.map(str::to_string),
            message: message.map(str::to_string),
        })
    }

    fn assertions(source: &str) -> FileAssertions {
        parse_assertions(source, SourceKind::Python)
    }

    #[test]
    fn reads_every_error_form() {
        let source = "a  # error: [rule-a]\n\
                      b  # error: 5 [rule-b]\n\
                      c  # error: [rule-c] \"some text\"\n\
                      d  # error: 7 [rule-d] \"more\"\n\
                      e  # error: \"only a message\"\n\
                      f  # error: 3\n";
        let found = assertions(source);
        assert!(found.errors.is_empty(), "{:?}", found.errors);
        let expected = [
            (1, error(None, Some("rule-a"), None)),
            (2, error(Some(5), Some("rule-b"), None)),
            (3, error(None, Some("rule-c"), Some("some text"))),
            (4, error(Some(7), Some("rule-d"), Some("more"))),
            (5, error(None, None, Some("only a message"))),
            (6, error(Some(3), None, None)),
        ];
        for (line, assertion) in expected {
            assert_eq!(found.by_line[&line], vec![assertion], "line {line}");
        }
    }

    #[test]
    fn reads_revealed_types_and_several_assertions_per_line() {
        let found = assertions("reveal_type(x)  # revealed: Literal[\"a#b\"]  # error: [x]\n");
        assert_eq!(
            found.by_line[&1],
            vec![Assertion::Revealed("Literal[\"a#b\"]".to_string()), error(None, Some("x"), None)]
        );
    }

    #[test]
    fn own_line_comments_apply_to_the_next_code_line() {
        let found = assertions("x = 1\n# error: [a]\n\n# error: [b]\ny = (\n    1  # error: [c]\n)\n");
        assert_eq!(found.by_line[&5], vec![error(None, Some("a"), None), error(None, Some("b"), None)]);
        assert_eq!(found.by_line[&6], vec![error(None, Some("c"), None)]);
        assert!(!found.by_line.contains_key(&2));
    }

    #[test]
    fn strings_and_plain_comments_are_not_assertions() {
        let found = assertions("s = '# error: [a]'\n# error handling: below\nt = 1  # revealed types are checked\n");
        assert!(found.by_line.is_empty());
        assert!(found.errors.is_empty());
    }

    #[test]
    fn todos_are_counted() {
        let found = assertions("x = 1  # revealed: Unknown  # TODO: should be int\n# TODO: missing error\ny = 1\n");
        assert_eq!(found.todos, 2);
        assert_eq!(found.by_line[&1], vec![Assertion::Revealed("Unknown".to_string())]);
    }

    #[test]
    fn malformed_assertions_are_reported() {
        let problems = |source: &str| assertions(source).errors.into_iter().map(|(_, text)| text).collect::<Vec<_>>();
        assert!(problems("x  # error:\n")[0].contains("needs a column"));
        assert!(problems("x  # error: [a\n")[0].contains("unclosed `[`"));
        assert!(problems("x  # error: [a] \"b\n")[0].contains("unclosed `\"`"));
        assert!(problems("x  # error: [a] junk\n")[0].contains("cannot read `junk`"));
        assert!(problems("x  # error: 0 [a]\n")[0].contains("1-based"));
        assert!(problems("x  # revealed:\n")[0].contains("needs a type"));
        assert!(problems("x  # error [a]\n")[0].contains("lacks the colon"));
        assert!(problems("x = 1\n# error: [a]\n")[0].contains("followed by no code"));
    }

    #[test]
    fn assertion_display_round_trips_the_syntax() {
        assert_eq!(error(Some(5), Some("r"), Some("m")).to_string(), "error: 5 [r] \"m\"");
        assert_eq!(Assertion::Revealed("int".to_string()).to_string(), "revealed: int");
    }
}

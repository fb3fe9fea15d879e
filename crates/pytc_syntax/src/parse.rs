//! Parsing a module with ruff's error-recovering parser.

use std::sync::Arc;

use ruff_python_ast::visitor::source_order::{SourceOrderVisitor, TraversalSignal, walk_expr};
use ruff_python_ast::{AnyNodeRef, HasNodeIndex, ModModule, NodeIndex, PySourceType, PythonVersion};
use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_python_parser::{ParseOptions, parse_unchecked};
use ruff_text_size::{Ranged, TextRange};

/// Whether a file is a regular Python module or a stub (`.pyi`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceKind {
    Python,
    Stub,
}

impl SourceKind {
    /// The kind implied by a file name's extension.
    pub fn from_path(path: &str) -> Self {
        if path.ends_with(".pyi") { Self::Stub } else { Self::Python }
    }

    fn as_source_type(self) -> PySourceType {
        match self {
            Self::Python => PySourceType::Python,
            Self::Stub => PySourceType::Stub,
        }
    }
}

/// One syntax error: a parse error, an error CPython's compiler would report (`return`
/// outside a function, ...), or syntax that the target Python version lacks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub range: TextRange,
    pub message: String,
}

/// A parsed module: the (possibly recovered) tree, every syntax error found, and where the
/// comments and the text of string literals are.
///
/// Cheap to clone: everything is shared. The token stream is not kept (it is about a quarter
/// of a module's memory and only the editor needs it, through [`tokens`]); what the checker
/// needs of it, comments for suppressions and string text for "is this position code", is
/// kept as `non_code`.
#[derive(Clone)]
pub struct ParsedModule {
    syntax: Arc<ModModule>,
    errors: Arc<[SyntaxError]>,
    non_code: Arc<[NonCodeSpan]>,
}

/// A stretch of source that is not code: a comment or the text of a string literal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NonCodeSpan {
    pub kind: NonCodeKind,
    pub range: TextRange,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NonCodeKind {
    /// From its `#` to the end of the line.
    Comment,
    /// A whole string or bytes literal, or a literal part of an f-string or t-string.
    String,
}

impl ParsedModule {
    pub fn syntax(&self) -> &ModModule {
        &self.syntax
    }

    /// Parse errors first, then compile-time errors, then constructs the target version does
    /// not support.
    pub fn errors(&self) -> &[SyntaxError] {
        &self.errors
    }

    /// Comments and string text, in source order; they never overlap.
    pub fn non_code(&self) -> &[NonCodeSpan] {
        &self.non_code
    }

    /// The comments, in source order.
    pub fn comments(&self) -> impl Iterator<Item = TextRange> + '_ {
        self.non_code.iter().filter(|span| span.kind == NonCodeKind::Comment).map(|span| span.range)
    }
}

impl std::fmt::Debug for ParsedModule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ParsedModule").field("errors", &self.errors).finish_non_exhaustive()
    }
}

/// Parse `source` for the given target version. Never fails: errors are collected.
pub fn parse(source: &str, kind: SourceKind, target: PythonVersion) -> ParsedModule {
    let options = ParseOptions::from(kind.as_source_type()).with_target_version(target);
    let parsed = parse_unchecked(source, options)
        .try_into_module()
        .expect("parsing in module mode always yields a module");
    number_nodes(parsed.syntax());
    let mut errors: Vec<SyntaxError> = parsed
        .errors()
        .iter()
        .map(|error| SyntaxError { range: error.location, message: error.error.to_string() })
        .collect();
    errors.extend(
        crate::semantic_errors::semantic_syntax_errors(parsed.syntax(), source, kind, target)
            .into_iter()
            .map(|error| SyntaxError { range: error.range, message: error.to_string() }),
    );
    errors.extend(
        crate::except_star_exits::except_star_exits(&parsed.syntax().body)
            .into_iter()
            .map(|(range, message)| SyntaxError { range, message: message.to_string() }),
    );
    // Stubs are never executed, so newer syntax in them is fine (typeshed relies on this).
    if kind == SourceKind::Python {
        errors.extend(
            parsed
                .unsupported_syntax_errors()
                .iter()
                .map(|error| SyntaxError { range: error.range, message: error.to_string() }),
        );
    }
    let non_code = non_code_spans(parsed.tokens());
    ParsedModule { syntax: Arc::new(parsed.into_syntax()), errors: errors.into(), non_code }
}

/// The token stream of `source`, for editor features that look at brackets and commas. The
/// module is parsed again: the checker's `ParsedModule` does not keep its tokens.
pub fn tokens(source: &str, kind: SourceKind, target: PythonVersion) -> Tokens {
    let options = ParseOptions::from(kind.as_source_type()).with_target_version(target);
    parse_unchecked(source, options).tokens().clone()
}

fn non_code_spans(tokens: &Tokens) -> Arc<[NonCodeSpan]> {
    tokens
        .iter()
        .filter_map(|token| {
            let kind = match token.kind() {
                TokenKind::Comment => NonCodeKind::Comment,
                TokenKind::String | TokenKind::FStringMiddle | TokenKind::TStringMiddle => NonCodeKind::String,
                _ => return None,
            };
            Some(NonCodeSpan { kind, range: token.range() })
        })
        .collect()
}

/// Give every node of the tree a distinct index, in source order, so later phases can key
/// side tables by `NodeIndex` instead of by pointer or range.
fn number_nodes(module: &ModModule) {
    struct Numberer(u32);
    impl<'a> SourceOrderVisitor<'a> for Numberer {
        fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
            node.node_index().set(NodeIndex::from(self.0));
            self.0 += 1;
            TraversalSignal::Traverse
        }
        fn visit_expr(&mut self, expr: &'a ruff_python_ast::Expr) {
            crate::ensure_stack(|| walk_expr(self, expr));
        }
    }
    let mut numberer = Numberer(0);
    numberer.visit_body(&module.body);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_from_errors_and_keeps_the_rest() {
        let parsed = parse("x = (\ny: int = 1\n", SourceKind::Python, PythonVersion::PY312);
        assert!(!parsed.errors().is_empty());
        assert!(!parsed.syntax().body.is_empty());
    }

    #[test]
    fn numbers_every_node() {
        let parsed = parse("x = f(1)\n", SourceKind::Python, PythonVersion::PY312);
        let stmt = &parsed.syntax().body[0];
        let ruff_python_ast::Stmt::Assign(assign) = stmt else { panic!() };
        assert_eq!(stmt.node_index().load().as_u32(), Some(0));
        assert!(assign.value.node_index().load().as_u32().unwrap() > 0);
    }

    #[test]
    fn reports_syntax_newer_than_target() {
        let parsed = parse("type X = int\n", SourceKind::Python, PythonVersion::PY311);
        assert_eq!(parsed.errors().len(), 1);
        assert!(parsed.errors()[0].message.contains("3.11"), "{:?}", parsed.errors());
        let stub = parse("type X = int\n", SourceKind::Stub, PythonVersion::PY311);
        assert!(stub.errors().is_empty());
    }
}

//! What kind of completion the cursor asks for, read from the tokens before it and the
//! syntax tree the parser recovered: an attribute after `.`, a module in `import`/`from`,
//! a name after `from m import`, or a name in scope (with keyword arguments when the cursor
//! starts an argument of a call). Works on broken code (`obj.` at the end of a line is what
//! the user has typed so far); nothing inside comments and strings or where a new name is
//! written (`def |`, `as |`).

use pytc_db::{Db, File, file_tokens, parsed_module, source_text};
use pytc_syntax::ast::token::{Token, TokenKind};
use pytc_syntax::ast::{self, HasNodeIndex, NodeIndex};
use pytc_syntax::{Ranged, TextRange, TextSize};

/// What to complete at a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CompletionContext {
    Nothing,
    /// `value.|`: the members of the expression `receiver`.
    Attribute { receiver: NodeIndex },
    /// `import a.b.|` or `from .a.|`: the modules below `parent` (top-level ones for `None`
    /// and no `level`), relative to the importing file's package by `level` dots.
    Module { parent: Option<String>, level: u32 },
    /// `from m import |`: the names and submodules of `m`.
    ImportedName { module: Option<String>, level: u32 },
    /// A name in scope; `arguments` when the cursor starts an argument of a call.
    Name { arguments: bool },
}

/// The context at `offset` and the start of the identifier being typed there.
pub(crate) fn completion_context(db: &dyn Db, file: File, offset: TextSize) -> CompletionContext {
    let parsed = parsed_module(db, file);
    let source = source_text(db, file);
    if offset.to_usize() > source.len() || !source.is_char_boundary(offset.to_usize()) {
        return CompletionContext::Nothing;
    }
    let tokens = file_tokens(db, file);
    if pytc_syntax::in_comment_or_string(parsed, offset) || ends_unterminated_string(source, tokens, offset) {
        return CompletionContext::Nothing;
    }
    let start = identifier_start(source, offset);
    // The tokens before the identifier (not the empty newline and dedents at its start).
    let before = &tokens[..tokens.partition_point(|token| token.start() < start)];
    let line = logical_line(before);
    let Some(previous) = line.last() else { return CompletionContext::Name { arguments: false } };
    // `1.` and `1e`: a number, not an attribute or a name.
    if matches!(previous.kind(), TokenKind::Int | TokenKind::Float | TokenKind::Complex) && previous.end() == start {
        return CompletionContext::Nothing;
    }
    match line.first().map(Token::kind) {
        Some(TokenKind::Import) => return import_context(source, &line[1..]),
        Some(TokenKind::From) => return from_context(source, &line[1..]),
        _ => {}
    }
    match previous.kind() {
        TokenKind::Dot => match attribute_receiver(parsed.syntax(), previous.range()) {
            Some(receiver) => CompletionContext::Attribute { receiver },
            None => CompletionContext::Nothing,
        },
        // A new name is written here.
        TokenKind::Def | TokenKind::Class | TokenKind::As | TokenKind::Global | TokenKind::Nonlocal => CompletionContext::Nothing,
        TokenKind::Lpar | TokenKind::Comma => CompletionContext::Name { arguments: starts_call_argument(&line) },
        _ => CompletionContext::Name { arguments: false },
    }
}

/// Whether a string that is never closed ends at `offset` (the rest of its line is its text).
fn ends_unterminated_string(source: &str, tokens: &[Token], offset: TextSize) -> bool {
    let Some(token) = tokens[..tokens.partition_point(|token| token.start() < offset)].last() else { return false };
    if token.kind() != TokenKind::String || token.end() != offset {
        return false;
    }
    let text = source.get(token.range().to_std_range()).unwrap_or_default();
    let Some(quote_at) = text.find(['\'', '"']) else { return false };
    let body = &text[quote_at..];
    let quote = if body.starts_with("'''") || body.starts_with("\"\"\"") { &body[..3] } else { &body[..1] };
    body.len() < 2 * quote.len() || !body.ends_with(quote) || body[..body.len() - quote.len()].ends_with('\\')
}

/// Where the identifier that ends at `offset` starts (`offset` itself when none does).
pub(crate) fn identifier_start(source: &str, offset: TextSize) -> TextSize {
    let text = &source[..offset.to_usize()];
    let length: usize = text.chars().rev().take_while(|c| c.is_alphanumeric() || *c == '_').map(char::len_utf8).sum();
    offset - TextSize::try_from(length).unwrap_or_default()
}

/// The significant tokens of the logical line that `tokens` ends in (after the last
/// newline, indentation change or `;`), without comments and line continuations.
fn logical_line(tokens: &[Token]) -> Vec<Token> {
    let start = tokens
        .iter()
        .rposition(|token| matches!(token.kind(), TokenKind::Newline | TokenKind::Indent | TokenKind::Dedent | TokenKind::Semi))
        .map_or(0, |position| position + 1);
    tokens[start..]
        .iter()
        .filter(|token| !matches!(token.kind(), TokenKind::Comment | TokenKind::NonLogicalNewline))
        .copied()
        .collect()
}

/// After `import`: the dotted name being written in the last clause.
fn import_context(source: &str, tokens: &[Token]) -> CompletionContext {
    let clause = &tokens[tokens.iter().rposition(|token| token.kind() == TokenKind::Comma).map_or(0, |comma| comma + 1)..];
    match dotted_prefix(source, clause) {
        Some(parent) => CompletionContext::Module { parent, level: 0 },
        None => CompletionContext::Nothing,
    }
}

/// After `from`: the module being written, or a name it imports after `import`.
fn from_context(source: &str, tokens: &[Token]) -> CompletionContext {
    let import = tokens.iter().position(|token| token.kind() == TokenKind::Import);
    let module_tokens = &tokens[..import.unwrap_or(tokens.len())];
    let level: u32 = module_tokens
        .iter()
        .take_while(|token| matches!(token.kind(), TokenKind::Dot | TokenKind::Ellipsis))
        .map(|token| if token.kind() == TokenKind::Ellipsis { 3 } else { 1 })
        .sum();
    let dots = module_tokens.iter().take_while(|token| matches!(token.kind(), TokenKind::Dot | TokenKind::Ellipsis)).count();
    let Some(import) = import else {
        // Still writing the module: after the dots, a dotted name that ends in `.` or is empty.
        return match dotted_prefix(source, &module_tokens[dots..]) {
            Some(parent) => CompletionContext::Module { parent, level },
            None => CompletionContext::Nothing,
        };
    };
    let names = &tokens[import + 1..];
    let writing_a_name = names.last().is_none_or(|token| matches!(token.kind(), TokenKind::Comma | TokenKind::Lpar));
    if !writing_a_name {
        return CompletionContext::Nothing;
    }
    let module = dotted_text(source, &module_tokens[dots..]);
    if module.is_none() && level == 0 {
        return CompletionContext::Nothing;
    }
    CompletionContext::ImportedName { module, level }
}

/// For a clause `a.b.` (or nothing), the dotted name before the last dot (`Some(None)` when
/// the clause is empty); `None` when the clause is not a name being written (`a.b c`, `as`).
fn dotted_prefix(source: &str, clause: &[Token]) -> Option<Option<String>> {
    match clause.last().map(Token::kind) {
        None => Some(None),
        Some(TokenKind::Dot) => dotted_text(source, &clause[..clause.len() - 1]).map(Some),
        _ => None,
    }
}

/// The dotted name `a.b.c` the tokens spell, `None` for anything else.
fn dotted_text(source: &str, tokens: &[Token]) -> Option<String> {
    let mut text = String::new();
    for (position, token) in tokens.iter().enumerate() {
        let is_name = token.kind() == TokenKind::Name || token.kind().is_soft_keyword();
        let expected = if position % 2 == 0 { is_name } else { token.kind() == TokenKind::Dot };
        if !expected {
            return None;
        }
        text.push_str(source.get(token.range().to_std_range())?);
    }
    (!text.is_empty() && tokens.len() % 2 == 1).then_some(text)
}

/// Whether the innermost open bracket before the cursor is a call's `(`: a `(` right after
/// a name, a closing bracket or a string (`f(`, `g()(`, `d["k"](`).
fn starts_call_argument(line: &[Token]) -> bool {
    let mut depth = 0usize;
    for (position, token) in line.iter().enumerate().rev() {
        match token.kind() {
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth += 1,
            TokenKind::Lsqb | TokenKind::Lbrace if depth == 0 => return false,
            TokenKind::Lpar if depth == 0 => {
                return position.checked_sub(1).and_then(|before| line.get(before)).is_some_and(|callee| {
                    matches!(callee.kind(), TokenKind::Name | TokenKind::Rpar | TokenKind::Rsqb | TokenKind::String)
                });
            }
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth -= 1,
            _ => {}
        }
    }
    false
}

/// The receiver of the attribute whose `.` is at `dot`: the innermost attribute expression
/// whose value ends before the dot and that reaches past it.
fn attribute_receiver(module: &ast::ModModule, dot: TextRange) -> Option<NodeIndex> {
    let receives_at_dot = |expression: &ast::Expr| {
        matches!(expression, ast::Expr::Attribute(attribute)
            if attribute.value.range().end() <= dot.start() && attribute.range.end() >= dot.end())
    };
    match pytc_syntax::innermost_expression_where(module, |range| range.contains_range(dot), receives_at_dot)? {
        ast::Expr::Attribute(attribute) => Some(attribute.value.node_index().load()),
        _ => None,
    }
}

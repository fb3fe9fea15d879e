//! A compile-time error CPython reports that ruff's checker does not: `break`, `continue` and
//! `return` may not leave an `except*` block (each handler of an exception group runs in
//! turn; jumping out of one would skip the others). A loop or a function defined inside the
//! block is its own: a `break` of an inner loop and a `return` of an inner function are fine.

use ruff_python_ast::{self as ast, Stmt};
use ruff_text_size::{Ranged, TextRange};

const MESSAGE: &str = "`break`, `continue` and `return` cannot appear in an `except*` block";

/// Where a statement leaves an `except*` block, in source order.
pub(crate) fn except_star_exits(body: &[Stmt]) -> Vec<(TextRange, &'static str)> {
    let mut found = Vec::new();
    walk(body, Block::Outside, &mut found);
    found
}

/// Where the statements being walked stand relative to an enclosing `except*` block of the
/// same function.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Block {
    /// Not inside one.
    Outside,
    /// Directly inside one: no loop opened since.
    Handler,
    /// Inside a loop that is inside one: `break`/`continue` belong to that loop.
    LoopInHandler,
}

fn walk(body: &[Stmt], block: Block, found: &mut Vec<(TextRange, &'static str)>) {
    for stmt in body {
        crate::ensure_stack(|| walk_stmt(stmt, block, found));
    }
}

fn walk_stmt(stmt: &Stmt, block: Block, found: &mut Vec<(TextRange, &'static str)>) {
    let in_loop = if block == Block::Outside { Block::Outside } else { Block::LoopInHandler };
    match stmt {
        Stmt::Break(_) | Stmt::Continue(_) if block == Block::Handler => found.push((stmt.range(), MESSAGE)),
        Stmt::Return(_) if block != Block::Outside => found.push((stmt.range(), MESSAGE)),
        // A new scope: its statements are not in the block.
        Stmt::FunctionDef(function) => walk(&function.body, Block::Outside, found),
        Stmt::ClassDef(class) => walk(&class.body, Block::Outside, found),
        Stmt::For(for_loop) => {
            walk(&for_loop.body, in_loop, found);
            walk(&for_loop.orelse, block, found);
        }
        Stmt::While(while_loop) => {
            walk(&while_loop.body, in_loop, found);
            walk(&while_loop.orelse, block, found);
        }
        Stmt::If(if_stmt) => {
            walk(&if_stmt.body, block, found);
            for clause in &if_stmt.elif_else_clauses {
                walk(&clause.body, block, found);
            }
        }
        Stmt::With(with) => walk(&with.body, block, found),
        Stmt::Match(match_stmt) => {
            for case in &match_stmt.cases {
                walk(&case.body, block, found);
            }
        }
        Stmt::Try(try_stmt) => {
            walk(&try_stmt.body, block, found);
            for handler in &try_stmt.handlers {
                let ast::ExceptHandler::ExceptHandler(handler) = handler;
                walk(&handler.body, if try_stmt.is_star { Block::Handler } else { block }, found);
            }
            walk(&try_stmt.orelse, block, found);
            walk(&try_stmt.finalbody, block, found);
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use crate::SourceKind;

    fn errors(source: &str) -> Vec<usize> {
        let parsed = crate::parse(source, SourceKind::Python, ruff_python_ast::PythonVersion::PY313);
        parsed
            .errors()
            .iter()
            .filter(|error| error.message.contains("except*"))
            .map(|error| source[..usize::from(error.range.start())].lines().count())
            .collect()
    }

    #[test]
    fn exits_from_an_except_star_block_are_reported() {
        let source = "\
def f():
    for i in range(3):
        try:
            pass
        except* ValueError:
            break
        except* KeyError:
            if i:
                continue
    try:
        pass
    except* ValueError:
        return 1
";
        assert_eq!(errors(source), vec![6, 9, 13]);
    }

    #[test]
    fn inner_loops_functions_and_plain_handlers_are_fine() {
        let source = "\
def f():
    for i in range(3):
        try:
            pass
        except ValueError:
            break
    try:
        pass
    except* ValueError:
        for j in range(2):
            break
        else:
            pass
        def inner():
            return 2
        class C:
            pass
";
        assert_eq!(errors(source), Vec::<usize>::new());
    }
}

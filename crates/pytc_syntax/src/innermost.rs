//! Finding the innermost expression at a place in a module, for editor features (the
//! expression under the cursor, the call whose parentheses hold it, the receiver of a `.`).

use ruff_python_ast::visitor::source_order::{SourceOrderVisitor, TraversalSignal, walk_expr};
use ruff_python_ast::{AnyNodeRef, Expr, ModModule};
use ruff_text_size::{Ranged, TextRange};

/// The innermost expression that `accept` takes among those whose range `holds` likes
/// (walking only into nodes it likes, so `holds` must also hold for every ancestor of an
/// accepted expression, as "contains the cursor" does).
pub fn innermost_expression_where<'a>(
    module: &'a ModModule,
    holds: impl Fn(TextRange) -> bool,
    accept: impl FnMut(&'a Expr) -> bool,
) -> Option<&'a Expr> {
    struct Finder<'a, H, A> {
        holds: H,
        accept: A,
        found: Option<&'a Expr>,
    }
    impl<'a, H: Fn(TextRange) -> bool, A: FnMut(&'a Expr) -> bool> SourceOrderVisitor<'a> for Finder<'a, H, A> {
        fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
            if (self.holds)(node.range()) { TraversalSignal::Traverse } else { TraversalSignal::Skip }
        }
        fn visit_expr(&mut self, expr: &'a Expr) {
            if !(self.holds)(expr.range()) {
                return;
            }
            if (self.accept)(expr) {
                self.found = Some(expr);
            }
            crate::ensure_stack(|| walk_expr(self, expr));
        }
    }
    let mut finder = Finder { holds, accept, found: None };
    finder.visit_body(&module.body);
    finder.found
}

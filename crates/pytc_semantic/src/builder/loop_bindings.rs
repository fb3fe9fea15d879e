//! The names a loop can rebind: only their slots get a loop-header placeholder, so a loop
//! costs in proportion to what it touches rather than to every name of the scope.
//!
//! Over-approximating is harmless (the placeholder then expands to nothing). Names that are
//! only narrowed in the loop need no placeholder: a narrowed copy of a binding that already
//! reaches the header adds nothing to it.

use pytc_syntax::ast::name::Name;
use pytc_syntax::ast::visitor::{Visitor, walk_except_handler, walk_expr, walk_pattern, walk_stmt};
use pytc_syntax::ast::{self, Expr, ExprContext, Pattern, Stmt};
use rustc_hash::FxHashSet;

/// What the body (and header) of one loop may bind.
#[derive(Debug, Default)]
pub(super) struct LoopBindings {
    /// Names bound, deleted or imported.
    pub(super) names: FxHashSet<Name>,
    /// Roots of the places assigned (`x` for `x.y = ...`).
    pub(super) place_roots: FxHashSet<Name>,
    /// A `from m import *` may bind any name.
    pub(super) binds_everything: bool,
}

impl LoopBindings {
    /// Collect from the loop's header expressions (`for` target, `while` test) and body.
    pub(super) fn of(header: &[&Expr], body: &[Stmt]) -> Self {
        let mut collector = Self::default();
        for expr in header {
            collector.visit_expr(expr);
        }
        for stmt in body {
            collector.visit_stmt(stmt);
        }
        collector
    }

    /// True when a symbol or place rooted at `name` needs a placeholder.
    pub(super) fn may_rebind(&self, name: &str, is_place: bool) -> bool {
        self.binds_everything || self.names.contains(name) || (is_place && self.place_roots.contains(name))
    }
}

impl<'a> Visitor<'a> for LoopBindings {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            // Nested scopes bind their own names; only the defined name is bound here.
            Stmt::FunctionDef(function) => {
                self.names.insert(function.name.id.clone());
            }
            Stmt::ClassDef(class) => {
                self.names.insert(class.name.id.clone());
            }
            Stmt::Import(import) => {
                for alias in &import.names {
                    let bound = match &alias.asname {
                        Some(asname) => asname.id.clone(),
                        None => Name::new(alias.name.id.split('.').next().unwrap_or_default()),
                    };
                    self.names.insert(bound);
                }
            }
            Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    if alias.name.id.as_str() == "*" {
                        self.binds_everything = true;
                    }
                    self.names.insert(alias.asname.as_ref().unwrap_or(&alias.name).id.clone());
                }
            }
            _ => walk_stmt(self, stmt),
        }
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        pytc_syntax::ensure_stack(|| match expr {
            Expr::Name(name) if matches!(name.ctx, ExprContext::Store | ExprContext::Del) => {
                self.names.insert(name.id.clone());
            }
            Expr::Attribute(ast::ExprAttribute { ctx: ExprContext::Store | ExprContext::Del, .. })
            | Expr::Subscript(ast::ExprSubscript { ctx: ExprContext::Store | ExprContext::Del, .. }) => {
                if let Some(root) = place_root(expr) {
                    self.place_roots.insert(root.clone());
                }
                walk_expr(self, expr);
            }
            Expr::Lambda(_) => {}
            _ => walk_expr(self, expr),
        });
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(inner) = handler;
        if let Some(name) = &inner.name {
            self.names.insert(name.id.clone());
        }
        walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a Pattern) {
        let captured = match pattern {
            Pattern::MatchAs(as_pattern) => as_pattern.name.as_ref(),
            Pattern::MatchStar(star) => star.name.as_ref(),
            Pattern::MatchMapping(mapping) => mapping.rest.as_ref(),
            _ => None,
        };
        if let Some(name) = captured {
            self.names.insert(name.id.clone());
        }
        walk_pattern(self, pattern);
    }
}

/// The root name of an attribute/subscript chain.
fn place_root(expr: &Expr) -> Option<&Name> {
    let mut current = expr;
    loop {
        match current {
            Expr::Attribute(attribute) => current = &attribute.value,
            Expr::Subscript(subscript) => current = &subscript.value,
            Expr::Name(name) => return Some(&name.id),
            _ => return None,
        }
    }
}

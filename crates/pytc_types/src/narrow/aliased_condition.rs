//! Aliased conditions: `ok = x is not None` and later `if ok:` narrows `x` as the test
//! `x is not None` itself would, when `ok` can only hold that one value at the test and the
//! binding of `x` being narrowed is the one the alias read (no assignment to `x` between).
//! A place (`ok = box.value is not None`) is checked by the index instead, which narrows it
//! by the alias only when neither it, its root nor a place it lies within was bound between.

use pytc_semantic::{Binding, DefinitionKind};
use pytc_syntax::ast::visitor::{Visitor, walk_expr};
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::infer::InferContext;
use crate::types::Type;

/// Aliases followed through other aliases (`both = ok and ready`) at most this deep.
const MAX_ALIAS_DEPTH: u32 = 4;

impl<'db> InferContext<'db> {
    /// `ty` (the type of the name or place `target`) narrowed by the test `alias` names, when
    /// `alias` is an aliased condition on that binding of `target`; `None` when it is not.
    pub(super) fn narrow_by_aliased_condition(&mut self, alias: &ast::ExprName, positive: bool, ty: Type<'db>, target: &str) -> Option<Type<'db>> {
        let is_place = target.contains('.') || target.contains('[');
        if alias.id.as_str() == target || self.aliased_condition_depth >= MAX_ALIAS_DEPTH {
            return None;
        }
        let index = self.index;
        let scope = index.scope_of_node(alias.node_index().load());
        let use_def = index.use_def_map(scope);
        let mut reaching = use_def.bindings_at_use(alias.node_index().load())?.iter();
        let (Some(only), None) = (reaching.next(), reaching.next()) else { return None };
        let Binding::Definition(definition) = only.binding else { return None };
        let definition = index.definition(definition);
        let DefinitionKind::Assignment(assignment) = &definition.kind else { return None };
        if definition.scope != scope || assignment.stmt.targets.len() != 1 || !assignment.unpack.is_empty() || !matches!(&*assignment.target, ast::Expr::Name(_)) {
            return None;
        }
        let value = &assignment.stmt.value;
        if !is_place {
            // Every read of `target` in the stored test must be of the binding narrowed here.
            // (A test that reads it only through another alias is checked when that one is
            // followed.)
            let narrowed = self.narrowed_binding?;
            let mut reads = TargetReads { target, found: Vec::new() };
            reads.visit_expr(value);
            let reads_narrowed_binding = reads.found.iter().all(|read| {
                let mut reaching = use_def.bindings_at_use(*read).into_iter().flat_map(|bindings| bindings.iter());
                matches!((reaching.next(), reaching.next()), (Some(only), None) if only.binding == Binding::Definition(narrowed))
            });
            if !reads_narrowed_binding {
                return None;
            }
        }
        self.aliased_condition_depth += 1;
        let result = self.narrow_by_test(value, positive, ty, target);
        self.aliased_condition_depth -= 1;
        Some(result)
    }
}

/// The loads of the name `target` in an expression, outside nested scopes (a lambda or
/// comprehension reads it later, not when the alias is assigned).
struct TargetReads<'t> {
    target: &'t str,
    found: Vec<ast::NodeIndex>,
}

impl<'a> Visitor<'a> for TargetReads<'_> {
    fn visit_expr(&mut self, expr: &'a ast::Expr) {
        match expr {
            ast::Expr::Name(name) if name.id.as_str() == self.target => self.found.push(name.node_index().load()),
            ast::Expr::Lambda(_) | ast::Expr::ListComp(_) | ast::Expr::SetComp(_) | ast::Expr::DictComp(_) | ast::Expr::Generator(_) => {}
            _ => pytc_syntax::ensure_stack(|| walk_expr(self, expr)),
        }
    }
}

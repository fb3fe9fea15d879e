//! Visiting expressions: name loads, place loads, short-circuit and conditional flow,
//! walrus bindings, and the scopes of lambdas and comprehensions.

use pytc_syntax::Ranged;
use pytc_syntax::ast::visitor::{Visitor, walk_expr};
use pytc_syntax::ast::{self, Expr, ExprContext, HasNodeIndex, Stmt};

use super::flow::Slot;
use super::targets::TargetContext;
use super::{BindingEffect, IndexBuilder};
use crate::definition::DefinitionKind;
use crate::scope::ScopeKind;
use crate::symbol::SymbolFlags;

impl<'a> Visitor<'a> for IndexBuilder<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        self.visit_body(std::slice::from_ref(stmt));
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        self.visit_expr_node(expr);
    }
}

impl<'a> IndexBuilder<'a> {
    pub(super) fn visit_expr_node(&mut self, expr: &'a Expr) {
        // An expression arm pruned by a static condition (`a if TYPE_CHECKING else b`) is
        // unreachable inside a reachable statement.
        let pruned = self.is_unreachable() && !self.reach_marks.in_unreachable();
        if pruned {
            let scope = self.current_scope_id();
            self.reach_marks.enter(expr.range(), scope, crate::ids::ConstraintId::ALWAYS_FALSE);
        }
        pytc_syntax::ensure_stack(|| self.visit_expr_kind(expr));
        if pruned {
            self.reach_marks.exit();
        }
    }

    fn visit_expr_kind(&mut self, expr: &'a Expr) {
        self.note_node(expr);
        match expr {
            Expr::Name(name) => {
                if matches!(name.ctx, ExprContext::Load | ExprContext::Invalid) {
                    self.record_name_load(name);
                }
            }
            Expr::Attribute(attribute) => {
                self.visit_expr_node(&attribute.value);
                if attribute.ctx == ExprContext::Load {
                    self.record_place_load(expr);
                }
            }
            Expr::Subscript(subscript) => {
                self.visit_expr_node(&subscript.value);
                self.visit_expr_node(&subscript.slice);
                if subscript.ctx == ExprContext::Load {
                    self.record_place_load(expr);
                }
            }
            Expr::BoolOp(_) => {
                let before = self.snapshot_unless_static(expr);
                let (when_true, when_false) = self.visit_test(expr);
                self.current().flow = self.merge_branches(before, vec![(None, when_true), (None, when_false)]);
            }
            Expr::If(conditional) => {
                let before = self.snapshot_unless_static(&conditional.test);
                let (when_true, when_false) = self.visit_test(&conditional.test);
                self.current().flow = when_true.clone();
                self.visit_expr_node(&conditional.body);
                let after_body = (Some(when_true), self.take_flow());
                self.current().flow = when_false.clone();
                self.visit_expr_node(&conditional.orelse);
                let after_orelse = (Some(when_false), self.take_flow());
                self.current().flow = self.merge_branches(before, vec![after_body, after_orelse]);
            }
            Expr::Named(named) => {
                self.visit_expr_node(&named.value);
                self.define_walrus_target(named);
            }
            Expr::Lambda(lambda) => self.visit_lambda(lambda),
            Expr::ListComp(comprehension) => {
                self.visit_comprehension(expr, &comprehension.generators, |builder| {
                    builder.visit_expr_node(&comprehension.elt);
                });
            }
            Expr::SetComp(comprehension) => {
                self.visit_comprehension(expr, &comprehension.generators, |builder| {
                    builder.visit_expr_node(&comprehension.elt);
                });
            }
            Expr::Generator(generator) => {
                self.visit_comprehension(expr, &generator.generators, |builder| {
                    builder.visit_expr_node(&generator.elt);
                });
            }
            Expr::DictComp(comprehension) => {
                self.visit_comprehension(expr, &comprehension.generators, |builder| {
                    if let Some(key) = &comprehension.key {
                        builder.visit_expr_node(key);
                    }
                    builder.visit_expr_node(&comprehension.value);
                });
            }
            Expr::BinOp(_) => self.visit_binary_chain(expr),
            _ => walk_expr(self, expr),
        }
    }

    /// `a + b + c + ...` nests to the left; walk that spine iteratively so long chains do not
    /// deepen the recursion.
    fn visit_binary_chain(&mut self, expr: &'a Expr) {
        let mut spine = Vec::new();
        let mut leftmost = expr;
        while let Expr::BinOp(binary) = leftmost {
            self.note_node(leftmost);
            spine.push(binary);
            leftmost = &binary.left;
        }
        self.visit_expr_node(leftmost);
        for binary in spine.into_iter().rev() {
            self.visit_expr_node(&binary.right);
        }
    }

    fn record_place_load(&mut self, expr: &'a Expr) {
        let node = expr.node_index().load();
        if let Some(place) = self.existing_place_of(expr) {
            self.current().record_use(node, Slot::Place(place.as_u32()));
        } else {
            self.record_enclosing_place_snapshot(expr, node);
        }
    }

    /// `(name := value)` binds in the innermost enclosing scope that is not a comprehension.
    fn define_walrus_target(&mut self, named: &'a ast::ExprNamed) {
        let Expr::Name(name) = &*named.target else {
            self.visit_expr_node(&named.target);
            return;
        };
        self.note_node(&*named.target);
        let kind = DefinitionKind::NamedExpression(self.node_ref(named));
        let node = name.node_index.load();
        let depth = self
            .stack
            .iter()
            .rposition(|scope| self.scopes[scope.id].kind != ScopeKind::Comprehension)
            .unwrap_or(0);
        if depth + 1 == self.stack.len() {
            self.define_name(&name.id, SymbolFlags::empty(), kind, node, name.range, BindingEffect::Bind);
        } else {
            let symbol = self.stack[depth].add_symbol(&name.id, SymbolFlags::empty());
            self.add_definition(depth, Slot::Symbol(symbol.as_u32()), kind, node, name.range, BindingEffect::BindMaybe);
            // The comprehension reads the name from the enclosing scope, through its own
            // flow: known here (unbound, not a local), a test such as `if (name := f(x))`
            // narrows it for the element.
            self.current().add_symbol(&name.id, SymbolFlags::empty());
        }
    }

    fn visit_lambda(&mut self, lambda: &'a ast::ExprLambda) {
        if let Some(parameters) = &lambda.parameters {
            for parameter in parameters.iter_non_variadic_params() {
                if let Some(default) = &parameter.default {
                    self.visit_expr_node(default);
                }
            }
        }
        let node = lambda.node_index.load();
        self.push_scope(ScopeKind::Lambda, Some(node), None, lambda.range);
        if let Some(parameters) = &lambda.parameters {
            self.define_parameters(parameters, node);
        }
        self.visit_expr_node(&lambda.body);
        self.pop_scope();
    }

    /// A comprehension's scope: the first iterable is evaluated outside it, every target is
    /// bound inside it, and each `if` narrows what follows.
    fn visit_comprehension(
        &mut self,
        expr: &'a Expr,
        generators: &'a [ast::Comprehension],
        visit_elements: impl FnOnce(&mut Self),
    ) {
        if let Some(first) = generators.first() {
            self.visit_expr_node(&first.iter);
        }
        self.push_scope(ScopeKind::Comprehension, Some(expr.node_index().load()), None, expr.range());
        for (position, generator) in generators.iter().enumerate() {
            self.note_node(generator);
            if position > 0 {
                self.visit_expr_node(&generator.iter);
            }
            self.visit_target(&generator.target, &TargetContext::Comprehension(generator, position == 0));
            for condition in &generator.ifs {
                let (when_true, _) = self.visit_test(condition);
                self.current().flow = when_true;
            }
        }
        visit_elements(self);
        self.pop_scope();
    }
}

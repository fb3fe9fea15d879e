//! Visiting statements: scopes opened by `def`/`class`/`type`, bindings, and the control
//! flow of `if`, loops, `try`, `with`, `match`, `return`/`raise`/`break`/`continue`.

use pytc_syntax::Ranged;
use pytc_syntax::ast::name::Name;
use pytc_syntax::ast::{self, Expr, HasNodeIndex, Stmt};

use super::flow::{FlowBinding, FlowState, LiveBinding, Slot};
use super::loop_bindings::LoopBindings;
use super::targets::TargetContext;
use super::{BindingEffect, IndexBuilder};
use crate::definition::{
    AnnotatedAssignmentDefinition, DefinitionKind, ExceptHandlerDefinition, ImportDefinition, ImportFromDefinition,
    StarImportDefinition,
};
use crate::ids::{ConstraintId, ScopeId};
use crate::predicate::{MatchCaseRef, PredicateKind};
use crate::scope::ScopeKind;
use crate::static_truth::KnownConditionModule;
use crate::symbol::SymbolFlags;

impl<'a> IndexBuilder<'a> {
    pub(super) fn visit_body(&mut self, body: &'a [Stmt]) {
        for stmt in body {
            self.visit_statement(stmt);
        }
    }

    /// A statement directly in a module or class body. When a top-level `raise` or `assert`
    /// ends every path (`assert sys.platform == "win32"` at the end of a module, checked on
    /// Linux), the state before it is kept: what the body bound up to there stays its public
    /// names, as other checkers see them, rather than nothing.
    pub(super) fn visit_body_statement(&mut self, stmt: &'a Stmt) {
        let before = (matches!(stmt, Stmt::Raise(_) | Stmt::Assert(_)) && !self.is_unreachable()).then(|| self.current().flow.clone());
        self.visit_statement(stmt);
        if let Some(before) = before
            && self.is_unreachable()
        {
            self.current().exit_by_exception = Some(before);
        }
    }

    pub(super) fn visit_statement(&mut self, stmt: &'a Stmt) {
        self.note_node(stmt);
        let scope = self.current_scope_id();
        let reach = self.current().flow.reach;
        self.reach_marks.enter(stmt.range(), scope, reach);
        if scope == ScopeId::MODULE && !self.is_unreachable() {
            self.dunder_all.visit_statement(stmt);
        }
        match stmt {
            Stmt::FunctionDef(function) => self.visit_function_def(function),
            Stmt::ClassDef(class) => self.visit_class_def(class),
            Stmt::TypeAlias(alias) => self.visit_type_alias(alias),
            Stmt::Return(ret) => {
                if let Some(value) = &ret.value {
                    self.visit_expr_node(value);
                }
                let flow = self.take_flow();
                if !flow.is_unreachable() {
                    self.current().returns.push(flow);
                }
            }
            Stmt::Delete(delete) => {
                for target in &delete.targets {
                    self.visit_delete_target(target);
                }
            }
            Stmt::Assign(assign) => {
                self.visit_expr_node(&assign.value);
                for target in &assign.targets {
                    self.visit_target(target, &TargetContext::Assign(assign));
                }
            }
            Stmt::AugAssign(assign) => self.visit_augmented_assignment(assign),
            Stmt::AnnAssign(assign) => self.visit_annotated_assignment(assign),
            Stmt::For(for_stmt) => self.visit_for(for_stmt),
            Stmt::While(while_stmt) => self.visit_while(while_stmt),
            Stmt::If(if_stmt) => self.visit_if(if_stmt),
            Stmt::With(with) => self.visit_with(with),
            Stmt::Match(match_stmt) => self.visit_match(match_stmt),
            Stmt::Raise(raise) => {
                if let Some(exception) = &raise.exc {
                    self.visit_expr_node(exception);
                }
                if let Some(cause) = &raise.cause {
                    self.visit_expr_node(cause);
                }
                self.take_flow();
            }
            Stmt::Try(try_stmt) => self.visit_try(try_stmt),
            Stmt::Assert(assert) => {
                let (when_true, when_false) = self.visit_test(&assert.test);
                if let Some(message) = &assert.msg {
                    self.current().flow = when_false;
                    self.visit_expr_node(message);
                }
                self.current().flow = when_true;
            }
            Stmt::Import(import) => self.visit_import(import),
            Stmt::ImportFrom(import) => self.visit_import_from(import),
            Stmt::Global(global) => {
                for name in &global.names {
                    self.current().add_symbol(&name.id, SymbolFlags::GLOBAL);
                }
            }
            Stmt::Nonlocal(nonlocal) => {
                for name in &nonlocal.names {
                    self.current().add_symbol(&name.id, SymbolFlags::NONLOCAL);
                    self.note_nonlocal(&name.id);
                }
            }
            Stmt::Expr(statement) => self.visit_expression_statement(&statement.value),
            Stmt::Break(_) => {
                let flow = self.take_flow();
                if let Some(exits) = self.current().loop_exits.last_mut() {
                    exits.breaks.push(flow);
                }
            }
            Stmt::Continue(_) => {
                let flow = self.take_flow();
                if let Some(exits) = self.current().loop_exits.last_mut() {
                    exits.continues.push(flow);
                }
            }
            Stmt::Pass(_) | Stmt::IpyEscapeCommand(_) => {}
        }
        self.reach_marks.exit();
    }

    /// Take the current flow state, leaving an unreachable one (after a jump).
    pub(super) fn take_flow(&mut self) -> FlowState {
        let unreachable = self.current().flow.unreachable();
        std::mem::replace(&mut self.current().flow, unreachable)
    }

    fn visit_function_def(&mut self, function: &'a ast::StmtFunctionDef) {
        for decorator in &function.decorator_list {
            self.visit_expr_node(&decorator.expression);
        }
        for parameter in function.parameters.iter_non_variadic_params() {
            if let Some(default) = &parameter.default {
                self.visit_expr_node(default);
            }
        }
        let type_params = function.type_params.as_deref();
        if let Some(type_params) = type_params {
            self.open_type_params_scope(type_params, &function.name.id);
        }
        for parameter in function.parameters.iter() {
            if let Some(annotation) = parameter.annotation() {
                self.visit_expr_node(annotation);
            }
        }
        if let Some(returns) = &function.returns {
            self.visit_expr_node(returns);
        }
        let node = function.node_index.load();
        self.push_scope(ScopeKind::Function, Some(node), Some(function.name.id.clone()), function.range);
        self.define_parameters(&function.parameters, node);
        self.visit_body(&function.body);
        self.pop_scope();
        if type_params.is_some() {
            self.pop_scope();
        }
        let kind = DefinitionKind::Function(self.node_ref(function));
        self.define_name(&function.name.id, SymbolFlags::empty(), kind, node, function.name.range, BindingEffect::Bind);
    }

    fn visit_class_def(&mut self, class: &'a ast::StmtClassDef) {
        for decorator in &class.decorator_list {
            self.visit_expr_node(&decorator.expression);
        }
        let type_params = class.type_params.as_deref();
        if let Some(type_params) = type_params {
            self.open_type_params_scope(type_params, &class.name.id);
        }
        if let Some(arguments) = &class.arguments {
            for base in &arguments.args {
                self.visit_expr_node(base);
            }
            for keyword in &arguments.keywords {
                self.visit_expr_node(&keyword.value);
            }
        }
        let node = class.node_index.load();
        self.push_scope(ScopeKind::Class, Some(node), Some(class.name.id.clone()), class.range);
        for stmt in &class.body {
            self.visit_body_statement(stmt);
        }
        self.pop_scope();
        if type_params.is_some() {
            self.pop_scope();
        }
        let kind = DefinitionKind::Class(self.node_ref(class));
        self.define_name(&class.name.id, SymbolFlags::empty(), kind, node, class.name.range, BindingEffect::Bind);
    }

    fn visit_type_alias(&mut self, alias: &'a ast::StmtTypeAlias) {
        let Expr::Name(name) = &*alias.name else {
            self.visit_expr_node(&alias.name);
            self.visit_expr_node(&alias.value);
            return;
        };
        self.note_node(&*alias.name);
        let type_params = alias.type_params.as_deref();
        if let Some(type_params) = type_params {
            self.open_type_params_scope(type_params, &name.id);
        }
        let node = alias.node_index.load();
        self.push_scope(ScopeKind::TypeAlias, Some(node), Some(name.id.clone()), alias.range);
        self.visit_expr_node(&alias.value);
        self.pop_scope();
        if type_params.is_some() {
            self.pop_scope();
        }
        let kind = DefinitionKind::TypeAlias(self.node_ref(alias));
        self.define_name(&name.id, SymbolFlags::empty(), kind, node, name.range, BindingEffect::Bind);
    }

    /// Open the PEP 695 scope of `type_params` and define the parameters in it.
    fn open_type_params_scope(&mut self, type_params: &'a ast::TypeParams, owner: &Name) {
        self.push_scope(ScopeKind::TypeParams, Some(type_params.node_index.load()), Some(owner.clone()), type_params.range);
        for type_param in &type_params.type_params {
            self.note_node(type_param);
            let name = match type_param {
                ast::TypeParam::TypeVar(type_var) => &type_var.name,
                ast::TypeParam::TypeVarTuple(type_var_tuple) => &type_var_tuple.name,
                ast::TypeParam::ParamSpec(param_spec) => &param_spec.name,
            };
            let kind = DefinitionKind::TypeParameter(self.node_ref(type_param));
            let node = type_param.node_index().load();
            self.define_name(&name.id, SymbolFlags::empty(), kind, node, name.range, BindingEffect::Bind);
        }
        for type_param in &type_params.type_params {
            let (bound, default) = match type_param {
                ast::TypeParam::TypeVar(type_var) => (type_var.bound.as_deref(), type_var.default.as_deref()),
                ast::TypeParam::TypeVarTuple(type_var_tuple) => (None, type_var_tuple.default.as_deref()),
                ast::TypeParam::ParamSpec(param_spec) => (None, param_spec.default.as_deref()),
            };
            for expr in bound.into_iter().chain(default) {
                self.visit_expr_node(expr);
            }
        }
    }

    fn visit_delete_target(&mut self, target: &'a Expr) {
        self.note_node(target);
        match target {
            Expr::Name(name) => {
                self.record_name_load(name);
                let kind = DefinitionKind::Delete(self.node_ref(target));
                self.define_name(&name.id, SymbolFlags::empty(), kind, name.node_index.load(), name.range, BindingEffect::Delete);
            }
            Expr::Tuple(tuple) => {
                for element in &tuple.elts {
                    self.visit_delete_target(element);
                }
            }
            Expr::List(list) => {
                for element in &list.elts {
                    self.visit_delete_target(element);
                }
            }
            Expr::Attribute(_) | Expr::Subscript(_) => {
                self.visit_target_children(target);
                if let Some(place) = self.existing_place_of(target) {
                    let depth = self.stack.len() - 1;
                    let kind = DefinitionKind::Delete(self.node_ref(target));
                    let node = target.node_index().load();
                    self.add_definition(depth, Slot::Place(place.as_u32()), kind, node, target.range(), BindingEffect::Delete);
                }
            }
            other => self.visit_expr_node(other),
        }
    }

    fn visit_augmented_assignment(&mut self, assign: &'a ast::StmtAugAssign) {
        self.visit_expr_node(&assign.value);
        let target = &*assign.target;
        self.note_node(target);
        let kind = DefinitionKind::AugmentedAssignment(self.node_ref(assign));
        match target {
            Expr::Name(name) => {
                self.record_name_load(name);
                self.define_name(&name.id, SymbolFlags::empty(), kind, name.node_index.load(), name.range, BindingEffect::Bind);
            }
            Expr::Attribute(_) | Expr::Subscript(_) => {
                self.visit_target_children(target);
                if let Some(place) = self.place_of(target) {
                    let node = target.node_index().load();
                    self.current().record_use(node, Slot::Place(place.as_u32()));
                    let depth = self.stack.len() - 1;
                    self.add_definition(depth, Slot::Place(place.as_u32()), kind, node, target.range(), BindingEffect::Bind);
                }
            }
            other => self.visit_expr_node(other),
        }
    }

    fn visit_annotated_assignment(&mut self, assign: &'a ast::StmtAnnAssign) {
        self.visit_expr_node(&assign.annotation);
        if let Some(value) = &assign.value {
            self.visit_expr_node(value);
        }
        let effect = if assign.value.is_some() { BindingEffect::Bind } else { BindingEffect::DeclareOnly };
        let target = &*assign.target;
        self.note_node(target);
        let kind = DefinitionKind::AnnotatedAssignment(AnnotatedAssignmentDefinition { stmt: self.node_ref(assign), has_value: assign.value.is_some() });
        match target {
            Expr::Name(name) => {
                self.define_name(&name.id, SymbolFlags::empty(), kind, name.node_index.load(), name.range, effect);
            }
            Expr::Attribute(_) | Expr::Subscript(_) => {
                self.visit_target_children(target);
                if let Some(place) = self.place_of(target) {
                    let depth = self.stack.len() - 1;
                    let node = target.node_index().load();
                    self.add_definition(depth, Slot::Place(place.as_u32()), kind, node, target.range(), effect);
                }
            }
            other => self.visit_expr_node(other),
        }
    }

    fn visit_for(&mut self, for_stmt: &'a ast::StmtFor) {
        self.visit_expr_node(&for_stmt.iter);
        let rebinds = LoopBindings::of(&[&for_stmt.target], &for_stmt.body);
        let loop_id = self.current().enter_loop(&rebinds);
        let exhausted = self.current().flow.clone();
        self.visit_target(&for_stmt.target, &TargetContext::For(for_stmt));
        let targets = self.for_target_slots(&for_stmt.target);
        self.visit_body(&for_stmt.body);
        self.finish_loop(loop_id, exhausted, &for_stmt.orelse, &targets);
    }

    /// The local names a `for` target binds. After the loop they count as bound, as if the
    /// iterable had an item (mypy and pyrefly assume the same): an empty iterable leaving a
    /// loop variable unbound is rarely what the code meant to handle.
    fn for_target_slots(&mut self, target: &'a Expr) -> Vec<Slot> {
        let mut names = Vec::new();
        collect_target_names(target, &mut names);
        let scope = self.current();
        names
            .into_iter()
            .filter_map(|name| {
                let symbol = scope.table.symbol_id(name)?;
                let data = scope.table.symbol(symbol);
                (!data.is_global() && !data.is_nonlocal()).then_some(Slot::Symbol(symbol.as_u32()))
            })
            .collect()
    }

    fn visit_while(&mut self, while_stmt: &'a ast::StmtWhile) {
        let rebinds = LoopBindings::of(&[&while_stmt.test], &while_stmt.body);
        let loop_id = self.current().enter_loop(&rebinds);
        let (when_true, when_false) = self.visit_test(&while_stmt.test);
        self.current().flow = when_true;
        self.visit_body(&while_stmt.body);
        self.finish_loop(loop_id, when_false, &while_stmt.orelse, &[]);
    }

    /// After a loop body: record the back edge, visit the `else` clause from `exit` (the
    /// loop condition failing, with `ran_once` taken as bound) and join it with the `break`s.
    fn finish_loop(&mut self, loop_id: u32, exit: FlowState, orelse: &'a [Stmt], ran_once: &[Slot]) {
        let exits = self.current().loop_exits.pop().unwrap_or_default();
        let body_end = self.take_flow();
        let back_edge = self.current().merge_all(body_end, exits.continues);
        self.current().record_back_edge(loop_id, back_edge);
        // Slots first bound in the body start out, on the exit path, with what flows back.
        let mut exit = exit;
        self.current().complete(&mut exit);
        exit.active_loops.retain(|active| *active != loop_id);
        for slot in ran_once {
            self.current().assume_bound(&mut exit, *slot);
        }
        self.current().flow = exit;
        self.visit_body(orelse);
        let after_else = self.take_flow();
        self.current().flow = self.current().merge_all(after_else, exits.breaks);
    }

    fn visit_if(&mut self, if_stmt: &'a ast::StmtIf) {
        let before = self.snapshot_unless_static(&if_stmt.test);
        let (when_true, mut otherwise, truth) = self.visit_test_truth(&if_stmt.test);
        // Where every test of the chain failed: a path there whose tests leave nothing of
        // their subject's type (an exhaustive chain without `else`) does not exist.
        let mut failed = truth.fails;
        let mut branches = Vec::new();
        self.current().flow = when_true.clone();
        self.visit_body(&if_stmt.body);
        branches.push((Some(when_true), self.take_flow()));
        for clause in &if_stmt.elif_else_clauses {
            self.note_node(clause);
            self.current().flow = otherwise;
            match &clause.test {
                Some(test) => {
                    let (when_true, when_false, truth) = self.visit_test_truth(test);
                    failed = self.current().constraints.and(failed, truth.fails);
                    self.current().flow = when_true.clone();
                    self.visit_body(&clause.body);
                    branches.push((Some(when_true), self.take_flow()));
                    otherwise = when_false;
                }
                None => {
                    let start = self.current().flow.clone();
                    self.visit_body(&clause.body);
                    branches.push((Some(start), self.take_flow()));
                    otherwise = self.current().flow.unreachable();
                }
            }
        }
        if !otherwise.is_unreachable() {
            let scope = self.current();
            otherwise.reach = scope.constraints.and(otherwise.reach, failed);
            branches.push((None, otherwise));
        }
        self.current().flow = self.merge_branches(before, branches);
    }

    /// The current state, kept to undo a test's narrowing after its branches join; `None`
    /// when the test is statically known (a branch is pruned, so nothing can be undone).
    pub(super) fn snapshot_unless_static(&mut self, test: &Expr) -> Option<FlowState> {
        if self.truth.evaluate_condition(test).is_some() {
            return None;
        }
        Some(self.current().flow.clone())
    }

    fn visit_with(&mut self, with: &'a ast::StmtWith) {
        for (index, item) in with.items.iter().enumerate() {
            self.note_node(item);
            self.visit_expr_node(&item.context_expr);
            if let Some(target) = &item.optional_vars {
                self.visit_target(target, &TargetContext::With(with, index as u32));
            }
        }
        let entry = self.current().flow.clone();
        self.current().try_bindings.push(Vec::new());
        self.visit_body(&with.body);
        let body_bindings = self.pop_try_bindings();
        if entry.is_unreachable() {
            return;
        }
        // A context manager that swallows an exception resumes after the `with` from any
        // point of its body.
        let predicate = self.add_predicate(PredicateKind::WithSwallowsExceptions(self.node_ref(with)));
        let scope = self.current();
        let swallows = scope.constraints.atom(predicate, false);
        let mut swallowed = entry;
        scope.add_bindings(&mut swallowed, &body_bindings);
        swallowed.reach = scope.constraints.and(swallowed.reach, swallows);
        let body_end = self.take_flow();
        self.current().flow = self.current().merge(body_end, swallowed);
    }

    fn visit_match(&mut self, match_stmt: &'a ast::StmtMatch) {
        self.visit_expr_node(&match_stmt.subject);
        let subject_slots = self.narrowing_slots(&match_stmt.subject, None);
        let mut no_match = self.take_flow();
        let mut ends = Vec::new();
        // The failed patterns, which the fall-through path is reached under: when together
        // they leave nothing of the subject's type (an exhaustive match), it is unreachable.
        let mut failed = ConstraintId::ALWAYS_TRUE;
        for (case_index, case) in match_stmt.cases.iter().enumerate() {
            self.note_node(case);
            let irrefutable = case.pattern.is_irrefutable();
            let (matched, unmatched) = if irrefutable {
                let unmatched = no_match.unreachable();
                let mut matched = no_match;
                // `case _:` is the fall-through path: reached only where the cases before
                // it leave something of the subject.
                if !matched.is_unreachable() && !subject_slots.is_empty() {
                    let scope = self.current();
                    matched.reach = scope.constraints.and(matched.reach, failed);
                }
                (matched, unmatched)
            } else {
                let predicate = self.add_predicate(PredicateKind::Pattern {
                    subject: self.node_ref(&*match_stmt.subject),
                    case: MatchCaseRef::new(self.node_ref(match_stmt), case_index),
                });
                if case.guard.is_none() {
                    let scope = self.current();
                    let negative = scope.constraints.atom(predicate, true);
                    failed = scope.constraints.and(failed, negative);
                }
                self.split_on_predicate(no_match, predicate, &subject_slots)
            };
            self.current().flow = matched;
            self.visit_pattern(&case.pattern, match_stmt, case_index);
            let guard_failed = match &case.guard {
                Some(guard) => {
                    let (when_true, when_false) = self.visit_test(guard);
                    self.current().flow = when_true;
                    Some(when_false)
                }
                None => None,
            };
            self.visit_body(&case.body);
            ends.push(self.take_flow());
            no_match = match guard_failed {
                Some(guard_failed) => self.current().merge(unmatched, guard_failed),
                None => unmatched,
            };
        }
        if !no_match.is_unreachable() && !subject_slots.is_empty() {
            let scope = self.current();
            no_match.reach = scope.constraints.and(no_match.reach, failed);
        }
        ends.push(no_match);
        self.current().flow = self.merge_states(ends);
    }

    fn visit_try(&mut self, try_stmt: &'a ast::StmtTry) {
        let returns_before = self.current().returns.len();
        let entry = self.current().flow.clone();
        self.current().try_bindings.push(Vec::new());
        self.visit_body(&try_stmt.body);
        let body_bindings = self.pop_try_bindings();
        let body_end = self.take_flow();
        // An exception can leave the body after any of its bindings.
        let mut handler_entry = entry;
        self.current().add_bindings(&mut handler_entry, &body_bindings);

        let mut normal_ends = Vec::new();
        for handler in &try_stmt.handlers {
            let ast::ExceptHandler::ExceptHandler(handler) = handler;
            self.note_node(handler);
            self.current().flow = handler_entry.clone();
            if let Some(exception_type) = &handler.type_ {
                self.visit_expr_node(exception_type);
            }
            let bound = handler.name.as_ref().map(|name| {
                let kind = DefinitionKind::ExceptHandler(ExceptHandlerDefinition {
                    handler: self.node_ref(handler),
                    is_star: try_stmt.is_star,
                });
                let definition =
                    self.define_name(&name.id, SymbolFlags::empty(), kind, handler.node_index.load(), name.range, BindingEffect::Bind);
                self.definitions[definition].target
            });
            self.visit_body(&handler.body);
            if let Some(crate::definition::DefinitionTarget::Symbol(symbol)) = bound {
                // `except E as e` deletes `e` when the handler ends.
                self.current().bind(Slot::Symbol(symbol.as_u32()), FlowBinding::Unbound);
            }
            normal_ends.push(self.take_flow());
        }
        self.current().flow = body_end;
        self.visit_body(&try_stmt.orelse);
        normal_ends.push(self.take_flow());
        let normal = self.merge_states(normal_ends);

        if try_stmt.finalbody.is_empty() {
            self.current().flow = normal;
            return;
        }
        // `finally` runs after normal completion, on the way out of an exception and before
        // every `return` of the `try` statement.
        let pending_returns: Vec<FlowState> = self.current().returns.drain(returns_before..).collect();
        let both = self.current().merge(normal.clone(), handler_entry);
        let entry = self.current().merge_all(both, pending_returns.iter().cloned());
        self.current().flow = entry;
        self.current().try_bindings.push(Vec::new());
        self.visit_body(&try_stmt.finalbody);
        let finally_bindings = self.pop_try_bindings();
        let mut finally_end = self.take_flow();
        if finally_end.is_unreachable() {
            // The `finally` never completes: neither the normal paths nor the returns go on.
            self.current().flow = finally_end;
            return;
        }
        self.current().complete(&mut finally_end);
        for pending in pending_returns {
            let updated = self.after_finally(pending, &finally_end, &finally_bindings);
            self.current().returns.push(updated);
        }
        self.current().flow =
            if normal.is_unreachable() { normal } else { self.after_finally(normal, &finally_end, &finally_bindings) };
    }

    /// A path that went through a `finally` block: what it had, updated by the block's
    /// bindings.
    fn after_finally(&mut self, mut path: FlowState, finally_end: &FlowState, finally_bindings: &[(Slot, LiveBinding)]) -> FlowState {
        self.current().complete(&mut path);
        for (slot, _) in finally_bindings {
            if let Some(state) = finally_end.slot(*slot) {
                *path.slot_mut(*slot) = state.clone();
            }
        }
        path
    }

    /// Pop the innermost `try`/`with` binding record, passing its bindings on to the
    /// enclosing one (an exception there can also leave after them).
    fn pop_try_bindings(&mut self) -> Vec<(Slot, LiveBinding)> {
        let scope = self.current();
        let bindings = scope.try_bindings.pop().unwrap_or_default();
        if let Some(outer) = scope.try_bindings.last_mut() {
            outer.extend(bindings.iter().copied());
        }
        bindings
    }

    fn visit_import(&mut self, import: &'a ast::StmtImport) {
        for alias in &import.names {
            self.note_node(alias);
            let (bound_name, name_range, binds_full_module) = match &alias.asname {
                Some(asname) => (asname.id.clone(), asname.range, true),
                None => {
                    let full = alias.name.id.as_str();
                    let first = full.split('.').next().unwrap_or(full);
                    (Name::new(first), alias.name.range, !full.contains('.'))
                }
            };
            if alias.asname.is_some() {
                self.truth.add_module_alias(&bound_name, alias.name.id.as_str());
            }
            let is_reexport = alias.asname.as_ref().is_some_and(|asname| asname.id == alias.name.id);
            let kind = DefinitionKind::Import(ImportDefinition {
                stmt: self.node_ref(import),
                alias: self.node_ref(alias),
                binds_full_module,
                is_reexport,
            });
            self.define_name(&bound_name, SymbolFlags::IMPORTED, kind, alias.node_index.load(), name_range, BindingEffect::Bind);
        }
    }

    fn visit_import_from(&mut self, import: &'a ast::StmtImportFrom) {
        let module = import.module.as_ref().map(|module| module.id.as_str());
        if module == Some("__future__") && import.names.iter().any(|alias| alias.name.id.as_str() == "annotations") {
            self.has_future_annotations = true;
        }
        for alias in &import.names {
            self.note_node(alias);
            if alias.name.id.as_str() == "*" {
                let kind = DefinitionKind::StarImport(StarImportDefinition { stmt: self.node_ref(import) });
                let node = import.node_index.load();
                let definition =
                    self.define_name(&alias.name.id, SymbolFlags::IMPORTED, kind, node, alias.range, BindingEffect::Bind);
                if !self.is_unreachable() {
                    let predicate = self.add_predicate(PredicateKind::StarImportProvides(definition));
                    self.current().apply_star_import(definition, predicate);
                    let scope = self.current_scope_id();
                    self.star_imports.entry(scope).or_default().push(definition);
                }
                continue;
            }
            let (bound, name_range) = match &alias.asname {
                Some(asname) => (&asname.id, asname.range),
                None => (&alias.name.id, alias.name.range),
            };
            if alias.name.id.as_str() == "TYPE_CHECKING" && module.is_some_and(|module| KnownConditionModule::from_module_name(module) == Some(KnownConditionModule::Typing)) {
                self.truth.add_type_checking_alias(bound);
            }
            let is_reexport = alias.asname.as_ref().is_some_and(|asname| asname.id == alias.name.id);
            let kind = DefinitionKind::ImportFrom(ImportFromDefinition {
                stmt: self.node_ref(import),
                alias: self.node_ref(alias),
                is_reexport,
            });
            self.define_name(bound, SymbolFlags::IMPORTED, kind, alias.node_index.load(), name_range, BindingEffect::Bind);
        }
    }

    /// An expression statement; a call may be to a `NoReturn` function, so the paths after it
    /// carry a `CallReturns` predicate (`assert_never(...)` ends the path outright).
    fn visit_expression_statement(&mut self, value: &'a Expr) {
        self.visit_expr_node(value);
        let (call, awaited) = match value {
            Expr::Call(call) => (call, false),
            Expr::Await(await_expr) => match &*await_expr.value {
                Expr::Call(call) => (call, true),
                _ => return,
            },
            _ => return,
        };
        if self.is_unreachable() {
            return;
        }
        let callee_name = match &*call.func {
            Expr::Name(name) => Some(name.id.as_str()),
            Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
            _ => None,
        };
        if callee_name == Some("assert_never") {
            self.take_flow();
            return;
        }
        let predicate = self.add_predicate(PredicateKind::CallReturns { call: self.node_ref(call), awaited });
        let scope = self.current();
        let returns = scope.constraints.atom(predicate, false);
        scope.flow.reach = scope.constraints.and(scope.flow.reach, returns);
    }
}

/// The names bound by an assignment target (through tuples, lists and starred parts).
fn collect_target_names<'a>(target: &'a Expr, names: &mut Vec<&'a Name>) {
    let mut pending = vec![target];
    while let Some(expr) = pending.pop() {
        match expr {
            Expr::Name(name) => names.push(&name.id),
            Expr::Tuple(tuple) => pending.extend(tuple.elts.iter()),
            Expr::List(list) => pending.extend(list.elts.iter()),
            Expr::Starred(starred) => pending.push(&starred.value),
            _ => {}
        }
    }
}

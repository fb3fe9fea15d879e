//! Names a nested function or lambda reads from an enclosing function. The nested scope runs
//! later, so in general it sees the name's final value; but when the enclosing function never
//! binds the name again after the nested scope is defined (no later assignment, no loop around
//! the definition that binds it, no `nonlocal` assignment from another nested scope), the
//! value it sees is the one live at the definition point, narrowing included. Such loads are
//! recorded as uses in the enclosing scope's use-def map (keyed by the inner load), and
//! dropped again as soon as a later binding shows up.

use pytc_syntax::ast::NodeIndex;
use pytc_syntax::ast::name::Name;

use super::IndexBuilder;
use super::flow::Slot;
use super::scope_builder::ScopeBuilder;
use crate::scope::ScopeKind;

impl IndexBuilder<'_> {
    /// Record the bindings of `name` live where the outermost nested function or lambda
    /// around this load is defined, in the enclosing function that binds the name.
    pub(super) fn record_definition_point_snapshot(&mut self, name: &Name, node: NodeIndex) {
        let current = self.stack.len() - 1;
        if self.stack[current].table.symbol_by_name(name).is_some_and(|symbol| symbol.is_local()) {
            return;
        }
        let mut crossed_nested_function = false;
        for depth in (0..=current).rev() {
            let kind = self.scopes[self.stack[depth].id].kind;
            if depth < current && kind != ScopeKind::Class {
                if let Some(symbol) = self.stack[depth].table.symbol_id(name) {
                    let data = self.stack[depth].table.symbol(symbol);
                    if data.is_global() || data.is_nonlocal() {
                        return;
                    }
                    if data.is_local() {
                        if crossed_nested_function && kind.is_function_like() {
                            self.stack[depth].record_definition_point_use(node, symbol.as_u32());
                        }
                        return;
                    }
                }
            }
            if kind == ScopeKind::Module {
                return;
            }
            crossed_nested_function |= matches!(kind, ScopeKind::Function | ScopeKind::Lambda);
        }
    }

    /// A `nonlocal` declaration lets the current scope rebind `name` in the enclosing function
    /// at any time: loads of it from nested scopes there see its final value.
    pub(super) fn note_nonlocal(&mut self, name: &Name) {
        let current = self.stack.len() - 1;
        for depth in (0..current).rev() {
            let scope = &mut self.stack[depth];
            if let Some(symbol) = scope.table.symbol_id(name)
                && scope.table.symbol(symbol).is_local()
            {
                scope.forget_definition_point_uses(symbol.as_u32());
                scope.rebound_from_nested.insert(symbol.as_u32());
                scope.table.add_flags(symbol, crate::symbol::SymbolFlags::REBOUND_FROM_NESTED);
                return;
            }
        }
    }
}

impl ScopeBuilder {
    /// Record the bindings of `symbol` live now for the load `node` in a nested scope, unless
    /// the symbol may be bound again after this point.
    pub(super) fn record_definition_point_use(&mut self, node: NodeIndex, symbol: u32) {
        if self.flow.is_unreachable() || self.rebound_from_nested.contains(&symbol) {
            return;
        }
        let slot = Slot::Symbol(symbol);
        // A loop around the definition that binds the name rebinds it after the definition,
        // in its next iteration.
        let rebound_by_a_loop = self.flow.active_loops.iter().any(|loop_id| self.loops[*loop_id as usize].may_rebind(slot));
        if rebound_by_a_loop {
            return;
        }
        self.complete_current();
        let list = self.flow.slot(slot).map(|state| state.bindings.clone()).unwrap_or_default();
        let list_id = self.intern_list(list);
        self.definition_point_uses.entry(symbol).or_default().push((node, list_id));
    }

    /// The symbol is bound (again) here: nested scopes defined before see this binding too.
    pub(super) fn forget_definition_point_uses(&mut self, symbol: u32) {
        if !self.definition_point_uses.is_empty() {
            self.definition_point_uses.remove(&symbol);
        }
    }
}

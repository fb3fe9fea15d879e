//! Conditions: splitting the flow on a test expression (following `and`/`or`/`not` and
//! pruning statically known branches), the narrowing targets of a test, and joining the
//! branches again.

use pytc_syntax::ast::{self, Expr};
use smallvec::SmallVec;

use super::IndexBuilder;
use super::flow::{CHUNK, FlowState, Slot, SlotState};
use crate::ids::{ConstraintId, DefinitionId, PlaceId, PredicateId};
use crate::symbol::{MAX_PLACE_SEGMENTS, Place, PlaceSegment, SymbolFlags};
use crate::predicate::PredicateKind;

/// The constraints under which a test holds and under which it fails.
#[derive(Clone, Copy)]
pub(super) struct TestTruth {
    pub(super) holds: ConstraintId,
    pub(super) fails: ConstraintId,
}

impl TestTruth {
    /// Nothing known: either way may happen on any path.
    const UNKNOWN: Self = TestTruth { holds: ConstraintId::ALWAYS_TRUE, fails: ConstraintId::ALWAYS_TRUE };
}

// `merge_branches` keeps one bit per slot of a chunk in a `u32`.
const _: () = assert!(CHUNK <= 32);

impl<'a> IndexBuilder<'a> {
    /// The symbols and places a test expression may narrow: every name and place in it
    /// (outside nested scopes and the callees of calls), including walrus targets. A name
    /// whose one live binding in `flow` is an aliased condition (`ok = x is not None`)
    /// adds what that condition narrows.
    pub(super) fn narrowing_slots(&mut self, test: &'a Expr, flow: Option<&FlowState>) -> SmallVec<[Slot; 4]> {
        let mut slots = SmallVec::new();
        // Each expression with the aliased condition whose stored test it is part of.
        let mut pending: Vec<(&'a Expr, Option<DefinitionId>)> = vec![(test, None)];
        let mut aliases_followed: SmallVec<[DefinitionId; 2]> = SmallVec::new();
        while let Some((expr, alias)) = pending.pop() {
            match expr {
                Expr::Name(name) => {
                    if let Some(symbol) = self.current().table.symbol_id(&name.id) {
                        push_unique(&mut slots, Slot::Symbol(symbol.as_u32()));
                        if let Some((definition, value)) = flow.and_then(|flow| self.condition_alias(flow, symbol))
                            && !aliases_followed.contains(&definition)
                        {
                            aliases_followed.push(definition);
                            pending.push((value, Some(definition)));
                        }
                    }
                }
                Expr::Attribute(_) | Expr::Subscript(_) => {
                    if let Some(place) = self.place_of(expr) {
                        // A place read by a stored test is narrowed only if it still has
                        // the value the test saw.
                        if self.place_unchanged_since(alias, place, flow) {
                            push_unique(&mut slots, Slot::Place(place.as_u32()));
                        }
                    }
                    match expr {
                        Expr::Attribute(attribute) => pending.push((&attribute.value, alias)),
                        Expr::Subscript(subscript) => {
                            pending.push((&subscript.value, alias));
                            pending.push((&subscript.slice, alias));
                        }
                        _ => {}
                    }
                }
                Expr::Lambda(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {}
                Expr::Named(named) => {
                    pending.push((&named.target, alias));
                    pending.push((&named.value, alias));
                }
                Expr::Call(call) => {
                    if let Some(place) = self.hasattr_place(call)
                        && self.place_unchanged_since(alias, place, flow)
                    {
                        push_unique(&mut slots, Slot::Place(place.as_u32()));
                    }
                    // A test narrows a call's arguments (`isinstance(x, C)`, a `TypeIs`
                    // function), never its callee: `os.path.isfile(p)` says nothing of `os`.
                    if matches!(&*call.func, Expr::Named(_)) {
                        pending.push((&call.func, alias));
                    }
                    pending.extend(call.arguments.args.iter().map(|expr| (expr, alias)));
                    pending.extend(call.arguments.keywords.iter().map(|keyword| (&keyword.value, alias)));
                }
                Expr::Compare(compare) => {
                    pending.push((&compare.left, alias));
                    pending.extend(compare.comparators.iter().map(|expr| (expr, alias)));
                }
                Expr::UnaryOp(unary) => pending.push((&unary.operand, alias)),
                Expr::BoolOp(bool_op) => pending.extend(bool_op.values.iter().map(|expr| (expr, alias))),
                Expr::BinOp(bin_op) => {
                    pending.push((&bin_op.left, alias));
                    pending.push((&bin_op.right, alias));
                }
                Expr::Tuple(tuple) => pending.extend(tuple.elts.iter().map(|expr| (expr, alias))),
                Expr::List(list) => pending.extend(list.elts.iter().map(|expr| (expr, alias))),
                Expr::Set(set) => pending.extend(set.elts.iter().map(|expr| (expr, alias))),
                Expr::Starred(starred) => pending.push((&starred.value, alias)),
                Expr::Await(await_expr) => pending.push((&await_expr.value, alias)),
                _ => {}
            }
        }
        slots
    }

    /// The place `x.name` that `hasattr(x, "name")` tests for (`x` a name or a place), so the
    /// test narrows it: the attribute exists where the test holds.
    fn hasattr_place(&mut self, call: &ast::ExprCall) -> Option<PlaceId> {
        let Expr::Name(callee) = &*call.func else { return None };
        let [object, Expr::StringLiteral(attribute)] = &call.arguments.args[..] else { return None };
        if callee.id.as_str() != "hasattr" || !call.arguments.keywords.is_empty() {
            return None;
        }
        let attribute = attribute.value.to_str();
        let mut place = match object {
            Expr::Name(name) => Place { root: self.current().add_symbol(&name.id, SymbolFlags::empty()), segments: SmallVec::new() },
            other => self.place_expression(other)?,
        };
        if place.segments.len() >= MAX_PLACE_SEGMENTS {
            return None;
        }
        place.segments.push(PlaceSegment::Attribute(attribute.into()));
        Some(self.current().add_place(place))
    }

    /// Split the current flow into the states where `test` is true and false, visiting the
    /// test on the way. `and`/`or`/`not` are followed structurally, so later operands see the
    /// narrowing of earlier ones; statically known conditions prune a branch.
    pub(super) fn visit_test(&mut self, test: &'a Expr) -> (FlowState, FlowState) {
        let (when_true, when_false, _) = self.visit_test_truth(test);
        (when_true, when_false)
    }

    /// [`Self::visit_test`], also giving the constraints under which the test holds and
    /// fails (what the reachability of a branch can be restricted by).
    pub(super) fn visit_test_truth(&mut self, test: &'a Expr) -> (FlowState, FlowState, TestTruth) {
        match test {
            Expr::UnaryOp(unary) if unary.op == ast::UnaryOp::Not => {
                self.note_node(test);
                let (when_true, when_false, truth) = self.visit_test_truth(&unary.operand);
                (when_false, when_true, TestTruth { holds: truth.fails, fails: truth.holds })
            }
            Expr::BoolOp(bool_op) => {
                self.note_node(test);
                let is_and = bool_op.op == ast::BoolOp::And;
                let mut exits = Vec::new();
                // For `and`: it holds when every operand holds, and fails when an operand
                // fails after the ones before it held (`or` the other way round).
                let (mut continuing, mut exiting) = (ConstraintId::ALWAYS_TRUE, ConstraintId::ALWAYS_FALSE);
                for (position, value) in bool_op.values.iter().enumerate() {
                    let (when_true, when_false, truth) = self.visit_test_truth(value);
                    let (continue_if, exit_if) = if is_and { (truth.holds, truth.fails) } else { (truth.fails, truth.holds) };
                    let constraints = &mut self.current().constraints;
                    let exit_here = constraints.and(continuing, exit_if);
                    exiting = constraints.or(exiting, exit_here);
                    continuing = constraints.and(continuing, continue_if);
                    let last = position + 1 == bool_op.values.len();
                    let (continue_with, exit) = if is_and { (when_true, when_false) } else { (when_false, when_true) };
                    exits.push(exit);
                    if last {
                        let short_circuit = self.merge_states(exits);
                        return if is_and {
                            (continue_with, short_circuit, TestTruth { holds: continuing, fails: exiting })
                        } else {
                            (short_circuit, continue_with, TestTruth { holds: exiting, fails: continuing })
                        };
                    }
                    self.current().flow = continue_with;
                }
                // A boolean operation always has operands; an empty one is truthy-unknown.
                let flow = self.take_flow();
                (flow.clone(), flow, TestTruth::UNKNOWN)
            }
            _ => {
                self.visit_expr_node(test);
                let flow = self.take_flow();
                match self.static_truth(test, &flow) {
                    Some(true) => {
                        let unreachable = flow.unreachable();
                        (flow, unreachable, TestTruth { holds: ConstraintId::ALWAYS_TRUE, fails: ConstraintId::ALWAYS_FALSE })
                    }
                    Some(false) => {
                        let unreachable = flow.unreachable();
                        (unreachable, flow, TestTruth { holds: ConstraintId::ALWAYS_FALSE, fails: ConstraintId::ALWAYS_TRUE })
                    }
                    None => {
                        let predicate = self.add_predicate(PredicateKind::Test(self.node_ref(test)));
                        let slots = self.narrowing_slots(test, Some(&flow));
                        let (when_true, when_false) = self.split_on_predicate(flow, predicate, &slots);
                        let constraints = &mut self.current().constraints;
                        let truth = TestTruth { holds: constraints.atom(predicate, false), fails: constraints.atom(predicate, true) };
                        (when_true, when_false, truth)
                    }
                }
            }
        }
    }

    /// The truth of a test known without running code: a static condition, or a name whose
    /// one live binding stores one (`PY2 = sys.version_info[0] == 2` and later `if PY2:`).
    /// A stored platform test (`on_windows = os.name == "nt"`) is not decided: such a flag
    /// usually selects behaviour at run time on every platform, and deciding it would make
    /// names bound under it unbound in the functions that use them (no peer decides it).
    fn static_truth(&self, test: &'a Expr, flow: &FlowState) -> Option<bool> {
        if let Some(truth) = self.truth.evaluate(test) {
            return Some(truth);
        }
        let Expr::Name(name) = test else { return None };
        let symbol = self.stack.last()?.table.symbol_id(&name.id)?;
        let (_, value) = self.condition_alias(flow, symbol)?;
        if self.truth.reads_platform(value) {
            return None;
        }
        self.truth.evaluate_condition(value)
    }

    /// The states after `predicate` holds and after it does not, narrowing `slots`.
    pub(super) fn split_on_predicate(&mut self, flow: FlowState, predicate: PredicateId, slots: &[Slot]) -> (FlowState, FlowState) {
        let scope = self.current();
        let positive = scope.constraints.atom(predicate, false);
        let negative = scope.constraints.atom(predicate, true);
        let mut when_true = flow.clone();
        let mut when_false = flow;
        scope.restrict_slots(&mut when_true, slots, positive);
        scope.restrict_slots(&mut when_false, slots, negative);
        (when_true, when_false)
    }

    /// Join the ends of the branches of a test (`if`/`elif`/`else`, a conditional
    /// expression, a boolean operation used as a value). `before` is the state before the
    /// test (`None` when the test is statically known); each branch is its start state
    /// (`None` when nothing ran in it) and its end state. A slot that no branch touched gets
    /// its state from before the test back: the branch conditions together are exhaustive,
    /// so their narrowings cancel out.
    pub(super) fn merge_branches(&mut self, before: Option<FlowState>, branches: Vec<(Option<FlowState>, FlowState)>) -> FlowState {
        let restorable = before.as_ref().is_some_and(|before| {
            !before.is_unreachable() && branches.iter().all(|(_, end)| end.reach == before.reach)
        });
        let Some(mut before) = before.filter(|_| restorable) else {
            let ends = branches.into_iter().map(|(_, end)| end).collect();
            return self.merge_states(ends);
        };
        let scope = self.current();
        scope.complete(&mut before);
        // Per chunk of slots: which slots kept, through every branch, the bindings they had
        // before the test (bit `i` for the chunk's slot `i`).
        let chunk_counts = [before.symbols.chunk_count(), before.places.chunk_count()];
        let mut untouched: [Vec<u32>; 2] = [vec![u32::MAX; chunk_counts[0]], vec![u32::MAX; chunk_counts[1]]];
        let mut ends = Vec::with_capacity(branches.len());
        for (start, mut end) in branches {
            scope.complete(&mut end);
            let mut start = start.unwrap_or_else(|| end.clone());
            scope.complete(&mut start);
            let vectors = [
                (&before.symbols, &start.symbols, &end.symbols),
                (&before.places, &start.places, &end.places),
            ];
            for (kind, (before_slots, start_slots, end_slots)) in vectors.into_iter().enumerate() {
                for (chunk, mask) in untouched[kind].iter_mut().enumerate() {
                    if *mask == 0
                        || (start_slots.shares_chunk(end_slots, chunk) && start_slots.shares_chunk(before_slots, chunk))
                    {
                        continue;
                    }
                    for (bit, index) in before_slots.chunk_range(chunk).enumerate() {
                        let start_state = start_slots.get(index).expect("completed");
                        let kept = Some(start_state) == end_slots.get(index)
                            && same_bindings(start_state, before_slots.get(index).expect("completed"));
                        if !kept {
                            *mask &= !(1 << bit);
                        }
                    }
                }
            }
            ends.push(end);
        }
        let mut merged = self.merge_states(ends);
        if merged.is_unreachable() {
            return merged;
        }
        self.current().complete(&mut merged);
        let vectors = [(&before.symbols, &mut merged.symbols), (&before.places, &mut merged.places)];
        for (kind, (before_slots, merged_slots)) in vectors.into_iter().enumerate() {
            for (chunk, &mask) in untouched[kind].iter().enumerate() {
                let range = before_slots.chunk_range(chunk);
                let full = if range.len() == CHUNK { u32::MAX } else { (1u32 << range.len()) - 1 };
                if mask & full == full && merged_slots.chunk_range(chunk) == range {
                    merged_slots.copy_chunk(before_slots, chunk);
                    continue;
                }
                for (bit, index) in range.enumerate() {
                    if mask & (1 << bit) != 0 {
                        *merged_slots.get_mut(index) = before_slots.get(index).expect("completed").clone();
                    }
                }
            }
        }
        merged
    }
}

/// True when two slot states hold the same bindings (whatever their constraints).
fn same_bindings(a: &SlotState, b: &SlotState) -> bool {
    a.bindings.len() == b.bindings.len()
        && a.bindings.iter().all(|entry| b.bindings.iter().any(|other| other.binding == entry.binding))
}

fn push_unique(slots: &mut SmallVec<[Slot; 4]>, slot: Slot) {
    if !slots.contains(&slot) {
        slots.push(slot);
    }
}

//! The state of one scope while it is being indexed: its symbol table, constraints, current
//! flow state, recorded uses, loops and the exits (`break`, `continue`, `return`) pending.

use pytc_syntax::ast::NodeIndex;
use pytc_syntax::ast::name::Name;
use rustc_hash::{FxHashMap, FxHashSet};
use smallvec::SmallVec;

use super::flow::{FlowBinding, FlowState, LiveBinding, Slot, SlotState};
use super::loop_bindings::LoopBindings;
use crate::constraint::ConstraintsBuilder;
use crate::ids::{ConstraintId, DefinitionId, PlaceId, PredicateId, ScopeId, SymbolId};
use crate::symbol::{Place, SymbolFlags, SymbolTable};

/// What flows around one loop's back edge, per slot (its own loop-header placeholder
/// excluded), and the loop it is nested in.
#[derive(Debug, Default)]
pub(super) struct LoopRecord {
    pub(super) back_edges: FxHashMap<Slot, SmallVec<[LiveBinding; 2]>>,
    pub(super) parent: Option<u32>,
    /// The slots that got the loop's placeholder at its header; slots created inside the
    /// loop (at or after `slot_counts_at_entry`) get it too.
    tracked: Vec<Slot>,
    slot_counts_at_entry: (usize, usize),
}

impl LoopRecord {
    /// Whether the loop may bind `slot` (it got the loop's placeholder, or was created inside).
    pub(super) fn may_rebind(&self, slot: Slot) -> bool {
        let created_inside = match slot {
            Slot::Symbol(index) => index as usize >= self.slot_counts_at_entry.0,
            Slot::Place(index) => index as usize >= self.slot_counts_at_entry.1,
        };
        created_inside || self.tracked.contains(&slot)
    }
}

/// The pending `break`/`continue` states of one loop being visited.
#[derive(Debug, Default)]
pub(super) struct LoopExits {
    pub(super) breaks: Vec<FlowState>,
    pub(super) continues: Vec<FlowState>,
}

pub(super) struct ScopeBuilder {
    pub(super) id: ScopeId,
    pub(super) table: SymbolTable,
    pub(super) constraints: ConstraintsBuilder,
    pub(super) flow: FlowState,
    /// Each load: node, slot and an index into `lists`.
    pub(super) uses: Vec<(NodeIndex, Slot, u32)>,
    pub(super) lists: Vec<SmallVec<[LiveBinding; 2]>>,
    list_ids: FxHashMap<SmallVec<[LiveBinding; 2]>, u32>,
    pub(super) declarations: Vec<Vec<DefinitionId>>,
    places_by_root: Vec<SmallVec<[u32; 2]>>,
    pub(super) loops: Vec<LoopRecord>,
    pub(super) loop_exits: Vec<LoopExits>,
    /// Bindings made inside `try` bodies (and `with` bodies) being visited, innermost last:
    /// an exception may leave the body right after any of them.
    pub(super) try_bindings: Vec<Vec<(Slot, LiveBinding)>>,
    pub(super) returns: Vec<FlowState>,
    /// In a module or class body: the state before a top-level `raise` or `assert` that ended
    /// every path (see `visit_body_statement`).
    pub(super) exit_by_exception: Option<FlowState>,
    /// Star imports seen so far: (definition, predicate). New symbols start with them.
    star_imports: Vec<(DefinitionId, PredicateId)>,
    /// Per symbol: loads in nested functions and lambdas, with the binding list live where
    /// the nested scope is defined (see `definition_point`).
    pub(super) definition_point_uses: FxHashMap<u32, Vec<(NodeIndex, u32)>>,
    /// Symbols a nested scope may assign through `nonlocal`.
    pub(super) rebound_from_nested: FxHashSet<u32>,
}

impl ScopeBuilder {
    pub(super) fn new(id: ScopeId, reach: ConstraintId) -> Self {
        Self {
            id,
            table: SymbolTable::default(),
            constraints: ConstraintsBuilder::new(),
            flow: FlowState::new(reach),
            uses: Vec::new(),
            lists: Vec::new(),
            list_ids: FxHashMap::default(),
            declarations: Vec::new(),
            places_by_root: Vec::new(),
            loops: Vec::new(),
            loop_exits: Vec::new(),
            try_bindings: Vec::new(),
            returns: Vec::new(),
            exit_by_exception: None,
            star_imports: Vec::new(),
            definition_point_uses: FxHashMap::default(),
            rebound_from_nested: FxHashSet::default(),
        }
    }

    pub(super) fn add_symbol(&mut self, name: &Name, flags: SymbolFlags) -> SymbolId {
        let (id, created) = self.table.add_symbol(name);
        if created {
            self.declarations.push(Vec::new());
            self.places_by_root.push(SmallVec::new());
        }
        self.table.add_flags(id, flags);
        id
    }

    pub(super) fn add_place(&mut self, place: Place) -> PlaceId {
        let root = place.root;
        let (id, created) = self.table.add_place(place);
        if created {
            self.places_by_root[root.as_u32() as usize].push(id.as_u32());
        }
        id
    }

    /// The places `place` lies within (`a.b` for `a.b.c`), not itself.
    pub(super) fn places_containing(&self, place: PlaceId) -> SmallVec<[PlaceId; 2]> {
        let inner = self.table.place(place);
        self.places_by_root[inner.root.as_u32() as usize]
            .iter()
            .map(|candidate| PlaceId::from_u32(*candidate))
            .filter(|candidate| *candidate != place && inner.is_within(self.table.place(*candidate)))
            .collect()
    }

    /// The state a slot has at a point where nothing in the scope has bound it yet.
    fn initial_slot_state(&mut self, slot: Slot, active_loops: &[u32]) -> SlotState {
        let mut state = SlotState::single(FlowBinding::Unbound);
        if let Slot::Symbol(_) = slot {
            for index in 0..self.star_imports.len() {
                let (definition, predicate) = self.star_imports[index];
                apply_star_import(&mut state, definition, predicate, &mut self.constraints);
            }
        }
        for &loop_id in active_loops {
            state.bindings.push(LiveBinding {
                binding: FlowBinding::LoopHeader(loop_id),
                constraint: ConstraintId::ALWAYS_TRUE,
            });
        }
        state
    }

    /// Give `state` an entry for every slot of the table.
    pub(super) fn complete(&mut self, state: &mut FlowState) {
        if state.symbols.len() == self.table.symbol_count() && state.places.len() == self.table.place_count() {
            return;
        }
        let loops = state.active_loops.clone();
        while state.symbols.len() < self.table.symbol_count() {
            let slot = Slot::Symbol(state.symbols.len() as u32);
            let initial = self.initial_slot_state(slot, &loops);
            state.symbols.push(initial);
        }
        while state.places.len() < self.table.place_count() {
            let slot = Slot::Place(state.places.len() as u32);
            let initial = self.initial_slot_state(slot, &loops);
            state.places.push(initial);
        }
    }

    pub(super) fn complete_current(&mut self) {
        let mut flow = std::mem::replace(&mut self.flow, FlowState::new(ConstraintId::ALWAYS_TRUE));
        self.complete(&mut flow);
        self.flow = flow;
    }

    /// Record a load of `slot` at `node`: the bindings live now.
    pub(super) fn record_use(&mut self, node: NodeIndex, slot: Slot) {
        let list = if self.flow.is_unreachable() {
            SmallVec::new()
        } else {
            self.complete_current();
            self.flow.slot(slot).map(|state| state.bindings.clone()).unwrap_or_default()
        };
        let list_id = self.intern_list(list);
        self.uses.push((node, slot, list_id));
    }

    /// A load that succeeded proves the name bound: the paths on which it was unbound or
    /// deleted raised there (see `assume_bound`).
    pub(super) fn assume_bound_after_load(&mut self, slot: Slot) {
        let mut flow = std::mem::replace(&mut self.flow, FlowState::new(ConstraintId::ALWAYS_TRUE));
        self.assume_bound(&mut flow, slot);
        self.flow = flow;
    }

    /// Take `slot` as bound in `state`: drop its unbound and deleted entries, and keep only
    /// the definitions of what flows back to an enclosing loop's header, when a definition
    /// may still reach (with none, the state stays as it is).
    pub(super) fn assume_bound(&mut self, state: &mut FlowState, slot: Slot) {
        if state.is_unreachable() {
            return;
        }
        let Some(current) = state.slot(slot) else { return };
        let is_missing = |entry: &LiveBinding| matches!(entry.binding, FlowBinding::Unbound | FlowBinding::Deleted(_));
        let may_be_defined = current
            .bindings
            .iter()
            .any(|entry| matches!(entry.binding, FlowBinding::Definition(_) | FlowBinding::LoopHeader(_) | FlowBinding::LoopHeaderBound(_)));
        let changes = current.bindings.iter().any(|entry| is_missing(entry) || matches!(entry.binding, FlowBinding::LoopHeader(_)));
        if !may_be_defined || !changes {
            return;
        }
        let old = std::mem::take(state.slot_mut(slot));
        let mut kept = SlotState::default();
        for entry in old.bindings.into_iter().filter(|entry| !is_missing(entry)) {
            let binding = match entry.binding {
                FlowBinding::LoopHeader(loop_id) => FlowBinding::LoopHeaderBound(loop_id),
                other => other,
            };
            kept.add(LiveBinding { binding, ..entry }, &mut self.constraints);
        }
        *state.slot_mut(slot) = kept;
    }

    pub(super) fn intern_list(&mut self, list: SmallVec<[LiveBinding; 2]>) -> u32 {
        if let Some(id) = self.list_ids.get(&list) {
            return *id;
        }
        let id = self.lists.len() as u32;
        self.lists.push(list.clone());
        self.list_ids.insert(list, id);
        id
    }

    /// Make `binding` the only live binding of `slot`, and forget what was known about the
    /// places below it.
    pub(super) fn bind(&mut self, slot: Slot, binding: FlowBinding) {
        if self.flow.is_unreachable() {
            return;
        }
        self.complete_current();
        *self.flow.slot_mut(slot) = SlotState::single(binding);
        self.invalidate_places_below(slot);
        let entry = LiveBinding { binding, constraint: ConstraintId::ALWAYS_TRUE };
        if let Some(innermost) = self.try_bindings.last_mut() {
            innermost.push((slot, entry));
        }
    }

    /// Add `binding` as one more possibility for `slot` (a binding that may not happen,
    /// such as a walrus inside a comprehension).
    pub(super) fn bind_maybe(&mut self, slot: Slot, binding: FlowBinding) {
        if self.flow.is_unreachable() {
            return;
        }
        self.complete_current();
        let entry = LiveBinding { binding, constraint: ConstraintId::ALWAYS_TRUE };
        let mut state = std::mem::take(self.flow.slot_mut(slot));
        state.add(entry, &mut self.constraints);
        *self.flow.slot_mut(slot) = state;
        if let Some(innermost) = self.try_bindings.last_mut() {
            innermost.push((slot, entry));
        }
    }

    fn invalidate_places_below(&mut self, slot: Slot) {
        let (root, bound_place) = match slot {
            Slot::Symbol(symbol) => (symbol, None),
            Slot::Place(place) => {
                let place_id = PlaceId::from_u32(place);
                (self.table.place(place_id).root.as_u32(), Some(place_id))
            }
        };
        let below: SmallVec<[u32; 4]> = self.places_by_root[root as usize]
            .iter()
            .copied()
            .filter(|&candidate| match bound_place {
                None => true,
                Some(bound) => {
                    candidate != bound.as_u32()
                        && self.table.place(PlaceId::from_u32(candidate)).is_within(self.table.place(bound))
                }
            })
            .collect();
        for place in below {
            *self.flow.slot_mut(Slot::Place(place)) = SlotState::single(FlowBinding::Unbound);
        }
    }

    /// Narrow every slot in `slots` by `constraint` in `state`.
    pub(super) fn restrict_slots(&mut self, state: &mut FlowState, slots: &[Slot], constraint: ConstraintId) {
        if state.is_unreachable() || constraint == ConstraintId::ALWAYS_TRUE {
            return;
        }
        self.complete(state);
        for &slot in slots {
            state.slot_mut(slot).restrict(constraint, &mut self.constraints);
        }
    }

    /// Join two flow states (two paths meeting).
    pub(super) fn merge(&mut self, mut a: FlowState, mut b: FlowState) -> FlowState {
        if b.is_unreachable() {
            return a;
        }
        if a.is_unreachable() {
            b.active_loops = common_prefix(&a.active_loops, &b.active_loops);
            return b;
        }
        self.complete(&mut a);
        self.complete(&mut b);
        // A binding that came along a path holds only where that path exists. A path whose
        // reach every path of the other side shares needs no mark: were it impossible, the
        // join would be unreachable as a whole.
        let (reach_a, reach_b) = (a.reach, b.reach);
        let path_a = if self.constraints.implies(reach_b, reach_a) { ConstraintId::ALWAYS_TRUE } else { self.constraints.path(reach_a) };
        let path_b = if self.constraints.implies(reach_a, reach_b) { ConstraintId::ALWAYS_TRUE } else { self.constraints.path(reach_b) };
        for (mine, theirs) in [(&mut a.symbols, &b.symbols), (&mut a.places, &b.places)] {
            for chunk in 0..mine.chunk_count() {
                if mine.shares_chunk(theirs, chunk) {
                    continue;
                }
                for index in mine.chunk_range(chunk) {
                    let other = theirs.get(index).expect("completed");
                    // The same bindings on both paths: which path ran does not matter to this
                    // slot (the joined reachability is kept in `reach`).
                    if mine.get(index) == Some(other) {
                        continue;
                    }
                    let state = mine.get_mut(index);
                    state.restrict(path_a, &mut self.constraints);
                    for entry in &other.bindings {
                        let mut entry = *entry;
                        entry.constraint = self.constraints.and(entry.constraint, path_b);
                        if entry.constraint == ConstraintId::ALWAYS_FALSE {
                            continue;
                        }
                        state.add(entry, &mut self.constraints);
                    }
                }
            }
        }
        a.reach = self.constraints.or(reach_a, reach_b);
        a.active_loops = common_prefix(&a.active_loops, &b.active_loops);
        a
    }

    pub(super) fn merge_all(&mut self, first: FlowState, rest: impl IntoIterator<Item = FlowState>) -> FlowState {
        rest.into_iter().fold(first, |merged, next| self.merge(merged, next))
    }

    /// A star import binds every name the imported module exports: each symbol becomes
    /// either the star import (when the module provides the name) or what it was.
    pub(super) fn apply_star_import(&mut self, definition: DefinitionId, predicate: PredicateId) {
        if self.flow.is_unreachable() {
            return;
        }
        self.complete_current();
        self.star_imports.push((definition, predicate));
        for index in 0..self.flow.symbols.len() {
            apply_star_import(self.flow.symbols.get_mut(index), definition, predicate, &mut self.constraints);
        }
    }

    /// Start a loop at the current point: every slot the loop may rebind also gets whatever
    /// flows back along its back edge.
    pub(super) fn enter_loop(&mut self, rebinds: &LoopBindings) -> u32 {
        let loop_id = self.loops.len() as u32;
        let parent = self.flow.active_loops.last().copied();
        let mut tracked = Vec::new();
        if !self.flow.is_unreachable() {
            self.complete_current();
            let header = LiveBinding { binding: FlowBinding::LoopHeader(loop_id), constraint: ConstraintId::ALWAYS_TRUE };
            for (symbol, data) in self.table.symbols() {
                if rebinds.may_rebind(&data.name, false) {
                    self.flow.symbols.get_mut(symbol.as_u32() as usize).bindings.push(header);
                    tracked.push(Slot::Symbol(symbol.as_u32()));
                }
            }
            for (place, data) in self.table.places() {
                if rebinds.may_rebind(&self.table.symbol(data.root).name, true) {
                    self.flow.places.get_mut(place.as_u32() as usize).bindings.push(header);
                    tracked.push(Slot::Place(place.as_u32()));
                }
            }
        }
        let slot_counts_at_entry = (self.table.symbol_count(), self.table.place_count());
        self.loops.push(LoopRecord { back_edges: FxHashMap::default(), parent, tracked, slot_counts_at_entry });
        self.loop_exits.push(LoopExits::default());
        self.flow.active_loops.push(loop_id);
        loop_id
    }

    /// Record what flows back to the loop header (`back_edge`: the end of the body joined
    /// with every `continue`), for the slots that carry the loop's placeholder.
    pub(super) fn record_back_edge(&mut self, loop_id: u32, mut back_edge: FlowState) {
        if back_edge.is_unreachable() {
            return;
        }
        self.complete(&mut back_edge);
        let reach = self.constraints.path(back_edge.reach);
        let record = &self.loops[loop_id as usize];
        let (symbols_at_entry, places_at_entry) = record.slot_counts_at_entry;
        let slots: Vec<Slot> = record
            .tracked
            .iter()
            .copied()
            .chain((symbols_at_entry..back_edge.symbols.len()).map(|index| Slot::Symbol(index as u32)))
            .chain((places_at_entry..back_edge.places.len()).map(|index| Slot::Place(index as u32)))
            .collect();
        for slot in slots {
            let Some(state) = back_edge.slot(slot) else { continue };
            let mut entries: SmallVec<[LiveBinding; 2]> = SmallVec::new();
            for entry in &state.bindings {
                if matches!(entry.binding, FlowBinding::LoopHeader(id) | FlowBinding::LoopHeaderBound(id) if id == loop_id) {
                    continue;
                }
                let constraint = self.constraints.and(entry.constraint, reach);
                if constraint != ConstraintId::ALWAYS_FALSE {
                    entries.push(LiveBinding { constraint, ..*entry });
                }
            }
            if !entries.is_empty() {
                self.loops[loop_id as usize].back_edges.insert(slot, entries);
            }
        }
    }

    /// Add each binding as one more possibility in `state`.
    pub(super) fn add_bindings(&mut self, state: &mut FlowState, bindings: &[(Slot, LiveBinding)]) {
        if state.is_unreachable() || bindings.is_empty() {
            return;
        }
        self.complete(state);
        for (slot, entry) in bindings {
            state.slot_mut(*slot).add(*entry, &mut self.constraints);
        }
    }

    /// True when loop `inner` is nested (at any depth) in loop `outer`.
    pub(super) fn is_nested_in(&self, inner: u32, outer: u32) -> bool {
        let mut current = self.loops[inner as usize].parent;
        while let Some(loop_id) = current {
            if loop_id == outer {
                return true;
            }
            current = self.loops[loop_id as usize].parent;
        }
        false
    }

    pub(super) fn record_declaration(&mut self, symbol: SymbolId, definition: DefinitionId) {
        self.declarations[symbol.as_u32() as usize].push(definition);
    }
}

fn apply_star_import(
    state: &mut SlotState,
    definition: DefinitionId,
    predicate: PredicateId,
    constraints: &mut ConstraintsBuilder,
) {
    let provides = constraints.atom(predicate, false);
    let lacks = constraints.atom(predicate, true);
    state.restrict(lacks, constraints);
    state.add(LiveBinding { binding: FlowBinding::Definition(definition), constraint: provides }, constraints);
}

fn common_prefix(a: &[u32], b: &[u32]) -> SmallVec<[u32; 2]> {
    a.iter().zip(b).take_while(|(x, y)| x == y).map(|(x, _)| *x).collect()
}

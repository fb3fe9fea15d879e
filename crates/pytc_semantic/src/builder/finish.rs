//! Finishing a scope: expanding loop-header placeholders into the bindings that flow back,
//! and freezing the symbol table and use-def map.

use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use super::flow::{FlowBinding, LiveBinding, Slot, SlotState};
use super::scope_builder::ScopeBuilder;
use crate::definition::DefinitionTarget;
use crate::ids::{ConstraintId, IndexVec, PlaceId, SymbolId};
use crate::symbol::SymbolTable;
use crate::use_def::{Binding, Bindings, ReachingBinding, Use, UseDefMap};

/// Turn a finished scope builder into its symbol table and use-def map. `is_function`:
/// the public bindings also include every `return` point.
pub(super) fn finish_scope(mut scope: ScopeBuilder, is_function: bool) -> (SymbolTable, UseDefMap) {
    let end = std::mem::replace(&mut scope.flow, super::flow::FlowState::new(ConstraintId::ALWAYS_TRUE));
    let end_reachability = end.reach;
    let returns = std::mem::take(&mut scope.returns);
    let mut public = if is_function { scope.merge_all(end, returns) } else { end };
    if public.is_unreachable()
        && let Some(before_exit) = scope.exit_by_exception.take()
    {
        public = before_exit;
    }
    if public.is_unreachable() {
        // Every path ends in `raise` (or the scope is unreachable): nothing is visible.
        public.symbols.clear();
        public.places.clear();
    }
    if !public.is_unreachable() {
        scope.complete(&mut public);
    }

    let mut expander = Expander {
        public_lists: Vec::new(),
        public_ids: FxHashMap::default(),
        memo: FxHashMap::default(),
        direct: Vec::new(),
        loop_memo: FxHashMap::default(),
    };

    let mut raw_uses = std::mem::take(&mut scope.uses);
    for (symbol, loads) in std::mem::take(&mut scope.definition_point_uses) {
        raw_uses.extend(loads.into_iter().map(|(node, list)| (node, Slot::Symbol(symbol), list)));
    }
    let mut uses = Vec::with_capacity(raw_uses.len());
    for (node, slot, list) in raw_uses {
        let public_id = expander.expand_list(&mut scope, slot, list);
        uses.push((node, Use::new(slot_target(slot), public_id)));
    }
    uses.sort_unstable_by_key(|(node, _)| *node);

    let mut public_symbols = IndexVec::<SymbolId, u32>::new();
    for index in 0..scope.table.symbol_count() {
        let slot = Slot::Symbol(index as u32);
        let list = public.slot(slot).map(|state| state.bindings.clone()).unwrap_or_default();
        let list_id = scope.intern_list(list);
        public_symbols.push(expander.expand_list(&mut scope, slot, list_id));
    }
    let mut public_places = IndexVec::<PlaceId, u32>::new();
    for index in 0..scope.table.place_count() {
        let slot = Slot::Place(index as u32);
        let list = public.slot(slot).map(|state| state.bindings.clone()).unwrap_or_default();
        let list_id = scope.intern_list(list);
        public_places.push(expander.expand_list(&mut scope, slot, list_id));
    }

    let declarations = std::mem::take(&mut scope.declarations).into_iter().map(Vec::into_boxed_slice).collect();
    let mut table = scope.table;
    table.shrink_to_fit();
    let use_def = UseDefMap {
        uses,
        binding_lists: expander.public_lists,
        public_symbols,
        public_places,
        declarations,
        constraints: scope.constraints.finish(),
        end_reachability,
    };
    (table, use_def)
}

fn slot_target(slot: Slot) -> DefinitionTarget {
    match slot {
        Slot::Symbol(index) => DefinitionTarget::Symbol(SymbolId::from_u32(index)),
        Slot::Place(index) => DefinitionTarget::Place(PlaceId::from_u32(index)),
    }
}

/// Expands recorded binding lists into public `Bindings`, interning the results.
struct Expander {
    public_lists: Vec<Bindings>,
    public_ids: FxHashMap<Bindings, u32>,
    /// Expansions of lists that mention a loop header, by slot and list.
    memo: FxHashMap<(Slot, u32), u32>,
    /// Expansions of the other lists, by list.
    direct: Vec<Option<u32>>,
    /// What flows back to each loop's header, by loop and slot.
    loop_memo: FxHashMap<(u32, Slot), SmallVec<[LiveBinding; 2]>>,
}

impl Expander {
    fn expand_list(&mut self, scope: &mut ScopeBuilder, slot: Slot, list: u32) -> u32 {
        // Lists without loop headers expand to themselves, whatever the slot.
        let has_loop_header =
            scope.lists[list as usize].iter().any(|entry| entry.binding.is_loop_header());
        if !has_loop_header && let Some(Some(id)) = self.direct.get(list as usize) {
            return *id;
        }
        if has_loop_header && let Some(id) = self.memo.get(&(slot, list)) {
            return *id;
        }
        let entries = scope.lists[list as usize].clone();
        let mut expanded = SlotState::default();
        let mut bound_only = false;
        for entry in &entries {
            match entry.binding {
                FlowBinding::LoopHeader(loop_id) | FlowBinding::LoopHeaderBound(loop_id) => {
                    let definitions_only = matches!(entry.binding, FlowBinding::LoopHeaderBound(_));
                    bound_only |= definitions_only;
                    for flowing_back in self.expand_loop(scope, loop_id, slot) {
                        if definitions_only && !matches!(flowing_back.binding, FlowBinding::Definition(_)) {
                            continue;
                        }
                        let constraint = scope.constraints.and(flowing_back.constraint, entry.constraint);
                        if constraint != ConstraintId::ALWAYS_FALSE {
                            expanded.add(LiveBinding { constraint, ..flowing_back }, &mut scope.constraints);
                        }
                    }
                }
                _ => expanded.add(*entry, &mut scope.constraints),
            }
        }
        if bound_only && expanded.bindings.is_empty() {
            // No definition flows back to the load either: the name is unbound there.
            expanded = SlotState::single(FlowBinding::Unbound);
        }
        let bindings = Bindings {
            entries: expanded
                .bindings
                .into_iter()
                .filter_map(|entry| {
                    let binding = match entry.binding {
                        FlowBinding::Unbound => Binding::Unbound,
                        FlowBinding::Deleted(definition) => Binding::Deleted(definition),
                        FlowBinding::Definition(definition) => Binding::Definition(definition),
                        FlowBinding::LoopHeader(_) | FlowBinding::LoopHeaderBound(_) => return None,
                    };
                    Some(ReachingBinding { binding, constraint: entry.constraint })
                })
                .collect(),
        };
        let id = match self.public_ids.get(&bindings) {
            Some(id) => *id,
            None => {
                let id = self.public_lists.len() as u32;
                self.public_lists.push(bindings.clone());
                self.public_ids.insert(bindings, id);
                id
            }
        };
        if has_loop_header {
            self.memo.insert((slot, list), id);
        } else {
            if self.direct.len() <= list as usize {
                self.direct.resize(list as usize + 1, None);
            }
            self.direct[list as usize] = Some(id);
        }
        id
    }

    /// The bindings of `slot` that flow back to the header of `loop_id`, without placeholders.
    /// A placeholder of a loop nested inside it (whose values flowed out of that inner loop)
    /// is expanded in turn; one of an enclosing or earlier loop is dropped: those values
    /// already reach the header from before the loop. Memoized, so nesting stays linear.
    fn expand_loop(&mut self, scope: &mut ScopeBuilder, loop_id: u32, slot: Slot) -> SmallVec<[LiveBinding; 2]> {
        if let Some(expanded) = self.loop_memo.get(&(loop_id, slot)) {
            return expanded.clone();
        }
        let back_edge = scope.loops[loop_id as usize].back_edges.get(&slot).cloned().unwrap_or_default();
        let mut expanded = SlotState::default();
        for entry in back_edge {
            match entry.binding {
                FlowBinding::LoopHeader(inner) | FlowBinding::LoopHeaderBound(inner)
                    if scope.is_nested_in(inner, loop_id) =>
                {
                    let definitions_only = matches!(entry.binding, FlowBinding::LoopHeaderBound(_));
                    for flowing_back in self.expand_loop(scope, inner, slot) {
                        if definitions_only && !matches!(flowing_back.binding, FlowBinding::Definition(_)) {
                            continue;
                        }
                        let constraint = scope.constraints.and(flowing_back.constraint, entry.constraint);
                        if constraint != ConstraintId::ALWAYS_FALSE {
                            expanded.add(LiveBinding { constraint, ..flowing_back }, &mut scope.constraints);
                        }
                    }
                }
                FlowBinding::LoopHeader(_) | FlowBinding::LoopHeaderBound(_) => {}
                _ => expanded.add(entry, &mut scope.constraints),
            }
        }
        self.loop_memo.insert((loop_id, slot), expanded.bindings.clone());
        expanded.bindings
    }
}

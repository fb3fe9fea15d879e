//! Aliased conditions: `ok = x is not None` and later `if ok:` narrows what the stored test
//! would. The builder records each such assignment with the state, at that point, of every
//! place the test reads (`box.value`), of its root name and of the places it lies within. At
//! the test, a place is narrowed only when none of them was bound in between; plain names
//! are checked by the type layer (which sees the final use-def map).

use pytc_syntax::ast::Expr;
use smallvec::SmallVec;

use super::IndexBuilder;
use super::flow::{FlowBinding, FlowState, Slot};
use crate::ids::{DefinitionId, PlaceId, SymbolId};

/// The stored test of an aliased condition, with the place states it was read under.
pub(super) struct ConditionAlias<'a> {
    pub(super) value: &'a Expr,
    /// Each slot a read place depends on, with its bindings when the test was stored (`None`
    /// when they were not known).
    places_read: SmallVec<[(Slot, Option<SmallVec<[FlowBinding; 2]>>); 4]>,
}

impl<'a> IndexBuilder<'a> {
    /// Record `definition` (`name = value`) as an aliased condition.
    pub(super) fn record_condition_alias(&mut self, definition: DefinitionId, value: &'a Expr) {
        let mut places_read = SmallVec::new();
        for slot in self.narrowing_slots(value, None) {
            let Slot::Place(place) = slot else { continue };
            for dependency in self.place_dependencies(PlaceId::from_u32(place)) {
                if !places_read.iter().any(|(known, _)| *known == dependency) {
                    let state = bindings_of(&self.current().flow, dependency);
                    places_read.push((dependency, state));
                }
            }
        }
        self.condition_aliases.insert(definition, ConditionAlias { value, places_read });
    }

    /// The aliased condition `symbol` holds in `flow`: its one live binding, when that is a
    /// `name = <test>` assignment.
    pub(super) fn condition_alias(&self, flow: &FlowState, symbol: SymbolId) -> Option<(DefinitionId, &'a Expr)> {
        let state = flow.slot(Slot::Symbol(symbol.as_u32()))?;
        let [only] = state.bindings.as_slice() else { return None };
        let FlowBinding::Definition(definition) = only.binding else { return None };
        self.condition_aliases.get(&definition).map(|alias| (definition, alias.value))
    }

    /// Whether `place`, read by the aliased condition `definition`, has the value in `flow`
    /// that the stored test saw: neither it, nor its root, nor a place it lies within was
    /// bound since.
    fn aliased_place_unchanged(&mut self, definition: DefinitionId, place: PlaceId, flow: &FlowState) -> bool {
        let dependencies = self.place_dependencies(place);
        let Some(alias) = self.condition_aliases.get(&definition) else { return false };
        dependencies.into_iter().all(|dependency| {
            let now = bindings_of(flow, dependency);
            now.is_some() && alias.places_read.iter().any(|(slot, stored)| *slot == dependency && *stored == now)
        })
    }

    /// Whether `place`, found in the test of the aliased condition `alias` (`None`: in the
    /// test itself) may be narrowed by it at `flow`: see [`Self::aliased_place_unchanged`].
    pub(super) fn place_unchanged_since(&mut self, alias: Option<DefinitionId>, place: PlaceId, flow: Option<&FlowState>) -> bool {
        match (alias, flow) {
            (Some(definition), Some(flow)) => self.aliased_place_unchanged(definition, place, flow),
            _ => true,
        }
    }

    /// The slots whose binding changes the value of `place`: itself, its root name and the
    /// places it lies within.
    fn place_dependencies(&mut self, place: PlaceId) -> SmallVec<[Slot; 4]> {
        let scope = self.current();
        let root = scope.table.place(place).root;
        let mut slots: SmallVec<[Slot; 4]> = SmallVec::new();
        slots.push(Slot::Place(place.as_u32()));
        slots.push(Slot::Symbol(root.as_u32()));
        slots.extend(scope.places_containing(place).into_iter().map(|outer| Slot::Place(outer.as_u32())));
        slots
    }
}

/// The bindings of `slot` in `flow`, without their narrowing; `None` when not known here (a
/// slot the flow has not touched inside a loop, whose initial state depends on the loop).
fn bindings_of(flow: &FlowState, slot: Slot) -> Option<SmallVec<[FlowBinding; 2]>> {
    match flow.slot(slot) {
        Some(state) => Some(state.bindings.iter().map(|live| live.binding).collect()),
        None if matches!(slot, Slot::Place(_)) && flow.active_loops.is_empty() => Some(SmallVec::from_elem(FlowBinding::Unbound, 1)),
        None => None,
    }
}

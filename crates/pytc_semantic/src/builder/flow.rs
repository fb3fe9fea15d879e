//! The flow state the builder threads through a scope: for every symbol and place, the
//! bindings live at the current point, plus the reachability of the point.

use smallvec::SmallVec;

use crate::constraint::ConstraintsBuilder;
use crate::ids::{ConstraintId, DefinitionId};

/// A binding as the builder tracks it; `LoopHeader` stands for "whatever flows back along
/// the loop's back edge" and is expanded when the scope is finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum FlowBinding {
    Unbound,
    Deleted(DefinitionId),
    Definition(DefinitionId),
    LoopHeader(u32),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct LiveBinding {
    pub(super) binding: FlowBinding,
    pub(super) constraint: ConstraintId,
}

/// The live bindings of one symbol or place.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub(super) struct SlotState {
    pub(super) bindings: SmallVec<[LiveBinding; 2]>,
}

impl SlotState {
    pub(super) fn single(binding: FlowBinding) -> Self {
        let mut bindings = SmallVec::new();
        bindings.push(LiveBinding { binding, constraint: ConstraintId::ALWAYS_TRUE });
        Self { bindings }
    }

    /// Add `entry`, joining it with an existing entry for the same binding.
    pub(super) fn add(&mut self, entry: LiveBinding, constraints: &mut ConstraintsBuilder) {
        if let Some(existing) = self.bindings.iter_mut().find(|existing| existing.binding == entry.binding) {
            existing.constraint = constraints.or(existing.constraint, entry.constraint);
        } else {
            self.bindings.push(entry);
        }
    }

    /// Restrict every entry by `constraint` (applied after what each entry already has).
    pub(super) fn restrict(&mut self, constraint: ConstraintId, constraints: &mut ConstraintsBuilder) {
        if constraint == ConstraintId::ALWAYS_TRUE {
            return;
        }
        for entry in &mut self.bindings {
            entry.constraint = constraints.and(entry.constraint, constraint);
        }
        self.bindings.retain(|entry| entry.constraint != ConstraintId::ALWAYS_FALSE);
    }
}

/// A slot (symbol or place) of the scope being built.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Slot {
    Symbol(u32),
    Place(u32),
}

/// The state at one point of a scope's control flow.
#[derive(Debug, Clone)]
pub(super) struct FlowState {
    pub(super) symbols: Vec<SlotState>,
    pub(super) places: Vec<SlotState>,
    /// `ALWAYS_FALSE` when the point is statically unreachable; otherwise the constraint
    /// (over `NoReturn`-candidate calls and the like) under which it is reached.
    pub(super) reach: ConstraintId,
    /// The loops (of this scope) whose bodies contain the point; a slot created after this
    /// state was taken starts with their loop-header placeholders.
    pub(super) active_loops: SmallVec<[u32; 2]>,
}

impl FlowState {
    pub(super) fn new(reach: ConstraintId) -> Self {
        Self { symbols: Vec::new(), places: Vec::new(), reach, active_loops: SmallVec::new() }
    }

    /// An unreachable state inside the same loops as `self`.
    pub(super) fn unreachable(&self) -> Self {
        Self {
            symbols: Vec::new(),
            places: Vec::new(),
            reach: ConstraintId::ALWAYS_FALSE,
            active_loops: self.active_loops.clone(),
        }
    }

    pub(super) fn is_unreachable(&self) -> bool {
        self.reach == ConstraintId::ALWAYS_FALSE
    }

    pub(super) fn slot(&self, slot: Slot) -> Option<&SlotState> {
        match slot {
            Slot::Symbol(index) => self.symbols.get(index as usize),
            Slot::Place(index) => self.places.get(index as usize),
        }
    }

    pub(super) fn slot_mut(&mut self, slot: Slot) -> &mut SlotState {
        match slot {
            Slot::Symbol(index) => &mut self.symbols[index as usize],
            Slot::Place(index) => &mut self.places[index as usize],
        }
    }
}

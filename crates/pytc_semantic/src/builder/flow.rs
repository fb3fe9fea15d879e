//! The flow state the builder threads through a scope: for every symbol and place, the
//! bindings live at the current point, plus the reachability of the point.
//!
//! Branches snapshot the state, so the per-slot states live in shared chunks: a snapshot
//! copies chunk pointers, a write copies one chunk, and joins skip chunks both sides share.
//! This keeps modules with thousands of names and branches linear.

use std::sync::Arc;

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
    /// The placeholder past a load of the slot in the loop: only the definitions among what
    /// flows back (a value that was unbound would have raised at the load).
    LoopHeaderBound(u32),
}

impl FlowBinding {
    /// Either loop-header placeholder.
    pub(super) fn is_loop_header(self) -> bool {
        matches!(self, Self::LoopHeader(_) | Self::LoopHeaderBound(_))
    }
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

/// Slots per shared chunk.
pub(super) const CHUNK: usize = 32;

/// The states of a scope's symbols (or places), by index, in copy-on-write chunks.
#[derive(Debug, Clone, Default)]
pub(super) struct SlotVec {
    chunks: Vec<Arc<Vec<SlotState>>>,
    len: usize,
}

impl SlotVec {
    pub(super) fn len(&self) -> usize {
        self.len
    }

    pub(super) fn get(&self, index: usize) -> Option<&SlotState> {
        if index >= self.len {
            return None;
        }
        Some(&self.chunks[index / CHUNK][index % CHUNK])
    }

    /// The state at `index` (which must exist), copying its chunk if it is shared.
    pub(super) fn get_mut(&mut self, index: usize) -> &mut SlotState {
        assert!(index < self.len, "slot {index} out of {}", self.len);
        &mut Arc::make_mut(&mut self.chunks[index / CHUNK])[index % CHUNK]
    }

    pub(super) fn push(&mut self, state: SlotState) {
        if self.len.is_multiple_of(CHUNK) {
            self.chunks.push(Arc::new(Vec::with_capacity(CHUNK)));
        }
        let last = self.chunks.last_mut().expect("a chunk was just ensured");
        Arc::make_mut(last).push(state);
        self.len += 1;
    }

    pub(super) fn clear(&mut self) {
        self.chunks.clear();
        self.len = 0;
    }

    pub(super) fn chunk_count(&self) -> usize {
        self.chunks.len()
    }

    /// True when both vectors hold the very same chunk at `chunk` (so equal slots there).
    pub(super) fn shares_chunk(&self, other: &SlotVec, chunk: usize) -> bool {
        match (self.chunks.get(chunk), other.chunks.get(chunk)) {
            (Some(a), Some(b)) => Arc::ptr_eq(a, b),
            _ => false,
        }
    }

    /// Take `other`'s chunk `chunk` (both must have the same length there).
    pub(super) fn copy_chunk(&mut self, other: &SlotVec, chunk: usize) {
        self.chunks[chunk] = Arc::clone(&other.chunks[chunk]);
    }

    /// The range of slot indices in chunk `chunk`.
    pub(super) fn chunk_range(&self, chunk: usize) -> std::ops::Range<usize> {
        chunk * CHUNK..((chunk + 1) * CHUNK).min(self.len)
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
    pub(super) symbols: SlotVec,
    pub(super) places: SlotVec,
    /// `ALWAYS_FALSE` when the point is statically unreachable; otherwise the constraint
    /// (over `NoReturn`-candidate calls and the like) under which it is reached.
    pub(super) reach: ConstraintId,
    /// The loops (of this scope) whose bodies contain the point; a slot created after this
    /// state was taken starts with their loop-header placeholders.
    pub(super) active_loops: SmallVec<[u32; 2]>,
}

impl FlowState {
    pub(super) fn new(reach: ConstraintId) -> Self {
        Self { symbols: SlotVec::default(), places: SlotVec::default(), reach, active_loops: SmallVec::new() }
    }

    /// An unreachable state inside the same loops as `self`.
    pub(super) fn unreachable(&self) -> Self {
        Self {
            symbols: SlotVec::default(),
            places: SlotVec::default(),
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
            Slot::Symbol(index) => self.symbols.get_mut(index as usize),
            Slot::Place(index) => self.places.get_mut(index as usize),
        }
    }
}

//! Dense per-file ids (`u32` newtypes) and `IndexVec`, the vector they index.

use std::marker::PhantomData;

/// A dense id usable as an index into an [`IndexVec`].
pub trait Idx: Copy + Eq {
    fn new(index: usize) -> Self;
    fn index(self) -> usize;
}

macro_rules! define_id {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(u32);

        impl $name {
            pub const fn from_u32(raw: u32) -> Self {
                Self(raw)
            }
            pub const fn as_u32(self) -> u32 {
                self.0
            }
        }

        impl $crate::ids::Idx for $name {
            fn new(index: usize) -> Self {
                Self(u32::try_from(index).expect("fewer than 2^32 entries per file"))
            }
            fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

define_id!(
    /// A scope of one file. `ScopeId::MODULE` (0) is always the module scope.
    ScopeId
);
define_id!(
    /// A symbol of one scope's symbol table (only meaningful together with its `ScopeId`).
    SymbolId
);
define_id!(
    /// A member-access or subscript place (`x.y`, `x[0]`) of one scope's place table.
    PlaceId
);
define_id!(
    /// A definition of one file.
    DefinitionId
);
define_id!(
    /// A narrowing predicate of one file.
    PredicateId
);
define_id!(
    /// A node of one scope's constraint graph (a boolean formula over predicates).
    ConstraintId
);

impl ScopeId {
    /// The module scope of every file.
    pub const MODULE: ScopeId = ScopeId(0);
}

impl ConstraintId {
    /// The formula that always holds.
    pub const ALWAYS_TRUE: ConstraintId = ConstraintId(0);
    /// The formula that never holds (statically unreachable paths).
    pub const ALWAYS_FALSE: ConstraintId = ConstraintId(1);
}

/// A vector indexed by a dense id type.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct IndexVec<I, T> {
    items: Vec<T>,
    marker: PhantomData<fn(I) -> I>,
}

impl<I: Idx, T> IndexVec<I, T> {
    pub fn new() -> Self {
        Self { items: Vec::new(), marker: PhantomData }
    }

    pub fn with_capacity(capacity: usize) -> Self {
        Self { items: Vec::with_capacity(capacity), marker: PhantomData }
    }

    /// Append `item` and return its id.
    pub fn push(&mut self, item: T) -> I {
        let id = I::new(self.items.len());
        self.items.push(item);
        id
    }

    pub fn get(&self, id: I) -> Option<&T> {
        self.items.get(id.index())
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.items.iter()
    }

    /// Every id with its item, in id order.
    pub fn iter_enumerated(&self) -> impl Iterator<Item = (I, &T)> + '_ {
        self.items.iter().enumerate().map(|(index, item)| (I::new(index), item))
    }

    pub fn shrink_to_fit(&mut self) {
        self.items.shrink_to_fit();
    }
}

impl<I: Idx, T> Default for IndexVec<I, T> {
    fn default() -> Self {
        Self::new()
    }
}

impl<I: Idx, T> FromIterator<T> for IndexVec<I, T> {
    fn from_iter<It: IntoIterator<Item = T>>(iter: It) -> Self {
        Self { items: iter.into_iter().collect(), marker: PhantomData }
    }
}

impl<I: Idx, T> std::ops::Index<I> for IndexVec<I, T> {
    type Output = T;
    fn index(&self, id: I) -> &T {
        &self.items[id.index()]
    }
}

impl<I: Idx, T> std::ops::IndexMut<I> for IndexVec<I, T> {
    fn index_mut(&mut self, id: I) -> &mut T {
        &mut self.items[id.index()]
    }
}

impl<I, T: std::fmt::Debug> std::fmt::Debug for IndexVec<I, T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.items.iter()).finish()
    }
}

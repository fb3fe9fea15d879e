//! Per-scope symbol tables (names with flags) and place tables (member-access and
//! subscript narrowing targets such as `x.y` or `x[0]`).

use bitflags::bitflags;
use pytc_syntax::ast::name::Name;
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::ids::{IndexVec, PlaceId, SymbolId};

bitflags! {
    /// What the scope does with a name.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct SymbolFlags: u16 {
        /// Bound somewhere in the scope (assignment, import, def, parameter, `del`...).
        const BOUND = 1 << 0;
        /// Declared with an annotation (or by `def`, `class`, an import or an annotated parameter).
        const DECLARED = 1 << 1;
        /// Read somewhere in the scope.
        const USED = 1 << 2;
        /// Named in a `global` statement of this scope.
        const GLOBAL = 1 << 3;
        /// Named in a `nonlocal` statement of this scope.
        const NONLOCAL = 1 << 4;
        /// A parameter of the function or lambda.
        const PARAMETER = 1 << 5;
        /// Bound by an import.
        const IMPORTED = 1 << 6;
        /// Listed in the module's `__all__`.
        const IN_DUNDER_ALL = 1 << 7;
        /// A function's local that a nested scope assigns through `nonlocal`: a call may
        /// bind it at any time.
        const REBOUND_FROM_NESTED = 1 << 8;
    }
}

/// A name of one scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Symbol {
    pub name: Name,
    pub flags: SymbolFlags,
}

impl Symbol {
    pub fn is_bound(&self) -> bool {
        self.flags.contains(SymbolFlags::BOUND)
    }
    pub fn is_declared(&self) -> bool {
        self.flags.contains(SymbolFlags::DECLARED)
    }
    pub fn is_used(&self) -> bool {
        self.flags.contains(SymbolFlags::USED)
    }
    pub fn is_global(&self) -> bool {
        self.flags.contains(SymbolFlags::GLOBAL)
    }
    pub fn is_nonlocal(&self) -> bool {
        self.flags.contains(SymbolFlags::NONLOCAL)
    }
    pub fn is_parameter(&self) -> bool {
        self.flags.contains(SymbolFlags::PARAMETER)
    }
    pub fn is_imported(&self) -> bool {
        self.flags.contains(SymbolFlags::IMPORTED)
    }
    pub fn is_in_dunder_all(&self) -> bool {
        self.flags.contains(SymbolFlags::IN_DUNDER_ALL)
    }
    pub fn is_rebound_from_nested(&self) -> bool {
        self.flags.contains(SymbolFlags::REBOUND_FROM_NESTED)
    }
    /// True when the name is local to the scope by Python's rules: bound or annotated here
    /// and not declared `global` or `nonlocal`.
    pub fn is_local(&self) -> bool {
        (self.is_bound() || self.is_declared()) && !self.is_global() && !self.is_nonlocal()
    }
}

/// One step of a place below its root symbol.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PlaceSegment {
    /// `.name`
    Attribute(Name),
    /// `[3]` (an integer literal subscript, possibly negative)
    IntSubscript(i64),
    /// `["key"]` (a string literal subscript)
    StrSubscript(Box<str>),
}

/// The longest member chain tracked as a place. Longer chains (generated code, pathological
/// input) are not narrowed, which keeps the work per expression bounded.
pub const MAX_PLACE_SEGMENTS: usize = 16;

/// A narrowing target below a symbol: `x.y`, `x[0]`, `x.y["k"].z`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Place {
    pub root: SymbolId,
    pub segments: SmallVec<[PlaceSegment; 2]>,
}

impl Place {
    /// True when `self` is `other` or lies below it (`x.y.z` is within `x.y`).
    pub fn is_within(&self, other: &Place) -> bool {
        self.root == other.root
            && self.segments.len() >= other.segments.len()
            && self.segments[..other.segments.len()] == other.segments[..]
    }
}

/// The names and places of one scope.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SymbolTable {
    symbols: IndexVec<SymbolId, Symbol>,
    by_name: FxHashMap<Name, SymbolId>,
    places: IndexVec<PlaceId, Place>,
    place_ids: FxHashMap<Place, PlaceId>,
}

/// The lookup maps are derived from the two tables, so hashing the tables is enough.
impl std::hash::Hash for SymbolTable {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.symbols.hash(state);
        self.places.hash(state);
    }
}

impl SymbolTable {
    pub fn symbol(&self, id: SymbolId) -> &Symbol {
        &self.symbols[id]
    }

    pub fn symbol_id(&self, name: &str) -> Option<SymbolId> {
        self.by_name.get(name).copied()
    }

    pub fn symbol_by_name(&self, name: &str) -> Option<&Symbol> {
        self.symbol_id(name).map(|id| &self.symbols[id])
    }

    /// Every symbol with its id, in order of first appearance.
    pub fn symbols(&self) -> impl Iterator<Item = (SymbolId, &Symbol)> + '_ {
        self.symbols.iter_enumerated()
    }

    pub fn symbol_count(&self) -> usize {
        self.symbols.len()
    }

    pub fn place(&self, id: PlaceId) -> &Place {
        &self.places[id]
    }

    pub fn place_id(&self, place: &Place) -> Option<PlaceId> {
        self.place_ids.get(place).copied()
    }

    pub fn places(&self) -> impl Iterator<Item = (PlaceId, &Place)> + '_ {
        self.places.iter_enumerated()
    }

    pub fn place_count(&self) -> usize {
        self.places.len()
    }

    pub(crate) fn add_symbol(&mut self, name: &Name) -> (SymbolId, bool) {
        if let Some(id) = self.by_name.get(name) {
            return (*id, false);
        }
        let id = self.symbols.push(Symbol { name: name.clone(), flags: SymbolFlags::empty() });
        self.by_name.insert(name.clone(), id);
        (id, true)
    }

    pub(crate) fn add_flags(&mut self, id: SymbolId, flags: SymbolFlags) {
        self.symbols[id].flags |= flags;
    }

    pub(crate) fn add_place(&mut self, place: Place) -> (PlaceId, bool) {
        if let Some(id) = self.place_ids.get(&place) {
            return (*id, false);
        }
        let id = self.places.push(place.clone());
        self.place_ids.insert(place, id);
        (id, true)
    }

    pub(crate) fn shrink_to_fit(&mut self) {
        self.symbols.shrink_to_fit();
        self.places.shrink_to_fit();
        self.by_name.shrink_to_fit();
        self.place_ids.shrink_to_fit();
    }
}

//! Use-def maps: for every load of a name or place in a scope, the bindings that reach it
//! with the constraints active on the way; per symbol, its declarations and the bindings
//! visible at the end of the scope.

use pytc_syntax::ast::NodeIndex;
use smallvec::SmallVec;

use crate::constraint::Constraints;
use crate::definition::DefinitionTarget;
use crate::ids::{ConstraintId, DefinitionId, IndexVec, PlaceId, SymbolId};

/// What reaches a use along one set of paths.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Binding {
    /// No binding on these paths: the name is unbound there. For a place (`x.y`) it means
    /// "not assigned in this scope": the member's type as looked up on the root applies.
    Unbound,
    /// Unbound by `del` (the definition is the `Delete`).
    Deleted(DefinitionId),
    Definition(DefinitionId),
}

/// One binding reaching a use, and the constraint that holds on every path it arrives by:
/// the narrowing to apply to the binding's type, and (after a `NoReturn` candidate call,
/// a star import or a `with` that may swallow exceptions) whether those paths exist at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct ReachingBinding {
    pub binding: Binding,
    pub constraint: ConstraintId,
}

/// The bindings reaching one use (or the end of a scope). Empty when the use itself is
/// unreachable.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Bindings {
    pub(crate) entries: SmallVec<[ReachingBinding; 2]>,
}

impl Bindings {
    pub fn iter(&self) -> std::slice::Iter<'_, ReachingBinding> {
        self.entries.iter()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The definitions reaching (excluding `Unbound` and `del`).
    pub fn definitions(&self) -> impl Iterator<Item = DefinitionId> + '_ {
        self.entries.iter().filter_map(|entry| match entry.binding {
            Binding::Definition(definition) => Some(definition),
            Binding::Unbound | Binding::Deleted(_) => None,
        })
    }

    /// True when some path reaches the use with the name unbound or deleted (its constraint
    /// may still rule the path out: check it when it is not `ALWAYS_TRUE`).
    pub fn may_be_unbound(&self) -> bool {
        self.entries.iter().any(|entry| !matches!(entry.binding, Binding::Definition(_)))
    }
}

/// One recorded load.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Use {
    /// The symbol or place loaded.
    pub target: DefinitionTarget,
    bindings: u32,
}

impl Use {
    pub(crate) fn new(target: DefinitionTarget, bindings: u32) -> Self {
        Self { target, bindings }
    }
}

/// The use-def map of one scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UseDefMap {
    /// Sorted by node index.
    pub(crate) uses: Vec<(NodeIndex, Use)>,
    pub(crate) binding_lists: Vec<Bindings>,
    pub(crate) public_symbols: IndexVec<SymbolId, u32>,
    pub(crate) public_places: IndexVec<PlaceId, u32>,
    pub(crate) declarations: IndexVec<SymbolId, Box<[DefinitionId]>>,
    pub(crate) constraints: Constraints,
    pub(crate) end_reachability: ConstraintId,
}

impl UseDefMap {
    /// The load recorded for an `ExprName` (or a place expression such as `x.y`) of this
    /// scope, by its node index. Also recorded: the target of an augmented assignment and of
    /// `del` (what they read before writing).
    pub fn use_of(&self, node: NodeIndex) -> Option<Use> {
        self.uses.binary_search_by_key(&node, |(index, _)| *index).ok().map(|position| self.uses[position].1)
    }

    /// The bindings reaching the load `node`.
    pub fn bindings_at_use(&self, node: NodeIndex) -> Option<&Bindings> {
        self.use_of(node).map(|recorded| &self.binding_lists[recorded.bindings as usize])
    }

    /// The bindings visible at the end of the scope: what other scopes and modules see.
    /// For functions this joins the fall-through end with every `return`.
    pub fn public_bindings(&self, symbol: SymbolId) -> &Bindings {
        &self.binding_lists[self.public_symbols[symbol] as usize]
    }

    /// The assignments to a place (`self.x = ...`) visible at the end of the scope.
    pub fn public_place_bindings(&self, place: PlaceId) -> &Bindings {
        &self.binding_lists[self.public_places[place] as usize]
    }

    /// Every reachable declaration of the symbol in this scope, in source order.
    pub fn declarations(&self, symbol: SymbolId) -> &[DefinitionId] {
        &self.declarations[symbol]
    }

    /// The scope's constraint formulas (the `ConstraintId`s of this map index them).
    pub fn constraints(&self) -> &Constraints {
        &self.constraints
    }

    /// Under which constraint the end of the scope is reached by falling off its last
    /// statement (`ALWAYS_FALSE`: never). For a function: whether it can return `None`
    /// implicitly.
    pub fn end_reachability(&self) -> ConstraintId {
        self.end_reachability
    }

    /// Every recorded use, in node order.
    pub fn uses(&self) -> impl Iterator<Item = (NodeIndex, Use, &Bindings)> + '_ {
        self.uses.iter().map(|(node, recorded)| (*node, *recorded, &self.binding_lists[recorded.bindings as usize]))
    }
}

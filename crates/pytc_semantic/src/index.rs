//! `SemanticIndex`: everything indexed about one file, with its lookups.

use std::sync::Arc;

use pytc_syntax::ast::NodeIndex;
use pytc_syntax::ast::name::Name;
use pytc_db::ReleasableTree;
use pytc_syntax::{ParsedModule, Ranged, TextRange, TextSize};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use crate::definition::Definition;
use crate::ids::{ConstraintId, DefinitionId, IndexVec, PredicateId, ScopeId, SymbolId};
use crate::predicate::Predicate;
use crate::scope::{Scope, ScopeKind};
use crate::symbol::SymbolTable;
use crate::units::{UnitId, Units};
use crate::use_def::UseDefMap;

/// Whether a piece of code can run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Reachability {
    Reachable,
    /// Statically unreachable: a false `sys.version_info`/`sys.platform`/`TYPE_CHECKING`
    /// branch, or code after `return`, `raise`, `continue`, `break`, `assert False` or
    /// `assert_never(...)`. Report no diagnostics there.
    Unreachable,
    /// Reachable when the constraint (of the use-def map of `scope`) holds: typically after a
    /// call that may be to a `NoReturn` function.
    Conditional { scope: ScopeId, constraint: ConstraintId },
}

/// Where a name read in some scope is bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum NameResolution {
    /// A symbol of this file: local to the scope where the name is read, of an enclosing
    /// function (a closure), or of the module (a global).
    Symbol { scope: ScopeId, symbol: SymbolId },
    /// Bound in no scope of this file: the module's star imports
    /// (`SemanticIndex::star_imports`) may provide it, otherwise look in `builtins`.
    Builtins,
}

/// Everything the semantic layer knows about one file.
pub struct SemanticIndex {
    /// The file's tree, which the command line may release and which is parsed again on
    /// demand (see `pytc_db::ReleasableTree`).
    pub(crate) tree: Arc<ReleasableTree>,
    pub(crate) is_stub: bool,
    pub(crate) scopes: IndexVec<ScopeId, Scope>,
    /// The scopes directly inside each scope, in order of appearance.
    pub(crate) children: IndexVec<ScopeId, Box<[ScopeId]>>,
    pub(crate) symbol_tables: IndexVec<ScopeId, Arc<SymbolTable>>,
    pub(crate) use_def_maps: IndexVec<ScopeId, Arc<UseDefMap>>,
    pub(crate) definitions: IndexVec<DefinitionId, Definition>,
    pub(crate) predicates: IndexVec<PredicateId, Predicate>,
    pub(crate) scopes_by_node: FxHashMap<NodeIndex, ScopeId>,
    pub(crate) definitions_by_node: FxHashMap<NodeIndex, SmallVec<[DefinitionId; 1]>>,
    /// Sorted runs: every node from `.0` on (in node order) belongs to scope `.1`.
    pub(crate) node_scopes: Box<[(u32, ScopeId)]>,
    pub(crate) reachability: Box<[(TextSize, Reachability)]>,
    pub(crate) dunder_all: Option<Box<[Name]>>,
    pub(crate) has_future_annotations: bool,
    pub(crate) annotations_deferred: bool,
    pub(crate) star_imports: FxHashMap<ScopeId, Box<[DefinitionId]>>,
    pub(crate) units: Units,
}

impl SemanticIndex {
    /// The parsed module the index was built from (its nodes are the ones `AstNodeRef`s
    /// point into), parsed again if it was released.
    pub fn parsed_module(&self) -> &ParsedModule {
        self.tree.parsed()
    }

    /// True for `.pyi` files.
    pub fn is_stub(&self) -> bool {
        self.is_stub
    }

    pub fn scope(&self, scope: ScopeId) -> &Scope {
        &self.scopes[scope]
    }

    /// Every scope with its id; the module scope first, then in order of appearance.
    pub fn scopes(&self) -> impl Iterator<Item = (ScopeId, &Scope)> + '_ {
        self.scopes.iter_enumerated()
    }

    /// `scope` and every scope enclosing it, innermost first.
    pub fn ancestor_scopes(&self, scope: ScopeId) -> impl Iterator<Item = ScopeId> + '_ {
        std::iter::successors(Some(scope), |current| self.scopes[*current].parent)
    }

    /// The scopes directly inside `scope`.
    pub fn child_scopes(&self, scope: ScopeId) -> impl Iterator<Item = ScopeId> + '_ {
        self.children[scope].iter().copied()
    }

    pub fn symbol_table(&self, scope: ScopeId) -> &Arc<SymbolTable> {
        &self.symbol_tables[scope]
    }

    pub fn use_def_map(&self, scope: ScopeId) -> &Arc<UseDefMap> {
        &self.use_def_maps[scope]
    }

    pub fn definition(&self, definition: DefinitionId) -> &Definition {
        &self.definitions[definition]
    }

    pub fn definitions(&self) -> impl Iterator<Item = (DefinitionId, &Definition)> + '_ {
        self.definitions.iter_enumerated()
    }

    /// The definitions a node creates (see `Definition::node`); several for an alias that
    /// is bound twice, none for most nodes.
    pub fn definitions_for_node(&self, node: NodeIndex) -> &[DefinitionId] {
        self.definitions_by_node.get(&node).map_or(&[], |definitions| definitions.as_slice())
    }

    pub fn predicate(&self, predicate: PredicateId) -> &Predicate {
        &self.predicates[predicate]
    }

    pub fn predicates(&self) -> impl Iterator<Item = (PredicateId, &Predicate)> + '_ {
        self.predicates.iter_enumerated()
    }

    /// The scope a statement, expression, pattern or parameter is evaluated in. Default
    /// values and decorators belong to the enclosing scope, annotations of a generic
    /// function to its type-parameter scope, the first iterable of a comprehension to the
    /// enclosing scope.
    pub fn scope_of_node(&self, node: NodeIndex) -> ScopeId {
        let Some(index) = node.as_u32() else { return ScopeId::MODULE };
        match self.node_scopes.binary_search_by_key(&index, |(start, _)| *start) {
            Ok(position) => self.node_scopes[position].1,
            Err(0) => ScopeId::MODULE,
            Err(position) => self.node_scopes[position - 1].1,
        }
    }

    /// The scope opened by a `def`/`class`/`type` statement, a lambda, a comprehension or a
    /// `TypeParams` node. For a generic `def`/`class` this is the function/class scope (its
    /// `TypeParams` node gives the type-parameter scope).
    pub fn scope_defined_by(&self, node: NodeIndex) -> Option<ScopeId> {
        self.scopes_by_node.get(&node).copied()
    }

    /// Whether code in `range` can run (see `Reachability`).
    pub fn reachability(&self, range: TextRange) -> Reachability {
        match self.reachability.binary_search_by_key(&range.start(), |(offset, _)| *offset) {
            Ok(position) => self.reachability[position].1,
            Err(0) => Reachability::Reachable,
            Err(position) => self.reachability[position - 1].1,
        }
    }

    /// The changes of static reachability strictly inside `range` (for fingerprints).
    pub(crate) fn reachability_marks_within(&self, range: TextRange) -> &[(TextSize, Reachability)] {
        let first = self.reachability.partition_point(|(offset, _)| *offset <= range.start());
        let end = self.reachability.partition_point(|(offset, _)| *offset < range.end());
        &self.reachability[first..end.max(first)]
    }

    /// The check unit that holds a source position (see `units`).
    pub fn unit_at(&self, offset: TextSize) -> UnitId {
        self.units.unit_at(offset)
    }

    /// Where a check unit starts: its statement's first offset (zero for the skeleton).
    pub fn unit_start(&self, unit: UnitId) -> TextSize {
        self.units.start(unit)
    }

    /// The check unit that holds a node.
    pub fn unit_of_node(&self, node: NodeIndex) -> UnitId {
        self.units.unit_of_node(node)
    }

    /// The check unit a scope's code belongs to: the skeleton for the module scope, else
    /// the top-level statement it is nested in.
    pub fn unit_of_scope(&self, scope: ScopeId) -> UnitId {
        if scope == ScopeId::MODULE { UnitId::SKELETON } else { self.unit_at(self.scopes[scope].range.start()) }
    }

    /// The check unit a definition's node belongs to.
    pub fn unit_of_definition(&self, definition: DefinitionId) -> UnitId {
        self.unit_at(self.definitions[definition].name_range.start())
    }

    /// The check unit a predicate's expression belongs to.
    pub fn unit_of_predicate(&self, predicate: PredicateId) -> UnitId {
        let ranges = crate::units::predicate_ranges(self, &self.predicates[predicate].kind);
        ranges.first().map_or(UnitId::SKELETON, |(range, _)| self.unit_at(range.start()))
    }

    /// The fingerprint of one unit (see `units`); equal fingerprints in two indexes of a file
    /// mean equal answers about that unit.
    pub fn unit_fingerprint(&self, unit: UnitId) -> u128 {
        self.units.fingerprint(unit)
    }

    /// How many top-level statements (statement units) the module has.
    pub fn statement_unit_count(&self) -> usize {
        self.units.count()
    }

    /// False when the node is statically unreachable (the type layer reports nothing there).
    pub fn is_node_reachable(&self, node: &impl Ranged) -> bool {
        self.reachability(node.range()) != Reachability::Unreachable
    }

    /// The names listed in the module's `__all__`, when it is defined by forms type checkers
    /// understand (`__all__ = [...]`, `+=`, `.append`, `.extend`, `.remove`).
    pub fn dunder_all(&self) -> Option<&[Name]> {
        self.dunder_all.as_deref()
    }

    /// True when the module has `from __future__ import annotations` (annotations are not
    /// evaluated, so they see the public bindings of the scope).
    pub fn has_future_annotations(&self) -> bool {
        self.has_future_annotations
    }

    /// True when annotations are not evaluated where they are written: under
    /// `from __future__ import annotations`, or on a target of Python 3.14 or later (PEP 649),
    /// so they see the public bindings of the scope.
    pub fn annotations_deferred(&self) -> bool {
        self.annotations_deferred
    }

    /// The `from m import *` definitions of a scope, in source order.
    pub fn star_imports(&self, scope: ScopeId) -> &[DefinitionId] {
        self.star_imports.get(&scope).map_or(&[], |definitions| definitions)
    }

    /// Resolve a name read in `scope` by Python's rules: a local of `scope` (unless declared
    /// `global`/`nonlocal`), else the innermost enclosing function-like scope that binds it
    /// (class scopes are skipped, except that an annotation scope sees its immediately
    /// enclosing class), else a module global, else builtins.
    ///
    /// In module and class scopes a name that is local but may be unbound at the use is
    /// looked up further out at runtime: use `resolve_name_in_enclosing_scopes` for that
    /// fallback.
    pub fn resolve_name(&self, scope: ScopeId, name: &str) -> NameResolution {
        if let Some(symbol_id) = self.symbol_tables[scope].symbol_id(name) {
            let symbol = self.symbol_tables[scope].symbol(symbol_id);
            if symbol.is_global() {
                return self.resolve_global(name);
            }
            if symbol.is_nonlocal() {
                return self.resolve_in_enclosing(scope, name, true);
            }
            if symbol.is_local() {
                return NameResolution::Symbol { scope, symbol: symbol_id };
            }
        }
        self.resolve_in_enclosing(scope, name, false)
    }

    /// Resolve a name as if `scope` did not bind it: the enclosing scopes, then globals and
    /// builtins.
    pub fn resolve_name_in_enclosing_scopes(&self, scope: ScopeId, name: &str) -> NameResolution {
        self.resolve_in_enclosing(scope, name, false)
    }

    fn resolve_in_enclosing(&self, scope: ScopeId, name: &str, only_functions: bool) -> NameResolution {
        let mut child = scope;
        while let Some(parent) = self.scopes[child].parent {
            let parent_kind = self.scopes[parent].kind;
            let visible = match parent_kind {
                ScopeKind::Module => false,
                ScopeKind::Class => !only_functions && self.scopes[child].kind.is_annotation_scope(),
                _ => true,
            };
            if visible && let Some(symbol_id) = self.symbol_tables[parent].symbol_id(name) {
                let symbol = self.symbol_tables[parent].symbol(symbol_id);
                if symbol.is_global() {
                    return self.resolve_global(name);
                }
                if symbol.is_local() {
                    return NameResolution::Symbol { scope: parent, symbol: symbol_id };
                }
            }
            if parent_kind == ScopeKind::Module {
                break;
            }
            child = parent;
        }
        if only_functions {
            return NameResolution::Builtins;
        }
        self.resolve_global(name)
    }

    fn resolve_global(&self, name: &str) -> NameResolution {
        let module = &self.symbol_tables[ScopeId::MODULE];
        match module.symbol_id(name) {
            Some(symbol) if module.symbol(symbol).is_bound() || module.symbol(symbol).is_declared() => {
                NameResolution::Symbol { scope: ScopeId::MODULE, symbol }
            }
            _ => NameResolution::Builtins,
        }
    }
}

impl std::fmt::Debug for SemanticIndex {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SemanticIndex")
            .field("scopes", &self.scopes.len())
            .field("definitions", &self.definitions.len())
            .field("predicates", &self.predicates.len())
            .finish_non_exhaustive()
    }
}

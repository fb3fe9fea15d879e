//! The semantic index of a Python file: scopes, symbol tables, definitions, flow-sensitive
//! use-def maps with narrowing predicates, and reachability. It knows nothing of types; the
//! type layer (`pytc_types`) reads it and evaluates predicates lazily.
//!
//! # Queries
//! - [`semantic_index`]`(db, file) -> &SemanticIndex` (`returns(ref)`, `no_eq`): everything
//!   below, for one file. Built in one walk of the AST; statically false branches are
//!   evaluated against `db.settings()`.
//! - [`symbol_table`]`(db, file, scope) -> Arc<SymbolTable>` and
//!   [`use_def_map`]`(db, file, scope) -> Arc<UseDefMap>`: per-scope projections compared by
//!   value, so a query that depends on one scope does not re-run when another changes.
//! - Check units ([`UnitId`]: each top-level statement, and the module skeleton):
//!   [`unit_index`]`(db, file, unit)`, [`scope_index`]`(db, file, scope)` and
//!   [`definition_index`]`(db, file, definition)` return the same index as
//!   `semantic_index`, read through a view compared by the unit's fingerprint, so a query
//!   that reads only its unit (and the skeleton) keeps its result when other statements
//!   change. [`unit_of_predicate`] finds a predicate's unit; a position kept across edits is a
//!   [`UnitRange`], relative to its unit.
//! - [`exported_names`]`(db, file) -> &ModuleNames`: what `from file import *` binds
//!   (`__all__`, or public names with the stub re-export rules).
//! - [`library_interface`]`(db, file) -> &ModuleNames`: the public names of a module
//!   under the typing spec's rules for libraries (`__all__`, underscores, re-export forms,
//!   in `.py` files too).
//!
//! # Ids
//! All ids are dense `u32` newtypes, per file: [`ScopeId`] ([`ScopeId::MODULE`] is 0),
//! [`DefinitionId`], [`PredicateId`]; per scope: [`SymbolId`], [`PlaceId`],
//! [`ConstraintId`]. Side tables key AST nodes by their `NodeIndex`
//! (`node.node_index().load()`), which `pytc_syntax::parse` assigns in source order.
//!
//! # [`SemanticIndex`]
//! - Scopes: `scope(id) -> &Scope` (`kind`, `parent`, `node`, `name`, `range`, `reachable`),
//!   `scopes()`, `ancestor_scopes`, `child_scopes`, `scope_of_node(NodeIndex)` (the scope
//!   any statement/expression/pattern/parameter is evaluated in), `scope_defined_by(NodeIndex)`
//!   (of a `def`/`class`/`type` statement, lambda, comprehension or `TypeParams` node).
//!   [`ScopeKind`]: `Module`, `Class`, `Function`, `Lambda`, `Comprehension`, `TypeParams`
//!   (PEP 695 parameters of `def f[T]`/`class C[T]`/`type A[T]`) and `TypeAlias` (the lazily
//!   evaluated value of `type A = ...`).
//! - Names: `symbol_table(scope)` ([`SymbolTable`]: `symbol_id(name)`, `symbol(id)` with
//!   [`SymbolFlags`] `BOUND`, `DECLARED`, `USED`, `GLOBAL`, `NONLOCAL`, `PARAMETER`,
//!   `IMPORTED`, `IN_DUNDER_ALL`; and places `x.y`/`x[0]`/`x["k"]` as [`Place`]).
//!   `resolve_name(scope, name)` applies Python's rules (class scopes invisible from nested
//!   functions, annotation scopes see their class, `global`/`nonlocal`) and returns a
//!   [`NameResolution`]: a symbol, or `Builtins` (check `star_imports(ScopeId::MODULE)`
//!   first). In module/class scopes, a local that may be unbound falls back to
//!   `resolve_name_in_enclosing_scopes`.
//! - Definitions: `definition(id) -> &Definition` (`scope`, `target` (symbol or place),
//!   `kind`, `node`, `name_range`, `reachable`), `definitions_for_node(NodeIndex)`.
//!   [`DefinitionKind`] carries [`AstNodeRef`]s (handles on the nodes to infer, by node
//!   index: the tree may be released and parsed again) for:
//!   imports, `from` imports, star imports, `def`, `class`, `type`, assignments with an
//!   [`UnpackPath`], annotated and augmented assignments, `for`/`with`/comprehension
//!   targets, `except ... as e`, match captures, walrus, parameters, type parameters, `del`.
//!   `is_declaration()` / `is_binding()` classify them. `global`/`nonlocal` statements are
//!   symbol flags, not definitions.
//! - Flow: `use_def_map(scope)` ([`UseDefMap`]): `bindings_at_use(NodeIndex of an ExprName or
//!   place load)` -> [`Bindings`] (each [`ReachingBinding`] = [`Binding`] (`Unbound`,
//!   `Deleted`, `Definition`) + [`ConstraintId`]); `may_be_unbound()`;
//!   `public_bindings(symbol)` (end of scope, joined with `return`s for functions);
//!   `declarations(symbol)`; `end_reachability()`; `constraints()` ([`Constraint`]:
//!   `True`, `False`, `Atom{predicate, negated}`, `And`, `Or`; evaluate `And` sequentially,
//!   `Or` as a union). Uses inside loops see the bindings made later in the loop body.
//!   A name that is not local to the scope (a global or closure variable) is still narrowed
//!   on the scope's paths: its uses carry an `Unbound` entry whose constraint is the
//!   narrowing to apply to the type `resolve_name` finds.
//!   A name read in a comprehension, class body or type-parameter list that resolves to an
//!   enclosing scope (with only such eager scopes in between) also has a use in that
//!   enclosing scope's map, keyed by the same node: the bindings (and narrowing) where the
//!   inner scope runs. Prefer it to the enclosing scope's `public_bindings`, except in
//!   annotations that are not evaluated (stubs, `from __future__ import annotations`),
//!   which see the public bindings like any deferred annotation.
//! - Predicates: `predicate(id)` ([`PredicateKind`]: `Test(expr)` from
//!   `if`/`elif`/`while`/`assert`/`and`/`or`/ternaries/comprehension `if`s/case guards,
//!   `Pattern{subject, case}`, `CallReturns{call, awaited}` for expression-statement calls (or
//!   awaited calls) that may be `NoReturn`, `StarImportProvides(definition)`, `WithSwallowsExceptions(with)`).
//!   Every kind must be evaluated, not treated as unknown: an un-negated `CallReturns`,
//!   `StarImportProvides` or `WithSwallowsExceptions` atom rules its path out (`Never`)
//!   when the call is `NoReturn`, the module lacks the name, or the context manager does
//!   not swallow exceptions (the usual case).
//! - Reachability: `reachability(range)` -> [`Reachability`] (`Reachable`, `Unreachable`,
//!   `Conditional{scope, constraint}`) and `is_node_reachable(node)`. Static conditions:
//!   `sys.version_info` comparisons (indexing, slices, `.major/.minor`, any tuple length),
//!   `sys.platform` `==`/`!=`/`in`/`.startswith` and `os.name` `==`/`!=` (unknown under
//!   `PythonPlatform::All`),
//!   `TYPE_CHECKING`/`typing.TYPE_CHECKING`, literal constants, combined with
//!   `and`/`or`/`not`. Code after `return`/`raise`/`break`/`continue`/`assert False`/
//!   `assert_never(...)` is unreachable, and so is an expression arm a static condition
//!   prunes (`b` in `a if TYPE_CHECKING else b`).
//! - Module facts: `dunder_all()`, `has_future_annotations()`, `is_stub()`.

mod ast_node_ref;
mod builder;
mod constraint;
mod definition;
mod exports;
mod ids;
mod index;
mod library;
mod predicate;
mod queries;
mod scope;
mod static_truth;
mod symbol;
mod units;
mod use_def;

pub use ast_node_ref::AstNodeRef;
pub use constraint::{Constraint, Constraints};
pub use definition::{
    AnnotatedAssignmentDefinition, AssignmentDefinition, ComprehensionDefinition, Definition, DefinitionKind,
    DefinitionTarget, ExceptHandlerDefinition, ForDefinition, ImportDefinition, ImportFromDefinition,
    MatchCaptureDefinition, ParameterDefinition, ParameterKind, StarImportDefinition, UnpackPath, UnpackStep,
    WithDefinition,
};
pub use exports::{ModuleNames, exported_names, is_importable_from, stub_private_imports};
pub use ids::{ConstraintId, DefinitionId, Idx, IndexVec, PlaceId, PredicateId, ScopeId, SymbolId};
pub use index::{NameResolution, Reachability, SemanticIndex};
pub use library::{InterfaceNames, interface_names, is_private_name, library_interface};
pub use predicate::{MatchCaseRef, Predicate, PredicateKind};
pub use queries::{
    UnitView, definition_index, scope_index, semantic_index, symbol_table, unit_index, unit_of_predicate,
    use_def_map,
};
pub use scope::{Scope, ScopeKind};
pub use symbol::{MAX_PLACE_SEGMENTS, Place, PlaceSegment, Symbol, SymbolFlags, SymbolTable};
pub use units::{UnitId, UnitRange};
pub use use_def::{Binding, Bindings, ReachingBinding, Use, UseDefMap};

//! The salsa queries of the semantic layer.

use std::sync::Arc;

use pytc_db::{Db, File, ReleasableTree, parsed_module, source_text};

use crate::builder::build_index;
use pytc_syntax::{ParsedModule, SourceKind};

use crate::ids::{DefinitionId, PredicateId, ScopeId};
use crate::index::SemanticIndex;
use crate::static_truth::StaticTruth;
use crate::symbol::SymbolTable;
use crate::units::UnitId;
use crate::use_def::UseDefMap;

/// The semantic index of a file, shared so unit views can hold it. A query because every
/// later phase reads it, and it is rebuilt only when the file's tree or the target
/// version/platform change. `no_eq`: every edit changes it; the unit views and per-scope
/// projections below are what dependents compare.
#[salsa::tracked(returns(ref), no_eq)]
fn shared_semantic_index(db: &dyn Db, file: File) -> Arc<SemanticIndex> {
    Arc::new(index_of_tree(db, file, parsed_module(db, file)))
}

/// The semantic index of `file` built from its tree `parsed` (a parse of the file's text
/// for the current settings, so that a re-parse gives the same tree).
pub(crate) fn index_of_tree(db: &dyn Db, file: File, parsed: &ParsedModule) -> SemanticIndex {
    let settings = db.settings();
    let version = *settings.python_version(db);
    let truth = StaticTruth::new(version, settings.python_platform(db).clone());
    let source = source_text(db, file);
    let is_stub = file.path(db).is_stub();
    let kind = if is_stub { SourceKind::Stub } else { SourceKind::Python };
    let tree = ReleasableTree::new(parsed.clone(), Arc::clone(source), kind, version, db.tree_registry());
    build_index(&tree, source, is_stub, truth)
}

/// The whole semantic index of a file. A query that reads it re-runs on every edit of the
/// file; inference of one unit reads [`unit_index`] instead.
pub fn semantic_index(db: &dyn Db, file: File) -> &SemanticIndex {
    shared_semantic_index(db, file)
}

/// The index as seen by one check unit: equal to the previous revision's view when the
/// unit's fingerprint is unchanged, so the queries that read only this unit keep their
/// results across edits elsewhere in the file.
#[derive(Debug, Clone)]
pub struct UnitView {
    index: Arc<SemanticIndex>,
    fingerprint: u128,
}

impl PartialEq for UnitView {
    fn eq(&self, other: &Self) -> bool {
        self.fingerprint == other.fingerprint
    }
}

impl Eq for UnitView {}

impl UnitView {
    fn of(index: &Arc<SemanticIndex>, unit: UnitId) -> Self {
        Self { index: Arc::clone(index), fingerprint: index.unit_fingerprint(unit) }
    }
}

/// One unit's view of the index. A query so that its dependents are compared by the unit's
/// fingerprint, not by the whole file.
#[salsa::tracked(returns(ref))]
fn unit_view(db: &dyn Db, file: File, unit: UnitId) -> UnitView {
    UnitView::of(shared_semantic_index(db, file), unit)
}

/// The semantic index, read on behalf of one unit. The caller must read from it only what
/// belongs to that unit and to the module skeleton (see `units`): anything else has to go
/// through the unit it belongs to.
pub fn unit_index(db: &dyn Db, file: File, unit: UnitId) -> &SemanticIndex {
    &unit_view(db, file, unit).index
}

/// The view of the unit a scope belongs to. A query (rather than the unit lookup followed by
/// [`unit_index`]) because inference asks it constantly: one read instead of two.
#[salsa::tracked(returns(ref))]
fn scope_view(db: &dyn Db, file: File, scope: ScopeId) -> UnitView {
    let index = shared_semantic_index(db, file);
    UnitView::of(index, index.unit_of_scope(scope))
}

/// The semantic index, read on behalf of the unit `scope` belongs to (see [`unit_index`]).
pub fn scope_index(db: &dyn Db, file: File, scope: ScopeId) -> &SemanticIndex {
    &scope_view(db, file, scope).index
}

/// The view of the unit a definition belongs to. A query for the same reason as
/// [`scope_view`].
#[salsa::tracked(returns(ref))]
fn definition_view(db: &dyn Db, file: File, definition: DefinitionId) -> UnitView {
    let index = shared_semantic_index(db, file);
    UnitView::of(index, index.unit_of_definition(definition))
}

/// The semantic index, read on behalf of the unit a definition belongs to (see
/// [`unit_index`]).
pub fn definition_index(db: &dyn Db, file: File, definition: DefinitionId) -> &SemanticIndex {
    &definition_view(db, file, definition).index
}

/// The unit a predicate belongs to. A query so that this lookup, which reads the whole
/// index, is cut off when the answer stays the same.
#[salsa::tracked(returns(copy))]
pub fn unit_of_predicate(db: &dyn Db, file: File, predicate: PredicateId) -> UnitId {
    semantic_index(db, file).unit_of_predicate(predicate)
}

/// The symbol table of one scope. A query so that dependents re-run only when this scope's
/// names or flags change, not on every edit of the file.
#[salsa::tracked(returns(clone))]
pub fn symbol_table(db: &dyn Db, file: File, scope: ScopeId) -> Arc<SymbolTable> {
    semantic_index(db, file).symbol_table(scope).clone()
}

/// The use-def map of one scope. A query so that inference of a scope re-runs only when the
/// scope's flow facts change.
#[salsa::tracked(returns(clone))]
pub fn use_def_map(db: &dyn Db, file: File, scope: ScopeId) -> Arc<UseDefMap> {
    semantic_index(db, file).use_def_map(scope).clone()
}

//! The salsa queries of the semantic layer.

use std::sync::Arc;

use pytc_db::{Db, File, parsed_module};

use crate::builder::build_index;
use crate::ids::ScopeId;
use crate::index::SemanticIndex;
use crate::static_truth::StaticTruth;
use crate::symbol::SymbolTable;
use crate::use_def::UseDefMap;

/// The semantic index of a file. A query because every later phase reads it, and it is
/// rebuilt only when the file's tree or the target version/platform change. `no_eq`: the
/// per-scope projections below are what dependents compare.
#[salsa::tracked(returns(ref), no_eq)]
pub fn semantic_index(db: &dyn Db, file: File) -> SemanticIndex {
    let parsed = parsed_module(db, file);
    let settings = db.settings();
    let truth = StaticTruth::new(*settings.python_version(db), settings.python_platform(db).clone());
    build_index(parsed, file.path(db).is_stub(), truth)
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

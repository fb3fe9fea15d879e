//! The per-file check query.

use pytc_db::{Db, Diagnostic, File};

use crate::syntax_rules::file_diagnostics;

/// Every diagnostic for `file` at its rule's default level, sorted by position.
/// A query: the CLI and the language server both ask for it, and it is reused until the
/// file or something it depends on changes.
#[salsa::tracked(returns(ref))]
pub fn check_file(db: &dyn Db, file: File) -> Vec<Diagnostic> {
    let mut diagnostics = file_diagnostics(db, file);
    diagnostics.extend(crate::import_rules::import_diagnostics(db, file));
    diagnostics.extend(pytc_types::check_types(db, file).iter().cloned());
    diagnostics.sort_by_key(|diagnostic| diagnostic.range.start());
    diagnostics
}

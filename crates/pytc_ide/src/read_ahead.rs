//! Reading ahead, while the editor is idle, what the first auto-import completion or
//! workspace-symbol search would otherwise read on demand: the public names of every module
//! a name could be imported from, and the symbols of every workspace file. Both are salsa
//! queries, so an edit later re-reads only what it changed; the caller runs this on a
//! snapshot, which an edit cancels.

use pytc_db::{Db, File};

/// Reads ahead the indexes of auto-import and workspace symbols for `workspace`.
pub fn read_ahead(db: &dyn Db, workspace: &[File]) {
    crate::workspace_symbols::read_ahead(db, workspace);
    crate::auto_import::read_ahead(db, workspace);
}

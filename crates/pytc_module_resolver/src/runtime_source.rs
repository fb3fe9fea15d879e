//! The runtime source of a standard-library stub: typeshed's stubs carry no docstrings, so
//! the editor reads them from the environment's own `lib/pythonX.Y/<module>.py`. Never
//! used to resolve imports or to infer types.

use std::path::PathBuf;

use pytc_db::{Db, File};

use crate::import::{is_stdlib_stub, module_name_of_file};
use crate::search_paths::search_paths;

/// The `.py` source of the module a typeshed stub describes, when the environment's
/// standard library has one (`json/__init__.pyi` → `json/__init__.py`, `os/path.pyi` →
/// the module's own file); `None` for modules written in C and without an environment.
pub fn stdlib_runtime_source(db: &dyn Db, stub: File) -> Option<PathBuf> {
    let root = search_paths(db).stdlib_source.as_ref()?;
    if !is_stdlib_stub(db, stub) {
        return None;
    }
    let name = module_name_of_file(db, stub)?;
    let folder = name.components().fold(root.clone(), |path, component| path.join(component));
    let is_package = stub.path(db).display().ends_with("__init__.pyi");
    let candidate = if is_package { folder.join("__init__.py") } else { folder.with_extension("py") };
    db.system().is_file(&candidate).then_some(candidate)
}

//! A database holding one in-memory file, for the unit tests of this crate.

use std::path::Path;
use std::sync::Arc;

use pytc_db::{File, Files, PythonPlatform, TestSystem};
use pytc_project::ProjectDatabase;
use pytc_syntax::PythonVersion;

pub(crate) fn db_with_file(source: &str) -> (ProjectDatabase, File) {
    let system = TestSystem::default();
    system.write("/project/main.py", source);
    let db = ProjectDatabase::new(Arc::new(system), PythonVersion::PY312, PythonPlatform::host());
    let file = Files::system(&db, Path::new("/project/main.py"));
    (db, file)
}

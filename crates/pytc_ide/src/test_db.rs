//! Databases holding in-memory files, for the unit tests of this crate.

use std::path::Path;
use std::sync::Arc;

use pytc_db::{File, Files, PythonPlatform, TestSystem};
use pytc_module_resolver::{ResolverOptions, configure};
use pytc_project::ProjectDatabase;
use pytc_syntax::PythonVersion;

/// A database holding `/project/main.py`.
pub(crate) fn db_with_file(source: &str) -> (ProjectDatabase, File) {
    let (db, files) = db_with_files(&[("main.py", source)]);
    (db, files[0])
}

/// A database holding in-memory files under `/project`, given by relative path and text;
/// `/project` is the import root, so the files import each other.
pub(crate) fn db_with_files(sources: &[(&str, &str)]) -> (ProjectDatabase, Vec<File>) {
    let system = TestSystem::default();
    for (path, source) in sources {
        system.write(format!("/project/{path}"), *source);
    }
    let mut db = ProjectDatabase::new(Arc::new(system), PythonVersion::PY312, PythonPlatform::host());
    let options = ResolverOptions { project_roots: vec!["/project".into()], ..ResolverOptions::default() };
    configure(&mut db, &options).expect("an in-memory project root can be configured");
    let files = sources.iter().map(|(path, _)| Files::system(&db, Path::new(&format!("/project/{path}")))).collect();
    (db, files)
}

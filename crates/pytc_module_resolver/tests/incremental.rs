//! Which resolver queries re-run after a change: editing a module's text must not re-resolve
//! anything; changing the search paths or invalidating must.

mod common;

use std::fs;
use std::sync::{Arc, Mutex};

use common::TestDb;
use pytc_db::Files;
use pytc_module_resolver::{ModuleName, ResolverOptions, configure, invalidate_resolutions, resolve_module};
use pytc_syntax::PythonVersion;

fn resolutions_run(log: &Mutex<Vec<String>>) -> usize {
    let mut log = log.lock().unwrap();
    let count = log.iter().filter(|query| query.starts_with("resolution")).count();
    log.clear();
    count
}

#[test]
fn editing_a_module_does_not_re_resolve_but_invalidating_does() {
    let temp = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(temp.path()).unwrap();
    fs::create_dir_all(root.join("pkg")).unwrap();
    fs::write(root.join("pkg/__init__.py"), "").unwrap();
    fs::write(root.join("pkg/mod.py"), "x = 1\n").unwrap();

    let log = Arc::new(Mutex::new(Vec::new()));
    let mut db = TestDb::logging(PythonVersion::PY312, log.clone());
    configure(&mut db, &ResolverOptions { project_roots: vec![root.clone()], ..ResolverOptions::default() }).unwrap();
    let name = ModuleName::new("pkg.mod").unwrap();
    let first = resolve_module(&db, &name).unwrap();
    assert_eq!(resolutions_run(&log), 2, "pkg and pkg.mod");

    fs::write(root.join("pkg/mod.py"), "x = 2\n").unwrap();
    Files::refresh(&mut db, &root.join("pkg/mod.py"));
    assert_eq!(resolve_module(&db, &name), Some(first.clone()));
    assert_eq!(resolutions_run(&log), 0, "an edit changes no resolution");

    invalidate_resolutions(&mut db);
    assert_eq!(resolve_module(&db, &name), Some(first));
    assert_eq!(resolutions_run(&log), 2, "invalidation re-resolves");
}

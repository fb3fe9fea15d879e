//! Incrementality: after an edit to one file, only that file's queries run again; every
//! other file's parse and check results are reused.

use std::path::Path;
use std::sync::{Arc, Mutex};

use pytc_checker::RuleLevels;
use pytc_db::{File, Files, PythonPlatform, TestSystem};
use pytc_module_resolver::{ResolverOptions, configure};
use pytc_project::{ProjectDatabase, check_files};
use pytc_syntax::PythonVersion;
use salsa::plumbing::AsId;

/// A project of two files on an in-memory file system, recording every query execution.
struct Fixture {
    system: Arc<TestSystem>,
    db: ProjectDatabase,
    executed: Arc<Mutex<Vec<String>>>,
    edited: File,
    untouched: File,
}

mod common;

const EDITED: &str = "/project/edited.py";
const UNTOUCHED: &str = "/project/untouched.py";

impl Fixture {
    fn new() -> Self {
        let system = Arc::new(TestSystem::default());
        system.write(EDITED, "x = 1 +\n");
        system.write(UNTOUCHED, "def f(:\n    pass\n");
        let (db, executed) = common::recording_database(system.clone());
        let edited = Files::system(&db, Path::new(EDITED));
        let untouched = Files::system(&db, Path::new(UNTOUCHED));
        Self { system, db, executed, edited, untouched }
    }

    /// Rule counts per file, in the order edited, untouched.
    fn check(&mut self) -> Vec<Vec<&'static str>> {
        let files = [self.edited, self.untouched];
        let results = check_files(&mut self.db, &files, &RuleLevels::default(), &|_| {});
        results.iter().map(|result| result.diagnostics.iter().map(|d| d.rule).collect()).collect()
    }

    /// The queries that ran for `file` since the log was last cleared, by name.
    fn executed_for(&self, file: File) -> Vec<String> {
        let key = format!("({:?})", file.as_id());
        let executed = self.executed.lock().unwrap();
        let mut names: Vec<String> = executed
            .iter()
            .filter(|entry| entry.ends_with(&key))
            .map(|entry| entry.trim_end_matches(&key).to_string())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

#[test]
fn editing_one_file_reruns_only_its_queries() {
    let mut fixture = Fixture::new();
    let before = fixture.check();
    assert_eq!(before, vec![vec!["invalid-syntax"], vec!["invalid-syntax", "invalid-syntax"]]);
    let first_run = fixture.executed.lock().unwrap().clone();
    assert!(first_run.iter().any(|entry| entry.starts_with("parsed_module(")), "{first_run:?}");
    assert!(first_run.iter().any(|entry| entry.starts_with("check_file(")), "{first_run:?}");
    fixture.executed.lock().unwrap().clear();

    fixture.system.write(EDITED, "x = 1 + 2\n");
    Files::refresh(&mut fixture.db, Path::new(EDITED));
    let after = fixture.check();

    assert_eq!(after, vec![vec![], vec!["invalid-syntax", "invalid-syntax"]]);
    let edited_queries = fixture.executed_for(fixture.edited);
    assert!(edited_queries.contains(&"parsed_module".to_string()), "{edited_queries:?}");
    assert!(edited_queries.contains(&"check_file".to_string()), "{edited_queries:?}");
    fixture.executed.lock().unwrap().clear();
    fixture.check();
    let executed_again = fixture.executed.lock().unwrap().clone();
    assert!(executed_again.is_empty(), "nothing changed, yet {executed_again:?} ran");
}

#[test]
fn the_untouched_file_is_neither_reparsed_nor_rechecked() {
    let mut fixture = Fixture::new();
    fixture.check();
    fixture.executed.lock().unwrap().clear();

    fixture.system.write(EDITED, "x = 1 + 2\n");
    Files::refresh(&mut fixture.db, Path::new(EDITED));
    fixture.check();

    // The edited file's queries are found under the same naming, so an empty list for the
    // untouched file means they did not run (not that the filter missed them).
    assert!(fixture.executed_for(fixture.edited).contains(&"parsed_module".to_string()));
    assert_eq!(fixture.executed_for(fixture.untouched), Vec::<String>::new());
}

#[test]
fn refreshing_an_unchanged_file_reruns_nothing() {
    let mut fixture = Fixture::new();
    fixture.check();
    fixture.executed.lock().unwrap().clear();

    Files::refresh(&mut fixture.db, Path::new(EDITED));
    fixture.check();

    assert_eq!(*fixture.executed.lock().unwrap(), Vec::<String>::new());
}

/// The README's invariant across modules: what a module exports (a function's signature)
/// does not depend on function bodies, so editing a body leaves the importing module's check
/// as it was, without running it again.
#[test]
fn editing_a_function_body_does_not_recheck_a_module_that_imports_it() {
    const LIBRARY: &str = "/project/geometry.py";
    const APP: &str = "/project/app.py";
    let system = Arc::new(TestSystem::default());
    system.write(LIBRARY, "def area(side: float) -> float:\n    return side * side\n");
    system.write(APP, "from geometry import area\n\nlabel: str = area(2.0)\n");
    let executed = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&executed);
    let mut db = ProjectDatabase::with_event_callback(
        system.clone(),
        PythonVersion::PY312,
        PythonPlatform::All,
        Box::new(move |event| {
            if let salsa::EventKind::WillExecute { database_key } = event.kind {
                log.lock().unwrap().push(format!("{database_key:?}"));
            }
        }),
    );
    let options = ResolverOptions { project_roots: vec!["/project".into()], ..ResolverOptions::default() };
    configure(&mut db, &options).unwrap();
    let files = [Files::system(&db, Path::new(LIBRARY)), Files::system(&db, Path::new(APP))];
    let check = |db: &mut ProjectDatabase| -> Vec<Vec<String>> {
        let results = check_files(db, &files, &RuleLevels::default(), &|_| {});
        results.iter().map(|result| result.diagnostics.iter().map(|d| d.message.clone()).collect()).collect()
    };
    let before = check(&mut db);
    assert_eq!(before[1], ["Object of type `float` is not assignable to `str`"], "{before:?}");
    executed.lock().unwrap().clear();

    system.write(LIBRARY, "def area(side: float) -> float:\n    return side ** 2\n");
    Files::refresh(&mut db, Path::new(LIBRARY));
    assert_eq!(check(&mut db), before);

    let app_key = format!("({:?})", files[1].as_id());
    let executed = executed.lock().unwrap();
    assert!(executed.iter().any(|entry| entry.starts_with("parsed_module(")), "the edit was not seen: {executed:?}");
    let app_queries: Vec<&String> = executed.iter().filter(|entry| entry.ends_with(&app_key)).collect();
    assert!(app_queries.is_empty(), "the importing module re-ran {app_queries:?}");
}

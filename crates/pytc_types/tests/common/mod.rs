//! A tiny in-memory database for checking snippets against the embedded typeshed.

#![allow(dead_code)]

use std::sync::Arc;

use pytc_db::{Db, File, Files, PythonPlatform, Settings, System, TestSystem};
use pytc_syntax::PythonVersion;

#[salsa::db]
#[derive(Clone)]
pub struct TestDb {
    storage: salsa::Storage<Self>,
    system: Arc<TestSystem>,
    files: Arc<Files>,
    settings: Option<Settings>,
}

impl TestDb {
    pub fn new() -> Self {
        let mut db = Self { storage: salsa::Storage::default(), system: Arc::new(TestSystem::default()), files: Arc::default(), settings: None };
        db.settings = Some(Settings::new(&db, PythonVersion::PY312, PythonPlatform::Named("linux".into())));
        db
    }

    /// Put a file on the in-memory system without opening it.
    pub fn write(&self, path: &str, source: &str) {
        self.system.write(path, source);
    }

    pub fn file(&self, path: &str, source: &str) -> File {
        self.system.write(path, source);
        Files::system(self, std::path::Path::new(path))
    }
}

#[salsa::db]
impl salsa::Database for TestDb {}

#[salsa::db]
impl Db for TestDb {
    fn system(&self) -> &dyn System {
        &*self.system
    }
    fn files(&self) -> &Files {
        &self.files
    }
    fn settings(&self) -> Settings {
        self.settings.expect("settings are created with the database")
    }
}

/// Check `source` as `/src/test.py` and render each diagnostic as
/// `line:col severity[rule] message`.
pub fn check(source: &str) -> Vec<String> {
    let db = TestDb::new();
    let file = db.file("/src/test.py", source);
    let index = pytc_db::line_index(&db, file);
    let text = pytc_db::source_text(&db, file);
    pytc_types::check_types(&db, file)
        .iter()
        .map(|diagnostic| {
            let location = index.line_column(diagnostic.range.start(), text);
            format!("{}:{} {}[{}] {}", location.line, location.column, diagnostic.severity.as_str(), diagnostic.rule, diagnostic.message)
        })
        .collect()
}

/// The revealed types of every `reveal_type(...)` in `source`, in order.
pub fn revealed(source: &str) -> Vec<String> {
    check(source)
        .into_iter()
        .filter(|line| line.contains("[revealed-type]"))
        .map(|line| {
            let start = line.find('`').map_or(0, |i| i + 1);
            let end = line.rfind('`').unwrap_or(line.len());
            line[start..end].to_string()
        })
        .collect()
}

//! A minimal database over an in-memory file system, for this crate's unit tests.

use std::sync::Arc;

use pytc_db::{Db, File, Files, PythonPlatform, Settings, System, TestSystem};
use pytc_syntax::PythonVersion;

#[salsa::db]
#[derive(Clone)]
pub(crate) struct TestDb {
    storage: salsa::Storage<Self>,
    system: Arc<TestSystem>,
    files: Arc<Files>,
    settings: Option<Settings>,
}

impl TestDb {
    pub(crate) fn new() -> Self {
        let mut db = Self {
            storage: salsa::Storage::default(),
            system: Arc::default(),
            files: Arc::default(),
            settings: None,
        };
        db.settings = Some(Settings::new(&db, PythonVersion::PY312, PythonPlatform::All));
        db
    }

    /// Write `source` to `path` and return its `File`.
    pub(crate) fn file(&self, path: &str, source: &str) -> File {
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

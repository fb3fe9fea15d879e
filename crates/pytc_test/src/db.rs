//! The database each case runs in: fresh, in memory, with the case's settings.

use std::sync::Arc;

use pytc_db::{Db, Files, PythonPlatform, Settings, System, TestSystem};
use pytc_syntax::PythonVersion;

/// A salsa database over an in-memory file system; one per case, so cases never share state.
#[salsa::db]
#[derive(Clone)]
pub struct TestDb {
    storage: salsa::Storage<Self>,
    system: Arc<TestSystem>,
    files: Arc<Files>,
    settings: Option<Settings>,
}

impl TestDb {
    pub fn new(system: Arc<TestSystem>, python_version: PythonVersion, platform: PythonPlatform) -> Self {
        let mut db = Self { storage: salsa::Storage::default(), system, files: Arc::default(), settings: None };
        db.settings = Some(Settings::new(&db, python_version, platform));
        db
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

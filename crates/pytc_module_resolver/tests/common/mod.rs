//! A minimal salsa database for the resolver's integration tests.

use std::sync::Arc;

use pytc_db::{Db, Files, OsSystem, PythonPlatform, Settings, System};
use pytc_syntax::PythonVersion;

#[salsa::db]
#[derive(Clone)]
pub struct TestDb {
    storage: salsa::Storage<Self>,
    system: Arc<dyn System>,
    files: Arc<Files>,
    settings: Option<Settings>,
}

impl TestDb {
    /// A database reading the real file system, targeting `version`.
    pub fn new(version: PythonVersion) -> Self {
        let mut db =
            Self { storage: salsa::Storage::default(), system: Arc::new(OsSystem), files: Arc::default(), settings: None };
        db.settings = Some(Settings::new(&db, version, PythonPlatform::Named("linux".to_string())));
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
        self.settings.expect("created in new")
    }
}

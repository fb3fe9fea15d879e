//! A minimal salsa database for the resolver's integration tests.

// Each test binary includes this module and uses a different part of it.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};

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
        Self::with_storage(salsa::Storage::default(), version)
    }

    /// Like `new`, also recording the name of every query that executes into `log`.
    pub fn logging(version: PythonVersion, log: Arc<Mutex<Vec<String>>>) -> Self {
        let storage = salsa::Storage::new(Some(Box::new(move |event: salsa::Event| {
            if let salsa::EventKind::WillExecute { database_key } = event.kind {
                log.lock().unwrap().push(format!("{database_key:?}"));
            }
        })));
        Self::with_storage(storage, version)
    }

    fn with_storage(storage: salsa::Storage<Self>, version: PythonVersion) -> Self {
        let mut db = Self { storage, system: Arc::new(OsSystem), files: Arc::default(), settings: None };
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

//! `ProjectDatabase`: the one concrete database, shared by the CLI and the language server.

use std::sync::Arc;

use pytc_db::{Db, Files, PythonPlatform, Settings, System};
use pytc_syntax::PythonVersion;

#[salsa::db]
#[derive(Clone)]
pub struct ProjectDatabase {
    storage: salsa::Storage<Self>,
    system: Arc<dyn System>,
    files: Arc<Files>,
    settings: Option<Settings>,
}

/// Receives every salsa event (a query about to run, a memo reused, ...).
pub type EventCallback = Box<dyn Fn(salsa::Event) + Send + Sync + 'static>;

impl ProjectDatabase {
    pub fn new(system: Arc<dyn System>, python_version: PythonVersion, platform: PythonPlatform) -> Self {
        Self::with_storage(salsa::Storage::default(), system, python_version, platform)
    }

    /// A database that reports every salsa event to `on_event`: for tests that assert which
    /// queries re-ran after an edit, and for profiling.
    pub fn with_event_callback(
        system: Arc<dyn System>,
        python_version: PythonVersion,
        platform: PythonPlatform,
        on_event: EventCallback,
    ) -> Self {
        Self::with_storage(salsa::Storage::new(Some(on_event)), system, python_version, platform)
    }

    fn with_storage(
        storage: salsa::Storage<Self>,
        system: Arc<dyn System>,
        python_version: PythonVersion,
        platform: PythonPlatform,
    ) -> Self {
        let mut db = Self { storage, system, files: Arc::default(), settings: None };
        db.settings = Some(Settings::new(&db, python_version, platform));
        db
    }
}

#[salsa::db]
impl salsa::Database for ProjectDatabase {}

#[salsa::db]
impl Db for ProjectDatabase {
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

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

impl ProjectDatabase {
    pub fn new(system: Arc<dyn System>, python_version: PythonVersion, platform: PythonPlatform) -> Self {
        let mut db = Self { storage: salsa::Storage::default(), system, files: Arc::default(), settings: None };
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

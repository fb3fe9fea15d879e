//! An in-memory database for other crates' tests (feature `testing`): files live on a
//! `TestSystem`, and the target version and platform are chosen per test.

use std::path::Path;
use std::sync::Arc;

use pytc_syntax::PythonVersion;

use crate::{Db, File, Files, PythonPlatform, Settings, System, TestSystem};

#[salsa::db]
#[derive(Clone)]
pub struct TestDb {
    storage: salsa::Storage<Self>,
    system: Arc<TestSystem>,
    files: Arc<Files>,
    settings: Option<Settings>,
}

impl TestDb {
    pub fn new(version: PythonVersion, platform: PythonPlatform) -> Self {
        let mut db =
            Self { storage: salsa::Storage::default(), system: Arc::default(), files: Arc::default(), settings: None };
        db.settings = Some(Settings::new(&db, version, platform));
        db
    }

    /// Put a file on the in-memory system without creating its `File` (its bytes need not
    /// be UTF-8).
    pub fn write(&self, path: &str, source: impl AsRef<[u8]>) {
        self.system.write(path, source.as_ref());
    }

    /// Write `source` to `path` and return its `File`.
    pub fn file(&self, path: &str, source: &str) -> File {
        self.write(path, source);
        Files::system(self, Path::new(path))
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

//! Shared set-up of the incremental tests: a project database that logs every query it runs.

use std::sync::{Arc, Mutex};

use pytc_db::{PythonPlatform, TestSystem};
use pytc_project::ProjectDatabase;
use pytc_syntax::PythonVersion;

/// A database over `system` (Python 3.12, every platform) and the log of the queries it runs,
/// each as salsa's debug form of its key (`check_scope(Id(…))`).
pub fn recording_database(system: Arc<TestSystem>) -> (ProjectDatabase, Arc<Mutex<Vec<String>>>) {
    let executed = Arc::new(Mutex::new(Vec::new()));
    let log = Arc::clone(&executed);
    let db = ProjectDatabase::with_event_callback(
        system,
        PythonVersion::PY312,
        PythonPlatform::All,
        Box::new(move |event| {
            if let salsa::EventKind::WillExecute { database_key } = event.kind {
                log.lock().unwrap().push(format!("{database_key:?}"));
            }
        }),
    );
    (db, executed)
}

//! `ProjectDatabase`: the one concrete database, shared by the CLI and the language server.

use std::sync::Arc;

use pytc_db::{Db, Files, PythonPlatform, Settings, System, TreeRegistry};
use pytc_syntax::PythonVersion;

#[salsa::db]
#[derive(Clone)]
pub struct ProjectDatabase {
    storage: salsa::Storage<Self>,
    system: Arc<dyn System>,
    files: Arc<Files>,
    settings: Option<Settings>,
    keeps_expression_types: bool,
    /// Set for `pytc check`: the trees of the semantic indexes, which `release_trees` drops.
    trees: Option<Arc<TreeRegistry>>,
}

/// Parsed modules a release keeps (`release_trees`), for `pytc check`: a file's checks read
/// its parsed module while the file is checked, and then rarely again.
const PARSED_MODULES_KEPT: usize = 8;

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
        let mut db = Self { storage, system, files: Arc::default(), settings: None, keeps_expression_types: true, trees: None };
        db.settings = Some(Settings::new(&db, python_version, platform));
        db
    }
}

impl ProjectDatabase {
    /// A database whose checks keep only their diagnostics, not the type of every
    /// expression (which only editor features read): for `pytc check`, where those types are
    /// about a tenth of the memory. Set before any query runs.
    pub fn without_expression_types(mut self) -> Self {
        self.keeps_expression_types = false;
        self
    }

    /// A database whose semantic indexes register their trees, so that `release_trees` can
    /// drop them, and that keeps only `PARSED_MODULES_KEPT` parsed modules at a release: for
    /// `pytc check`, which needs a file's tree while it checks the file and, later, only to
    /// infer a definition of it for another file (the tree is then parsed again). Set before
    /// any query runs.
    pub fn with_releasable_trees(mut self) -> Self {
        self.trees = Some(Arc::default());
        pytc_db::set_parsed_module_capacity(&mut self, PARSED_MODULES_KEPT);
        self
    }

    /// Drop the parsed modules that are least recently used and the tree of every semantic
    /// index (nothing is dropped without `with_releasable_trees`).
    pub fn release_trees(&mut self) {
        // Takes the database exclusively: salsa waits until every other handle on it is
        // dropped, so no query runs and no reference into a tree is alive.
        salsa::Database::trigger_lru_eviction(self);
        if let Some(trees) = &self.trees {
            // SAFETY: `self` is borrowed mutably and salsa has waited for every other handle to
            // be dropped (above), so nothing reads any tree now. References into trees are only
            // obtained through the database's memos (the semantic indexes, and the definitions
            // and node handles they hand out), which no caller keeps beyond its borrow.
            unsafe { trees.release_all() };
        }
    }

    /// How many times a released tree was parsed again (0 without `with_releasable_trees`).
    pub fn tree_reparses(&self) -> usize {
        self.trees.as_ref().map_or(0, |trees| trees.reparses())
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
    fn keeps_expression_types(&self) -> bool {
        self.keeps_expression_types
    }
    fn tree_registry(&self) -> Option<&Arc<TreeRegistry>> {
        self.trees.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use pytc_db::{Files, TestSystem};
    use pytc_syntax::TextSize;

    use super::*;

    /// The type the editor shows for the use of `value` in `print(value)`, and the
    /// diagnostics of the file, from a fresh database made by `make`.
    fn hover_and_diagnostics(make: impl Fn(ProjectDatabase) -> ProjectDatabase) -> (Option<String>, Vec<String>) {
        let source = "value = 1\nprint(value)\nwrong: str = value\n";
        let system = Arc::new(TestSystem::default());
        system.write("/p/m.py", source);
        let db = make(ProjectDatabase::new(system, PythonVersion::PY312, PythonPlatform::All));
        let file = Files::system(&db, std::path::Path::new("/p/m.py"));
        let use_offset = TextSize::try_from(source.find("value)").unwrap()).unwrap();
        let hover = pytc_types::type_at_position(&db, file, use_offset).map(|found| found.type_display);
        let diagnostics = pytc_checker::check_file(&db, file).iter().map(|diagnostic| diagnostic.rule.to_string()).collect();
        (hover, diagnostics)
    }

    #[test]
    fn the_command_line_database_keeps_diagnostics_but_not_expression_types() {
        let (editor_hover, editor_diagnostics) = hover_and_diagnostics(|db| db);
        let (cli_hover, cli_diagnostics) = hover_and_diagnostics(ProjectDatabase::without_expression_types);
        assert_eq!(editor_hover.as_deref(), Some("Literal[1]"));
        assert_eq!(cli_hover, None);
        assert_eq!(editor_diagnostics, vec!["invalid-assignment".to_string()]);
        assert_eq!(cli_diagnostics, editor_diagnostics);
    }
}

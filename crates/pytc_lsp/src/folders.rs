//! One database per workspace folder. Each folder is checked with its own settings: the
//! `pyproject.toml [tool.pytc]` (or `pytc.toml`) found from it, the editor's settings scoped
//! to it, and so its own Python version, platform, interpreter (site-packages) and rule
//! levels. A file belongs to the innermost folder that contains it; a file outside every
//! folder (an installed package, a standard-library stub, a scratch file) to the folder whose
//! imports reached it (so a package from one folder's environment is checked in that
//! environment), else to the first folder.
//!
//! Why a database per folder rather than settings per file in one database: the Python
//! version and platform are one `Settings` input that every query from reachability to
//! inference reads, and import search paths (which include the interpreter's site-packages)
//! are one resolver input; making them per file would thread a file's folder through every
//! query below this crate and split their caches anyway. Folders with different settings
//! really are different programs (as in pyright and ty, which also keep one per folder).
//! The cost is memory (each folder infers the standard library it uses once) and that an
//! edit is applied to every folder's database: each holds every open document's text, so a
//! folder importing a module that is open in another folder sees the unsaved text, and its
//! files are re-checked when that module changes.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use pytc_checker::RuleLevels;
use pytc_db::{FilePath, FileSource, Files, System};
use pytc_project::{Baseline, Project, ProjectDatabase};
use salsa::Setter;
use tower_lsp_server::ls_types::Uri;

use crate::document::Document;
use crate::position::PositionEncoding;
use crate::snapshot::{DocumentTable, OpenDocument, ProjectFiles, Snapshot};
use crate::settings::InlayHintSettings;
use crate::uris::file_path_of_uri;
use crate::workspace::{Workspace, WorkspaceConfig, build_workspace};

/// The open documents' texts, the editor's version of them.
pub type OpenTexts = HashMap<Uri, Arc<Document>>;

/// Configuration files whose change rebuilds a folder's database.
const CONFIG_FILE_NAMES: [&str; 2] = ["pyproject.toml", "pytc.toml"];

/// One workspace folder's database, with every open document in it.
pub struct Folder {
    root: PathBuf,
    db: ProjectDatabase,
    rule_levels: Arc<RuleLevels>,
    baseline: Option<Arc<Baseline>>,
    project: Option<Arc<Project>>,
    /// The configuration files that apply or would apply if created, and their
    /// modification times when the database was built, to notice changes even when the
    /// client reports no file events.
    config_stamps: Vec<(PathBuf, Option<SystemTime>)>,
    documents: Arc<DocumentTable>,
    /// The project's Python files, found on the first request that needs them and found
    /// again after files are created or deleted.
    project_files: Arc<ProjectFiles>,
    inlay_hints: InlayHintSettings,
}

impl Folder {
    /// The database of the folder `root`, holding `open` documents; `warnings` collects
    /// what the user should hear about its configuration.
    pub fn build(
        root: &Path,
        config: &WorkspaceConfig,
        open: &OpenTexts,
        system: Arc<dyn System>,
        warnings: &mut Vec<String>,
    ) -> Self {
        let settings = config.settings_for(root);
        let workspace = build_workspace(root, &config.folder_roots(), settings, system);
        warnings.extend(workspace.warnings.iter().cloned());
        Self { inlay_hints: settings.inlay_hints, ..Self::with_documents(root.to_path_buf(), workspace, open) }
    }

    /// The database used until `initialize` names the workspace: nothing read from disk.
    pub fn unconfigured() -> Self {
        Self::with_documents(PathBuf::new(), Workspace::unconfigured(), &OpenTexts::new())
    }

    fn with_documents(root: PathBuf, workspace: Workspace, open: &OpenTexts) -> Self {
        let config_stamps = workspace.config_files.iter().map(|path| (path.clone(), modified(path))).collect();
        let mut folder = Self {
            root,
            db: workspace.db,
            rule_levels: Arc::new(workspace.rule_levels),
            baseline: workspace.baseline,
            project: workspace.project,
            config_stamps,
            documents: Arc::default(),
            project_files: Arc::default(),
            inlay_hints: InlayHintSettings::default(),
        };
        for (uri, document) in open {
            folder.set_document(uri, document.clone());
        }
        folder
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Whether this folder's database has a file for `path` (its imports reached it).
    fn knows(&self, path: &FilePath) -> bool {
        pytc_db::Db::files(&self.db).lookup(path).is_some()
    }

    /// The configuration files that apply, or would apply if created.
    pub fn config_files(&self) -> impl Iterator<Item = &Path> {
        self.config_stamps.iter().map(|(path, _)| path.as_path())
    }

    pub fn snapshot(&self, encoding: PositionEncoding) -> Snapshot {
        Snapshot {
            db: self.db.clone(),
            documents: self.documents.clone(),
            encoding,
            rule_levels: self.rule_levels.clone(),
            baseline: self.baseline.clone(),
            project: self.project.clone(),
            project_files: self.project_files.clone(),
            inlay_hints: self.inlay_hints,
        }
    }

    /// The open document `uri` as this folder's database holds it.
    pub fn document(&self, uri: &Uri) -> Option<&OpenDocument> {
        self.documents.get(uri)
    }

    /// Open `uri` with the editor's text, or give it the edited text.
    pub fn set_document(&mut self, uri: &Uri, document: Arc<Document>) {
        let path = file_path_of_uri(uri);
        let source = FileSource::Text(Arc::from(document.text()));
        let file = Files::get_or_create(&self.db, path.clone(), || source.clone());
        // Embedded stubs are read-only: their text is the stub's, whatever the editor says.
        if matches!(path, FilePath::System(_)) && *file.source(&self.db) != source {
            file.set_source(&mut self.db).to(source);
        }
        Arc::make_mut(&mut self.documents).insert(uri.clone(), OpenDocument { file, document });
    }

    /// The editor let go of `uri`: the disk's text applies again.
    pub fn close(&mut self, uri: &Uri) {
        let Some(open) = Arc::make_mut(&mut self.documents).remove(uri) else { return };
        if let FilePath::System(path) = open.file.path(&self.db).clone() {
            Files::refresh(&mut self.db, &path);
        }
    }

    /// Files changed on disk: read them again unless they are open (the editor's text
    /// wins); `structure_changed` when some were created or deleted, which can change what
    /// imports resolve to.
    pub fn files_changed(&mut self, paths: &[PathBuf], structure_changed: bool) {
        for path in paths {
            let open = self.documents.values().any(|open| *open.file.path(&self.db) == FilePath::System(path.clone()));
            if !open {
                Files::refresh(&mut self.db, path);
            }
        }
        if structure_changed {
            pytc_module_resolver::invalidate_resolutions(&mut self.db);
            self.project_files = Arc::default();
        }
    }

    /// Replaced by a new database: queries still running on snapshots of this one are
    /// cancelled (they unwind with `salsa::Cancelled`), and this waits until they have.
    pub fn cancel_work(mut self) {
        salsa::Database::trigger_cancellation(&mut self.db);
    }

    /// A module appeared or disappeared outside what the disk reports (an unsaved document
    /// opened or closed): imports must be resolved again.
    pub fn imports_changed(&mut self) {
        pytc_module_resolver::invalidate_resolutions(&mut self.db);
    }

    /// Whether `path` (a changed configuration file) can change this folder's settings: it
    /// is a file the folder's configuration came from or would come from, or it sits in a
    /// folder above the root, where discovery looks.
    pub fn depends_on_config_file(&self, path: &Path) -> bool {
        is_config_file(path)
            && (self.config_stamps.iter().any(|(known, _)| known == path)
                || path.parent().is_some_and(|parent| self.root.starts_with(parent)))
    }

    /// Whether a configuration file changed on disk since the database was built.
    pub fn config_changed_on_disk(&self) -> bool {
        self.config_stamps.iter().any(|(path, stamp)| modified(path) != *stamp)
    }
}

/// The folder that owns `uri`: the innermost one containing it; else the folder `adopted`
/// names (the one whose imports reached the file when it was opened), else the first
/// folder whose imports reached it, else the first folder.
pub fn owner_of(folders: &[Folder], uri: &Uri, adopted: Option<&Path>) -> usize {
    let path = file_path_of_uri(uri);
    let containing = path.as_system().and_then(|path| {
        folders
            .iter()
            .enumerate()
            .filter(|(_, folder)| path.starts_with(&folder.root))
            .max_by_key(|(_, folder)| folder.root.components().count())
    });
    if let Some((index, _)) = containing {
        return index;
    }
    adopted
        .and_then(|root| folders.iter().position(|folder| folder.root == root))
        .or_else(|| folders.iter().position(|folder| folder.knows(&path)))
        .unwrap_or(0)
}

/// The folder whose imports reached `uri` when no folder contains it, to keep it as the
/// owner once every folder's database holds the open document.
pub fn adopter_of(folders: &[Folder], uri: &Uri) -> Option<PathBuf> {
    let path = file_path_of_uri(uri);
    let contained = path.as_system().is_some_and(|path| folders.iter().any(|folder| path.starts_with(&folder.root)));
    if contained {
        return None;
    }
    folders.iter().find(|folder| folder.knows(&path)).map(|folder| folder.root.clone())
}

pub fn is_config_file(path: &Path) -> bool {
    path.file_name().and_then(|name| name.to_str()).is_some_and(|name| CONFIG_FILE_NAMES.contains(&name))
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|metadata| metadata.modified()).ok()
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use pytc_db::Level;

    use super::*;
    use crate::settings::ClientSettings;

    fn uri_of(path: &Path) -> Uri {
        Uri::from_file_path(path).unwrap()
    }

    fn owner_of_path(folders: &[Folder], uri: &Uri) -> usize {
        owner_of(folders, uri, None)
    }

    #[test]
    fn the_innermost_folder_owns_a_file_and_the_first_owns_the_rest() {
        let outer = tempfile::tempdir().unwrap();
        let inner = outer.path().join("sub");
        std::fs::create_dir(&inner).unwrap();
        let config = WorkspaceConfig { roots: vec![outer.path().to_path_buf(), inner.clone()], ..WorkspaceConfig::default() };
        let folders: Vec<Folder> = config
            .folder_roots()
            .iter()
            .map(|root| Folder::build(root, &config, &OpenTexts::new(), Arc::new(pytc_db::OsSystem), &mut Vec::new()))
            .collect();
        assert_eq!(owner_of_path(&folders, &uri_of(&outer.path().join("a.py"))), 0);
        assert_eq!(owner_of_path(&folders, &uri_of(&inner.join("pkg/b.py"))), 1);
        // A sibling whose name starts like the folder's is not inside it.
        assert_eq!(owner_of_path(&folders, &uri_of(&outer.path().join("subway/c.py"))), 0);
        assert_eq!(owner_of_path(&folders, &uri_of(Path::new("/elsewhere/d.py"))), 0);
        assert_eq!(owner_of(&folders, &"untitled:Untitled-1".parse().unwrap(), None), 0);
    }

    #[test]
    fn each_folder_reads_its_own_configuration_and_scoped_settings() {
        let first = tempfile::tempdir().unwrap();
        let second = tempfile::tempdir().unwrap();
        std::fs::write(first.path().join("pytc.toml"), "[rules]\ninvalid-syntax = \"warn\"\n").unwrap();
        std::fs::write(second.path().join("pyproject.toml"), "[tool.pytc.rules]\ninvalid-syntax = \"info\"\n").unwrap();
        let mut config = WorkspaceConfig { roots: vec![first.path().to_path_buf(), second.path().to_path_buf()], ..WorkspaceConfig::default() };
        let level = |root: &Path, config: &WorkspaceConfig| {
            let folder = Folder::build(root, config, &OpenTexts::new(), Arc::new(pytc_db::OsSystem), &mut Vec::new());
            folder.rule_levels.level("invalid-syntax")
        };
        assert_eq!(level(first.path(), &config), Level::Warn);
        assert_eq!(level(second.path(), &config), Level::Info);

        let ignore = ClientSettings { rules: BTreeMap::from([("invalid-syntax".into(), "ignore".into())]), ..ClientSettings::default() };
        config.folder_settings.insert(second.path().to_path_buf(), ignore);
        assert_eq!(level(first.path(), &config), Level::Warn, "settings scoped to another folder do not apply");
        assert_eq!(level(second.path(), &config), Level::Ignore);
    }

    #[test]
    fn configuration_files_in_the_folder_or_above_it_concern_it() {
        let parent = tempfile::tempdir().unwrap();
        let root = parent.path().join("project");
        std::fs::create_dir(&root).unwrap();
        let config = WorkspaceConfig { roots: vec![root.clone()], ..WorkspaceConfig::default() };
        let folder = Folder::build(&root, &config, &OpenTexts::new(), Arc::new(pytc_db::OsSystem), &mut Vec::new());
        assert!(folder.depends_on_config_file(&root.join("pyproject.toml")));
        assert!(folder.depends_on_config_file(&parent.path().join("pytc.toml")));
        assert!(!folder.depends_on_config_file(&root.join("sub/pyproject.toml")));
        assert!(!folder.depends_on_config_file(&root.join("setup.py")));
        assert!(!folder.config_changed_on_disk());
        std::fs::write(root.join("pytc.toml"), "").unwrap();
        assert!(folder.config_changed_on_disk());
    }
}

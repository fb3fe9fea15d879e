//! The ordered search paths and the salsa singleton input that holds them.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use pytc_db::Db;
use pytc_typeshed::Typeshed;

use crate::SearchPathKind;

/// One directory modules are looked up in.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SearchPath {
    pub kind: SearchPathKind,
    pub root: SearchRoot,
}

impl SearchPath {
    /// Where this path looks, as a user reads it (`typeshed_dir` is the `--typeshed` folder).
    pub fn location(&self, typeshed_dir: Option<&Path>) -> String {
        match (&self.root, typeshed_dir) {
            (SearchRoot::Directory(dir), _) => dir.display().to_string(),
            (SearchRoot::Typeshed, Some(dir)) => format!("typeshed stdlib in {}", dir.display()),
            (SearchRoot::Typeshed, None) => "bundled typeshed stdlib".to_string(),
        }
    }
}

/// Where a search path's modules live.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum SearchRoot {
    /// A directory on the file system.
    Directory(PathBuf),
    /// The `stdlib/` tree of the configured typeshed.
    Typeshed,
}

/// Which typeshed the standard-library search path reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeshedSource {
    Embedded,
    /// A directory given with `--typeshed`, loaded once by `configure`.
    Directory(Arc<Typeshed>),
}

impl TypeshedSource {
    pub fn typeshed(&self) -> &Typeshed {
        match self {
            Self::Embedded => Typeshed::embedded(),
            Self::Directory(typeshed) => typeshed,
        }
    }
}

/// Every search path, in resolution order, plus the typeshed the stdlib path reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPaths {
    pub paths: Vec<SearchPath>,
    pub typeshed: TypeshedSource,
    /// The environment's standard-library sources, read for docstrings only (see
    /// `runtime_source`).
    pub stdlib_source: Option<PathBuf>,
}

impl SearchPaths {
    /// Only the embedded typeshed: what the resolver uses when `configure` was never called.
    pub fn typeshed_only() -> Self {
        Self {
            paths: vec![SearchPath { kind: SearchPathKind::StandardLibrary, root: SearchRoot::Typeshed }],
            typeshed: TypeshedSource::Embedded,
            stdlib_source: None,
        }
    }

    /// A one-line summary of where modules are looked up, for "cannot resolve" messages.
    pub fn summary(&self) -> String {
        let typeshed_dir = self.typeshed.typeshed().directory();
        let parts: Vec<String> = self
            .paths
            .iter()
            .map(|path| match &path.root {
                SearchRoot::Directory(_) => format!("{} {}", path.kind, path.location(typeshed_dir)),
                SearchRoot::Typeshed => path.location(typeshed_dir),
            })
            .collect();
        parts.join(", ")
    }
}

/// The search paths as a salsa input, so resolutions re-run when they change.
#[salsa::input(singleton)]
pub(crate) struct SearchPathsInput {
    #[returns(ref)]
    pub(crate) search_paths: SearchPaths,
    /// Bumped by `invalidate_resolutions` when the file system may have changed.
    pub(crate) generation: u64,
}

/// The configured search paths (recording a dependency on them), or the typeshed-only default.
pub fn search_paths(db: &dyn Db) -> &SearchPaths {
    static DEFAULT: OnceLock<SearchPaths> = OnceLock::new();
    match SearchPathsInput::try_get(db) {
        Some(input) => {
            input.generation(db);
            input.search_paths(db)
        }
        None => {
            // The input does not exist yet, so salsa cannot record a dependency on it. Depend
            // on the platform setting instead, which `set_search_paths` touches when it creates
            // the input, so these typeshed-only answers are recomputed after `configure`.
            db.settings().python_platform(db);
            DEFAULT.get_or_init(SearchPaths::typeshed_only)
        }
    }
}

/// Store `paths` in the database, replacing any earlier configuration.
pub(crate) fn set_search_paths(db: &mut dyn Db, paths: SearchPaths) {
    use salsa::Setter;
    match SearchPathsInput::try_get(db) {
        Some(input) => {
            if *input.search_paths(db) != paths {
                input.set_search_paths(db).to(paths);
            }
        }
        None => {
            SearchPathsInput::new(db, paths, 0);
            invalidate_unconfigured_answers(db);
        }
    }
}

/// Re-set the platform to its own value: a new revision in which every answer computed
/// before the search paths existed (see `search_paths`) is stale.
fn invalidate_unconfigured_answers(db: &mut dyn Db) {
    use salsa::Setter;
    let settings = db.settings();
    let platform = settings.python_platform(db).clone();
    settings.set_python_platform(db).to(platform);
}

/// Forget every module resolution: call after files or directories were added or removed on
/// disk (resolution reads the file system directly, so salsa cannot see such changes).
pub fn invalidate_resolutions(db: &mut dyn Db) {
    use salsa::Setter;
    match SearchPathsInput::try_get(db) {
        Some(input) => {
            let next = input.generation(db) + 1;
            input.set_generation(db).to(next);
        }
        None => {
            SearchPathsInput::new(db, SearchPaths::typeshed_only(), 1);
            invalidate_unconfigured_answers(db);
        }
    }
}

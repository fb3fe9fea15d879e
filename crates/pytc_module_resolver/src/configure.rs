//! `configure`: turn the user's options and the discovered environment into the ordered
//! search paths, and store them in the database.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pytc_db::Db;
use pytc_typeshed::{Typeshed, TypeshedError};
use salsa::Setter;

use crate::environment::{DiscoveryError, DiscoveryInputs, discover};
use crate::search_paths::{SearchPaths, TypeshedSource, set_search_paths};
use crate::site_packages::added_paths;
use crate::{PythonVersionSource, SearchPath, SearchPathKind, SearchPathReport, SearchRoot};

/// The environment variables discovery reads (passed in, so tests control them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EnvironmentVariables {
    pub virtual_env: Option<PathBuf>,
    pub conda_prefix: Option<PathBuf>,
    pub path: Option<OsString>,
}

impl EnvironmentVariables {
    /// `VIRTUAL_ENV`, `CONDA_PREFIX` and `PATH` of the current process (empty values ignored).
    pub fn from_process() -> Self {
        let non_empty = |name| std::env::var_os(name).filter(|value| !value.is_empty());
        Self {
            virtual_env: non_empty("VIRTUAL_ENV").map(PathBuf::from),
            conda_prefix: non_empty("CONDA_PREFIX").map(PathBuf::from),
            path: non_empty("PATH"),
        }
    }
}

/// What the user configured about module resolution.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ResolverOptions {
    /// The project's root directories (a `src/` layout inside one is detected).
    pub project_roots: Vec<PathBuf>,
    /// Directories searched before everything else.
    pub extra_paths: Vec<PathBuf>,
    /// `--python`: an interpreter (e.g. `.venv/bin/python`) or an environment directory.
    pub python: Option<PathBuf>,
    /// `--typeshed`: a typeshed checkout used instead of the embedded stubs.
    pub typeshed: Option<PathBuf>,
    pub env: EnvironmentVariables,
    /// No target version was configured: take the version of the environment found (its
    /// `pyvenv.cfg`, else its `lib/pythonX.Y` folder), so code is checked against the
    /// interpreter that runs it.
    pub version_from_environment: bool,
}

/// A configuration that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ResolverError {
    #[error("--python {0}: no such file or directory")]
    PythonNotFound(PathBuf),
    #[error(
        "--python {0}: not a Python interpreter or environment (expected a pyvenv.cfg, lib/pythonX.Y or Lib/site-packages)"
    )]
    NotAnEnvironment(PathBuf),
    #[error("--typeshed: {0}")]
    Typeshed(#[from] TypeshedError),
}

/// Compute the search paths from `options` and the file system, store them in the database
/// (replacing any earlier configuration) and describe them for `pytc check -v`.
pub fn configure(db: &mut dyn Db, options: &ResolverOptions) -> Result<SearchPathReport, ResolverError> {
    let system = db.system();
    let mut target = *db.settings().python_version(db);
    // Absolute paths are kept as written (so they match the paths files are opened by);
    // relative ones are resolved against the current directory by canonicalizing.
    let absolute = |path: &Path| if path.is_absolute() { path.to_path_buf() } else { system.canonicalize(path) };
    let mut notes = Vec::new();

    let typeshed = match &options.typeshed {
        Some(dir) => TypeshedSource::Directory(Arc::new(Typeshed::from_directory(system, &absolute(dir))?)),
        None => TypeshedSource::Embedded,
    };
    let project_roots: Vec<PathBuf> = options.project_roots.iter().map(|root| absolute(root)).collect();
    let mut inputs = DiscoveryInputs {
        python: options.python.as_deref(),
        virtual_env: options.env.virtual_env.as_deref(),
        conda_prefix: options.env.conda_prefix.as_deref(),
        project_root: project_roots.first().map(PathBuf::as_path),
        path_variable: options.env.path.as_ref(),
        target,
    };
    let discovery_error = |error| match error {
        DiscoveryError::Missing(path) => ResolverError::PythonNotFound(path),
        DiscoveryError::NotAnEnvironment(path) => ResolverError::NotAnEnvironment(path),
    };
    let mut environment = discover(system, &inputs, &mut notes).map_err(discovery_error)?;
    let environment_version = environment.as_ref().and_then(|found| found.python_version);
    let python_version_source = match environment_version {
        _ if !options.version_from_environment => PythonVersionSource::Configured,
        Some(version) => {
            if version != target {
                // Discover again for the new target, so its `lib/pythonX.Y` folder is used.
                target = version;
                inputs.target = version;
                notes.clear();
                environment = discover(system, &inputs, &mut notes).map_err(discovery_error)?;
            }
            PythonVersionSource::Environment
        }
        None => PythonVersionSource::Default,
    };

    let mut paths = PathList { system, paths: Vec::new(), notes: &mut notes };
    for dir in &options.extra_paths {
        paths.add(SearchPathKind::Extra, absolute(dir));
    }
    // A checked package inside site-packages (the environment's, also through a symlink, or
    // any folder so named) is imported as installed code: after the stdlib, not as
    // first-party code that could shadow it.
    let site_packages_dirs: Vec<PathBuf> = environment
        .iter()
        .flat_map(|environment| &environment.site_packages)
        .map(|dir| system.canonicalize(dir))
        .collect();
    let is_installed = |root: &PathBuf| {
        site_packages_dirs.contains(&system.canonicalize(root))
            || matches!(root.file_name().and_then(|name| name.to_str()), Some("site-packages" | "dist-packages"))
    };
    let (installed_roots, first_party_roots): (Vec<&PathBuf>, Vec<&PathBuf>) = project_roots.iter().partition(|root| is_installed(root));
    for root in first_party_roots {
        let src = root.join("src");
        if system.is_dir(&src) && !is_package(system, &src) {
            paths.add(SearchPathKind::FirstParty, src);
        }
        paths.add(SearchPathKind::FirstParty, root.clone());
    }
    paths.paths.push(SearchPath { kind: SearchPathKind::StandardLibrary, root: SearchRoot::Typeshed });
    for site_packages in environment.iter().flat_map(|environment| &environment.site_packages) {
        paths.add(SearchPathKind::SitePackages, site_packages.clone());
        for extra in added_paths(system, site_packages) {
            paths.add(SearchPathKind::SitePackages, extra);
        }
    }
    for root in installed_roots.into_iter().filter(|root| !site_packages_dirs.contains(&system.canonicalize(root))) {
        paths.add(SearchPathKind::SitePackages, root.clone());
    }

    let stdlib_source = environment.as_ref().and_then(|environment| environment.stdlib_source.clone());
    let search_paths = SearchPaths { paths: paths.paths, typeshed, stdlib_source };
    let report = SearchPathReport {
        python_version: target,
        python_version_source,
        environment,
        search_paths: search_paths.paths.clone(),
        custom_typeshed: search_paths.typeshed.typeshed().directory().map(Path::to_path_buf),
        notes,
    };
    if target != *db.settings().python_version(db) {
        let settings = db.settings();
        settings.set_python_version(db).to(target);
    }
    set_search_paths(db, search_paths);
    Ok(report)
}

/// The search paths being assembled: each directory once, missing ones noted and skipped.
struct PathList<'a> {
    system: &'a dyn pytc_db::System,
    paths: Vec<SearchPath>,
    notes: &'a mut Vec<String>,
}

impl PathList<'_> {
    fn add(&mut self, kind: SearchPathKind, dir: PathBuf) {
        if !self.system.is_dir(&dir) {
            self.notes.push(format!("{kind} {} does not exist; ignored", dir.display()));
            return;
        }
        let root = SearchRoot::Directory(dir);
        if !self.paths.iter().any(|path| path.root == root) {
            self.paths.push(SearchPath { kind, root });
        }
    }
}

/// A directory with an `__init__` file: a package, not a source root.
fn is_package(system: &dyn pytc_db::System, dir: &Path) -> bool {
    system.is_file(&dir.join("__init__.py")) || system.is_file(&dir.join("__init__.pyi"))
}

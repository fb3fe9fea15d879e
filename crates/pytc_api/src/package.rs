//! Loading a package folder for API work: its import root is put first on the search path,
//! so its modules get their importable names, and every module whose dotted name has no
//! private part (a component starting with `_`, other than `__init__`) is public. When a
//! module has both a `.py` and a `.pyi` file, the stub is the API, as for importers.

use std::path::{Path, PathBuf};

use pytc_db::{Db, File, Files};
use pytc_project::{ConfigError, Overrides, Project, ProjectDatabase, import_root};
use pytc_types::api::{ApiLocation, ApiModule, module_api};

use crate::source::PackageSource;

/// A package loaded into its own database.
pub struct ApiPackage {
    pub db: ProjectDatabase,
    /// The folder imports are resolved from (the package's parent, or the folder given).
    pub import_root: PathBuf,
    /// The public modules, by dotted name, sorted.
    pub modules: Vec<(String, File)>,
    /// Paths under the first folder are shown as under the second (a package exported from
    /// a git revision is shown where it lives in the working tree).
    shown_as: Option<(PathBuf, PathBuf)>,
    /// The folder a wheel was extracted or an installed package copied into, removed with
    /// the package.
    temporary: Option<tempfile::TempDir>,
}

#[derive(Debug)]
pub enum LoadError {
    /// The path does not exist or is not a folder or Python file.
    NotFound(PathBuf),
    Config(ConfigError),
    /// No public Python module under the path.
    NoModules(PathBuf),
    /// A wheel or an installed package that could not be read or copied.
    Unreadable(String),
    /// A module name that the environment does not provide.
    NotInstalled(String),
}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NotFound(path) => write!(f, "`{}` is not a folder or a Python file", path.display()),
            Self::Config(error) => write!(f, "{error}"),
            Self::NoModules(path) => write!(f, "no public Python module found under `{}`", path.display()),
            Self::Unreadable(message) => write!(f, "{message}"),
            Self::NotInstalled(name) => {
                write!(f, "`{name}` is neither a path nor a module installed in the environment (give `--python` the environment that has it)")
            }
        }
    }
}

/// Where a symbol is, as a user reads it: a path and 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SourceLocation {
    pub path: String,
    pub line: usize,
    pub column: usize,
    /// The text of that line (for code frames and baselines; not part of the JSON schema).
    #[serde(skip)]
    pub line_text: String,
}

impl ApiPackage {
    /// Loads the package or folder of modules at `input`, a wheel, or the installed module of
    /// that name; `overrides` carries the Python version, environment and typeshed options.
    pub fn load(input: &Path, overrides: &Overrides) -> Result<Self, LoadError> {
        let source = PackageSource::resolve(input, overrides)?;
        let mut package = Self::load_path(&source.path, overrides)?;
        package.shown_as = source.shown_as;
        package.temporary = source.temporary;
        Ok(package)
    }

    fn load_path(path: &Path, overrides: &Overrides) -> Result<Self, LoadError> {
        let path = std::path::absolute(path).map_err(|_| LoadError::NotFound(path.to_path_buf()))?;
        if !path.is_dir() && !(path.is_file() && path.extension().is_some_and(|ext| ext == "py" || ext == "pyi")) {
            return Err(LoadError::NotFound(path));
        }
        let import_root = import_root(&path).unwrap_or_else(|| path.clone());
        let mut overrides = overrides.clone();
        overrides.extra_paths.insert(0, import_root.clone());
        let project = Project::discover_from(&import_root, std::slice::from_ref(&path), &overrides).map_err(LoadError::Config)?;
        let discovered = project.python_files().map_err(LoadError::Config)?;
        let (db, _) = project.open_database().map_err(LoadError::Config)?;
        let mut modules: Vec<(String, File)> = Vec::new();
        for file_path in &discovered.files {
            let file = Files::system(&db, file_path);
            let Some(name) = pytc_types::module_name_of(&db, file) else { continue };
            if name.split('.').any(pytc_semantic::is_private_name)
                || modules.iter().any(|(known, _)| *known == name)
                || pytc_types::module_file(&db, &name) != Some(file)
            {
                continue;
            }
            modules.push((name, file));
        }
        if modules.is_empty() {
            return Err(LoadError::NoModules(path));
        }
        modules.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(Self { db, import_root, modules, shown_as: None, temporary: None })
    }

    /// The API of every public module, in order of name.
    pub fn module_apis(&self) -> Vec<(&str, ApiModule<'_>)> {
        self.modules.iter().map(|(name, file)| (name.as_str(), module_api(&self.db, *file))).collect()
    }

    /// The first syntax error of each public module, where it is and what it says: the API
    /// of such a module is read from what parses.
    pub fn syntax_errors(&self, cwd: &Path) -> Vec<(SourceLocation, String)> {
        let db: &dyn Db = &self.db;
        self.modules
            .iter()
            .filter_map(|(_, file)| {
                let error = pytc_db::parsed_module(db, *file).errors().first()?.clone();
                Some((self.source_location(ApiLocation { file: *file, range: error.range }, cwd), error.message))
            })
            .collect()
    }

    /// The public modules' paths as locations show them.
    pub fn module_paths(&self, cwd: &Path) -> Vec<String> {
        self.modules.iter().map(|(_, file)| self.source_location(ApiLocation { file: *file, range: Default::default() }, cwd).path).collect()
    }

    /// Shows the files under `folder` as if they were under `shown`.
    pub fn show_paths_as(&mut self, folder: &Path, shown: &Path) {
        let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
        self.shown_as = Some((absolute(folder), absolute(shown)));
    }

    /// A location as a path relative to `cwd` (when inside it) and line and column.
    pub fn source_location(&self, location: ApiLocation, cwd: &Path) -> SourceLocation {
        let db: &dyn Db = &self.db;
        let (lines, source) = (pytc_db::line_index(db, location.file), pytc_db::source_text(db, location.file));
        let offset = source.floor_char_boundary(location.range.start().to_usize());
        let position = lines.line_column(pytc_syntax::TextSize::try_from(offset).unwrap_or_default(), source);
        let path = match location.file.path(db).as_system() {
            Some(system) => {
                let shown = match &self.shown_as {
                    Some((folder, shown)) => system.strip_prefix(folder).map_or_else(|_| system.to_path_buf(), |rest| shown.join(rest)),
                    None => system.to_path_buf(),
                };
                shown.strip_prefix(cwd).unwrap_or(&shown).display().to_string()
            }
            None => location.file.path(db).display(),
        };
        let line_start = lines.line_start(position.line, source).to_usize().min(source.len());
        let line_text = source[line_start..].lines().next().unwrap_or_default().to_string();
        SourceLocation { path, line: position.line.get(), column: position.column.get(), line_text }
    }
}

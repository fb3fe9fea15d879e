//! A project: the configuration that applies to one check (found from the checked paths,
//! then overridden from the command line), and the files it covers.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use pytc_checker::RuleLevels;
use pytc_db::{Level, OsSystem, PythonPlatform};
use pytc_module_resolver::{EnvironmentVariables, ResolverOptions, SearchPathReport, configure};
use pytc_syntax::PythonVersion;

use crate::config::{ConfigFile, Options};
use crate::error::ConfigError;
use crate::import_roots::{import_roots, is_package};
use crate::walk::{DiscoveredFiles, python_files};
use crate::ProjectDatabase;

/// Settings given on the command line; each one that is set wins over the configuration file.
/// Relative paths are relative to the current directory.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// Use this configuration file instead of discovering one.
    pub config_file: Option<PathBuf>,
    pub python_version: Option<PythonVersion>,
    pub python_platform: Option<PythonPlatform>,
    pub python: Option<PathBuf>,
    pub typeshed: Option<PathBuf>,
    /// Added before the configuration's `extra-paths`.
    pub extra_paths: Vec<PathBuf>,
    /// `--error`, `--warn` and `--ignore RULE`, in command-line order (a later one wins).
    pub rule_levels: Vec<(String, Level)>,
}

/// Everything one check needs to know, with every path absolute.
#[derive(Debug, Clone)]
pub struct Project {
    /// The folder of the configuration file; without one, the current directory when the
    /// checked paths are inside it, else the first checked folder.
    pub root: PathBuf,
    /// The configuration file in use, if any.
    pub config_file: Option<PathBuf>,
    pub python_version: PythonVersion,
    /// Neither the command line nor the configuration sets the version: the virtual
    /// environment's version replaces the default once the environment is found.
    pub python_version_from_environment: bool,
    pub python_platform: PythonPlatform,
    pub python: Option<PathBuf>,
    pub typeshed: Option<PathBuf>,
    pub extra_paths: Vec<PathBuf>,
    pub rule_levels: RuleLevels,
    /// The files and folders to check.
    pub check_paths: Vec<PathBuf>,
    /// Gitignore-style patterns, relative to `root`, of what never to check.
    pub exclude: Vec<String>,
    /// The configured baseline file, if any (`pytc check --baseline` overrides it).
    pub baseline: Option<PathBuf>,
}

impl Project {
    /// The project for checking `paths` (the configured `include`, or the project root, when
    /// empty) from the current directory.
    pub fn discover(paths: &[PathBuf], overrides: &Overrides) -> Result<Self, ConfigError> {
        let cwd = std::env::current_dir().map_err(|error| ConfigError::CurrentDirectory(error.to_string()))?;
        Self::discover_from(&cwd, paths, overrides)
    }

    /// `discover` as if run from `cwd`.
    pub fn discover_from(cwd: &Path, paths: &[PathBuf], overrides: &Overrides) -> Result<Self, ConfigError> {
        let given: Vec<PathBuf> = paths.iter().map(|path| absolute(cwd, path)).collect();
        if let Some(missing) = paths.iter().zip(&given).find(|(_, absolute)| !absolute.exists()) {
            return Err(ConfigError::MissingPath(missing.0.clone()));
        }
        // Real paths, so a checked file and the same file found by import resolution (whose
        // search paths are real paths) are one `File`.
        let given: Vec<PathBuf> = given.into_iter().map(real_path).collect();
        let cwd = &real_path(cwd.to_path_buf());
        let search_start = match given.first() {
            Some(path) if path.is_file() => path.parent().unwrap_or(cwd).to_path_buf(),
            Some(path) => path.clone(),
            None => cwd.to_path_buf(),
        };
        let config = match &overrides.config_file {
            Some(path) => Some(read_named_config(cwd, path)?),
            None => ConfigFile::discover(&search_start)?,
        };
        let root = match &config {
            Some(config) => config.directory().to_path_buf(),
            None if search_start.starts_with(cwd) => cwd.to_path_buf(),
            None => search_start,
        };
        let options = config.as_ref().map(|config| config.options.clone()).unwrap_or_default();

        let check_paths = if !given.is_empty() {
            given
        } else if options.include.is_empty() {
            vec![root.clone()]
        } else {
            let included: Vec<PathBuf> = options.include.iter().map(|path| absolute(&root, path)).collect();
            if let Some(missing) = included.iter().find(|path| !path.exists()) {
                return Err(ConfigError::MissingPath(missing.clone()));
            }
            included.into_iter().map(real_path).collect()
        };

        let mut extra_paths: Vec<PathBuf> = overrides.extra_paths.iter().map(|path| absolute(cwd, path)).collect();
        extra_paths.extend(options.extra_paths.iter().map(|path| absolute(&root, path)));

        Ok(Self {
            python_version: overrides.python_version.or(options.python_version).unwrap_or(PythonVersion::latest()),
            python_version_from_environment: overrides.python_version.is_none() && options.python_version.is_none(),
            python_platform: overrides
                .python_platform
                .clone()
                .or_else(|| options.python_platform.clone())
                .unwrap_or_else(PythonPlatform::host),
            python: overrides.python.as_ref().map(|path| absolute(cwd, path)).or_else(|| options.python.as_ref().map(|path| absolute(&root, path))),
            typeshed: overrides.typeshed.as_ref().map(|path| absolute(cwd, path)).or_else(|| options.typeshed.as_ref().map(|path| absolute(&root, path))),
            rule_levels: rule_levels(&options, &overrides.rule_levels)?,
            extra_paths,
            check_paths,
            exclude: options.exclude.clone(),
            baseline: options.baseline.as_ref().map(|path| absolute(&root, path)),
            config_file: config.map(|config| config.path),
            root,
        })
    }

    /// The Python files to check.
    pub fn python_files(&self) -> Result<DiscoveredFiles, ConfigError> {
        let origin = self.config_file.as_ref().map_or_else(|| "the configuration".to_string(), |path| format!("`{}`", path.display()));
        python_files(&self.check_paths, &self.root, &self.exclude, &origin)
    }

    /// A database on the real file system with this project's settings, without import
    /// search paths (only the built-in typeshed resolves) until `configure_imports`.
    pub fn database(&self) -> ProjectDatabase {
        ProjectDatabase::new(Arc::new(OsSystem), self.python_version, self.python_platform.clone())
    }

    /// A database with this project's settings and import search paths, and the report of
    /// those paths that `pytc check -v` prints.
    pub fn open_database(&self) -> Result<(ProjectDatabase, SearchPathReport), ConfigError> {
        let mut db = self.database();
        let report = self.configure_imports(&mut db)?;
        Ok((db, report))
    }

    /// Set `db`'s import search paths from this project: its root, `extra-paths`, the Python
    /// environment (`python`, else `VIRTUAL_ENV`, `CONDA_PREFIX`, `.venv`, `python3` on
    /// `PATH`) and typeshed.
    pub fn configure_imports(&self, db: &mut ProjectDatabase) -> Result<SearchPathReport, ConfigError> {
        let options = ResolverOptions {
            project_roots: self.project_roots(),
            extra_paths: self.extra_paths.clone(),
            python: self.python.clone(),
            typeshed: self.typeshed.clone(),
            env: EnvironmentVariables::from_process(),
            version_from_environment: self.python_version_from_environment,
        };
        configure(db, &options).map_err(|error| ConfigError::Resolver(error.to_string()))
    }

    /// The first-party import roots: the project root (unless it is itself inside a package,
    /// as when checking a package folder outside the current directory), then the import root
    /// of each checked path. The first one is where a `.venv` is looked for.
    fn project_roots(&self) -> Vec<PathBuf> {
        let mut roots = Vec::new();
        if !is_package(&self.root) {
            roots.push(self.root.clone());
        }
        for root in import_roots(&self.check_paths) {
            if !roots.contains(&root) {
                roots.push(root);
            }
        }
        if roots.is_empty() {
            roots.push(self.root.clone());
        }
        roots
    }
}

/// A configuration file named with `--config`: a `pyproject.toml` without `[tool.pytc]`
/// counts as empty configuration, since the user chose it.
fn read_named_config(cwd: &Path, path: &Path) -> Result<ConfigFile, ConfigError> {
    let path = absolute(cwd, path);
    if !path.is_file() {
        return Err(ConfigError::MissingPath(path));
    }
    Ok(ConfigFile::read(&path)?.unwrap_or(ConfigFile { path, options: Options::default() }))
}

/// Rule levels: defaults, then `report-unused-ignores`, then the configuration's rules
/// table, then the command line.
fn rule_levels(options: &Options, command_line: &[(String, Level)]) -> Result<RuleLevels, ConfigError> {
    let mut levels = RuleLevels::default();
    if let Some(report) = options.report_unused_ignores {
        let level = if report { Level::Warn } else { Level::Ignore };
        // The rule is declared in pytc_checker, so it is always registered.
        let _ = levels.set(pytc_checker::UNUSED_IGNORE_COMMENT.name, level);
    }
    for (name, level) in &options.rules {
        // Reading the configuration file already rejected unknown names, with their lines.
        let _ = levels.set(name.get_ref(), (*level).into());
    }
    for (name, level) in command_line {
        levels
            .set(name, *level)
            .map_err(|error| ConfigError::UnknownRule { origin: format!("--{}", level.as_str()), error })?;
    }
    Ok(levels)
}

/// `path` with symlinks resolved, or as it is when that fails.
fn real_path(path: PathBuf) -> PathBuf {
    std::fs::canonicalize(&path).unwrap_or(path)
}

/// `path` made absolute against `base`, with `.` and `..` resolved lexically (symlinks are
/// kept, so paths print as the user wrote them).
fn absolute(base: &Path, path: &Path) -> PathBuf {
    let mut result = PathBuf::new();
    for component in base.join(path).components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                result.pop();
            }
            other => result.push(other),
        }
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn configuration_sets_root_and_resolves_its_paths_against_its_folder() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(
            &root.join("pyproject.toml"),
            "[tool.pytc]\npython-version = \"3.10\"\npython-platform = \"darwin\"\nextra-paths = [\"vendor\"]\ninclude = [\"src\"]\n",
        );
        write(&root.join("src/app/main.py"), "x = 1\n");
        let project = Project::discover_from(&root.join("src/app"), &[], &Overrides::default()).unwrap();
        assert_eq!(project.root, root);
        assert_eq!(project.config_file, Some(root.join("pyproject.toml")));
        assert_eq!(project.python_version, PythonVersion::PY310);
        assert_eq!(project.python_platform, PythonPlatform::Named("darwin".to_string()));
        assert_eq!(project.extra_paths, vec![root.join("vendor")]);
        assert_eq!(project.check_paths, vec![root.join("src")]);
    }

    #[test]
    fn command_line_wins_over_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        write(&root.join("pytc.toml"), "python-version = \"3.10\"\nextra-paths = [\"vendor\"]\n[rules]\ninvalid-syntax = \"ignore\"\n");
        let overrides = Overrides {
            python_version: Some(PythonVersion::PY313),
            python_platform: Some(PythonPlatform::All),
            extra_paths: vec![PathBuf::from("first")],
            rule_levels: vec![("invalid-syntax".to_string(), Level::Info)],
            ..Overrides::default()
        };
        let project = Project::discover_from(root, &[PathBuf::from(".")], &overrides).unwrap();
        assert_eq!(project.python_version, PythonVersion::PY313);
        assert_eq!(project.python_platform, PythonPlatform::All);
        assert_eq!(project.extra_paths, vec![root.join("first"), root.join("vendor")]);
        assert_eq!(project.rule_levels.level("invalid-syntax"), Level::Info);
        assert_eq!(project.check_paths, vec![root.to_path_buf()]);
    }

    #[test]
    fn report_unused_ignores_comes_before_the_rules_table() {
        let dir = tempfile::tempdir().unwrap();
        write(&dir.path().join("pytc.toml"), "report-unused-ignores = true\n[rules]\nunused-ignore-comment = \"error\"\n");
        let project = Project::discover_from(dir.path(), &[], &Overrides::default()).unwrap();
        assert_eq!(project.rule_levels.level("unused-ignore-comment"), Level::Error);
        write(&dir.path().join("pytc.toml"), "report-unused-ignores = true\n");
        let project = Project::discover_from(dir.path(), &[], &Overrides::default()).unwrap();
        assert_eq!(project.rule_levels.level("unused-ignore-comment"), Level::Warn);
    }

    #[test]
    fn without_configuration_the_root_is_the_current_directory_or_the_checked_folder() {
        let dir = tempfile::tempdir().unwrap();
        let cwd = dir.path().join("work");
        let elsewhere = dir.path().join("elsewhere");
        write(&cwd.join("a.py"), "");
        write(&elsewhere.join("b.py"), "");
        let inside = Project::discover_from(&cwd, &[PathBuf::from("a.py")], &Overrides::default()).unwrap();
        assert_eq!((inside.root, inside.config_file), (cwd.clone(), None));
        let outside = Project::discover_from(&cwd, &[PathBuf::from("../elsewhere")], &Overrides::default()).unwrap();
        assert_eq!(outside.root, elsewhere);
        assert_eq!(outside.check_paths, vec![elsewhere]);
        assert_eq!(outside.python_version, PythonVersion::latest());
    }

    #[test]
    fn missing_paths_are_errors_naming_them() {
        let dir = tempfile::tempdir().unwrap();
        let error = Project::discover_from(dir.path(), &[PathBuf::from("nope.py")], &Overrides::default()).unwrap_err();
        assert_eq!(error.to_string(), "path `nope.py` does not exist");
        write(&dir.path().join("pytc.toml"), "include = [\"src\"]\n");
        let error = Project::discover_from(dir.path(), &[], &Overrides::default()).unwrap_err();
        assert!(matches!(error, ConfigError::MissingPath(path) if path == dir.path().join("src")));
        let overrides = Overrides { config_file: Some(PathBuf::from("other.toml")), ..Overrides::default() };
        let error = Project::discover_from(dir.path(), &[], &overrides).unwrap_err();
        assert!(matches!(error, ConfigError::MissingPath(_)), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn checked_paths_are_real_paths() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real");
        write(&real.join("a.py"), "");
        std::os::unix::fs::symlink(&real, dir.path().join("link")).unwrap();
        let project = Project::discover_from(dir.path(), &[PathBuf::from("link")], &Overrides::default()).unwrap();
        assert_eq!(project.check_paths, vec![std::fs::canonicalize(&real).unwrap()]);
    }

    #[test]
    fn absolute_resolves_dots_lexically() {
        assert_eq!(absolute(Path::new("/a/b"), Path::new("../c/./d")), PathBuf::from("/a/c/d"));
        assert_eq!(absolute(Path::new("/a"), Path::new("/x/y")), PathBuf::from("/x/y"));
    }
}

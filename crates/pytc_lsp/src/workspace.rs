//! Building the database of one workspace folder: the project configuration found from the
//! folder (`pyproject.toml [tool.pytc]` or `pytc.toml`, in the folder or above it), overridden
//! by the editor's settings for that folder. A broken configuration is reported to the user
//! and the defaults apply, so the editor keeps working while the user fixes it.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use pytc_checker::RuleLevels;
use pytc_db::{Level, OsSystem, PythonPlatform, System};
use pytc_module_resolver::{EnvironmentVariables, ResolverError, ResolverOptions, configure};
use pytc_project::{Baseline, Overrides, Project, ProjectDatabase, parse_python_version};

use pytc_syntax::PythonVersion;

use crate::settings::ClientSettings;

/// What the folders' databases are built from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WorkspaceConfig {
    /// The workspace folders, in the order the client listed them.
    pub roots: Vec<PathBuf>,
    /// The editor's settings (`initializationOptions`, or the unscoped `pytc` section).
    pub settings: ClientSettings,
    /// Settings the editor gives for one folder (the `pytc` section scoped to it).
    pub folder_settings: BTreeMap<PathBuf, ClientSettings>,
}

impl WorkspaceConfig {
    /// The folders to build databases for: the workspace folders, or the current directory
    /// when the client named none.
    pub fn folder_roots(&self) -> Vec<PathBuf> {
        if !self.roots.is_empty() {
            return self.roots.clone();
        }
        vec![std::env::current_dir().unwrap_or_else(|_| PathBuf::from("/"))]
    }

    /// The editor's settings for the folder `root`: its own when it has some, else the
    /// editor-wide ones.
    pub fn settings_for(&self, root: &Path) -> &ClientSettings {
        self.folder_settings.get(root).unwrap_or(&self.settings)
    }
}

/// A database for the workspace, the rule levels to report with, and messages for the user
/// about configuration that could not be applied.
pub struct Workspace {
    pub db: ProjectDatabase,
    pub rule_levels: RuleLevels,
    /// The configured baseline: diagnostics it records are not shown.
    pub baseline: Option<Arc<Baseline>>,
    pub warnings: Vec<String>,
    /// The configuration files whose change (or creation) calls for a new workspace.
    pub config_files: Vec<PathBuf>,
    /// The project, to list its modules (find references and rename search them all).
    pub project: Option<Arc<Project>>,
}

impl Workspace {
    /// A database with the default settings and only the embedded standard library.
    pub fn unconfigured() -> Self {
        Self {
            db: ProjectDatabase::new(Arc::new(OsSystem), PythonVersion::latest(), PythonPlatform::host()),
            rule_levels: RuleLevels::default(),
            baseline: None,
            warnings: Vec::new(),
            config_files: Vec::new(),
            project: None,
        }
    }
}

/// Where configuration can come from for `root`: the file in use, and the names that would
/// take over if created in the root.
fn config_candidates(root: &Path, in_use: Option<&PathBuf>) -> Vec<PathBuf> {
    let mut candidates: Vec<PathBuf> = ["pytc.toml", "pyproject.toml"].iter().map(|name| root.join(name)).collect();
    if let Some(path) = in_use
        && !candidates.contains(path)
    {
        candidates.push(path.clone());
    }
    candidates
}

/// The database of the workspace folder `root`, reading the disk through `system`;
/// `all_roots` (every workspace folder) are import roots too, so one folder can import
/// another's modules.
pub fn build_workspace(root: &Path, all_roots: &[PathBuf], settings: &ClientSettings, system: Arc<dyn System>) -> Workspace {
    let mut warnings = Vec::new();
    let overrides = overrides(settings, &mut warnings);
    // With the editor's settings; else with the project's own configuration; else defaults.
    let project = Project::discover_from(root, &[], &overrides).or_else(|error| {
        warnings.push(format!("pytc: {error}"));
        Project::discover_from(root, &[], &Overrides::default())
    });
    match project {
        Ok(project) => {
            let mut db = ProjectDatabase::new(system, project.python_version, project.python_platform.clone());
            if let Err(error) = configure_imports(&mut db, &project, all_roots) {
                warnings.push(format!("pytc: cannot set up import resolution: {error}; only the standard library resolves"));
            }
            let mut config_files = config_candidates(root, project.config_file.as_ref());
            // A rewritten baseline rebuilds the workspace like a changed configuration.
            config_files.extend(project.baseline.clone());
            let baseline = project.baseline.as_deref().and_then(|path| match Baseline::read(path) {
                Ok(baseline) => Some(Arc::new(baseline)),
                Err(error) => {
                    warnings.push(format!("pytc: {error}; showing every diagnostic"));
                    None
                }
            });
            let rule_levels = project.rule_levels.clone();
            Workspace { db, rule_levels, baseline, warnings, config_files, project: Some(Arc::new(project)) }
        }
        Err(error) => {
            warnings.push(format!("pytc: {error}; using the default configuration"));
            Workspace { warnings, config_files: config_candidates(root, None), ..Workspace::unconfigured() }
        }
    }
}

/// Import search paths: the project root first, then the other workspace folders, the
/// configured extra paths, the Python environment and typeshed.
fn configure_imports(db: &mut ProjectDatabase, project: &Project, roots: &[PathBuf]) -> Result<(), ResolverError> {
    let mut project_roots = vec![project.root.clone()];
    project_roots.extend(roots.iter().filter(|root| **root != project.root).cloned());
    let options = ResolverOptions {
        project_roots,
        extra_paths: project.extra_paths.clone(),
        python: project.python.clone(),
        typeshed: project.typeshed.clone(),
        env: EnvironmentVariables::from_process(),
        version_from_environment: project.python_version_from_environment,
    };
    configure(db, &options).map(|_report| ())
}

/// The editor's settings as project overrides; settings that make no sense are reported
/// and skipped.
fn overrides(settings: &ClientSettings, warnings: &mut Vec<String>) -> Overrides {
    let python_version = settings.python_version.as_deref().and_then(|text| {
        parse_python_version(text)
            .map_err(|error| warnings.push(format!("pytc: ignoring the pythonVersion setting: {error}")))
            .ok()
    });
    let mut rule_levels = Vec::new();
    for (rule, level) in &settings.rules {
        match parse_level(level) {
            Some(level) => rule_levels.push((rule.clone(), level)),
            None => warnings.push(format!(
                "pytc: ignoring the level `{level}` of rule `{rule}`: expected error, warn, info or ignore"
            )),
        }
    }
    Overrides { python_version, python: settings.interpreter_path.clone(), rule_levels, ..Overrides::default() }
}

fn parse_level(name: &str) -> Option<Level> {
    match name {
        "error" => Some(Level::Error),
        "warn" | "warning" => Some(Level::Warn),
        "info" => Some(Level::Info),
        "ignore" => Some(Level::Ignore),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(root: &Path, settings: &ClientSettings) -> Workspace {
        build_workspace(root, &[root.to_path_buf()], settings, Arc::new(OsSystem))
    }

    #[test]
    fn editor_settings_override_the_project_configuration() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("pyproject.toml"), "[tool.pytc]\npython-version = \"3.10\"\n[tool.pytc.rules]\ninvalid-syntax = \"warn\"\n").unwrap();
        let workspace = build(root.path(), &ClientSettings::default());
        assert!(workspace.warnings.is_empty(), "{:?}", workspace.warnings);
        assert_eq!(workspace.rule_levels.level("invalid-syntax"), Level::Warn);

        let settings = ClientSettings {
            rules: BTreeMap::from([("invalid-syntax".to_string(), "ignore".to_string())]),
            ..ClientSettings::default()
        };
        let workspace = build(root.path(), &settings);
        assert_eq!(workspace.rule_levels.level("invalid-syntax"), Level::Ignore);
    }

    #[test]
    fn bad_settings_are_reported_and_the_project_configuration_still_applies() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("pytc.toml"), "[rules]\ninvalid-syntax = \"info\"\n").unwrap();
        let settings = ClientSettings {
            python_version: Some("three".to_string()),
            rules: BTreeMap::from([("no-such-rule".to_string(), "error".to_string()), ("invalid-syntax".to_string(), "loud".to_string())]),
            ..ClientSettings::default()
        };
        let workspace = build(root.path(), &settings);
        assert_eq!(workspace.warnings.len(), 3, "{:?}", workspace.warnings);
        assert_eq!(workspace.rule_levels.level("invalid-syntax"), Level::Info);
    }

    #[test]
    fn a_missing_interpreter_is_reported() {
        let root = tempfile::tempdir().unwrap();
        let settings = ClientSettings { interpreter_path: Some(root.path().join("no-python")), ..ClientSettings::default() };
        let workspace = build(root.path(), &settings);
        assert!(workspace.warnings.iter().any(|warning| warning.contains("import resolution")), "{:?}", workspace.warnings);
    }

    #[test]
    fn a_broken_configuration_file_falls_back_to_defaults() {
        let root = tempfile::tempdir().unwrap();
        std::fs::write(root.path().join("pytc.toml"), "no-such-option = 1\n").unwrap();
        let workspace = build(root.path(), &ClientSettings::default());
        assert!(workspace.warnings.iter().any(|warning| warning.contains("default configuration")), "{:?}", workspace.warnings);
        assert_eq!(workspace.rule_levels, RuleLevels::default());
    }
}

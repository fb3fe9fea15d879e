//! The per-case configuration read from ` ```toml ` blocks.

use std::collections::BTreeMap;
use std::path::PathBuf;

use pytc_checker::RuleLevels;
use pytc_db::{Level, PythonPlatform};
use pytc_module_resolver::{EnvironmentVariables, ResolverOptions};
use pytc_syntax::PythonVersion;
use serde::Deserialize;

use crate::markdown::PROJECT_ROOT;

/// The Python version a case targets unless its configuration says otherwise.
pub const DEFAULT_PYTHON_VERSION: PythonVersion = PythonVersion::PY313;

/// The platform a case targets unless its configuration says otherwise; fixed so that a
/// case behaves the same on every host.
pub const DEFAULT_PYTHON_PLATFORM: &str = "linux";

/// A case's configuration. Unknown keys are errors, so a typo cannot silently do nothing.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct CaseConfig {
    #[serde(default)]
    pub environment: EnvironmentConfig,
    /// `[rules]`: `rule-name = "ignore" | "info" | "warn" | "error"`, over the defaults.
    #[serde(default)]
    pub rules: BTreeMap<String, String>,
}

/// `[environment]`: what the checked code runs on.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct EnvironmentConfig {
    /// `"3.11"`.
    pub python_version: Option<String>,
    /// `sys.platform` (`"linux"`, `"darwin"`, `"win32"`), or `"all"` for every platform.
    pub python_platform: Option<String>,
    /// The Python environment (a venv folder or interpreter path in the case's file system)
    /// whose site-packages third-party imports resolve from.
    pub python: Option<String>,
    /// Folders searched before the project root.
    #[serde(default)]
    pub extra_paths: Vec<String>,
}

impl CaseConfig {
    /// Parse and validate a merged configuration table.
    pub fn from_table(table: toml::Table) -> Result<Self, String> {
        let config: Self = toml::Value::Table(table).try_into().map_err(|error: toml::de::Error| error.to_string())?;
        config.python_version()?;
        config.rule_levels()?;
        Ok(config)
    }

    pub fn python_version(&self) -> Result<PythonVersion, String> {
        match &self.environment.python_version {
            None => Ok(DEFAULT_PYTHON_VERSION),
            Some(text) => text.parse().map_err(|error| format!("python-version: {error}")),
        }
    }

    /// The rule levels `finalize` applies: the defaults, overridden by `[rules]`.
    pub fn rule_levels(&self) -> Result<RuleLevels, String> {
        let mut levels = RuleLevels::default();
        for (rule, level) in &self.rules {
            let level = match level.as_str() {
                "ignore" => Level::Ignore,
                "info" => Level::Info,
                "warn" => Level::Warn,
                "error" => Level::Error,
                other => return Err(format!("rules.{rule}: unknown level `{other}` (ignore, info, warn, error)")),
            };
            levels.set(rule, level).map_err(|error| format!("rules: {error}"))?;
        }
        Ok(levels)
    }

    /// How the case's imports resolve: the project root `/src`, plus `[environment]`'s paths.
    /// Environment variables are left empty so that nothing of the host leaks in.
    pub fn resolver_options(&self) -> ResolverOptions {
        ResolverOptions {
            project_roots: vec![PathBuf::from(PROJECT_ROOT)],
            extra_paths: self.environment.extra_paths.iter().map(PathBuf::from).collect(),
            python: self.environment.python.as_ref().map(PathBuf::from),
            typeshed: None,
            env: EnvironmentVariables::default(),
            version_from_environment: false,
        }
    }

    pub fn python_platform(&self) -> PythonPlatform {
        match self.environment.python_platform.as_deref().unwrap_or(DEFAULT_PYTHON_PLATFORM) {
            "all" => PythonPlatform::All,
            name => PythonPlatform::Named(name.to_string()),
        }
    }
}

/// Merge `overrides` into `base`: nested tables merge key by key, other values replace.
pub fn merge_tables(base: &mut toml::Table, overrides: &toml::Table) {
    for (key, value) in overrides {
        match (base.get_mut(key), value) {
            (Some(toml::Value::Table(base_table)), toml::Value::Table(override_table)) => {
                merge_tables(base_table, override_table);
            }
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn config(text: &str) -> Result<CaseConfig, String> {
        CaseConfig::from_table(text.parse().unwrap())
    }

    #[test]
    fn defaults_apply_without_configuration() {
        let config = config("").unwrap();
        assert_eq!(config.python_version().unwrap(), DEFAULT_PYTHON_VERSION);
        assert_eq!(config.python_platform(), PythonPlatform::Named("linux".to_string()));
    }

    #[test]
    fn environment_is_read() {
        let config = config("[environment]\npython-version = \"3.9\"\npython-platform = \"all\"\n").unwrap();
        assert_eq!(config.python_version().unwrap(), PythonVersion::PY39);
        assert_eq!(config.python_platform(), PythonPlatform::All);
    }

    #[test]
    fn resolver_options_hold_the_project_root_and_environment() {
        let config = config("[environment]\npython = \"/venv\"\nextra-paths = [\"/stubs\"]\n").unwrap();
        let options = config.resolver_options();
        assert_eq!(options.project_roots, [PathBuf::from("/src")]);
        assert_eq!(options.python, Some(PathBuf::from("/venv")));
        assert_eq!(options.extra_paths, [PathBuf::from("/stubs")]);
        assert_eq!(options.env, EnvironmentVariables::default());
    }

    #[test]
    fn rule_levels_override_defaults() {
        let levels = config("[rules]\ninvalid-syntax = \"warn\"\n").unwrap().rule_levels().unwrap();
        assert_eq!(levels.level("invalid-syntax"), Level::Warn);
        assert!(config("[rules]\ninvalid-syntax = \"loud\"\n").unwrap_err().contains("unknown level `loud`"));
        assert!(config("[rules]\ninvalid-syntx = \"warn\"\n").unwrap_err().contains("did you mean `invalid-syntax`"));
    }

    #[test]
    fn bad_versions_and_unknown_keys_are_rejected() {
        assert!(config("[environment]\npython-version = \"three\"\n").unwrap_err().contains("python-version"));
        assert!(config("[enviroment]\n").is_err());
    }
}

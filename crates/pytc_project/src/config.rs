//! The configuration file: `[tool.pytc]` in `pyproject.toml`, or the top level of `pytc.toml`.
//! Parsing is strict: an unknown key or a value of the wrong type is an error that names the
//! file, the line and the key, never silently ignored.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pytc_db::{Level, PythonPlatform};
use pytc_syntax::PythonVersion;
use serde::Deserialize;
use toml::Spanned;

use crate::error::ConfigError;
use pytc_checker::UnknownRule;

/// The options of one configuration file, as written (paths still relative to its folder).
#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Options {
    /// The Python version to check against, e.g. `"3.12"`. In a `pyproject.toml` it defaults
    /// to the oldest version `[project] requires-python` allows.
    #[serde(deserialize_with = "deserialize_python_version")]
    pub python_version: Option<PythonVersion>,
    /// The platform to check against (`sys.platform`): `linux`, `darwin`, `win32`, or `all`.
    #[serde(deserialize_with = "deserialize_python_platform")]
    pub python_platform: Option<PythonPlatform>,
    /// A Python interpreter, virtual environment or `sys.prefix` whose packages are importable.
    pub python: Option<PathBuf>,
    /// More folders to resolve imports from, searched before the environment's packages.
    pub extra_paths: Vec<PathBuf>,
    /// A typeshed checkout to use instead of the stubs built into pytc.
    pub typeshed: Option<PathBuf>,
    /// Files and folders to check when `pytc check` is given no paths (default: the project).
    pub include: Vec<PathBuf>,
    /// Gitignore-style patterns of files and folders never to check.
    pub exclude: Vec<String>,
    /// Report suppression comments that suppress nothing (`unused-ignore-comment`).
    pub report_unused_ignores: Option<bool>,
    /// A baseline file (`pytc check --write-baseline`): diagnostics it records are not reported.
    pub baseline: Option<PathBuf>,
    /// Per-rule levels: `rule-name = "error" | "warn" | "info" | "ignore"`. Each name keeps
    /// where it was written, so an unknown one is reported with its line.
    pub rules: BTreeMap<Spanned<String>, LevelName>,
    /// `pytc api`: score threshold, baseline, ignored symbols and rule levels.
    pub api: crate::api_config::ApiConfig,
}

/// A rule level as spelled in configuration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LevelName {
    Error,
    Warn,
    Info,
    Ignore,
}

impl From<LevelName> for Level {
    fn from(level: LevelName) -> Self {
        match level {
            LevelName::Error => Level::Error,
            LevelName::Warn => Level::Warn,
            LevelName::Info => Level::Info,
            LevelName::Ignore => Level::Ignore,
        }
    }
}

/// `pyproject.toml`: everything but `[tool.pytc]` belongs to other tools and is not checked.
#[derive(Deserialize)]
struct PyProject {
    #[serde(default)]
    project: PackageMetadata,
    #[serde(default)]
    tool: Tool,
}

/// The `[project]` table (PEP 621): only what pytc uses from it.
#[derive(Default, Deserialize)]
#[serde(rename_all = "kebab-case")]
struct PackageMetadata {
    requires_python: Option<String>,
}

#[derive(Default, Deserialize)]
struct Tool {
    pytc: Option<Options>,
}

/// A configuration file that was found and parsed.
#[derive(Debug, Clone, PartialEq)]
pub struct ConfigFile {
    pub path: PathBuf,
    pub options: Options,
}

impl ConfigFile {
    /// The folder relative paths in the file are resolved against: the file's own folder.
    pub fn directory(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// Read `path` as configuration: `[tool.pytc]` of a `pyproject.toml` (`None` when it
    /// has no such table), or the whole file otherwise.
    pub fn read(path: &Path) -> Result<Option<Self>, ConfigError> {
        let text = std::fs::read_to_string(path)
            .map_err(|error| ConfigError::Read { path: path.to_path_buf(), error: error.to_string() })?;
        let invalid = |error: toml::de::Error| ConfigError::Invalid { path: path.to_path_buf(), message: error.to_string() };
        let is_pyproject = path.file_name().is_some_and(|name| name == "pyproject.toml");
        let options = if is_pyproject {
            let pyproject = toml::from_str::<PyProject>(&text).map_err(invalid)?;
            let oldest_supported = pyproject.project.requires_python.as_deref().and_then(oldest_python_version);
            pyproject.tool.pytc.map(|mut options| {
                options.python_version = options.python_version.or(oldest_supported);
                options
            })
        } else {
            Some(toml::from_str::<Options>(&text).map_err(invalid)?)
        };
        if let Some(options) = &options {
            let table = if is_pyproject { "[tool.pytc.rules]" } else { "[rules]" };
            check_rule_names(options, &text, path, table)?;
        }
        Ok(options.map(|options| Self { path: path.to_path_buf(), options }))
    }

    /// The nearest configuration file in `start` or a folder above it. In each folder
    /// `pytc.toml` wins over `pyproject.toml`; a `pyproject.toml` without `[tool.pytc]` is
    /// passed over.
    pub fn discover(start: &Path) -> Result<Option<Self>, ConfigError> {
        for folder in start.ancestors() {
            for name in ["pytc.toml", "pyproject.toml"] {
                let candidate = folder.join(name);
                if candidate.is_file()
                    && let Some(config) = Self::read(&candidate)?
                {
                    return Ok(Some(config));
                }
            }
        }
        Ok(None)
    }
}

/// Every name in the rules table is a registered rule; an unknown one is an error that names
/// the file, the line and the table, with the closest rule name.
fn check_rule_names(options: &Options, text: &str, path: &Path, table: &str) -> Result<(), ConfigError> {
    let Some(unknown) = options.rules.keys().find(|name| pytc_db::find_rule(name.get_ref()).is_none()) else {
        return Ok(());
    };
    let line = text[..unknown.span().start.min(text.len())].matches('\n').count() + 1;
    Err(ConfigError::UnknownRule {
        origin: format!("`{}` line {line}, {table}", path.display()),
        error: UnknownRule::new(unknown.get_ref()),
    })
}

fn deserialize_python_version<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<PythonVersion>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_python_version(&text).map(Some).map_err(serde::de::Error::custom)
}

fn deserialize_python_platform<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<PythonPlatform>, D::Error> {
    let text = String::deserialize(deserializer)?;
    parse_python_platform(&text).map(Some).map_err(serde::de::Error::custom)
}

/// `sys.platform` as the user names it (`linux`, `darwin`, `win32`, ...), or `all` for every
/// platform at once.
pub fn parse_python_platform(name: &str) -> Result<PythonPlatform, String> {
    match name {
        "all" => Ok(PythonPlatform::All),
        _ if !name.is_empty() && name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()) => {
            Ok(PythonPlatform::Named(name.to_string()))
        }
        _ => Err(format!(
            "invalid Python platform `{name}`: expected a `sys.platform` value such as `linux`, `darwin` or `win32`, or `all`"
        )),
    }
}

/// The oldest Python version a `requires-python` specifier (PEP 440) allows, e.g. 3.9 for
/// `>=3.9,<4`; `None` when it sets no lower bound. Bounds below the oldest version pytc
/// supports are raised to it.
fn oldest_python_version(specifier: &str) -> Option<PythonVersion> {
    specifier
        .split(',')
        .filter_map(|clause| {
            let clause = clause.trim();
            // `>3.8` still allows 3.8.1, so every lower-bound operator yields its X.Y.
            let version = ["~=", ">=", "==", ">"].iter().find_map(|operator| clause.strip_prefix(operator))?;
            let mut parts = version.trim().split('.');
            let major: u8 = parts.next()?.parse().ok()?;
            let minor: u8 = parts.next().map_or(Some(0), |minor| minor.parse().ok())?;
            Some(PythonVersion::from((major, minor)))
        })
        .max()
        .map(|version| version.max(PythonVersion::lowest()))
        .filter(|version| *version <= PythonVersion::latest_preview())
}

/// Parse `3.X`, accepting only the versions pytc supports.
pub fn parse_python_version(text: &str) -> Result<PythonVersion, String> {
    let version: PythonVersion =
        text.parse().map_err(|_| format!("invalid Python version `{text}`: expected `3.X`, e.g. `3.12`"))?;
    let (lowest, highest) = (PythonVersion::lowest(), PythonVersion::latest_preview());
    if version < lowest || version > highest {
        return Err(format!("unsupported Python version {version}: pytc supports {lowest} to {highest}"));
    }
    Ok(version)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(dir: &Path, name: &str, text: &str) -> PathBuf {
        let path = dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn reads_every_option() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(
            dir.path(),
            "pytc.toml",
            r#"
python-version = "3.11"
python-platform = "win32"
python = ".venv"
extra-paths = ["vendor"]
typeshed = "ts"
include = ["src"]
exclude = ["build/"]
report-unused-ignores = true
[rules]
invalid-syntax = "warn"
"#,
        );
        let options = ConfigFile::read(&path).unwrap().unwrap().options;
        assert_eq!(options.python_version, Some(PythonVersion::PY311));
        assert_eq!(options.python_platform, Some(PythonPlatform::Named("win32".to_string())));
        assert_eq!(options.python, Some(PathBuf::from(".venv")));
        assert_eq!(options.extra_paths, vec![PathBuf::from("vendor")]);
        assert_eq!(options.include, vec![PathBuf::from("src")]);
        assert_eq!(options.exclude, vec!["build/".to_string()]);
        assert_eq!(options.report_unused_ignores, Some(true));
        let rules: Vec<(&str, LevelName)> = options.rules.iter().map(|(name, level)| (name.get_ref().as_str(), *level)).collect();
        assert_eq!(rules, [("invalid-syntax", LevelName::Warn)]);
    }

    #[test]
    fn pyproject_without_tool_pytc_is_not_configuration() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "pyproject.toml", "[project]\nname = 'x'\n[tool.other]\nkey = 1\n");
        assert_eq!(ConfigFile::read(&path).unwrap(), None);
    }

    #[test]
    fn unknown_key_and_wrong_type_name_file_and_key() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "pyproject.toml", "[tool.pytc]\npython-versoin = \"3.12\"\n");
        let message = ConfigFile::read(&path).unwrap_err().to_string();
        assert!(message.contains("pyproject.toml") && message.contains("python-versoin"), "{message}");
        assert!(message.contains("line 2"), "{message}");

        let path = write(dir.path(), "pytc.toml", "extra-paths = \"vendor\"\n");
        let message = ConfigFile::read(&path).unwrap_err().to_string();
        assert!(message.contains("pytc.toml") && message.contains("extra-paths"), "{message}");
    }

    #[test]
    fn bad_python_version_and_level_are_errors() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "pytc.toml", "python-version = \"2.7\"\n");
        assert!(ConfigFile::read(&path).unwrap_err().to_string().contains("unsupported Python version 2.7"));
        let path = write(dir.path(), "pytc.toml", "[rules]\ninvalid-syntax = \"loud\"\n");
        assert!(ConfigFile::read(&path).unwrap_err().to_string().contains("unknown variant `loud`"));
    }

    #[test]
    fn unknown_rule_names_its_line_and_the_closest_rule() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "pyproject.toml", "[tool.pytc]\n\n[tool.pytc.rules]\ninvalid-syntax = \"warn\"\ninvalid-syntx = \"ignore\"\n");
        let message = ConfigFile::read(&path).unwrap_err().to_string();
        assert_eq!(
            message,
            format!("`{}` line 5, [tool.pytc.rules]: unknown rule `invalid-syntx`; did you mean `invalid-syntax`?", path.display())
        );
        let path = write(dir.path(), "pytc.toml", "[rules]\n\"no-such-rule\" = \"warn\"\n");
        let message = ConfigFile::read(&path).unwrap_err().to_string();
        assert_eq!(message, format!("`{}` line 2, [rules]: unknown rule `no-such-rule`", path.display()));
    }

    #[test]
    fn python_version_defaults_to_the_oldest_that_requires_python_allows() {
        let dir = tempfile::tempdir().unwrap();
        let path = write(dir.path(), "pyproject.toml", "[project]\nrequires-python = \">=3.10, <4\"\n[tool.pytc]\n");
        assert_eq!(ConfigFile::read(&path).unwrap().unwrap().options.python_version, Some(PythonVersion::PY310));
        let path = write(
            dir.path(),
            "pyproject.toml",
            "[project]\nrequires-python = \">=3.10\"\n[tool.pytc]\npython-version = \"3.12\"\n",
        );
        assert_eq!(ConfigFile::read(&path).unwrap().unwrap().options.python_version, Some(PythonVersion::PY312));
    }

    #[test]
    fn requires_python_lower_bounds() {
        assert_eq!(oldest_python_version(">=3.9"), Some(PythonVersion::PY39));
        assert_eq!(oldest_python_version("~=3.11.2"), Some(PythonVersion::PY311));
        assert_eq!(oldest_python_version(">3.8, !=3.9.*, >=3.8.1"), Some(PythonVersion::PY38));
        assert_eq!(oldest_python_version("==3.12.*"), Some(PythonVersion::PY312));
        assert_eq!(oldest_python_version(">=3.6"), Some(PythonVersion::PY37));
        assert_eq!(oldest_python_version("<4"), None);
        assert_eq!(oldest_python_version(">=4.0"), None);
    }

    #[test]
    fn discovery_walks_up_and_prefers_pytc_toml() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "pyproject.toml", "[tool.pytc]\npython-version = \"3.10\"\n");
        let nested = dir.path().join("a/b");
        std::fs::create_dir_all(&nested).unwrap();
        write(&dir.path().join("a"), "pyproject.toml", "[project]\nname = 'no-pytc-table'\n");
        let found = ConfigFile::discover(&nested).unwrap().unwrap();
        assert_eq!(found.path, dir.path().join("pyproject.toml"));
        write(dir.path(), "pytc.toml", "python-version = \"3.9\"\n");
        let found = ConfigFile::discover(&nested).unwrap().unwrap();
        assert_eq!(found.options.python_version, Some(PythonVersion::PY39));
    }
}

//! What `[tool.pytc.api]` (found from the current directory, like `pytc check`'s
//! configuration) and the command line decide for `pytc api`: the level of each rule and
//! finding, the symbols left out, the score threshold and the baseline.
//!
//! Default levels: a change needing a major version is an error, an undecided one a warning,
//! others info; a completeness finding is a warning, or an error when a baseline is in use
//! (findings it does not record are new: the ratchet). Errors fail the command (exit 1).

use std::path::{Path, PathBuf};

use pytc_api::{ApiChange, Bump, DiffRule, FindingKind};
use pytc_db::Level;
use pytc_project::{ApiConfig, ConfigFile};

pub struct ApiSettings {
    pub config: ApiConfig,
    /// The folder the configuration's relative paths are resolved against.
    folder: PathBuf,
}

impl ApiSettings {
    /// The nearest configuration's `[tool.pytc.api]`, its rule names checked.
    pub fn discover(cwd: &Path) -> Result<Self, String> {
        let Some(file) = ConfigFile::discover(cwd).map_err(|error| error.to_string())? else {
            return Ok(Self { config: ApiConfig::default(), folder: cwd.to_path_buf() });
        };
        let is_pyproject = file.path.file_name().is_some_and(|name| name == "pyproject.toml");
        let table = if is_pyproject { "[tool.pytc.api.rules]" } else { "[api.rules]" };
        if let Some(unknown) = file.options.api.rules.keys().find(|name| DiffRule::find(name).is_none() && FindingKind::find(name).is_none()) {
            return Err(format!(
                "`{}`, {table}: unknown API rule `{unknown}` (`pytc api rules` lists the change rules; the completeness findings are {})",
                file.path.display(),
                FindingKind::ALL.iter().map(|kind| format!("`{}`", kind.name())).collect::<Vec<_>>().join(", ")
            ));
        }
        Ok(Self { folder: file.directory().to_path_buf(), config: file.options.api })
    }

    pub fn configured_level(&self, name: &str) -> Option<Level> {
        self.config.rules.get(name).map(|level| Level::from(*level))
    }

    pub fn change_level(&self, change: &ApiChange) -> Level {
        self.configured_level(change.rule).unwrap_or(match change.bump {
            Bump::Major => Level::Error,
            Bump::Undecided => Level::Warn,
            Bump::Minor | Bump::None => Level::Info,
        })
    }

    pub fn finding_level(&self, kind: FindingKind, with_baseline: bool) -> Level {
        self.configured_level(kind.name()).unwrap_or(if with_baseline { Level::Error } else { Level::Warn })
    }

    /// Whether a change to `module.symbol` (or to the module itself) is left out.
    pub fn ignores_change(&self, change: &ApiChange) -> bool {
        let qualified = if change.symbol.is_empty() { change.module.clone() } else { format!("{}.{}", change.module, change.symbol) };
        self.config.ignores(&qualified) || self.change_level(change) == Level::Ignore
    }

    /// The baseline to read: the command line's, else the configured one.
    pub fn baseline(&self, command_line: Option<&Path>) -> Option<PathBuf> {
        command_line.map(Path::to_path_buf).or_else(|| self.config.baseline.as_ref().map(|path| self.folder.join(path)))
    }
}

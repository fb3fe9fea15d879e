//! Building the database for a workspace: its roots, the project configuration and the
//! editor's settings.

use std::path::PathBuf;
use std::sync::Arc;

use pytc_db::{OsSystem, PythonPlatform};
use pytc_project::ProjectDatabase;
use pytc_syntax::PythonVersion;

use crate::settings::ClientSettings;

/// The default target when neither the project nor the editor names one.
const DEFAULT_PYTHON_VERSION: PythonVersion = PythonVersion::PY312;

/// What the database is built from.
#[derive(Debug, Clone, Default)]
pub struct WorkspaceConfig {
    pub roots: Vec<PathBuf>,
    pub settings: ClientSettings,
}

/// A fresh database for the workspace, and messages for the user about settings that
/// could not be applied.
pub fn build_database(config: &WorkspaceConfig) -> (ProjectDatabase, Vec<String>) {
    let mut warnings = Vec::new();
    let version = match config.settings.python_version.as_deref() {
        None => DEFAULT_PYTHON_VERSION,
        Some(text) => parse_python_version(text).unwrap_or_else(|| {
            warnings.push(format!("pytc: ignoring pythonVersion `{text}`: expected a version such as `3.12`"));
            DEFAULT_PYTHON_VERSION
        }),
    };
    let db = ProjectDatabase::new(Arc::new(OsSystem), version, PythonPlatform::host());
    (db, warnings)
}

fn parse_python_version(text: &str) -> Option<PythonVersion> {
    let (major, minor) = text.trim().split_once('.')?;
    Some(PythonVersion { major: major.parse().ok()?, minor: minor.parse().ok()? })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_python_versions() {
        assert_eq!(parse_python_version("3.11"), Some(PythonVersion::PY311));
        assert_eq!(parse_python_version("three"), None);
    }
}

//! `SearchPathReport`: what `pytc check -v` prints about module resolution.

use std::fmt;
use std::path::PathBuf;

use pytc_syntax::PythonVersion;

use crate::{Environment, SearchPath};

/// The environment found, every search path in resolution order, and notes about anything
/// skipped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchPathReport {
    pub python_version: PythonVersion,
    pub python_version_source: PythonVersionSource,
    pub environment: Option<Environment>,
    pub search_paths: Vec<SearchPath>,
    /// The `--typeshed` directory, or `None` for the embedded stubs.
    pub custom_typeshed: Option<PathBuf>,
    pub notes: Vec<String>,
}

/// Where the target Python version came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PythonVersionSource {
    /// `--python-version`, the configuration file or its `requires-python`.
    Configured,
    /// The Python environment found (`pyvenv.cfg`, or its `lib/pythonX.Y` folder).
    Environment,
    /// Nothing gave one: the newest version pytc knows.
    Default,
}

impl fmt::Display for PythonVersionSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Configured => "configured",
            Self::Environment => "from the Python environment",
            Self::Default => "the default: neither the configuration nor an environment gives one",
        })
    }
}

impl fmt::Display for SearchPathReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "Target Python version: {} ({})", self.python_version, self.python_version_source)?;
        match &self.environment {
            Some(environment) => {
                writeln!(f, "Python environment: {environment}")?;
                for note in &environment.notes {
                    writeln!(f, "  note: {note}")?;
                }
            }
            None => writeln!(
                f,
                "Python environment: none found (tried --python, VIRTUAL_ENV, CONDA_PREFIX, .venv, python3 on PATH)"
            )?,
        }
        writeln!(f, "Search paths, in resolution order:")?;
        for (index, path) in self.search_paths.iter().enumerate() {
            let location = path.location(self.custom_typeshed.as_deref());
            writeln!(f, "  {}. {:<16} {location}", index + 1, path.kind.to_string())?;
        }
        for note in &self.notes {
            writeln!(f, "note: {note}")?;
        }
        Ok(())
    }
}

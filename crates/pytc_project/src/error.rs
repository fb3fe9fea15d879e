//! Errors that stop a check before it starts: bad configuration, bad arguments, missing
//! paths. The CLI reports them and exits with status 2.

use std::path::PathBuf;

use pytc_checker::UnknownRule;

#[derive(Debug, thiserror::Error)]
pub enum ConfigError {
    #[error("cannot read configuration file `{}`: {error}", path.display())]
    Read { path: PathBuf, error: String },
    #[error("invalid configuration in `{}`: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
    #[error("{origin}: {error}")]
    UnknownRule { origin: String, error: UnknownRule },
    #[error("invalid exclude pattern `{pattern}` in {origin}: {error}")]
    ExcludePattern { origin: String, pattern: String, error: String },
    #[error("path `{}` does not exist", .0.display())]
    MissingPath(PathBuf),
    #[error("cannot determine the current directory: {0}")]
    CurrentDirectory(String),
    #[error("baseline `{}`: {message}", path.display())]
    Baseline { path: PathBuf, message: String },
    #[error("cannot set up import resolution: {0}")]
    Resolver(String),
}

//! The project: the one concrete salsa database, the configuration (`pyproject.toml`
//! `[tool.pytc]` or `pytc.toml`), finding the files to check, and checking them in parallel
//! with each file isolated from crashes in the others.
//!
//! This crate and the CLI are the only ones that look at the real file system directly
//! (configuration files and folder walks); file contents are still read through `System`.

mod api_config;
mod baseline;
mod check;
mod config;
mod database;
mod error;
mod import_roots;
mod project;
mod walk;

pub use baseline::{BASELINE_FORMAT, Baseline, BaselineKey, BaselineMatcher, StaleEntry, baseline_key, baseline_path};
pub use check::{FileResult, INTERNAL_ERROR, check_files};
pub use api_config::ApiConfig;
pub use config::{ConfigFile, LevelName, parse_python_platform, parse_python_version};
pub use database::{EventCallback, ProjectDatabase};
pub use error::ConfigError;
pub use import_roots::import_root;
pub use project::{Overrides, Project};
pub use walk::DiscoveredFiles;

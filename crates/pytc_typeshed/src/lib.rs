//! The typeshed standard-library stubs: embedded in the binary (zipped at build time) or read
//! from a user-supplied directory (`--typeshed DIR`), plus the parsed `VERSIONS` file that says
//! in which Python versions each stdlib module exists.
//!
//! Paths are `/`-separated and relative to the typeshed root, e.g. `stdlib/os/__init__.pyi`,
//! matching `pytc_db::FilePath::Vendored`.

mod typeshed;
mod versions;

pub use typeshed::{Typeshed, TypeshedError};
pub use versions::{TypeshedVersions, VersionRange, VersionsError};

/// typeshed's license notice, shipped with every binary that embeds the stubs.
pub const NOTICE: &str = include_str!("../NOTICE");

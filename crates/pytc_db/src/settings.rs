//! The settings input: what the whole check is run against.

use pytc_syntax::PythonVersion;

/// The platform a check targets, as `sys.platform` spells it (`linux`, `darwin`, `win32`),
/// or `All` to treat every platform branch as reachable.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum PythonPlatform {
    All,
    Named(String),
}

impl PythonPlatform {
    pub fn host() -> Self {
        let name = if cfg!(target_os = "windows") {
            "win32"
        } else if cfg!(target_os = "macos") {
            "darwin"
        } else {
            "linux"
        };
        Self::Named(name.to_string())
    }
}

/// Global settings. A singleton-style input: the project database creates exactly one.
#[salsa::input]
pub struct Settings {
    pub python_version: PythonVersion,
    #[returns(ref)]
    pub python_platform: PythonPlatform,
}

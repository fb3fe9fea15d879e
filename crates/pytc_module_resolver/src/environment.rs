//! Finding the Python environment whose `site-packages` pytc reads, from the file system only
//! (`pyvenv.cfg` files and directory layouts; Python is never run).

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use pytc_db::System;
use pytc_syntax::PythonVersion;

/// How the environment was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EnvironmentSource {
    PythonOption,
    VirtualEnv,
    CondaPrefix,
    ProjectVenv,
    PythonOnPath,
}

impl fmt::Display for EnvironmentSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::PythonOption => "--python",
            Self::VirtualEnv => "VIRTUAL_ENV",
            Self::CondaPrefix => "CONDA_PREFIX",
            Self::ProjectVenv => ".venv in the project root",
            Self::PythonOnPath => "python3 on PATH",
        })
    }
}

/// A Python environment: its prefix and the `site-packages` directories it contributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Environment {
    pub source: EnvironmentSource,
    pub prefix: PathBuf,
    /// True when the prefix holds a `pyvenv.cfg` (a virtual environment).
    pub is_virtual: bool,
    /// The `lib/pythonX.Y` folder used (`None` for the Windows layout or when none exists).
    pub python_folder: Option<String>,
    /// The environment's Python version, from `pyvenv.cfg` or else the folder name: what a
    /// caller can default the target version to.
    pub python_version: Option<PythonVersion>,
    /// The environment's own site-packages, then the base interpreter's when the
    /// `pyvenv.cfg` says `include-system-site-packages = true`.
    pub site_packages: Vec<PathBuf>,
    /// The interpreter's standard-library sources (`lib/pythonX.Y` of the base
    /// installation, holding `os.py`): not searched for imports (typeshed's stubs are), only
    /// read for the docstrings the stubs leave out.
    pub stdlib_source: Option<PathBuf>,
    /// Things the user may want to know (a version mismatch, a missing directory).
    pub notes: Vec<String>,
}

/// What discovery may read besides the file system.
pub(crate) struct DiscoveryInputs<'a> {
    pub(crate) python: Option<&'a Path>,
    pub(crate) virtual_env: Option<&'a Path>,
    pub(crate) conda_prefix: Option<&'a Path>,
    pub(crate) project_root: Option<&'a Path>,
    pub(crate) path_variable: Option<&'a OsString>,
    pub(crate) target: PythonVersion,
}

/// Why discovery failed for an explicitly requested environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DiscoveryError {
    Missing(PathBuf),
    NotAnEnvironment(PathBuf),
}

/// Find the environment, trying `--python`, `VIRTUAL_ENV`, `CONDA_PREFIX`, the project's
/// `.venv`, then `python3` on `PATH`. `Ok(None)` when there is none; notes about candidates
/// that were skipped are appended to `notes`.
pub(crate) fn discover(
    system: &dyn System,
    inputs: &DiscoveryInputs,
    notes: &mut Vec<String>,
) -> Result<Option<Environment>, DiscoveryError> {
    if let Some(python) = inputs.python {
        if !system.is_file(python) && !system.is_dir(python) {
            return Err(DiscoveryError::Missing(python.to_path_buf()));
        }
        let prefix = prefix_of(system, python).ok_or_else(|| DiscoveryError::NotAnEnvironment(python.to_path_buf()))?;
        return Ok(Some(describe(system, EnvironmentSource::PythonOption, prefix, inputs.target)));
    }
    let candidates = [
        (EnvironmentSource::VirtualEnv, inputs.virtual_env.map(Path::to_path_buf)),
        (EnvironmentSource::CondaPrefix, inputs.conda_prefix.map(Path::to_path_buf)),
        (EnvironmentSource::ProjectVenv, inputs.project_root.map(|root| root.join(".venv"))),
    ];
    for (source, candidate) in candidates {
        let Some(prefix) = candidate else { continue };
        if system.is_dir(&prefix) {
            return Ok(Some(describe(system, source, prefix, inputs.target)));
        }
        if source != EnvironmentSource::ProjectVenv {
            notes.push(format!("{source} points to {}, which is not a directory; ignored", prefix.display()));
        }
    }
    Ok(find_on_path(system, inputs.path_variable)
        .and_then(|interpreter| {
            pyenv_shim_prefix(system, &interpreter, inputs.project_root).or_else(|| prefix_of(system, &interpreter))
        })
        .map(|prefix| describe(system, EnvironmentSource::PythonOnPath, prefix, inputs.target)))
}

/// For a pyenv shim (`<pyenv root>/shims/python3`, a script rather than a symlink), the
/// installation pyenv selects: the project's `.python-version`, else pyenv's global `version`
/// file (the first version listed).
fn pyenv_shim_prefix(system: &dyn System, interpreter: &Path, project_root: Option<&Path>) -> Option<PathBuf> {
    let shims = interpreter.parent()?;
    if shims.file_name()? != "shims" {
        return None;
    }
    let pyenv_root = shims.parent()?;
    let version_files = [project_root.map(|root| root.join(".python-version")), Some(pyenv_root.join("version"))];
    let version = version_files.into_iter().flatten().find_map(|file| {
        let text = String::from_utf8(system.read_bytes(&file).ok()?).ok()?;
        text.split_whitespace().next().map(str::to_string)
    })?;
    let prefix = pyenv_root.join("versions").join(version);
    looks_like_environment(system, &prefix).then_some(prefix)
}

/// The environment prefix for an interpreter path or an environment folder.
fn prefix_of(system: &dyn System, path: &Path) -> Option<PathBuf> {
    if system.is_dir(path) {
        return looks_like_environment(system, path).then(|| path.to_path_buf());
    }
    // A virtual environment's interpreter: `<venv>/bin/python` or `<venv>/Scripts/python.exe`.
    let bin = path.parent()?;
    for candidate in [bin.parent(), Some(bin)].into_iter().flatten() {
        if system.is_file(&candidate.join("pyvenv.cfg")) {
            return Some(candidate.to_path_buf());
        }
    }
    // A base interpreter: follow symlinks to the installation (`<prefix>/bin/python3.12`).
    let real = system.canonicalize(path);
    let real_bin = real.parent()?;
    [real_bin.parent(), Some(real_bin)]
        .into_iter()
        .flatten()
        .find(|candidate| looks_like_environment(system, candidate))
        .map(Path::to_path_buf)
}

fn looks_like_environment(system: &dyn System, dir: &Path) -> bool {
    system.is_file(&dir.join("pyvenv.cfg"))
        || system.is_dir(&dir.join("Lib").join("site-packages"))
        || !python_folders(system, dir).is_empty()
}

/// `python3` (or `python3.exe`/`python.exe`) in the first `PATH` entry that has one.
fn find_on_path(system: &dyn System, path_variable: Option<&OsString>) -> Option<PathBuf> {
    let names: &[&str] = if cfg!(windows) { &["python3.exe", "python.exe"] } else { &["python3"] };
    std::env::split_paths(path_variable?)
        .flat_map(|dir| names.iter().map(move |name| dir.join(name)))
        .find(|candidate| system.is_file(candidate))
}

/// The `lib/pythonX.Y` folder names under a prefix, sorted.
fn python_folders(system: &dyn System, prefix: &Path) -> Vec<String> {
    system
        .read_dir(&prefix.join("lib"))
        .unwrap_or_default()
        .into_iter()
        .filter(|name| parse_python_folder(name).is_some())
        .collect()
}

/// `python3.12` → 3.12 (also `python3.13t`, the free-threaded build).
fn parse_python_folder(name: &str) -> Option<PythonVersion> {
    let version = name.strip_prefix("python")?;
    let (major, minor) = version.split_once('.')?;
    let minor = minor.strip_suffix('t').unwrap_or(minor);
    Some(PythonVersion { major: major.parse().ok()?, minor: minor.parse().ok()? })
}

/// Read an environment at `prefix`: which site-packages it has, honouring `pyvenv.cfg`.
fn describe(system: &dyn System, source: EnvironmentSource, prefix: PathBuf, target: PythonVersion) -> Environment {
    let config = read_pyvenv_cfg(system, &prefix);
    let mut notes = Vec::new();
    let (python_folder, mut site_packages) = site_packages_of(system, &prefix, target, &mut notes);
    let base = match &config {
        Some(config) => config.home.as_deref().and_then(|home| base_prefix(system, home)),
        None => Some(prefix.clone()),
    };
    let stdlib_source = python_folder
        .as_ref()
        .zip(base.as_ref())
        .map(|(folder, base)| base.join("lib").join(folder))
        .filter(|dir| system.is_file(&dir.join("os.py")));
    if let Some(config) = &config
        && config.include_system_site_packages
    {
        match &base {
            Some(base) => site_packages.extend(site_packages_of(system, base, target, &mut notes).1),
            None => notes.push(
                "pyvenv.cfg sets include-system-site-packages = true, but its base interpreter (`home`) was not found"
                    .to_string(),
            ),
        }
    }
    if site_packages.is_empty() {
        notes.push(format!("no site-packages directory found under {}", prefix.display()));
    }
    let python_version = config
        .as_ref()
        .and_then(|config| config.version)
        .or_else(|| python_folder.as_deref().and_then(parse_python_folder));
    Environment { source, is_virtual: config.is_some(), prefix, python_folder, python_version, site_packages, stdlib_source, notes }
}

/// The installation prefix of the base interpreter whose `bin` directory is `home`.
fn base_prefix(system: &dyn System, home: &Path) -> Option<PathBuf> {
    let home = system.canonicalize(home);
    [home.parent(), Some(home.as_path())]
        .into_iter()
        .flatten()
        .find(|candidate| looks_like_environment(system, candidate))
        .map(Path::to_path_buf)
}

/// The site-packages directories of a prefix, preferring the `pythonX.Y` folder matching
/// the target version; returns the folder used.
fn site_packages_of(
    system: &dyn System,
    prefix: &Path,
    target: PythonVersion,
    notes: &mut Vec<String>,
) -> (Option<String>, Vec<PathBuf>) {
    let windows = prefix.join("Lib").join("site-packages");
    if system.is_dir(&windows) {
        return (None, vec![windows]);
    }
    let folders = python_folders(system, prefix);
    let matching = folders.iter().find(|name| parse_python_folder(name) == Some(target));
    let chosen = match matching {
        Some(name) => name.clone(),
        None => {
            let Some(newest) = folders.iter().max_by_key(|name| parse_python_folder(name)) else {
                return (None, Vec::new());
            };
            notes.push(format!(
                "{} has no lib/python{target}; using lib/{newest} instead (set the target version to match)",
                prefix.display()
            ));
            newest.clone()
        }
    };
    let lib = prefix.join("lib");
    // Debian's Python also reads `dist-packages`: `/usr/local/lib/pythonX.Y/dist-packages`
    // (pip installs) and `/usr/lib/python3/dist-packages` (apt packages), in that order.
    let mut candidates = vec![lib.join(&chosen).join("site-packages")];
    if prefix == Path::new("/usr") {
        candidates.push(Path::new("/usr/local/lib").join(&chosen).join("dist-packages"));
    }
    candidates.push(lib.join("python3").join("dist-packages"));
    candidates.push(lib.join(&chosen).join("dist-packages"));
    let directories = candidates.into_iter().filter(|dir| system.is_dir(dir)).collect();
    (Some(chosen), directories)
}

/// The parts of `pyvenv.cfg` pytc uses.
#[derive(Debug, Default)]
struct PyvenvCfg {
    home: Option<PathBuf>,
    include_system_site_packages: bool,
    /// `version` (venv) or `version_info` (uv, virtualenv): major.minor of the interpreter.
    version: Option<PythonVersion>,
}

fn read_pyvenv_cfg(system: &dyn System, prefix: &Path) -> Option<PyvenvCfg> {
    let bytes = system.read_bytes(&prefix.join("pyvenv.cfg")).ok()?;
    let mut config = PyvenvCfg::default();
    for line in String::from_utf8_lossy(&bytes).lines() {
        let Some((key, value)) = line.split_once('=') else { continue };
        match key.trim().to_ascii_lowercase().as_str() {
            "home" => config.home = Some(PathBuf::from(value.trim())),
            "version" | "version_info" => {
                let mut parts = value.trim().split('.');
                let major = parts.next().and_then(|part| part.parse().ok());
                let minor = parts.next().and_then(|part| part.parse().ok());
                if let (Some(major), Some(minor)) = (major, minor) {
                    config.version = Some(PythonVersion { major, minor });
                }
            }
            "include-system-site-packages" => {
                config.include_system_site_packages = value.trim().eq_ignore_ascii_case("true");
            }
            _ => {}
        }
    }
    Some(config)
}

impl fmt::Display for Environment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = if self.is_virtual { "virtual environment" } else { "Python installation" };
        write!(f, "{kind} {} (found via {})", self.prefix.display(), self.source)?;
        if let Some(version) = self.python_version {
            write!(f, ", Python {version}")?;
        }
        if let Some(folder) = &self.python_folder {
            write!(f, ", using lib/{folder}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use pytc_db::TestSystem;

    use super::*;

    fn inputs(target: PythonVersion) -> DiscoveryInputs<'static> {
        DiscoveryInputs {
            python: None,
            virtual_env: None,
            conda_prefix: None,
            project_root: None,
            path_variable: None,
            target,
        }
    }

    #[test]
    fn prefers_the_folder_matching_the_target_version() {
        let system = TestSystem::default();
        system.write("/env/pyvenv.cfg", "home = /usr/bin\n");
        system.write("/env/lib/python3.11/site-packages/a.py", "");
        system.write("/env/lib/python3.12/site-packages/b.py", "");
        let found = describe(&system, EnvironmentSource::VirtualEnv, "/env".into(), PythonVersion::PY311);
        assert_eq!(found.python_folder.as_deref(), Some("python3.11"));
        assert_eq!(found.python_version, Some(PythonVersion::PY311));
        assert_eq!(found.site_packages, [PathBuf::from("/env/lib/python3.11/site-packages")]);
        let newest = describe(&system, EnvironmentSource::VirtualEnv, "/env".into(), PythonVersion::PY313);
        assert_eq!(newest.python_folder.as_deref(), Some("python3.12"));
        assert!(newest.notes[0].contains("no lib/python3.13"), "{:?}", newest.notes);
    }

    #[test]
    fn windows_layout_and_system_site_packages() {
        let system = TestSystem::default();
        system.write("/win/Lib/site-packages/x.py", "");
        let found = describe(&system, EnvironmentSource::CondaPrefix, "/win".into(), PythonVersion::PY312);
        assert_eq!(found.site_packages, [PathBuf::from("/win/Lib/site-packages")]);

        system.write("/venv/pyvenv.cfg", "home = /base/bin\ninclude-system-site-packages = True\nversion_info = 3.12.4.final.0\n");
        system.write("/venv/lib/python3.12/site-packages/a.py", "");
        system.write("/base/bin/python3", "");
        system.write("/base/lib/python3.12/site-packages/b.py", "");
        system.write("/base/lib/python3.12/os.py", "");
        let venv = describe(&system, EnvironmentSource::VirtualEnv, "/venv".into(), PythonVersion::PY312);
        assert_eq!(
            venv.site_packages,
            [PathBuf::from("/venv/lib/python3.12/site-packages"), PathBuf::from("/base/lib/python3.12/site-packages")]
        );
        assert!(venv.is_virtual);
        assert_eq!(venv.python_version, Some(PythonVersion::PY312));
        assert_eq!(found.python_version, None);
        // The standard library's sources are the base installation's.
        assert_eq!(venv.stdlib_source, Some(PathBuf::from("/base/lib/python3.12")));
        assert_eq!(found.stdlib_source, None);
    }

    #[test]
    fn discovery_order_and_errors() {
        let system = TestSystem::default();
        system.write("/proj/.venv/pyvenv.cfg", "");
        system.write("/proj/.venv/lib/python3.12/site-packages/a.py", "");
        system.write("/conda/lib/python3.12/site-packages/c.py", "");
        system.write("/usr/bin/python3", "");
        system.write("/usr/lib/python3.12/site-packages/s.py", "");
        let mut notes = Vec::new();
        let mut request = inputs(PythonVersion::PY312);
        request.project_root = Some(Path::new("/proj"));
        let path_variable = OsString::from("/nothing:/usr/bin");
        request.path_variable = Some(&path_variable);
        assert_eq!(discover(&system, &request, &mut notes).unwrap().unwrap().source, EnvironmentSource::ProjectVenv);

        request.conda_prefix = Some(Path::new("/conda"));
        request.virtual_env = Some(Path::new("/gone"));
        let conda = discover(&system, &request, &mut notes).unwrap().unwrap();
        assert_eq!(conda.source, EnvironmentSource::CondaPrefix);
        assert!(notes[0].contains("VIRTUAL_ENV points to /gone"), "{notes:?}");

        let on_path = inputs(PythonVersion::PY312);
        let on_path = DiscoveryInputs { path_variable: Some(&path_variable), ..on_path };
        let system_python = discover(&system, &on_path, &mut notes).unwrap().unwrap();
        assert_eq!(system_python.prefix, PathBuf::from("/usr"));
        assert_eq!(system_python.source, EnvironmentSource::PythonOnPath);
        assert!(!system_python.is_virtual);

        let interpreter = DiscoveryInputs { python: Some(Path::new("/proj/.venv/bin/python")), ..inputs(PythonVersion::PY312) };
        system.write("/proj/.venv/bin/python", "");
        assert_eq!(discover(&system, &interpreter, &mut notes).unwrap().unwrap().prefix, PathBuf::from("/proj/.venv"));

        let missing = DiscoveryInputs { python: Some(Path::new("/nope/python")), ..inputs(PythonVersion::PY312) };
        assert_eq!(discover(&system, &missing, &mut notes), Err(DiscoveryError::Missing("/nope/python".into())));
        system.write("/empty/readme.txt", "");
        let not_env = DiscoveryInputs { python: Some(Path::new("/empty")), ..inputs(PythonVersion::PY312) };
        assert_eq!(discover(&system, &not_env, &mut notes), Err(DiscoveryError::NotAnEnvironment("/empty".into())));
        assert_eq!(discover(&system, &inputs(PythonVersion::PY312), &mut notes), Ok(None));
    }

    #[test]
    fn debian_dist_packages() {
        let system = TestSystem::default();
        system.write("/usr/lib/python3.12/os.py", "");
        system.write("/usr/lib/python3/dist-packages/apt_pkg.py", "");
        system.write("/usr/local/lib/python3.12/dist-packages/pip_pkg.py", "");
        let found = describe(&system, EnvironmentSource::PythonOnPath, "/usr".into(), PythonVersion::PY312);
        assert_eq!(
            found.site_packages,
            [PathBuf::from("/usr/local/lib/python3.12/dist-packages"), PathBuf::from("/usr/lib/python3/dist-packages")]
        );
    }

    #[test]
    fn pyenv_shims_lead_to_the_selected_version() {
        let system = TestSystem::default();
        system.write("/pyenv/shims/python3", "#!/bin/sh\n");
        system.write("/pyenv/version", "3.11.7\n");
        system.write("/pyenv/versions/3.11.7/lib/python3.11/site-packages/g.py", "");
        system.write("/pyenv/versions/3.12.1/lib/python3.12/site-packages/p.py", "");
        let path_variable = OsString::from("/pyenv/shims");
        let request = DiscoveryInputs { path_variable: Some(&path_variable), ..inputs(PythonVersion::PY311) };
        let global = discover(&system, &request, &mut Vec::new()).unwrap().unwrap();
        assert_eq!(global.prefix, PathBuf::from("/pyenv/versions/3.11.7"));
        system.write("/proj/.python-version", "3.12.1\n");
        let local = DiscoveryInputs { project_root: Some(Path::new("/proj")), ..request };
        let project = discover(&system, &local, &mut Vec::new()).unwrap().unwrap();
        assert_eq!(project.prefix, PathBuf::from("/pyenv/versions/3.12.1"));
    }
}

//! The embedded typeshed stubs written out as read-only files in a cache folder, so that
//! "go to definition" into the standard library opens a real file in the editor. The folder
//! name carries a hash of the stubs, so binaries with different stubs never share one.
//! A file opened from that folder maps back to the embedded stub it was written from.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use sha2::{Digest, Sha256};

const FOLDER_PREFIX: &str = "typeshed-";

/// Where pytc keeps its cache: `$XDG_CACHE_HOME/pytc`, `~/.cache/pytc`, or a temporary folder.
pub fn cache_home() -> PathBuf {
    let base = std::env::var_os("XDG_CACHE_HOME")
        .filter(|dir| !dir.is_empty())
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").filter(|home| !home.is_empty()).map(|home| PathBuf::from(home).join(".cache")))
        .unwrap_or_else(std::env::temp_dir);
    base.join("pytc")
}

/// The folder the embedded stubs are written to.
pub fn typeshed_folder() -> &'static Path {
    static FOLDER: OnceLock<PathBuf> = OnceLock::new();
    FOLDER.get_or_init(|| {
        let typeshed = pytc_typeshed::Typeshed::embedded();
        let mut hasher = Sha256::new();
        for path in typeshed.files() {
            hasher.update(path.as_bytes());
            hasher.update([0]);
            hasher.update(typeshed.read(path).unwrap_or_default().as_bytes());
            hasher.update([0]);
        }
        let digest = hasher.finalize();
        let short: String = digest.iter().take(8).map(|byte| format!("{byte:02x}")).collect();
        cache_home().join(format!("{FOLDER_PREFIX}{short}"))
    })
}

/// Write one embedded stub (a `/`-separated path such as `stdlib/os/__init__.pyi`) below
/// `folder` unless it is already there, read-only, and return its path.
pub fn materialize(folder: &Path, vendored: &str, text: &str) -> std::io::Result<PathBuf> {
    let relative = safe_relative_path(vendored)
        .ok_or_else(|| std::io::Error::new(std::io::ErrorKind::InvalidInput, format!("bad stub path `{vendored}`")))?;
    let target = folder.join(relative);
    if std::fs::read(&target).is_ok_and(|existing| existing == text.as_bytes()) {
        return Ok(target);
    }
    let parent = target.parent().unwrap_or(folder);
    std::fs::create_dir_all(parent)?;
    let mut temporary = tempfile_in(parent)?;
    temporary.1.write_all(text.as_bytes())?;
    let mut permissions = temporary.1.metadata()?.permissions();
    permissions.set_readonly(true);
    std::fs::set_permissions(&temporary.0, permissions)?;
    drop(temporary.1);
    if let Err(error) = std::fs::rename(&temporary.0, &target) {
        let _ = std::fs::remove_file(&temporary.0);
        // Another server may have written the same file first.
        if !target.is_file() {
            return Err(error);
        }
    }
    Ok(target)
}

/// The embedded stub a path below any pytc typeshed folder was written from.
pub fn vendored_path_of(path: &Path) -> Option<String> {
    let rest = path.strip_prefix(cache_home()).ok()?;
    let mut components = rest.components();
    let folder = components.next()?.as_os_str().to_str()?;
    if !folder.starts_with(FOLDER_PREFIX) {
        return None;
    }
    let parts: Option<Vec<&str>> = components
        .map(|component| match component {
            Component::Normal(part) => part.to_str(),
            _ => None,
        })
        .collect();
    let parts = parts?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

fn safe_relative_path(vendored: &str) -> Option<PathBuf> {
    let parts: Vec<&str> = vendored.split('/').collect();
    let safe = parts.iter().all(|part| !part.is_empty() && *part != "." && *part != ".." && !part.contains('\\'));
    safe.then(|| parts.iter().collect())
}

/// A uniquely named new file in `dir`.
fn tempfile_in(dir: &Path) -> std::io::Result<(PathBuf, std::fs::File)> {
    for attempt in 0..100u32 {
        let path = dir.join(format!(".pytc-{}-{attempt}.tmp", std::process::id()));
        match std::fs::OpenOptions::new().write(true).create_new(true).open(&path) {
            Ok(file) => return Ok((path, file)),
            Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(error) => return Err(error),
        }
    }
    Err(std::io::Error::other("could not create a temporary file"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_read_only_files_and_refuses_escaping_paths() {
        let folder = tempfile::tempdir().unwrap();
        let written = materialize(folder.path(), "stdlib/os/__init__.pyi", "def f(): ...\n").unwrap();
        assert_eq!(std::fs::read_to_string(&written).unwrap(), "def f(): ...\n");
        assert!(std::fs::metadata(&written).unwrap().permissions().readonly());
        // A second call finds the file already there.
        assert_eq!(materialize(folder.path(), "stdlib/os/__init__.pyi", "def f(): ...\n").unwrap(), written);
        assert!(materialize(folder.path(), "stdlib/../../etc/passwd", "").is_err());
    }

    #[test]
    fn maps_a_written_file_back_to_its_stub() {
        let path = cache_home().join("typeshed-0123").join("stdlib").join("builtins.pyi");
        assert_eq!(vendored_path_of(&path).as_deref(), Some("stdlib/builtins.pyi"));
        assert_eq!(vendored_path_of(&cache_home().join("other").join("x.pyi")), None);
        assert_eq!(vendored_path_of(Path::new("/project/x.py")), None);
    }
}

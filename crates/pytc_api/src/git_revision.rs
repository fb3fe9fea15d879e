//! A version of a package read from a git revision of the repository it lives in, without
//! touching the working tree or the index: `git archive REV -- PATH` unpacked into a
//! temporary folder, which lives as long as the returned value.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A package folder exported from a git revision.
pub struct RevisionCheckout {
    /// Holds the files; removed when dropped.
    _dir: tempfile::TempDir,
    /// The package's folder inside the export.
    pub path: PathBuf,
}

/// Exports `path` (a folder in a git working tree) as it is at `revision`.
pub fn export_revision(path: &Path, revision: &str) -> Result<RevisionCheckout, String> {
    if revision.starts_with('-') {
        return Err(format!("`{revision}` is not a git revision"));
    }
    let path = std::path::absolute(path).map_err(|error| format!("cannot resolve `{}`: {error}", path.display()))?;
    let folder = if path.is_dir() { path.clone() } else { path.parent().map(Path::to_path_buf).unwrap_or_default() };
    let top = git(&folder, &["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(&top).trim());
    let canonical = |p: &Path| p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
    let relative = canonical(&path)
        .strip_prefix(canonical(&top))
        .map(Path::to_path_buf)
        .map_err(|_| format!("`{}` is not inside the git repository at `{}`", path.display(), top.display()))?;
    let commit = git(&top, &["rev-parse", "--verify", "--quiet", &format!("{revision}^{{commit}}")])
        .map_err(|_| format!("`{revision}` is not a revision of the git repository at `{}`", top.display()))?;
    let commit = String::from_utf8_lossy(&commit).trim().to_string();
    let dir = tempfile::tempdir().map_err(|error| format!("cannot create a temporary folder: {error}"))?;
    let spec = if relative.as_os_str().is_empty() { ".".to_string() } else { relative.display().to_string() };
    let archive = git(&top, &["archive", "--format=tar", &commit, "--", &spec])
        .map_err(|error| format!("`{spec}` does not exist at `{revision}`: {error}"))?;
    let mut tar = Command::new("tar")
        .args(["-x", "-f", "-", "-C"])
        .arg(dir.path())
        .stdin(Stdio::piped())
        .spawn()
        .map_err(|error| format!("cannot run tar: {error}"))?;
    {
        use std::io::Write;
        let mut stdin = tar.stdin.take().ok_or("cannot write to tar")?;
        stdin.write_all(&archive).map_err(|error| format!("cannot unpack the revision: {error}"))?;
    }
    let status = tar.wait().map_err(|error| format!("cannot unpack the revision: {error}"))?;
    if !status.success() {
        return Err(format!("cannot unpack `{spec}` at `{revision}`"));
    }
    Ok(RevisionCheckout { path: dir.path().join(&relative), _dir: dir })
}

/// The standard output of a git command run in `dir`, or its error output.
fn git(dir: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        Err(String::from_utf8_lossy(&output.stderr).trim().to_string())
    }
}

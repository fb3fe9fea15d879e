//! Finding the Python files to check: every `.py` and `.pyi` file under the given folders,
//! skipping what `.gitignore` files and the configured excludes say to skip, hidden folders,
//! virtual environments, and symlink loops.

use std::collections::hash_map::Entry;
use std::path::{Path, PathBuf};

use ignore::WalkBuilder;
use ignore::overrides::OverrideBuilder;
use rustc_hash::FxHashMap;

use crate::error::ConfigError;

/// Folder names that never hold the user's own code.
const SKIPPED_FOLDER_NAMES: &[&str] = &["__pycache__", "__pypackages__", "node_modules", "site-packages"];

/// The result of a walk: the files in path order, and what had to be skipped and why.
#[derive(Debug, Default)]
pub struct DiscoveredFiles {
    pub files: Vec<PathBuf>,
    /// One line per folder or link that could not be walked (e.g. a symlink loop).
    pub warnings: Vec<String>,
}

/// The Python files under `paths` (absolute). A path that is a file is always checked, even
/// when an exclude matches it: the user named it. `exclude` holds gitignore-style patterns
/// relative to `root`; `origin` names where they come from, for errors.
pub fn python_files(paths: &[PathBuf], root: &Path, exclude: &[String], origin: &str) -> Result<DiscoveredFiles, ConfigError> {
    let mut overrides = OverrideBuilder::new(root);
    for pattern in exclude {
        overrides.add(&format!("!{pattern}")).map_err(|error| ConfigError::ExcludePattern {
            origin: origin.to_string(),
            pattern: pattern.clone(),
            error: error.to_string(),
        })?;
    }
    let overrides = overrides.build().map_err(|error| ConfigError::ExcludePattern {
        origin: origin.to_string(),
        pattern: exclude.join(", "),
        error: error.to_string(),
    })?;

    let mut found = DiscoveredFiles::default();
    let mut unique = UniqueFiles::default();
    for path in paths {
        if !path.is_dir() {
            unique.add(path.clone());
            continue;
        }
        let walk = WalkBuilder::new(path)
            .standard_filters(true)
            .require_git(false)
            .follow_links(true)
            .overrides(overrides.clone())
            .filter_entry(|entry| entry.depth() == 0 || !is_skipped_folder(entry.path()))
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walk {
            match entry {
                Ok(entry) if entry.file_type().is_some_and(|kind| kind.is_file()) && is_python_source(entry.path()) => {
                    unique.add(entry.into_path());
                }
                Ok(_) => {}
                Err(error) => found.warnings.push(format!("skipped {}", describe_walk_error(&error))),
            }
        }
    }
    found.files = unique.into_sorted();
    Ok(found)
}

/// Files keyed by their real path, so one reached through several symlinks is checked
/// once, under its real path when that was among those reached.
#[derive(Default)]
struct UniqueFiles {
    by_identity: FxHashMap<PathBuf, PathBuf>,
}

impl UniqueFiles {
    fn add(&mut self, path: PathBuf) {
        let identity = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        let is_real_path = identity == path;
        match self.by_identity.entry(identity) {
            Entry::Occupied(mut kept) if is_real_path => {
                kept.insert(path);
            }
            Entry::Occupied(_) => {}
            Entry::Vacant(slot) => {
                slot.insert(path);
            }
        }
    }

    fn into_sorted(self) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = self.by_identity.into_values().collect();
        files.sort();
        files
    }
}

fn is_python_source(path: &Path) -> bool {
    path.extension().is_some_and(|extension| extension == "py" || extension == "pyi")
}

/// A folder of tooling output or a virtual environment (it has a `pyvenv.cfg`).
fn is_skipped_folder(path: &Path) -> bool {
    let named_skip = path
        .file_name()
        .and_then(|name| name.to_str())
        .is_some_and(|name| SKIPPED_FOLDER_NAMES.contains(&name));
    named_skip || (path.is_dir() && path.join("pyvenv.cfg").is_file())
}

fn describe_walk_error(error: &ignore::Error) -> String {
    if let Some((child, ancestor)) = symlink_loop(error) {
        return format!("symlink loop: `{}` points back to `{}`", child.display(), ancestor.display());
    }
    if let Some((link, target)) = broken_symlink(error) {
        return format!("broken symlink `{}`: its target `{}` does not exist", link.display(), target.display());
    }
    error.to_string()
}

/// A link whose target is missing, which the walk reports as a bare "not found".
fn broken_symlink(error: &ignore::Error) -> Option<(&Path, PathBuf)> {
    match error {
        ignore::Error::WithPath { path, .. } => {
            let not_found = error.io_error().is_some_and(|io| io.kind() == std::io::ErrorKind::NotFound);
            let target = std::fs::read_link(path).ok().filter(|_| not_found)?;
            Some((path.as_path(), target))
        }
        ignore::Error::WithDepth { err, .. } => broken_symlink(err),
        _ => None,
    }
}

fn symlink_loop(error: &ignore::Error) -> Option<(&Path, &Path)> {
    match error {
        ignore::Error::Loop { ancestor, child } => Some((child, ancestor)),
        ignore::Error::WithPath { err, .. } | ignore::Error::WithDepth { err, .. } => symlink_loop(err),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(found: &DiscoveredFiles, root: &Path) -> Vec<String> {
        found.files.iter().map(|path| path.strip_prefix(root).unwrap().display().to_string()).collect()
    }

    fn touch(root: &Path, relative: &str) {
        let path = root.join(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, "x = 1\n").unwrap();
    }

    #[test]
    fn finds_py_and_pyi_and_respects_ignores() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in ["a.py", "a.pyi", "notes.txt", "pkg/b.py", "gen/c.py", "build/d.py", "env/lib/e.py", ".hidden/f.py"] {
            touch(root, file);
        }
        std::fs::write(root.join("env/pyvenv.cfg"), "home = /usr\n").unwrap();
        std::fs::write(root.join(".gitignore"), "gen/\n").unwrap();
        let found = python_files(&[root.to_path_buf()], root, &["build/".to_string()], "test").unwrap();
        assert_eq!(names(&found, root), vec!["a.py", "a.pyi", "pkg/b.py"]);
        assert!(found.warnings.is_empty());
    }

    #[test]
    fn a_named_file_is_checked_even_when_excluded() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "build/d.py");
        let named = dir.path().join("build/d.py");
        let found = python_files(std::slice::from_ref(&named), dir.path(), &["build/".to_string()], "test").unwrap();
        assert_eq!(found.files, vec![named]);
    }

    #[test]
    fn invalid_exclude_pattern_is_an_error() {
        let dir = tempfile::tempdir().unwrap();
        let error = python_files(&[dir.path().to_path_buf()], dir.path(), &["a[".to_string()], "pytc.toml").unwrap_err();
        assert!(error.to_string().contains("`a[` in pytc.toml"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn broken_symlinks_are_skipped_with_a_warning_naming_the_missing_target() {
        let dir = tempfile::tempdir().unwrap();
        touch(dir.path(), "kept.py");
        std::os::unix::fs::symlink("gone.py", dir.path().join("dangling.py")).unwrap();
        let found = python_files(&[dir.path().to_path_buf()], dir.path(), &[], "test").unwrap();
        assert_eq!(names(&found, dir.path()), vec!["kept.py"]);
        let expected = format!("skipped broken symlink `{}`: its target `gone.py` does not exist", dir.path().join("dangling.py").display());
        assert_eq!(found.warnings, vec![expected]);
    }

    #[cfg(unix)]
    #[test]
    fn symlink_loops_are_skipped_with_a_warning_and_files_are_found_once() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        touch(root, "pkg/m.py");
        std::os::unix::fs::symlink(root.join("pkg"), root.join("pkg/again")).unwrap();
        std::os::unix::fs::symlink(root.join("pkg/m.py"), root.join("alias.py")).unwrap();
        let found = python_files(&[root.to_path_buf()], root, &[], "test").unwrap();
        assert_eq!(names(&found, root), vec!["pkg/m.py"]);
        assert_eq!(found.warnings.len(), 1, "{:?}", found.warnings);
        assert!(found.warnings[0].contains("symlink loop"), "{:?}", found.warnings);
    }
}

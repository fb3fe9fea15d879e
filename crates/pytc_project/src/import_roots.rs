//! The folders checked code is imported from: for each checked path, the folder above the
//! outermost package that contains it, found by walking up the `__init__.py` files, so that
//! `pytc check medium` (with `medium/rich/__init__.py`) or `pytc check site-packages/rich`
//! resolves `import rich.console` and the relative imports inside `rich` without settings.

use std::path::{Path, PathBuf};

/// The import root of each checked path, in order, without repeats.
pub fn import_roots(check_paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = Vec::new();
    for path in check_paths {
        let Some(root) = import_root(path) else { continue };
        if !roots.contains(&root) {
            roots.push(root);
        }
    }
    roots
}

/// The folder a checked file or folder is imported from: the parent of the outermost package
/// around it; a folder that is not a package is itself the root of what it contains.
pub fn import_root(path: &Path) -> Option<PathBuf> {
    let mut folder = if path.is_dir() { path } else { path.parent()? };
    while is_package(folder) {
        folder = folder.parent()?;
    }
    Some(folder.to_path_buf())
}

/// A regular package: a folder with an `__init__.py` or `__init__.pyi`.
pub fn is_package(folder: &Path) -> bool {
    folder.join("__init__.py").is_file() || folder.join("__init__.pyi").is_file()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tree(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "").unwrap();
        }
        dir
    }

    #[test]
    fn a_package_is_imported_from_the_folder_above_it() {
        let dir = tree(&["medium/rich/__init__.py", "medium/rich/console.py", "medium/rich/sub/__init__.py"]);
        let medium = dir.path().join("medium");
        assert_eq!(import_root(&medium.join("rich")), Some(medium.clone()));
        assert_eq!(import_root(&medium.join("rich/sub")), Some(medium.clone()));
        assert_eq!(import_root(&medium.join("rich/console.py")), Some(medium.clone()));
    }

    #[test]
    fn a_folder_that_is_not_a_package_is_its_own_root() {
        let dir = tree(&["medium/rich/__init__.py", "scripts/run.py"]);
        assert_eq!(import_root(&dir.path().join("medium")), Some(dir.path().join("medium")));
        assert_eq!(import_root(&dir.path().join("scripts/run.py")), Some(dir.path().join("scripts")));
    }

    #[test]
    fn roots_are_listed_once_in_order() {
        let dir = tree(&["a/p/__init__.py", "a/p/x.py", "b/q.py"]);
        let paths = [dir.path().join("a/p/x.py"), dir.path().join("b"), dir.path().join("a/p")];
        assert_eq!(import_roots(&paths), vec![dir.path().join("a"), dir.path().join("b")]);
    }
}

//! The extra directories a `site-packages` folder puts on the search path: `.pth` files and
//! setuptools editable installs. Read from the file system only; nothing is executed.

use std::path::{Component, Path, PathBuf};

use pytc_db::System;
use pytc_syntax::ast::{Expr, Stmt};
use pytc_syntax::{PythonVersion, SourceKind};

/// Directories that `site_packages` adds to the search path, in file-name order: the path
/// lines of its `.pth` files, and the source folders of setuptools editable installs
/// (`__editable___*_finder.py`). Lines starting with `import` are code that Python would
/// run: pytc skips them, and never runs anything.
pub(crate) fn added_paths(system: &dyn System, site_packages: &Path) -> Vec<PathBuf> {
    let mut paths = Vec::new();
    for name in system.read_dir(site_packages).unwrap_or_default() {
        let candidates = if name.ends_with(".pth") {
            pth_lines(system, &site_packages.join(&name))
        } else if name.starts_with("__editable___") && name.ends_with("_finder.py") {
            editable_mapping_parents(system, &site_packages.join(&name))
        } else {
            continue;
        };
        for candidate in candidates {
            let path = normalize(&site_packages.join(candidate));
            if system.is_dir(&path) && !paths.contains(&path) {
                paths.push(path);
            }
        }
    }
    paths
}

/// The path lines of a `.pth` file (relative to its folder, or absolute).
fn pth_lines(system: &dyn System, pth: &Path) -> Vec<PathBuf> {
    let Ok(bytes) = system.read_bytes(pth) else { return Vec::new() };
    String::from_utf8_lossy(&bytes)
        .lines()
        .map(str::trim_end)
        .filter(|line| {
            !(line.is_empty() || line.starts_with('#') || line.starts_with("import ") || line.starts_with("import\t"))
        })
        .map(PathBuf::from)
        .collect()
}

/// The folders holding the packages a setuptools editable finder maps: it assigns
/// `MAPPING = {"pkg": "/path/to/src/pkg", ...}` at the top level, which is read from the
/// syntax tree (never executed).
fn editable_mapping_parents(system: &dyn System, finder: &Path) -> Vec<PathBuf> {
    let Ok(bytes) = system.read_bytes(finder) else { return Vec::new() };
    let parsed = pytc_syntax::parse(&String::from_utf8_lossy(&bytes), SourceKind::Python, PythonVersion::PY38);
    let mapping = parsed.syntax().body.iter().find_map(|stmt| {
        let (target, value) = match stmt {
            Stmt::Assign(assign) if assign.targets.len() == 1 => (&assign.targets[0], &*assign.value),
            Stmt::AnnAssign(assign) => (&*assign.target, assign.value.as_deref()?),
            _ => return None,
        };
        let is_mapping = matches!(target, Expr::Name(name) if name.id.as_str() == "MAPPING");
        match value {
            Expr::Dict(dict) if is_mapping => Some(dict),
            _ => None,
        }
    });
    let Some(mapping) = mapping else { return Vec::new() };
    mapping
        .items
        .iter()
        .filter_map(|item| match &item.value {
            Expr::StringLiteral(path) => Path::new(path.value.to_str()).parent().map(Path::to_path_buf),
            _ => None,
        })
        .collect()
}

/// `path` with `.` and `..` components removed lexically (`.pth` entries are often relative).
fn normalize(path: &Path) -> PathBuf {
    let mut normalized = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !normalized.pop() {
                    normalized.push(component);
                }
            }
            other => normalized.push(other),
        }
    }
    normalized
}

#[cfg(test)]
mod tests {
    use pytc_db::TestSystem;

    use super::*;

    #[test]
    fn pth_files_add_directories_but_skip_import_lines() {
        let system = TestSystem::default();
        system.write("/sp/a.pth", "# comment\n../src\nimport evil; evil.run()\nmissing_dir\n");
        system.write("/src/pkg/__init__.py", "");
        system.write("/sp/b.pth", "/abs\n");
        system.write("/abs/m.py", "");
        assert_eq!(added_paths(&system, Path::new("/sp")), [PathBuf::from("/src"), PathBuf::from("/abs")]);
    }

    #[test]
    fn editable_finders_add_the_folders_of_mapped_packages() {
        let system = TestSystem::default();
        system.write(
            "/sp/__editable___mypkg_0_1_finder.py",
            "import sys\nMAPPING: dict[str, str] = {'mypkg': '/work/proj/mypkg', 'tool': '/work/other/tool.py'}\n\
             NAMESPACES: dict[str, list[str]] = {}\n",
        );
        system.write(
            "/sp/__editable__.mypkg-0.1.pth",
            "import __editable___mypkg_0_1_finder; __editable___mypkg_0_1_finder.install()\n",
        );
        system.write("/work/proj/mypkg/__init__.py", "");
        system.write("/work/other/tool.py", "");
        system.write("/sp/__editable___broken_finder.py", "MAPPING = compute()\n");
        assert_eq!(added_paths(&system, Path::new("/sp")), [PathBuf::from("/work/proj"), PathBuf::from("/work/other")]);
    }
}

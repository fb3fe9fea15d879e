//! Listing importable modules: the names directly below a package (or at the top level),
//! for completing `import` and `from` statements. A name is listed when resolving it could
//! find it: a module or package file, a stub package, a namespace directory or a compiled
//! extension in one of the places resolution looks; standard-library names only when
//! `VERSIONS` has them for the configured Python.

use pytc_db::Db;

use crate::ModuleName;
use crate::location::{Directory, Location, Lookup};
use crate::resolve::child_locations;
use crate::search_paths::search_paths;

/// The importable names directly below `parent` (top-level names for `None`), sorted,
/// without repeats.
pub fn importable_submodules(db: &dyn Db, parent: Option<&ModuleName>) -> Vec<String> {
    let paths = search_paths(db);
    let typeshed = paths.typeshed.typeshed();
    let version = *db.settings().python_version(db);
    let mut names: Vec<String> = Vec::new();
    for location in child_locations(db, parent) {
        let entries: Vec<String> = match &location.directory {
            Directory::System(path) => db.system().read_dir(path).unwrap_or_default(),
            Directory::Typeshed(directory) => typeshed_entries(typeshed.files(), directory),
        };
        for entry in entries {
            let is_directory = |entry: &str| match &location.directory {
                Directory::System(path) => db.system().is_dir(&path.join(entry)),
                Directory::Typeshed(directory) => typeshed.is_directory(&format!("{directory}/{entry}")),
            };
            let Some(name) = importable_name(&entry, &location, is_directory) else { continue };
            let full = match parent {
                Some(parent) => format!("{parent}.{name}"),
                None => name.clone(),
            };
            let in_stdlib = location.search_path == crate::SearchPathKind::StandardLibrary;
            if in_stdlib && !typeshed.versions().is_available(&full, version) {
                continue;
            }
            names.push(name);
        }
    }
    names.sort();
    names.dedup();
    names
}

/// The entries (files and directories) directly inside the typeshed `directory`.
fn typeshed_entries<'a>(files: impl Iterator<Item = &'a str>, directory: &str) -> Vec<String> {
    let prefix = format!("{directory}/");
    let mut entries: Vec<String> = files
        .filter_map(|file| file.strip_prefix(&prefix))
        .map(|rest| rest.split('/').next().unwrap_or(rest).to_string())
        .collect();
    entries.dedup();
    entries
}

/// The module name a directory entry stands for in `location`: `mod.py`, `mod.pyi`, a
/// package or namespace directory `pkg`, a compiled `mod.cpython-312-x86_64-linux-gnu.so`,
/// or (at the top of site-packages) a stub package `pkg-stubs`. Not `__init__`, caches or
/// distribution metadata.
fn importable_name(entry: &str, location: &Location, is_directory: impl Fn(&str) -> bool) -> Option<String> {
    let name = if let Some(stem) = entry.strip_suffix(".pyi").or_else(|| entry.strip_suffix(".py")) {
        stem
    } else if let Some(stem) = entry.strip_suffix(".so").or_else(|| entry.strip_suffix(".pyd")) {
        stem.split('.').next().unwrap_or(stem)
    } else if let Some(stem) = entry.strip_suffix("-stubs") {
        if location.lookup == Lookup::StubPackages { stem } else { return None }
    } else if entry.contains('.') || !is_directory(entry) {
        return None;
    } else {
        entry
    };
    let is_identifier = name.chars().next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && name.chars().all(|c| c == '_' || c.is_alphanumeric());
    (is_identifier && name != "__init__" && name != "__pycache__").then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_become_module_names() {
        let modules = Location::new(Directory::System("/site".into()), crate::SearchPathKind::SitePackages, Lookup::Modules);
        let stubs = Location { lookup: Lookup::StubPackages, ..modules.clone() };
        let directories = |entry: &str| !entry.starts_with("README");
        let named = |entry: &str, location: &Location| importable_name(entry, location, directories);
        assert_eq!(named("six.py", &modules).as_deref(), Some("six"));
        assert_eq!(named("yaml", &modules).as_deref(), Some("yaml"));
        assert_eq!(named("_ssl.cpython-312-x86_64-linux-gnu.so", &modules).as_deref(), Some("_ssl"));
        assert_eq!(named("yaml-stubs", &modules), None);
        assert_eq!(named("yaml-stubs", &stubs).as_deref(), Some("yaml"));
        assert_eq!(named("requests-2.31.0.dist-info", &modules), None);
        assert_eq!(named("README", &modules), None);
        assert_eq!(named("__init__.py", &modules), None);
        assert_eq!(named("__pycache__", &modules), None);
    }

    #[test]
    fn typeshed_entries_are_the_next_path_component() {
        let files = ["stdlib/os/__init__.pyi", "stdlib/os/path.pyi", "stdlib/xml/dom/minidom.pyi", "stdlib/osx.pyi"];
        assert_eq!(typeshed_entries(files.into_iter(), "stdlib/os"), ["__init__.pyi", "path.pyi"]);
        assert_eq!(typeshed_entries(files.into_iter(), "stdlib/xml"), ["dom"]);
    }
}

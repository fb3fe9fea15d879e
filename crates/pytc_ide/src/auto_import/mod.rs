//! Auto-import: which modules offer a name that is not in scope, and the edit that imports
//! it. The candidates are the public names (the typing spec's library interface: `__all__`,
//! else the names that are neither private nor imported outside the re-export forms, plus
//! what star imports re-export) of
//! the workspace's modules, of the top-level modules and packages the environment and the
//! standard library offer, and of the modules directly inside the standard library's
//! packages (`collections.abc`, `os.path`). Each module's names are a query, so only the first
//! search reads them all.

mod insert;

use pytc_db::{Db, File};
use pytc_module_resolver::{ModuleName, importable_submodules, resolve_module};

pub use insert::import_edit;

use crate::suppress::QuickFix;

/// `from module import name`, offered for `name`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportCandidate {
    pub module: String,
    pub name: String,
    /// Where the module is: its rank among candidates (the workspace first).
    origin: Origin,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Origin {
    Workspace,
    StandardLibrary,
    /// Installed packages and other import roots.
    Library,
}

fn origin_of(module: &pytc_module_resolver::Module) -> Origin {
    if module.search_path == pytc_module_resolver::SearchPathKind::StandardLibrary { Origin::StandardLibrary } else { Origin::Library }
}

/// At most this many modules are offered for one name.
const MAX_CANDIDATES: usize = 8;

/// The modules that offer `name` to `file`, best first: the workspace's, then the standard
/// library's, then the environment's, shorter module paths first. Never `file`'s own
/// module, nor a private module (`_collections_abc`).
pub fn import_candidates(db: &dyn Db, file: File, workspace: &[File], name: &str) -> Vec<ImportCandidate> {
    let mut found = Vec::new();
    each_module(db, workspace, |module, module_file, origin| {
        if module_file != file && offers(db, module_file, name) {
            found.push(ImportCandidate { module: module.to_string(), name: name.to_string(), origin });
        }
    });
    found.sort_by(|a, b| rank(a).cmp(&rank(b)));
    found.dedup_by(|a, b| a.module == b.module);
    found.truncate(MAX_CANDIDATES);
    found
}

/// The public names starting with `prefix` (ignoring case) that modules offer `file`, each
/// with the best module that offers it (as `import_candidates` ranks them), at most `limit`,
/// sorted by name.
pub(crate) fn names_starting_with(db: &dyn Db, file: File, workspace: &[File], prefix: &str, limit: usize) -> Vec<ImportCandidate> {
    let mut best: std::collections::HashMap<String, ImportCandidate> = std::collections::HashMap::new();
    each_module(db, workspace, |module, module_file, origin| {
        if module_file == file {
            return;
        }
        for name in pytc_types::api::public_names(db, module_file).iter() {
            let starts = name.get(..prefix.len()).is_some_and(|start| start.eq_ignore_ascii_case(prefix));
            if !starts || pytc_semantic::is_private_name(name) {
                continue;
            }
            let candidate = ImportCandidate { module: module.to_string(), name: name.clone(), origin };
            match best.get(name) {
                Some(known) if rank(known) <= rank(&candidate) => {}
                _ => {
                    best.insert(name.clone(), candidate);
                }
            }
        }
    });
    let mut found: Vec<ImportCandidate> = best.into_values().collect();
    found.sort_by(|a, b| a.name.cmp(&b.name));
    found.truncate(limit);
    found
}

/// The order candidates are offered in: the workspace first, then the standard library,
/// then the rest; fewer dots, then shorter module names.
fn rank(candidate: &ImportCandidate) -> (Origin, usize, usize, &str) {
    (candidate.origin, candidate.module.matches('.').count(), candidate.module.len(), &candidate.module)
}

/// "Import `name` from `module`" for the undefined name at `range`, one per module that
/// offers it.
pub fn import_fixes(db: &dyn Db, file: File, workspace: &[File], range: pytc_syntax::TextRange) -> Vec<QuickFix> {
    let source = pytc_db::source_text(db, file);
    let Some(name) = source.get(range.to_std_range()).filter(|name| !name.is_empty()) else { return Vec::new() };
    import_candidates(db, file, workspace, name)
        .into_iter()
        .map(|candidate| QuickFix {
            title: format!("Import `{}` from `{}`", candidate.name, candidate.module),
            edit: import_edit(db, file, &candidate.module, &candidate.name),
        })
        .collect()
}

/// Reads every candidate module's public names ahead of the first search, which would
/// otherwise pay for parsing and indexing each of them.
pub(crate) fn read_ahead(db: &dyn Db, workspace: &[File]) {
    each_module(db, workspace, |_, module_file, _| {
        pytc_types::api::public_names(db, module_file);
    });
}

/// Whether `module_file` offers `name` publicly (star re-exports included).
fn offers(db: &dyn Db, module_file: File, name: &str) -> bool {
    pytc_types::api::public_names(db, module_file).iter().any(|offered| offered == name)
}

/// Calls `visit` with each module a name could be imported from: the workspace's modules,
/// then every top-level module and the modules directly inside the standard library's
/// top-level packages.
fn each_module(db: &dyn Db, workspace: &[File], mut visit: impl FnMut(&str, File, Origin)) {
    for &module_file in workspace {
        if let Some(module) = pytc_types::module_name_of(db, module_file)
            && !is_private_module(&module)
        {
            visit(&module, module_file, Origin::Workspace);
        }
    }
    for top in importable_submodules(db, None) {
        let Some(top_name) = ModuleName::new(&top) else { continue };
        if is_private_module(&top) {
            continue;
        }
        let Some(resolved) = resolve_module(db, &top_name) else { continue };
        if let Some(module_file) = resolved.file
            && !workspace.contains(&module_file)
        {
            visit(&top, module_file, origin_of(&resolved));
        }
        // The standard library's packages are few; an environment may hold hundreds, whose
        // top-level names are what code imports most.
        if !resolved.is_package() || origin_of(&resolved) != Origin::StandardLibrary {
            continue;
        }
        for child in importable_submodules(db, Some(&top_name)) {
            let Some(child_name) = top_name.join(&child) else { continue };
            if is_private_module(&child) {
                continue;
            }
            let Some(child_module) = resolve_module(db, &child_name) else { continue };
            if let Some(module_file) = child_module.file
                && !workspace.contains(&module_file)
            {
                visit(child_name.as_str(), module_file, origin_of(&child_module));
            }
        }
    }
}

/// `_io`, `os._wrap`, `__main__`, and test packages nobody imports from.
fn is_private_module(module: &str) -> bool {
    module.split('.').any(|part| part.starts_with('_')) || module.split('.').next() == Some("test")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_files;

    #[test]
    fn finds_the_workspace_and_the_standard_library_modules_that_offer_a_name() {
        let (db, files) = db_with_files(&[
            ("main.py", "Path\n"),
            ("app/paths.py", "from pathlib import Path\nclass Path2: ...\nclass PurePath: ...\n__all__ = ['PurePath', 'Path2']\n"),
            ("app/__init__.py", ""),
        ]);
        let modules = |name: &str| -> Vec<String> {
            import_candidates(&db, files[0], &files, name).into_iter().map(|candidate| candidate.module).collect()
        };
        // app.paths imports `Path` without re-exporting it (zipfile has a `Path` of its own).
        assert_eq!(modules("Path"), ["pathlib", "zipfile"]);
        assert_eq!(modules("PurePath"), ["app.paths", "pathlib"]);
        // A submodule of a package; never a private module.
        assert!(modules("Iterable").contains(&"collections.abc".to_string()), "{:?}", modules("Iterable"));
        assert!(modules("Iterable").iter().all(|module| !module.contains("_collections_abc")));
        assert_eq!(modules("no_such_name_anywhere"), Vec::<String>::new());
    }
}

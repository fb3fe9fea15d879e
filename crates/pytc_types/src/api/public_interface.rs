//! The public names of a module: its library interface plus the interfaces its
//! `from m import *` statements re-export, followed through chains of them.

use pytc_db::{Db, File};
use pytc_semantic::{DefinitionKind, library_interface, semantic_index};

/// The public names of `file`, its own first, each once. A query: the editor's auto-import
/// reads it for every module on each keystroke, and `pytc api` for each module it lists.
#[salsa::tracked(returns(ref))]
pub fn public_names(db: &dyn Db, file: File) -> Box<[String]> {
    let mut names: Vec<String> = library_interface(db, file).names.iter().map(|name| name.to_string()).collect();
    let mut visited = vec![file];
    add_star_reexports(db, file, &mut names, &mut visited);
    names.into_boxed_slice()
}

/// Adds the interface of each module `file` star-imports, once per module (star imports
/// may form cycles).
fn add_star_reexports(db: &dyn Db, file: File, names: &mut Vec<String>, visited: &mut Vec<File>) {
    let interface = library_interface(db, file);
    let index = semantic_index(db, file);
    for star_import in &interface.star_reexports {
        let DefinitionKind::StarImport(import) = &index.definition(*star_import).kind else { continue };
        let stmt = import.stmt.node();
        let module = stmt.module.as_ref().map(|module| module.as_str());
        let Ok(resolved) = pytc_module_resolver::resolve_import(db, file, module, stmt.level) else { continue };
        let Some(target) = resolved.file else { continue };
        if visited.contains(&target) {
            continue;
        }
        visited.push(target);
        for name in &library_interface(db, target).names {
            if !names.iter().any(|known| known == name.as_str()) {
                names.push(name.to_string());
            }
        }
        add_star_reexports(db, target, names, visited);
    }
}

//! The public names of a module: its library interface plus the interfaces its
//! `from m import *` statements re-export, followed through chains of them.

use pytc_db::{Db, File};
use pytc_semantic::interface_names;

/// The public names of `file`, its own first, each once. A query: the editor's auto-import
/// reads it for every module on each keystroke, and `pytc api` for each module it lists. It
/// reads `interface_names`, which keeps no tree or index: auto-import reads ahead the names
/// of every importable module, most of which are never checked.
#[salsa::tracked(returns(ref))]
pub fn public_names(db: &dyn Db, file: File) -> Box<[String]> {
    let mut names: Vec<String> = interface_names(db, file).names.iter().map(|name| name.to_string()).collect();
    let mut visited = vec![file];
    add_star_reexports(db, file, &mut names, &mut visited);
    names.into_boxed_slice()
}

/// Adds the interface of each module `file` star-imports, once per module (star imports
/// may form cycles).
fn add_star_reexports(db: &dyn Db, file: File, names: &mut Vec<String>, visited: &mut Vec<File>) {
    for (module, level) in &interface_names(db, file).star_reexports {
        let Ok(resolved) = pytc_module_resolver::resolve_import(db, file, module.as_deref(), *level) else { continue };
        let Some(target) = resolved.file else { continue };
        if visited.contains(&target) {
            continue;
        }
        visited.push(target);
        for name in &interface_names(db, target).names {
            if !names.iter().any(|known| known == name.as_str()) {
                names.push(name.to_string());
            }
        }
        add_star_reexports(db, target, names, visited);
    }
}

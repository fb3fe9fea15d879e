//! The library interface of a module, as the typing spec's rules for libraries define it
//! ("Library interface" in the distributing chapter): `__all__` when the module defines it;
//! otherwise every module-level name that is neither private (a leading underscore that is
//! not a dunder) nor bound only by an import outside the re-export forms. The same rules hold
//! for `.py` and `.pyi` files of a typed package. Names defined under `if TYPE_CHECKING:` are
//! part of it (that branch is reachable for a type checker).

use pytc_db::{Db, File};

use crate::definition::DefinitionKind;
use crate::exports::{ModuleNames, bound_only_by_private_imports, module_names};
use crate::index::SemanticIndex;
use crate::queries::{index_of_tree, semantic_index};
use pytc_syntax::ast::name::Name;

/// Whether a name is private under the library rules: a leading underscore, unless it is a
/// dunder (`__version__`, `__init__`).
pub fn is_private_name(name: &str) -> bool {
    name.starts_with('_') && !(name.len() > 4 && name.starts_with("__") && name.ends_with("__"))
}

/// The library interface of `file`, in the order of `__all__` or of first appearance. A
/// query: the API model reads it for every module.
#[salsa::tracked(returns(ref))]
pub fn library_interface(db: &dyn Db, file: File) -> ModuleNames {
    interface_of(semantic_index(db, file))
}

fn interface_of(index: &SemanticIndex) -> ModuleNames {
    let only_private_imports = bound_only_by_private_imports(index);
    module_names(
        index,
        |kind| !matches!(kind, DefinitionKind::Delete(_) | DefinitionKind::StarImport(_)),
        |slot, name| !only_private_imports[slot] && !is_private_name(name),
    )
}

/// A module's library interface with the star imports it re-exports as written: the module
/// named (`None` for `from . import *`) and the number of leading dots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InterfaceNames {
    pub names: Box<[Name]>,
    pub star_reexports: Box<[(Option<String>, u32)]>,
}

/// The library interface of `file` for a reader that may never check it (auto-import reads
/// it for every importable module): built from a tree and an index of its own, which are
/// dropped when it returns, so that only the names stay. The names are those of
/// [`library_interface`]; a module that is checked too is parsed and indexed once more.
#[salsa::tracked(returns(ref))]
pub fn interface_names(db: &dyn Db, file: File) -> InterfaceNames {
    let parsed = pytc_db::parse_file(db, file);
    let index = index_of_tree(db, file, &parsed);
    let interface = interface_of(&index);
    let star_reexports = interface
        .star_reexports
        .iter()
        .filter_map(|star_import| match &index.definition(*star_import).kind {
            DefinitionKind::StarImport(import) => {
                let stmt = import.stmt.node();
                Some((stmt.module.as_ref().map(|module| module.as_str().to_string()), stmt.level))
            }
            _ => None,
        })
        .collect();
    InterfaceNames { names: interface.names, star_reexports }
}

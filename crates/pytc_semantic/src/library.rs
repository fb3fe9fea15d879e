//! The library interface of a module, as the typing spec's rules for libraries define it
//! ("Library interface" in the distributing chapter): `__all__` when the module defines it;
//! otherwise every module-level name that is neither private (a leading underscore that is
//! not a dunder) nor bound only by an import outside the re-export forms. The same rules hold
//! for `.py` and `.pyi` files of a typed package. Names defined under `if TYPE_CHECKING:` are
//! part of it (that branch is reachable for a type checker).

use pytc_db::{Db, File};

use crate::definition::DefinitionKind;
use crate::exports::{ModuleNames, bound_only_by_private_imports, module_names};
use crate::queries::semantic_index;

/// Whether a name is private under the library rules: a leading underscore, unless it is a
/// dunder (`__version__`, `__init__`).
pub fn is_private_name(name: &str) -> bool {
    name.starts_with('_') && !(name.len() > 4 && name.starts_with("__") && name.ends_with("__"))
}

/// The library interface of `file`, in the order of `__all__` or of first appearance. A
/// query: the API model reads it for every module.
#[salsa::tracked(returns(ref))]
pub fn library_interface(db: &dyn Db, file: File) -> ModuleNames {
    let index = semantic_index(db, file);
    let only_private_imports = bound_only_by_private_imports(index);
    module_names(
        index,
        |kind| !matches!(kind, DefinitionKind::Delete(_) | DefinitionKind::StarImport(_)),
        |slot, name| !only_private_imports[slot] && !is_private_name(name),
    )
}

//! The library interface of a module, as the typing spec's rules for libraries define it
//! ("Library interface" in the distributing chapter): `__all__` when the module defines it;
//! otherwise every module-level name that is neither private (a leading underscore that is
//! not a dunder) nor bound only by an import outside the re-export forms. The same rules hold
//! for `.py` and `.pyi` files of a typed package. Names defined under `if TYPE_CHECKING:` are
//! part of it (that branch is reachable for a type checker).

use pytc_db::{Db, File};
use pytc_syntax::ast::name::Name;

use crate::definition::DefinitionKind;
use crate::exports::bound_only_by_private_imports;
use crate::ids::{DefinitionId, ScopeId};
use crate::queries::semantic_index;

/// Whether a name is private under the library rules: a leading underscore, unless it is a
/// dunder (`__version__`, `__init__`).
pub fn is_private_name(name: &str) -> bool {
    name.starts_with('_') && !(name.len() > 4 && name.starts_with("__") && name.ends_with("__"))
}

/// The public names of a module, in order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LibraryInterface {
    /// The names, in the order of `__all__` or of first appearance.
    pub names: Box<[Name]>,
    /// True when the names are `__all__`'s.
    pub from_dunder_all: bool,
    /// Module-level `from m import *` statements, which re-export `m`'s interface (none
    /// listed when `__all__` decides); resolving them is the caller's job.
    pub star_reexports: Box<[DefinitionId]>,
}

/// The library interface of `file`. A query: the API model reads it for every module.
#[salsa::tracked(returns(ref))]
pub fn library_interface(db: &dyn Db, file: File) -> LibraryInterface {
    let index = semantic_index(db, file);
    if let Some(names) = index.dunder_all() {
        return LibraryInterface { names: names.into(), from_dunder_all: true, star_reexports: Box::new([]) };
    }
    let table = index.symbol_table(ScopeId::MODULE);
    let only_private_imports = bound_only_by_private_imports(index);
    let mut bound = vec![false; table.symbol_count()];
    for (_, definition) in index.definitions() {
        if definition.scope == ScopeId::MODULE
            && definition.reachable
            && !matches!(definition.kind, DefinitionKind::Delete(_) | DefinitionKind::StarImport(_))
            && let Some(symbol) = definition.symbol()
        {
            bound[symbol.as_u32() as usize] = true;
        }
    }
    let names: Vec<Name> = table
        .symbols()
        .filter(|(symbol_id, symbol)| {
            let slot = symbol_id.as_u32() as usize;
            bound[slot] && !only_private_imports[slot] && !is_private_name(&symbol.name) && !symbol.is_global()
        })
        .map(|(_, symbol)| symbol.name.clone())
        .collect();
    LibraryInterface {
        names: names.into_boxed_slice(),
        from_dunder_all: false,
        star_reexports: index.star_imports(ScopeId::MODULE).into(),
    }
}

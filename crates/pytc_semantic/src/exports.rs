//! The names a module exports to `from m import *` and to other modules' attribute lookups:
//! its `__all__` when defined, else its public module-level names, following the stub
//! re-export rules; and the walk over module-level names both it and the library interface use.

use pytc_db::{Db, File};
use pytc_syntax::ast::name::Name;

use crate::definition::DefinitionKind;
use crate::ids::{DefinitionId, ScopeId};
use crate::queries::semantic_index;

/// A list of a module's names chosen by one of the rules below (what a star import binds,
/// the library interface).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ModuleNames {
    /// The names, in order of first appearance (or of `__all__`).
    pub names: Box<[Name]>,
    /// True when the names come from `__all__`.
    pub from_dunder_all: bool,
    /// Module-level `from other import *` statements whose names this module re-exports too
    /// (none when `__all__` is defined); resolving them is the caller's job.
    pub star_reexports: Box<[DefinitionId]>,
}

/// The names `from file import *` binds. A query because it is read for every star import
/// of the module, and must not change when only function bodies do.
///
/// Without `__all__`: every module-level name not starting with `_` that some reachable
/// definition binds. In stubs, a name bound only by imports is exported only in the
/// re-export forms `import x as x` and `from m import x as x`.
#[salsa::tracked(returns(ref))]
pub fn exported_names(db: &dyn Db, file: File) -> ModuleNames {
    let index = semantic_index(db, file);
    let is_stub = index.is_stub();
    module_names(index, |kind| is_exporting(kind, is_stub), |_, name| !name.starts_with('_') && name.as_str() != "*")
}

/// `__all__` when the module defines it; otherwise the module-level names that some
/// reachable definition of a kind `binds` accepts binds, kept when `keep(symbol slot, name)`.
pub(crate) fn module_names(
    index: &crate::SemanticIndex,
    binds: impl Fn(&DefinitionKind) -> bool,
    keep: impl Fn(usize, &Name) -> bool,
) -> ModuleNames {
    if let Some(names) = index.dunder_all() {
        return ModuleNames { names: names.into(), from_dunder_all: true, star_reexports: Box::new([]) };
    }
    let table = index.symbol_table(ScopeId::MODULE);
    let mut bound = vec![false; table.symbol_count()];
    for (_, definition) in index.definitions() {
        if definition.scope == ScopeId::MODULE
            && definition.reachable
            && binds(&definition.kind)
            && let Some(symbol) = definition.symbol()
        {
            bound[symbol.as_u32() as usize] = true;
        }
    }
    let names: Vec<Name> = table
        .symbols()
        .filter(|(symbol_id, symbol)| {
            let slot = symbol_id.as_u32() as usize;
            bound[slot] && !symbol.is_global() && keep(slot, &symbol.name)
        })
        .map(|(_, symbol)| symbol.name.clone())
        .collect();
    ModuleNames {
        names: names.into_boxed_slice(),
        from_dunder_all: false,
        star_reexports: index.star_imports(ScopeId::MODULE).into(),
    }
}

fn is_exporting(kind: &DefinitionKind, is_stub: bool) -> bool {
    match kind {
        DefinitionKind::Import(import) => !is_stub || import.is_reexport,
        DefinitionKind::ImportFrom(import) => !is_stub || import.is_reexport,
        DefinitionKind::Delete(_) | DefinitionKind::StarImport(_) => false,
        _ => true,
    }
}

/// The module-level names of a stub that other modules may not import from it: those bound
/// only by imports that are not in a re-export form (`import x as x`, `from m import x as x`)
/// and not listed in `__all__`. Sorted; empty for a `.py` file. A query because builtins
/// and every `from stub import x` read it.
#[salsa::tracked(returns(ref))]
pub fn stub_private_imports(db: &dyn Db, file: File) -> Box<[Name]> {
    let index = semantic_index(db, file);
    if !index.is_stub() {
        return Box::new([]);
    }
    let table = index.symbol_table(ScopeId::MODULE);
    let only_private_imports = bound_only_by_private_imports(index);
    let in_dunder_all = |name: &Name| index.dunder_all().is_some_and(|names| names.contains(name));
    let mut names: Vec<Name> = table
        .symbols()
        .filter(|(symbol_id, symbol)| {
            only_private_imports[symbol_id.as_u32() as usize] && !in_dunder_all(&symbol.name)
        })
        .map(|(_, symbol)| symbol.name.clone())
        .collect();
    names.sort();
    names.into_boxed_slice()
}

/// Per module-level symbol: whether every reachable definition binding it is an import not
/// in a re-export form (`import x as x`, `from m import x as x`), so under the library
/// rules it is an implementation detail of the module, whatever kind of file it is.
pub(crate) fn bound_only_by_private_imports(index: &crate::SemanticIndex) -> Vec<bool> {
    let count = index.symbol_table(ScopeId::MODULE).symbol_count();
    // Per symbol: bound by a private import, and bound by something that exports it.
    let mut private = vec![false; count];
    let mut exporting = vec![false; count];
    for (_, definition) in index.definitions() {
        if definition.scope != ScopeId::MODULE {
            continue;
        }
        let Some(symbol) = definition.symbol() else { continue };
        let slot = symbol.as_u32() as usize;
        match &definition.kind {
            DefinitionKind::Import(_) | DefinitionKind::ImportFrom(_) if !is_exporting(&definition.kind, true) => private[slot] = true,
            DefinitionKind::Delete(_) | DefinitionKind::StarImport(_) => {}
            _ => exporting[slot] = true,
        }
    }
    private.iter().zip(&exporting).map(|(private, exporting)| *private && !exporting).collect()
}

/// Whether other modules may import `name` from `file` (always, for a `.py` file).
pub fn is_importable_from(db: &dyn Db, file: File, name: &str) -> bool {
    stub_private_imports(db, file).binary_search_by(|private| private.as_str().cmp(name)).is_err()
}

//! The absolute imports of a module whose names pytc cannot type, with the reason: the
//! module is missing, it is installed without type information, or it does not declare
//! the imported name's type. An `Unknown` in a public type that names one of them leaked in
//! from that module rather than from the library's own annotations.

use pytc_db::{Db, File};
use pytc_semantic::{DefinitionKind, ScopeId, semantic_index};

use super::Knownness;
use crate::infer::public::module_symbol;

/// Why the names an import binds have no known type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UntypedReason {
    /// pytc finds no such module in the environment.
    NotFound,
    /// An installed package without `py.typed` (or a stub package).
    NoTypeInformation,
    /// The module is typed but the imported name's type is unknown there.
    UnknownName,
}

/// A name a module binds by importing it from a module it cannot type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UntypedImport {
    /// The name as the importing module uses it (`np` for `import numpy as np`).
    pub local: String,
    /// The imported module, absolute (`numpy`, `dep.sub`).
    pub module: String,
    pub reason: UntypedReason,
}

/// The module-level (and `if TYPE_CHECKING:`) imports of `file` that bind names pytc cannot
/// type. Relative imports are the package's own and are left out.
pub fn untyped_imports(db: &dyn Db, file: File) -> Vec<UntypedImport> {
    let index = semantic_index(db, file);
    let mut found: Vec<UntypedImport> = Vec::new();
    for (_, definition) in index.definitions() {
        if definition.scope != ScopeId::MODULE {
            continue;
        }
        let Some(local) = definition.symbol().map(|symbol| index.symbol_table(ScopeId::MODULE).symbol(symbol).name.to_string()) else { continue };
        let module = match &definition.kind {
            DefinitionKind::Import(import) => {
                let alias = import.alias.node();
                if import.binds_full_module { alias.name.to_string() } else { alias.name.split('.').next().unwrap_or_default().to_string() }
            }
            DefinitionKind::ImportFrom(import) => {
                let stmt = import.stmt.node();
                match (&stmt.module, stmt.level) {
                    (Some(module), 0) => module.to_string(),
                    _ => continue,
                }
            }
            _ => continue,
        };
        if found.iter().any(|known| known.local == local) {
            continue;
        }
        let reason = match crate::module_file(db, &module) {
            None => Some(UntypedReason::NotFound),
            Some(target) if pytc_module_resolver::is_untyped_installed_file(db, target) => Some(UntypedReason::NoTypeInformation),
            Some(_) => module_symbol(db, file, &local)
                .filter(|ty| Knownness::of(db, *ty) != Knownness::Known)
                .map(|_| UntypedReason::UnknownName),
        };
        if let Some(reason) = reason {
            found.push(UntypedImport { local, module, reason });
        }
    }
    found
}

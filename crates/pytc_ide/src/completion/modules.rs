//! Completion in import statements: module names after `import` and `from` (below the
//! package written so far, relative ones below the importing file's package), and after
//! `from m import` the names `m` offers and its submodules.

use pytc_db::{Db, File};
use pytc_module_resolver::{ModuleName, importable_submodules, resolve_import};
use pytc_semantic::ScopeId;

use super::scope_names::{first_definitions, kind_of};
use super::{CompletionItem, CompletionKind, sort_text};
use crate::definition::NavigationTarget;

/// The modules directly below `parent` (`level` dots up from `file`'s package for a
/// relative import).
pub(crate) fn module_names(db: &dyn Db, file: File, parent: Option<&str>, level: u32) -> Vec<CompletionItem> {
    let parent = if level > 0 {
        match resolve_import(db, file, parent, level) {
            Ok(module) => Some(module.name),
            Err(_) => return Vec::new(),
        }
    } else {
        match parent {
            Some(parent) => match ModuleName::new(parent) {
                Some(name) => Some(name),
                None => return Vec::new(),
            },
            None => None,
        }
    };
    importable_submodules(db, parent.as_ref())
        .into_iter()
        .map(|name| {
            let full = match &parent {
                Some(parent) => parent.join(&name),
                None => ModuleName::new(&name),
            };
            let target = full
                .and_then(|full| pytc_module_resolver::resolve_module(db, &full))
                .and_then(|module| module.file)
                .map(|file| NavigationTarget { file, range: Default::default() });
            CompletionItem::new(&name, CompletionKind::Module, sort_text(0, &name)).with_definition(target)
        })
        .collect()
}

/// After `from module import`: the module's public names (module-level names not starting
/// with `_`, following the stub re-export rules), then its submodules.
pub(crate) fn imported_names(db: &dyn Db, file: File, module: Option<&str>, level: u32) -> Vec<CompletionItem> {
    let Ok(resolved) = resolve_import(db, file, module, level) else { return Vec::new() };
    let mut items: Vec<CompletionItem> = Vec::new();
    if let Some(source) = resolved.file {
        let index = pytc_semantic::semantic_index(db, source);
        let table = index.symbol_table(ScopeId::MODULE);
        let definitions = first_definitions(index, ScopeId::MODULE);
        for name in pytc_semantic::exported_names(db, source).names.iter() {
            let definition = table.symbol_id(name).and_then(|symbol| definitions.get(symbol.as_u32() as usize).copied().flatten());
            let (kind, target) = kind_of(db, source, definition);
            items.push(CompletionItem::new(name.as_str(), kind, sort_text(0, name.as_str())).with_definition(target));
        }
    }
    for name in importable_submodules(db, Some(&resolved.name)) {
        if !items.iter().any(|item| item.label == name) {
            items.push(CompletionItem::new(&name, CompletionKind::Module, sort_text(1, &name)));
        }
    }
    items
}

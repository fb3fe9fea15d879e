//! The public API flattened for printing: one entry per symbol (class members follow their
//! class, named `Class.member`), in module order, each with its declaration and location.

use std::path::Path;

use pytc_types::api::{ApiSymbol, ApiSymbolKind};

use crate::declaration::{declaration_lines, typed_dict_key_line};
use crate::package::{ApiPackage, SourceLocation};

/// One public symbol as `pytc api list` prints it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct ListedSymbol {
    pub module: String,
    /// The name within the module: `f`, `C`, `C.method`, `Outer.Inner.x`.
    pub name: String,
    pub kind: &'static str,
    /// The declaration as written; one line per overload.
    pub declaration: Vec<String>,
    pub location: SourceLocation,
}

/// Every public symbol of `package`; names `__all__` lists but the module never binds are
/// listed with the kind `missing`.
pub fn list_symbols(package: &ApiPackage, cwd: &Path) -> Vec<ListedSymbol> {
    let mut listed = Vec::new();
    for (module, api) in package.module_apis() {
        for symbol in &api.symbols {
            push_symbol(package, cwd, module, "", symbol, &mut listed);
        }
        for name in &api.missing_from_module {
            listed.push(ListedSymbol {
                module: module.to_string(),
                name: name.clone(),
                kind: "missing",
                declaration: vec![format!("{name} is in __all__ but never defined")],
                location: package.source_location(pytc_types::api::ApiLocation { file: api.file, range: Default::default() }, cwd),
            });
        }
    }
    listed
}

fn push_symbol(package: &ApiPackage, cwd: &Path, module: &str, prefix: &str, symbol: &ApiSymbol<'_>, listed: &mut Vec<ListedSymbol>) {
    let name = format!("{prefix}{}", symbol.name);
    listed.push(ListedSymbol {
        module: module.to_string(),
        name: name.clone(),
        kind: symbol.kind.name(),
        declaration: declaration_lines(&package.db, &symbol.name, &symbol.kind),
        location: package.source_location(symbol.location, cwd),
    });
    if let ApiSymbolKind::Class(class) = &symbol.kind {
        let prefix = format!("{name}.");
        for key in &class.typed_dict_keys {
            listed.push(ListedSymbol {
                module: module.to_string(),
                name: format!("{prefix}{}", key.name),
                kind: "key",
                declaration: vec![typed_dict_key_line(&package.db, key)],
                location: package.source_location(symbol.location, cwd),
            });
        }
        for member in &class.members {
            push_symbol(package, cwd, module, &prefix, member, listed);
        }
    }
}

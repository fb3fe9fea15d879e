//! What a name refers to, as one key for every place that names it: the file and scope
//! whose symbol it is, with imports followed to the definition they import (so `greet` in
//! `from app.util import greet` and `greet` in `app/util.py` are one symbol) and attributes
//! resolved through the value's type to the class (or module) that defines them.

use pytc_db::{Db, File};
use pytc_semantic::{DefinitionKind, NameResolution, ScopeId, ScopeKind};
use pytc_syntax::ast::NodeIndex;
use pytc_syntax::TextRange;

use crate::definition::NavigationTarget;
use crate::imports::follow_import;

/// One symbol: the name `name` bound in `scope` of `file` (a class body's names are the
/// class's attributes), or a module.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum SymbolKey {
    Symbol { file: File, scope: ScopeId, name: String },
    Module(File),
}

impl SymbolKey {
    /// The name that spells it: a symbol's name, or the last component of a module's name
    /// (`util` for `app.util`, as `from app import util` and `app.util` spell it).
    pub(crate) fn name(&self, db: &dyn Db) -> Option<String> {
        match self {
            Self::Symbol { name, .. } => Some(name.clone()),
            Self::Module(file) => {
                let module = pytc_types::module_name_of(db, *file)?;
                module.rsplit('.').next().map(str::to_string)
            }
        }
    }

    /// Whether only its own file can name it: a local of a function, lambda or comprehension.
    pub(crate) fn is_local(&self, db: &dyn Db) -> bool {
        match self {
            Self::Symbol { file, scope, .. } => {
                let index = pytc_semantic::semantic_index(db, *file);
                !matches!(index.scope(*scope).kind, ScopeKind::Module | ScopeKind::Class)
            }
            Self::Module(_) => false,
        }
    }

    /// The file that defines it.
    pub(crate) fn file(&self) -> File {
        match self {
            Self::Symbol { file, .. } | Self::Module(file) => *file,
        }
    }
}

/// How many imports are followed from one name (re-export chains).
const MAX_IMPORT_HOPS: usize = 8;

/// The key of the name `name` read in `scope` of `file` (by Python's scoping rules; a name
/// bound nowhere in the file is a builtin).
pub(crate) fn name_key(db: &dyn Db, file: File, scope: ScopeId, name: &str) -> Option<SymbolKey> {
    let index = pytc_semantic::semantic_index(db, file);
    match index.resolve_name(scope, name) {
        NameResolution::Symbol { scope, .. } => canonical(db, file, scope, name, 0),
        NameResolution::Builtins => {
            let builtins = pytc_types::module_file(db, "builtins")?;
            (builtins != file).then(|| SymbolKey::Symbol { file: builtins, scope: ScopeId::MODULE, name: name.to_string() })
        }
    }
}

/// The key of the symbol a definition node binds (a `def`/`class` name, a parameter, an
/// assignment target, an import alias).
pub(crate) fn definition_key(db: &dyn Db, file: File, node: NodeIndex, name: &str) -> Option<SymbolKey> {
    let index = pytc_semantic::semantic_index(db, file);
    let definition = index.definitions_for_node(node).first()?;
    let scope = index.definition(*definition).scope;
    canonical(db, file, scope, name, 0)
}

/// `name` in `scope` of `file`, or, when a plain import binds it there (`from m import name`,
/// `import name`), what the import brings in.
pub(crate) fn canonical(db: &dyn Db, file: File, scope: ScopeId, name: &str, hops: usize) -> Option<SymbolKey> {
    let own = SymbolKey::Symbol { file, scope, name: name.to_string() };
    if hops >= MAX_IMPORT_HOPS {
        return Some(own);
    }
    // A class's member: the most basic class that defines it (see `member_owner`).
    if let Some((root_file, root_scope)) = pytc_types::class_member_root(db, file, scope, name) {
        return Some(SymbolKey::Symbol { file: root_file, scope: root_scope, name: name.to_string() });
    }
    let index = pytc_semantic::semantic_index(db, file);
    let symbol = index.symbol_table(scope).symbol_id(name)?;
    let import = index.definitions().find(|(_, definition)| {
        definition.scope == scope
            && definition.symbol() == Some(symbol)
            && match &definition.kind {
                DefinitionKind::ImportFrom(import) => is_plain(import.alias.node()),
                // `import a.b` binds `a`, the module `a`.
                DefinitionKind::Import(import) => is_plain(import.alias.node()),
                _ => false,
            }
    });
    let Some((_, definition)) = import else { return Some(own) };
    let Some(found) = follow_import(db, NavigationTarget { file, range: definition.name_range }) else { return Some(own) };
    if found.range.is_empty() {
        return Some(SymbolKey::Module(found.file));
    }
    defined_at(db, found.file, found.range).and_then(|scope| canonical(db, found.file, scope, name, hops + 1)).or(Some(own))
}

/// `import x`, `import a.b` (which binds `a`), `from m import x` or `... import x as x`:
/// the name bound is the name imported.
fn is_plain(alias: &pytc_syntax::ast::Alias) -> bool {
    alias.asname.as_ref().is_none_or(|asname| asname.as_str() == alias.name.as_str())
}

/// The scope of the definition whose name is at `range` in `file`.
fn defined_at(db: &dyn Db, file: File, range: TextRange) -> Option<ScopeId> {
    let index = pytc_semantic::semantic_index(db, file);
    index.definitions().find(|(_, definition)| definition.name_range == range).map(|(_, definition)| definition.scope)
}

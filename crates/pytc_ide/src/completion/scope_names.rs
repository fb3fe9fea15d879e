//! The names visible at a position: the scope's own, those of enclosing functions (not of
//! enclosing classes, as Python resolves names), the module's globals and the builtins, each
//! with its kind from the definition that binds it.

use std::collections::HashSet;

use pytc_db::{Db, File, source_text};
use pytc_semantic::{DefinitionKind, ScopeId, ScopeKind, SemanticIndex, SymbolId};
use pytc_syntax::{TextRange, TextSize};

use super::{CompletionItem, CompletionKind, sort_text};
use crate::definition::NavigationTarget;
use crate::imports::follow_import;

/// The ranking groups of names in scope.
const LOCAL: u8 = 2;
const ENCLOSING: u8 = 3;
const GLOBAL: u8 = 4;
const BUILTIN: u8 = 5;

/// Every name visible at `offset` of `file`, innermost scope first, without repeats.
pub(crate) fn names_in_scope(db: &dyn Db, file: File, offset: TextSize) -> Vec<CompletionItem> {
    let index = pytc_semantic::semantic_index(db, file);
    let innermost = scope_at(index, source_text(db, file), offset);
    let mut seen: HashSet<String> = HashSet::new();
    let mut items = Vec::new();
    for (depth, scope) in index.ancestor_scopes(innermost).enumerate() {
        let info = index.scope(scope);
        // A class body's names are not visible in the functions it contains.
        if depth > 0 && info.kind == ScopeKind::Class {
            continue;
        }
        let group = match (info.kind, depth) {
            (ScopeKind::Module, _) => GLOBAL,
            (_, 0) => LOCAL,
            _ => ENCLOSING,
        };
        let definitions = first_definitions(index, scope);
        for (symbol_id, symbol) in index.symbol_table(scope).symbols() {
            let local = (symbol.is_bound() || symbol.is_declared()) && !symbol.is_global() && !symbol.is_nonlocal();
            if !local || !seen.insert(symbol.name.to_string()) {
                continue;
            }
            let definition = definitions.get(symbol_id.as_u32() as usize).copied().flatten();
            items.push(item(db, file, symbol.name.as_str(), definition, group));
        }
    }
    if let Some(builtins) = pytc_types::module_file(db, "builtins")
        && builtins != file
    {
        let index = pytc_semantic::semantic_index(db, builtins);
        let definitions = first_definitions(index, ScopeId::MODULE);
        let table = index.symbol_table(ScopeId::MODULE);
        for name in pytc_semantic::exported_names(db, builtins).names.iter() {
            if !seen.insert(name.to_string()) {
                continue;
            }
            let definition = table.symbol_id(name).and_then(|symbol| definitions.get(symbol.as_u32() as usize).copied().flatten());
            items.push(item(db, builtins, name.as_str(), definition, BUILTIN));
        }
    }
    items
}

/// The innermost scope holding `offset`. On a line that is blank up to the cursor right
/// after a `def` or `class` body, indented deeper than the statement, the body's scope:
/// that is where a line typed there goes.
fn scope_at(index: &SemanticIndex, source: &str, offset: TextSize) -> ScopeId {
    let line_start = source[..offset.to_usize()].rfind('\n').map_or(0, |newline| newline + 1);
    let blank_before_cursor = source[line_start..offset.to_usize()].chars().all(|c| c == ' ' || c == '\t');
    let indentation = offset.to_usize() - line_start;
    let holds = |range: TextRange, kind: ScopeKind| {
        if range.contains_inclusive(offset) {
            return true;
        }
        if !blank_before_cursor || !matches!(kind, ScopeKind::Function | ScopeKind::Class) || range.end().to_usize() > line_start {
            return false;
        }
        let statement_line = source[..range.start().to_usize()].rfind('\n').map_or(0, |newline| newline + 1);
        let column = range.start().to_usize() - statement_line;
        let between = &source[range.end().to_usize()..line_start];
        indentation > column && between.lines().all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
    };
    index
        .scopes()
        .filter(|(_, scope)| holds(scope.range, scope.kind))
        .min_by_key(|(_, scope)| scope.range.len())
        .map_or(ScopeId::MODULE, |(id, _)| id)
}

/// For each symbol of `scope` (by its slot), the definition that first binds or declares it.
pub(super) fn first_definitions(index: &SemanticIndex, scope: ScopeId) -> Vec<Option<(TextRange, DefinitionShape)>> {
    let mut found: Vec<Option<(TextRange, DefinitionShape)>> = vec![None; index.symbol_table(scope).symbol_count()];
    for (_, definition) in index.definitions() {
        if definition.scope != scope {
            continue;
        }
        let Some(symbol) = definition.symbol() else { continue };
        let slot = &mut found[SymbolId::as_u32(symbol) as usize];
        if slot.is_none() && !matches!(definition.kind, DefinitionKind::Delete(_)) {
            *slot = Some((definition.name_range, DefinitionShape::of(&definition.kind)));
        }
    }
    found
}

/// What a definition binds, as far as completion labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum DefinitionShape {
    Function,
    Class,
    Module,
    /// `from m import x`: what `x` is, is found by following the import.
    ImportedName,
    Parameter,
    Variable,
}

impl DefinitionShape {
    fn of(kind: &DefinitionKind) -> Self {
        match kind {
            DefinitionKind::Function(_) => Self::Function,
            DefinitionKind::Class(_) => Self::Class,
            DefinitionKind::Import(_) => Self::Module,
            DefinitionKind::ImportFrom(_) => Self::ImportedName,
            DefinitionKind::Parameter(_) => Self::Parameter,
            _ => Self::Variable,
        }
    }
}

fn item(db: &dyn Db, file: File, name: &str, definition: Option<(TextRange, DefinitionShape)>, group: u8) -> CompletionItem {
    let (kind, target) = kind_of(db, file, definition);
    CompletionItem::new(name, kind, sort_text(group, name)).with_definition(target)
}

/// The completion kind of a name bound by `definition` in `file`, and where what it names is
/// defined (for an import, what it imports).
pub(super) fn kind_of(db: &dyn Db, file: File, definition: Option<(TextRange, DefinitionShape)>) -> (CompletionKind, Option<NavigationTarget>) {
    let Some((range, shape)) = definition else { return (CompletionKind::Variable, None) };
    let target = NavigationTarget { file, range };
    let kind = match shape {
        DefinitionShape::Function => CompletionKind::Function,
        DefinitionShape::Class => CompletionKind::Class,
        DefinitionShape::Module => CompletionKind::Module,
        DefinitionShape::Parameter | DefinitionShape::Variable => CompletionKind::Variable,
        DefinitionShape::ImportedName => {
            return match follow_import(db, target) {
                Some(found) => (imported_kind(db, found).unwrap_or(CompletionKind::Variable), Some(found)),
                None => (CompletionKind::Variable, Some(target)),
            };
        }
    };
    let target = if shape == DefinitionShape::Module { follow_import(db, target).unwrap_or(target) } else { target };
    (kind, Some(target))
}

/// The kind of what an import leads to (`found`): a module, or the kind of the definition there.
fn imported_kind(db: &dyn Db, found: NavigationTarget) -> Option<CompletionKind> {
    if found.range.is_empty() {
        return Some(CompletionKind::Module);
    }
    let index = pytc_semantic::semantic_index(db, found.file);
    let (_, definition) = index.definitions().find(|(_, definition)| definition.name_range == found.range)?;
    Some(match DefinitionShape::of(&definition.kind) {
        DefinitionShape::Function => CompletionKind::Function,
        DefinitionShape::Class => CompletionKind::Class,
        DefinitionShape::Module => CompletionKind::Module,
        _ => CompletionKind::Variable,
    })
}

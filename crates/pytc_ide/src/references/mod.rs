//! Find references, document highlight and rename: the symbol under the cursor (see
//! `symbol`), then every place in the given files that names the same symbol (see
//! `occurrences`). A local of a function is searched in its own file only. A module is a
//! symbol too: the components of import statements and the names and attributes that
//! refer to it.

mod occurrences;
mod rename;
mod symbol;

use pytc_db::{Db, File, parsed_module, source_text};
use pytc_syntax::ast::{self, HasNodeIndex};
use pytc_syntax::{Ranged, TextRange, TextSize};

use crate::definition::{NavigationTarget, goto_definition};
use occurrences::occurrences;
use symbol::SymbolKey;

pub use rename::{RenameError, RenameTarget, prepare_rename, rename};

/// A place that names the symbol, and whether it binds it there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reference {
    pub target: NavigationTarget,
    pub binds: bool,
}

/// The symbol named at `offset` of `file` and the range of that name.
fn symbol_at(db: &dyn Db, file: File, offset: TextSize) -> Option<(SymbolKey, TextRange)> {
    if pytc_syntax::in_comment_or_string(parsed_module(db, file), offset) {
        return None;
    }
    let source = source_text(db, file);
    let word = word_at(source, offset)?;
    let name = &source[word.to_std_range()];
    occurrences(db, file, name).into_iter().find(|occurrence| occurrence.range == word).map(|occurrence| (occurrence.key, word))
}

/// The identifier that `offset` is in or right after.
fn word_at(source: &str, offset: TextSize) -> Option<TextRange> {
    let at = offset.to_usize();
    if at > source.len() || !source.is_char_boundary(at) {
        return None;
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let start = at - source[..at].chars().rev().take_while(|c| is_word(*c)).map(char::len_utf8).sum::<usize>();
    let end = at + source[at..].chars().take_while(|c| is_word(*c)).map(char::len_utf8).sum::<usize>();
    (start < end && !source[start..].starts_with(|c: char| c.is_ascii_digit()))
        .then(|| TextRange::new(TextSize::try_from(start).unwrap_or_default(), TextSize::try_from(end).unwrap_or_default()))
}

/// Every place in `file` and `files` (the workspace's modules) that names the symbol at
/// `offset`, in file order; with or without the places that bind it.
pub fn references(db: &dyn Db, file: File, offset: TextSize, files: &[File], include_bindings: bool) -> Vec<Reference> {
    let Some((key, _)) = symbol_at(db, file, offset) else { return Vec::new() };
    search(db, &key, file, files).into_iter().filter(|reference| include_bindings || !reference.binds).collect()
}

/// The places in `file` that name the symbol at `offset`.
pub fn document_highlights(db: &dyn Db, file: File, offset: TextSize) -> Vec<Reference> {
    let Some((key, _)) = symbol_at(db, file, offset) else { return Vec::new() };
    search(db, &key, file, &[])
        .into_iter()
        .filter(|reference| reference.target.file == file)
        .collect()
}

/// The occurrences of `key` in `file`, the file defining it and `files` (only its own file
/// for a local).
fn search(db: &dyn Db, key: &SymbolKey, file: File, files: &[File]) -> Vec<Reference> {
    let Some(name) = key.name(db) else { return Vec::new() };
    let mut searched: Vec<File> = vec![file];
    if !key.is_local(db) {
        searched.push(key.file());
        searched.extend(files.iter().copied());
    }
    let mut seen = std::collections::HashSet::new();
    searched.retain(|file| seen.insert(*file));
    let mut found = Vec::new();
    for file in searched {
        for occurrence in occurrences(db, file, &name) {
            if occurrence.key == *key {
                found.push(Reference { target: NavigationTarget { file, range: occurrence.range }, binds: occurrence.binds });
            }
        }
    }
    found
}

/// The parameter `name` of the function a call calls, as a symbol (for keyword arguments).
fn keyword_argument_key(db: &dyn Db, file: File, call: &ast::ExprCall, name: &str) -> Option<SymbolKey> {
    let target = goto_definition(db, file, call.func.range().end()).into_iter().next()?;
    let index = pytc_semantic::semantic_index(db, target.file);
    let (_, definition) = index.definitions().find(|(_, definition)| definition.name_range == target.range)?;
    let pytc_semantic::DefinitionKind::Function(function) = &definition.kind else { return None };
    let scope = index.scope_defined_by(function.node().node_index().load())?;
    index
        .symbol_table(scope)
        .symbol_by_name(name)
        .is_some_and(|symbol| symbol.is_parameter())
        .then(|| SymbolKey::Symbol { file: target.file, scope, name: name.to_string() })
}

#[cfg(test)]
mod tests;

//! Completion: what may be written at the cursor. After `.` the members of the value
//! (inherited ones too, with their kind and type); in `import`/`from` statements module
//! names and the names a module offers; elsewhere the names in scope, Python's keywords and,
//! where an argument of a call starts, the call's keyword parameters as `name=`. Inside a
//! string, the strings expected there (a TypedDict's keys in `d["|"]`, the values of a
//! `Literal` parameter or comparison); nothing else in comments and strings. The list is not
//! filtered by what is typed: clients filter (fuzzily).
//!
//! Each item may carry the definition of what it names; `completion_details` (asked for one
//! item at a time, on `completionItem/resolve`) gives its type and docstring from there.

mod context;
mod modules;
mod scope_names;

use pytc_db::{Db, File};
use pytc_syntax::TextSize;

use crate::definition::NavigationTarget;
use crate::docstring::docstring_at;
use context::{CompletionContext, completion_context};

/// What a completion item names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompletionKind {
    Variable,
    Function,
    Method,
    Property,
    /// A data attribute of a class or instance.
    Field,
    Class,
    Module,
    Keyword,
    /// A keyword argument of the call around the cursor (`name=`).
    Argument,
    /// A string the code expects inside a string literal: a TypedDict key, a `Literal` value.
    Value,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionItem {
    pub label: String,
    pub kind: CompletionKind,
    /// The type, when known without more work (attributes, keyword arguments).
    pub detail: Option<String>,
    /// What to insert when it differs from the label (`name=` for a keyword argument).
    pub insert_text: Option<String>,
    /// The key clients sort by: the group (keyword arguments, locals, enclosing, globals,
    /// builtins, keywords), public names before `_private` ones and dunders, then the name.
    pub sort_text: String,
    /// Where what the item names is defined (for its documentation).
    pub definition: Option<NavigationTarget>,
    /// A name not in scope, offered with the import that brings it: the module it comes
    /// from, and the edit that imports it.
    pub auto_import: Option<(String, crate::suppress::TextEdit)>,
}

impl CompletionItem {
    fn new(label: &str, kind: CompletionKind, sort_text: String) -> Self {
        Self { label: label.to_string(), kind, detail: None, insert_text: None, sort_text, definition: None, auto_import: None }
    }

    fn with_definition(mut self, definition: Option<NavigationTarget>) -> Self {
        self.definition = definition;
        self
    }
}

/// The sort key of `name` in ranking `group`: public names, then `_private`, then dunders.
fn sort_text(group: u8, name: &str) -> String {
    let privacy = if name.starts_with("__") && name.ends_with("__") {
        2
    } else if name.starts_with('_') {
        1
    } else {
        0
    };
    format!("{group}{privacy}{name}")
}

/// Python's keywords, offered where a name in scope is.
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
];

const ARGUMENT_GROUP: u8 = 1;
const KEYWORD_GROUP: u8 = 6;
const AUTO_IMPORT_GROUP: u8 = 7;

/// Names to import are offered once this much of a name is typed, at most this many.
const AUTO_IMPORT_MIN_TYPED: usize = 2;
const MAX_AUTO_IMPORTS: usize = 100;

/// The most items one list holds. A longer one (a module with thousands of names) keeps the
/// items whose label starts with what is typed (ignoring case), and says it is incomplete
/// so the client asks again as the user types.
const MAX_ITEMS: usize = 2_000;

/// A completion list, possibly cut short (see `MAX_ITEMS`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompletionList {
    pub items: Vec<CompletionItem>,
    pub incomplete: bool,
}

/// The completion list at `offset` of `file`: `completions`, and where a name is typed the
/// names of `workspace` modules, the standard library and the environment that are not in
/// scope, each with its import (once `AUTO_IMPORT_MIN_TYPED` characters are typed; the list
/// is then incomplete, so the client asks again as the user types); cut to `MAX_ITEMS`.
pub fn completion_list(db: &dyn Db, file: File, offset: TextSize, workspace: &[File]) -> CompletionList {
    let context = completion_context(db, file, offset);
    let mut items = items_in(db, file, offset, &context);
    let source = pytc_db::source_text(db, file);
    let typed = source.get(context::identifier_start(source, offset).to_usize()..offset.to_usize()).unwrap_or_default();
    let mut incomplete = false;
    if typed.len() >= AUTO_IMPORT_MIN_TYPED && matches!(context, CompletionContext::Name { .. }) {
        incomplete = true;
        let in_scope: std::collections::HashSet<String> = items.iter().map(|item| item.label.clone()).collect();
        for candidate in crate::auto_import::names_starting_with(db, file, workspace, typed, MAX_AUTO_IMPORTS) {
            if in_scope.contains(&candidate.name) {
                continue;
            }
            let mut item = CompletionItem::new(&candidate.name, CompletionKind::Variable, sort_text(AUTO_IMPORT_GROUP, &candidate.name));
            let edit = crate::auto_import::import_edit(db, file, &candidate.module, &candidate.name);
            item.detail = Some(format!("from {} import {}", candidate.module, candidate.name));
            item.auto_import = Some((candidate.module, edit));
            items.push(item);
        }
    }
    if items.len() <= MAX_ITEMS {
        return CompletionList { items, incomplete };
    }
    let typed = typed.to_lowercase();
    items.retain(|item| item.label.to_lowercase().starts_with(&typed));
    items.sort_by(|first, second| first.sort_text.cmp(&second.sort_text));
    items.truncate(MAX_ITEMS);
    CompletionList { items, incomplete: true }
}

/// The completions at `offset` of `file` (empty where there are none).
pub fn completions(db: &dyn Db, file: File, offset: TextSize) -> Vec<CompletionItem> {
    items_in(db, file, offset, &completion_context(db, file, offset))
}

/// The completions at `offset` in `context` (strings expected there take precedence).
fn items_in(db: &dyn Db, file: File, offset: TextSize, context: &CompletionContext) -> Vec<CompletionItem> {
    let strings = pytc_types::string_completions(db, file, offset);
    if !strings.is_empty() {
        return strings.iter().map(|value| CompletionItem::new(value, CompletionKind::Value, sort_text(0, value))).collect();
    }
    match context {
        CompletionContext::Nothing => Vec::new(),
        CompletionContext::Attribute { receiver } => attribute_items(db, file, *receiver),
        CompletionContext::Module { parent, level } => modules::module_names(db, file, parent.as_deref(), *level),
        CompletionContext::ImportedName { module, level } => modules::imported_names(db, file, module.as_deref(), *level),
        CompletionContext::Name { arguments } => {
            let mut items = Vec::new();
            if *arguments {
                for name in pytc_types::call_keyword_names(db, file, offset) {
                    let mut item = CompletionItem::new(&format!("{name}="), CompletionKind::Argument, sort_text(ARGUMENT_GROUP, &name));
                    item.insert_text = Some(format!("{name}="));
                    items.push(item);
                }
            }
            items.extend(scope_names::names_in_scope(db, file, offset));
            items.extend(KEYWORDS.iter().map(|keyword| CompletionItem::new(keyword, CompletionKind::Keyword, sort_text(KEYWORD_GROUP, keyword))));
            items
        }
    }
}

fn attribute_items(db: &dyn Db, file: File, receiver: pytc_syntax::ast::NodeIndex) -> Vec<CompletionItem> {
    pytc_types::expression_members(db, file, receiver)
        .into_iter()
        .map(|member| {
            let kind = match member.kind {
                pytc_types::MemberKind::Method => CompletionKind::Method,
                pytc_types::MemberKind::Function => CompletionKind::Function,
                pytc_types::MemberKind::Property => CompletionKind::Property,
                pytc_types::MemberKind::Class => CompletionKind::Class,
                pytc_types::MemberKind::Module => CompletionKind::Module,
                pytc_types::MemberKind::Variable => CompletionKind::Field,
            };
            let mut item = CompletionItem::new(&member.name, kind, sort_text(0, &member.name));
            item.detail = Some(member.type_display);
            item.definition = member.definition.map(|(file, range)| NavigationTarget { file, range });
            item
        })
        .collect()
}

/// The type and docstring of what a completion item's definition defines.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CompletionDetails {
    pub type_display: Option<String>,
    pub documentation: Option<String>,
}

/// The details of the item defined at `target` (as `hover` shows them there; a module's
/// docstring for the start of a module).
pub fn completion_details(db: &dyn Db, target: NavigationTarget) -> CompletionDetails {
    if target.range.is_empty() {
        return CompletionDetails { type_display: None, documentation: docstring_at(db, target.file, target.range) };
    }
    match crate::hover::hover(db, target.file, target.range.start()) {
        Some(hover) => CompletionDetails { type_display: Some(hover.type_display), documentation: hover.docstring },
        None => CompletionDetails { type_display: None, documentation: docstring_at(db, target.file, target.range) },
    }
}

#[cfg(test)]
mod tests;

//! Completion in the protocol's terms: items with their kind, detail and sort key, and the
//! `data` that `completionItem/resolve` reads back to find what an item names (its
//! document, to pick the workspace folder, and its definition's file and range).

use pytc_db::FilePath;
use pytc_ide::NavigationTarget;
use pytc_syntax::{TextRange, TextSize};
use serde::{Deserialize, Serialize};
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionItemLabelDetails, Documentation, MarkupContent, MarkupKind, TextEdit, Uri,
};

use crate::snapshot::Snapshot;

/// What an item carries for `completionItem/resolve`.
#[derive(Debug, Serialize, Deserialize)]
pub struct ItemData {
    /// The document completion was asked in.
    pub uri: Uri,
    /// The file of the definition: a path, or an embedded typeshed stub's path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stub: Option<String>,
    pub start: u32,
    pub end: u32,
}

/// The item in protocol terms, for the document `uri` (whose file is `file`).
pub fn to_lsp(snapshot: &Snapshot, uri: &Uri, file: pytc_db::File, item: pytc_ide::CompletionItem) -> CompletionItem {
    let data = item.definition.and_then(|target| {
        let (path, stub) = match target.file.path(&snapshot.db) {
            FilePath::System(path) => (Some(path.to_str()?.to_string()), None),
            FilePath::Vendored(path) => (None, Some(path.clone())),
        };
        let data = ItemData { uri: uri.clone(), path, stub, start: target.range.start().into(), end: target.range.end().into() };
        serde_json::to_value(data).ok()
    });
    let (label_details, additional_text_edits) = match item.auto_import {
        Some((module, edit)) => {
            let edit = TextEdit { range: snapshot.range(file, edit.range), new_text: edit.new_text };
            (Some(CompletionItemLabelDetails { detail: None, description: Some(module) }), Some(vec![edit]))
        }
        None => (None, None),
    };
    CompletionItem {
        label: item.label,
        label_details,
        kind: Some(kind(item.kind)),
        detail: item.detail,
        sort_text: Some(item.sort_text),
        insert_text: item.insert_text,
        additional_text_edits,
        data,
        ..CompletionItem::default()
    }
}

/// The definition an item's data names, in `snapshot` (`None` when the file is gone).
pub fn target_of(snapshot: &Snapshot, data: &ItemData) -> Option<NavigationTarget> {
    let path = match (&data.path, &data.stub) {
        (Some(path), _) => FilePath::System(path.into()),
        (None, Some(stub)) => FilePath::Vendored(stub.clone()),
        (None, None) => return None,
    };
    // Only files the database already knows: the item was made from one of them.
    let file = pytc_db::Db::files(&snapshot.db).lookup(&path)?;
    let length = pytc_db::source_text(&snapshot.db, file).len();
    let (start, end) = (data.start as usize, data.end as usize);
    if start > end || end > length {
        return None;
    }
    Some(NavigationTarget { file, range: TextRange::new(TextSize::from(data.start), TextSize::from(data.end)) })
}

/// Fill in an item's type and docstring from its definition.
pub fn resolve(snapshot: &Snapshot, mut item: CompletionItem, target: NavigationTarget) -> CompletionItem {
    let details = pytc_ide::completion_details(&snapshot.db, target);
    if item.detail.is_none() {
        item.detail = details.type_display;
    }
    if let Some(documentation) = details.documentation {
        item.documentation = Some(Documentation::MarkupContent(MarkupContent { kind: MarkupKind::PlainText, value: documentation }));
    }
    item
}

fn kind(kind: pytc_ide::CompletionKind) -> CompletionItemKind {
    match kind {
        pytc_ide::CompletionKind::Variable => CompletionItemKind::VARIABLE,
        pytc_ide::CompletionKind::Function => CompletionItemKind::FUNCTION,
        pytc_ide::CompletionKind::Method => CompletionItemKind::METHOD,
        pytc_ide::CompletionKind::Property => CompletionItemKind::PROPERTY,
        pytc_ide::CompletionKind::Field => CompletionItemKind::FIELD,
        pytc_ide::CompletionKind::Class => CompletionItemKind::CLASS,
        pytc_ide::CompletionKind::Module => CompletionItemKind::MODULE,
        pytc_ide::CompletionKind::Keyword => CompletionItemKind::KEYWORD,
        pytc_ide::CompletionKind::Argument => CompletionItemKind::VARIABLE,
        pytc_ide::CompletionKind::Value => CompletionItemKind::VALUE,
    }
}

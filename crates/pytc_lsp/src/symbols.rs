//! Document and workspace symbols in the protocol's terms.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use pytc_db::File;
use tower_lsp_server::ls_types::{DocumentSymbol, Location, SymbolInformation, SymbolKind, Uri};

use crate::position::LineMap;

use crate::snapshot::Snapshot;

pub fn to_lsp(snapshot: &Snapshot, file: File, symbols: Vec<pytc_ide::DocumentSymbol>) -> Vec<DocumentSymbol> {
    symbols
        .into_iter()
        .map(|symbol| {
            #[allow(deprecated)]
            DocumentSymbol {
                name: symbol.name,
                detail: None,
                kind: kind(symbol.kind),
                tags: None,
                deprecated: None,
                range: snapshot.range(file, symbol.range),
                selection_range: snapshot.range(file, symbol.selection_range),
                children: Some(to_lsp(snapshot, file, symbol.children)),
            }
        })
        .collect()
}

/// The workspace symbols matching `query` in every folder, best first; a module several
/// folders reach (an open document is in each) is listed once.
pub fn workspace_symbols(snapshots: &[Snapshot], query: &str) -> Vec<SymbolInformation> {
    let mut found: Vec<(pytc_ide::WorkspaceSymbol, usize)> = Vec::new();
    let mut seen = HashSet::new();
    for (folder, snapshot) in snapshots.iter().enumerate() {
        let files = snapshot.workspace_files();
        for symbol in pytc_ide::workspace_symbols(&snapshot.db, &files, query) {
            if seen.insert((symbol.file.path(&snapshot.db).clone(), symbol.range)) {
                found.push((symbol, folder));
            }
        }
    }
    found.truncate(pytc_ide::MAX_WORKSPACE_SYMBOLS);
    // Each file's text and line starts are read once, however many of its symbols are found.
    let mut lines_of: HashMap<(usize, File), (Option<Uri>, Arc<str>, LineMap)> = HashMap::new();
    found
        .into_iter()
        .filter_map(|(symbol, folder)| {
            let snapshot = &snapshots[folder];
            let (uri, text, lines) = lines_of.entry((folder, symbol.file)).or_insert_with(|| {
                let (text, lines) = snapshot.text_and_lines(symbol.file);
                (snapshot.uri(symbol.file), text, lines.into_owned())
            });
            let location = Location::new(uri.clone()?, lines.range(text, symbol.range, snapshot.encoding));
            #[allow(deprecated)]
            Some(SymbolInformation {
                name: symbol.name,
                kind: kind(symbol.kind),
                tags: None,
                deprecated: None,
                location,
                container_name: symbol.container,
            })
        })
        .collect()
}

fn kind(kind: pytc_ide::SymbolKind) -> SymbolKind {
    match kind {
        pytc_ide::SymbolKind::Class => SymbolKind::CLASS,
        pytc_ide::SymbolKind::Function => SymbolKind::FUNCTION,
        pytc_ide::SymbolKind::Method => SymbolKind::METHOD,
        pytc_ide::SymbolKind::Property => SymbolKind::PROPERTY,
        pytc_ide::SymbolKind::Variable => SymbolKind::VARIABLE,
        pytc_ide::SymbolKind::Constant => SymbolKind::CONSTANT,
        pytc_ide::SymbolKind::Field => SymbolKind::FIELD,
    }
}

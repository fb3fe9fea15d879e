//! Document symbols in the protocol's terms.

use pytc_db::File;
use tower_lsp_server::ls_types::{DocumentSymbol, SymbolKind};

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

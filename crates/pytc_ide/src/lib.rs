//! Editor features computed on the database and returned as plain structs: byte ranges
//! and strings, never LSP types. `pytc_lsp` translates them to the protocol.

mod annotate;
mod auto_import;
mod completion;
mod definition;
mod document_symbols;
mod docstring;
mod hover;
mod imports;
mod inlay_hints;
mod read_ahead;
mod references;
mod signature_help;
mod stub_source;
mod suppress;
mod workspace_symbols;

pub use annotate::insert_annotation_actions;
pub use auto_import::{ImportCandidate, import_candidates, import_edit, import_fixes};
pub use pytc_types::UNRESOLVED_REFERENCE;
pub use completion::{CompletionDetails, CompletionItem, CompletionKind, CompletionList, completion_details, completion_list, completions};
pub use definition::{NavigationTarget, goto_declaration, goto_definition, goto_type_definition};
pub use document_symbols::{DocumentSymbol, SymbolKind, document_symbols};
pub use docstring::docstring_at;
pub use hover::{Hover, hover};
pub use inlay_hints::{InlayHint, InlayHintKind, InlayHintOptions, inlay_hints};
pub use read_ahead::read_ahead;
pub use references::{Reference, RenameError, RenameTarget, document_highlights, prepare_rename, references, rename};
pub use signature_help::{SignatureHelp, SignatureInformation, signature_help};
pub use pytc_types::{SemanticToken, TokenKind, semantic_tokens, token_modifier};
pub use suppress::{QuickFix, TextEdit, remove_suppression_fix, suppress_rule_fix};
pub use workspace_symbols::{MAX_WORKSPACE_SYMBOLS, WorkspaceSymbol, workspace_symbols};

#[cfg(test)]
mod semantic_tokens_tests;
#[cfg(test)]
mod test_db;

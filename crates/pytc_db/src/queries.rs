//! Per-file syntax queries.

use pytc_syntax::ast::token::Tokens;
use pytc_syntax::{LineIndex, ParsedModule, SourceKind};

use crate::{Db, File};

/// The file's text (empty when unreadable). A query so dependents re-run only on real edits.
#[salsa::tracked(returns(ref))]
pub fn source_text(db: &dyn Db, file: File) -> std::sync::Arc<str> {
    match file.source(db) {
        crate::FileSource::Text(text) => text.clone(),
        crate::FileSource::Unreadable(_) => "".into(),
    }
}

/// The parsed module. A query because parsing is the first cost every later phase pays,
/// and its result is shared by indexing, inference and the editor features.
#[salsa::tracked(returns(ref), no_eq, lru = 512)]
pub fn parsed_module(db: &dyn Db, file: File) -> ParsedModule {
    parse_file(db, file)
}

/// Keep at most `capacity` parsed modules when least-recently-used memos are next evicted
/// (`salsa::Database::trigger_lru_eviction`).
pub fn set_parsed_module_capacity(db: &mut dyn Db, capacity: usize) {
    parsed_module::set_lru_capacity(db, capacity);
}

/// The file parsed afresh, kept by no memo: for a query that needs the tree only while it
/// runs (see `pytc_semantic::interface_names`). Everything else reads `parsed_module`.
pub fn parse_file(db: &dyn Db, file: File) -> ParsedModule {
    let kind = if file.path(db).is_stub() { SourceKind::Stub } else { SourceKind::Python };
    let version = db.settings().python_version(db);
    pytc_syntax::parse(source_text(db, file), kind, *version)
}

/// The file's tokens, for editor features that look at brackets and commas. The file is
/// parsed again for them, because `parsed_module` does not keep its tokens (see
/// `ParsedModule`); only a few files' tokens are kept, the ones being edited.
#[salsa::tracked(returns(ref), no_eq, lru = 8)]
pub fn file_tokens(db: &dyn Db, file: File) -> Tokens {
    let kind = if file.path(db).is_stub() { SourceKind::Stub } else { SourceKind::Python };
    let version = db.settings().python_version(db);
    pytc_syntax::tokens(source_text(db, file), kind, *version)
}

/// Line starts of the file, for turning offsets into line and column numbers.
#[salsa::tracked(returns(ref), no_eq)]
pub fn line_index(db: &dyn Db, file: File) -> LineIndex {
    LineIndex::from_source_text(source_text(db, file))
}

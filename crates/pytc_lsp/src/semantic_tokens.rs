//! Semantic tokens in the protocol's terms: the legend announced in `initialize`, the
//! relative encoding of `pytc_ide`'s tokens, and the results kept per document so that a
//! `full/delta` request is answered with the edits from the previous result.

use std::collections::HashMap;
use std::sync::Mutex;

use pytc_db::File;
use pytc_syntax::TextRange;
use tower_lsp_server::ls_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensDelta, SemanticTokensEdit,
    SemanticTokensLegend, Uri,
};

use crate::snapshot::Snapshot;

/// The token types, in the order `token_type` indexes.
const TYPES: [SemanticTokenType; 8] = [
    SemanticTokenType::NAMESPACE,
    SemanticTokenType::CLASS,
    SemanticTokenType::TYPE_PARAMETER,
    SemanticTokenType::PARAMETER,
    SemanticTokenType::VARIABLE,
    SemanticTokenType::PROPERTY,
    SemanticTokenType::FUNCTION,
    SemanticTokenType::METHOD,
];

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        // In the bit order of `pytc_ide::token_modifier`.
        token_modifiers: vec![
            SemanticTokenModifier::DEFINITION,
            SemanticTokenModifier::READONLY,
            SemanticTokenModifier::ASYNC,
            SemanticTokenModifier::DEFAULT_LIBRARY,
        ],
    }
}

fn type_index(kind: pytc_ide::TokenKind) -> u32 {
    use pytc_ide::TokenKind;
    match kind {
        TokenKind::Namespace => 0,
        TokenKind::Class => 1,
        TokenKind::TypeParameter => 2,
        TokenKind::Parameter => 3,
        TokenKind::Variable => 4,
        TokenKind::Property => 5,
        TokenKind::Function => 6,
        TokenKind::Method => 7,
    }
}

/// The tokens of `file` (in `range`, or all), each relative to the one before it.
pub fn encoded_tokens(snapshot: &Snapshot, file: File, range: Option<TextRange>) -> Vec<SemanticToken> {
    let tokens = pytc_ide::semantic_tokens(&snapshot.db, file, range);
    let (text, lines) = snapshot.text_and_lines(file);
    let mut encoded = Vec::with_capacity(tokens.len());
    let (mut line, mut start) = (0, 0);
    for token in tokens {
        let range = lines.range(&text, token.range, snapshot.encoding);
        // Identifiers never span lines; a token that would is left out.
        if range.start.line != range.end.line {
            continue;
        }
        let delta_line = range.start.line - line;
        let delta_start = if delta_line == 0 { range.start.character - start } else { range.start.character };
        encoded.push(SemanticToken {
            delta_line,
            delta_start,
            length: range.end.character - range.start.character,
            token_type: type_index(token.kind),
            token_modifiers_bitset: token.modifiers,
        });
        (line, start) = (range.start.line, range.start.character);
    }
    encoded
}

/// The last full result sent for each document, to answer `full/delta` with edits.
#[derive(Default)]
pub struct SentTokens {
    sent: Mutex<HashMap<Uri, SemanticTokens>>,
    next_id: std::sync::atomic::AtomicU64,
}

impl SentTokens {
    /// Remember `data` as the result for `uri` and return it with a new result id.
    pub fn record(&self, uri: Uri, data: Vec<SemanticToken>) -> SemanticTokens {
        let id = self.next_id.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let tokens = SemanticTokens { result_id: Some(id.to_string()), data };
        self.lock().insert(uri, tokens.clone());
        tokens
    }

    /// The edits from the result `previous_id` (when it is the last one sent for `uri`) to
    /// `data`, recorded as the new result; the full result when `previous_id` is not known.
    pub fn delta(&self, uri: Uri, previous_id: &str, data: Vec<SemanticToken>) -> Result<SemanticTokensDelta, SemanticTokens> {
        let previous = self.lock().get(&uri).filter(|sent| sent.result_id.as_deref() == Some(previous_id)).map(|sent| sent.data.clone());
        let Some(previous) = previous else { return Err(self.record(uri, data)) };
        let edit = single_edit(&previous, &data);
        let recorded = self.record(uri, data);
        Ok(SemanticTokensDelta { result_id: recorded.result_id, edits: edit.into_iter().collect() })
    }

    /// Forget a closed document's result.
    pub fn forget(&self, uri: &Uri) {
        self.lock().remove(uri);
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<Uri, SemanticTokens>> {
        self.sent.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// One edit turning `old` into `new`: the tokens between their common start and common end
/// replaced. Counted in integers, five per token, as the protocol's flattened array is.
fn single_edit(old: &[SemanticToken], new: &[SemanticToken]) -> Option<SemanticTokensEdit> {
    let prefix = old.iter().zip(new).take_while(|(a, b)| a == b).count();
    let suffix = old[prefix..].iter().rev().zip(new[prefix..].iter().rev()).take_while(|(a, b)| a == b).count();
    let removed = old.len() - prefix - suffix;
    let inserted = &new[prefix..new.len() - suffix];
    if removed == 0 && inserted.is_empty() {
        return None;
    }
    Some(SemanticTokensEdit {
        start: u32::try_from(prefix * 5).unwrap_or(u32::MAX),
        delete_count: u32::try_from(removed * 5).unwrap_or(u32::MAX),
        data: Some(inserted.to_vec()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(delta_line: u32, delta_start: u32) -> SemanticToken {
        SemanticToken { delta_line, delta_start, length: 1, token_type: 0, token_modifiers_bitset: 0 }
    }

    #[test]
    fn an_edit_replaces_only_what_changed() {
        let old = [token(0, 0), token(1, 4), token(1, 0)];
        let new = [token(0, 0), token(2, 4), token(3, 1), token(1, 0)];
        let edit = single_edit(&old, &new).unwrap();
        assert_eq!((edit.start, edit.delete_count), (5, 5));
        assert_eq!(edit.data.unwrap(), [token(2, 4), token(3, 1)]);
        assert_eq!(single_edit(&old, &old), None);
        let shorter = single_edit(&old, &old[..1]).unwrap();
        assert_eq!((shorter.start, shorter.delete_count, shorter.data.unwrap().len()), (5, 10, 0));
    }

    #[test]
    fn a_delta_needs_the_last_result() {
        let sent = SentTokens::default();
        let uri: Uri = "file:///a.py".parse().unwrap();
        let first = sent.record(uri.clone(), vec![token(0, 0)]);
        let id = first.result_id.unwrap();
        let delta = sent.delta(uri.clone(), &id, vec![token(0, 0), token(1, 0)]).unwrap();
        assert_eq!(delta.edits.len(), 1);
        // The first id is no longer the last result: a full result answers.
        assert!(sent.delta(uri.clone(), &id, vec![]).is_err());
        sent.forget(&uri);
        assert!(sent.delta(uri, delta.result_id.as_deref().unwrap(), vec![]).is_err());
    }
}

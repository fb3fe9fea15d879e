//! An open document: the editor's text (which wins over the disk), its version, and the
//! incremental edits the client sends.

use tower_lsp_server::ls_types::TextDocumentContentChangeEvent;

use crate::position::{LineMap, PositionEncoding};

#[derive(Debug, Clone)]
pub struct Document {
    text: String,
    version: i32,
    lines: LineMap,
}

impl Document {
    pub fn new(text: String, version: i32) -> Self {
        let lines = LineMap::new(&text);
        Self { text, version, lines }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn version(&self) -> i32 {
        self.version
    }

    pub fn lines(&self) -> &LineMap {
        &self.lines
    }

    /// Apply the changes of one `didChange`, in order: each range refers to the text as
    /// left by the changes before it. A change without a range replaces the whole text.
    pub fn apply_changes(
        &mut self,
        version: i32,
        changes: Vec<TextDocumentContentChangeEvent>,
        encoding: PositionEncoding,
    ) {
        for change in changes {
            match change.range {
                Some(range) => {
                    let range = self.lines.text_range(&self.text, range, encoding);
                    self.text.replace_range(range.to_std_range(), &change.text);
                }
                None => self.text = change.text,
            }
            self.lines = LineMap::new(&self.text);
        }
        self.version = version;
    }
}

#[cfg(test)]
mod tests {
    use tower_lsp_server::ls_types::{Position, Range};

    use super::*;

    fn change(start: (u32, u32), end: (u32, u32), text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(start.0, start.1), Position::new(end.0, end.1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn applies_ranged_edits_in_sequence_with_utf16_columns() {
        let mut document = Document::new("s = '😀'\nx = 1\n".to_string(), 1);
        document.apply_changes(
            2,
            vec![change((0, 5), (0, 7), "é"), change((1, 4), (1, 5), "'two'"), change((2, 0), (2, 0), "y = x\n")],
            PositionEncoding::Utf16,
        );
        assert_eq!(document.text(), "s = 'é'\nx = 'two'\ny = x\n");
        assert_eq!(document.version(), 2);
    }

    #[test]
    fn a_change_without_range_replaces_everything() {
        let mut document = Document::new("old".to_string(), 1);
        let full = TextDocumentContentChangeEvent { range: None, range_length: None, text: "new".to_string() };
        document.apply_changes(5, vec![full, change((0, 3), (0, 3), "er")], PositionEncoding::Utf16);
        assert_eq!(document.text(), "newer");
    }

    #[test]
    fn edits_past_the_end_are_clamped() {
        let mut document = Document::new("ab".to_string(), 1);
        document.apply_changes(2, vec![change((7, 0), (9, 9), "!")], PositionEncoding::Utf16);
        assert_eq!(document.text(), "ab!");
    }
}

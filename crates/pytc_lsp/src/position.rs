//! Translating between byte offsets and LSP positions (line + character, where a character
//! is counted in the negotiated encoding: UTF-16 code units unless the client offers better).

use pytc_syntax::{TextRange, TextSize};
use tower_lsp_server::ls_types::{Position, PositionEncodingKind, Range};

/// The unit an LSP `Position.character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

impl PositionEncoding {
    /// The first encoding the client offers that pytc supports; UTF-16 when it offers none.
    pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> Self {
        offered
            .unwrap_or_default()
            .iter()
            .find_map(|kind| match kind.as_str() {
                "utf-8" => Some(Self::Utf8),
                "utf-16" => Some(Self::Utf16),
                "utf-32" => Some(Self::Utf32),
                _ => None,
            })
            .unwrap_or_default()
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Self::Utf8 => PositionEncodingKind::UTF8,
            Self::Utf16 => PositionEncodingKind::UTF16,
            Self::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    /// The length of `text` in this encoding's units.
    pub fn length(self, text: &str) -> u32 {
        u32::try_from(text.chars().map(|ch| self.width(ch)).sum::<usize>()).unwrap_or(u32::MAX)
    }

    fn width(self, ch: char) -> usize {
        match self {
            Self::Utf8 => ch.len_utf8(),
            Self::Utf16 => ch.len_utf16(),
            Self::Utf32 => 1,
        }
    }
}

/// Where each line of a text starts. Lines end at `\n`, `\r\n` or a lone `\r`, as LSP says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineMap {
    line_starts: Vec<usize>,
}

impl LineMap {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        let mut index = 0;
        while index < bytes.len() {
            match bytes[index] {
                b'\n' => line_starts.push(index + 1),
                b'\r' if bytes.get(index + 1) == Some(&b'\n') => {
                    line_starts.push(index + 2);
                    index += 1;
                }
                b'\r' => line_starts.push(index + 1),
                _ => {}
            }
            index += 1;
        }
        Self { line_starts }
    }

    /// The byte offset of a position. Positions past the end of a line clamp to the line's
    /// end, lines past the end of the text clamp to the end of the text, and a position in
    /// the middle of a character moves to that character's start.
    pub fn offset(&self, text: &str, position: Position, encoding: PositionEncoding) -> usize {
        let line = position.line as usize;
        let Some(&line_start) = self.line_starts.get(line) else {
            return text.len();
        };
        let line_text = &text[line_start..self.content_end(text, line)];
        let mut remaining = position.character as usize;
        for (byte, ch) in line_text.char_indices() {
            let width = encoding.width(ch);
            if remaining < width {
                return line_start + byte;
            }
            remaining -= width;
        }
        line_start + line_text.len()
    }

    /// Whether the text has the line a position names (the line after a final line break
    /// counts, it is where the cursor stands at the end).
    pub fn has_line(&self, position: Position) -> bool {
        (position.line as usize) < self.line_starts.len()
    }

    /// The LSP position of a byte offset (clamped to the text).
    pub fn position(&self, text: &str, offset: usize, encoding: PositionEncoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let character: usize = text[self.line_starts[line]..offset].chars().map(|ch| encoding.width(ch)).sum();
        Position::new(line as u32, character as u32)
    }

    pub fn range(&self, text: &str, range: TextRange, encoding: PositionEncoding) -> Range {
        Range::new(
            self.position(text, range.start().to_usize(), encoding),
            self.position(text, range.end().to_usize(), encoding),
        )
    }

    /// The byte range of an LSP range; a reversed range becomes empty at its start.
    pub fn text_range(&self, text: &str, range: Range, encoding: PositionEncoding) -> TextRange {
        let start = self.offset(text, range.start, encoding);
        let end = self.offset(text, range.end, encoding).max(start);
        TextRange::new(to_size(start), to_size(end))
    }

    /// The end of a line's content, before its line break.
    fn content_end(&self, text: &str, line: usize) -> usize {
        let end = self.line_starts.get(line + 1).copied().unwrap_or(text.len());
        let content = &text[self.line_starts[line]..end];
        let content = content.strip_suffix('\n').unwrap_or(content);
        let content = content.strip_suffix('\r').unwrap_or(content);
        self.line_starts[line] + content.len()
    }
}

/// Byte offsets of texts pytc accepts always fit: files above `MAX_FILE_BYTES` are refused.
pub fn to_size(offset: usize) -> TextSize {
    TextSize::try_from(offset).unwrap_or(TextSize::from(u32::MAX))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trip(text: &str, line: u32, character: u32, encoding: PositionEncoding) -> (usize, Position) {
        let map = LineMap::new(text);
        let offset = map.offset(text, Position::new(line, character), encoding);
        (offset, map.position(text, offset, encoding))
    }

    #[test]
    fn counts_utf16_code_units() {
        let text = "a = '😀é'\nb";
        // `😀` is two UTF-16 units and four bytes; `é` is one unit and two bytes.
        assert_eq!(round_trip(text, 0, 5, PositionEncoding::Utf16), (5, Position::new(0, 5)));
        assert_eq!(round_trip(text, 0, 7, PositionEncoding::Utf16), (9, Position::new(0, 7)));
        assert_eq!(round_trip(text, 0, 8, PositionEncoding::Utf16), (11, Position::new(0, 8)));
        assert_eq!(round_trip(text, 1, 1, PositionEncoding::Utf16), (14, Position::new(1, 1)));
    }

    #[test]
    fn a_position_inside_a_surrogate_pair_moves_to_the_character_start() {
        assert_eq!(round_trip("'😀'", 0, 2, PositionEncoding::Utf16), (1, Position::new(0, 1)));
    }

    #[test]
    fn counts_bytes_and_scalars_when_negotiated() {
        assert_eq!(round_trip("é = 1", 0, 2, PositionEncoding::Utf8).0, 2);
        assert_eq!(round_trip("😀 = 1", 0, 1, PositionEncoding::Utf32).0, 4);
    }

    #[test]
    fn clamps_past_the_end_of_a_line_and_of_the_text() {
        let text = "ab\r\ncd\rlast";
        assert_eq!(round_trip(text, 0, 99, PositionEncoding::Utf16), (2, Position::new(0, 2)));
        assert_eq!(round_trip(text, 1, 1, PositionEncoding::Utf16), (5, Position::new(1, 1)));
        assert_eq!(round_trip(text, 2, 0, PositionEncoding::Utf16), (7, Position::new(2, 0)));
        assert_eq!(round_trip(text, 40, 0, PositionEncoding::Utf16), (11, Position::new(2, 4)));
    }

    #[test]
    fn knows_which_lines_exist_and_measures_labels() {
        let map = LineMap::new("a\nb\n");
        assert!(map.has_line(Position::new(2, 0)));
        assert!(!map.has_line(Position::new(3, 0)));
        assert_eq!(PositionEncoding::Utf16.length("é😀"), 3);
        assert_eq!(PositionEncoding::Utf8.length("é😀"), 6);
    }

    #[test]
    fn negotiation_prefers_the_clients_first_supported_choice() {
        let offered = [PositionEncodingKind::new("utf-7"), PositionEncodingKind::UTF8, PositionEncodingKind::UTF16];
        assert_eq!(PositionEncoding::negotiate(Some(&offered)), PositionEncoding::Utf8);
        assert_eq!(PositionEncoding::negotiate(None), PositionEncoding::Utf16);
    }
}

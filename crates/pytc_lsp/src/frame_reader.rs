//! Reading `Content-Length`-framed messages from a stream that may be broken, and finding
//! the next message again after a broken one.
//!
//! The resynchronisation point is a *header line*: `Content-Length:`, optional blanks, digits
//! and a line end. It can never occur inside a well-formed JSON body (the name cannot stand
//! outside a string, and a string cannot hold a raw line end), so wherever it appears it
//! starts the next message. After a bad header the reader skips to the next header line;
//! a body that contains one (its `Content-Length` was too large, or the stream lost bytes)
//! is cut there and reported broken; bytes before a header (a `Content-Length` too small
//! left the end of a body behind) are skipped and reported once.

use tokio::io::{AsyncRead, AsyncReadExt};

/// Messages larger than this are refused rather than buffered.
const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;
/// A header block longer than this is broken.
const MAX_HEADER_BYTES: usize = 8 * 1024;
/// How much is read from the stream at a time.
const CHUNK_BYTES: usize = 64 * 1024;

/// What the next frame of a stream held.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    /// Bytes that are not a well-framed message; the reader has skipped them and stands at
    /// the next header line (or the end of the stream).
    Broken(String),
}

/// A reader of frames that resynchronises after broken ones.
pub struct FrameReader<R> {
    input: R,
    /// Bytes read from `input` and not yet consumed.
    buffer: Vec<u8>,
    /// Where in `buffer` the unconsumed bytes start.
    start: usize,
    at_end: bool,
    /// After a broken frame, the next read first skips to the next header line that starts
    /// at or after this offset (skipping only then, so a broken frame is answered at once
    /// rather than when the next message arrives).
    resync_from: Option<usize>,
}

impl<R: AsyncRead + Unpin> FrameReader<R> {
    pub fn new(input: R) -> Self {
        Self { input, buffer: Vec::new(), start: 0, at_end: false, resync_from: None }
    }

    /// The next frame, or `None` at the end of the stream. An error of the stream itself
    /// (not of its contents) is returned as is.
    pub async fn read_frame(&mut self) -> std::io::Result<Option<Frame>> {
        if let Some(from) = self.resync_from.take() {
            self.skip_to_header_line(from).await?;
        }
        // Blank lines between messages are harmless.
        loop {
            while self.pending().first().is_some_and(|byte| matches!(byte, b'\r' | b'\n' | b' ' | b'\t')) {
                self.start += 1;
            }
            if !self.pending().is_empty() {
                break;
            }
            if !self.fill().await? {
                return Ok(None);
            }
        }
        if !starts_like_a_header(self.pending()) {
            self.resync_from = Some(0);
            return Ok(Some(Frame::Broken("bytes outside any message".into())));
        }
        // A broken header is skipped with whatever body follows it: the next header line
        // after its start begins the next message.
        let (header_bytes, content_length) = match self.header_block().await? {
            Ok((header_bytes, Ok(length))) => (header_bytes, length),
            Ok((_, Err(reason))) | Err(reason) => {
                self.resync_from = Some(1);
                return Ok(Some(Frame::Broken(reason)));
            }
        };
        self.start += header_bytes;
        // Read the body, watching for a header line inside it.
        let mut scanned = 0;
        loop {
            let available = self.pending().len().min(content_length);
            if let Some(offset) = first_header_line(&self.pending()[..available], scanned) {
                self.start += offset;
                return Ok(Some(Frame::Broken(format!(
                    "a message of {content_length} bytes is cut short after {offset} bytes by the next message"
                ))));
            }
            if available == content_length {
                // A body that ends with the start of a header line ran into the next message.
                if let Some(offset) = unfinished_header_line(&self.pending()[..content_length]) {
                    self.start += offset;
                    return Ok(Some(Frame::Broken(format!(
                        "a message of {content_length} bytes runs into the next message after {offset} bytes"
                    ))));
                }
                let body = self.pending()[..content_length].to_vec();
                self.start += content_length;
                return Ok(Some(Frame::Body(body)));
            }
            // Rescan a possibly unfinished header line at the end.
            scanned = available.saturating_sub(64);
            if !self.fill().await? {
                self.start = self.buffer.len();
                return Ok(Some(Frame::Broken("the stream ended inside a message".into())));
            }
        }
    }

    fn pending(&self) -> &[u8] {
        &self.buffer[self.start..]
    }

    /// Read more of the stream; false at its end.
    async fn fill(&mut self) -> std::io::Result<bool> {
        if self.at_end {
            return Ok(false);
        }
        if self.start > 0 && self.start >= self.buffer.len() / 2 {
            self.buffer.drain(..self.start);
            self.start = 0;
        }
        let old_len = self.buffer.len();
        self.buffer.resize(old_len + CHUNK_BYTES, 0);
        let read = self.input.read(&mut self.buffer[old_len..]).await;
        let read = match read {
            Ok(read) => read,
            Err(error) => {
                self.buffer.truncate(old_len);
                return Err(error);
            }
        };
        self.buffer.truncate(old_len + read);
        self.at_end = read == 0;
        Ok(read > 0)
    }

    /// The header block at the start: its length including the blank line that ends it, and
    /// the message length it gives (or why it gives none). `Err` when it is not a header block.
    async fn header_block(&mut self) -> std::io::Result<Result<(usize, Result<usize, String>), String>> {
        let end = loop {
            let pending = self.pending();
            let window = &pending[..pending.len().min(MAX_HEADER_BYTES)];
            if let Some(end) =
                find(window, b"\r\n\r\n").map(|at| at + 4).or_else(|| find(window, b"\n\n").map(|at| at + 2))
            {
                break end;
            }
            if pending.len() >= MAX_HEADER_BYTES {
                return Ok(Err(format!("a header longer than {MAX_HEADER_BYTES} bytes")));
            }
            if !self.fill().await? {
                return Ok(Err("the stream ended inside a header".into()));
            }
        };
        let text = String::from_utf8_lossy(&self.pending()[..end]).into_owned();
        let mut content_length = Err("missing Content-Length header".to_string());
        for line in text.lines().map(str::trim_end).filter(|line| !line.is_empty()) {
            let Some((name, value)) = line.split_once(':') else {
                return Ok(Err(format!("malformed header line `{line}`")));
            };
            if name.trim().eq_ignore_ascii_case("content-length") {
                content_length = match value.trim().parse::<usize>() {
                    Ok(length) if length > MAX_MESSAGE_BYTES => {
                        Err(format!("a message of {length} bytes is too large"))
                    }
                    Ok(length) => Ok(length),
                    Err(_) => Err(format!("invalid Content-Length `{}`", value.trim())),
                };
            }
        }
        Ok(Ok((end, content_length)))
    }

    /// Skip to the first header line that starts at or after `from` (to the end of the
    /// stream when there is none).
    async fn skip_to_header_line(&mut self, mut from: usize) -> std::io::Result<()> {
        loop {
            let pending = self.pending();
            if let Some(offset) = first_header_line(pending, from) {
                self.start += offset;
                return Ok(());
            }
            // Keep a tail that may be the start of an unfinished header line.
            self.start += pending.len().saturating_sub(64).max(from.min(pending.len()));
            from = 0;
            if !self.fill().await? {
                self.start = self.buffer.len();
                return Ok(());
            }
        }
    }
}

/// The offset of the first header line in `bytes` that starts at or after `from`.
fn first_header_line(bytes: &[u8], from: usize) -> Option<usize> {
    let mut search = from;
    while let Some(newline) = bytes.get(search..)?.iter().position(|&byte| byte == b'\n') {
        let line_end = search + newline;
        if let Some(start) = header_line_ending_at(bytes, line_end)
            && start >= from
        {
            return Some(start);
        }
        search = line_end + 1;
    }
    None
}

/// Whether `bytes` start with what may be a header field name (followed by `:` or by
/// nothing yet).
fn starts_like_a_header(bytes: &[u8]) -> bool {
    let name_length = bytes.iter().position(|&byte| byte == b':').unwrap_or(bytes.len());
    let is_token = |byte: &u8| byte.is_ascii_alphanumeric() || *byte == b'-';
    (1..=64).contains(&name_length) && bytes[..name_length].iter().all(is_token)
}

/// The start of a `Content-Length: <digits>` line whose `\n` is at `newline`.
fn header_line_ending_at(bytes: &[u8], newline: usize) -> Option<usize> {
    const NAME: &[u8] = b"content-length:";
    let mut end = newline;
    if end > 0 && bytes[end - 1] == b'\r' {
        end -= 1;
    }
    let blank = |byte: u8| byte == b' ' || byte == b'\t';
    while end > 0 && blank(bytes[end - 1]) {
        end -= 1;
    }
    let digits_end = end;
    while end > 0 && bytes[end - 1].is_ascii_digit() && digits_end - end < 20 {
        end -= 1;
    }
    if end == digits_end {
        return None;
    }
    while end > 0 && blank(bytes[end - 1]) {
        end -= 1;
    }
    let start = end.checked_sub(NAME.len())?;
    bytes[start..end].eq_ignore_ascii_case(NAME).then_some(start)
}

/// The start of an unfinished header line at the end of `bytes`: a suffix that a header
/// line begins with. No JSON text ends so: such a suffix starts with a `c` outside any
/// string, where JSON allows no letter but those of `true`, `false` and `null`.
fn unfinished_header_line(bytes: &[u8]) -> Option<usize> {
    const NAME: &[u8] = b"content-length:";
    let is_prefix = |rest: &[u8]| {
        let (name, value) = rest.split_at(rest.len().min(NAME.len()));
        // After the whole name: blanks, digits and at most the `\r` of the line end.
        let value = value.strip_suffix(b"\r").unwrap_or(value);
        let blanks = value.iter().take_while(|byte| matches!(byte, b' ' | b'\t')).count();
        name.eq_ignore_ascii_case(&NAME[..name.len()]) && value[blanks..].iter().all(u8::is_ascii_digit)
    };
    (bytes.len().saturating_sub(64)..bytes.len()).find(|&start| is_prefix(&bytes[start..]))
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|window| window == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(bytes: &[u8]) -> Vec<Frame> {
        let mut reader = FrameReader::new(bytes);
        let mut found = Vec::new();
        while let Some(frame) = reader.read_frame().await.unwrap() {
            found.push(frame);
        }
        found
    }

    fn framed(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn bodies(frames: &[Frame]) -> Vec<String> {
        frames
            .iter()
            .filter_map(|frame| match frame {
                Frame::Body(body) => Some(String::from_utf8_lossy(body).into_owned()),
                Frame::Broken(_) => None,
            })
            .collect()
    }

    fn broken(frames: &[Frame]) -> usize {
        frames.iter().filter(|frame| matches!(frame, Frame::Broken(_))).count()
    }

    #[tokio::test]
    async fn reads_frames_and_recovers_from_bad_headers() {
        let bytes =
            b"Content-Length: 2\r\n\r\n{}Content-Length: x\r\n\r\nContent-Type: a\r\n\r\nContent-Length: 4\r\n\r\nnull";
        assert_eq!(
            frames(bytes).await,
            vec![
                Frame::Body(b"{}".to_vec()),
                Frame::Broken("invalid Content-Length `x`".into()),
                Frame::Body(b"null".to_vec()),
            ],
            "what follows a bad header up to the next Content-Length line is skipped with it"
        );
        let found = frames(b"Content-Type: a\r\n\r\nContent-Length: 4\r\n\r\nnull").await;
        assert_eq!(found, [Frame::Broken("missing Content-Length header".into()), Frame::Body(b"null".to_vec())]);
    }

    #[tokio::test]
    async fn a_length_too_small_leaves_bytes_that_are_skipped_once() {
        let first = r#"{"jsonrpc":"2.0","method":"a","params":{}}"#;
        let short = format!("Content-Length: {}\r\n\r\n{first}", first.len() - 10);
        let found = frames(format!("{short}{}", framed("[1]")).as_bytes()).await;
        assert_eq!(bodies(&found), [&first[..first.len() - 10], "[1]"]);
        assert_eq!(found[1], Frame::Broken("bytes outside any message".into()));
    }

    #[tokio::test]
    async fn a_length_too_large_is_cut_at_the_next_message() {
        let long = "Content-Length: 40\r\n\r\n{\"a\":1}";
        let found = frames(format!("{long}{}{}", framed("[1]"), framed("[2]")).as_bytes()).await;
        assert_eq!(bodies(&found), ["[1]", "[2]"]);
        assert_eq!(broken(&found), 1);
        // Too large by less than a header line: the body ends inside the next header.
        for extra in 1..25 {
            let body = "{\"a\":1}";
            let long = format!("Content-Length: {}\r\n\r\n{body}", body.len() + extra);
            let found = frames(format!("{long}{}", framed("[1]")).as_bytes()).await;
            assert_eq!((broken(&found), bodies(&found)), (1, vec!["[1]".to_string()]), "{extra} bytes too many");
        }
        // Larger than the stream: the message ends with it.
        let found = frames(b"Content-Length: 99999\r\n\r\n{\"a\":1}").await;
        assert_eq!(found, [Frame::Broken("the stream ended inside a message".into())]);
    }

    #[tokio::test]
    async fn bad_lengths_skip_their_body() {
        for header in
            ["Content-Length: -5", "Content-Length: ten", "Content-Length: 99999999999999999999999", "Content-Type: x"]
        {
            let stream = format!("{header}\r\n\r\n{{\"a\":1}}{}", framed("[1]"));
            let found = frames(stream.as_bytes()).await;
            assert_eq!((broken(&found), bodies(&found)), (1, vec!["[1]".to_string()]), "{header}");
        }
        // Absurdly large but below the limit: the next message cuts it short.
        let found = frames(format!("Content-Length: 200000000\r\n\r\n{{}}{}", framed("[1]")).as_bytes()).await;
        assert_eq!((broken(&found), bodies(&found)), (1, vec!["[1]".to_string()]));
    }

    #[tokio::test]
    async fn bodies_may_mention_headers_in_strings() {
        let body = r#"{"text":"Content-Length: 5\r\n\r\nabc"}"#;
        assert_eq!(bodies(&frames(framed(body).as_bytes()).await), [body]);
        // A body split over many small reads is found whole.
        let big = format!("[{}]", vec!["1"; 50_000].join(",\n"));
        assert_eq!(bodies(&frames(framed(&big).as_bytes()).await), [big]);
    }

    #[tokio::test]
    async fn garbage_without_any_header_is_skipped_to_the_end() {
        let found = frames(b"\xff\xfe garbage\r\nmore: stuff").await;
        assert_eq!(broken(&found), 1);
        assert!(bodies(&found).is_empty());
    }
}

//! A guard in front of tower-lsp-server's transport. tower-lsp-server stops reading after
//! the first message it cannot decode, so every incoming message is framed and validated
//! here first: well-formed JSON-RPC goes on to the server, anything else is answered with a
//! parse error (or invalid request) and the server keeps serving. The guard also owns the
//! real output stream, so its answers and the server's never interleave mid-message.

use serde_json::{Value, json};
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncReadExt, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokio::sync::oneshot;
use tower_lsp_server::jsonrpc::{Request, Response};

/// Messages larger than this are refused rather than buffered.
const MAX_MESSAGE_BYTES: usize = 256 * 1024 * 1024;

/// What the next frame of a stream held.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    Body(Vec<u8>),
    /// The header could not be understood; the reader has skipped it.
    BadHeader(String),
}

/// Read one `Content-Length`-framed message, or `None` at the end of the stream.
pub async fn read_frame<R: AsyncBufRead + Unpin>(input: &mut R) -> std::io::Result<Option<Frame>> {
    let mut content_length: Option<Result<usize, String>> = None;
    let mut line = String::new();
    let mut saw_header = false;
    loop {
        line.clear();
        let mut raw = Vec::new();
        if input.read_until(b'\n', &mut raw).await? == 0 {
            return Ok(if saw_header { Some(Frame::BadHeader("the stream ended inside a header".into())) } else { None });
        }
        line.push_str(&String::from_utf8_lossy(&raw));
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if !saw_header {
                continue;
            }
            break;
        }
        saw_header = true;
        let Some((name, value)) = header.split_once(':') else {
            content_length = Some(Err(format!("malformed header line `{header}`")));
            continue;
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            content_length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("invalid Content-Length `{}`", value.trim()))
                    .and_then(|length| {
                        if length > MAX_MESSAGE_BYTES {
                            Err(format!("message of {length} bytes is too large"))
                        } else {
                            Ok(length)
                        }
                    }),
            );
        }
    }
    match content_length {
        Some(Ok(length)) => {
            let mut body = vec![0; length];
            input.read_exact(&mut body).await?;
            Ok(Some(Frame::Body(body)))
        }
        Some(Err(reason)) => Ok(Some(Frame::BadHeader(reason))),
        None => Ok(Some(Frame::BadHeader("missing Content-Length header".into()))),
    }
}

/// Frame a message body for the wire.
pub fn encode(body: &[u8]) -> Vec<u8> {
    let mut framed = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    framed.extend_from_slice(body);
    framed
}

/// Why an incoming body cannot go on to the server, as a JSON-RPC error answer.
fn rejection(body: &[u8]) -> Option<Value> {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(error) => return Some(error_answer(Value::Null, -32700, &format!("parse error: {error}"))),
    };
    let has = |key: &str| value.get(key).is_some();
    let well_formed = if has("method") {
        serde_json::from_value::<Request>(value.clone()).is_ok()
    } else {
        has("id") && (has("result") || has("error")) && serde_json::from_value::<Response>(value.clone()).is_ok()
    };
    if well_formed {
        return None;
    }
    let id = value.get("id").filter(|id| id.is_number() || id.is_string()).cloned().unwrap_or(Value::Null);
    Some(error_answer(id, -32600, "invalid request: not a JSON-RPC 2.0 request, notification or response"))
}

fn error_answer(id: Value, code: i64, message: &str) -> Value {
    json!({ "jsonrpc": "2.0", "id": id, "error": { "code": code, "message": message } })
}

/// Whether a well-formed message is the `exit` notification (a short message, so longer
/// ones are not parsed again).
fn is_exit(body: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Method {
        method: Option<String>,
    }
    body.len() < 256
        && serde_json::from_slice::<Method>(body).is_ok_and(|message| message.method.as_deref() == Some("exit"))
}

/// Copy messages from the client to the server, answering the malformed ones on `answers`.
/// `finished` fires once the client is done: its input ended or it sent `exit`.
pub async fn guard_input<R, W>(mut input: R, mut server: W, answers: UnboundedSender<Vec<u8>>, finished: oneshot::Sender<()>)
where
    R: AsyncBufRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut finished = Some(finished);
    loop {
        let frame = match read_frame(&mut input).await {
            Ok(Some(frame)) => frame,
            Ok(None) | Err(_) => break,
        };
        let answer = match frame {
            Frame::BadHeader(reason) => Some(error_answer(Value::Null, -32700, &format!("parse error: {reason}"))),
            Frame::Body(body) => match rejection(&body) {
                Some(answer) => Some(answer),
                None => {
                    if server.write_all(&encode(&body)).await.is_err() || server.flush().await.is_err() {
                        break;
                    }
                    if is_exit(&body)
                        && let Some(finished) = finished.take()
                    {
                        let _ = finished.send(());
                    }
                    None
                }
            },
        };
        if let Some(answer) = answer {
            let _ = answers.send(encode(answer.to_string().as_bytes()));
        }
    }
    let _ = server.shutdown().await;
    if let Some(finished) = finished {
        let _ = finished.send(());
    }
}

/// Forward whole messages written by the server to `answers`; when the server's output
/// ends, send the empty end marker.
pub async fn forward_output<R: AsyncBufRead + Unpin>(mut server_output: R, answers: UnboundedSender<Vec<u8>>) {
    while let Ok(Some(Frame::Body(body))) = read_frame(&mut server_output).await {
        if answers.send(encode(&body)).is_err() {
            return;
        }
    }
    let _ = answers.send(Vec::new());
}

/// Write every message to the real output, one whole message at a time, until the end
/// marker (an empty message) arrives.
pub async fn write_output<W: AsyncWrite + Unpin>(mut output: W, mut messages: UnboundedReceiver<Vec<u8>>) {
    while let Some(message) = messages.recv().await {
        if message.is_empty() {
            break;
        }
        if output.write_all(&message).await.is_err() || output.flush().await.is_err() {
            break;
        }
    }
    let _ = output.shutdown().await;
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn frames(bytes: &[u8]) -> Vec<Frame> {
        let mut input = bytes;
        let mut found = Vec::new();
        while let Some(frame) = read_frame(&mut input).await.unwrap() {
            found.push(frame);
        }
        found
    }

    #[tokio::test]
    async fn reads_frames_and_recovers_from_bad_headers() {
        let bytes = b"Content-Length: 2\r\n\r\n{}Content-Length: x\r\n\r\nContent-Type: a\r\n\r\nContent-Length: 4\r\n\r\nnull";
        assert_eq!(
            frames(bytes).await,
            vec![
                Frame::Body(b"{}".to_vec()),
                Frame::BadHeader("invalid Content-Length `x`".into()),
                Frame::BadHeader("missing Content-Length header".into()),
                Frame::Body(b"null".to_vec()),
            ]
        );
    }

    #[test]
    fn rejects_what_is_not_json_rpc() {
        let parse_error = rejection(b"{not json").unwrap();
        assert_eq!(parse_error["error"]["code"], -32700);
        let wrong_shape = rejection(br#"{"jsonrpc":"2.0","id":7,"params":{}}"#).unwrap();
        assert_eq!((wrong_shape["error"]["code"].clone(), wrong_shape["id"].clone()), (json!(-32600), json!(7)));
        assert!(rejection(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#).is_none());
        assert!(rejection(br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#).is_none());
        assert!(rejection(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_none());
    }

    #[test]
    fn recognizes_the_exit_notification() {
        assert!(is_exit(br#"{"jsonrpc":"2.0","method":"exit"}"#));
        assert!(is_exit(br#"{"jsonrpc":"2.0","method":"exit","params":null}"#));
        assert!(!is_exit(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#));
        assert!(!is_exit(br#"{"jsonrpc":"2.0","id":1,"result":"exit"}"#));
    }
}

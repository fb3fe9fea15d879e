//! A guard in front of tower-lsp-server's transport. tower-lsp-server stops reading after
//! the first message it cannot decode, so every incoming message is framed and validated
//! here first: well-formed JSON-RPC goes on to the server, anything else is answered with a
//! parse error (or invalid request) and the server keeps serving; after a broken frame the
//! reader finds the next message again (`frame_reader`). The guard also owns the
//! real output stream, so its answers and the server's never interleave mid-message.

use serde_json::{Value, json};
use tokio::io::{AsyncRead, AsyncWrite, AsyncWriteExt};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};
use tokio::sync::oneshot;
use tower_lsp_server::jsonrpc::{Request, Response};

use crate::frame_reader::{Frame, FrameReader};

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
        Err(error) => {
            return Some(error_answer(Value::Null, -32700, &format!("parse error: {error}")));
        }
    };
    let has = |key: &str| value.get(key).is_some();
    let well_formed = if has("method") {
        serde_json::from_value::<Request>(value.clone()).is_ok()
    } else {
        has("id") && (has("result") || has("error")) && serde_json::from_value::<Response>(value.clone()).is_ok()
    };
    if well_formed {
        // LSP defines `$/` methods as notifications only, so the server knows no `$/`
        // request; tower-lsp-server drops the MethodNotFound answer of every `$/` method (as
        // the protocol asks for notifications), so the guard answers such requests itself.
        if let (Some(method), Some(id)) = (value["method"].as_str(), value.get("id"))
            && method.starts_with("$/")
        {
            return Some(error_answer(id.clone(), -32601, &format!("method not found: {method}")));
        }
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
pub async fn guard_input<R, W>(
    input: R,
    mut server: W,
    answers: UnboundedSender<Vec<u8>>,
    finished: oneshot::Sender<()>,
) where
    R: AsyncRead + Unpin,
    W: AsyncWrite + Unpin,
{
    let mut input = FrameReader::new(input);
    let mut finished = Some(finished);
    loop {
        let frame = match input.read_frame().await {
            Ok(Some(frame)) => frame,
            Ok(None) | Err(_) => break,
        };
        let answer = match frame {
            Frame::Broken(reason) => Some(error_answer(Value::Null, -32700, &format!("parse error: {reason}"))),
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
pub async fn forward_output<R: AsyncRead + Unpin>(server_output: R, answers: UnboundedSender<Vec<u8>>) {
    let mut server_output = FrameReader::new(server_output);
    while let Ok(Some(Frame::Body(body))) = server_output.read_frame().await {
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

    #[test]
    fn rejects_what_is_not_json_rpc() {
        let parse_error = rejection(b"{not json").unwrap();
        assert_eq!(parse_error["error"]["code"], -32700);
        let wrong_shape = rejection(br#"{"jsonrpc":"2.0","id":7,"params":{}}"#).unwrap();
        assert_eq!((wrong_shape["error"]["code"].clone(), wrong_shape["id"].clone()), (json!(-32600), json!(7)));
        assert!(rejection(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#).is_none());
        assert!(rejection(br#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#).is_none());
        assert!(rejection(br#"{"jsonrpc":"2.0","id":1,"result":null}"#).is_none());
        let dollar = rejection(br#"{"jsonrpc":"2.0","id":"a","method":"$/unknown"}"#).unwrap();
        assert_eq!((dollar["error"]["code"].clone(), dollar["id"].clone()), (json!(-32601), json!("a")));
        assert!(
            rejection(br#"{"jsonrpc":"2.0","method":"$/unknown"}"#).is_none(),
            "notifications go on, to be ignored"
        );
    }

    #[test]
    fn recognizes_the_exit_notification() {
        assert!(is_exit(br#"{"jsonrpc":"2.0","method":"exit"}"#));
        assert!(is_exit(br#"{"jsonrpc":"2.0","method":"exit","params":null}"#));
        assert!(!is_exit(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#));
        assert!(!is_exit(br#"{"jsonrpc":"2.0","id":1,"result":"exit"}"#));
    }
}

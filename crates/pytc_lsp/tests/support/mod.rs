//! An in-memory LSP client for the protocol tests: it runs the server on duplex pipes,
//! frames messages, answers the server's own requests, and waits for what the tests expect.
//! Each test binary uses only part of it.
#![allow(dead_code)]

use std::collections::{HashMap, VecDeque};
use std::time::Duration;

use pytc_lsp::{ServeOptions, serve};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};
use tokio::task::JoinHandle;

/// How long a test waits for one message before it fails.
const PATIENCE: Duration = Duration::from_secs(20);

pub struct TestClient {
    writer: WriteHalf<DuplexStream>,
    reader: BufReader<ReadHalf<DuplexStream>>,
    next_id: i64,
    /// Notifications read while waiting for something else.
    notifications: VecDeque<Value>,
    server: JoinHandle<bool>,
    /// The `initialize` result.
    pub initialize_result: Value,
    /// What `workspace/configuration` answers, by scope URI (`""` for no scope); a scope
    /// without an entry is answered with `null`.
    pub configuration: HashMap<String, Value>,
}

impl TestClient {
    /// Start a server and initialize it with `capabilities` and `initialization_options`.
    pub async fn start(capabilities: Value, initialization_options: Value) -> Self {
        Self::start_in(&std::env::temp_dir(), capabilities, initialization_options).await
    }

    /// `start` with the workspace folder `root`.
    pub async fn start_in(root: &std::path::Path, capabilities: Value, initialization_options: Value) -> Self {
        Self::start_with_folders(&[root], capabilities, initialization_options, HashMap::new()).await
    }

    /// `start` with these workspace folders, answering `workspace/configuration` from
    /// `configuration` (see the field).
    pub async fn start_with_folders(
        roots: &[&std::path::Path],
        capabilities: Value,
        initialization_options: Value,
        configuration: HashMap<String, Value>,
    ) -> Self {
        let (client_end, server_end) = tokio::io::duplex(1 << 20);
        let (server_read, server_write) = tokio::io::split(server_end);
        let server = tokio::spawn(serve(server_read, server_write, ServeOptions { debug_methods: true }));
        let (reader, writer) = tokio::io::split(client_end);
        let mut client = Self {
            writer,
            reader: BufReader::new(reader),
            next_id: 0,
            notifications: VecDeque::new(),
            server,
            initialize_result: Value::Null,
            configuration,
        };
        let folders: Vec<Value> = roots.iter().map(|root| json!({"uri": folder_uri(root), "name": "folder"})).collect();
        let response = client
            .request(
                "initialize",
                json!({
                    "processId": null,
                    "rootUri": null,
                    "workspaceFolders": folders,
                    "capabilities": capabilities,
                    "initializationOptions": initialization_options,
                }),
            )
            .await;
        assert!(response.get("result").is_some(), "initialize failed: {response}");
        client.initialize_result = response["result"].clone();
        client.notify("initialized", json!({})).await;
        client
    }

    pub async fn send_raw(&mut self, bytes: &[u8]) {
        self.writer.write_all(bytes).await.unwrap();
        self.writer.flush().await.unwrap();
    }

    pub async fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes()).await;
    }

    pub async fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params})).await;
    }

    /// Send a request and return the whole response message.
    pub async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params})).await;
        self.response_to(json!(id)).await
    }

    /// The response whose id is `id`, keeping notifications that arrive meanwhile.
    pub async fn response_to(&mut self, id: Value) -> Value {
        loop {
            let message = self.read().await;
            if message.get("method").is_none() && message["id"] == id {
                return message;
            }
        }
    }

    /// The first `method` notification matching `accept`, from those buffered or new.
    pub async fn notification(&mut self, method: &str, accept: impl Fn(&Value) -> bool) -> Value {
        if let Some(index) = self.notifications.iter().position(|message| message["method"] == method && accept(&message["params"])) {
            return self.notifications.remove(index).unwrap()["params"].clone();
        }
        loop {
            let message = self.read().await;
            if message["method"] == method && accept(&message["params"]) {
                return message["params"].clone();
            }
        }
    }

    /// The diagnostics published for `uri` at `version`.
    pub async fn published(&mut self, uri: &str, version: i64) -> Vec<Value> {
        let params = self.notification("textDocument/publishDiagnostics", |params| params["uri"] == uri && params["version"] == version).await;
        params["diagnostics"].as_array().unwrap().clone()
    }

    /// Every notification received so far and not yet consumed.
    pub fn drain_notifications(&mut self) -> Vec<Value> {
        self.notifications.drain(..).collect()
    }

    /// Read one message; requests from the server are answered (`workspace/configuration`
    /// from `configuration`, others with `null`) and recorded, notifications are recorded.
    async fn read(&mut self) -> Value {
        let message = tokio::time::timeout(PATIENCE, read_message(&mut self.reader))
            .await
            .expect("the server answered in time")
            .expect("the server's output is well framed");
        if message.get("method").is_some() {
            if let Some(id) = message.get("id") {
                let result = if message["method"] == "workspace/configuration" {
                    let items = message["params"]["items"].as_array().cloned().unwrap_or_default();
                    let scope = |item: &Value| item["scopeUri"].as_str().unwrap_or_default().to_string();
                    Value::Array(items.iter().map(|item| self.configuration.get(&scope(item)).cloned().unwrap_or(Value::Null)).collect())
                } else {
                    Value::Null
                };
                let answer = json!({"jsonrpc": "2.0", "id": id, "result": result});
                self.send(answer).await;
            }
            self.notifications.push_back(message.clone());
        }
        message
    }

    /// Close the server's input, as a client that quits does, without reading (so without
    /// answering) anything more; then wait for the server to stop.
    pub async fn close_input(mut self) -> bool {
        self.writer.shutdown().await.unwrap();
        self.wait_for_stop().await
    }

    /// Wait for the server to stop by itself; whether it reported a clean stop.
    pub async fn wait_for_stop(self) -> bool {
        tokio::time::timeout(PATIENCE, self.server).await.expect("the server stopped").unwrap()
    }

    /// `shutdown`, `exit`, and whether the server reported a clean stop.
    pub async fn stop(mut self) -> bool {
        let response = self.request("shutdown", Value::Null).await;
        assert_eq!(response["result"], Value::Null);
        self.notify("exit", Value::Null).await;
        tokio::time::timeout(PATIENCE, self.server).await.expect("the server stopped").unwrap()
    }
}

async fn read_message(reader: &mut BufReader<ReadHalf<DuplexStream>>) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).await.ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length:") {
            length = value.trim().parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).await.ok()?;
    serde_json::from_slice(&body).ok()
}

/// A `file:` URI for a path that need not exist.
pub fn uri(path: &str) -> String {
    format!("file://{path}")
}

/// The `file:` URI of a workspace folder.
pub fn folder_uri(root: &std::path::Path) -> String {
    uri(&root.display().to_string())
}

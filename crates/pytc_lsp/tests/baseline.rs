//! The language server honours the configured `baseline`: a diagnostic it records is not
//! shown, one it does not record is, and a broken baseline file is reported while every
//! diagnostic is shown.

mod support;

use std::collections::HashMap;

use serde_json::{Value, json};
use support::{TestClient, uri};

const TEXT: &str = "x: int = \"\"\ny: int = \"\"\n";

const BASELINE: &str = r#"{"pytc_baseline": 1, "pytc_version": "0.1.0", "diagnostics": [
  {"path": "module.py", "rule": "invalid-assignment", "message": "Object of type `Literal[\"\"]` is not assignable to `int`",
   "line_text": "x: int = \"\"", "count": 1}]}"#;

async fn pulled_lines(baseline: &str) -> Vec<i64> {
    let root = tempfile::tempdir().unwrap();
    std::fs::write(root.path().join("pytc.toml"), "baseline = \"recorded.json\"\n").unwrap();
    std::fs::write(root.path().join("recorded.json"), baseline).unwrap();
    let mut client = TestClient::start_with_folders(&[root.path()], json!({}), Value::Null, HashMap::new()).await;
    let document = uri(&root.path().join("module.py").display().to_string());
    client
        .notify("textDocument/didOpen", json!({"textDocument": {"uri": document, "languageId": "python", "version": 1, "text": TEXT}}))
        .await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": document}})).await;
    report["result"]["items"].as_array().unwrap().iter().map(|item| item["range"]["start"]["line"].as_i64().unwrap()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_recorded_diagnostic_is_not_shown() {
    assert_eq!(pulled_lines(BASELINE).await, vec![1]);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_broken_baseline_shows_every_diagnostic() {
    assert_eq!(pulled_lines("{ broken").await, vec![0, 1]);
}

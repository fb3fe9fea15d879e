//! Protocol tests: the server driven in-process through in-memory pipes, as an editor would.

mod support;

use serde_json::{Value, json};
use support::{TestClient, uri};

/// The capabilities of a client that pulls diagnostics and can be asked to pull again.
fn pulling() -> Value {
    json!({
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"diagnostics": {"refreshSupport": true}},
    })
}

async fn push_client() -> TestClient {
    TestClient::start(json!({}), Value::Null).await
}

fn open_params(uri: &str, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}})
}

fn edit(uri: &str, version: i64, range: [[u32; 2]; 2], text: &str) -> Value {
    json!({
        "textDocument": {"uri": uri, "version": version},
        "contentChanges": [{
            "range": {"start": {"line": range[0][0], "character": range[0][1]}, "end": {"line": range[1][0], "character": range[1][1]}},
            "text": text,
        }],
    })
}

fn rules(diagnostics: &[Value]) -> Vec<String> {
    diagnostics.iter().map(|diagnostic| diagnostic["code"].as_str().unwrap().to_string()).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_announces_only_what_is_implemented() {
    let client = push_client().await;
    let capabilities = &client.initialize_result["capabilities"];
    assert_eq!(capabilities["positionEncoding"], "utf-16");
    assert_eq!(capabilities["textDocumentSync"]["change"], 2, "incremental sync");
    assert_eq!(capabilities["workspace"]["workspaceFolders"]["supported"], true);
    assert_eq!(capabilities["codeActionProvider"]["codeActionKinds"], json!(["quickfix", "refactor.rewrite"]));
    assert_eq!((&capabilities["hoverProvider"], &capabilities["definitionProvider"]), (&json!(true), &json!(true)));
    assert_eq!(capabilities["inlayHintProvider"], true);
    assert_eq!(capabilities["documentSymbolProvider"], true);
    assert_eq!(capabilities["signatureHelpProvider"]["triggerCharacters"], json!(["(", ","]));
    assert_eq!(capabilities["completionProvider"], json!({"triggerCharacters": ["."], "resolveProvider": true}));
    assert_eq!((&capabilities["referencesProvider"], &capabilities["documentHighlightProvider"]), (&json!(true), &json!(true)));
    assert_eq!(capabilities["renameProvider"], json!({"prepareProvider": true}));
    assert_eq!(capabilities["typeDefinitionProvider"], true);
    assert_eq!(capabilities["workspaceSymbolProvider"], true);
    let tokens = &capabilities["semanticTokensProvider"];
    assert_eq!((&tokens["full"], &tokens["range"]), (&json!({"delta": true}), &json!(true)));
    assert_eq!(tokens["legend"]["tokenTypes"][1], "class");
    // Not implemented, so not announced; this client does not pull diagnostics.
    assert_eq!(capabilities["declarationProvider"], true);
    for missing in ["diagnosticProvider", "callHierarchyProvider"] {
        assert!(capabilities.get(missing).is_none(), "{missing}");
    }
    assert!(client.stop().await, "a shutdown before exit is a clean stop");

    let client = TestClient::start(pulling(), Value::Null).await;
    assert_eq!(client.initialize_result["capabilities"]["diagnosticProvider"]["interFileDependencies"], true);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_follow_incremental_edits_with_utf16_columns() {
    let mut client = push_client().await;
    let file = uri("/nowhere/emoji.py");
    // `😀` takes two UTF-16 code units: the `(` is at character 15 (byte 17).
    client.notify("textDocument/didOpen", open_params(&file, "s = '😀é'; x = (\n")).await;
    let diagnostics = client.published(&file, 1).await;
    assert_eq!(rules(&diagnostics), ["invalid-syntax"]);

    client.notify("textDocument/didChange", edit(&file, 2, [[0, 15], [0, 16]], "1")).await;
    assert_eq!(client.published(&file, 2).await, Vec::<Value>::new(), "the edit replaced the `(`");

    client.notify("textDocument/didChange", edit(&file, 3, [[1, 0], [1, 0]], "def f(:\n")).await;
    let diagnostics = client.published(&file, 3).await;
    assert_eq!(rules(&diagnostics), vec!["invalid-syntax"; diagnostics.len()]);
    assert_eq!(diagnostics[0]["range"]["start"]["line"], 1);
    assert_eq!(diagnostics[0]["source"], "pytc");
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pull_diagnostics_answer_clients_that_ask() {
    let mut client = TestClient::start(pulling(), Value::Null).await;
    let file = uri("/nowhere/pull.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = (\n")).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": file}})).await;
    assert_eq!(report["result"]["kind"], "full");
    assert_eq!(rules(report["result"]["items"].as_array().unwrap()), ["invalid-syntax"]);
    let missing = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri("/nowhere/missing.py")}})).await;
    assert_eq!(missing["result"]["items"], json!([]), "a file that is neither open nor on disk has none");
    // A pulling client is never pushed diagnostics.
    assert!(client.drain_notifications().iter().all(|message| message["method"] != "textDocument/publishDiagnostics"));
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_messages_get_errors_and_the_server_keeps_serving() {
    let mut client = push_client().await;
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json").await;
    let parse_error = client.response_to(Value::Null).await;
    assert_eq!(parse_error["error"]["code"], -32700);
    client.send_raw(b"Content-Length: nine\r\n\r\n").await;
    assert_eq!(client.response_to(Value::Null).await["error"]["code"], -32700);
    client.send(json!({"jsonrpc": "2.0", "id": 77, "params": {}})).await;
    assert_eq!(client.response_to(json!(77)).await["error"]["code"], -32600);

    let unknown = client.request("textDocument/noSuchMethod", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601);
    let bad_params = client.request("textDocument/diagnostic", json!({"textDocument": 3})).await;
    assert_eq!(bad_params["error"]["code"], -32602);

    let file = uri("/nowhere/after.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = (\n")).await;
    assert_eq!(rules(&client.published(&file, 1).await), ["invalid-syntax"]);
    assert!(client.stop().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_finds_the_next_message_after_each_kind_of_bad_frame() {
    let mut client = push_client().await;
    let file = uri("/nowhere/frames.py");
    let hover = |id: i64| {
        json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
               "params": {"textDocument": {"uri": file}, "position": {"line": 0, "character": 0}}})
        .to_string()
    };
    let lost = hover(1000);
    let bad_frames = [
        (
            "a length 10 bytes short",
            format!("Content-Length: {}\r\n\r\n{lost}", lost.len() - 10),
        ),
        (
            "a length 10 bytes long",
            format!("Content-Length: {}\r\n\r\n{lost}", lost.len() + 10),
        ),
        (
            "a non-numeric length",
            format!("Content-Length: twelve\r\n\r\n{lost}"),
        ),
        (
            "a negative length",
            format!("Content-Length: -{}\r\n\r\n{lost}", lost.len()),
        ),
        ("no header at all", lost.clone()),
        (
            "no Content-Length header",
            format!("Content-Type: application/vscode-jsonrpc\r\n\r\n{lost}"),
        ),
        (
            "a length past any limit",
            format!("Content-Length: 98765432109876543210\r\n\r\n{lost}"),
        ),
        (
            "a length larger than the stream",
            format!("Content-Length: 200000000\r\n\r\n{lost}"),
        ),
    ];
    for (id, (case, bytes)) in (1..).zip(bad_frames) {
        client.send_raw(bytes.as_bytes()).await;
        // The next message, well framed, must be read and answered.
        client
            .send_raw(
                format!("Content-Length: {}\r\n\r\n{}", hover(id).len(), hover(id)).as_bytes(),
            )
            .await;
        let error = client.response_to(Value::Null).await;
        assert_eq!(error["error"]["code"], -32700, "{case}: {error}");
        let answer = client.response_to(json!(id)).await;
        assert_eq!(answer["result"], Value::Null, "{case}: {answer}");
    }

    // `$/` requests the server does not know are answered; `$/` notifications are ignored.
    let unknown = client.request("$/pytcNoSuchRequest", json!({})).await;
    assert_eq!(unknown["error"]["code"], -32601, "{unknown}");
    client.notify("$/pytcNoSuchNotification", json!({})).await;
    client
        .notify("textDocument/didOpen", open_params(&file, "x = (\n"))
        .await;
    assert_eq!(rules(&client.published(&file, 1).await), ["invalid-syntax"]);
    assert!(
        client
            .drain_notifications()
            .iter()
            .all(|message| message.get("id").is_none() || message.get("method").is_some())
    );
    assert!(client.stop().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panicking_request_is_answered_and_isolated() {
    let mut client = push_client().await;
    let crashed = client.request("pytc/debugPanic", json!({})).await;
    assert_eq!(crashed["error"]["code"], -32603);
    assert!(crashed["error"]["message"].as_str().unwrap().contains("pytc/debugPanic"));

    let file = uri("/nowhere/still.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = (\n")).await;
    assert_eq!(rules(&client.published(&file, 1).await), ["invalid-syntax"]);
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": file}})).await;
    assert_eq!(rules(report["result"]["items"].as_array().unwrap()), ["invalid-syntax"]);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn stale_edits_are_ignored() {
    let mut client = push_client().await;
    let file = uri("/nowhere/versions.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = 1\n")).await;
    client.published(&file, 1).await;
    client.notify("textDocument/didChange", edit(&file, 3, [[0, 4], [0, 5]], "2")).await;
    // Version 2 arrives after version 3: applying it would break the text.
    client.notify("textDocument/didChange", edit(&file, 2, [[0, 4], [0, 5]], "(")).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": file}})).await;
    assert_eq!(report["result"]["items"], json!([]));
    let warning = client.notification("window/logMessage", |params| params["message"].as_str().unwrap().contains("stale")).await;
    assert_eq!(warning["type"], 2);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn requests_about_unknown_files_and_far_positions_are_harmless() {
    let mut client = push_client().await;
    let nowhere = json!({"start": {"line": 9999, "character": 9999}, "end": {"line": 99999, "character": 0}});
    let actions = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri("/nowhere/closed.py")}, "range": nowhere, "context": {"diagnostics": []}}),
        )
        .await;
    assert_eq!(actions["result"], Value::Null);
    let far = json!({"line": 9999, "character": 9999});
    for missing in [uri("/nowhere/closed.py"), "untitled:Untitled-9".to_string()] {
        let position = json!({"textDocument": {"uri": missing}, "position": far});
        for method in ["textDocument/hover", "textDocument/definition"] {
            assert_eq!(client.request(method, position.clone()).await["result"], Value::Null, "{method}");
        }
        let hints = client.request("textDocument/inlayHint", json!({"textDocument": {"uri": missing}, "range": nowhere})).await;
        assert_eq!(hints["result"], Value::Null);
    }
    client.notify("textDocument/didChange", edit(&uri("/nowhere/closed.py"), 2, [[0, 0], [0, 0]], "x")).await;
    // A document in another language is not checked.
    let toml = uri("/nowhere/pyproject.toml");
    client.notify("textDocument/didOpen", json!({"textDocument": {"uri": toml, "languageId": "toml", "version": 1, "text": "[x]\ny = ("}})).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": toml}})).await;
    assert_eq!(report["result"]["items"], json!([]));

    let file = uri("/nowhere/short.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = (")).await;
    client.published(&file, 1).await;
    // Positions past the end of an open file are clamped to it.
    let position = json!({"textDocument": {"uri": file}, "position": far});
    for method in ["textDocument/hover", "textDocument/definition"] {
        let answer = client.request(method, position.clone()).await;
        assert!(answer.get("error").is_none(), "{method}: {answer}");
    }
    let hints = client.request("textDocument/inlayHint", json!({"textDocument": {"uri": file}, "range": nowhere})).await;
    assert_eq!(hints["result"], json!([]));
    client.notify("textDocument/didChange", edit(&file, 2, [[40, 3], [50, 0]], ")")).await;
    assert_eq!(client.published(&file, 2).await, Vec::<Value>::new(), "an edit past the end appends");
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_quick_fix_adds_a_type_ignore_comment() {
    let mut client = push_client().await;
    let file = uri("/nowhere/fix.py");
    client.notify("textDocument/didOpen", open_params(&file, "a = 1\nx = (1,\n")).await;
    let diagnostics = client.published(&file, 1).await;
    let diagnostic = diagnostics[0].clone();
    let response = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": file}, "range": diagnostic["range"], "context": {"diagnostics": [diagnostic]}}),
        )
        .await;
    let action = &response["result"][0];
    assert_eq!(action["kind"], "quickfix");
    let edit = &action["edit"]["changes"][&file][0];
    assert_eq!(edit["newText"], "  # type: ignore[invalid-syntax]");
    let line = diagnostic["range"]["start"]["line"].as_u64().unwrap();
    assert_eq!(edit["range"]["start"]["line"].as_u64().unwrap(), line);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unused_ignore_comment_is_removed_not_suppressed() {
    let options = json!({"rules": {"unused-ignore-comment": "warn"}});
    let mut client = TestClient::start(json!({}), options).await;
    let file = uri("/nowhere/unused.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = 1  # type: ignore[invalid-syntax]\n")).await;
    let diagnostics = client.published(&file, 1).await;
    assert_eq!(rules(&diagnostics), ["unused-ignore-comment"]);
    let response = client
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": file}, "range": diagnostics[0]["range"], "context": {"diagnostics": diagnostics, "only": ["quickfix"]}}),
        )
        .await;
    // Another comment would not silence it: the fix removes the comment, spaces before it too.
    let actions = response["result"].as_array().expect("one action");
    assert_eq!(actions.len(), 1, "{response}");
    assert_eq!(actions[0]["title"], "Remove unused `# type: ignore[invalid-syntax]`");
    let edit = &actions[0]["edit"]["changes"][file.as_str()][0];
    assert_eq!((&edit["range"]["start"]["character"], &edit["range"]["end"]["character"], &edit["newText"]), (&json!(5), &json!(37), &json!("")));
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_rapid_edits_end_with_the_right_diagnostics() {
    let mut client = push_client().await;
    let file = uri("/nowhere/rapid.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = [\n")).await;
    client.published(&file, 1).await;
    for version in 2..=1001 {
        // Each edit appends an element; the list stays unclosed until the last one.
        let text = if version == 1001 { "]" } else { "1," };
        let end = 2 * (version as u32 - 2);
        client.notify("textDocument/didChange", edit(&file, version, [[1, end], [1, end]], text)).await;
    }
    let last = client.published(&file, 1001).await;
    assert_eq!(last, Vec::<Value>::new());
    // Checks wait for a pause in the edits: only a few of the versions were published, and
    // never an older one after a newer.
    let versions: Vec<i64> = client
        .drain_notifications()
        .iter()
        .filter(|message| message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == file.as_str())
        .map(|message| message["params"]["version"].as_i64().unwrap())
        .collect();
    assert!(versions.len() < 50, "{} of 1,000 edits were checked: {versions:?}", versions.len());
    assert!(versions.windows(2).all(|pair| pair[0] < pair[1]), "{versions:?}");
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": file}})).await;
    assert_eq!(report["result"]["items"], json!([]));
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_server_stops_when_the_client_quits_without_answering_its_requests() {
    // On `initialized` the server asks for the settings; this client quits instead of
    // answering, like an editor closed right after starting the server.
    let client = TestClient::start(json!({"workspace": {"configuration": true}}), Value::Null).await;
    assert!(!client.close_input().await, "no shutdown came first");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn exit_without_shutdown_is_not_clean() {
    let client = push_client().await;
    let mut client = client;
    client.notify("exit", Value::Null).await;
    // The server stops; `stop` cannot be used, so wait on the raw handle through a request
    // that will never be answered: the pipe closes instead.
    let _ = client.drain_notifications();
    assert!(!client.wait_for_stop().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_come_from_the_project_and_the_editor_and_reload_on_change() {
    let root = tempfile::tempdir().unwrap();
    let config = root.path().join("pytc.toml");
    std::fs::write(&config, "[rules]\ninvalid-syntax = \"warn\"\n").unwrap();
    let mut client = TestClient::start_in(root.path(), json!({}), Value::Null).await;
    let file = uri(&root.path().join("main.py").display().to_string());
    client.notify("textDocument/didOpen", open_params(&file, "x = (\ny = (  # type: ignore[invalid-syntax]\n")).await;
    let diagnostics = client.published(&file, 1).await;
    assert_eq!(diagnostics.len(), 1, "the suppression comment covers line 2: {diagnostics:?}");
    assert_eq!(diagnostics[0]["severity"], 2, "pytc.toml makes the rule a warning");

    std::fs::write(&config, "[rules]\ninvalid-syntax = \"error\"\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": uri(&config.display().to_string()), "type": 2}]})).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": file}})).await;
    assert_eq!(report["result"]["items"][0]["severity"], 1, "the changed configuration applies");
    client.stop().await;

    let options = json!({"rules": {"invalid-syntax": "ignore"}});
    let mut client = TestClient::start_in(root.path(), json!({}), options).await;
    client.notify("textDocument/didOpen", open_params(&file, "x = (\n")).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": file}})).await;
    assert_eq!(report["result"]["items"], json!([]), "initializationOptions win over pytc.toml");
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialization_options_stay_when_the_client_has_no_pytc_section() {
    // The client answers `workspace/configuration` with `null` for every item.
    let capabilities = json!({"workspace": {"configuration": true}});
    let options = json!({"rules": {"invalid-syntax": "ignore"}});
    let mut client = TestClient::start(capabilities, options).await;
    client.notification("workspace/configuration", |_| true).await;
    let file = uri("/nowhere/options.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = (\n")).await;
    assert_eq!(client.published(&file, 1).await, Vec::<Value>::new());
    client.notify("textDocument/didChange", edit(&file, 2, [[1, 0], [1, 0]], "y = (\n")).await;
    assert_eq!(client.published(&file, 2).await, Vec::<Value>::new(), "the rule is still ignored");
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn files_changed_on_disk_are_read_again_unless_open() {
    let root = tempfile::tempdir().unwrap();
    let on_disk = root.path().join("lib.py");
    std::fs::write(&on_disk, "x = (\n").unwrap();
    // A client that reports file events (so the server does not look at the disk itself).
    let watching = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let mut client = TestClient::start_in(root.path(), watching, Value::Null).await;
    let disk_uri = uri(&on_disk.display().to_string());
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": disk_uri}})).await;
    assert_eq!(rules(report["result"]["items"].as_array().unwrap()), ["invalid-syntax"]);
    std::fs::write(&on_disk, "x = 1\n").unwrap();
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": disk_uri, "type": 2}]})).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": disk_uri}})).await;
    assert_eq!(report["result"]["items"], json!([]));

    // Other files on disk are not Python and have no diagnostics.
    let config = root.path().join("notes.txt");
    std::fs::write(&config, "x = (\n").unwrap();
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri(&config.display().to_string())}})).await;
    assert_eq!(report["result"]["items"], json!([]));

    // Once open, the editor's text wins over the disk until the document is closed.
    client.notify("textDocument/didOpen", open_params(&disk_uri, "y = (\n")).await;
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": disk_uri, "type": 2}]})).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": disk_uri}})).await;
    assert_eq!(rules(report["result"]["items"].as_array().unwrap()), ["invalid-syntax"]);
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": disk_uri}})).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": disk_uri}})).await;
    assert_eq!(report["result"]["items"], json!([]));
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_folder_changes_switch_the_project_configuration() {
    let first = tempfile::tempdir().unwrap();
    let second = tempfile::tempdir().unwrap();
    std::fs::write(first.path().join("pytc.toml"), "[rules]\ninvalid-syntax = \"warn\"\n").unwrap();
    std::fs::write(second.path().join("pytc.toml"), "[rules]\ninvalid-syntax = \"info\"\n").unwrap();
    let mut client = TestClient::start_in(first.path(), json!({}), Value::Null).await;
    let file = uri("/nowhere/folders.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = (\n")).await;
    assert_eq!(client.published(&file, 1).await[0]["severity"], 2);

    let folder = |path: &std::path::Path| json!({"uri": uri(&path.display().to_string()), "name": "folder"});
    let event = json!({"event": {"added": [folder(second.path())], "removed": [folder(first.path())]}});
    client.notify("workspace/didChangeWorkspaceFolders", event).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": file}})).await;
    assert_eq!(report["result"]["items"][0]["severity"], 3, "the second folder's configuration applies");
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configuration_change_is_noticed_without_file_events() {
    let root = tempfile::tempdir().unwrap();
    let mut client = TestClient::start_in(root.path(), json!({}), Value::Null).await;
    let file = uri(&root.path().join("main.py").display().to_string());
    client.notify("textDocument/didOpen", open_params(&file, "x = (\n")).await;
    assert_eq!(client.published(&file, 1).await[0]["severity"], 1);
    // A client that cannot watch files: the next change finds the new pytc.toml by itself.
    std::fs::write(root.path().join("pytc.toml"), "[rules]\ninvalid-syntax = \"warn\"\n").unwrap();
    client.notify("textDocument/didChange", edit(&file, 2, [[1, 0], [1, 0]], "y = 1\n")).await;
    assert_eq!(client.published(&file, 2).await[0]["severity"], 2);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_configuration_change_is_noticed_without_edits_or_file_events() {
    let root = tempfile::tempdir().unwrap();
    let mut client = TestClient::start_in(root.path(), json!({}), Value::Null).await;
    let file = uri(&root.path().join("main.py").display().to_string());
    client.notify("textDocument/didOpen", open_params(&file, "x = (\n")).await;
    assert_eq!(client.published(&file, 1).await[0]["severity"], 1);
    // A client that cannot watch files, and no edit: the server's own look at the disk
    // finds the new pytc.toml.
    std::fs::write(root.path().join("pytc.toml"), "[rules]\ninvalid-syntax = \"warn\"\n").unwrap();
    client
        .notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == file.as_str() && params["diagnostics"][0]["severity"] == 2
        })
        .await;
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn new_settings_cancel_reads_on_the_replaced_database() {
    let mut client = push_client().await;
    let file = uri("/nowhere/settings.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = (\n")).await;
    client.published(&file, 1).await;
    client.send(json!({"jsonrpc": "2.0", "id": "slow", "method": "pytc/debugWaitForCancellation", "params": {}})).await;
    client.request("textDocument/diagnostic", json!({"textDocument": {"uri": file}})).await;
    // A client without `workspace/configuration` pushes its settings: the database is rebuilt.
    let settings = json!({"settings": {"pytc": {"rules": {"invalid-syntax": "warn"}}}});
    client.notify("workspace/didChangeConfiguration", settings).await;
    assert_eq!(client.response_to(json!("slow")).await["error"]["code"], -32801);
    client
        .notification("textDocument/publishDiagnostics", |params| params["uri"] == file.as_str() && params["diagnostics"][0]["severity"] == 2)
        .await;
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_edit_cancels_reads_on_older_snapshots_with_content_modified() {
    let mut client = push_client().await;
    let file = uri("/nowhere/cancel.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = 1\n")).await;
    client.published(&file, 1).await;
    client.send(json!({"jsonrpc": "2.0", "id": "slow", "method": "pytc/debugWaitForCancellation", "params": {}})).await;
    // Wait until the slow read holds its snapshot: a request sent after it is answered first.
    client.request("textDocument/diagnostic", json!({"textDocument": {"uri": file}})).await;
    client.notify("textDocument/didChange", edit(&file, 2, [[0, 4], [0, 5]], "2")).await;
    let cancelled = client.response_to(json!("slow")).await;
    assert_eq!(cancelled["error"]["code"], -32801);
    assert_eq!(client.published(&file, 2).await, Vec::<Value>::new());

    // A request the client cancels is answered with RequestCancelled.
    client.send(json!({"jsonrpc": "2.0", "id": "dropped", "method": "pytc/debugWaitForCancellation", "params": {}})).await;
    client.notify("$/cancelRequest", json!({"id": "dropped"})).await;
    assert_eq!(client.response_to(json!("dropped")).await["error"]["code"], -32800);
    // Its computation stops too (see `requests`); the server goes on serving.
    client.notify("textDocument/didChange", edit(&file, 3, [[0, 4], [0, 5]], "3")).await;
    client.published(&file, 3).await;
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pulling_clients_are_asked_to_pull_again_after_changes() {
    let mut client = TestClient::start(pulling(), Value::Null).await;
    let file = uri("/nowhere/refresh.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = 1\n")).await;
    client.notification("workspace/diagnostic/refresh", |_| true).await;
    client.notify("textDocument/didChange", edit(&file, 2, [[0, 4], [0, 5]], "(")).await;
    client.notification("workspace/diagnostic/refresh", |_| true).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": file}})).await;
    assert_eq!(rules(report["result"]["items"].as_array().unwrap()), ["invalid-syntax"]);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn clients_that_pull_but_cannot_be_asked_again_are_pushed_diagnostics() {
    // Like Neovim 0.11: pulling alone would leave a file stale when only its imports change.
    let capabilities = json!({"textDocument": {"diagnostic": {"dynamicRegistration": false}}});
    let mut client = TestClient::start(capabilities, Value::Null).await;
    assert!(client.initialize_result["capabilities"].get("diagnosticProvider").is_none());
    let file = uri("/nowhere/pushed.py");
    client.notify("textDocument/didOpen", open_params(&file, "x = (\n")).await;
    assert_eq!(rules(&client.published(&file, 1).await), ["invalid-syntax"]);
    client.stop().await;
}

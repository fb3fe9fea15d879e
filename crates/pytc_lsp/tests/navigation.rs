//! Protocol tests of the features built on types: hover, go to definition (within the
//! workspace and into the embedded standard library stubs) and inlay hints, plus re-checking
//! files whose dependencies changed.

mod support;

use serde_json::{Value, json};
use support::{TestClient, uri};

fn open(uri: &str, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}})
}

fn at(uri: &str, line: u32, character: u32) -> Value {
    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
}

/// A workspace with `pkg/util.py` on disk, and the `main.py` that imports it.
fn workspace() -> (tempfile::TempDir, String, String) {
    let root = tempfile::tempdir().unwrap();
    std::fs::create_dir(root.path().join("pkg")).unwrap();
    std::fs::write(root.path().join("pkg/__init__.py"), "").unwrap();
    std::fs::write(
        root.path().join("pkg/util.py"),
        "def greet(name: str) -> str:\n    \"\"\"Return a greeting.\"\"\"\n    return 'hi ' + name\n",
    )
    .unwrap();
    let util = uri(&root.path().join("pkg/util.py").display().to_string());
    let main = uri(&root.path().join("main.py").display().to_string());
    (root, util, main)
}

const MAIN: &str = "from pkg.util import greet\nimport os\n\n# é😀\nmessage = greet('é😀')\ncwd = os.getcwd()\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_shows_the_type_and_the_docstring() {
    let (root, _util, main) = workspace();
    let mut client = TestClient::start_in(root.path(), json!({}), Value::Null).await;
    client.notify("textDocument/didOpen", open(&main, MAIN)).await;
    let hover = client.request("textDocument/hover", at(&main, 4, 11)).await;
    let contents = hover["result"]["contents"]["value"].as_str().unwrap();
    assert_eq!(hover["result"]["contents"]["kind"], "markdown");
    assert!(contents.contains("def greet(name: str) -> str"), "{contents}");
    assert!(contents.contains("Return a greeting."), "{contents}");
    assert_eq!(hover["result"]["range"], json!({"start": {"line": 4, "character": 10}, "end": {"line": 4, "character": 15}}));

    let nothing = client.request("textDocument/hover", at(&main, 3, 2)).await;
    assert_eq!(nothing["result"], Value::Null, "a comment has no type");
    let far = client.request("textDocument/hover", at(&main, 400, 0)).await;
    assert_eq!(far["result"], Value::Null);
    let closed = client.request("textDocument/hover", at(&uri("/nowhere/none.py"), 0, 0)).await;
    assert_eq!(closed["result"], Value::Null);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_jumps_across_modules_and_into_the_standard_library() {
    let (root, util, main) = workspace();
    let mut client = TestClient::start_in(root.path(), json!({}), Value::Null).await;
    client.notify("textDocument/didOpen", open(&main, MAIN)).await;
    let local = client.request("textDocument/definition", at(&main, 4, 12)).await;
    assert_eq!(local["result"], json!([{"uri": util, "range": {"start": {"line": 0, "character": 4}, "end": {"line": 0, "character": 9}}}]));

    let stdlib = client.request("textDocument/definition", at(&main, 5, 10)).await;
    let location = &stdlib["result"][0];
    let target = location["uri"].as_str().unwrap();
    assert!(target.contains("/pytc/typeshed-") && target.ends_with("/stdlib/os/__init__.pyi"), "{target}");
    let path = target.strip_prefix("file://").unwrap();
    let stub = std::fs::read_to_string(path).unwrap();
    assert!(std::fs::metadata(path).unwrap().permissions().readonly());
    let line = location["range"]["start"]["line"].as_u64().unwrap() as usize;
    assert!(stub.lines().nth(line).unwrap().contains("def getcwd"), "{}", stub.lines().nth(line).unwrap());

    // The written stub opens as the embedded one: navigation goes on from inside it.
    client.notify("textDocument/didOpen", open(target, &stub)).await;
    let character = stub.lines().nth(line).unwrap().rfind("str").unwrap() as u32;
    let inside = client.request("textDocument/definition", at(target, line as u32, character)).await;
    let builtins = inside["result"][0]["uri"].as_str().unwrap_or_default();
    assert!(builtins.contains("/pytc/typeshed-") && builtins.ends_with("/stdlib/builtins.pyi"), "{inside}");
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": target}})).await;
    assert!(report["result"]["items"].is_array(), "{report}");
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn inlay_hints_show_inferred_types_in_the_range() {
    let (root, _util, main) = workspace();
    let mut client = TestClient::start_in(root.path(), json!({}), Value::Null).await;
    client.notify("textDocument/didOpen", open(&main, MAIN)).await;
    let whole = json!({"start": {"line": 0, "character": 0}, "end": {"line": 6, "character": 0}});
    let hints = client.request("textDocument/inlayHint", json!({"textDocument": {"uri": main}, "range": whole})).await;
    let hints = hints["result"].as_array().unwrap().clone();
    let message = hints.iter().find(|hint| hint["position"]["line"] == 4).expect("a hint for `message`");
    assert_eq!(message["position"]["character"], 7);
    assert_eq!(message["label"], ": str");
    assert_eq!(message["kind"], 1);
    let first_line = json!({"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}});
    let none = client.request("textDocument/inlayHint", json!({"textDocument": {"uri": main}, "range": first_line})).await;
    assert_eq!(none["result"], json!([]));
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editing_a_dependency_rechecks_the_files_that_import_it() {
    let (root, util, main) = workspace();
    let mut client = TestClient::start_in(root.path(), json!({}), Value::Null).await;
    client.notify("textDocument/didOpen", open(&main, "from pkg.util import greet\n\ngreet(1)\n")).await;
    let before = client.published(&main, 1).await;
    assert_eq!(before.len(), 1, "an int is not a str: {before:?}");

    let util_text = std::fs::read_to_string(root.path().join("pkg/util.py")).unwrap();
    client.notify("textDocument/didOpen", open(&util, &util_text)).await;
    let change = json!({
        "textDocument": {"uri": util, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 0, "character": 16}, "end": {"line": 0, "character": 19}}, "text": "int"}],
    });
    client.notify("textDocument/didChange", change).await;
    // main.py is unchanged (still version 1), but what it imports changed.
    let after = client
        .notification("textDocument/publishDiagnostics", |params| params["uri"] == main.as_str() && params["diagnostics"] == json!([]))
        .await;
    assert_eq!(after["version"], 1);
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_created_module_resolves_once_the_client_reports_it() {
    let (root, _util, main) = workspace();
    // A client that watches files: the server registers its watchers and does not poll.
    let watching = json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}});
    let mut client = TestClient::start_in(root.path(), watching, Value::Null).await;
    let registration = client.notification("client/registerCapability", |_| true).await;
    let watchers = &registration["registrations"][0]["registerOptions"]["watchers"];
    let patterns: Vec<&str> = watchers.as_array().unwrap().iter().map(|watcher| watcher["globPattern"].as_str().unwrap()).collect();
    assert_eq!(patterns, ["**/*.py", "**/*.pyi", "**/pyproject.toml", "**/pytc.toml"]);
    client.notify("textDocument/didOpen", open(&main, "import pkg.helper\n")).await;
    let diagnostics = client.published(&main, 1).await;
    assert_eq!(diagnostics[0]["code"], "unresolved-import");
    std::fs::write(root.path().join("pkg/helper.py"), "VALUE = 1\n").unwrap();
    let created = uri(&root.path().join("pkg/helper.py").display().to_string());
    client.notify("workspace/didChangeWatchedFiles", json!({"changes": [{"uri": created, "type": 1}]})).await;
    client
        .notification("textDocument/publishDiagnostics", |params| params["uri"] == main.as_str() && params["diagnostics"] == json!([]))
        .await;
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_interpreter_setting_makes_site_packages_importable_and_navigable() {
    let root = tempfile::tempdir().unwrap();
    let venv = root.path().join("env");
    let site_packages = venv.join("lib/python3.12/site-packages/extpkg");
    std::fs::create_dir_all(&site_packages).unwrap();
    std::fs::create_dir_all(venv.join("bin")).unwrap();
    std::fs::write(venv.join("bin/python"), "").unwrap();
    std::fs::write(venv.join("pyvenv.cfg"), "home = /usr/bin\nversion = 3.12.1\n").unwrap();
    std::fs::write(site_packages.join("__init__.py"), "def installed() -> int:\n    return 1\n").unwrap();
    let main = uri(&root.path().join("main.py").display().to_string());
    let text = "from extpkg import installed\n\ninstalled()\n";

    // Without the setting the package is not found ...
    let mut client = TestClient::start_in(root.path(), json!({}), Value::Null).await;
    client.notify("textDocument/didOpen", open(&main, text)).await;
    assert_eq!(client.published(&main, 1).await[0]["code"], "unresolved-import");
    client.stop().await;

    // ... with it, it resolves and go to definition lands in site-packages.
    let options = json!({"interpreterPath": venv.join("bin/python")});
    let mut client = TestClient::start_in(root.path(), json!({}), options).await;
    client.notify("textDocument/didOpen", open(&main, text)).await;
    assert_eq!(client.published(&main, 1).await, Vec::<Value>::new());
    let definition = client.request("textDocument/definition", at(&main, 2, 2)).await;
    let target = uri(&site_packages.join("__init__.py").display().to_string());
    assert_eq!(definition["result"][0]["uri"], target.as_str());
    assert_eq!(definition["result"][0]["range"]["start"], json!({"line": 0, "character": 4}));
    client.stop().await;

    // A relative path is relative to the workspace folder, and may name the environment.
    let mut client = TestClient::start_in(root.path(), json!({}), json!({"interpreterPath": "env"})).await;
    client.notify("textDocument/didOpen", open(&main, text)).await;
    assert_eq!(client.published(&main, 1).await, Vec::<Value>::new());
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_cannot_watch_files_still_sees_changes_on_disk() {
    let (root, _util, main) = workspace();
    // The client offers no `didChangeWatchedFiles` and sends no file events: the server
    // looks at what it read from disk itself.
    let mut client = TestClient::start_in(root.path(), json!({}), Value::Null).await;
    client.notify("textDocument/didOpen", open(&main, "from pkg.util import greet\nimport pkg.helper\n\ngreet(1)\n")).await;
    let codes = |diagnostics: &Value| -> Vec<String> {
        diagnostics.as_array().unwrap().iter().map(|diagnostic| diagnostic["code"].as_str().unwrap().to_string()).collect()
    };
    let before = client.published(&main, 1).await;
    assert_eq!(before.len(), 2, "{before:?}");
    assert_eq!(before[0]["code"], "unresolved-import");

    // A module changed on disk: `greet` now takes an int.
    std::fs::write(root.path().join("pkg/util.py"), "def greet(name: int) -> str:\n    return 'hi'\n").unwrap();
    client
        .notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == main.as_str() && codes(&params["diagnostics"]) == ["unresolved-import"]
        })
        .await;
    // A module created on disk: the import resolves.
    std::fs::write(root.path().join("pkg/helper.py"), "VALUE = 1\n").unwrap();
    client
        .notification("textDocument/publishDiagnostics", |params| params["uri"] == main.as_str() && params["diagnostics"] == json!([]))
        .await;
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_module_open_in_the_editor_but_not_saved_is_importable() {
    let (root, _util, main) = workspace();
    let mut client = TestClient::start_in(root.path(), json!({}), Value::Null).await;
    client.notify("textDocument/didOpen", open(&main, "from pkg.fresh import VALUE\n\nx: str = VALUE\n")).await;
    assert_eq!(client.published(&main, 1).await[0]["code"], "unresolved-import");
    // The user creates pkg/fresh.py in the editor and has not written it yet.
    let fresh = uri(&root.path().join("pkg/fresh.py").display().to_string());
    client.notify("textDocument/didOpen", open(&fresh, "VALUE = 'text'\n")).await;
    client
        .notification("textDocument/publishDiagnostics", |params| params["uri"] == main.as_str() && params["diagnostics"] == json!([]))
        .await;
    // Closed without saving, it is gone again.
    client.notify("textDocument/didClose", json!({"textDocument": {"uri": fresh}})).await;
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": main}})).await;
    assert_eq!(report["result"]["items"][0]["code"], "unresolved-import");
    client.stop().await;
}

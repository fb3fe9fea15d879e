//! Protocol tests of multi-root workspaces: each file is checked with the configuration and
//! editor settings of the innermost workspace folder that contains it, and adding or
//! removing folders moves files between them.

mod support;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};
use support::{TestClient, folder_uri, uri};

/// `import tomllib` needs Python 3.11; `x = (` is a syntax error whose level each folder sets.
const TEXT: &str = "import tomllib\nx = (\n";

/// Three folders: `alpha` (Python 3.10, syntax errors are warnings), `beta` (syntax errors
/// are information) and `beta/inner` (syntax errors are ignored).
struct Workspace {
    _temporary: tempfile::TempDir,
    alpha: PathBuf,
    beta: PathBuf,
    inner: PathBuf,
}

fn workspace() -> Workspace {
    let temporary = tempfile::tempdir().unwrap();
    let alpha = temporary.path().join("alpha");
    let beta = temporary.path().join("beta");
    let inner = beta.join("inner");
    std::fs::create_dir_all(&alpha).unwrap();
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(alpha.join("pytc.toml"), "python-version = \"3.10\"\n[rules]\ninvalid-syntax = \"warn\"\n").unwrap();
    std::fs::write(beta.join("pyproject.toml"), "[tool.pytc.rules]\ninvalid-syntax = \"info\"\n").unwrap();
    std::fs::write(inner.join("pytc.toml"), "[rules]\ninvalid-syntax = \"ignore\"\n").unwrap();
    Workspace { _temporary: temporary, alpha, beta, inner }
}

fn file_in(folder: &Path) -> String {
    uri(&folder.join("module.py").display().to_string())
}

fn open(uri: &str) -> Value {
    json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": TEXT}})
}

fn folder(path: &Path) -> Value {
    json!({"uri": folder_uri(path), "name": "folder"})
}

/// The rule and severity of each diagnostic, sorted.
fn summary(diagnostics: &Value) -> Vec<(String, i64)> {
    let mut found: Vec<(String, i64)> = diagnostics
        .as_array()
        .unwrap()
        .iter()
        .map(|diagnostic| (diagnostic["code"].as_str().unwrap().to_string(), diagnostic["severity"].as_i64().unwrap()))
        .collect();
    found.sort();
    found
}

async fn pulled(client: &mut TestClient, uri: &str) -> Vec<(String, i64)> {
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await;
    summary(&report["result"]["items"])
}

fn expected(entries: &[(&str, i64)]) -> Vec<(String, i64)> {
    entries.iter().map(|(rule, severity)| (rule.to_string(), *severity)).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_file_is_checked_with_the_settings_of_its_innermost_folder() {
    let workspace = workspace();
    let roots = [workspace.alpha.as_path(), workspace.beta.as_path(), workspace.inner.as_path()];
    let mut client = TestClient::start_with_folders(&roots, json!({}), Value::Null, HashMap::new()).await;
    let (in_alpha, in_beta, in_inner) = (file_in(&workspace.alpha), file_in(&workspace.beta), file_in(&workspace.inner));
    for uri in [&in_alpha, &in_beta, &in_inner] {
        client.notify("textDocument/didOpen", open(uri)).await;
    }
    // Python 3.10 has no tomllib; the other folders check against the latest version.
    assert_eq!(pulled(&mut client, &in_alpha).await, expected(&[("invalid-syntax", 2), ("unresolved-import", 1)]));
    assert_eq!(pulled(&mut client, &in_beta).await, expected(&[("invalid-syntax", 3)]));
    assert_eq!(pulled(&mut client, &in_inner).await, expected(&[]));
    // Pushed diagnostics use the same folders.
    assert_eq!(summary(&json!(client.published(&in_beta, 1).await)), expected(&[("invalid-syntax", 3)]));

    // Without `beta`, its file falls to the first folder; `inner` still owns its own.
    let removed = json!({"event": {"added": [], "removed": [folder(&workspace.beta)]}});
    client.notify("workspace/didChangeWorkspaceFolders", removed).await;
    assert_eq!(pulled(&mut client, &in_beta).await, expected(&[("invalid-syntax", 2), ("unresolved-import", 1)]));
    assert_eq!(pulled(&mut client, &in_inner).await, expected(&[]));

    let added = json!({"event": {"added": [folder(&workspace.beta)], "removed": [folder(&workspace.inner)]}});
    client.notify("workspace/didChangeWorkspaceFolders", added).await;
    assert_eq!(pulled(&mut client, &in_beta).await, expected(&[("invalid-syntax", 3)]));
    assert_eq!(pulled(&mut client, &in_inner).await, expected(&[("invalid-syntax", 3)]), "beta is now innermost");
    assert_eq!(pulled(&mut client, &in_alpha).await, expected(&[("invalid-syntax", 2), ("unresolved-import", 1)]));
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn settings_scoped_to_a_folder_apply_only_there() {
    let workspace = workspace();
    let configuration = HashMap::from([
        (String::new(), json!({})),
        (folder_uri(&workspace.alpha), json!({"pythonVersion": "3.12", "rules": {"invalid-syntax": "error"}})),
        (folder_uri(&workspace.beta), json!({"rules": {"invalid-syntax": "ignore"}})),
    ]);
    let capabilities = json!({"workspace": {"configuration": true, "workspaceFolders": true}});
    let mut client = TestClient::start_with_folders(&[workspace.alpha.as_path()], capabilities, Value::Null, configuration).await;
    let (in_alpha, in_beta) = (file_in(&workspace.alpha), file_in(&workspace.beta));
    client.notify("textDocument/didOpen", open(&in_alpha)).await;
    // The settings scoped to alpha win over its pytc.toml (3.12 has tomllib).
    let settled = client
        .notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == in_alpha.as_str() && summary(&params["diagnostics"]) == expected(&[("invalid-syntax", 1)])
        })
        .await;
    assert_eq!(settled["version"], 1);

    // A folder added later gets its own scoped settings too.
    client.notify("textDocument/didOpen", open(&in_beta)).await;
    let added = json!({"event": {"added": [folder(&workspace.beta)], "removed": []}});
    client.notify("workspace/didChangeWorkspaceFolders", added).await;
    client
        .notification("textDocument/publishDiagnostics", |params| {
            params["uri"] == in_beta.as_str() && summary(&params["diagnostics"]) == expected(&[])
        })
        .await;
    assert_eq!(pulled(&mut client, &in_alpha).await, expected(&[("invalid-syntax", 1)]), "alpha keeps its settings");
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_installed_package_opened_from_a_folder_is_checked_in_that_folder_s_environment() {
    let workspace = workspace();
    // beta's environment, outside both folders, has `extpkg`, which imports `extdep` from
    // the same environment.
    let environment = workspace.alpha.parent().unwrap().join("env");
    let site_packages = environment.join("lib/python3.12/site-packages");
    std::fs::create_dir_all(site_packages.join("extpkg")).unwrap();
    std::fs::create_dir_all(environment.join("bin")).unwrap();
    std::fs::write(environment.join("bin/python"), "").unwrap();
    std::fs::write(environment.join("pyvenv.cfg"), "home = /usr/bin\nversion = 3.12.1\n").unwrap();
    std::fs::write(site_packages.join("extpkg/__init__.py"), "from extdep import VALUE\n").unwrap();
    std::fs::write(site_packages.join("extdep.py"), "VALUE = 1\n").unwrap();
    std::fs::write(workspace.beta.join("pyproject.toml"), "[tool.pytc]\npython = \"../env\"\n").unwrap();

    let roots = [workspace.alpha.as_path(), workspace.beta.as_path()];
    let mut client = TestClient::start_with_folders(&roots, json!({}), Value::Null, HashMap::new()).await;
    let main = uri(&workspace.beta.join("main.py").display().to_string());
    let text = json!({"textDocument": {"uri": main, "languageId": "python", "version": 1, "text": "import extpkg\n"}});
    client.notify("textDocument/didOpen", text).await;
    assert_eq!(pulled(&mut client, &main).await, expected(&[]));

    // The package lies outside both folders; beta's imports reached it, so beta checks it.
    let package = site_packages.join("extpkg/__init__.py");
    let package_uri = uri(&package.display().to_string());
    let text = std::fs::read_to_string(&package).unwrap();
    let opened = json!({"textDocument": {"uri": package_uri, "languageId": "python", "version": 1, "text": text}});
    client.notify("textDocument/didOpen", opened).await;
    assert_eq!(pulled(&mut client, &package_uri).await, expected(&[]), "extdep resolves in beta's environment");
    assert_eq!(summary(&json!(client.published(&package_uri, 1).await)), expected(&[]));

    // A file no folder's imports reached belongs to the first folder.
    let stray = uri("/nowhere/stray.py");
    let text = json!({"textDocument": {"uri": stray, "languageId": "python", "version": 1, "text": "import extdep\n"}});
    client.notify("textDocument/didOpen", text).await;
    assert_eq!(pulled(&mut client, &stray).await, expected(&[("unresolved-import", 1)]));
    client.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_unsaved_edit_in_one_folder_reaches_the_folders_that_import_it() {
    let workspace = workspace();
    let roots = [workspace.alpha.as_path(), workspace.beta.as_path()];
    let mut client = TestClient::start_with_folders(&roots, json!({}), Value::Null, HashMap::new()).await;
    let library = uri(&workspace.alpha.join("library.py").display().to_string());
    let user = uri(&workspace.beta.join("user.py").display().to_string());
    let open_with = |uri: &str, text: &str| json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": text}});
    std::fs::write(workspace.alpha.join("library.py"), "def make() -> int:\n    return 1\n").unwrap();
    client.notify("textDocument/didOpen", open_with(&library, "def make() -> int:\n    return 1\n")).await;
    client.notify("textDocument/didOpen", open_with(&user, "from library import make\n\nx: str = make()\n")).await;
    let before = client.published(&user, 1).await;
    assert_eq!(before.len(), 1, "an int is not a str: {before:?}");

    let change = json!({
        "textDocument": {"uri": library, "version": 2},
        "contentChanges": [{"range": {"start": {"line": 0, "character": 14}, "end": {"line": 0, "character": 17}}, "text": "str"}],
    });
    client.notify("textDocument/didChange", change).await;
    // The edit is not saved: beta sees it through the editor's text.
    client
        .notification("textDocument/publishDiagnostics", |params| params["uri"] == user.as_str() && params["diagnostics"] == json!([]))
        .await;
    client.stop().await;
}

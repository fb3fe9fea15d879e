//! A chaos test of the language server: a seeded, bounded stream of valid and invalid
//! messages (edits with random ranges, stale and out-of-order versions, requests at random
//! positions, cancellations, malformed frames that carry edits which must be lost), after
//! which the diagnostics the server gives for the document must equal a fresh check of the
//! text the edits that counted produced, done as `pytc check` does it.

mod support;

use pytc_db::{Files, line_index, source_text};
use pytc_project::{Overrides, Project, check_files};
use serde_json::{Value, json};
use support::{TestClient, folder_uri};

/// xorshift64*: the same seed makes the same messages.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, bound: usize) -> usize {
        (self.next() % bound as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What edits insert: pieces of Python, whole and broken (ASCII, so UTF-16 positions are
/// byte columns; no `\r`, so lines end only at `\n`).
const PIECES: &[&str] = &[
    "x",
    "y = 1\n",
    "(",
    ")",
    "[",
    "]",
    ":",
    "\n",
    "    ",
    "'",
    "\"\"\"",
    "# c\n",
    "def f(a: int) -> str:\n    return a\n",
    "import os\n",
    "from typing import reveal_type\n",
    "reveal_type(x)\n",
    "class C:\n    z: int = 'no'\n",
    "x: int = 'a'\n",
    "if x:\n",
    "lambda: ",
    "1 + ",
    "os.path.join(",
    ".",
    "os.",
    "from os import ",
    "import o",
    "async ",
    "await y\n",
    "@",
    "f(",
    ", ",
    "*",
    "return\n",
    "",
];

/// The client's copy of the document, edited as the server edits its own.
struct Model {
    text: String,
}

impl Model {
    /// The byte offset of a position, clamped as LSP servers clamp.
    fn offset(&self, line: usize, character: usize) -> usize {
        let mut start = 0;
        for _ in 0..line {
            match self.text[start..].find('\n') {
                Some(newline) => start += newline + 1,
                None => return self.text.len(),
            }
        }
        let end = self.text[start..].find('\n').map_or(self.text.len(), |newline| start + newline);
        (start + character).min(end)
    }

    fn lines(&self) -> usize {
        self.text.matches('\n').count() + 1
    }

    /// A random range: mostly a few characters of one line, sometimes lines apart, some
    /// past the end of the text.
    fn random_range(&self, rng: &mut Rng) -> [[usize; 2]; 2] {
        let position = |rng: &mut Rng| [rng.below(self.lines() + 2), rng.below(40)];
        let a = position(rng);
        let b = if rng.below(4) == 0 { position(rng) } else { [a[0], a[1] + rng.below(4)] };
        if self.offset(a[0], a[1]) <= self.offset(b[0], b[1]) { [a, b] } else { [b, a] }
    }

    fn apply(&mut self, range: [[usize; 2]; 2], text: &str) {
        let (start, end) = (self.offset(range[0][0], range[0][1]), self.offset(range[1][0], range[1][1]));
        self.text.replace_range(start..end, text);
    }
}

fn change(uri: &str, version: i64, range: Option<[[usize; 2]; 2]>, text: &str) -> Value {
    let change = match range {
        Some(r) => json!({
            "range": {"start": {"line": r[0][0], "character": r[0][1]}, "end": {"line": r[1][0], "character": r[1][1]}},
            "text": text,
        }),
        None => json!({"text": text}),
    };
    json!({"jsonrpc": "2.0", "method": "textDocument/didChange",
           "params": {"textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
}

/// `message` framed in one of the broken ways a client or a pipe can break a frame; the
/// server must lose it and find the next message.
fn broken_frame(message: &Value, rng: &mut Rng) -> Vec<u8> {
    let body = message.to_string();
    let framed = match rng.below(6) {
        0 => format!("Content-Length: {}\r\n\r\n{body}", body.len() - 10),
        1 => format!("Content-Length: {}\r\n\r\n{body}", body.len() + 7),
        2 => format!("Content-Length: -{}\r\n\r\n{body}", body.len()),
        3 => format!("Content-Length: {}x\r\n\r\n{body}", body.len()),
        4 => body,
        _ => format!("Content-Type: text/plain\r\n\r\n{body}"),
    };
    framed.into_bytes()
}

/// The diagnostics `pytc check` gives for `text` as a file of a fresh project, as
/// (line, character, rule, message), 0-based like LSP.
fn fresh_check(text: &str) -> Vec<(u64, u64, String, String)> {
    let folder = tempfile::tempdir().unwrap();
    let path = folder.path().join("chaos.py");
    std::fs::write(&path, text).unwrap();
    let project = Project::discover_from(folder.path(), &[path.clone()], &Overrides::default()).unwrap();
    let (mut db, _) = project.open_database().unwrap();
    let file = Files::system(&db, &project.python_files().unwrap().files[0]);
    let results = check_files(&mut db, &[file], &project.rule_levels, &|_| {});
    let index = line_index(&db, file);
    let source = source_text(&db, file);
    results[0]
        .diagnostics
        .iter()
        .map(|diagnostic| {
            let at = index.line_column(diagnostic.range.start(), source);
            (
                at.line.get() as u64 - 1,
                at.column.get() as u64 - 1,
                diagnostic.rule.to_string(),
                diagnostic.message.clone(),
            )
        })
        .collect()
}

fn served(diagnostics: &[Value]) -> Vec<(u64, u64, String, String)> {
    diagnostics
        .iter()
        .map(|diagnostic| {
            let start = &diagnostic["range"]["start"];
            (
                start["line"].as_u64().unwrap(),
                start["character"].as_u64().unwrap(),
                diagnostic["code"].as_str().unwrap().to_string(),
                // The message's first line: the server puts the notes (`searched: ...`) below it.
                diagnostic["message"].as_str().unwrap().lines().next().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

/// An answer is a result, or the error of a request overtaken by an edit or cancelled; never
/// an internal error.
fn assert_answered(answer: &Value, what: &str) {
    if let Some(error) = answer.get("error") {
        assert!([-32801, -32800].contains(&error["code"].as_i64().unwrap()), "{what}: {answer}");
    }
}

async fn chaos(seed: u64, steps: usize) {
    let folder = tempfile::tempdir().unwrap();
    let capabilities = json!({
        "textDocument": {"diagnostic": {"dynamicRegistration": false}},
        "workspace": {"diagnostics": {"refreshSupport": true}},
    });
    let mut client = TestClient::start_in(folder.path(), capabilities, Value::Null).await;
    let uri = format!("{}/chaos.py", folder_uri(folder.path()));
    let mut rng = Rng(seed | 1);
    let mut model = Model { text: "import os\nx: int = 1\ndef f(a: str) -> int:\n    return len(a)\n".to_string() };
    client
        .notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "python", "version": 1, "text": model.text}}),
        )
        .await;
    let mut version = 1;
    let mut next_id = 10_000;
    for step in 0..steps {
        let what = format!("seed {seed} step {step}");
        match rng.below(10) {
            0..=3 => {
                version += 1 + rng.below(2) as i64;
                let range = model.random_range(&mut rng);
                let text = (0..1 + rng.below(3)).map(|_| *rng.pick(PIECES)).collect::<String>();
                client.send(change(&uri, version, Some(range), &text)).await;
                model.apply(range, &text);
            }
            4 => {
                // Out of order: the later version first; the earlier one arrives stale.
                let range = model.random_range(&mut rng);
                let text = rng.pick(PIECES).to_string();
                client.send(change(&uri, version + 2, Some(range), &text)).await;
                client.send(change(&uri, version + 1, Some(model.random_range(&mut rng)), "((((")).await;
                model.apply(range, &text);
                version += 2;
            }
            5 => {
                if rng.below(4) == 0 {
                    version += 1;
                    let text = format!("{}{}", model.text, rng.pick(PIECES));
                    client.send(change(&uri, version, None, &text)).await;
                    model.text = text;
                } else {
                    // A stale version: ignored.
                    client.send(change(&uri, version - rng.below(3) as i64, None, "garbage (((")).await;
                }
            }
            6 | 7 => {
                let method = *rng.pick(&[
                    "textDocument/hover",
                    "textDocument/definition",
                    "textDocument/inlayHint",
                    "textDocument/signatureHelp",
                    "textDocument/documentSymbol",
                    "textDocument/completion",
                    "textDocument/references",
                    "textDocument/documentHighlight",
                    "textDocument/typeDefinition",
                ]);
                let line = rng.below(model.lines() + 2);
                let character = rng.below(30);
                let params = if method == "textDocument/references" {
                    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}, "context": {"includeDeclaration": true}})
                } else if method == "textDocument/inlayHint" {
                    json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": line, "character": character}}})
                } else {
                    json!({"textDocument": {"uri": uri}, "position": {"line": line, "character": character}})
                };
                assert_answered(&client.request(method, params).await, &what);
            }
            8 => {
                next_id += 1;
                let id = next_id;
                let position = json!({"line": rng.below(model.lines()), "character": rng.below(20)});
                client
                    .send(json!({"jsonrpc": "2.0", "id": id, "method": "textDocument/hover",
                                   "params": {"textDocument": {"uri": uri}, "position": position}}))
                    .await;
                client.notify("$/cancelRequest", json!({"id": id})).await;
                assert_answered(&client.response_to(json!(id)).await, &what);
            }
            _ => {
                // An edit in a broken frame is lost, never applied.
                let lost = change(&uri, version + 1, Some([[0, 0], [0, 0]]), "lost = (");
                client.send_raw(&broken_frame(&lost, &mut rng)).await;
                let answer = client
                    .request(
                        "textDocument/hover",
                        json!({"textDocument": {"uri": uri}, "position": {"line": 0, "character": 0}}),
                    )
                    .await;
                assert_answered(&answer, &what);
            }
        }
    }
    let report = client.request("textDocument/diagnostic", json!({"textDocument": {"uri": uri}})).await;
    assert_eq!(report["result"]["kind"], "full", "seed {seed}: {report}");
    let mut got = served(report["result"]["items"].as_array().unwrap());
    let mut expected = fresh_check(&model.text);
    got.sort();
    expected.sort();
    assert_eq!(got, expected, "seed {seed}: the final text was\n{}", model.text);
    assert!(client.stop().await);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn after_chaos_the_diagnostics_equal_a_fresh_check() {
    for seed in [1, 2_026, 777_777, 31_337] {
        chaos(seed, 250).await;
    }
}

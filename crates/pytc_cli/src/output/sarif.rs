//! `sarif`: one SARIF 2.1.0 log (OASIS Static Analysis Results Interchange Format) for code
//! scanning tools. The run's driver lists every rule with its summary and documentation, so a
//! viewer can explain a result without pytc; results point at their rule by id and index.
//! A diagnostic's notes are more lines of its message.
//! Paths relative to the current directory are relative to `%SRCROOT%`, which the log defines.

use std::io::{self, Write};
use std::path::Path;

use pytc_db::{Level, Rule, Severity, all_rules};
use serde_json::{Value, json};

use super::Located;
use crate::rules_command::rule_docs;

/// The schema the log declares.
const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

pub fn print(out: &mut dyn Write, located: &[Located], cwd: &Path) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &log(located, cwd))?;
    writeln!(out)
}

fn log(located: &[Located], cwd: &Path) -> Value {
    let rules = all_rules();
    let results: Vec<Value> = located.iter().map(|item| result(item, &rules)).collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "pytc",
                    "version": env!("CARGO_PKG_VERSION"),
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "rules": rules.iter().map(|rule| descriptor(rule)).collect::<Vec<_>>(),
                }
            },
            "originalUriBaseIds": { "%SRCROOT%": { "uri": directory_uri(cwd) } },
            // Columns count characters, as in every other output format.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    })
}

/// A rule's `reportingDescriptor`: id, summary, documentation and default level.
fn descriptor(rule: &Rule) -> Value {
    let docs = rule_docs(rule);
    json!({
        "id": rule.name,
        "shortDescription": { "text": rule.summary },
        "fullDescription": { "text": docs },
        "help": { "text": docs, "markdown": docs },
        "defaultConfiguration": {
            "level": match rule.default_level {
                Level::Error => "error",
                Level::Warn => "warning",
                Level::Info => "note",
                Level::Ignore => "none",
            },
            "enabled": rule.default_level != Level::Ignore,
        },
    })
}

fn result(item: &Located, rules: &[&Rule]) -> Value {
    let diagnostic = item.diagnostic;
    // The notes (where pytc looked, related facts) are more lines of the message, as the
    // other formats show them under it.
    let mut message = diagnostic.message.clone();
    for note in &diagnostic.notes {
        message.push_str("\n");
        message.push_str(&note.message);
    }
    let mut result = json!({
        "ruleId": diagnostic.rule,
        "level": match diagnostic.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "note",
        },
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": artifact_location(&item.path),
                "region": {
                    "startLine": item.line,
                    "startColumn": item.column,
                    "endLine": item.end_line,
                    "endColumn": item.end_column,
                }
            }
        }],
    });
    if let Some(index) = rules.iter().position(|rule| rule.name == diagnostic.rule) {
        result["ruleIndex"] = json!(index);
    }
    result
}

/// A displayed path as an artifact location: relative ones against `%SRCROOT%`, absolute ones
/// (outside the current directory) as `file` URIs; virtual paths as they are.
fn artifact_location(path: &str) -> Value {
    let as_path = Path::new(path);
    if as_path.is_absolute() {
        json!({ "uri": file_uri(as_path) })
    } else {
        json!({ "uri": encode_path(path), "uriBaseId": "%SRCROOT%" })
    }
}

fn file_uri(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let text = if text.starts_with('/') { text } else { format!("/{text}") };
    format!("file://{}", encode_path(&text))
}

/// The current directory as a URI ending in `/`, as SARIF requires of a base.
fn directory_uri(cwd: &Path) -> String {
    let uri = file_uri(cwd);
    if uri.ends_with('/') { uri } else { format!("{uri}/") }
}

/// Percent-encode everything in a path but unreserved characters and `/` (RFC 3986).
fn encode_path(path: &str) -> String {
    let mut encoded = String::with_capacity(path.len());
    for byte in path.replace('\\', "/").bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            encoded.push(char::from(byte));
        } else {
            encoded.push_str(&format!("%{byte:02X}"));
        }
    }
    encoded
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_encoded_uris() {
        assert_eq!(encode_path("src/my file é.py"), "src/my%20file%20%C3%A9.py");
        assert_eq!(artifact_location("a/b.py"), json!({"uri": "a/b.py", "uriBaseId": "%SRCROOT%"}));
        assert_eq!(file_uri(Path::new("/tmp/x y/a.py")), "file:///tmp/x%20y/a.py");
        assert_eq!(directory_uri(Path::new("/work/p")), "file:///work/p/");
    }
}

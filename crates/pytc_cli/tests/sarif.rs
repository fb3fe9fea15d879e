//! `--output-format sarif`: the log validates against the SARIF 2.1.0 schema (vendored in
//! `tests/sarif/`), every result names its rule by id and index, regions and URIs point at
//! the diagnostic, and each rule carries its summary, documentation and default level.

use std::path::Path;

use serde_json::Value;

const SCHEMA: &str = include_str!("sarif/sarif-schema-2.1.0.json");

/// The language-tag pattern of the schema (`run.language`, `toolComponent.language`) has a
/// stray `]` (`...-[a-zA-Z]{2}]?$`) that a strict regex engine rejects; each copy is replaced
/// by the evident intent, a tag like `en-US`. pytc writes no `language`, so the replacement
/// cannot hide an error in its logs.
const BROKEN_LANGUAGE_PATTERN: &str = "^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$";

fn replace_language_patterns(value: &mut Value) -> usize {
    match value {
        Value::String(text) if text == BROKEN_LANGUAGE_PATTERN => {
            *text = "^[a-zA-Z]{2}(-[a-zA-Z]{2})?$".to_string();
            1
        }
        Value::Array(items) => items.iter_mut().map(replace_language_patterns).sum(),
        Value::Object(fields) => fields.values_mut().map(replace_language_patterns).sum(),
        _ => 0,
    }
}

fn validator() -> jsonschema::Validator {
    let mut schema: Value = serde_json::from_str(SCHEMA).unwrap();
    assert!(replace_language_patterns(&mut schema) > 0, "the vendored schema changed");
    jsonschema::draft4::new(&schema).unwrap()
}

fn pytc(dir: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pytc")).args(args).current_dir(dir).output().unwrap()
}

fn sarif_of(dir: &Path, extra: &[&str]) -> Value {
    let mut args = vec!["check", "--no-progress", "--output-format", "sarif"];
    args.extend_from_slice(extra);
    let output = pytc(dir, &args);
    assert_eq!(output.status.code(), Some(1), "{}", String::from_utf8_lossy(&output.stderr));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "the log is the whole output");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn assert_valid(log: &Value) {
    let errors: Vec<String> = validator().iter_errors(log).map(|error| format!("{error} at {}", error.instance_path())).collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn the_log_is_valid_sarif_with_rule_documentation() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("my pkg")).unwrap();
    std::fs::write(dir.path().join("my pkg/módulo.py"), "import os\nx: int = 'é'\nimport no_such_module\ny = (\n").unwrap();
    let log = sarif_of(dir.path(), &["--warn", "invalid-syntax"]);
    assert_valid(&log);

    assert_eq!(log["version"], "2.1.0");
    let run = &log["runs"][0];
    assert_eq!(run["tool"]["driver"]["name"], "pytc");
    assert_eq!(run["tool"]["driver"]["version"], env!("CARGO_PKG_VERSION"));
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let root_uri = run["originalUriBaseIds"]["%SRCROOT%"]["uri"].as_str().unwrap();
    assert!(root_uri.starts_with("file:///") && root_uri.ends_with('/'), "{root_uri}");

    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let results = run["results"].as_array().unwrap();
    let summary: Vec<(&str, &str, i64, i64)> = results
        .iter()
        .map(|result| {
            let region = &result["locations"][0]["physicalLocation"]["region"];
            (
                result["ruleId"].as_str().unwrap(),
                result["level"].as_str().unwrap(),
                region["startLine"].as_i64().unwrap(),
                region["startColumn"].as_i64().unwrap(),
            )
        })
        .collect();
    // The unclosed `(` is reported where the file ends, as a warning by `--warn`.
    assert_eq!(summary, [("invalid-assignment", "error", 2, 10), ("unresolved-import", "error", 3, 8), ("invalid-syntax", "warning", 5, 1)]);
    // A diagnostic's notes (here, where pytc looked) follow its message.
    let unresolved = results[1]["message"]["text"].as_str().unwrap();
    assert!(unresolved.starts_with("cannot find module `no_such_module`\nsearched: "), "{unresolved}");

    let assignment = &results[0];
    assert_eq!(assignment["message"]["text"], "Object of type `Literal[\"é\"]` is not assignable to `int`");
    assert_eq!(assignment["locations"][0]["physicalLocation"]["region"]["endColumn"], 13, "columns count characters");
    let location = &assignment["locations"][0]["physicalLocation"]["artifactLocation"];
    assert_eq!(location["uri"], "my%20pkg/m%C3%B3dulo.py");
    assert_eq!(location["uriBaseId"], "%SRCROOT%");
    for result in results {
        let index = result["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], result["ruleId"]);
    }

    // Each rule's documentation is the text of `pytc rules NAME`.
    let rule = rules.iter().find(|rule| rule["id"] == "invalid-assignment").unwrap();
    let explained = String::from_utf8(pytc(dir.path(), &["rules", "invalid-assignment"]).stdout).unwrap();
    let docs = rule["help"]["markdown"].as_str().unwrap();
    assert!(docs.len() > 40 && explained.contains(docs), "{docs}");
    assert_eq!(rule["help"]["text"], docs);
    assert_eq!(rule["shortDescription"]["text"], explained.lines().nth(2).unwrap());
    assert_eq!(rule["defaultConfiguration"]["level"], "error");
    let all_rules = String::from_utf8(pytc(dir.path(), &["rules"]).stdout).unwrap();
    // The checker's rules; the API-change rules of `pytc api diff` follow a blank line.
    let checker_rules = all_rules.split("\n\n").next().unwrap_or_default();
    assert_eq!(rules.len(), checker_rules.lines().count(), "every rule is described");
}

#[test]
fn a_clean_check_is_a_valid_empty_log_and_the_validator_rejects_a_broken_one() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("ok.py"), "x: int = 1\n").unwrap();
    let output = pytc(dir.path(), &["check", "--no-progress", "--output-format", "sarif"]);
    assert_eq!(output.status.code(), Some(0));
    let mut log: Value = serde_json::from_slice(&output.stdout).unwrap();
    assert_valid(&log);
    assert_eq!(log["runs"][0]["results"], serde_json::json!([]));

    // The schema check is real: a log without a version, or with an unknown level, fails it.
    log["runs"][0]["results"] = serde_json::json!([{"message": {"text": "m"}, "level": "fatal"}]);
    assert!(!validator().is_valid(&log));
    log.as_object_mut().unwrap().remove("version");
    assert!(!validator().is_valid(&log));
}

//! The calling code `pytc api diff` shows for breaking changes, checked from the outside:
//! for every version pair under `tests/api_diff/`, each example in the JSON output is
//! written to a file and checked with `pytc check` against the old version (no error) and
//! the new one (the error the example names). And the kinds of change that can always be
//! shown in code get an example.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/api_diff")
}

fn pytc(dir: &Path, args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pytc")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap())
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus()).unwrap().map(|entry| entry.unwrap().path()).filter(|path| path.is_dir()).collect();
    cases.sort();
    cases
}

/// Every change of the case's diff, as JSON.
fn changes(case: &Path) -> Vec<Value> {
    let (code, stdout) = pytc(case, &["api", "diff", "old/pkg", "new/pkg", "--output-format", "json"]);
    assert!(matches!(code, Some(0 | 1)), "{}: exit {code:?}", case.display());
    serde_json::from_str::<Vec<Value>>(&stdout).unwrap()
}

/// The concise diagnostics of `pytc check` on `code` with the package folder `root` importable.
fn check(root: &Path, code: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("example.py"), code).unwrap();
    let root = root.to_str().unwrap();
    let (_, stdout) = pytc(dir.path(), &["check", "--output-format", "concise", "--extra-path", root, "example.py"]);
    stdout
}

#[test]
fn every_example_checks_against_the_old_version_and_fails_against_the_new() {
    let mut seen = 0;
    for case in cases() {
        for change in changes(&case) {
            let Some(example) = change.get("example") else { continue };
            seen += 1;
            assert_eq!(change["bump"], "major", "an example for a change that breaks nothing: {change}");
            let code = example["code"].as_str().unwrap();
            let against_old = check(&case.join("old"), code);
            assert!(!against_old.contains("error["), "{}: the example fails against the old version:\n{code}\n{against_old}", case.display());
            let against_new = check(&case.join("new"), code);
            let message = example["new_error"].as_str().unwrap().split_once(": ").unwrap().1.rsplit_once(" [").unwrap().0;
            assert!(against_new.contains(message), "{}: against the new version `{message}` is not reported:\n{code}\n{against_new}", case.display());
        }
    }
    assert!(seen > 0, "no example in the whole corpus");
}

/// Changes every caller can run into, so their calling code always shows them.
const ALWAYS_SHOWN: &[&str] = &[
    "module-removed",
    "symbol-removed",
    "member-removed",
    "parameter-removed",
    "parameter-added-required",
    "parameter-made-required",
    "parameter-kind-changed",
    "parameter-type-narrowed",
    "return-type-widened",
    "attribute-type-changed",
    "class-made-final",
    "base-class-removed",
    "literal-value-removed",
    "enum-member-removed",
    "typed-dict-key-removed",
    "typed-dict-key-added-required",
    "typed-dict-key-type-changed",
    "typed-dict-key-read-only-changed",
];

#[test]
fn changes_callers_always_meet_come_with_an_example() {
    let mut missing = Vec::new();
    for case in cases() {
        for change in changes(&case) {
            let rule = change["rule"].as_str().unwrap();
            if ALWAYS_SHOWN.contains(&rule) && change.get("example").is_none() {
                missing.push(format!("{}: {rule} {}", case.file_name().unwrap().to_string_lossy(), change["message"]));
            }
        }
    }
    assert!(missing.is_empty(), "breaking changes without an example:\n{}", missing.join("\n"));
}

/// The concise format is one line per change: no example is computed or shown.
#[test]
fn the_concise_format_shows_no_code() {
    let case = corpus().join("signatures");
    let (_, stdout) = pytc(&case, &["api", "diff", "old/pkg", "new/pkg"]);
    assert!(!stdout.contains("def example"), "{stdout}");
    let (_, full) = pytc(&case, &["api", "diff", "old/pkg", "new/pkg", "--output-format", "full"]);
    assert!(full.contains("= this code type-checks against the old version:"), "{full}");
    assert!(full.contains("|       fetch(value, retries=value)"), "{full}");
}

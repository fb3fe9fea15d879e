//! The corpus of version pairs under `tests/api_diff/`: each case is a folder with
//! `old/pkg` and `new/pkg` (breaking and compatible changes side by side) and
//! `expected.txt`, the exact output of `pytc api diff old/pkg new/pkg` run in that folder.
//! Together the cases exercise every rule `pytc api rules` lists. The calling code the diff
//! shows for breaking changes is checked from the outside: each example in the JSON output is
//! written to a file and checked with `pytc check` against the old version (no error) and the
//! new one (the error the example names), and the kinds of change that can always be shown in
//! code get an example.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/api_diff")
}

fn pytc(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pytc")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

fn cases() -> Vec<PathBuf> {
    let mut cases: Vec<PathBuf> = std::fs::read_dir(corpus()).unwrap().map(|entry| entry.unwrap().path()).filter(|path| path.is_dir()).collect();
    cases.sort();
    cases
}

#[test]
fn every_case_reports_exactly_its_expected_findings() {
    let mut failures = Vec::new();
    for case in cases() {
        let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap();
        let (code, stdout, stderr) = pytc(&case, &["api", "diff", "old/pkg", "new/pkg"]);
        let breaking = stdout.lines().any(|line| line.contains(": major["));
        if stdout != expected || code != Some(i32::from(breaking)) || !stderr.is_empty() {
            failures.push(format!("{}: exit {code:?}\n--- expected\n{expected}--- actual\n{stdout}--- stderr\n{stderr}", case.display()));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_cases_cover_every_rule() {
    let (code, rules, _) = pytc(&corpus(), &["api", "rules"]);
    assert_eq!(code, Some(0));
    let expected: String = cases().iter().map(|case| std::fs::read_to_string(case.join("expected.txt")).unwrap()).collect();
    let uncovered: Vec<&str> = rules
        .lines()
        .filter_map(|line| line.split_whitespace().next())
        .filter(|rule| !expected.contains(&format!("[{rule}]")))
        .collect();
    assert!(uncovered.is_empty(), "rules no case exercises: {uncovered:?}");
}

/// Swapping old and new turns each breaking change into its compatible counterpart (or a
/// removal into an addition): the reverse diff of a case never panics and still classifies
/// every change.
#[test]
fn every_case_diffs_in_reverse() {
    for case in cases() {
        let (code, stdout, stderr) = pytc(&case, &["api", "diff", "new/pkg", "old/pkg"]);
        assert!(matches!(code, Some(0 | 1)), "{}: exit {code:?}\n{stderr}", case.display());
        assert!(stdout.lines().last().is_some_and(|line| line.contains(" changes, ")), "{}: {stdout}", case.display());
    }
}

/// Every change of the case's diff, as JSON.
fn changes(case: &Path) -> Vec<Value> {
    let (code, stdout, _) = pytc(case, &["api", "diff", "old/pkg", "new/pkg", "--output-format", "json"]);
    assert!(matches!(code, Some(0 | 1)), "{}: exit {code:?}", case.display());
    serde_json::from_str::<Vec<Value>>(&stdout).unwrap()
}

/// The concise diagnostics of `pytc check` on `code` with the package folder `root` importable.
fn check(root: &Path, code: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("example.py"), code).unwrap();
    let root = root.to_str().unwrap();
    let (_, stdout, _) = pytc(dir.path(), &["check", "--output-format", "concise", "--extra-path", root, "example.py"]);
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
    let (_, stdout, _) = pytc(&case, &["api", "diff", "old/pkg", "new/pkg"]);
    assert!(!stdout.contains("def example"), "{stdout}");
    let (_, full, _) = pytc(&case, &["api", "diff", "old/pkg", "new/pkg", "--output-format", "full"]);
    assert!(full.contains("= this code type-checks against the old version:"), "{full}");
    assert!(full.contains("|       fetch(value, retries=value)"), "{full}");
}

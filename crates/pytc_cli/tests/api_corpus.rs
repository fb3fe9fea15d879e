//! The corpus of version pairs under `tests/api_diff/`: each case is a folder with
//! `old/pkg` and `new/pkg` (breaking and compatible changes side by side) and
//! `expected.txt`, the exact output of `pytc api diff old/pkg new/pkg` run in that folder.
//! Together the cases exercise every rule `pytc api rules` lists.

use std::path::{Path, PathBuf};
use std::process::Command;

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

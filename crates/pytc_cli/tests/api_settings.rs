//! `pytc api` baselines (`--write-baseline`, `--baseline`, the configured `baseline`) and
//! `[tool.pytc.api]`: rule levels, ignored symbols, `fail-under`, and an unknown rule name.

use std::path::Path;
use std::process::Command;

fn pytc(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pytc")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const OLD: &str = "def area(width: float, height: float = 1.0) -> float:\n    return width\n\n\ndef scale(value, factor: int):\n    return value\n";
const NEW: &str = "def area(width: float, height: float) -> float:\n    return width\n\n\ndef scale(value, factor: int):\n    return value\n\n\ndef size() -> bool:\n    return True\n";

#[test]
fn a_check_baseline_reports_only_new_findings_and_the_fixed_ones() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("pkg/__init__.py"), OLD);
    let (code, _, stderr) = pytc(dir.path(), &["api", "check", "pkg", "--write-baseline", "api-baseline.json"]);
    assert_eq!((code, stderr.as_str()), (Some(0), "2 findings recorded in baseline `api-baseline.json`\n"));

    let (code, stdout, stderr) = pytc(dir.path(), &["api", "check", "pkg", "--baseline", "api-baseline.json"]);
    assert_eq!((code, stderr.as_str()), (Some(0), "2 findings in baseline `api-baseline.json` not reported\n"));
    assert_eq!(stdout, "module pkg: 1 of 2 symbols fully known\nCompleteness: 50.0% (1 of 2 public symbols fully known)\n");

    // A new finding fails (the ratchet); a fixed one is named so the baseline can shrink.
    write(&dir.path().join("pkg/__init__.py"), "def area(width: float, height: float = 1.0):\n    return width\n\n\ndef scale(value, factor: int):\n    return value\n");
    let (code, stdout, stderr) = pytc(dir.path(), &["api", "check", "pkg", "--baseline", "api-baseline.json"]);
    assert_eq!(code, Some(1));
    assert!(stdout.starts_with("pkg/__init__.py:1:5: missing-return-annotation `area` has no return annotation"), "{stdout}");
    assert_eq!(stderr, "2 findings in baseline `api-baseline.json` not reported\n");

    let (code, _, stderr) = pytc(dir.path(), &["api", "check", "pkg", "--baseline", "no-such-baseline.json"]);
    assert_eq!(code, Some(2));
    assert!(stderr.starts_with("error: "), "{stderr}");
}

#[test]
fn a_diff_baseline_accepts_recorded_changes() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("old/pkg/__init__.py"), OLD);
    write(&dir.path().join("new/pkg/__init__.py"), NEW);
    let (code, _, stderr) = pytc(dir.path(), &["api", "diff", "old/pkg", "new/pkg", "--write-baseline", "accepted.json"]);
    assert_eq!((code, stderr.as_str()), (Some(0), "2 changes recorded in baseline `accepted.json`\n"));
    let (code, stdout, stderr) = pytc(dir.path(), &["api", "diff", "old/pkg", "new/pkg", "--baseline", "accepted.json"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (Some(0), "0 changes, 0 breaking, 0 undecided; the release needs no version bump\n", "2 changes in baseline `accepted.json` not reported\n"));
}

#[test]
fn configuration_sets_levels_ignores_threshold_and_baseline() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("old/pkg/__init__.py"), OLD);
    write(&dir.path().join("new/pkg/__init__.py"), NEW);
    write(
        &dir.path().join("pyproject.toml"),
        "[tool.pytc.api]\nignore = [\"pkg.size\"]\nfail-under = 60\n\n[tool.pytc.api.rules]\nparameter-made-required = \"warn\"\nmissing-parameter-annotation = \"ignore\"\n",
    );
    // A breaking change at the warning level does not fail; an ignored symbol is left out.
    let (code, stdout, _) = pytc(dir.path(), &["api", "diff", "old/pkg", "new/pkg", "--output-format", "github"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        stdout,
        "::warning file=new/pkg/__init__.py,line=1,col=5,title=pytc api%3A parameter-made-required (major bump)::parameter `height` of `area` lost its default\
         %0A%0AThis code type-checks against the old version:%0A%0Afrom typing import Any%0Afrom pkg import area%0A%0Adef example(value: Any) -> None:%0A    area(value)%0A\
         %0AAgainst the new version: line 5: No argument provided for required parameter `height` of function `area` [missing-argument]\n"
    );
    // An ignored finding kind does not count against the score, which is under fail-under.
    let (code, stdout, stderr) = pytc(dir.path(), &["api", "check", "old/pkg"]);
    assert_eq!(code, Some(1));
    assert!(stdout.ends_with("Completeness: 50.0% (1 of 2 public symbols fully known)\n"), "{stdout}");
    assert_eq!(stderr, "error: completeness 50.0% is below --fail-under 60\n");

    write(&dir.path().join("pyproject.toml"), "[tool.pytc.api.rules]\nreturn-type-narowed = \"ignore\"\n");
    let (code, _, stderr) = pytc(dir.path(), &["api", "check", "old/pkg"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("[tool.pytc.api.rules]: unknown API rule `return-type-narowed`"), "{stderr}");
}

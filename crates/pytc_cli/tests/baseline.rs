//! `pytc check --write-baseline` / `--baseline` and `baseline = "..."` in the configuration:
//! recorded diagnostics stay quiet when lines move, new ones and duplicates beyond the
//! recorded count are reported, fixed ones are listed as no longer occurring, and a bad
//! baseline file is a usage error naming it.

use std::path::Path;
use std::process::Output;

fn pytc(dir: &Path, args: &[&str]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_pytc"))
        .args(["check", "--no-progress", "--output-format", "concise"])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const BEFORE: &str = "x: int = ''\ny: int = ''\ny: int = ''\n\ndef f() -> str:\n    return 1\n";

fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("src")).unwrap();
    std::fs::write(dir.path().join("src/app.py"), BEFORE).unwrap();
    std::fs::write(dir.path().join("src/other.py"), "z: str = 0\n").unwrap();
    dir
}

#[test]
fn a_written_baseline_silences_todays_diagnostics_even_after_lines_move() {
    let dir = project();
    let written = pytc(dir.path(), &["--write-baseline", "baseline.json"]);
    assert_eq!(written.status.code(), Some(0), "{}", text(&written.stderr));
    assert_eq!(text(&written.stdout), "");
    assert!(text(&written.stderr).contains("Wrote 5 diagnostics to baseline `baseline.json` (checked 2 files)"), "{}", text(&written.stderr));

    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(dir.path().join("baseline.json")).unwrap()).unwrap();
    assert_eq!(json["pytc_baseline"], 1);
    assert_eq!(json["pytc_version"], env!("CARGO_PKG_VERSION"));
    let duplicate = json["diagnostics"].as_array().unwrap().iter().find(|entry| entry["line_text"] == "y: int = ''").unwrap();
    assert_eq!(duplicate["path"], "src/app.py");
    assert_eq!(duplicate["rule"], "invalid-assignment");
    assert_eq!(duplicate["count"], 2);

    // Unchanged code: nothing to report.
    let unchanged = pytc(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(unchanged.status.code(), Some(0), "{}", text(&unchanged.stderr));
    assert_eq!(text(&unchanged.stdout), "");
    assert!(text(&unchanged.stderr).contains("5 diagnostics in baseline `baseline.json` not reported"));

    // Lines moved down, one `y` fixed, a third `y` is new, the return fixed, a new error.
    let after = "# a comment moves everything\n\nx: int = ''\ny: int = ''\ny: int = ''\ny: int = ''\n\ndef f() -> str:\n    return ''\nw: bytes = 1\n";
    std::fs::write(dir.path().join("src/app.py"), after).unwrap();
    let moved = pytc(dir.path(), &["--baseline", "baseline.json"]);
    assert_eq!(moved.status.code(), Some(1));
    assert_eq!(
        text(&moved.stdout),
        "src/app.py:6:10: error[invalid-assignment] Object of type `Literal[\"\"]` is not assignable to `int`\n\
         src/app.py:10:12: error[invalid-assignment] Object of type `Literal[1]` is not assignable to `bytes`\n"
    );
    let stderr = text(&moved.stderr);
    assert!(stderr.contains("Found 2 errors in 1 file (checked 2 files)"), "{stderr}");
    assert!(stderr.contains("4 diagnostics in baseline `baseline.json` not reported"), "{stderr}");
    assert!(
        stderr.contains("1 diagnostic recorded in baseline `baseline.json` no longer occurs")
            && stderr.contains("  src/app.py: [invalid-return-type] Return type does not match returned value: expected `str`, found `Literal[1]` (line `return 1`)"),
        "{stderr}"
    );

    // Checking only the other file does not call the app's entries stale.
    let subset = pytc(dir.path(), &["--baseline", "baseline.json", "src/other.py"]);
    assert_eq!(subset.status.code(), Some(0));
    assert!(!text(&subset.stderr).contains("no longer occur"), "{}", text(&subset.stderr));
}

#[test]
fn the_configured_baseline_applies_and_the_flag_overrides_it() {
    let dir = project();
    assert_eq!(pytc(dir.path(), &["--write-baseline", "recorded.json"]).status.code(), Some(0));
    std::fs::write(dir.path().join("pyproject.toml"), "[tool.pytc]\nbaseline = \"recorded.json\"\n").unwrap();
    std::fs::write(dir.path().join("src/other.py"), "z: str = 0\nq: str = 0\n").unwrap();
    let configured = pytc(dir.path(), &[]);
    assert_eq!(configured.status.code(), Some(1));
    assert_eq!(text(&configured.stdout), "src/other.py:2:10: error[invalid-assignment] Object of type `Literal[0]` is not assignable to `str`\n");

    // From a subfolder the configured path is still relative to the configuration file.
    let from_below = pytc(&dir.path().join("src"), &[]);
    assert_eq!(text(&from_below.stdout), "other.py:2:10: error[invalid-assignment] Object of type `Literal[0]` is not assignable to `str`\n");

    std::fs::write(dir.path().join("empty.json"), r#"{"pytc_baseline": 1, "pytc_version": "0.0.0", "diagnostics": []}"#).unwrap();
    let overridden = pytc(dir.path(), &["--baseline", "empty.json"]);
    assert_eq!(text(&overridden.stdout).lines().count(), 6, "{}", text(&overridden.stdout));
}

#[test]
fn a_bad_baseline_is_a_usage_error_naming_the_file() {
    let dir = project();
    let cases = [
        ("corrupt.json", "{\"pytc_baseline\": 1, ", "not valid JSON"),
        ("foreign.json", "{\"version\": 2.0, \"results\": []}", "not a pytc baseline (no `pytc_baseline` field)"),
        (
            "future.json",
            "{\"pytc_baseline\": 7, \"pytc_version\": \"9.9.9\", \"diagnostics\": []}",
            "baseline format 7 (written by pytc 9.9.9) is not the format this pytc",
        ),
        ("binary.json", "\u{0}\u{1}\u{2}", "not valid JSON"),
    ];
    for (name, contents, expected) in cases {
        std::fs::write(dir.path().join(name), contents).unwrap();
        let output = pytc(dir.path(), &["--baseline", name]);
        let stderr = text(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{name}: {stderr}");
        assert!(stderr.starts_with("error: baseline `") && stderr.contains(name) && stderr.contains(expected), "{name}: {stderr}");
        assert_eq!(text(&output.stdout), "");
    }
    let missing = pytc(dir.path(), &["--baseline", "missing.json"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(text(&missing.stderr).contains("missing.json`: cannot read it"), "{}", text(&missing.stderr));

    std::fs::write(dir.path().join("pytc.toml"), "baseline = \"corrupt.json\"\n").unwrap();
    let configured = pytc(dir.path(), &[]);
    assert_eq!(configured.status.code(), Some(2));
    assert!(text(&configured.stderr).contains("corrupt.json`: not valid JSON"), "{}", text(&configured.stderr));

    let unwritable = pytc(dir.path(), &["--write-baseline", "no/such/folder/b.json"]);
    assert_eq!(unwritable.status.code(), Some(2));
    assert!(text(&unwritable.stderr).contains("b.json`: cannot write it"), "{}", text(&unwritable.stderr));
}

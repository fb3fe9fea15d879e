//! Runs the CLI transcripts in `tests/cli/` against the built `pytc` binary.
//!
//! Each case is a `NAME.toml` (arguments, expected exit status) with `NAME.stdout` and
//! `NAME.stderr` beside it and, as its working directory, the project in `NAME.in/`.
//! Set `TRYCMD=overwrite` to rewrite the expected output after an intended change.

#[test]
fn cli_transcripts() {
    trycmd::TestCases::new()
        .register_bin("pytc", trycmd::schema::Bin::Path(env!("CARGO_BIN_EXE_pytc").into()))
        .env("NO_COLOR", "1")
        .env("RAYON_NUM_THREADS", "2")
        .case(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cli/*.toml"));
}

/// A symlink loop cannot live in the repository (it would trap other tools that walk it), so
/// this case builds its project at run time.
#[cfg(unix)]
#[test]
fn symlink_loop_is_skipped_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("pkg");
    std::fs::create_dir(&package).unwrap();
    std::fs::write(package.join("broken.py"), "def f(x:\n    return x\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), package.join("back_to_root")).unwrap();

    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pytc"))
        .args(["check", "--output-format", "concise"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert!(stdout.lines().all(|line| line.starts_with("pkg/broken.py:")), "{stdout}");
    assert_eq!(stdout.lines().count(), 2, "{stdout}");
    assert!(stderr.contains("warning: skipped symlink loop: `"), "{stderr}");
    assert!(stderr.ends_with("Found 2 errors in 1 file (checked 1 file)\n"), "{stderr}");
}

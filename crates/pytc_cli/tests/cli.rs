//! Runs the CLI transcripts in `tests/cli/` against the built `pytc` binary, and the color
//! cases a transcript cannot hold.
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

/// Color cannot be shown in a transcript file: `--color always` colors `full` output even
/// when it is piped and `NO_COLOR` is set; `auto` does not color a pipe.
#[test]
fn color_always_colors_and_auto_does_not_color_a_pipe() {
    let run = |color: &str| {
        let output = std::process::Command::new(env!("CARGO_BIN_EXE_pytc"))
            .args(["check", "--color", color])
            .current_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/cli/basic.in"))
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        assert_eq!(output.status.code(), Some(1));
        String::from_utf8(output.stdout).unwrap()
    };
    let (always, auto) = (run("always"), run("auto"));
    assert!(always.contains("\u{1b}[") && always.contains("invalid-syntax"), "{always:?}");
    assert!(!auto.contains('\u{1b}') && auto.contains("error[invalid-syntax]"), "{auto:?}");
}

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

//! Files pytc cannot check, built at run time because they cannot live in the repository (a
//! symlink loop, a named pipe, a 100 MiB file, a file not even root can read): each gets a
//! clear diagnostic or warning, and the good file beside it is still checked.

use std::path::Path;
use std::process::Output;

/// A project holding one file with a real type error, which must be reported every time.
fn project_with_a_good_file() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("good.py"), "count: int = \"three\"\n").unwrap();
    dir
}

fn pytc_check(dir: &Path, paths: &[&str]) -> (Output, String, String) {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_pytc"))
        .args(["check", "--output-format", "concise"])
        .args(paths)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout.clone()).unwrap();
    let stderr = String::from_utf8(output.stderr.clone()).unwrap();
    (output, stdout, stderr)
}

const GOOD_FILE_ERROR: &str =
    "good.py:1:14: error[invalid-assignment] Object of type `Literal[\"three\"]` is not assignable to `int`";

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_skipped_with_a_warning() {
    let dir = project_with_a_good_file();
    let package = dir.path().join("pkg");
    std::fs::create_dir(&package).unwrap();
    std::fs::write(package.join("broken.py"), "def f(x:\n    return x\n").unwrap();
    std::os::unix::fs::symlink(dir.path(), package.join("back_to_root")).unwrap();

    let (output, stdout, stderr) = pytc_check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 3, "{stdout}");
    assert_eq!(lines[0], GOOD_FILE_ERROR);
    assert!(lines[1..].iter().all(|line| line.starts_with("pkg/broken.py:")), "{stdout}");
    assert!(stderr.contains("warning: skipped symlink loop: `"), "{stderr}");
    assert!(stderr.ends_with("Found 3 errors in 2 files (checked 2 files)\n"), "{stderr}");
}

#[test]
fn a_file_over_the_size_limit_gets_a_diagnostic_without_being_read() {
    let dir = project_with_a_good_file();
    // Sparse: 100 MiB long without writing 100 MiB to disk.
    std::fs::File::create(dir.path().join("huge.py")).unwrap().set_len(100 * 1024 * 1024).unwrap();

    let (output, stdout, stderr) = pytc_check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert_eq!(
        stdout,
        format!(
            "{GOOD_FILE_ERROR}\nhuge.py:1:1: error[unreadable-file] file is too large to check (100 MiB; the limit is 64 MiB)\n"
        )
    );
    assert!(stderr.ends_with("Found 2 errors in 2 files (checked 2 files)\n"), "{stderr}");
}

/// Tests may run as root, who reads a `chmod 000` file anyway; `/proc/self/mem` refuses
/// every reader at offset 0.
#[cfg(target_os = "linux")]
#[test]
fn an_unreadable_file_gets_a_diagnostic_naming_the_os_error() {
    let dir = project_with_a_good_file();
    std::os::unix::fs::symlink("/proc/self/mem", dir.path().join("unreadable.py")).unwrap();

    let (output, stdout, stderr) = pytc_check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert_eq!(
        stdout,
        format!("{GOOD_FILE_ERROR}\nunreadable.py:1:1: error[unreadable-file] cannot read file: Input/output error (os error 5)\n")
    );
}

#[cfg(unix)]
#[test]
fn a_named_pipe_given_as_a_path_is_refused_instead_of_read() {
    let dir = project_with_a_good_file();
    let made = std::process::Command::new("mkfifo").arg(dir.path().join("pipe.py")).status().unwrap();
    assert!(made.success());

    // Found by the walk, a pipe is no file to check; named, it is reported rather than opened
    // (which would wait for a writer forever).
    let (output, stdout, stderr) = pytc_check(dir.path(), &[]);
    assert_eq!((output.status.code(), stdout.as_str()), (Some(1), format!("{GOOD_FILE_ERROR}\n").as_str()), "{stderr}");
    let (output, stdout, stderr) = pytc_check(dir.path(), &["good.py", "pipe.py"]);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    assert_eq!(stdout, format!("{GOOD_FILE_ERROR}\npipe.py:1:1: error[unreadable-file] cannot read file: not a regular file\n"));
}

#[test]
fn control_characters_never_break_the_one_line_format() {
    let dir = project_with_a_good_file();
    std::fs::write(dir.path().join("nul.py"), b"x = 1\x00\ny = 2\rz: int = ''\n").unwrap();

    let (output, stdout, stderr) = pytc_check(dir.path(), &[]);
    assert_eq!(output.status.code(), Some(1), "{stdout}{stderr}");
    let lines: Vec<&str> = stdout.split('\n').filter(|line| !line.is_empty()).collect();
    assert!(lines.iter().all(|line| !line.chars().any(char::is_control)), "{stdout:?}");
    assert!(lines.iter().all(|line| line.starts_with("good.py:") || line.starts_with("nul.py:")), "{stdout:?}");
    assert!(lines.iter().any(|line| line.contains("\\u{0}")), "{stdout:?}");
    let errors = lines.iter().filter(|line| line.contains(": error[")).count();
    assert!(stderr.ends_with(&format!("Found {errors} errors in 2 files (checked 2 files)\n")), "{stderr}");
}

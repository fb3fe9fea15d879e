//! `pytc api diff --base REV PATH` in a git repository made at run time: the old version is
//! read from the commit, the new one from the working tree, and removals point at the
//! working-tree path, never at the temporary export.

use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) {
    let status = Command::new("git")
        .args(["-c", "user.name=pytc", "-c", "user.email=pytc@example.invalid", "-c", "init.defaultBranch=main"])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
}

fn pytc(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pytc")).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

#[test]
fn diff_against_a_git_revision() {
    let dir = tempfile::tempdir().unwrap();
    let package = dir.path().join("src/lib");
    std::fs::create_dir_all(&package).unwrap();
    std::fs::write(package.join("__init__.py"), "def size(x: int) -> int:\n    return x\n\n\ndef gone() -> None:\n    pass\n").unwrap();
    std::fs::write(package.join("py.typed"), "").unwrap();
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "v1"]);
    std::fs::write(package.join("__init__.py"), "def size(x: int) -> str:\n    return str(x)\n").unwrap();

    let (code, stdout, stderr) = pytc(dir.path(), &["api", "diff", "--base", "HEAD", "src/lib", "--output-format", "github"]);
    assert_eq!(code, Some(1), "{stdout}{stderr}");
    assert!(stdout.contains("::error file=src/lib/__init__.py,line=1,col=5,title=pytc api%3A return-type-widened (major bump)::"), "{stdout}");
    assert!(stdout.contains("::error file=src/lib/__init__.py,line=5,col=5,title=pytc api%3A symbol-removed (major bump)::function `gone` was removed"), "{stdout}");

    // The working tree is untouched and an unchanged revision has nothing to report.
    git(dir.path(), &["checkout", "-q", "--", "."]);
    let (code, stdout, _) = pytc(dir.path(), &["api", "diff", "--base", "HEAD", "src/lib"]);
    assert_eq!((code, stdout.as_str()), (Some(0), "0 changes, 0 breaking, 0 undecided; the release needs no version bump\n"));

    let (code, _, stderr) = pytc(dir.path(), &["api", "diff", "--base", "no-such-revision", "src/lib"]);
    assert_eq!(code, Some(2));
    assert!(stderr.contains("`no-such-revision` is not a revision of the git repository"), "{stderr}");
}

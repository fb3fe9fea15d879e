//! `pytc api check` tells an unknown type the library wrote from one it imports: a
//! declaration naming something from a missing module, from a package installed without
//! type information, or a name a typed dependency leaves unknown is
//! `unknown-from-dependency`, with the import and the reason; the library's own gaps stay
//! `unknown-type`/`inferred-type`; and configuration can leave the dependency kind out of
//! the score.

use std::path::Path;
use std::process::Command;

fn pytc(dir: &Path, args: &[&str]) -> (Option<i32>, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_pytc"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env_remove("VIRTUAL_ENV")
        .env_remove("CONDA_PREFIX")
        .output()
        .unwrap();
    (output.status.code(), String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap())
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

const LIBRARY: &str = "\
import missing_dep
from loose import Widget, make
from typed import Config, settings
from typing import Any


def load(path: missing_dep.Path) -> None: ...


def widget() -> Widget: ...


created = make()


def configure() -> dict[str, settings]: ...


def config() -> Config: ...


def own(x: \"Nowhere\") -> Any: ...
";

/// A library `lib` and an environment with `loose` (no `py.typed`) and `typed` (with one).
fn project(root: &Path) -> String {
    write(&root.join("lib/__init__.py"), LIBRARY);
    let prefix = root.join("env");
    write(&prefix.join("pyvenv.cfg"), "home = /nonexistent/bin\nversion = 3.12.4\n");
    let site_packages = prefix.join("lib/python3.12/site-packages");
    write(&site_packages.join("loose/__init__.py"), "class Widget: ...\n\n\ndef make():\n    return Widget()\n");
    write(&site_packages.join("typed/__init__.py"), "from not_installed import settings\n\n\nclass Config: ...\n");
    write(&site_packages.join("typed/py.typed"), "");
    prefix.to_str().unwrap().to_string()
}

#[test]
fn unknowns_from_dependencies_are_their_own_kind() {
    let dir = tempfile::tempdir().unwrap();
    let python = project(dir.path());
    let (code, stdout, stderr) = pytc(dir.path(), &["api", "check", "lib", "--python", &python]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    let findings: Vec<&str> = stdout.lines().filter(|line| line.starts_with("lib/")).collect();
    assert_eq!(
        findings,
        [
            "lib/__init__.py:7:5: unknown-from-dependency the type of parameter `path` of `load` is unknown: `missing_dep` comes from `missing_dep`, which pytc cannot find in the environment",
            "lib/__init__.py:13:1: unknown-from-dependency `created` has no declared type and pytc infers `Unknown`: `make` comes from `loose`, which is installed without type information (no `py.typed` marker or stubs)",
            "lib/__init__.py:16:5: unknown-from-dependency the return type of `configure` is partially unknown (`dict[str, Unknown]`): `settings` comes from `typed`, which does not declare its type",
            "lib/__init__.py:22:5: unknown-type the type of parameter `x` of `own` is unknown",
        ],
        "{stdout}"
    );
    // A class from an untyped package is still a known type.
    assert!(!stdout.contains("`widget`") && !stdout.contains("`config`"), "{stdout}");
    assert!(stdout.ends_with("Completeness: 33.3% (2 of 6 public symbols fully known)\n"), "{stdout}");
}

#[test]
fn configuration_can_leave_dependency_unknowns_out_of_the_score() {
    let dir = tempfile::tempdir().unwrap();
    let python = project(dir.path());
    write(&dir.path().join("pyproject.toml"), "[tool.pytc.api.rules]\nunknown-from-dependency = \"ignore\"\n");
    let (code, stdout, _) = pytc(dir.path(), &["api", "check", "lib", "--python", &python]);
    assert_eq!(code, Some(0));
    assert!(!stdout.contains("unknown-from-dependency"), "{stdout}");
    assert!(stdout.ends_with("Completeness: 83.3% (5 of 6 public symbols fully known)\n"), "{stdout}");
}

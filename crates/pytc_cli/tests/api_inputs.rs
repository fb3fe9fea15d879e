//! What `pytc api` accepts besides a folder, and bad input: a wheel (read from the archive,
//! shown under the wheel's path), a module name resolved in the environment, an archive
//! that is not a wheel, a module that does not parse, two unrelated packages, cyclic
//! re-exports and a 10,000-symbol API. Each gives findings or a clear error, never a panic
//! or a hang. And what the environment leaves untyped: a declaration naming something from a
//! missing module, from a package installed without type information, or a name a typed
//! dependency leaves unknown is `unknown-from-dependency`, with the import and the reason;
//! the library's own gaps stay `unknown-type`; configuration can leave the dependency kind
//! out of the score.

use std::io::Write;
use std::path::{Path, PathBuf};
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

/// A wheel holding `files` (archive path, text) and a `.dist-info` folder.
fn wheel(path: &Path, files: &[(&str, &str)]) {
    let mut archive = zip::ZipWriter::new(std::fs::File::create(path).unwrap());
    let options = zip::write::SimpleFileOptions::default();
    let metadata = [("lib-1.0.dist-info/METADATA", "Metadata-Version: 2.1\nName: lib\nVersion: 1.0\n")];
    for (name, text) in files.iter().chain(&metadata) {
        archive.start_file(*name, options).unwrap();
        archive.write_all(text.as_bytes()).unwrap();
    }
    archive.finish().unwrap();
}

#[test]
fn wheels_are_read_from_the_archive() {
    let dir = tempfile::tempdir().unwrap();
    wheel(&dir.path().join("lib-1.0-py3-none-any.whl"), &[("lib/__init__.py", "def size(x: int) -> int:\n    return x\n"), ("lib/py.typed", "")]);
    wheel(&dir.path().join("lib-2.0-py3-none-any.whl"), &[("lib/__init__.py", "def size(x: int) -> str:\n    return str(x)\n"), ("lib/py.typed", "")]);

    let (code, stdout, stderr) = pytc(dir.path(), &["api", "list", "lib-1.0-py3-none-any.whl"]);
    assert_eq!((code, stdout.as_str(), stderr.as_str()), (Some(0), "module lib\n  def size(x: int) -> int  [lib-1.0-py3-none-any.whl/lib/__init__.py:1]\n", ""));

    let (code, stdout, _) = pytc(dir.path(), &["api", "diff", "lib-1.0-py3-none-any.whl", "lib-2.0-py3-none-any.whl"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        stdout,
        "lib-2.0-py3-none-any.whl/lib/__init__.py:1:5: major[return-type-widened] the return type of `size` widened: `int` to `str`\n\
         1 changes, 1 breaking, 0 undecided; the release needs a major version bump\n"
    );

    std::fs::write(dir.path().join("broken.whl"), "not a zip archive").unwrap();
    let (code, stdout, stderr) = pytc(dir.path(), &["api", "check", "broken.whl"]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert!(stderr.starts_with("error: `broken.whl` is not a readable wheel: "), "{stderr}");
}

/// An environment folder (`pyvenv.cfg`, `lib/python3.12/site-packages`) with `shapes`
/// installed next to a dependency it imports.
fn environment(root: &Path) -> PathBuf {
    let prefix = root.join("env");
    write(&prefix.join("pyvenv.cfg"), "home = /nonexistent/bin\nversion = 3.12.4\n");
    let site_packages = prefix.join("lib/python3.12/site-packages");
    write(&site_packages.join("shapes/__init__.py"), "from units import Length\n\n\ndef side() -> Length: ...\n");
    write(&site_packages.join("shapes/py.typed"), "");
    write(&site_packages.join("units.py"), "class Length: ...\n");
    prefix
}

#[test]
fn a_module_name_is_resolved_in_the_environment() {
    let dir = tempfile::tempdir().unwrap();
    let prefix = environment(dir.path());
    let python = prefix.to_str().unwrap();
    let (code, stdout, stderr) = pytc(dir.path(), &["api", "list", "shapes", "--python", python]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    // Only the package is the API; its dependency resolves from the environment.
    assert_eq!(stdout, "module shapes\n  def side() -> Length  [env/lib/python3.12/site-packages/shapes/__init__.py:4]\n");

    let (code, stdout, stderr) = pytc(dir.path(), &["api", "check", "no_such_package", "--python", python]);
    assert_eq!((code, stdout.as_str()), (Some(2), ""));
    assert_eq!(stderr, "error: `no_such_package` is neither a path nor a module installed in the environment (give `--python` the environment that has it)\n");
}

#[test]
fn a_module_that_does_not_parse_is_named_and_the_rest_is_read() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("pkg/__init__.py"), "def broken(:\n    pass\n\n\ndef fine(x: int) -> int:\n    return x\n");
    let (code, stdout, stderr) = pytc(dir.path(), &["api", "check", "pkg"]);
    assert_eq!(code, Some(0));
    assert!(stdout.contains("missing-return-annotation `broken` has no return annotation"), "{stdout}");
    assert!(stdout.ends_with("Completeness: 50.0% (1 of 2 public symbols fully known)\n"), "{stdout}");
    assert_eq!(
        stderr,
        "warning: pkg/__init__.py:1:12: Expected a parameter or the end of the parameter list (the module's API is read from what parses)\n"
    );
}

#[test]
fn two_unrelated_packages_differ_in_every_module() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("one/alpha/__init__.py"), "def a() -> None: ...\n");
    write(&dir.path().join("two/beta/__init__.py"), "def b() -> None: ...\n");
    let (code, stdout, stderr) = pytc(dir.path(), &["api", "diff", "one/alpha", "two/beta"]);
    assert_eq!((code, stderr.as_str()), (Some(1), ""));
    assert_eq!(
        stdout,
        "one/alpha/__init__.py:1:1: major[module-removed] module `alpha` was removed\n\
         two/beta/__init__.py:1:1: minor[symbol-added] module `beta` was added\n\
         2 changes, 1 breaking, 0 undecided; the release needs a major version bump\n"
    );
}

#[test]
fn cyclic_reexports_are_unresolved_imports_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("pkg/__init__.py"), "from pkg.a import *\nfrom pkg.a import thing as thing\n__all__ = [\"thing\"]\n");
    write(&dir.path().join("pkg/a.py"), "from pkg.b import *\nfrom pkg.b import other as thing\n__all__ = [\"thing\", \"other\"]\n");
    write(&dir.path().join("pkg/b.py"), "from pkg.a import *\nfrom pkg.a import thing as other\n__all__ = [\"thing\", \"other\"]\n");
    let (code, stdout, stderr) = pytc(dir.path(), &["api", "check", "pkg"]);
    assert_eq!((code, stderr.as_str()), (Some(0), ""));
    let unresolved = stdout.lines().filter(|line| line.contains(": unresolved-import `")).count();
    assert_eq!(unresolved, 5, "{stdout}");
    assert!(stdout.ends_with("Completeness: 0.0% (0 of 5 public symbols fully known)\n"), "{stdout}");
}

#[test]
fn a_ten_thousand_symbol_api_is_scored_and_compared() {
    let dir = tempfile::tempdir().unwrap();
    let functions = |returns: &str| (0..10_000).map(|i| format!("def f{i}(x: int) -> {returns}: ...\n")).collect::<String>();
    write(&dir.path().join("old/pkg/__init__.py"), &functions("int"));
    write(&dir.path().join("new/pkg/__init__.py"), &functions("bool"));
    let (code, stdout, _) = pytc(dir.path(), &["api", "check", "new/pkg", "--fail-under", "100"]);
    assert_eq!(code, Some(0));
    assert!(stdout.ends_with("Completeness: 100.0% (10000 of 10000 public symbols fully known)\n"), "{}", &stdout[stdout.len().saturating_sub(300)..]);
    let (code, stdout, _) = pytc(dir.path(), &["api", "diff", "old/pkg", "new/pkg"]);
    assert_eq!(code, Some(0));
    assert!(stdout.ends_with("10000 changes, 0 breaking, 0 undecided; the release needs no version bump\n"), "{}", &stdout[stdout.len().saturating_sub(300)..]);
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

//! Finding the Python environment end to end, from the file system alone: `--python` (an
//! interpreter or an environment folder), else `VIRTUAL_ENV`, `CONDA_PREFIX`, the project's
//! `.venv`, then `python3` on `PATH`. A package installed there resolves, `-v` names the
//! environment and the search paths, and a missing module names where pytc looked.
//!
//! The environments are fakes built at run time (a `.venv` folder is git-ignored): folder
//! layouts and `pyvenv.cfg` files, with no interpreter that could run.

use std::path::{Path, PathBuf};
use std::process::Command;

struct Project {
    _temp: tempfile::TempDir,
    root: PathBuf,
}

impl Project {
    /// A project whose `main.py` uses the installed package `shapes` (a typed `area`
    /// returning `float`, assigned to a `str` so pytc must have read it) and a missing one.
    fn new() -> Self {
        let temp = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(temp.path()).unwrap();
        let main = "import shapes\nimport missing_package\n\nlabel: str = shapes.area(2.0)\n";
        std::fs::write(root.join("main.py"), main).unwrap();
        Self { _temp: temp, root }
    }

    /// An environment at `prefix` (relative to the root) with `shapes` in its site-packages.
    fn install_shapes(&self, prefix: &str, virtual_env: bool) -> PathBuf {
        let prefix = self.root.join(prefix);
        let package = prefix.join("lib/python3.12/site-packages/shapes");
        std::fs::create_dir_all(&package).unwrap();
        std::fs::write(package.join("__init__.py"), "def area(side: float) -> float:\n    return side * side\n").unwrap();
        std::fs::create_dir_all(prefix.join("bin")).unwrap();
        std::fs::write(prefix.join("bin/python3"), "").unwrap();
        if virtual_env {
            std::fs::write(prefix.join("pyvenv.cfg"), "home = /nonexistent/bin\nversion = 3.12.4\n").unwrap();
        }
        prefix
    }

    /// `pytc check -v --python-version 3.12 main.py` with only the given environment
    /// variables (and an empty `PATH` unless one is given): stdout, stderr and the status.
    fn check(&self, args: &[&str], env: &[(&str, &Path)]) -> (String, String, Option<i32>) {
        self.check_unpinned(&[&["--python-version", "3.12"], args].concat(), env)
    }

    /// `check` without a target version: the environment's decides.
    fn check_unpinned(&self, args: &[&str], env: &[(&str, &Path)]) -> (String, String, Option<i32>) {
        let empty_bin = self.root.join("empty-bin");
        std::fs::create_dir_all(&empty_bin).unwrap();
        let mut command = Command::new(env!("CARGO_BIN_EXE_pytc"));
        command
            .args(["check", "-v", "--output-format", "concise"])
            .args(args)
            .arg("main.py")
            .current_dir(&self.root)
            .env_remove("VIRTUAL_ENV")
            .env_remove("CONDA_PREFIX")
            .env("PATH", &empty_bin)
            .env("NO_COLOR", "1");
        for (name, value) in env {
            command.env(name, value);
        }
        let output = command.output().unwrap();
        (String::from_utf8(output.stdout).unwrap(), String::from_utf8(output.stderr).unwrap(), output.status.code())
    }
}

/// The two diagnostics every run must produce when `shapes` resolved from `site_packages`,
/// and the `-v` report listing `site_packages` among the search paths.
fn assert_resolved_from(stdout: &str, stderr: &str, site_packages: &Path) {
    assert_eq!(
        stdout,
        "main.py:2:8: error[unresolved-import] cannot find module `missing_package`\n\
         main.py:4:14: error[invalid-assignment] Object of type `float` is not assignable to `str`\n"
    );
    let listed = format!("site-packages    {}\n", site_packages.display());
    assert!(stderr.contains(&listed), "{stderr}");
}

#[test]
fn the_project_venv_is_found_and_its_packages_resolve() {
    let project = Project::new();
    let prefix = project.install_shapes(".venv", true);
    let (stdout, stderr, status) = project.check(&[], &[]);
    assert_eq!(status, Some(1), "{stderr}");
    let site_packages = prefix.join("lib/python3.12/site-packages");
    assert_resolved_from(&stdout, &stderr, &site_packages);
    let root = project.root.display();
    let expected = format!(
        "Python environment: virtual environment {} (found via .venv in the project root), Python 3.12, using lib/python3.12\n\
         Search paths, in resolution order:\n  \
           1. project          {root}\n  \
           2. standard library bundled typeshed stdlib\n  \
           3. site-packages    {}\n",
        prefix.display(),
        site_packages.display()
    );
    assert!(stderr.contains(&expected), "expected\n{expected}in\n{stderr}");
}

#[test]
fn virtual_env_wins_over_the_project_venv_and_conda_prefix() {
    let project = Project::new();
    project.install_shapes(".venv", true);
    let active = project.install_shapes("active-env", true);
    let conda = project.install_shapes("conda", false);
    let (stdout, stderr, _) = project.check(&[], &[("VIRTUAL_ENV", &active), ("CONDA_PREFIX", &conda)]);
    assert_resolved_from(&stdout, &stderr, &active.join("lib/python3.12/site-packages"));
    assert!(stderr.contains(&format!("virtual environment {} (found via VIRTUAL_ENV)", active.display())), "{stderr}");

    let (stdout, stderr, _) = project.check(&[], &[("CONDA_PREFIX", &conda)]);
    assert_resolved_from(&stdout, &stderr, &conda.join("lib/python3.12/site-packages"));
    assert!(stderr.contains(&format!("Python installation {} (found via CONDA_PREFIX)", conda.display())), "{stderr}");
}

#[test]
fn python_option_takes_an_interpreter_or_an_environment_folder() {
    let project = Project::new();
    project.install_shapes(".venv", true);
    let chosen = project.install_shapes("envs/chosen", true);
    let site_packages = chosen.join("lib/python3.12/site-packages");
    for given in ["envs/chosen", "envs/chosen/bin/python3"] {
        let (stdout, stderr, _) = project.check(&["--python", given], &[("VIRTUAL_ENV", &project.root.join(".venv"))]);
        assert_resolved_from(&stdout, &stderr, &site_packages);
        assert!(stderr.contains(&format!("virtual environment {} (found via --python)", chosen.display())), "{stderr}");
    }
}

#[test]
fn python3_on_path_is_the_last_resort() {
    let project = Project::new();
    let base = project.install_shapes("base", false);
    let (stdout, stderr, _) = project.check(&[], &[("PATH", &base.join("bin"))]);
    assert_resolved_from(&stdout, &stderr, &base.join("lib/python3.12/site-packages"));
    assert!(stderr.contains(&format!("Python installation {} (found via python3 on PATH)", base.display())), "{stderr}");
}

#[test]
fn without_an_environment_installed_packages_do_not_resolve() {
    let project = Project::new();
    let (stdout, stderr, status) = project.check(&[], &[]);
    assert_eq!(status, Some(1), "{stderr}");
    assert!(stdout.starts_with("main.py:1:8: error[unresolved-import] cannot find module `shapes`"), "{stdout}");
    assert!(stderr.contains("Python environment: none found (tried --python, VIRTUAL_ENV, CONDA_PREFIX, .venv, python3 on PATH)"), "{stderr}");
}

#[test]
fn the_target_version_defaults_to_the_environments() {
    let project = Project::new();
    let prefix = project.root.join(".venv");
    let site_packages = prefix.join("lib/python3.11/site-packages");
    std::fs::create_dir_all(site_packages.join("shapes")).unwrap();
    std::fs::write(site_packages.join("shapes/__init__.py"), "def area(side: float) -> float:\n    return side * side\n").unwrap();
    std::fs::create_dir_all(prefix.join("bin")).unwrap();
    std::fs::write(prefix.join("bin/python3"), "").unwrap();
    std::fs::write(prefix.join("pyvenv.cfg"), "home = /nonexistent/bin\nversion = 3.11.4\n").unwrap();
    let (stdout, stderr, _) = project.check_unpinned(&[], &[]);
    assert!(stderr.contains("Target Python version: 3.11 (from the Python environment)"), "{stderr}");
    assert_resolved_from(&stdout, &stderr, &site_packages);

    // A pyvenv.cfg without a version: the lib/pythonX.Y folder tells it.
    std::fs::write(prefix.join("pyvenv.cfg"), "home = /nonexistent/bin\n").unwrap();
    let (_, stderr, _) = project.check_unpinned(&[], &[]);
    assert!(stderr.contains("Target Python version: 3.11 (from the Python environment)"), "{stderr}");

    // A version on the command line wins.
    let (_, stderr, _) = project.check_unpinned(&["--python-version", "3.13"], &[]);
    assert!(stderr.contains("Target Python version: 3.13 (configured)"), "{stderr}");
}

#[test]
fn without_an_environment_the_target_version_is_the_default() {
    let project = Project::new();
    let (_, stderr, _) = project.check_unpinned(&[], &[]);
    assert!(stderr.contains("(the default: neither the configuration nor an environment gives one)"), "{stderr}");
}

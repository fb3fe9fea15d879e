//! Checked packages are imported from the folder above their outermost `__init__.py`, wherever
//! pytc runs from: `pytc check medium` (with `medium/shop/__init__.py`) from the folder above,
//! and `pytc check /elsewhere/medium/shop` from an unrelated folder, both resolve
//! `import shop.items` and `from .items import ...` inside the package.

use std::path::Path;
use std::process::Command;

/// A package `shop` under `medium/`, using itself by absolute and relative imports. Each
/// import is used in a wrong assignment, so the errors prove the imported types were read,
/// and a missing submodule stays an error.
fn write_shop(folder: &Path) {
    let shop = folder.join("medium/shop");
    std::fs::create_dir_all(&shop).unwrap();
    std::fs::write(shop.join("__init__.py"), "").unwrap();
    std::fs::write(shop.join("items.py"), "def price() -> int:\n    return 1\n").unwrap();
    let cart = "from shop.items import price\nfrom .items import price as relative_price\nimport shop.missing\n\n\
                a: str = price()\nb: str = relative_price()\n";
    std::fs::write(shop.join("cart.py"), cart).unwrap();
}

/// `pytc` run from `cwd` with no Python environment to find (no virtual or conda
/// environment, no interpreter on `PATH`).
fn pytc_without_environment(cwd: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_pytc"));
    command.current_dir(cwd).env_remove("VIRTUAL_ENV").env_remove("CONDA_PREFIX").env("PATH", "");
    command
}

/// `pytc check --output-format concise PATH` run from `cwd`: stdout with `cwd`-relative paths.
fn check(cwd: &Path, path: &Path) -> String {
    let output = pytc_without_environment(cwd)
        .args(["check", "--output-format", "concise", "--python-version", "3.12"])
        .arg(path)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

fn diagnostics(stdout: &str) -> Vec<String> {
    let mut lines: Vec<String> = stdout
        .lines()
        .filter(|line| line.contains("error["))
        .map(|line| {
            let (path, rest) = line.split_once(": error[").unwrap();
            let file = Path::new(path.split(':').next().unwrap()).file_name().unwrap().to_string_lossy().to_string();
            let rule = rest.split(']').next().unwrap();
            let line_number = path.split(':').nth(1).unwrap();
            format!("{file}:{line_number} {rule}")
        })
        .collect();
    lines.sort();
    lines
}

const EXPECTED: [&str; 3] = ["cart.py:3 unresolved-import", "cart.py:5 invalid-assignment", "cart.py:6 invalid-assignment"];

#[test]
fn a_package_below_a_plain_folder_is_imported_from_that_folder() {
    let temp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(temp.path()).unwrap();
    write_shop(&root);
    assert_eq!(diagnostics(&check(&root, Path::new("medium"))), EXPECTED);
    assert_eq!(diagnostics(&check(&root, Path::new("medium/shop/cart.py"))), EXPECTED);
}

#[test]
fn a_package_folder_outside_the_current_directory_is_imported_from_its_parent() {
    let project = tempfile::tempdir().unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(project.path()).unwrap();
    write_shop(&root);
    let stdout = check(elsewhere.path(), &root.join("medium/shop"));
    assert_eq!(diagnostics(&stdout), EXPECTED, "{stdout}");
}

#[test]
fn a_package_inside_site_packages_is_imported_as_installed_code() {
    let temp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(temp.path()).unwrap();
    let site_packages = root.join("env/lib/python3.12/site-packages");
    write_shop(&site_packages);
    std::fs::rename(site_packages.join("medium/shop"), site_packages.join("shop")).unwrap();
    let output = pytc_without_environment(&root)
        .args(["check", "-v", "--output-format", "concise", "--python-version", "3.12"])
        .arg(site_packages.join("shop"))
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    // After the standard library, so a module there never shadows it.
    let expected = format!("  2. standard library bundled typeshed stdlib\n  3. site-packages    {}\n", site_packages.display());
    assert!(stderr.contains(&expected), "expected\n{expected}in\n{stderr}");
    assert_eq!(diagnostics(&String::from_utf8(output.stdout).unwrap()), EXPECTED);
}

/// A module reached through a symlinked search path and by its real path (the checked file)
/// is one module: its class is the same class both ways. Here `items.py` is checked by its
/// real path, and `helpers.py` imports `shop.items` through `--extra-path` naming a symlink
/// to the folder above the package.
#[cfg(unix)]
#[test]
fn a_module_reached_through_a_symlink_and_by_its_real_path_is_one_module() {
    let temp = tempfile::tempdir().unwrap();
    let root = std::fs::canonicalize(temp.path()).unwrap();
    let shop = root.join("real/shop");
    std::fs::create_dir_all(&shop).unwrap();
    std::fs::write(shop.join("__init__.py"), "").unwrap();
    std::fs::write(
        shop.join("items.py"),
        "from shop.helpers import describe\n\nclass Item:\n    def label(self) -> str:\n        return describe(self)\n\nwrong: int = describe(Item())\n",
    )
    .unwrap();
    std::fs::write(
        shop.join("helpers.py"),
        "from __future__ import annotations\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from shop.items import Item\n\ndef describe(item: Item) -> str:\n    return \"item\"\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(root.join("real"), root.join("link")).unwrap();
    let output = pytc_without_environment(&root)
        .args(["check", "--output-format", "concise", "--python-version", "3.12", "--extra-path"])
        .arg(root.join("link"))
        .arg(&shop)
        .output()
        .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    // Only the real error: `describe` returns `str`, not `int`; `self` and `Item()` are the
    // `Item` that `describe` asks for.
    assert_eq!(diagnostics(&stdout), ["items.py:7 invalid-assignment"], "{stdout}");
}

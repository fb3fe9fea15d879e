//! Where a package to review comes from: a folder or Python file as it is; a wheel,
//! extracted into a temporary folder; or a module name, resolved in the environment
//! (`--python`) and copied into a temporary folder, so that the package alone is first-party
//! and the rest of `site-packages` stays what it is, its dependencies.

use std::path::{Path, PathBuf};

use pytc_project::{Overrides, Project};
use tempfile::TempDir;

use crate::package::LoadError;

/// The folder or file to load, the temporary folder holding it (removed when dropped), and
/// the path its files are shown under instead.
pub(crate) struct PackageSource {
    pub path: PathBuf,
    pub temporary: Option<TempDir>,
    /// `(folder, shown)`: files under `folder` are shown as under `shown`.
    pub shown_as: Option<(PathBuf, PathBuf)>,
}

impl PackageSource {
    pub(crate) fn resolve(input: &Path, overrides: &Overrides) -> Result<Self, LoadError> {
        if input.is_file() && input.extension().is_some_and(|ext| ext == "whl") {
            return extract_wheel(input);
        }
        if input.exists() {
            return Ok(Self { path: input.to_path_buf(), temporary: None, shown_as: None });
        }
        let name = input.to_str().filter(|name| is_module_name(name)).ok_or_else(|| LoadError::NotFound(input.to_path_buf()))?;
        copy_installed(name, overrides)
    }
}

/// `pkg` or `pkg.sub`: what names an installed module rather than a path.
fn is_module_name(text: &str) -> bool {
    !text.is_empty()
        && text.split('.').all(|part| {
            part.chars().next().is_some_and(|first| first.is_alphabetic() || first == '_') && part.chars().all(|c| c.is_alphanumeric() || c == '_')
        })
}

fn temporary_folder() -> Result<TempDir, LoadError> {
    tempfile::Builder::new().prefix("pytc-api-").tempdir().map_err(|error| LoadError::Unreadable(format!("cannot create a temporary folder: {error}")))
}

/// A wheel is a zip archive whose top level is the import root (packages, modules and a
/// `.dist-info` folder).
fn extract_wheel(wheel: &Path) -> Result<PackageSource, LoadError> {
    let unreadable = |error: &dyn std::fmt::Display| LoadError::Unreadable(format!("`{}` is not a readable wheel: {error}", wheel.display()));
    let file = std::fs::File::open(wheel).map_err(|error| unreadable(&error))?;
    let mut archive = zip::ZipArchive::new(file).map_err(|error| unreadable(&error))?;
    let temporary = temporary_folder()?;
    // `extract` refuses entries that would land outside the folder.
    archive.extract(temporary.path()).map_err(|error| unreadable(&error))?;
    let path = temporary.path().to_path_buf();
    let shown = std::path::absolute(wheel).unwrap_or_else(|_| wheel.to_path_buf());
    Ok(PackageSource { shown_as: Some((path.clone(), shown)), path, temporary: Some(temporary) })
}

/// The installed package (or module) `name`, copied with its Python files and `py.typed`.
fn copy_installed(name: &str, overrides: &Overrides) -> Result<PackageSource, LoadError> {
    let cwd = std::env::current_dir().map_err(|error| LoadError::Unreadable(format!("cannot read the current directory: {error}")))?;
    let project = Project::discover_from(&cwd, &[], overrides).map_err(LoadError::Config)?;
    let (db, _) = project.open_database().map_err(LoadError::Config)?;
    let not_installed = || LoadError::NotInstalled(name.to_string());
    let file = pytc_types::module_file(&db, name).ok_or_else(not_installed)?;
    let found = file.path(&db).as_system().ok_or_else(not_installed)?.to_path_buf();
    // A package is its folder; a module its file.
    let is_init = found.file_stem().is_some_and(|stem| stem == "__init__");
    let original = if is_init { found.parent().ok_or_else(not_installed)?.to_path_buf() } else { found };
    let temporary = temporary_folder()?;
    let file_name = original.file_name().ok_or_else(not_installed)?;
    let path = temporary.path().join(file_name);
    copy_python_files(&original, &path).map_err(|error| LoadError::Unreadable(format!("cannot copy `{}`: {error}", original.display())))?;
    Ok(PackageSource { shown_as: Some((path.clone(), original)), path, temporary: Some(temporary) })
}

/// Copies `from` (a file, or a folder with its Python files, stubs and `py.typed` markers)
/// to `to`.
fn copy_python_files(from: &Path, to: &Path) -> std::io::Result<()> {
    if from.is_file() {
        std::fs::copy(from, to)?;
        return Ok(());
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (source, name) = (entry.path(), entry.file_name());
        let file_type = entry.file_type()?;
        if file_type.is_dir() && name != "__pycache__" {
            copy_python_files(&source, &to.join(&name))?;
        } else if file_type.is_file() && (name == "py.typed" || source.extension().is_some_and(|ext| ext == "py" || ext == "pyi")) {
            std::fs::copy(&source, to.join(&name))?;
        }
    }
    Ok(())
}

//! A typeshed tree held in memory: the embedded one (decompressed once, on first use) or one
//! read from a directory through `System`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pytc_db::System;

use crate::versions::{TypeshedVersions, VersionsError};

static EMBEDDED_ZIP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/typeshed.zip"));

/// Why a typeshed tree could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum TypeshedError {
    #[error("{0} is not a typeshed directory: {0}/stdlib/VERSIONS is missing")]
    NotTypeshed(String),
    #[error("cannot read {path}: {message}")]
    Unreadable { path: String, message: String },
    #[error("{path}: {source}")]
    BadVersions { path: String, source: VersionsError },
}

/// The stub files of a typeshed tree (`stdlib/...` paths → text) and its `VERSIONS`.
#[derive(Debug)]
pub struct Typeshed {
    files: BTreeMap<String, String>,
    directories: BTreeSet<String>,
    versions: TypeshedVersions,
    root: Option<PathBuf>,
}

impl PartialEq for Typeshed {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other) || (self.root == other.root && self.files == other.files)
    }
}

impl Eq for Typeshed {}

impl Typeshed {
    /// The stubs embedded in the binary, decompressed on first use.
    pub fn embedded() -> &'static Typeshed {
        static EMBEDDED: OnceLock<Typeshed> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            let files = unzip(EMBEDDED_ZIP).expect("the typeshed zip is written by build.rs and is valid");
            Self::from_files(files, None).expect("the embedded typeshed has a valid VERSIONS file")
        })
    }

    /// A typeshed tree read from `dir` (which contains `stdlib/VERSIONS`) through `system`.
    pub fn from_directory(system: &dyn System, dir: &Path) -> Result<Typeshed, TypeshedError> {
        if !system.is_file(&dir.join("stdlib").join("VERSIONS")) {
            return Err(TypeshedError::NotTypeshed(dir.display().to_string()));
        }
        let mut files = BTreeMap::new();
        read_tree(system, dir, "stdlib", &mut files)?;
        Self::from_files(files, Some(dir.to_path_buf()))
    }

    fn from_files(files: BTreeMap<String, String>, root: Option<PathBuf>) -> Result<Typeshed, TypeshedError> {
        let versions_path = "stdlib/VERSIONS";
        let text = files.get(versions_path).ok_or_else(|| {
            TypeshedError::NotTypeshed(root.as_ref().map_or("<embedded>".into(), |r| r.display().to_string()))
        })?;
        let versions = TypeshedVersions::parse(text)
            .map_err(|source| TypeshedError::BadVersions { path: versions_path.to_string(), source })?;
        let mut directories = BTreeSet::new();
        for path in files.keys() {
            let mut dir = path.as_str();
            while let Some(slash) = dir.rfind('/') {
                dir = &dir[..slash];
                if !directories.insert(dir.to_string()) {
                    break;
                }
            }
        }
        Ok(Typeshed { files, directories, versions, root })
    }

    /// The text of a file, e.g. `read("stdlib/os/__init__.pyi")`.
    pub fn read(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(String::as_str)
    }

    /// Whether `path` (e.g. `stdlib/os`) is a directory of the tree.
    pub fn is_directory(&self, path: &str) -> bool {
        self.directories.contains(path)
    }

    /// Every file path of the tree, sorted.
    pub fn files(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The parsed `stdlib/VERSIONS`.
    pub fn versions(&self) -> &TypeshedVersions {
        &self.versions
    }

    /// The directory the tree was read from, or `None` for the embedded stubs.
    pub fn directory(&self) -> Option<&Path> {
        self.root.as_deref()
    }
}

fn unzip(bytes: &[u8]) -> zip::result::ZipResult<BTreeMap<String, String>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes))?;
    let mut files = BTreeMap::new();
    for index in 0..archive.len() {
        let mut entry = archive.by_index(index)?;
        let mut text = String::with_capacity(entry.size() as usize);
        entry.read_to_string(&mut text)?;
        files.insert(entry.name().to_string(), text);
    }
    Ok(files)
}

fn read_tree(
    system: &dyn System,
    root: &Path,
    relative: &str,
    files: &mut BTreeMap<String, String>,
) -> Result<(), TypeshedError> {
    let dir = root.join(relative);
    let unreadable = |message: String| TypeshedError::Unreadable { path: dir.display().to_string(), message };
    for name in system.read_dir(&dir).map_err(|error| unreadable(error.to_string()))? {
        let child = format!("{relative}/{name}");
        let path = root.join(&child);
        if system.is_dir(&path) {
            read_tree(system, root, &child, files)?;
        } else if name.ends_with(".pyi") || name == "VERSIONS" {
            let bytes = system.read_bytes(&path).map_err(|error| unreadable(error.to_string()))?;
            files.insert(child, String::from_utf8_lossy(&bytes).into_owned());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use pytc_db::TestSystem;
    use pytc_syntax::PythonVersion;

    use super::*;

    #[test]
    fn embedded_stubs_hold_the_stdlib_and_versions() {
        let typeshed = Typeshed::embedded();
        assert!(typeshed.read("stdlib/builtins.pyi").unwrap().contains("class object"));
        assert!(typeshed.read("stdlib/os/__init__.pyi").is_some());
        assert!(typeshed.is_directory("stdlib/collections"));
        assert!(!typeshed.is_directory("stdlib/builtins.pyi"));
        assert!(typeshed.files().count() > 500);
        assert!(typeshed.versions().is_available("tomllib", PythonVersion::PY311));
        assert!(!typeshed.versions().is_available("tomllib", PythonVersion::PY310));
        assert_eq!(typeshed.directory(), None);
    }

    #[test]
    fn reads_a_custom_typeshed_directory() {
        let system = TestSystem::default();
        system.write("/ts/stdlib/VERSIONS", "mymod: 3.8-\n");
        system.write("/ts/stdlib/mymod/__init__.pyi", "x: int\n");
        system.write("/ts/stdlib/mymod/README", "not a stub\n");
        let typeshed = Typeshed::from_directory(&system, Path::new("/ts")).unwrap();
        assert_eq!(typeshed.read("stdlib/mymod/__init__.pyi"), Some("x: int\n"));
        assert_eq!(typeshed.files().collect::<Vec<_>>(), ["stdlib/VERSIONS", "stdlib/mymod/__init__.pyi"]);
        assert!(typeshed.is_directory("stdlib/mymod"));
        assert_eq!(typeshed.directory(), Some(Path::new("/ts")));
    }

    #[test]
    fn rejects_a_directory_without_versions() {
        let system = TestSystem::default();
        system.write("/elsewhere/stdlib/os.pyi", "");
        let error = Typeshed::from_directory(&system, Path::new("/elsewhere")).unwrap_err();
        assert!(error.to_string().contains("VERSIONS is missing"), "{error}");
    }
}

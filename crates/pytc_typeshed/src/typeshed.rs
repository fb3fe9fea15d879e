//! A typeshed tree held in memory: the embedded one (decompressed once, on first use) or one
//! read from a directory through `System`.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use pytc_db::System;

use crate::versions::{TypeshedVersions, VersionsError};

static EMBEDDED_ZIP: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/typeshed.zip"));

type EmbeddedArchive = zip::ZipArchive<Cursor<&'static [u8]>>;

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

/// One file of the tree: its text, decompressed on first read for the embedded stubs.
#[derive(Debug)]
struct StubFile {
    text: OnceLock<String>,
    /// The entry in the embedded archive (`None` when read from a directory).
    entry: Option<usize>,
}

/// The stub files of a typeshed tree (`stdlib/...` paths) and its `VERSIONS`.
#[derive(Debug)]
pub struct Typeshed {
    files: BTreeMap<String, StubFile>,
    directories: BTreeSet<String>,
    versions: TypeshedVersions,
    root: Option<PathBuf>,
    archive: Option<EmbeddedArchive>,
}

impl PartialEq for Typeshed {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
            || (self.root == other.root
                && self.files.len() == other.files.len()
                && self.files().all(|path| self.read(path) == other.read(path)))
    }
}

impl Eq for Typeshed {}

impl Typeshed {
    /// The stubs embedded in the binary. The archive's listing and `VERSIONS` are read on
    /// first use; each file is decompressed the first time it is read.
    pub fn embedded() -> &'static Typeshed {
        static EMBEDDED: OnceLock<Typeshed> = OnceLock::new();
        EMBEDDED.get_or_init(|| {
            let archive = zip::ZipArchive::new(Cursor::new(EMBEDDED_ZIP))
                .expect("the typeshed zip is written by build.rs and is valid");
            // `file_names` yields the entries in archive order, so the position is the index.
            let files = archive
                .file_names()
                .enumerate()
                .map(|(entry, name)| (name.to_string(), StubFile { text: OnceLock::new(), entry: Some(entry) }))
                .collect();
            Self::from_files(files, None, Some(archive)).expect("the embedded typeshed has a valid VERSIONS file")
        })
    }

    /// A typeshed tree read from `dir` (which contains `stdlib/VERSIONS`) through `system`.
    pub fn from_directory(system: &dyn System, dir: &Path) -> Result<Typeshed, TypeshedError> {
        if !system.is_file(&dir.join("stdlib").join("VERSIONS")) {
            return Err(TypeshedError::NotTypeshed(dir.display().to_string()));
        }
        let mut files = BTreeMap::new();
        read_tree(system, dir, "stdlib", &mut files)?;
        let files = files
            .into_iter()
            .map(|(path, text)| (path, StubFile { text: OnceLock::from(text), entry: None }))
            .collect();
        Self::from_files(files, Some(dir.to_path_buf()), None)
    }

    fn from_files(
        files: BTreeMap<String, StubFile>,
        root: Option<PathBuf>,
        archive: Option<EmbeddedArchive>,
    ) -> Result<Typeshed, TypeshedError> {
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
        let mut typeshed =
            Typeshed { files, directories, versions: TypeshedVersions::default(), root, archive };
        let versions_path = "stdlib/VERSIONS";
        let text = typeshed.read(versions_path).ok_or_else(|| {
            TypeshedError::NotTypeshed(typeshed.root.as_ref().map_or("<embedded>".into(), |r| r.display().to_string()))
        })?;
        typeshed.versions = TypeshedVersions::parse(text)
            .map_err(|source| TypeshedError::BadVersions { path: versions_path.to_string(), source })?;
        Ok(typeshed)
    }

    /// The text of a file, e.g. `read("stdlib/os/__init__.pyi")`.
    pub fn read(&self, path: &str) -> Option<&str> {
        let file = self.files.get(path)?;
        Some(file.text.get_or_init(|| self.decompress(file.entry)))
    }

    fn decompress(&self, entry: Option<usize>) -> String {
        let (Some(archive), Some(entry)) = (&self.archive, entry) else {
            unreachable!("files read from a directory are loaded eagerly");
        };
        // Cloning shares the parsed central directory; only the cursor is copied.
        let mut archive = archive.clone();
        let mut file = archive.by_index(entry).expect("entries listed by the archive exist");
        let mut text = String::with_capacity(file.size() as usize);
        file.read_to_string(&mut text).expect("the embedded stubs are valid UTF-8 and intact");
        text
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

/// How deep a typeshed tree may nest; deeper means a symlink loop, not stubs.
const MAX_TREE_DEPTH: usize = 32;

fn read_tree(
    system: &dyn System,
    root: &Path,
    relative: &str,
    files: &mut BTreeMap<String, String>,
) -> Result<(), TypeshedError> {
    let dir = root.join(relative);
    let unreadable = |message: String| TypeshedError::Unreadable { path: dir.display().to_string(), message };
    if relative.split('/').count() > MAX_TREE_DEPTH {
        return Err(unreadable(format!("nested more than {MAX_TREE_DEPTH} folders deep (a symlink loop?)")));
    }
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
    fn a_symlink_loop_in_a_custom_typeshed_is_an_error() {
        let temp_dir = tempfile::tempdir().unwrap();
        let temp = temp_dir.path();
        std::fs::create_dir_all(temp.join("stdlib/pkg")).unwrap();
        std::fs::write(temp.join("stdlib/VERSIONS"), "pkg: 3.0-\n").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(temp.join("stdlib"), temp.join("stdlib/pkg/loop")).unwrap();
        let result = Typeshed::from_directory(&pytc_db::OsSystem, temp);
        #[cfg(unix)]
        assert!(result.unwrap_err().to_string().contains("symlink loop"));
    }

    #[test]
    fn rejects_a_directory_without_versions() {
        let system = TestSystem::default();
        system.write("/elsewhere/stdlib/os.pyi", "");
        let error = Typeshed::from_directory(&system, Path::new("/elsewhere")).unwrap_err();
        assert!(error.to_string().contains("VERSIONS is missing"), "{error}");
    }
}

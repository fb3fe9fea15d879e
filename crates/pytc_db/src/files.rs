//! `File` inputs and the table that interns each path to exactly one `File`.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use dashmap::DashMap;
use rustc_hash::FxBuildHasher;
use salsa::Setter;

use crate::Db;

/// Files larger than this are not parsed; they get a diagnostic instead.
pub const MAX_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Where a file lives: on the user's file system, or inside the typeshed stubs embedded in
/// the binary (a `/`-separated path relative to the typeshed root, e.g. `stdlib/os/__init__.pyi`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FilePath {
    System(PathBuf),
    Vendored(String),
}

impl FilePath {
    /// The path as a user reads it.
    pub fn display(&self) -> String {
        match self {
            Self::System(path) => path.display().to_string(),
            Self::Vendored(path) => format!("<typeshed>/{path}"),
        }
    }

    pub fn as_system(&self) -> Option<&Path> {
        match self {
            Self::System(path) => Some(path),
            Self::Vendored(_) => None,
        }
    }

    /// True for `.pyi` files.
    pub fn is_stub(&self) -> bool {
        match self {
            Self::System(path) => path.extension().is_some_and(|ext| ext == "pyi"),
            Self::Vendored(path) => path.ends_with(".pyi"),
        }
    }
}

/// The contents of a file, or why it has none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileSource {
    Text(Arc<str>),
    /// The file could not be read or decoded; the string says why, for a diagnostic.
    Unreadable(String),
}

impl FileSource {
    /// Decode bytes read from disk: UTF-8 (a BOM is dropped) or a clear reason why not.
    pub fn from_bytes(bytes: Vec<u8>) -> Self {
        if bytes.len() > MAX_FILE_BYTES {
            return Self::Unreadable(too_large_message(bytes.len() as u64));
        }
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes);
        match String::from_utf8(bytes) {
            Ok(text) => Self::Text(text.into()),
            Err(error) => Self::Unreadable(format!(
                "file is not valid UTF-8 (invalid byte at offset {})",
                error.utf8_error().valid_up_to()
            )),
        }
    }

    /// The text, or an empty string for an unreadable file.
    pub fn text(&self) -> &str {
        match self {
            Self::Text(text) => text,
            Self::Unreadable(_) => "",
        }
    }
}

/// Why a file of `len` bytes is not checked.
pub(crate) fn too_large_message(len: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    format!("file is too large to check ({} MiB; the limit is {} MiB)", len / MIB, MAX_FILE_BYTES as u64 / MIB)
}

/// A source file: the unit of parsing and checking.
#[salsa::input(debug)]
pub struct File {
    #[returns(ref)]
    pub path: FilePath,
    #[returns(ref)]
    pub source: FileSource,
}

/// Gives each path exactly one `File` input, and each file on the system one `File` however
/// it is reached: a path through a symlink and the real path are the same file (and so the
/// same module), under the path it was first reached by.
#[derive(Debug, Default)]
pub struct Files {
    by_path: DashMap<FilePath, File, FxBuildHasher>,
    /// System files by their real path (`System::canonicalize`).
    by_real_path: DashMap<PathBuf, File, FxBuildHasher>,
}

impl Files {
    /// The `File` for a path on the system, reading it the first time it is asked for.
    pub fn system(db: &dyn Db, path: &Path) -> File {
        let files = db.files();
        let key = FilePath::System(path.to_path_buf());
        if let Some(file) = files.by_path.get(&key) {
            return *file;
        }
        let real = db.system().canonicalize(path);
        let known = files.by_real_path.get(&real).map(|file| *file);
        let file = match known {
            Some(file) => file,
            None => {
                let source = read_source(db, path);
                *files.by_real_path.entry(real).or_insert_with(|| File::new(db, key.clone(), source))
            }
        };
        *files.by_path.entry(key).or_insert(file)
    }

    /// The `File` for a path whose contents the caller supplies (the embedded typeshed).
    pub fn get_or_create(db: &dyn Db, path: FilePath, source: impl FnOnce() -> FileSource) -> File {
        if let Some(file) = db.files().by_path.get(&path) {
            return *file;
        }
        let source = source();
        *db.files().by_path.entry(path.clone()).or_insert_with(|| File::new(db, path, source))
    }

    /// The `File` already known for a path, if any.
    pub fn lookup(&self, path: &FilePath) -> Option<File> {
        self.by_path.get(path).map(|file| *file)
    }

    /// Re-read a system file from disk after it changed; a no-op when the text is the same.
    pub fn refresh(db: &mut dyn Db, path: &Path) {
        let Some(file) = db.files().lookup(&FilePath::System(path.to_path_buf())) else {
            return;
        };
        let source = read_source(db, path);
        if *file.source(db) != source {
            file.set_source(db).to(source);
        }
    }
}

fn read_source(db: &dyn Db, path: &Path) -> FileSource {
    match db.system().read_bytes(path) {
        Ok(bytes) => FileSource::from_bytes(bytes),
        Err(error) if error.kind() == std::io::ErrorKind::FileTooLarge => FileSource::Unreadable(error.to_string()),
        Err(error) => FileSource::Unreadable(format!("cannot read file: {error}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding_drops_a_bom_and_explains_bad_bytes() {
        assert_eq!(FileSource::from_bytes(b"\xEF\xBB\xBFx = 1\n".to_vec()), FileSource::Text("x = 1\n".into()));
        assert_eq!(
            FileSource::from_bytes(b"s = '\xff'\n".to_vec()),
            FileSource::Unreadable("file is not valid UTF-8 (invalid byte at offset 5)".to_string())
        );
    }

    #[test]
    fn text_over_the_limit_is_refused() {
        let source = FileSource::from_bytes(vec![b' '; MAX_FILE_BYTES + 1]);
        assert_eq!(source, FileSource::Unreadable("file is too large to check (64 MiB; the limit is 64 MiB)".to_string()));
    }
}

//! All file-system access goes through `System`, so tests and the language server can
//! supply their own view of the disk.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::RwLock;

use crate::files::{MAX_FILE_BYTES, too_large_message};

/// Read-only file-system operations pytc needs.
pub trait System: Send + Sync + std::fmt::Debug {
    /// The contents of a regular file. A file larger than `MAX_FILE_BYTES` is an error of
    /// kind `FileTooLarge` whose message says so.
    fn read_bytes(&self, path: &Path) -> io::Result<Vec<u8>>;
    fn is_file(&self, path: &Path) -> bool;
    fn is_dir(&self, path: &Path) -> bool;
    /// Names of the entries of a directory (files and folders), sorted.
    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>>;
    /// `path` with symlinks resolved, or `path` itself when that is impossible.
    fn canonicalize(&self, path: &Path) -> PathBuf;
}

/// The real operating-system file system.
#[derive(Debug, Default)]
pub struct OsSystem;

impl System for OsSystem {
    /// Looks before it reads: opening a named pipe or a device (`pytc check /dev/stdin`)
    /// would block or never end, and a huge file is refused without being loaded.
    fn read_bytes(&self, path: &Path) -> io::Result<Vec<u8>> {
        let metadata = std::fs::metadata(path)?;
        if !metadata.is_file() {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, "not a regular file"));
        }
        if metadata.len() > MAX_FILE_BYTES as u64 {
            return Err(io::Error::new(io::ErrorKind::FileTooLarge, too_large_message(metadata.len())));
        }
        let mut bytes = Vec::with_capacity(metadata.len() as usize);
        // The file may have grown since: read one byte past the limit at most, so
        // `FileSource::from_bytes` still sees that it is too large.
        std::fs::File::open(path)?.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes)?;
        Ok(bytes)
    }
    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
    fn is_dir(&self, path: &Path) -> bool {
        path.is_dir()
    }
    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>> {
        let mut names: Vec<String> = std::fs::read_dir(path)?
            .filter_map(|entry| entry.ok())
            .filter_map(|entry| entry.file_name().into_string().ok())
            .collect();
        names.sort();
        Ok(names)
    }
    fn canonicalize(&self, path: &Path) -> PathBuf {
        dunce_canonicalize(path)
    }
}

fn dunce_canonicalize(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}

/// An in-memory file system for tests.
#[derive(Debug, Default)]
pub struct TestSystem {
    files: RwLock<BTreeMap<PathBuf, Vec<u8>>>,
}

impl TestSystem {
    pub fn write(&self, path: impl Into<PathBuf>, contents: impl Into<Vec<u8>>) {
        self.files.write().unwrap().insert(path.into(), contents.into());
    }
}

impl System for TestSystem {
    fn read_bytes(&self, path: &Path) -> io::Result<Vec<u8>> {
        self.files
            .read()
            .unwrap()
            .get(path)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, "no such file"))
    }
    fn is_file(&self, path: &Path) -> bool {
        self.files.read().unwrap().contains_key(path)
    }
    fn is_dir(&self, path: &Path) -> bool {
        self.files.read().unwrap().keys().any(|file| file.starts_with(path) && file != path)
    }
    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>> {
        let files = self.files.read().unwrap();
        let mut names: Vec<String> = files
            .keys()
            .filter_map(|file| file.strip_prefix(path).ok())
            .filter_map(|rest| rest.components().next())
            .map(|first| first.as_os_str().to_string_lossy().into_owned())
            .collect();
        names.dedup();
        if names.is_empty() && !self.is_dir(path) {
            return Err(io::Error::new(io::ErrorKind::NotFound, "no such directory"));
        }
        Ok(names)
    }
    fn canonicalize(&self, path: &Path) -> PathBuf {
        path.to_path_buf()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_regular_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.py");
        std::fs::write(&path, "x = 1\n").unwrap();
        assert_eq!(OsSystem.read_bytes(&path).unwrap(), b"x = 1\n");
    }

    #[test]
    fn refuses_a_file_over_the_limit_without_reading_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.py");
        // A sparse file: 100 MiB long, but nothing written, so the test stays cheap.
        std::fs::File::create(&path).unwrap().set_len(100 * 1024 * 1024).unwrap();
        let error = OsSystem.read_bytes(&path).unwrap_err();
        assert_eq!(error.kind(), io::ErrorKind::FileTooLarge);
        assert_eq!(error.to_string(), "file is too large to check (100 MiB; the limit is 64 MiB)");
    }

    #[cfg(unix)]
    #[test]
    fn refuses_a_named_pipe_instead_of_blocking_on_it() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pipe.py");
        let made = std::process::Command::new("mkfifo").arg(&path).status().unwrap();
        assert!(made.success());
        let error = OsSystem.read_bytes(&path).unwrap_err();
        assert_eq!(error.to_string(), "not a regular file");
        assert_eq!(OsSystem.read_bytes(Path::new("/dev/null")).unwrap_err().to_string(), "not a regular file");
    }
}

//! All file-system access goes through `System`, so tests and the language server can
//! supply their own view of the disk.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::RwLock;

/// Read-only file-system operations pytc needs.
pub trait System: Send + Sync + std::fmt::Debug {
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
    fn read_bytes(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
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

//! Noticing files changed on disk when the client cannot watch them (Neovim on Linux does
//! not by default). Every database reads the disk through one `RecordingSystem`, which
//! remembers what it saw: the modification time and size of each file it read and folder it
//! listed, and whether each path it probed existed (a module or package created or deleted
//! where an import looked changes what the import resolves to). When the client offers no
//! `workspace/didChangeWatchedFiles`, a thread compares them with the disk every
//! `POLL_INTERVAL` and reports what changed to the session, as the client would have.
//! It also makes documents open in the editor but not (yet) saved count as existing files,
//! so imports of a module the user has just created resolve before it is written.

use std::collections::{HashMap, HashSet};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, SystemTime};

use pytc_db::{OsSystem, System};

use crate::session::Command;

/// How often the disk is looked at when the client does not watch it, at most.
const POLL_INTERVAL: Duration = Duration::from_secs(1);

/// A look at the disk is followed by a pause this many times as long, so that a project
/// with very many files costs at most a twentieth of a core.
const PAUSE_PER_LOOK: u32 = 20;

/// How pytc used a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Use {
    /// Its contents were read.
    Read,
    /// Its entries were listed.
    Listed,
    /// Whether it exists was asked.
    Probed,
}

/// What the disk said about a path: modification time and size, or nothing (missing). A
/// probed path only records whether it exists.
type Stamp = Option<(SystemTime, u64)>;

fn observe(path: &Path, usage: Use) -> Stamp {
    let metadata = std::fs::metadata(path).ok()?;
    match usage {
        Use::Probed => Some((SystemTime::UNIX_EPOCH, 0)),
        Use::Read | Use::Listed => Some((metadata.modified().ok()?, metadata.len())),
    }
}

/// The real file system, remembering what pytc saw of it, plus the documents open in the
/// editor.
#[derive(Debug, Default)]
pub struct RecordingSystem {
    seen: Mutex<HashMap<(PathBuf, Use), Stamp>>,
    open_documents: Mutex<HashSet<PathBuf>>,
}

/// What changed on disk since it was last seen.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct DiskChanges {
    /// Files read before whose contents may differ now.
    pub files: Vec<PathBuf>,
    /// Whether a probed path appeared or disappeared, or a listed folder changed.
    pub structure_changed: bool,
}

impl RecordingSystem {
    fn seen(&self) -> std::sync::MutexGuard<'_, HashMap<(PathBuf, Use), Stamp>> {
        self.seen.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Remember what the disk says of `path` now. A read replaces what was known (the
    /// contents now in the database are the current ones); a listing or probe keeps the
    /// first observation, so a change after it is still noticed.
    fn note(&self, path: &Path, usage: Use) {
        let key = (path.to_path_buf(), usage);
        if usage != Use::Read && self.seen().contains_key(&key) {
            return;
        }
        let stamp = observe(path, usage);
        self.seen().insert(key, stamp);
    }

    /// Count `path` as an existing file while the editor has it open (`open`), whether or not
    /// it is on disk.
    pub fn set_open(&self, path: &Path, open: bool) {
        let mut documents = self.open_documents.lock().unwrap_or_else(PoisonError::into_inner);
        if open {
            documents.insert(path.to_path_buf());
        } else {
            documents.remove(path);
        }
    }

    fn is_open(&self, path: &Path) -> bool {
        self.open_documents.lock().unwrap_or_else(PoisonError::into_inner).contains(path)
    }

    /// Look at `path` from now on as if it had been read (a file read outside the database).
    pub fn remember_file(&self, path: &Path) {
        self.note(path, Use::Read);
    }

    /// Compare everything seen with the disk, and remember the disk's state from now on.
    pub fn changes(&self) -> DiskChanges {
        let known: Vec<((PathBuf, Use), Stamp)> = self.seen().iter().map(|(key, stamp)| (key.clone(), *stamp)).collect();
        let mut changes = DiskChanges::default();
        let mut updates = Vec::new();
        for ((path, usage), stamp) in known {
            let now = observe(&path, usage);
            if now == stamp {
                continue;
            }
            match usage {
                Use::Read => changes.files.push(path.clone()),
                Use::Listed | Use::Probed => changes.structure_changed = true,
            }
            updates.push(((path, usage), now));
        }
        self.seen().extend(updates);
        changes.files.sort();
        changes
    }
}

impl System for RecordingSystem {
    fn read_bytes(&self, path: &Path) -> io::Result<Vec<u8>> {
        // Stamped before reading: a write in between is seen as a change at the next look.
        self.note(path, Use::Read);
        OsSystem.read_bytes(path)
    }

    fn is_file(&self, path: &Path) -> bool {
        self.note(path, Use::Probed);
        self.is_open(path) || OsSystem.is_file(path)
    }

    fn is_dir(&self, path: &Path) -> bool {
        self.note(path, Use::Probed);
        OsSystem.is_dir(path)
    }

    fn read_dir(&self, path: &Path) -> io::Result<Vec<String>> {
        self.note(path, Use::Listed);
        OsSystem.read_dir(path)
    }

    fn canonicalize(&self, path: &Path) -> PathBuf {
        OsSystem.canonicalize(path)
    }
}

/// Look at the disk every `POLL_INTERVAL` (or less often when a look takes long) and tell
/// the session what changed, until the session is gone.
pub fn spawn_poller(system: Arc<RecordingSystem>, session: Sender<Command>) {
    let poll = move || {
        let mut pause = POLL_INTERVAL;
        loop {
            std::thread::sleep(pause);
            let started = std::time::Instant::now();
            let DiskChanges { files, structure_changed } = system.changes();
            pause = POLL_INTERVAL.max(started.elapsed() * PAUSE_PER_LOOK);
            if files.is_empty() && !structure_changed {
                continue;
            }
            if session.send(Command::FilesChanged { paths: files, structure_changed }).is_err() {
                return;
            }
        }
    };
    // Without the thread the server still works; changes on disk are then noticed only
    // through the client.
    let _ = std::thread::Builder::new().name("pytc-disk-poller".into()).spawn(poll);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reports_changed_files_and_created_modules_once() {
        let folder = tempfile::tempdir().unwrap();
        let module = folder.path().join("module.py");
        std::fs::write(&module, "x = 1\n").unwrap();
        let system = RecordingSystem::default();
        assert_eq!(system.read_bytes(&module).unwrap(), b"x = 1\n");
        assert!(!system.is_file(&folder.path().join("sub/missing.py")));
        assert_eq!(system.changes(), DiskChanges::default());

        std::fs::write(&module, "x = 22\n").unwrap();
        assert_eq!(system.changes(), DiskChanges { files: vec![module.clone()], structure_changed: false });
        assert_eq!(system.changes(), DiskChanges::default(), "a change is reported once");

        // Another file in the folder changes nothing pytc looked at.
        std::fs::write(folder.path().join("unrelated.txt"), "").unwrap();
        assert_eq!(system.changes(), DiskChanges::default());

        // The module an import looked for is created.
        std::fs::create_dir(folder.path().join("sub")).unwrap();
        std::fs::write(folder.path().join("sub/missing.py"), "").unwrap();
        assert!(system.changes().structure_changed);
        assert_eq!(system.changes(), DiskChanges::default());
    }
}

//! The session: the one thread that owns the mutable databases (one per workspace folder,
//! see `folders`). Every change (an edit, a file changed on disk, new settings) is a
//! `Command` applied here in arrival order; reads get a `Snapshot` of the folder that owns
//! their document. It also decides when the open documents are checked again: at once
//! after an edit when nothing is in flight, else once edits pause for `DEBOUNCE`.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant};

use tower_lsp_server::ls_types::{MessageType, TextDocumentContentChangeEvent, Uri};

use crate::checker::{CheckJob, CheckOutcome, CheckTarget, spawn_checker};
use crate::disk_watch::{RecordingSystem, spawn_poller};
use crate::document::Document;
use crate::folders::{Folder, OpenTexts, adopter_of, is_config_file, owner_of};
use crate::outbox::{Outbox, Outgoing};
use crate::position::PositionEncoding;
use crate::settings::ClientSettings;
use crate::snapshot::Snapshot;
use crate::uris::file_path_of_uri;
use crate::workspace::WorkspaceConfig;

/// How long edits must pause before a check that would interrupt typing starts.
pub const DEBOUNCE: Duration = Duration::from_millis(60);

/// How diagnostics reach the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticsMode {
    /// The server publishes them (`textDocument/publishDiagnostics`).
    Push,
    /// The client pulls them (`textDocument/diagnostic`); the server asks it to pull again
    /// (`workspace/diagnostic/refresh`) after every change, which may reach dependents.
    Pull,
}

pub enum Command {
    /// `poll_disk` when the client cannot report file changes: the server looks itself.
    Initialize { config: WorkspaceConfig, encoding: PositionEncoding, mode: DiagnosticsMode, poll_disk: bool },
    Open { uri: Uri, text: String, version: i32 },
    Change { uri: Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent> },
    Close { uri: Uri },
    /// Files changed on disk; `structure_changed` when some were created or deleted.
    FilesChanged { paths: Vec<PathBuf>, structure_changed: bool },
    /// The editor's settings: editor-wide (`None` keeps those known), and scoped to folders
    /// (which replace the folder settings known so far).
    Configure { settings: Option<ClientSettings>, folder_settings: BTreeMap<PathBuf, ClientSettings> },
    Roots { added: Vec<PathBuf>, removed: Vec<PathBuf> },
    /// A snapshot of the folder that owns the document (of the first folder without one).
    Snapshot(Option<Uri>, tokio::sync::oneshot::Sender<Snapshot>),
    /// A snapshot of every folder, in the client's order.
    Snapshots(tokio::sync::oneshot::Sender<Vec<Snapshot>>),
    /// A snapshot of every folder once nothing has changed for the given time; else how
    /// much longer to wait for that.
    IdleSnapshots(Duration, tokio::sync::oneshot::Sender<Result<Vec<Snapshot>, Duration>>),
    ChecksFinished(CheckOutcome),
    /// The server has stopped: end the session (and with it the checker and disk poller,
    /// which hold its queue).
    Stop,
}

/// The handle the request handlers use to reach the session.
#[derive(Clone)]
pub struct SessionHandle {
    commands: Sender<Command>,
}

impl SessionHandle {
    /// Start the session thread with a default database until `Initialize` arrives.
    pub fn spawn(outbox: Outbox) -> Self {
        let (commands, receiver) = std::sync::mpsc::channel();
        let checker = spawn_checker(outbox.clone(), commands.clone());
        let session = Session::new(outbox, checker, commands.clone());
        std::thread::Builder::new()
            .name("pytc-session".into())
            .stack_size(crate::WORKER_STACK_BYTES)
            .spawn(move || session.run(receiver))
            .expect("the session thread can be started");
        Self { commands }
    }

    pub fn send(&self, command: Command) {
        // The session only stops when every handle is gone.
        let _ = self.commands.send(command);
    }

    pub async fn snapshot(&self, uri: Option<Uri>) -> Option<Snapshot> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.send(Command::Snapshot(uri, reply));
        answer.await.ok()
    }

    pub async fn snapshots(&self) -> Option<Vec<Snapshot>> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.send(Command::Snapshots(reply));
        answer.await.ok()
    }
}

struct Session {
    /// One per workspace folder, in the client's order; never empty.
    folders: Vec<Folder>,
    config: WorkspaceConfig,
    /// The open documents; every folder's database holds them too.
    documents: OpenTexts,
    /// For open documents outside every folder: the folder whose imports reached them.
    adopters: HashMap<Uri, PathBuf>,
    /// When each open document was last edited, to check the latest edit first.
    edited_at: HashMap<Uri, Instant>,
    encoding: PositionEncoding,
    mode: DiagnosticsMode,
    outbox: Outbox,
    checker: Sender<CheckJob>,
    /// The session's own queue, for the disk poller.
    commands: Sender<Command>,
    /// How every folder's database reads the disk, remembering what it read.
    system: Arc<RecordingSystem>,
    /// When the open documents should be checked next, if something changed.
    check_due: Option<Instant>,
    check_running: bool,
    /// The last run was cancelled by an edit: the user is typing, so wait for a pause.
    typing: bool,
    /// When something last changed (an edit, the disk, the settings).
    changed_at: Instant,
}

impl Session {
    fn new(outbox: Outbox, checker: Sender<CheckJob>, commands: Sender<Command>) -> Self {
        // Until `initialize` names the workspace, nothing is read from disk.
        Self {
            folders: vec![Folder::unconfigured()],
            config: WorkspaceConfig::default(),
            documents: OpenTexts::new(),
            adopters: HashMap::new(),
            edited_at: HashMap::new(),
            encoding: PositionEncoding::default(),
            mode: DiagnosticsMode::Push,
            outbox,
            checker,
            commands,
            system: Arc::default(),
            check_due: None,
            check_running: false,
            typing: false,
            changed_at: Instant::now(),
        }
    }

    fn run(mut self, commands: Receiver<Command>) {
        loop {
            let command = match self.check_due {
                Some(due) if !self.check_running => {
                    match commands.recv_timeout(due.saturating_duration_since(Instant::now())) {
                        Ok(command) => Some(command),
                        Err(RecvTimeoutError::Timeout) => None,
                        Err(RecvTimeoutError::Disconnected) => return,
                    }
                }
                _ => match commands.recv() {
                    Ok(command) => Some(command),
                    Err(_) => return,
                },
            };
            if let Some(command) = command {
                // Apply everything already queued before deciding to check.
                for command in std::iter::once(command).chain(std::iter::from_fn(|| commands.try_recv().ok())) {
                    if matches!(command, Command::Stop) {
                        return;
                    }
                    self.handle_guarded(command);
                }
            }
            if self.check_due.is_some_and(|due| due <= Instant::now()) && !self.check_running {
                self.start_check();
            }
        }
    }

    /// Apply a command; a bug in one command must not end the session.
    fn handle_guarded(&mut self, command: Command) {
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.handle(command)));
        if let Err(payload) = result {
            let message = crate::diagnostics::panic_message(&*payload);
            self.log(MessageType::ERROR, format!("pytc: internal error while applying a change: {message}"));
        }
    }

    fn handle(&mut self, command: Command) {
        match command {
            Command::Initialize { config, encoding, mode, poll_disk } => {
                self.encoding = encoding;
                self.mode = mode;
                self.config = config;
                self.rebuild_folders(|_| true);
                if poll_disk {
                    spawn_poller(self.system.clone(), self.commands.clone());
                }
                // A run that checks no document: after it the checker reads the editor's
                // indexes ahead, before any document is opened and in pull mode too, where
                // it is given nothing else to run.
                let snapshots = self.folders.iter().map(|folder| folder.snapshot(self.encoding)).collect();
                self.check_running = self.checker.send(CheckJob { snapshots, targets: Vec::new() }).is_ok();
            }
            Command::Open { uri, text, version } => self.open(uri, text, version),
            Command::Change { uri, version, changes } => self.change(uri, version, changes),
            Command::Close { uri } => self.close(&uri),
            Command::FilesChanged { paths, structure_changed } => self.files_changed(paths, structure_changed),
            Command::Configure { settings, folder_settings } => {
                let old = self.config.clone();
                if let Some(settings) = settings {
                    self.config.settings = settings;
                }
                self.config.folder_settings = folder_settings;
                // Only the folders whose settings changed need a new database.
                let config = self.config.clone();
                self.rebuild_folders(|root| old.settings_for(root) != config.settings_for(root));
            }
            Command::Roots { added, removed } => {
                self.config.roots.retain(|root| !removed.contains(root));
                self.config.folder_settings.retain(|root, _| !removed.contains(root));
                for root in added {
                    if !self.config.roots.contains(&root) {
                        self.config.roots.push(root);
                    }
                }
                // Every folder's import roots include the others: all are rebuilt.
                self.rebuild_folders(|_| true);
            }
            Command::Snapshot(uri, reply) => {
                let _ = reply.send(self.snapshot(uri.as_ref()));
            }
            Command::Snapshots(reply) => {
                let _ = reply.send(self.folders.iter().map(|folder| folder.snapshot(self.encoding)).collect());
            }
            Command::IdleSnapshots(quiet, reply) => {
                let idle = self.changed_at.elapsed();
                let answer = match quiet.checked_sub(idle) {
                    Some(remaining) if !remaining.is_zero() => Err(remaining),
                    _ => Ok(self.folders.iter().map(|folder| folder.snapshot(self.encoding)).collect()),
                };
                let _ = reply.send(answer);
            }
            // `run` ends the session before handling it.
            Command::Stop => {}
            Command::ChecksFinished(outcome) => {
                self.check_running = false;
                self.typing = outcome == CheckOutcome::Cancelled;
                match outcome {
                    // An edit interrupted the run: the user is typing, so wait for a pause.
                    CheckOutcome::Cancelled => {
                        self.check_due.get_or_insert_with(|| Instant::now() + DEBOUNCE);
                    }
                    // Changes that came in after the run had done its work interrupted
                    // nothing: check them at once.
                    CheckOutcome::Finished => {
                        if self.check_due.is_some() {
                            self.check_due = Some(Instant::now());
                        }
                    }
                }
            }
        }
    }

    fn snapshot(&self, uri: Option<&Uri>) -> Snapshot {
        let owner = uri.map_or(0, |uri| self.owner(uri));
        self.folders[owner].snapshot(self.encoding)
    }

    /// The index of the folder that owns `uri`.
    fn owner(&self, uri: &Uri) -> usize {
        owner_of(&self.folders, uri, self.adopters.get(uri).map(PathBuf::as_path))
    }

    fn open(&mut self, uri: Uri, text: String, version: i32) {
        // Decided before every folder's database holds the document.
        match adopter_of(&self.folders, &uri) {
            Some(root) => self.adopters.insert(uri.clone(), root),
            None => self.adopters.remove(&uri),
        };
        let document = Arc::new(Document::new(text, version));
        let unsaved = self.track_unsaved(&uri, true);
        for folder in &mut self.folders {
            folder.set_document(&uri, document.clone());
            if unsaved {
                folder.imports_changed();
            }
        }
        self.documents.insert(uri.clone(), document);
        self.note_change(Some(uri));
    }

    /// Count an open document as a file on disk for imports (or stop, once closed); whether
    /// it is not on disk, so imports of it resolve differently now.
    fn track_unsaved(&self, uri: &Uri, open: bool) -> bool {
        let path = file_path_of_uri(uri);
        // `untitled:` documents have no path an import could name.
        let Some(path) = path.as_system().filter(|path| path.is_absolute()) else { return false };
        self.system.set_open(path, open);
        !path.is_file()
    }

    fn change(&mut self, uri: Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        // Documents that are not open here (not Python, or never opened) are not tracked.
        let Some(document) = self.documents.get_mut(&uri) else { return };
        if version <= document.version() {
            let message = format!(
                "pytc: ignoring a stale change to {} (version {version}, but version {} is already applied)",
                uri.as_str(),
                document.version()
            );
            self.log(MessageType::WARNING, message);
            return;
        }
        Arc::make_mut(document).apply_changes(version, changes, self.encoding);
        let document = document.clone();
        for folder in &mut self.folders {
            folder.set_document(&uri, document.clone());
        }
        self.note_change(Some(uri));
    }

    fn close(&mut self, uri: &Uri) {
        if self.documents.remove(uri).is_none() {
            return;
        }
        self.edited_at.remove(uri);
        self.adopters.remove(uri);
        let unsaved = self.track_unsaved(uri, false);
        for folder in &mut self.folders {
            folder.close(uri);
            if unsaved {
                folder.imports_changed();
            }
        }
        self.note_change(None);
    }

    fn files_changed(&mut self, paths: Vec<PathBuf>, structure_changed: bool) {
        let changed_configs: Vec<&PathBuf> = paths.iter().filter(|path| is_config_file(path)).collect();
        let rebuilt: Vec<PathBuf> = self
            .folders
            .iter()
            .filter(|folder| changed_configs.iter().any(|path| folder.depends_on_config_file(path)))
            .map(|folder| folder.root().to_path_buf())
            .collect();
        for folder in self.folders.iter_mut().filter(|folder| !rebuilt.iter().any(|root| root == folder.root())) {
            folder.files_changed(&paths, structure_changed);
        }
        self.rebuild_folders(|root| rebuilt.iter().any(|rebuilt| rebuilt == root));
        self.note_change(None);
    }

    /// New databases for the folders `needs_rebuild` picks (their settings or the set of
    /// folders changed), with the open documents carried over.
    fn rebuild_folders(&mut self, needs_rebuild: impl Fn(&std::path::Path) -> bool) {
        let mut old: Vec<Folder> = std::mem::take(&mut self.folders);
        let mut warnings = Vec::new();
        let mut rebuilt = false;
        for root in self.config.folder_roots() {
            let kept = old.iter().position(|folder| folder.root() == root).filter(|_| !needs_rebuild(&root));
            let folder = match kept {
                Some(index) => old.swap_remove(index),
                None => {
                    rebuilt = true;
                    let folder = Folder::build(&root, &self.config, &self.documents, self.system.clone(), &mut warnings);
                    // Configuration files are read outside the database: the disk poller
                    // must look at them too.
                    for path in folder.config_files() {
                        self.system.remember_file(path);
                    }
                    folder
                }
            };
            self.folders.push(folder);
        }
        rebuilt |= !old.is_empty();
        // Work still running on the replaced databases is stale: stop it.
        for folder in old {
            folder.cancel_work();
        }
        // Folders sharing a broken setting would each report it.
        let mut shown: Vec<String> = Vec::new();
        for warning in warnings {
            if !shown.contains(&warning) {
                let _ = self.outbox.send(Outgoing::Show(MessageType::WARNING, warning.clone()));
                shown.push(warning);
            }
        }
        if rebuilt {
            self.note_change(None);
        }
    }

    /// Something changed: schedule a check of the open documents.
    fn note_change(&mut self, edited: Option<Uri>) {
        let now = Instant::now();
        self.changed_at = now;
        if let Some(uri) = edited {
            self.edited_at.insert(uri, now);
        }
        let interrupts = self.check_running || self.typing;
        self.check_due = Some(if interrupts { now + DEBOUNCE } else { now });
    }

    fn start_check(&mut self) {
        let stale: Vec<PathBuf> =
            self.folders.iter().filter(|folder| folder.config_changed_on_disk()).map(|folder| folder.root().to_path_buf()).collect();
        if !stale.is_empty() {
            self.rebuild_folders(|root| stale.iter().any(|stale| stale == root));
        }
        self.check_due = None;
        match self.mode {
            DiagnosticsMode::Pull => {
                let _ = self.outbox.send(Outgoing::RefreshDiagnostics);
            }
            DiagnosticsMode::Push => {
                // Each document is checked in the folder that owns it.
                let mut targets: Vec<CheckTarget> = self
                    .documents
                    .iter()
                    .filter_map(|(uri, document)| {
                        let owner = self.owner(uri);
                        let file = self.folders[owner].document(uri)?.file;
                        Some(CheckTarget { uri: uri.clone(), file, version: document.version(), snapshot: owner })
                    })
                    .collect();
                targets.sort_by_key(|target| std::cmp::Reverse(self.edited_at.get(&target.uri).copied()));
                let snapshots = self.folders.iter().map(|folder| folder.snapshot(self.encoding)).collect();
                let job = CheckJob { snapshots, targets };
                self.check_running = self.checker.send(job).is_ok();
            }
        }
    }

    fn log(&self, kind: MessageType, message: String) {
        let _ = self.outbox.send(Outgoing::Log(kind, message));
    }
}

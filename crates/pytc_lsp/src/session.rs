//! The session: the one thread that owns the mutable database. Every change (an edit, a
//! file changed on disk, new settings) is a `Command` applied here in arrival order; reads
//! get a `Snapshot`. It also decides when the open documents are checked again: at once
//! after an edit when nothing is in flight, else once edits pause for `DEBOUNCE`.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime};

use pytc_db::{FilePath, FileSource, Files};
use pytc_checker::RuleLevels;
use pytc_project::ProjectDatabase;
use salsa::Setter;
use tower_lsp_server::ls_types::{MessageType, TextDocumentContentChangeEvent, Uri};

use crate::checker::{CheckJob, CheckOutcome, CheckTarget, spawn_checker};
use crate::document::Document;
use crate::outbox::{Outbox, Outgoing};
use crate::position::PositionEncoding;
use crate::settings::ClientSettings;
use crate::snapshot::{DocumentTable, OpenDocument, Snapshot};
use crate::uris::file_path_of_uri;
use crate::workspace::{Workspace, WorkspaceConfig, build_workspace};

/// How long edits must pause before a check that would interrupt typing starts.
pub const DEBOUNCE: Duration = Duration::from_millis(60);

/// Configuration files whose change rebuilds the database.
const CONFIG_FILE_NAMES: [&str; 2] = ["pyproject.toml", "pytc.toml"];

/// How diagnostics reach the client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiagnosticsMode {
    /// The server publishes them (`textDocument/publishDiagnostics`).
    Push,
    /// The client pulls them; the server asks it to pull again when dependencies change.
    Pull { refresh_support: bool },
}

pub enum Command {
    Initialize { config: WorkspaceConfig, encoding: PositionEncoding, mode: DiagnosticsMode },
    Open { uri: Uri, text: String, version: i32 },
    Change { uri: Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent> },
    Close { uri: Uri },
    /// Files changed on disk; `structure_changed` when some were created or deleted.
    FilesChanged { paths: Vec<PathBuf>, structure_changed: bool },
    Configure(ClientSettings),
    Roots { added: Vec<PathBuf>, removed: Vec<PathBuf> },
    Snapshot(tokio::sync::oneshot::Sender<Snapshot>),
    ChecksFinished(CheckOutcome),
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
        let session = Session::new(outbox, checker);
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

    pub async fn snapshot(&self) -> Option<Snapshot> {
        let (reply, answer) = tokio::sync::oneshot::channel();
        self.send(Command::Snapshot(reply));
        answer.await.ok()
    }
}

struct Session {
    db: ProjectDatabase,
    rule_levels: Arc<RuleLevels>,
    /// The configuration files and their modification times when the database was built,
    /// to notice changes even when the client reports no file events.
    config_stamps: Vec<(PathBuf, Option<SystemTime>)>,
    config: WorkspaceConfig,
    documents: Arc<DocumentTable>,
    /// When each open document was last edited, to check the latest edit first.
    edited_at: HashMap<Uri, Instant>,
    encoding: PositionEncoding,
    mode: DiagnosticsMode,
    outbox: Outbox,
    checker: Sender<CheckJob>,
    /// When the open documents should be checked next, if something changed.
    check_due: Option<Instant>,
    check_running: bool,
    /// The last run was cancelled by an edit: the user is typing, so wait for a pause.
    typing: bool,
}

impl Session {
    fn new(outbox: Outbox, checker: Sender<CheckJob>) -> Self {
        // Until `initialize` names the workspace, nothing is read from disk.
        let config = WorkspaceConfig::default();
        let workspace = Workspace::unconfigured();
        Self {
            config_stamps: stamps(&workspace.config_files),
            db: workspace.db,
            rule_levels: Arc::new(workspace.rule_levels),
            config,
            documents: Arc::default(),
            edited_at: HashMap::new(),
            encoding: PositionEncoding::default(),
            mode: DiagnosticsMode::Push,
            outbox,
            checker,
            check_due: None,
            check_running: false,
            typing: false,
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
                self.handle_guarded(command);
                // Apply everything already queued before deciding to check.
                while let Ok(command) = commands.try_recv() {
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
            Command::Initialize { config, encoding, mode } => {
                self.encoding = encoding;
                self.mode = mode;
                self.config = config;
                self.rebuild_database();
            }
            Command::Open { uri, text, version } => self.open(uri, text, version),
            Command::Change { uri, version, changes } => self.change(uri, version, changes),
            Command::Close { uri } => self.close(&uri),
            Command::FilesChanged { paths, structure_changed } => self.files_changed(paths, structure_changed),
            Command::Configure(settings) => {
                if settings != self.config.settings {
                    self.config.settings = settings;
                    self.rebuild_database();
                }
            }
            Command::Roots { added, removed } => {
                self.config.roots.retain(|root| !removed.contains(root));
                self.config.roots.extend(added);
                self.rebuild_database();
            }
            Command::Snapshot(reply) => {
                let _ = reply.send(self.snapshot());
            }
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

    fn snapshot(&self) -> Snapshot {
        Snapshot {
            db: self.db.clone(),
            documents: self.documents.clone(),
            encoding: self.encoding,
            rule_levels: self.rule_levels.clone(),
        }
    }

    fn open(&mut self, uri: Uri, text: String, version: i32) {
        let path = file_path_of_uri(&uri);
        let source = FileSource::Text(Arc::from(text.as_str()));
        let file = Files::get_or_create(&self.db, path.clone(), || source.clone());
        // Embedded stubs are read-only: their text is the stub's, whatever the editor says.
        if matches!(path, FilePath::System(_)) && *file.source(&self.db) != source {
            file.set_source(&mut self.db).to(source);
        }
        let document = Arc::new(Document::new(text, version));
        Arc::make_mut(&mut self.documents).insert(uri.clone(), OpenDocument { file, document });
        self.note_change(Some(uri));
    }

    fn change(&mut self, uri: Uri, version: i32, changes: Vec<TextDocumentContentChangeEvent>) {
        let encoding = self.encoding;
        // Documents that are not open here (not Python, or never opened) are not tracked.
        let Some(open) = Arc::make_mut(&mut self.documents).get_mut(&uri) else { return };
        if version <= open.document.version() {
            let message = format!(
                "pytc: ignoring a stale change to {} (version {version}, but version {} is already applied)",
                uri.as_str(),
                open.document.version()
            );
            self.log(MessageType::WARNING, message);
            return;
        }
        Arc::make_mut(&mut open.document).apply_changes(version, changes, encoding);
        let file = open.file;
        let text = Arc::from(open.document.text());
        if matches!(file.path(&self.db), FilePath::System(_)) {
            file.set_source(&mut self.db).to(FileSource::Text(text));
        }
        self.note_change(Some(uri));
    }

    fn close(&mut self, uri: &Uri) {
        let Some(open) = Arc::make_mut(&mut self.documents).remove(uri) else { return };
        self.edited_at.remove(uri);
        // The disk's text applies again once the editor lets go of the file.
        if let FilePath::System(path) = open.file.path(&self.db).clone() {
            Files::refresh(&mut self.db, &path);
        }
        self.note_change(None);
    }

    fn files_changed(&mut self, paths: Vec<PathBuf>, structure_changed: bool) {
        if paths.iter().any(|path| is_config_file(path)) {
            self.rebuild_database();
            return;
        }
        let open_paths: Vec<FilePath> = self.documents.values().map(|open| open.file.path(&self.db).clone()).collect();
        for path in paths {
            // The editor's text wins over the disk for open documents.
            if !open_paths.contains(&FilePath::System(path.clone())) {
                Files::refresh(&mut self.db, &path);
            }
        }
        // Module resolution reads folders directly: a new or removed file can change it.
        if structure_changed {
            pytc_module_resolver::invalidate_resolutions(&mut self.db);
        }
        self.note_change(None);
    }

    /// A new database (settings or roots changed), with the open documents carried over.
    fn rebuild_database(&mut self) {
        let workspace = build_workspace(&self.config);
        self.config_stamps = stamps(&workspace.config_files);
        self.db = workspace.db;
        self.rule_levels = Arc::new(workspace.rule_levels);
        for warning in workspace.warnings {
            let _ = self.outbox.send(Outgoing::Show(MessageType::WARNING, warning));
        }
        let documents: Vec<(Uri, Arc<Document>)> =
            self.documents.iter().map(|(uri, open)| (uri.clone(), open.document.clone())).collect();
        let mut table = DocumentTable::new();
        for (uri, document) in documents {
            let path = file_path_of_uri(&uri);
            let text = document.text();
            let file = Files::get_or_create(&self.db, path, || FileSource::Text(Arc::from(text)));
            table.insert(uri, OpenDocument { file, document });
        }
        self.documents = Arc::new(table);
        self.note_change(None);
    }

    /// Something changed: schedule a check of the open documents.
    fn note_change(&mut self, edited: Option<Uri>) {
        let now = Instant::now();
        if let Some(uri) = edited {
            self.edited_at.insert(uri, now);
        }
        let interrupts = self.check_running || self.typing;
        self.check_due = Some(if interrupts { now + DEBOUNCE } else { now });
    }

    fn start_check(&mut self) {
        if self.config_stamps.iter().any(|(path, stamp)| modified(path) != *stamp) {
            self.rebuild_database();
        }
        self.check_due = None;
        match self.mode {
            DiagnosticsMode::Pull { refresh_support } => {
                if refresh_support {
                    let _ = self.outbox.send(Outgoing::RefreshDiagnostics);
                }
            }
            DiagnosticsMode::Push => {
                let mut targets: Vec<CheckTarget> = self
                    .documents
                    .iter()
                    .map(|(uri, open)| CheckTarget { uri: uri.clone(), file: open.file, version: open.document.version() })
                    .collect();
                targets.sort_by_key(|target| std::cmp::Reverse(self.edited_at.get(&target.uri).copied()));
                let job = CheckJob { snapshot: self.snapshot(), targets };
                self.check_running = self.checker.send(job).is_ok();
            }
        }
    }

    fn log(&self, kind: MessageType, message: String) {
        let _ = self.outbox.send(Outgoing::Log(kind, message));
    }
}

fn modified(path: &Path) -> Option<SystemTime> {
    std::fs::metadata(path).and_then(|metadata| metadata.modified()).ok()
}

fn stamps(paths: &[PathBuf]) -> Vec<(PathBuf, Option<SystemTime>)> {
    paths.iter().map(|path| (path.clone(), modified(path))).collect()
}

fn is_config_file(path: &Path) -> bool {
    path.file_name().and_then(|name| name.to_str()).is_some_and(|name| CONFIG_FILE_NAMES.contains(&name))
}

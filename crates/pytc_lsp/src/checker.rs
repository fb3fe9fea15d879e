//! The thread that computes the diagnostics of every open document, each on a snapshot of
//! the workspace folder that owns it, and publishes those that changed. An edit cancels a run in progress (salsa unwinds it with
//! `Cancelled`); the session then starts a new run once the edits pause. After the first run
//! that finishes, a thread of its own reads ahead the indexes of auto-import and workspace
//! symbols.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::Arc;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::mpsc::{Receiver, Sender};
use std::time::Duration;

use pytc_db::File;
use tower_lsp_server::ls_types::{Diagnostic, Uri};

use crate::diagnostics::file_diagnostics_isolated;
use crate::outbox::{Outbox, Outgoing};
use crate::session::Command;
use crate::snapshot::Snapshot;

/// One run: the open documents to check, the most recently edited first, each on the
/// snapshot of the workspace folder that owns it.
pub struct CheckJob {
    pub snapshots: Vec<Snapshot>,
    pub targets: Vec<CheckTarget>,
}

pub struct CheckTarget {
    pub uri: Uri,
    pub file: File,
    pub version: i32,
    /// The index of its folder's snapshot in `CheckJob::snapshots`.
    pub snapshot: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CheckOutcome {
    Finished,
    Cancelled,
}

/// Start the checker thread; it reports the end of every run to the session.
pub fn spawn_checker(outbox: Outbox, session: Sender<Command>) -> Sender<CheckJob> {
    let (jobs, receiver) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("pytc-checker".into())
        .stack_size(crate::WORKER_STACK_BYTES)
        .spawn(move || check_loop(receiver, outbox, session))
        .expect("the checker thread can be started");
    jobs
}

fn check_loop(jobs: Receiver<CheckJob>, outbox: Outbox, session: Sender<Command>) {
    let mut published: HashMap<Uri, (i32, Vec<Diagnostic>)> = HashMap::new();
    let read_ahead = Arc::new(AtomicU8::new(READ_AHEAD_NOT_DONE));
    while let Ok(job) = jobs.recv() {
        let outcome = run(&job, &mut published, &outbox);
        if session.send(Command::ChecksFinished(outcome)).is_err() {
            break;
        }
        // After the first run that finishes (the session sends one without documents when it
        // starts): the indexes the first auto-import completion and workspace-symbol search
        // would otherwise read while the user waits.
        if outcome == CheckOutcome::Finished
            && read_ahead.compare_exchange(READ_AHEAD_NOT_DONE, READ_AHEAD_RUNNING, Ordering::SeqCst, Ordering::SeqCst).is_ok()
        {
            spawn_read_ahead(session.clone(), Arc::clone(&read_ahead));
        }
    }
}

const READ_AHEAD_NOT_DONE: u8 = 0;
const READ_AHEAD_RUNNING: u8 = 1;
const READ_AHEAD_DONE: u8 = 2;

/// How long the editor must be left alone (no edit, no change on disk or in the settings)
/// before the indexes are read ahead, so that typing is neither slowed down by it nor
/// interrupts it over and over.
const READ_AHEAD_DELAY: Duration = Duration::from_secs(2);

/// Reads ahead the editor's indexes once nothing has changed for `READ_AHEAD_DELAY`, on
/// fresh snapshots of every folder and on a thread of its own: checks (of other folders
/// above all, whose edits do not cancel these snapshots) never wait for it, and no snapshot
/// is held while it waits. An edit of a folder cancels it; it is tried again after the next
/// run. Without the thread, the indexes are read on demand.
///
/// The wait restarts at every change: reading ahead while the user types would be cancelled
/// by the next keystroke, each try keeping the part it finished, so the server's memory
/// would creep up edit after edit until the indexes were complete.
fn spawn_read_ahead(session: Sender<Command>, state: Arc<AtomicU8>) {
    let read = move || {
        let all_read = idle_snapshots(&session).is_some_and(|snapshots| {
            snapshots.iter().all(|snapshot| {
                let read = || pytc_ide::read_ahead(&snapshot.db, &snapshot.workspace_files());
                catch_unwind(AssertUnwindSafe(read)).is_ok()
            })
        });
        state.store(if all_read { READ_AHEAD_DONE } else { READ_AHEAD_NOT_DONE }, Ordering::SeqCst);
    };
    let _ = std::thread::Builder::new().name("pytc-read-ahead".into()).stack_size(crate::WORKER_STACK_BYTES).spawn(read);
}

/// Snapshots of every folder once nothing has changed for `READ_AHEAD_DELAY`; `None` when
/// the session has stopped.
fn idle_snapshots(session: &Sender<Command>) -> Option<Vec<Snapshot>> {
    let mut wait = READ_AHEAD_DELAY;
    loop {
        std::thread::sleep(wait);
        let (reply, answer) = tokio::sync::oneshot::channel();
        session.send(Command::IdleSnapshots(READ_AHEAD_DELAY, reply)).ok()?;
        match answer.blocking_recv().ok()? {
            Ok(snapshots) => return Some(snapshots),
            Err(remaining) => wait = remaining,
        }
    }
}

fn run(job: &CheckJob, published: &mut HashMap<Uri, (i32, Vec<Diagnostic>)>, outbox: &Outbox) -> CheckOutcome {
    let CheckJob { snapshots, targets } = job;
    let closed: Vec<Uri> = published.keys().filter(|uri| !targets.iter().any(|target| &target.uri == *uri)).cloned().collect();
    for uri in closed {
        published.remove(&uri);
        let _ = outbox.send(Outgoing::Publish { uri, version: None, diagnostics: Vec::new() });
    }
    for target in targets {
        let snapshot = &snapshots[target.snapshot];
        let check = || {
            // Any folder's database going stale ends the run, so the session, which waits
            // for every snapshot of a database it writes to, is not held up by the others.
            for other in snapshots {
                salsa::Database::unwind_if_revision_cancelled(&other.db);
            }
            file_diagnostics_isolated(snapshot, target.file)
        };
        let Ok(diagnostics) = catch_unwind(AssertUnwindSafe(check)) else {
            // Only cancellation gets here: an edit made a snapshot stale.
            return CheckOutcome::Cancelled;
        };
        let unchanged = published
            .get(&target.uri)
            .is_some_and(|(version, known)| *version == target.version && *known == diagnostics);
        if !unchanged {
            published.insert(target.uri.clone(), (target.version, diagnostics.clone()));
            let _ = outbox.send(Outgoing::Publish { uri: target.uri.clone(), version: Some(target.version), diagnostics });
        }
    }
    CheckOutcome::Finished
}

//! The thread that computes the diagnostics of every open document, each on a snapshot of
//! the workspace folder that owns it, and publishes those that changed. An edit cancels a run in progress (salsa unwinds it with
//! `Cancelled`); the session then starts a new run once the edits pause. After the first run
//! that finishes, the thread reads ahead the indexes of auto-import and workspace symbols.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{Receiver, Sender};

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
    let mut read_ahead = false;
    while let Ok(job) = jobs.recv() {
        let outcome = run(&job, &mut published, &outbox);
        if session.send(Command::ChecksFinished(outcome)).is_err() {
            break;
        }
        // Once, after the first run that finishes: the indexes the first auto-import
        // completion and workspace-symbol search would otherwise read while the user waits.
        if outcome == CheckOutcome::Finished && !read_ahead {
            read_ahead = read_indexes_ahead(&job.snapshots);
        }
    }
}

/// Reads ahead the editor's indexes on each snapshot; `false` when an edit cancelled it (it
/// is tried again after the next run).
fn read_indexes_ahead(snapshots: &[Snapshot]) -> bool {
    snapshots.iter().all(|snapshot| {
        let read = || pytc_ide::read_ahead(&snapshot.db, &snapshot.workspace_files());
        catch_unwind(AssertUnwindSafe(read)).is_ok()
    })
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

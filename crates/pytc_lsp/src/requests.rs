//! Running a read request on a snapshot, on the blocking pool, isolated from panics: a
//! panic answers this request with an internal error and the server keeps serving; salsa's
//! cancellation (an edit arrived) answers it with `ContentModified`. A request the client
//! cancels (`$/cancelRequest`: tower-lsp answers `RequestCancelled` and drops its future)
//! stops computing at salsa's next cancellation check.

use std::panic::{AssertUnwindSafe, catch_unwind};

use tower_lsp_server::jsonrpc::{Error, ErrorCode, Result};
use tower_lsp_server::ls_types::Uri;

use crate::diagnostics::panic_message;
use crate::session::SessionHandle;
use crate::snapshot::Snapshot;

/// Run `compute` on a snapshot of the folder that owns `uri` (of the first folder without
/// one).
pub async fn read<T, F>(session: &SessionHandle, uri: Option<Uri>, compute: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&Snapshot) -> T + Send + 'static,
{
    let snapshot = session.snapshot(uri).await.ok_or_else(stopped)?;
    compute_isolated(vec![snapshot], move |snapshots| compute(&snapshots[0])).await
}

/// Run `compute` on a snapshot of every workspace folder, for requests about the whole
/// workspace.
pub async fn read_all<T, F>(session: &SessionHandle, compute: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&[Snapshot]) -> T + Send + 'static,
{
    let snapshots = session.snapshots().await.ok_or_else(stopped)?;
    compute_isolated(snapshots, compute).await
}

async fn compute_isolated<T, F>(snapshots: Vec<Snapshot>, compute: F) -> Result<T>
where
    T: Send + 'static,
    F: FnOnce(&[Snapshot]) -> T + Send + 'static,
{
    // Each snapshot is its own database handle, so this cancels this request only.
    let tokens = snapshots.iter().map(|snapshot| salsa::Database::cancellation_token(&snapshot.db)).collect();
    let mut unwanted = CancelOnDrop(tokens);
    let outcome = tokio::task::spawn_blocking(move || catch_unwind(AssertUnwindSafe(|| compute(&snapshots)))).await;
    unwanted.0.clear();
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(payload)) if payload.is::<salsa::Cancelled>() => Err(Error::content_modified()),
        Ok(Err(payload)) => Err(internal_error(panic_message(&*payload))),
        Err(join_error) => Err(internal_error(join_error.to_string())),
    }
}

/// Cancels a computation whose answer nobody waits for any more: dropped with the request's
/// future before the computation finished.
struct CancelOnDrop(Vec<salsa::CancellationToken>);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        for token in self.0.drain(..) {
            token.cancel();
        }
    }
}

fn stopped() -> Error {
    internal_error("the session has stopped".into())
}

fn internal_error(message: String) -> Error {
    Error { code: ErrorCode::InternalError, message: format!("pytc internal error: {message}").into(), data: None }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    /// Unwinding drops this, which tells the test that the computation stopped.
    struct Stopped(mpsc::Sender<()>);

    impl Drop for Stopped {
        fn drop(&mut self) {
            let _ = self.0.send(());
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_dropped_request_stops_its_computation() {
        let (outbox, _messages) = tokio::sync::mpsc::unbounded_channel();
        let session = SessionHandle::spawn(outbox);
        let (started, running) = mpsc::channel();
        let (stopped, stops) = mpsc::channel();
        let request = tokio::spawn(async move {
            read(&session, None, move |snapshot| {
                let _stopped = Stopped(stopped);
                let _ = started.send(());
                // Spins until cancelled (or half a minute passes, so a failing test ends).
                for _ in 0..30_000 {
                    salsa::Database::unwind_if_revision_cancelled(&snapshot.db);
                    std::thread::sleep(Duration::from_millis(1));
                }
            })
            .await
        });
        tokio::task::spawn_blocking(move || running.recv_timeout(Duration::from_secs(20))).await.unwrap().unwrap();
        // What tower-lsp does with the future of a request the client cancels.
        request.abort();
        let stopped = tokio::task::spawn_blocking(move || stops.recv_timeout(Duration::from_secs(20))).await.unwrap();
        assert_eq!(stopped, Ok(()), "the computation unwound");
    }
}

//! Running a read request on a snapshot, on the blocking pool, isolated from panics: a
//! panic answers this request with an internal error and the server keeps serving; salsa's
//! cancellation (an edit arrived) answers it with `ContentModified`.

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
    let snapshot = session.snapshot(uri).await.ok_or_else(|| internal_error("the session has stopped".into()))?;
    let outcome = tokio::task::spawn_blocking(move || catch_unwind(AssertUnwindSafe(|| compute(&snapshot)))).await;
    match outcome {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(payload)) if payload.is::<salsa::Cancelled>() => Err(Error::content_modified()),
        Ok(Err(payload)) => Err(internal_error(panic_message(&*payload))),
        Err(join_error) => Err(internal_error(join_error.to_string())),
    }
}

fn internal_error(message: String) -> Error {
    Error { code: ErrorCode::InternalError, message: format!("pytc internal error: {message}").into(), data: None }
}

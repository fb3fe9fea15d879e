//! What the session and the checker thread send to the client. One async task owns the
//! client handle and sends these in order, so diagnostics are never published out of order.

use tower_lsp_server::Client;
use tower_lsp_server::ls_types::{Diagnostic, MessageType, Uri};
use tokio::sync::mpsc::{UnboundedReceiver, UnboundedSender};

#[derive(Debug)]
pub enum Outgoing {
    Publish { uri: Uri, version: Option<i32>, diagnostics: Vec<Diagnostic> },
    /// Ask a pull-diagnostics client to pull again (a dependency of an open file changed).
    RefreshDiagnostics,
    Log(MessageType, String),
    /// A message the user should see (a configuration problem).
    Show(MessageType, String),
}

pub type Outbox = UnboundedSender<Outgoing>;

/// Send everything that arrives on `messages` to the client, in order.
pub async fn deliver(client: Client, mut messages: UnboundedReceiver<Outgoing>) {
    while let Some(message) = messages.recv().await {
        match message {
            Outgoing::Publish { uri, version, diagnostics } => client.publish_diagnostics(uri, diagnostics, version).await,
            Outgoing::RefreshDiagnostics => {
                let _ = client.workspace_diagnostic_refresh().await;
            }
            Outgoing::Log(kind, message) => client.log_message(kind, message).await,
            Outgoing::Show(kind, message) => {
                client.log_message(kind, &message).await;
                client.show_message(kind, message).await;
            }
        }
    }
}

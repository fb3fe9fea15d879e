//! The pytc language server: the only crate that knows LSP. `run_stdio` serves on standard
//! input and output; `serve` on any pair of streams (the tests use in-memory pipes).
//!
//! Shape: a framing guard validates every incoming message (`framing`), tower-lsp-server
//! routes it to `server::Server`, which queues changes for the session thread that owns the
//! mutable database (`session`) and answers reads on database snapshots on the blocking pool
//! (`requests`). A checker thread publishes diagnostics (`checker`) through one ordered
//! outbox (`outbox`). Databases are per workspace folder (`folders`); files changed on disk
//! arrive from the client or, when it cannot watch them, from a poller (`disk_watch`).

mod capabilities;
mod checker;
mod completion;
mod diagnostics;
mod disk_watch;
mod document;
mod folders;
mod frame_reader;
mod framing;
mod outbox;
mod position;
mod requests;
mod semantic_tokens;
mod server;
mod session;
mod settings;
mod snapshot;
mod symbols;
mod typeshed_files;
mod uris;
mod workspace;

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use tokio::io::{AsyncRead, AsyncWrite};
use tower_lsp_server::LspService;

use crate::outbox::deliver;
use crate::server::Server;
use crate::session::{Command, SessionHandle};

/// How long work still running may take once the client has gone.
const EXIT_GRACE: std::time::Duration = std::time::Duration::from_secs(1);

/// Stack size of the threads that check and answer requests: deeply nested code recurses.
pub(crate) const WORKER_STACK_BYTES: usize = 32 * 1024 * 1024;

/// How the server runs.
#[derive(Debug, Clone, Copy, Default)]
pub struct ServeOptions {
    /// Register the `pytc/debugPanic` and `pytc/debugWaitForCancellation` requests, which the
    /// protocol tests use to check that panics and cancellations are answered.
    pub debug_methods: bool,
}

impl ServeOptions {
    /// Options from the environment: `PYTC_LSP_DEBUG_METHODS=1` enables the debug methods.
    pub fn from_env() -> Self {
        Self { debug_methods: std::env::var_os("PYTC_LSP_DEBUG_METHODS").is_some_and(|value| value == "1") }
    }
}

/// Serve LSP on standard input and output until the client sends `exit` or closes input.
/// The exit code is 0 after a `shutdown` request, 1 otherwise (as the protocol asks).
pub fn run_stdio() -> ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_stack_size(WORKER_STACK_BYTES)
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("pytc lsp: cannot start the async runtime: {error}");
            return ExitCode::from(2);
        }
    };
    let clean = runtime.block_on(serve(tokio::io::stdin(), tokio::io::stdout(), ServeOptions::from_env()));
    // Reading standard input blocks a thread that would otherwise keep the runtime alive.
    runtime.shutdown_background();
    if clean { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

/// Serve LSP on `input`/`output`; returns whether the client asked for `shutdown` first.
pub async fn serve<I, O>(input: I, output: O, options: ServeOptions) -> bool
where
    I: AsyncRead + Unpin + Send + 'static,
    O: AsyncWrite + Unpin + Send + 'static,
{
    let shutdown_requested = Arc::new(AtomicBool::new(false));
    let (outgoing, outgoing_messages) = tokio::sync::mpsc::unbounded_channel();
    let session = SessionHandle::spawn(outgoing);
    let stop_session = session.clone();
    let mut builder = {
        let shutdown_requested = shutdown_requested.clone();
        LspService::build(move |client| {
            tokio::spawn(deliver(client.clone(), outgoing_messages));
            Server::new(client, session, shutdown_requested)
        })
    };
    if options.debug_methods {
        builder = builder
            .custom_method("pytc/debugPanic", Server::debug_panic)
            .custom_method("pytc/debugWaitForCancellation", Server::debug_wait_for_cancellation);
    }
    let (service, socket) = builder.finish();

    let (guarded_input, server_input) = tokio::io::duplex(1 << 16);
    let (server_output, server_output_reader) = tokio::io::duplex(1 << 16);
    let (wire, wire_messages) = tokio::sync::mpsc::unbounded_channel();
    let (input_finished, finished) = tokio::sync::oneshot::channel();
    tokio::spawn(framing::guard_input(input, guarded_input, wire.clone(), input_finished));
    tokio::spawn(framing::forward_output(server_output_reader, wire));
    let writer = tokio::spawn(framing::write_output(output, wire_messages));

    let serving = tower_lsp_server::Server::new(server_input, server_output, socket).concurrency_level(64).serve(service);
    // A handler still waiting for the client (for its answer to a server request) would keep
    // the server alive forever once the client is gone: after the client's input ends or it
    // sends `exit`, what is still running gets `EXIT_GRACE` to finish.
    tokio::select! {
        () = serving => {}
        () = async {
            let _ = finished.await;
            tokio::time::sleep(EXIT_GRACE).await;
        } => {}
    }
    stop_session.send(Command::Stop);
    // The server's output pipe is closed now; the writer drains what is left and stops.
    let _ = writer.await;
    shutdown_requested.load(Ordering::SeqCst)
}

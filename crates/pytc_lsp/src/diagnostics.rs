//! A file's diagnostics in LSP form, shared by pushed (`publishDiagnostics`) and pulled
//! (`textDocument/diagnostic`) diagnostics.

use pytc_db::{File, Severity};
use tower_lsp_server::ls_types::{
    Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Position, Range,
};

use pytc_project::{Baseline, baseline_key};

use crate::snapshot::Snapshot;

/// The name diagnostics carry as their `source`.
pub const SOURCE: &str = "pytc";

/// The rule of the diagnostic shown when checking a file crashed.
const INTERNAL_ERROR: &str = "internal-error";

/// Whether a suppression comment can silence diagnostics of `rule`: not the findings about
/// suppression comments themselves, nor a crash of the checker.
pub fn comment_can_suppress(rule: &str) -> bool {
    rule != pytc_checker::UNUSED_IGNORE_COMMENT.name && rule != INTERNAL_ERROR
}

/// Every diagnostic of `file` as the user sees it: at its configured level, minus those a
/// suppression comment covers and those the baseline records. Panics with
/// `salsa::Cancelled` when an edit makes the snapshot stale.
pub fn file_diagnostics(snapshot: &Snapshot, file: File) -> Vec<Diagnostic> {
    let diagnostics = pytc_checker::finalize(&snapshot.db, file, &snapshot.rule_levels);
    // Keys hold the file's path, so one matcher per file absorbs exactly its own entries.
    let mut matcher = snapshot.baseline.as_deref().map(Baseline::matcher);
    diagnostics
        .iter()
        .filter(|diagnostic| match (&mut matcher, &snapshot.baseline) {
            (Some(matcher), Some(baseline)) => !baseline_key(&snapshot.db, diagnostic, baseline.folder())
                .is_some_and(|key| matcher.absorb(&key)),
            _ => true,
        })
        .map(|diagnostic| to_lsp(snapshot, diagnostic))
        .collect()
}

/// `file_diagnostics`, with a crash while checking reported as an `internal-error`
/// diagnostic on the file instead of failing the caller. Cancellation still unwinds.
pub fn file_diagnostics_isolated(snapshot: &Snapshot, file: File) -> Vec<Diagnostic> {
    match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| file_diagnostics(snapshot, file))) {
        Ok(diagnostics) => diagnostics,
        Err(payload) if payload.is::<salsa::Cancelled>() => std::panic::resume_unwind(payload),
        Err(payload) => vec![internal_error(&panic_message(&*payload))],
    }
}

fn to_lsp(snapshot: &Snapshot, diagnostic: &pytc_db::Diagnostic) -> Diagnostic {
    let mut message = diagnostic.message.clone();
    let mut related = Vec::new();
    for note in &diagnostic.notes {
        let location = match (note.file, note.range) {
            (Some(file), Some(range)) => snapshot.location(file, range),
            (None, Some(range)) => snapshot.location(diagnostic.file, range),
            _ => None,
        };
        match location {
            Some(location) => related.push(DiagnosticRelatedInformation { location, message: note.message.clone() }),
            None => {
                message.push('\n');
                message.push_str(&note.message);
            }
        }
    }
    Diagnostic {
        range: snapshot.range(diagnostic.file, diagnostic.range),
        severity: Some(severity(diagnostic.severity)),
        code: Some(NumberOrString::String(diagnostic.rule.to_string())),
        source: Some(SOURCE.to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..Diagnostic::default()
    }
}

fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
    }
}

/// The diagnostic shown when checking a file crashed: the rest of the session goes on.
fn internal_error(message: &str) -> Diagnostic {
    Diagnostic {
        range: Range::new(Position::new(0, 0), Position::new(0, 0)),
        severity: Some(DiagnosticSeverity::ERROR),
        code: Some(NumberOrString::String(INTERNAL_ERROR.to_string())),
        source: Some(SOURCE.to_string()),
        message: format!("pytc crashed while checking this file: {message}"),
        ..Diagnostic::default()
    }
}

/// The message of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|message| (*message).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic".to_string())
}

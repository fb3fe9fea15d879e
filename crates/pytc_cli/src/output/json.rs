//! `json`: an array of diagnostic objects, for tools.

use std::io::{self, Write};

use serde::Serialize;

use super::Located;

#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    severity: &'static str,
    rule: &'static str,
    message: &'a str,
    /// The diagnostic's notes (where pytc looked, related facts), as plain messages.
    notes: Vec<&'a str>,
}

pub fn print(out: &mut dyn Write, located: &[Located]) -> io::Result<()> {
    let diagnostics: Vec<JsonDiagnostic> = located
        .iter()
        .map(|item| JsonDiagnostic {
            path: &item.path,
            line: item.line,
            column: item.column,
            end_line: item.end_line,
            end_column: item.end_column,
            severity: item.diagnostic.severity.as_str(),
            rule: item.diagnostic.rule,
            message: &item.diagnostic.message,
            notes: item.diagnostic.notes.iter().map(|note| note.message.as_str()).collect(),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &diagnostics)?;
    writeln!(out)
}

//! `full`: each diagnostic with a frame of the code it points at, rendered by
//! codespan-reporting, in color when asked.

use std::io::{self, Write};
use std::sync::Arc;

use codespan_reporting::diagnostic::{Diagnostic as Report, Label, Severity as ReportSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::termcolor::Buffer;
use codespan_reporting::term::{self, Config};
use pytc_db::{Db, File, Severity, source_text};
use rustc_hash::FxHashMap;

use super::Located;

pub fn print(out: &mut dyn Write, db: &dyn Db, located: &[Located], color: bool) -> io::Result<()> {
    let mut sources = Sources::default();
    let config = Config::default();
    for item in located {
        let diagnostic = item.diagnostic;
        let file_id = sources.id(db, diagnostic.file, &item.path);
        let severity = match diagnostic.severity {
            Severity::Error => ReportSeverity::Error,
            Severity::Warning => ReportSeverity::Warning,
            Severity::Info => ReportSeverity::Note,
        };
        let source = source_text(db, diagnostic.file);
        let range = super::within(source, diagnostic.range.start())..super::within(source, diagnostic.range.end());
        let mut labels = vec![Label::primary(file_id, range.start.to_usize()..range.end.to_usize())];
        let mut notes = Vec::new();
        for note in &diagnostic.notes {
            match (note.file, note.range) {
                (Some(file), Some(range)) => {
                    let path = super::display_path(file.path(db), std::path::Path::new(""));
                    let note_file_id = sources.id(db, file, &path);
                    let note_source = source_text(db, file);
                    let note_range = super::within(note_source, range.start())..super::within(note_source, range.end());
                    labels.push(
                        Label::secondary(note_file_id, note_range.start.to_usize()..note_range.end.to_usize())
                            .with_message(&note.message),
                    );
                }
                _ => notes.push(note.message.clone()),
            }
        }
        let report = Report::new(severity)
            .with_code(diagnostic.rule)
            .with_message(&diagnostic.message)
            .with_labels(labels)
            .with_notes(notes);
        let mut buffer = if color { Buffer::ansi() } else { Buffer::no_color() };
        match term::emit_to_write_style(&mut buffer, &config, &sources.files, &report) {
            Ok(()) => out.write_all(buffer.as_slice())?,
            // codespan could not frame it: print the diagnostic on one line rather than lose it.
            Err(_) => super::concise::print(out, std::slice::from_ref(item))?,
        }
    }
    Ok(())
}

/// The files codespan renders from, each added once.
#[derive(Default)]
struct Sources {
    files: SimpleFiles<String, Arc<str>>,
    ids: FxHashMap<File, usize>,
}

impl Sources {
    fn id(&mut self, db: &dyn Db, file: File, path: &str) -> usize {
        *self.ids.entry(file).or_insert_with(|| self.files.add(path.to_string(), source_text(db, file).clone()))
    }
}

//! Diagnostics about the file itself: unreadable files and syntax errors.

use pytc_db::{Db, Diagnostic, File, FileSource, declare_rule, parsed_module};
use pytc_syntax::TextRange;

declare_rule! {
    /// A syntax error. The parser recovers, so the rest of the file is still checked.
    ///
    /// ```python
    /// def f(:  # error: [invalid-syntax]
    ///     pass
    /// ```
    pub static INVALID_SYNTAX = {
        name: "invalid-syntax",
        summary: "the file has a syntax error, or syntax the target Python version lacks",
        level: Error,
    }
}

declare_rule! {
    /// The file could not be read: it is missing, unreadable, not a regular file, larger than
    /// 64 MiB, or not UTF-8. The diagnostic points at the start of the file and says why; the
    /// other files are still checked.
    ///
    /// ```text
    /// $ pytc check --output-format concise
    /// legacy/latin1.py:1:1: error[unreadable-file] file is not valid UTF-8 (invalid byte at offset 11)
    /// ```
    ///
    /// Re-save the file as UTF-8 (PEP 3120), or exclude it with `exclude` in the configuration.
    pub static UNREADABLE_FILE = {
        name: "unreadable-file",
        summary: "a file could not be read or decoded",
        level: Error,
    }
}

pub(crate) fn file_diagnostics(db: &dyn Db, file: File) -> Vec<Diagnostic> {
    if let FileSource::Unreadable(reason) = file.source(db) {
        return vec![Diagnostic::new(file, TextRange::default(), &UNREADABLE_FILE, reason.clone())];
    }
    parsed_module(db, file)
        .errors()
        .iter()
        .map(|error| Diagnostic::new(file, error.range, &INVALID_SYNTAX, error.message.clone()))
        .collect()
}

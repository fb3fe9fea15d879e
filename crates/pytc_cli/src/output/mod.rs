//! Printing diagnostics in each output format. Every format reads the same located
//! diagnostics: a display path plus 1-based line and column (columns count characters).

mod concise;
mod full;
mod github;
mod json;
mod sarif;
mod summary;

use std::io::{self, Write};
use std::path::Path;

use pytc_db::{Db, Diagnostic, FilePath, line_index, source_text};
use pytc_project::FileResult;
use pytc_syntax::TextSize;

use crate::args::OutputFormat;

pub use summary::{Summary, print_summary};

/// A diagnostic with its position resolved for display.
pub struct Located<'a> {
    pub diagnostic: &'a Diagnostic,
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub end_line: usize,
    pub end_column: usize,
}

impl<'a> Located<'a> {
    pub fn new(db: &dyn Db, diagnostic: &'a Diagnostic, cwd: &Path) -> Self {
        let file = diagnostic.file;
        let (lines, source) = (line_index(db, file), source_text(db, file));
        let start = lines.line_column(within(source, diagnostic.range.start()), source);
        let end = lines.line_column(within(source, diagnostic.range.end()), source);
        Self {
            diagnostic,
            path: display_path(file.path(db), cwd),
            line: start.line.get(),
            column: start.column.get(),
            end_line: end.line.get(),
            end_column: end.column.get(),
        }
    }
}

/// `offset` moved into `source` (onto a character boundary), so a diagnostic whose range is
/// wrong for its file (a bug elsewhere) still prints instead of crashing the output.
pub fn within(source: &str, offset: TextSize) -> TextSize {
    let clamped = source.floor_char_boundary(offset.to_usize());
    TextSize::try_from(clamped).unwrap_or_default()
}

/// A path as the user reads it: relative to the current directory when inside it.
pub fn display_path(path: &FilePath, cwd: &Path) -> String {
    match path.as_system() {
        Some(system) => system.strip_prefix(cwd).unwrap_or(system).display().to_string(),
        None => path.display(),
    }
}

/// Print every diagnostic of `results` to `out` in `format`.
pub fn print_diagnostics(
    out: &mut dyn Write,
    db: &dyn Db,
    results: &[FileResult],
    format: OutputFormat,
    color: bool,
    cwd: &Path,
) -> io::Result<()> {
    let located: Vec<Located> = results
        .iter()
        .flat_map(|result| &result.diagnostics)
        .map(|diagnostic| Located::new(db, diagnostic, cwd))
        .collect();
    match format {
        OutputFormat::Concise => concise::print(out, &located),
        OutputFormat::Full => full::print(out, db, &located, color),
        OutputFormat::Json => json::print(out, &located),
        OutputFormat::Github => github::print(out, &located),
        OutputFormat::Sarif => sarif::print(out, &located, cwd),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_outside_the_source_or_inside_a_character_are_moved_into_it() {
        let source = "é = 1\n";
        assert_eq!(within(source, TextSize::new(1)), TextSize::new(0));
        assert_eq!(within(source, TextSize::new(100)), TextSize::of(source));
        assert_eq!(within(source, TextSize::new(3)), TextSize::new(3));
    }
}

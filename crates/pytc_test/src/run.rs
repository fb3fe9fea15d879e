//! Running one case: a fresh database with the case's files and settings, the checker's
//! diagnostics for every checked file, and the comparison with the file's assertions.

use std::path::Path;

use pytc_db::testing::TestDb;
use pytc_db::{File, Files, line_index, source_text};
use pytc_syntax::{SourceKind, TextSize};

use crate::assertion::parse_assertions;
use crate::markdown::{FileRole, TestCase};
use crate::matcher::{FoundDiagnostic, LineMismatch, match_file};

/// What went wrong in one file of a case.
#[derive(Debug, Default)]
pub struct FileFailure {
    pub path: String,
    /// Malformed assertion comments: (file line, problem).
    pub assertion_errors: Vec<(usize, String)>,
    pub mismatches: Vec<LineMismatch>,
}

/// The outcome of one case.
#[derive(Debug, Default)]
pub struct CaseOutcome {
    /// `# TODO` comments: known gaps the case records.
    pub todos: usize,
    pub failures: Vec<FileFailure>,
}

/// Check every file of the case and compare diagnostics, as the user would see them (rule
/// levels and suppression comments applied), with assertions. An error means the case could
/// not be set up (its environment is not one the resolver accepts).
pub fn run_case(case: &TestCase) -> Result<CaseOutcome, String> {
    let db = case_database(case)?;
    let levels = case.config.rule_levels().expect("configurations are validated when the Markdown is read");
    let mut outcome = CaseOutcome::default();
    for embedded in case.files.iter().filter(|file| file.role == FileRole::Checked) {
        let file = Files::system(&db, Path::new(&embedded.path));
        let diagnostics: Vec<FoundDiagnostic> = pytc_checker::finalize(&db, file, &levels)
            .iter()
            .map(|diagnostic| {
                let (line, column) = line_and_column(&db, file, diagnostic.range.start());
                FoundDiagnostic { line, column, rule: diagnostic.rule, message: diagnostic.message.clone() }
            })
            .collect();
        let assertions = parse_assertions(&embedded.source, SourceKind::from_path(&embedded.path));
        outcome.todos += assertions.todos;
        let mismatches = match_file(&assertions.by_line, &diagnostics);
        if !mismatches.is_empty() || !assertions.errors.is_empty() {
            outcome.failures.push(FileFailure {
                path: embedded.path.clone(),
                assertion_errors: assertions.errors,
                mismatches,
            });
        }
    }
    Ok(outcome)
}

/// The 1-based line and column of an offset. A diagnostic at the very end of a file that ends
/// with a newline (an unexpected end of file) counts as at the end of the last line, where an
/// assertion can be written.
fn line_and_column(db: &TestDb, file: File, offset: TextSize) -> (usize, usize) {
    let text = source_text(db, file);
    let at_end_after_newline = offset.to_usize() == text.len() && text.ends_with('\n');
    let offset = if at_end_after_newline { offset - TextSize::from(1) } else { offset };
    let location = line_index(db, file).line_column(offset, text);
    (location.line.get(), location.column.get())
}

/// A database holding exactly the case's files, with its Python version and platform, and
/// imports resolving from the case's project root and configured environment.
pub(crate) fn case_database(case: &TestCase) -> Result<TestDb, String> {
    let version = case.config.python_version().expect("configurations are validated when the Markdown is read");
    let mut db = TestDb::new(version, case.config.python_platform());
    for file in &case.files {
        db.write(&file.path, &file.source);
    }
    pytc_module_resolver::configure(&mut db, &case.config.resolver_options())
        .map_err(|error| format!("the case's environment is not usable: {error}"))?;
    Ok(db)
}

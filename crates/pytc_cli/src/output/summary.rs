//! The closing line on stderr: how many errors, warnings and infos in how many files.

use std::io::{self, Write};

use pytc_db::Severity;
use pytc_project::FileResult;

/// Counts over the results of one check.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub checked_files: usize,
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    pub files_with_diagnostics: usize,
    pub crashed_files: usize,
}

impl Summary {
    pub fn of(results: &[FileResult]) -> Self {
        let mut summary = Self { checked_files: results.len(), ..Self::default() };
        for result in results {
            summary.files_with_diagnostics += usize::from(!result.diagnostics.is_empty());
            summary.crashed_files += usize::from(result.crashed);
            for diagnostic in &result.diagnostics {
                match diagnostic.severity {
                    Severity::Error => summary.errors += 1,
                    Severity::Warning => summary.warnings += 1,
                    Severity::Info => summary.infos += 1,
                }
            }
        }
        summary
    }
}

/// `Found 3 errors and 1 warning in 2 files (checked 10 files)`, or
/// `All checks passed (checked 10 files)`.
pub fn print_summary(out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    let checked = format!("checked {}", plural(summary.checked_files, "file"));
    let counts: Vec<String> = [(summary.errors, "error"), (summary.warnings, "warning"), (summary.infos, "info")]
        .into_iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, noun)| plural(count, noun))
        .collect();
    let Some((last, rest)) = counts.split_last() else {
        return writeln!(out, "All checks passed ({checked})");
    };
    let counts = if rest.is_empty() { last.clone() } else { format!("{} and {last}", rest.join(", ")) };
    writeln!(out, "Found {counts} in {} ({checked})", plural(summary.files_with_diagnostics, "file"))?;
    if summary.crashed_files > 0 {
        writeln!(
            out,
            "pytc crashed on {}; see the internal-error diagnostics above. Please report this bug.",
            plural(summary.crashed_files, "file")
        )?;
    }
    Ok(())
}

fn plural(count: usize, noun: &str) -> String {
    let suffix = if count == 1 || noun == "info" { "" } else { "s" };
    format!("{count} {noun}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(summary: Summary) -> String {
        let mut out = Vec::new();
        print_summary(&mut out, &summary).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn words_and_plurals() {
        assert_eq!(line(Summary { checked_files: 10, ..Summary::default() }), "All checks passed (checked 10 files)\n");
        let summary = Summary { checked_files: 1, errors: 3, warnings: 1, files_with_diagnostics: 1, ..Summary::default() };
        assert_eq!(line(summary), "Found 3 errors and 1 warning in 1 file (checked 1 file)\n");
        let summary = Summary { checked_files: 4, errors: 1, warnings: 2, infos: 2, files_with_diagnostics: 2, ..Summary::default() };
        assert_eq!(line(summary), "Found 1 error, 2 warnings and 2 info in 2 files (checked 4 files)\n");
    }

    #[test]
    fn a_crash_adds_a_line_asking_for_a_report() {
        let summary = Summary { checked_files: 5, errors: 2, files_with_diagnostics: 2, crashed_files: 1, ..Summary::default() };
        assert_eq!(
            line(summary),
            "Found 2 errors in 2 files (checked 5 files)\n\
             pytc crashed on 1 file; see the internal-error diagnostics above. Please report this bug.\n"
        );
    }
}

//! Turning a failed case into a report a developer can act on: which file and line (in the
//! case and in the Markdown file), what was expected, what was found, and how to re-run it.

use std::fmt::Write;

use crate::markdown::TestCase;
use crate::run::CaseOutcome;

/// The environment variable that limits a run to the cases whose name contains its value.
pub const FILTER_VARIABLE: &str = "MDTEST_FILTER";

/// A report of every failure of a case; expected lines are marked `-`, found ones `+`.
pub fn render_failure(markdown_path: &str, case: &TestCase, outcome: &CaseOutcome) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "case `{}` ({markdown_path}:{}) failed", case.name, case.header_line);
    for failure in &outcome.failures {
        let embedded = case.files.iter().find(|file| file.path == failure.path).expect("failures are in case files");
        let locate = |line: usize| format!("{}:{line} ({markdown_path}:{})", failure.path, embedded.markdown_line(line));
        for (line, problem) in &failure.assertion_errors {
            let _ = writeln!(out, "  {}: malformed assertion: {problem}", locate(*line));
        }
        for mismatch in &failure.mismatches {
            let code = embedded.source.lines().nth(mismatch.line - 1).unwrap_or("");
            let _ = writeln!(out, "  {}  | {}", locate(mismatch.line), code.trim());
            for assertion in &mismatch.unmatched_assertions {
                let _ = writeln!(out, "    - expected  {assertion}");
            }
            for diagnostic in &mismatch.unexpected_diagnostics {
                let _ = writeln!(out, "    + found     {diagnostic}");
            }
        }
    }
    out.push_str(&rerun_hint(case));
    out
}

/// A report for a case that could not run to the end (a bad environment, a panic).
pub fn render_error(markdown_path: &str, case: &TestCase, problem: &str) -> String {
    format!("case `{}` ({markdown_path}:{}) failed: {problem}\n{}", case.name, case.header_line, rerun_hint(case))
}

fn rerun_hint(case: &TestCase) -> String {
    format!("  run only this case: {FILTER_VARIABLE}='{}' cargo test -p pytc_test --test mdtest\n", case.name)
}

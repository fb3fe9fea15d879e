//! The Markdown test harness ("mdtest").
//!
//! A test file is Markdown: each header starts a case, ` ```py ` / ` ```pyi ` blocks are the
//! case's files, a ` ```toml ` block configures it, and comments in the code assert what the
//! checker must report (`# revealed: int`, `# error: [rule]`). Every case runs in a fresh
//! in-memory database, and diagnostics and assertions must match both ways.
//!
//! `tests/mdtest.rs` runs every `tests/mdtest/**/*.md` of the workspace; see the README's
//! "Testing" section for the format.

mod assertion;
mod config;
mod db;
mod markdown;
mod matcher;
mod report;
mod run;

use std::panic::{AssertUnwindSafe, catch_unwind};

pub use report::FILTER_VARIABLE;

/// The result of running the cases of one Markdown file.
#[derive(Debug, Default)]
pub struct MarkdownOutcome {
    /// Cases run (those the filter selected).
    pub cases_run: usize,
    /// `# TODO` comments in the cases run: known gaps.
    pub todos: usize,
    /// One report per failed case (or one for a Markdown file that cannot be read).
    pub failures: Vec<String>,
}

/// Run the cases of a Markdown file whose names contain `filter` (all when `None`).
/// `markdown_path` is shown in reports; `name_prefix` starts every case name.
pub fn run_markdown(markdown_path: &str, name_prefix: &str, text: &str, filter: Option<&str>) -> MarkdownOutcome {
    let mut outcome = MarkdownOutcome::default();
    let cases = match markdown::parse_markdown(name_prefix, text) {
        Ok(cases) => cases,
        Err(error) => {
            outcome.failures.push(format!("{markdown_path}:{error}"));
            return outcome;
        }
    };
    for case in cases.iter().filter(|case| filter.is_none_or(|filter| case.name.contains(filter))) {
        outcome.cases_run += 1;
        match catch_unwind(AssertUnwindSafe(|| run::run_case(case))) {
            Ok(Err(setup_error)) => {
                outcome.failures.push(report::render_setup_error(markdown_path, case, &setup_error));
            }
            Ok(Ok(case_outcome)) => {
                outcome.todos += case_outcome.todos;
                if !case_outcome.failures.is_empty() {
                    outcome.failures.push(report::render_failure(markdown_path, case, &case_outcome));
                }
            }
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| payload.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)");
                outcome.failures.push(report::render_setup_error(markdown_path, case, &format!("panicked: {message}")));
            }
        }
    }
    outcome
}

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
mod incremental;
mod markdown;
mod matcher;
mod report;
mod run;

use std::panic::{AssertUnwindSafe, catch_unwind};

pub use report::FILTER_VARIABLE;

/// One case ready to run, with the Markdown file it came from.
#[derive(Debug, Clone)]
pub struct Case {
    markdown_path: String,
    case: markdown::TestCase,
}

/// What running one case found.
#[derive(Debug, Default)]
pub struct CaseResult {
    /// `# TODO` comments in the case: known gaps.
    pub todos: usize,
    /// The report of a failed case.
    pub failure: Option<String>,
}

impl Case {
    /// `file - Header - Nested header`.
    pub fn name(&self) -> &str {
        &self.case.name
    }

    /// Run the case in a fresh database, then check that edits re-checked incrementally
    /// agree with fresh checks (see `incremental`). Never panics: a panic of the checker is
    /// a failure.
    pub fn run(&self) -> CaseResult {
        let (markdown_path, case) = (self.markdown_path.as_str(), &self.case);
        let run = || {
            let outcome = run::run_case(case)?;
            let incremental = if outcome.failures.is_empty() { incremental::check_incremental(case)? } else { Vec::new() };
            Ok::<_, String>((outcome, incremental))
        };
        match catch_unwind(AssertUnwindSafe(run)) {
            Ok(Ok((outcome, incremental))) => CaseResult {
                todos: outcome.todos,
                failure: if !outcome.failures.is_empty() {
                    Some(report::render_failure(markdown_path, case, &outcome))
                } else if !incremental.is_empty() {
                    Some(report::render_error(markdown_path, case, &incremental.join("\n")))
                } else {
                    None
                },
            },
            Ok(Err(setup_error)) => {
                CaseResult { todos: 0, failure: Some(report::render_error(markdown_path, case, &setup_error)) }
            }
            Err(payload) => {
                let message = payload
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| payload.downcast_ref::<&str>().copied())
                    .unwrap_or("(no message)");
                let problem = format!("panicked: {message}");
                CaseResult { todos: 0, failure: Some(report::render_error(markdown_path, case, &problem)) }
            }
        }
    }
}

/// Read the cases of a Markdown file. `markdown_path` is shown in reports; `name_prefix`
/// starts every case name. A mistake in the Markdown is an error naming its line.
pub fn load_markdown(markdown_path: &str, name_prefix: &str, text: &str) -> Result<Vec<Case>, String> {
    let cases = markdown::parse_markdown(name_prefix, text).map_err(|error| format!("{markdown_path}:{error}"))?;
    Ok(cases.into_iter().map(|case| Case { markdown_path: markdown_path.to_string(), case }).collect())
}

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

/// Run, one after the other, the cases of a Markdown file whose names contain `filter` (all
/// when `None`).
pub fn run_markdown(markdown_path: &str, name_prefix: &str, text: &str, filter: Option<&str>) -> MarkdownOutcome {
    let mut outcome = MarkdownOutcome::default();
    let cases = match load_markdown(markdown_path, name_prefix, text) {
        Ok(cases) => cases,
        Err(error) => {
            outcome.failures.push(error);
            return outcome;
        }
    };
    for case in cases.iter().filter(|case| filter.is_none_or(|filter| case.name().contains(filter))) {
        outcome.cases_run += 1;
        let result = case.run();
        outcome.todos += result.todos;
        outcome.failures.extend(result.failure);
    }
    outcome
}

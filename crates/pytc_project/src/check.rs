//! Checking many files in parallel. Each file is checked on a thread with a large stack (so
//! deeply nested code cannot overflow it) and under `catch_unwind`, so a bug that panics on
//! one file becomes an `internal-error` diagnostic for that file while every other file is
//! still checked and reported.

use std::any::Any;
use std::panic::{AssertUnwindSafe, catch_unwind, resume_unwind};
use std::time::{Duration, Instant};

use pytc_checker::{RuleLevels, finalize};
use pytc_db::{Diagnostic, File, declare_rule};
use pytc_syntax::TextRange;
use rayon::prelude::*;

use crate::ProjectDatabase;

declare_rule! {
    /// pytc itself failed while checking the file: a bug in pytc, not in your code. The
    /// other files are still checked, and `pytc check` exits with status 101. Please report
    /// it with the file (or a reduced copy) that triggers it.
    ///
    /// ```text
    /// $ pytc check --output-format concise
    /// app/models.py:1:1: error[internal-error] pytc crashed while checking this file: <what failed>. This is a bug in pytc; please report it.
    /// Found 1 error in 1 file (checked 12 files)
    /// pytc crashed on 1 file; see the internal-error diagnostics above. Please report this bug.
    /// ```
    pub static INTERNAL_ERROR = {
        name: "internal-error",
        summary: "pytc crashed while checking a file (a bug in pytc)",
        level: Error,
    }
}

/// The stack of each checking thread. Recursion depth grows with the nesting of the code
/// being checked; a large stack costs only address space until it is used.
const CHECK_THREAD_STACK_BYTES: usize = 256 * 1024 * 1024;

/// What checking one file produced.
#[derive(Debug, Clone)]
pub struct FileResult {
    pub file: File,
    /// The file's diagnostics after levels and suppressions, sorted by position.
    pub diagnostics: Vec<Diagnostic>,
    /// True when pytc crashed on this file; `diagnostics` then holds the `internal-error`.
    pub crashed: bool,
    /// How long checking took (including work on modules it imports that no earlier file
    /// needed), for finding the files that make a check slow.
    pub duration: Duration,
}

/// Files checked between two releases of the syntax trees (`release_trees`: the parsed
/// modules least recently used and every semantic index's tree). A release needs the
/// database to itself, so it waits for the batch's last file. Smaller batches keep fewer
/// trees but parse the modules every batch imports again: on the mypy corpus (1,097 files)
/// 256/128/64 files per batch peaked at 433/417/411 MiB with 1,203/1,481/1,696 re-parses.
const FILES_PER_BATCH: usize = 128;

/// Check `files` in parallel (as many threads as `RAYON_NUM_THREADS` or the machine's
/// cores), calling `on_checked` after each file. Results come back in the order of `files`.
pub fn check_files(
    db: &mut ProjectDatabase,
    files: &[File],
    levels: &RuleLevels,
    on_checked: &(dyn Fn(&FileResult) + Sync),
) -> Vec<FileResult> {
    // One search for cycles of module-level values across all the files, instead of one
    // per file.
    pytc_checker::set_import_cycle_roots(db, files);
    let mut results = Vec::with_capacity(files.len());
    for batch in files.chunks(FILES_PER_BATCH) {
        results.extend(check_files_with(db, batch, on_checked, |db, file| finalize(db, file, levels)));
        db.release_trees();
    }
    results
}

/// `check_files` with the per-file check supplied, so tests can make it fail.
fn check_files_with(
    db: &ProjectDatabase,
    files: &[File],
    on_checked: &(dyn Fn(&FileResult) + Sync),
    check: impl Fn(&ProjectDatabase, File) -> Vec<Diagnostic> + Sync,
) -> Vec<FileResult> {
    // The database is not `Sync`: each worker gets its own handle (a cheap clone).
    let worker_db = db.clone();
    let shared_check = &check;
    let check_all = move || {
        files
            .par_iter()
            .map_with(worker_db, |db, &file| {
                let result = check_isolated(db, file, shared_check);
                on_checked(&result);
                result
            })
            .collect()
    };
    match rayon::ThreadPoolBuilder::new()
        .stack_size(CHECK_THREAD_STACK_BYTES)
        .thread_name(|index| format!("pytc-check-{index}"))
        .build()
    {
        Ok(pool) => pool.install(check_all),
        // The system refused to start threads: check on this one rather than not at all.
        Err(_) => files.iter().map(|&file| check_isolated(db, file, &check)).inspect(on_checked).collect(),
    }
}

/// Run `check` on one file, turning a panic into an `internal-error` diagnostic. Salsa
/// cancellation (an edit arrived while checking) is not an error: it unwinds to the caller.
fn check_isolated(
    db: &ProjectDatabase,
    file: File,
    check: &impl Fn(&ProjectDatabase, File) -> Vec<Diagnostic>,
) -> FileResult {
    let started = Instant::now();
    let outcome = catch_unwind(AssertUnwindSafe(|| check(db, file)));
    let duration = started.elapsed();
    match outcome {
        Ok(diagnostics) => FileResult { file, diagnostics, crashed: false, duration },
        Err(payload) => {
            let message = match payload.downcast_ref::<salsa::Cancelled>() {
                // A query this file needs panicked on another thread: this file crashed too.
                Some(salsa::Cancelled::PropagatedPanic) => {
                    "a query this file depends on crashed while checking another file".to_string()
                }
                Some(_) => resume_unwind(payload),
                None => panic_message(payload.as_ref()),
            };
            let diagnostic = Diagnostic::new(
                file,
                TextRange::default(),
                &INTERNAL_ERROR,
                format!("pytc crashed while checking this file: {message}. This is a bug in pytc; please report it."),
            );
            FileResult { file, diagnostics: vec![diagnostic], crashed: true, duration }
        }
    }
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(message) = payload.downcast_ref::<&str>() {
        (*message).to_string()
    } else if let Some(message) = payload.downcast_ref::<String>() {
        message.clone()
    } else {
        "a panic without a message".to_string()
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use salsa::Database;
    use std::sync::atomic::{AtomicUsize, Ordering};

    use pytc_db::{Files, PythonPlatform, TestSystem};
    use pytc_syntax::PythonVersion;

    use super::*;

    fn project(files: &[(&str, &str)]) -> (ProjectDatabase, Vec<File>) {
        let system = Arc::new(TestSystem::default());
        for (path, source) in files {
            system.write(*path, *source);
        }
        let db = ProjectDatabase::new(system, PythonVersion::PY312, PythonPlatform::All);
        let files = files.iter().map(|(path, _)| Files::system(&db, std::path::Path::new(path))).collect();
        (db, files)
    }

    #[test]
    fn a_panic_in_one_file_is_an_internal_error_and_the_others_are_still_checked() {
        let (db, files) = project(&[("/p/good.py", "x = 1\n"), ("/p/boom.py", "y = 2\n"), ("/p/broken.py", "x = 1 +\n")]);
        let checked = AtomicUsize::new(0);
        let results = check_files_with(
            &db,
            &files,
            &|_| {
                checked.fetch_add(1, Ordering::Relaxed);
            },
            |db, file| {
                if file.path(db).display().ends_with("boom.py") {
                    panic!("deliberate failure in a test check");
                }
                finalize(db, file, &RuleLevels::default())
            },
        );
        assert_eq!(checked.load(Ordering::Relaxed), 3);
        let summary: Vec<(bool, Vec<&str>)> =
            results.iter().map(|r| (r.crashed, r.diagnostics.iter().map(|d| d.rule).collect())).collect();
        assert_eq!(summary, vec![(false, vec![]), (true, vec!["internal-error"]), (false, vec!["invalid-syntax"])]);
        assert!(results[1].diagnostics[0].message.contains("deliberate failure in a test check"));
    }

    #[test]
    fn cancellation_is_not_caught() {
        let (db, files) = project(&[("/p/a.py", "x = 1\n")]);
        let outcome = salsa::Cancelled::catch(AssertUnwindSafe(|| {
            check_files_with(&db, &files, &|_| {}, |db, file| {
                db.cancellation_token().cancel();
                finalize(db, file, &RuleLevels::default())
            })
        }));
        assert!(matches!(outcome, Err(salsa::Cancelled::Local)), "{outcome:?}");
    }

    #[test]
    fn a_recursion_without_end_is_an_internal_error_not_an_abort() {
        // A walk that misses a cycle: `ensure_stack` (called at every recursive operation on
        // syntax and types) gives up with a panic before memory runs out, and the panic is
        // isolated to its file.
        fn endless(depth: u64) -> u64 {
            pytc_syntax::ensure_stack(|| endless(depth + 1) + 1)
        }
        let (db, files) = project(&[("/p/cycle.py", "x = 1\n"), ("/p/fine.py", "y: int = ''\n")]);
        let results = check_files_with(&db, &files, &|_| {}, |db, file| {
            if file.path(db).display().ends_with("cycle.py") {
                endless(0);
            }
            finalize(db, file, &RuleLevels::default())
        });
        let summary: Vec<(bool, Vec<&str>)> =
            results.iter().map(|r| (r.crashed, r.diagnostics.iter().map(|d| d.rule).collect())).collect();
        assert_eq!(summary, vec![(true, vec!["internal-error"]), (false, vec!["invalid-assignment"])]);
        assert!(results[0].diagnostics[0].message.contains(pytc_syntax::STACK_EXHAUSTED), "{}", results[0].diagnostics[0].message);
    }

    #[test]
    fn deeply_nested_code_does_not_overflow_the_stack() {
        let depth = 10_000;
        let source = format!("x = {}1{}\n", "(".repeat(depth), ")".repeat(depth));
        let (mut db, files) = project(&[("/p/deep.py", &source)]);
        let results = check_files(&mut db, &files, &RuleLevels::default(), &|_| {});
        assert!(!results[0].crashed, "{:?}", results[0].diagnostics);
    }
}

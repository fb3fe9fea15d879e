//! Runs every `tests/mdtest/**/*.md` file of the workspace. Set `MDTEST_FILTER` to a part of
//! a case name to run only the matching cases.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use pytc_test::{FILTER_VARIABLE, MarkdownOutcome, run_markdown};

/// Type inference recurses; give each worker room so deep cases do not overflow the stack.
const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;

#[test]
fn mdtest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/mdtest");
    let mut files = Vec::new();
    collect_markdown(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no Markdown tests found under {}", root.display());

    let filter = std::env::var(FILTER_VARIABLE).ok().filter(|filter| !filter.is_empty());
    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, usize::from).min(files.len());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            std::thread::Builder::new()
                .stack_size(WORKER_STACK_BYTES)
                .spawn_scoped(scope, || {
                    while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                        let outcome = run_file(&root, path, filter.as_deref());
                        results.lock().unwrap().push(outcome);
                    }
                })
                .expect("spawning an mdtest worker");
        }
    });

    let results = results.into_inner().unwrap();
    let cases: usize = results.iter().map(|outcome| outcome.cases_run).sum();
    let todos: usize = results.iter().map(|outcome| outcome.todos).sum();
    let failures: Vec<&String> = results.iter().flat_map(|outcome| &outcome.failures).collect();
    eprintln!("mdtest: {cases} cases in {} files, {} failed, {todos} TODO (known gaps)", files.len(), failures.len());
    if let Some(filter) = &filter {
        assert!(cases > 0, "{FILTER_VARIABLE}={filter:?} matches no case");
    }
    if !failures.is_empty() {
        let reports: Vec<&str> = failures.iter().map(|report| report.as_str()).collect();
        panic!("{} mdtest case(s) failed:\n\n{}", failures.len(), reports.join("\n"));
    }
}

fn run_file(root: &Path, path: &Path, filter: Option<&str>) -> MarkdownOutcome {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let display = Path::new("tests/mdtest").join(relative).display().to_string();
    let name_prefix = relative.with_extension("").display().to_string();
    match std::fs::read_to_string(path) {
        Ok(text) => run_markdown(&display, &name_prefix, &text, filter),
        Err(error) => MarkdownOutcome { failures: vec![format!("{display}: cannot read: {error}")], ..Default::default() },
    }
}

fn collect_markdown(folder: &Path, found: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(folder).unwrap_or_else(|error| panic!("cannot list {}: {error}", folder.display()));
    for entry in entries {
        let path = entry.expect("reading a directory entry").path();
        if path.is_dir() {
            collect_markdown(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "md") {
            found.push(path);
        }
    }
}

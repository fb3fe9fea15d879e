//! Runs every case of every `tests/mdtest/**/*.md` file of the workspace, spread over worker
//! threads. Set `MDTEST_FILTER` to a part of a case name to run only the matching cases.
//!
//! A case still running after `MDTEST_TIMEOUT` seconds (default 120) fails the run with its
//! name, so a checker that hangs is reported instead of stalling the suite.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use pytc_test::{Case, CaseResult, FILTER_VARIABLE, load_markdown};

/// Type inference recurses; give each worker room so deep cases do not overflow the stack.
const WORKER_STACK_BYTES: usize = 64 * 1024 * 1024;
const TIMEOUT_VARIABLE: &str = "MDTEST_TIMEOUT";
const DEFAULT_TIMEOUT_SECONDS: u64 = 120;
/// Cases slower than this are listed after the run.
const SLOW_CASE: Duration = Duration::from_secs(2);

/// What a worker tells the main thread.
enum Event {
    Started(usize, Instant),
    Finished(usize, CaseResult, Duration),
}

#[test]
fn mdtest() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/mdtest");
    let mut files = Vec::new();
    collect_markdown(&root, &mut files);
    files.sort();
    assert!(!files.is_empty(), "no Markdown tests found under {}", root.display());

    let filter = std::env::var(FILTER_VARIABLE).ok().filter(|filter| !filter.is_empty());
    let mut failures = Vec::new();
    let mut cases = Vec::new();
    for path in &files {
        match load_file(&root, path) {
            Ok(loaded) => cases.extend(loaded),
            Err(error) => failures.push(error),
        }
    }
    cases.retain(|case| filter.as_deref().is_none_or(|filter| case.name().contains(filter)));
    if let Some(filter) = &filter {
        assert!(!cases.is_empty(), "{FILTER_VARIABLE}={filter:?} matches no case");
    }

    let cases = Arc::new(cases);
    let events = spawn_workers(&cases);
    let timeout = Duration::from_secs(
        std::env::var(TIMEOUT_VARIABLE).ok().and_then(|value| value.parse().ok()).unwrap_or(DEFAULT_TIMEOUT_SECONDS),
    );
    let mut running: Vec<(usize, Instant)> = Vec::new();
    let mut durations = Vec::new();
    let mut todos = 0;
    while durations.len() < cases.len() {
        match events.recv_timeout(Duration::from_secs(1)) {
            Ok(Event::Started(index, start)) => running.push((index, start)),
            Ok(Event::Finished(index, result, duration)) => {
                running.retain(|(running_index, _)| *running_index != index);
                todos += result.todos;
                failures.extend(result.failure);
                durations.push((duration, index));
            }
            Err(mpsc::RecvTimeoutError::Timeout) => {}
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("an mdtest worker died"),
        }
        if let Some((index, start)) = running.iter().find(|(_, start)| start.elapsed() > timeout) {
            panic!(
                "case `{}` is still running after {:.0} s (a hang?); {TIMEOUT_VARIABLE} sets the limit\n  \
                 run only this case: {FILTER_VARIABLE}='{}' cargo test -p pytc_test --test mdtest",
                cases[*index].name(),
                start.elapsed().as_secs_f64(),
                cases[*index].name()
            );
        }
    }

    durations.sort_by(|a, b| b.cmp(a));
    for (duration, index) in durations.iter().take_while(|(duration, _)| *duration > SLOW_CASE).take(5) {
        eprintln!("mdtest: slow case ({:.1} s): {}", duration.as_secs_f64(), cases[*index].name());
    }
    eprintln!("mdtest: {} cases in {} files, {} failed, {todos} TODO (known gaps)", cases.len(), files.len(), failures.len());
    if !failures.is_empty() {
        panic!("{} mdtest case(s) failed:\n\n{}", failures.len(), failures.join("\n"));
    }
}

/// Detached workers with large stacks, each taking the next case until none are left. They are
/// detached so that a hanging case cannot keep the test from reporting it.
fn spawn_workers(cases: &Arc<Vec<Case>>) -> mpsc::Receiver<Event> {
    let (sender, receiver) = mpsc::channel();
    let next = Arc::new(AtomicUsize::new(0));
    let workers = std::thread::available_parallelism().map_or(2, usize::from).min(cases.len().max(1));
    for _ in 0..workers {
        let (cases, next, sender) = (Arc::clone(cases), Arc::clone(&next), sender.clone());
        std::thread::Builder::new()
            .stack_size(WORKER_STACK_BYTES)
            .spawn(move || {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = cases.get(index) else { break };
                    let start = Instant::now();
                    let _ = sender.send(Event::Started(index, start));
                    let result = case.run();
                    let _ = sender.send(Event::Finished(index, result, start.elapsed()));
                }
            })
            .expect("spawning an mdtest worker");
    }
    receiver
}

fn load_file(root: &Path, path: &Path) -> Result<Vec<Case>, String> {
    let relative = path.strip_prefix(root).unwrap_or(path);
    let display = Path::new("tests/mdtest").join(relative).display().to_string();
    let name_prefix = relative.with_extension("").display().to_string();
    let text = std::fs::read_to_string(path).map_err(|error| format!("{display}: cannot read: {error}"))?;
    load_markdown(&display, &name_prefix, &text)
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

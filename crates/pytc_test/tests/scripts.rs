//! Smoke checks of the measurement scripts in `scripts/`: their arguments parse and they plan
//! the pinned commands. They never fetch a corpus or time a checker here.

use std::path::Path;
use std::process::{Command, Output};

fn run_script(args: &[&str]) -> Output {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    Command::new("python3")
        .args(args)
        .current_dir(&workspace)
        .output()
        .unwrap_or_else(|error| panic!("python3 is needed to run {args:?}: {error}"))
}

fn stdout_of(args: &[&str]) -> String {
    let output = run_script(args);
    assert!(output.status.success(), "{args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).expect("scripts print UTF-8")
}

#[test]
fn corpus_dry_run_plans_hash_checked_installs_and_checks() {
    let plan = stdout_of(&["scripts/corpus.py", "--dry-run"]);
    assert!(plan.contains("--require-hashes -r") && plan.contains("scripts/corpora/rich.txt"), "{plan}");
    assert!(plan.contains("scripts/corpora/mypy-native.txt"), "{plan}");
    assert!(plan.contains("check --output-format concise --python"), "{plan}");
    assert!(plan.contains("site-packages>/mypyc"), "{plan}");
    let only_rich = stdout_of(&["scripts/corpus.py", "rich", "--dry-run"]);
    assert!(!only_rich.contains("mypy"), "{only_rich}");
}

#[test]
fn corpus_rejects_an_unknown_corpus() {
    let output = run_script(&["scripts/corpus.py", "numpy", "--dry-run"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("unknown corpus numpy"));
}

#[test]
fn every_pin_carries_a_sha256() {
    let locks = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../scripts/corpora");
    for lock in ["rich.txt", "mypy.txt", "mypy-native.txt", "primer.txt"] {
        let text = std::fs::read_to_string(locks.join(lock)).unwrap();
        let pins: Vec<&str> = text.lines().filter(|line| !line.starts_with('#') && !line.trim().is_empty()).collect();
        assert!(!pins.is_empty(), "{lock} pins nothing");
        for pin in pins {
            let hash = pin.split("--hash=sha256:").nth(1).unwrap_or_default();
            assert!(pin.contains("==") && hash.len() == 64, "{lock}: `{pin}` is not an exact, hashed pin");
        }
    }
}

#[test]
fn bench_dry_run_plans_every_checker_on_every_target() {
    let plan = stdout_of(&["scripts/bench.py", "--dry-run"]);
    for expected in ["check --output-format concise --python", "mypy --cache-dir", "ty check", "pyrefly check", "zuban check"] {
        assert!(plan.contains(expected), "missing `{expected}` in:\n{plan}");
    }
    assert_eq!(plan.lines().count(), 20, "five checkers on four targets:\n{plan}");
    assert!(plan.contains("site-packages>/mypy' '<mypy-venv site-packages>/mypyc'"), "the mypy corpus is two folders:\n{plan}");
    for typeshed_option in ["pytc check --output-format concise --typeshed", "--custom-typeshed-dir", "ty check --typeshed", "--typeshed-path"] {
        assert!(plan.contains(typeshed_option), "every checker takes the embedded stubs as its stdlib (`{typeshed_option}`):\n{plan}");
    }
}

#[test]
fn scaling_bench_dry_run_plans_each_size_parallel_and_on_one_thread() {
    let plan = stdout_of(&["scripts/scaling_bench.py", "--dry-run", "--copies", "1", "4"]);
    assert!(plan.contains("rich_1") && plan.contains("rich_4") && !plan.contains("rich_5"), "{plan}");
    assert_eq!(plan.matches("RAYON_NUM_THREADS=1").count(), 2, "each size once more on one thread:\n{plan}");
}

#[test]
fn measure_counts_concise_diagnostics_by_rule() {
    let fake_checker = "printf 'a.py:1:2: error[rule-a] x\\na.py:3:4: error[rule-a] y\\nb.py:1:1: warning[rule-b] z\\n'";
    let report = stdout_of(&["scripts/measure.py", "--label", "fake", "--", "sh", "-c", fake_checker]);
    assert!(report.contains("diagnostics: 3 (2 error, 1 warning)"), "{report}");
    assert!(report.contains("2  error   rule-a"), "{report}");
    let crash = run_script(&["scripts/measure.py", "--", "sh", "-c", "echo 'thread main panicked at x.rs' >&2; exit 101"]);
    assert_eq!(crash.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&crash.stdout).contains("!! PANIC"));
}

#[test]
fn primer_dry_run_plans_one_check_per_distribution_and_build() {
    let plan = stdout_of(&["scripts/primer.py", "--dry-run"]);
    assert!(plan.contains("--require-hashes --only-binary=:all: -r") && plan.contains("scripts/corpora/primer.txt"), "{plan}");
    let checks = plan.lines().filter(|line| line.contains(" check --output-format concise --no-progress --python ")).count();
    assert!(checks >= 25, "at least 25 distributions, found {checks}:\n{plan}");
    let two = stdout_of(&["scripts/primer.py", "attrs", "click", "--base", "old/pytc", "--new", "new/pytc", "--dry-run"]);
    let commands: Vec<&str> = two.lines().filter(|line| line.contains(" check ")).collect();
    assert_eq!(commands.len(), 4, "two distributions, two builds:\n{two}");
    assert!(commands[0].starts_with("old/pytc check") && commands[1].starts_with("new/pytc check"), "{two}");
}

#[test]
fn primer_rejects_unknown_distributions_and_half_a_comparison() {
    let unknown = run_script(&["scripts/primer.py", "numpy", "--dry-run"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("unknown distribution numpy"));
    let half = run_script(&["scripts/primer.py", "--base", "old/pytc", "--dry-run"]);
    assert_eq!(half.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&half.stderr).contains("--base and --new go together"));
}

#[test]
fn fuzz_script_rejects_bad_numbers_before_building() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let output = Command::new("bash").args(["scripts/fuzz.sh", "--seconds", "soon"]).current_dir(&workspace).output().unwrap();
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("--seconds and --seed take whole numbers"));
    let help = Command::new("bash").args(["scripts/fuzz.sh", "--help"]).current_dir(&workspace).output().unwrap();
    assert!(help.status.success() && String::from_utf8_lossy(&help.stdout).contains("--seconds 3600 --seed 7"));
}

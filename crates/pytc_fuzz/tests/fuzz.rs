//! The fuzzer in the test suite: its failure detection works (a panic, an abort and a hang of
//! a worker are each told apart from a clean check), and a short campaign with a fixed seed
//! over the mdtests and typeshed finds no panic, crash or hang.

use std::path::{Path, PathBuf};
use std::time::Duration;

use pytc_fuzz::campaign::{Campaign, describe};
use pytc_fuzz::seeds::{self, Source};
use pytc_fuzz::supervisor::{Outcome, Supervisor, worker_command};

fn worker(self_test: bool) -> Vec<String> {
    worker_command(PathBuf::from(env!("CARGO_BIN_EXE_pytc_fuzz")), self_test)
}

#[test]
fn panics_aborts_and_hangs_are_failures_and_the_worker_recovers() {
    let mut supervisor = Supervisor::new(worker(true));
    let budget = Duration::from_secs(60);
    assert_eq!(supervisor.check(b"x: int = 1\n", false, budget), Outcome::Ok);
    let Outcome::Panic(message) = supervisor.check(b"#!panic", false, budget) else { panic!("a panic is told") };
    assert!(message.contains("self-test panic"), "{message}");
    assert!(matches!(supervisor.check(b"#!abort", false, budget), Outcome::Crash(_)));
    assert_eq!(supervisor.check(b"#!hang", false, Duration::from_secs(2)), Outcome::Timeout);
    assert_eq!(supervisor.check("x = 'é'\n".as_bytes(), false, budget), Outcome::Ok, "a fresh worker took over");
    assert_eq!(supervisor.check(b"x = '\xff'\n", true, budget), Outcome::Ok, "bytes that are not UTF-8");
}

/// Iterations of the in-suite campaign: about a minute of a debug build on two cores.
const ITERATIONS: u64 = 200;

#[test]
fn a_fixed_seed_campaign_finds_no_crash_or_hang() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let seeds = seeds::load(&root, &[Source::Mdtest, Source::Typeshed]);
    let campaign = Campaign {
        seed: 20_261_205,
        from: 0,
        iterations: Some(ITERATIONS),
        deadline: None,
        // Generous: a debug build on a loaded machine; a hang takes far longer.
        budget: Duration::from_secs(30),
        jobs: 2,
        out_dir: PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("fuzz-failures"),
        worker: worker(false),
        // Enough to shrink a panic a lot; a hang's minimisation costs a budget per check.
        minimize_checks: 30,
    };
    let report = campaign.run(&seeds);
    let failures: Vec<String> = report.failures.iter().map(describe).collect();
    assert!(failures.is_empty(), "the fuzzer found failures:\n{}", failures.join("\n"));
    assert_eq!(report.iterations, ITERATIONS);
}

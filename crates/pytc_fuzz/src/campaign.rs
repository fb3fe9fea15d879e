//! A fuzzing campaign: mutants of the seed corpus checked by worker processes until an
//! iteration count or a deadline, each failure minimised to a reproducer file.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

use crate::minimize::minimize;
use crate::mutate::mutant;
use crate::rng::Rng;
use crate::seeds::Seed;
use crate::supervisor::{Outcome, Supervisor};

#[derive(Debug, Clone)]
pub struct Campaign {
    pub seed: u64,
    /// The first iteration (a failure is replayed from its iteration).
    pub from: u64,
    /// Stop after this many iterations ...
    pub iterations: Option<u64>,
    /// ... or at this time, whichever comes first.
    pub deadline: Option<Instant>,
    /// The time one check may take.
    pub budget: Duration,
    /// Worker processes checking at once.
    pub jobs: usize,
    /// Where reproducers are written.
    pub out_dir: PathBuf,
    /// How a worker is started.
    pub worker: Vec<String>,
    /// Checks one minimisation may spend.
    pub minimize_checks: usize,
}

/// One distinct failure.
#[derive(Debug, Clone)]
pub struct Failure {
    pub iteration: u64,
    pub outcome: Outcome,
    pub origin: String,
    pub reproducer: PathBuf,
    pub original_bytes: usize,
    pub minimized_bytes: usize,
}

#[derive(Debug, Default)]
pub struct Report {
    pub iterations: u64,
    pub failures: Vec<Failure>,
    /// Failures whose signature had been found already (not minimised again).
    pub repeats: u64,
}

impl Campaign {
    pub fn run(&self, seeds: &[Seed]) -> Report {
        assert!(!seeds.is_empty(), "the fuzzer needs seeds");
        let next = AtomicU64::new(self.from);
        let report = Mutex::new(Report::default());
        let seen = Mutex::new(HashSet::new());
        std::thread::scope(|scope| {
            for _ in 0..self.jobs.max(1) {
                scope.spawn(|| {
                    let mut supervisor = Supervisor::new(self.worker.clone());
                    loop {
                        if self.deadline.is_some_and(|deadline| Instant::now() >= deadline) {
                            return;
                        }
                        let iteration = next.fetch_add(1, Ordering::SeqCst);
                        if self.iterations.is_some_and(|limit| iteration >= self.from + limit) {
                            return;
                        }
                        let mutant = mutant(seeds, &mut Rng::for_iteration(self.seed, iteration));
                        let outcome = supervisor.check(&mutant.bytes, mutant.stub, self.budget);
                        report.lock().unwrap().iterations += 1;
                        if !outcome.is_failure() {
                            continue;
                        }
                        if !seen.lock().unwrap().insert(outcome.signature()) {
                            report.lock().unwrap().repeats += 1;
                            continue;
                        }
                        let signature = outcome.signature();
                        let minimized = minimize(&mutant.bytes, self.minimize_checks, |candidate| {
                            supervisor.check(candidate, mutant.stub, self.budget).signature() == signature
                        });
                        let failure = Failure {
                            iteration,
                            reproducer: self.write_reproducer(
                                iteration,
                                &outcome,
                                &mutant.origin,
                                &minimized,
                                mutant.stub,
                            ),
                            outcome,
                            origin: mutant.origin,
                            original_bytes: mutant.bytes.len(),
                            minimized_bytes: minimized.len(),
                        };
                        eprintln!("pytc_fuzz: {}", describe(&failure));
                        report.lock().unwrap().failures.push(failure);
                    }
                });
            }
        });
        let mut report = report.into_inner().unwrap();
        report.failures.sort_by_key(|failure| failure.iteration);
        report
    }

    /// Write the minimised input, and beside it what failed and how to find it again.
    fn write_reproducer(&self, iteration: u64, outcome: &Outcome, origin: &str, bytes: &[u8], stub: bool) -> PathBuf {
        let _ = std::fs::create_dir_all(&self.out_dir);
        let name = format!("{}-seed{}-iteration{iteration}", outcome.kind(), self.seed);
        let path = self.out_dir.join(format!("{name}.{}", if stub { "pyi" } else { "py" }));
        let about = format!(
            "{}\nseed {} iteration {iteration}, grown from {origin}\nreplay: pytc_fuzz --seed {} --from {iteration} --iterations 1\n",
            match outcome {
                Outcome::Panic(message) | Outcome::Crash(message) => format!("{}: {message}", outcome.kind()),
                _ => format!("{} after {:?}", outcome.kind(), self.budget),
            },
            self.seed,
            self.seed,
        );
        let _ = std::fs::write(&path, bytes);
        let _ = std::fs::write(self.out_dir.join(format!("{name}.txt")), about);
        path
    }
}

pub fn describe(failure: &Failure) -> String {
    let detail = match &failure.outcome {
        Outcome::Panic(message) | Outcome::Crash(message) => message.clone(),
        _ => String::new(),
    };
    format!(
        "{} at iteration {} (from {}), minimised {} -> {} bytes: {} {detail}",
        failure.outcome.kind(),
        failure.iteration,
        failure.origin,
        failure.original_bytes,
        failure.minimized_bytes,
        failure.reproducer.display(),
    )
}

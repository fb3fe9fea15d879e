//! `pytc_fuzz`: run a fuzzing campaign (see the library), or serve as its worker.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use clap::Parser;
use pytc_fuzz::campaign::{Campaign, describe};
use pytc_fuzz::seeds::{self, Source};
use pytc_fuzz::supervisor::worker_command;

#[derive(Parser)]
#[command(about = "Mutate Python sources and check them until pytc panics, crashes or hangs")]
struct Args {
    /// The campaign's seed: the same seed makes the same mutants.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// The first iteration.
    #[arg(long, default_value_t = 0)]
    from: u64,
    /// Stop after this many iterations.
    #[arg(long)]
    iterations: Option<u64>,
    /// Stop after this many seconds (default 60 when --iterations is not given).
    #[arg(long)]
    seconds: Option<u64>,
    /// The time one check may take, in milliseconds, before it is a hang.
    #[arg(long, default_value_t = 10_000)]
    budget_ms: u64,
    /// Worker processes checking at once.
    #[arg(long, default_value_t = 1)]
    jobs: usize,
    /// Where reproducers are written.
    #[arg(long, default_value = "target/fuzz-failures")]
    out: PathBuf,
    /// Seed sources, comma-separated: mdtest, typeshed, conformance (when a copy is found).
    #[arg(long, default_value = "mdtest,typeshed,conformance")]
    corpus: String,
    /// The workspace root (for tests/mdtest and a conformance copy beside it).
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Checks one minimisation may spend.
    #[arg(long, default_value_t = 400)]
    minimize_checks: usize,
    /// Serve as a worker on standard input and output (used by the fuzzer itself).
    #[arg(long, hide = true)]
    worker: bool,
    /// With --worker: fail on purpose on inputs starting `#!panic`, `#!abort`, `#!hang`.
    #[arg(long, hide = true)]
    self_test: bool,
}

fn main() -> ExitCode {
    let args = Args::parse();
    if args.worker {
        pytc_fuzz::worker::serve(args.self_test);
        return ExitCode::SUCCESS;
    }
    let mut sources = Vec::new();
    for name in args.corpus.split(',').filter(|name| !name.is_empty()) {
        match Source::parse(name) {
            Some(source) => sources.push(source),
            None => {
                eprintln!("pytc_fuzz: unknown corpus `{name}` (mdtest, typeshed, conformance)");
                return ExitCode::from(2);
            }
        }
    }
    let seeds = seeds::load(&args.root, &sources);
    if seeds.is_empty() {
        eprintln!("pytc_fuzz: no seeds found under {}", args.root.display());
        return ExitCode::from(2);
    }
    let seconds = args.seconds.or(if args.iterations.is_none() { Some(60) } else { None });
    let exe = std::env::current_exe().expect("the fuzzer knows its own path");
    let campaign = Campaign {
        seed: args.seed,
        from: args.from,
        iterations: args.iterations,
        deadline: seconds.map(|seconds| Instant::now() + Duration::from_secs(seconds)),
        budget: Duration::from_millis(args.budget_ms),
        jobs: args.jobs,
        out_dir: args.out,
        worker: worker_command(exe, args.self_test),
        minimize_checks: args.minimize_checks,
    };
    eprintln!("pytc_fuzz: seed {}, {} seeds, {} job(s)", args.seed, seeds.len(), args.jobs);
    let started = Instant::now();
    let report = campaign.run(&seeds);
    println!(
        "pytc_fuzz: {} iterations in {:.0} s, {} distinct failures ({} repeats)",
        report.iterations,
        started.elapsed().as_secs_f64(),
        report.failures.len(),
        report.repeats
    );
    for failure in &report.failures {
        println!("  {}", describe(failure));
    }
    if report.failures.is_empty() { ExitCode::SUCCESS } else { ExitCode::from(1) }
}

//! A seeded, deterministic mutation fuzzer for pytc (no fuzzing engine: a small PRNG, stable
//! Rust). Mutants of the seed corpus (`seeds`: mdtests, typeshed, conformance) made by
//! `mutate` are checked by worker processes (`worker`, driven by `supervisor`) in fresh
//! in-memory databases with a time budget each; a panic, a dead worker (a stack overflow
//! aborts) or a timeout is a failure, minimised (`minimize`) to a reproducer file by the
//! `campaign`. `scripts/fuzz.sh` runs it in release; the test suite runs a short, fixed-seed
//! campaign.

pub mod campaign;
pub mod minimize;
pub mod mutate;
pub mod rng;
pub mod seeds;
pub mod supervisor;
pub mod worker;

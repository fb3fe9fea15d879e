//! Deep recursion without stack overflows. Every recursive walk over a syntax tree, and every
//! recursive operation on types (inference, member lookup, relations, substitution, display),
//! calls `ensure_stack` at each level: when the thread's stack runs low, the rest of the walk
//! continues on a fresh segment allocated on the heap, so a 10,000-level expression is handled
//! on any thread, whatever its stack size.
//!
//! The segments are bounded too: a recursion that would need more than `MAX_SEGMENTS` of them
//! (a cycle some walk failed to detect, never real code) panics with `STACK_EXHAUSTED`
//! instead of overflowing. A stack overflow aborts the whole process; a panic is caught per
//! file by the checking threads and becomes an `internal-error` diagnostic on that one file.

use std::cell::Cell;

/// Below this much remaining stack, the next level runs on a new segment.
const RED_ZONE_BYTES: usize = 256 * 1024;

/// The size of each new segment.
const SEGMENT_BYTES: usize = 8 * 1024 * 1024;

/// The most segments one thread may stack up (256 MiB beyond its own stack).
const MAX_SEGMENTS: usize = 32;

/// The panic message of a recursion that ran out of stack segments.
pub const STACK_EXHAUSTED: &str = "recursion too deep (stack limit reached)";

thread_local! {
    static SEGMENTS: Cell<usize> = const { Cell::new(0) };
}

/// Run `work`, first moving to a new stack segment if this thread's stack is nearly full.
/// Panics with `STACK_EXHAUSTED` when this thread already uses `MAX_SEGMENTS` segments.
#[inline]
pub fn ensure_stack<R>(work: impl FnOnce() -> R) -> R {
    if stacker::remaining_stack().is_some_and(|remaining| remaining >= RED_ZONE_BYTES) {
        return work();
    }
    on_new_segment(work)
}

#[cold]
fn on_new_segment<R>(work: impl FnOnce() -> R) -> R {
    let used = SEGMENTS.get();
    if used >= MAX_SEGMENTS {
        std::panic::panic_any(STACK_EXHAUSTED);
    }
    /// Gives the segment back however `work` ends, unwinding included.
    struct Release;
    impl Drop for Release {
        fn drop(&mut self) {
            SEGMENTS.set(SEGMENTS.get() - 1);
        }
    }
    SEGMENTS.set(used + 1);
    let _release = Release;
    stacker::grow(SEGMENT_BYTES, work)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn recurse_forever(depth: u64) -> u64 {
        ensure_stack(|| recurse_forever(depth + 1) + 1)
    }

    #[test]
    fn unbounded_recursion_panics_with_the_recognisable_message_and_releases_its_segments() {
        let outcome = std::thread::Builder::new()
            .stack_size(1024 * 1024)
            .spawn(|| {
                let payload = std::panic::catch_unwind(|| recurse_forever(0)).expect_err("the recursion never ends");
                (payload.downcast_ref::<&str>().copied(), SEGMENTS.get())
            })
            .unwrap()
            .join()
            .unwrap();
        assert_eq!(outcome, (Some(STACK_EXHAUSTED), 0));
    }

    #[test]
    fn deep_but_finite_recursion_completes() {
        fn sum(depth: u64) -> u64 {
            if depth == 0 { 0 } else { ensure_stack(|| sum(depth - 1) + 1) }
        }
        let total = std::thread::Builder::new().stack_size(1024 * 1024).spawn(|| sum(100_000)).unwrap().join().unwrap();
        assert_eq!(total, 100_000);
    }
}

//! Deep recursion without stack overflows. Every recursive walk over a syntax tree (or over
//! types built from one) calls `ensure_stack` at each level: when the thread's stack runs
//! low, the rest of the walk continues on a fresh segment allocated on the heap, so a
//! 10,000-level expression is handled on any thread, whatever its stack size.

/// Below this much remaining stack, the next level runs on a new segment.
const RED_ZONE_BYTES: usize = 256 * 1024;

/// The size of each new segment.
const SEGMENT_BYTES: usize = 8 * 1024 * 1024;

/// Run `work`, first moving to a new stack segment if this thread's stack is nearly full.
#[inline]
pub fn ensure_stack<R>(work: impl FnOnce() -> R) -> R {
    stacker::maybe_grow(RED_ZONE_BYTES, SEGMENT_BYTES, work)
}

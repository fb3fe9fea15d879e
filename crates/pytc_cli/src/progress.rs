//! The progress bar: on stderr, only when it is a terminal, and only once a check has run
//! long enough for one to help.

use std::io::IsTerminal;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A check shorter than this never shows a bar.
const SHOW_AFTER: Duration = Duration::from_millis(300);

pub struct Progress {
    bar: ProgressBar,
    started: Instant,
    enabled: bool,
    shown: AtomicBool,
}

impl Progress {
    /// A bar over `total` files; `wanted` is false for `--no-progress`.
    pub fn new(total: usize, wanted: bool) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} checking {pos}/{len} files {wide_bar} {elapsed}") {
            bar.set_style(style);
        }
        Self { bar, started: Instant::now(), enabled: wanted && std::io::stderr().is_terminal(), shown: AtomicBool::new(false) }
    }

    /// One more file is done. Safe to call from any thread.
    pub fn file_done(&self) {
        self.bar.inc(1);
        if self.enabled && self.started.elapsed() >= SHOW_AFTER && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

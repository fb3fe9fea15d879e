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
    show_after: Duration,
    shown: AtomicBool,
}

impl Progress {
    /// A bar over `total` files; `wanted` is false for `--no-progress`.
    pub fn new(total: usize, wanted: bool) -> Self {
        Self::with_delay(total, wanted && std::io::stderr().is_terminal(), SHOW_AFTER)
    }

    /// A bar that appears on the first file done `show_after` or later, if `enabled`.
    fn with_delay(total: usize, enabled: bool, show_after: Duration) -> Self {
        let bar = ProgressBar::with_draw_target(Some(total as u64), ProgressDrawTarget::hidden());
        if let Ok(style) = ProgressStyle::with_template("{spinner} checking {pos}/{len} files {wide_bar} {elapsed}") {
            bar.set_style(style);
        }
        Self { bar, started: Instant::now(), enabled, show_after, shown: AtomicBool::new(false) }
    }

    /// One more file is done. Safe to call from any thread.
    pub fn file_done(&self) {
        self.bar.inc(1);
        if self.enabled && self.started.elapsed() >= self.show_after && !self.shown.swap(true, Ordering::Relaxed) {
            self.bar.set_draw_target(ProgressDrawTarget::stderr());
        }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown_after_one_file(enabled: bool, show_after: Duration) -> bool {
        let progress = Progress::with_delay(2, enabled, show_after);
        progress.file_done();
        let shown = progress.shown.load(Ordering::Relaxed);
        progress.finish();
        shown
    }

    #[test]
    fn appears_only_when_enabled_and_once_the_check_has_taken_a_moment() {
        assert!(shown_after_one_file(true, Duration::ZERO));
        assert!(!shown_after_one_file(true, Duration::from_secs(3600)));
        assert!(!shown_after_one_file(false, Duration::ZERO));
    }
}

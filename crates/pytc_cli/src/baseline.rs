//! `pytc check --write-baseline` and `--baseline`: record today's diagnostics, then report
//! only the ones not recorded, and the recorded ones that no longer occur.

use std::io::{self, Write};
use std::path::Path;

use pytc_db::Db;
use pytc_project::{Baseline, FileResult, INTERNAL_ERROR, StaleEntry, baseline_key, baseline_path};
use rustc_hash::FxHashSet;

/// Record every diagnostic of `results` (not crashes: those are bugs to report, not debt) in
/// a baseline written to `path`.
pub fn write(db: &dyn Db, results: &[FileResult], path: &Path) -> Result<Baseline, pytc_project::ConfigError> {
    let mut baseline = Baseline::new(path.to_path_buf());
    let folder = baseline.folder().to_path_buf();
    for diagnostic in results.iter().flat_map(|result| &result.diagnostics) {
        if diagnostic.rule != INTERNAL_ERROR.name
            && let Some(key) = baseline_key(db, diagnostic, &folder)
        {
            baseline.record(key);
        }
    }
    baseline.write()?;
    Ok(baseline)
}

/// What applying a baseline did.
pub struct Applied {
    /// Diagnostics the baseline absorbed (no longer in the results).
    pub absorbed: usize,
    /// Recorded diagnostics of checked files that did not occur.
    pub stale: Vec<StaleEntry>,
}

/// Remove from `results` the diagnostics `baseline` records, one occurrence per recorded one.
pub fn apply(db: &dyn Db, results: &mut [FileResult], baseline: &Baseline) -> Applied {
    let folder = baseline.folder().to_path_buf();
    let mut matcher = baseline.matcher();
    let mut absorbed = 0;
    let mut checked = FxHashSet::default();
    for result in results.iter_mut() {
        if let Some(path) = result.file.path(db).as_system() {
            checked.insert(baseline_path(path, &folder));
        }
        result.diagnostics.retain(|diagnostic| {
            let recorded = diagnostic.rule != INTERNAL_ERROR.name
                && baseline_key(db, diagnostic, &folder).is_some_and(|key| matcher.absorb(&key));
            absorbed += usize::from(recorded);
            !recorded
        });
    }
    Applied { absorbed, stale: matcher.stale(&checked) }
}

/// The lines on stderr after a check with a baseline: how much it absorbed, then each entry
/// that no longer occurs, so the baseline can be tightened. `noun` names what is recorded
/// (`diagnostic`, or a finding or change of `pytc api`).
pub fn print_report(out: &mut dyn Write, baseline: &Baseline, applied: &Applied, shown_path: &str, noun: &str) -> io::Result<()> {
    if applied.absorbed > 0 {
        writeln!(out, "{} in baseline `{shown_path}` not reported", plural(applied.absorbed, noun))?;
    }
    if applied.stale.is_empty() {
        return Ok(());
    }
    let missing: usize = applied.stale.iter().map(|entry| entry.missing).sum();
    let verb = if missing == 1 { "occurs" } else { "occur" };
    writeln!(
        out,
        "{} recorded in baseline `{shown_path}` no longer {verb} (fixed, or changed); \
         rewrite it with `--write-baseline {shown_path}` to lock in the progress:",
        plural(missing, noun)
    )?;
    for StaleEntry { key, missing } in &applied.stale {
        let times = if *missing > 1 { format!(" (x{missing})") } else { String::new() };
        writeln!(out, "  {}: [{}] {} (line `{}`){times}", key.path, key.rule, key.message, key.line_text)?;
    }
    if baseline.written_by != env!("CARGO_PKG_VERSION") {
        writeln!(
            out,
            "note: the baseline was written by pytc {}; messages may differ in pytc {}",
            baseline.written_by,
            env!("CARGO_PKG_VERSION")
        )?;
    }
    Ok(())
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 { format!("1 {noun}") } else { format!("{count} {noun}s") }
}

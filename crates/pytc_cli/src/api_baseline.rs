//! `--write-baseline` and `--baseline` for `pytc api check` and `pytc api diff`, on the
//! baseline file of `pytc check` (`pytc_project::Baseline`): each finding or change is keyed
//! by its file (relative to the baseline's folder), rule, message and line of code, so
//! accepted ones stay accepted when code moves.

use std::path::Path;

use pytc_api::{ApiChange, CompletenessFinding, SourceLocation};
use pytc_project::{Baseline, BaselineKey, baseline_path};
use rustc_hash::FxHashSet;

use crate::baseline::Applied;

/// What a finding or change is recorded as.
pub struct Keyed<'a> {
    location: Option<&'a SourceLocation>,
    rule: &'a str,
    message: &'a str,
}

/// A finding or change a baseline can record.
pub trait Recorded {
    fn keyed(&self) -> Keyed<'_>;
}

impl Recorded for CompletenessFinding {
    fn keyed(&self) -> Keyed<'_> {
        Keyed { location: Some(&self.location), rule: self.kind.name(), message: &self.message }
    }
}

impl Recorded for ApiChange {
    /// A change is recorded where it is shown: the new location, else the old one.
    fn keyed(&self) -> Keyed<'_> {
        Keyed { location: self.new_location.as_ref().or(self.old_location.as_ref()), rule: self.rule, message: &self.message }
    }
}

fn key(cwd: &Path, folder: &Path, keyed: &Keyed<'_>) -> BaselineKey {
    BaselineKey {
        path: keyed.location.map(|location| baseline_path(&cwd.join(&location.path), folder)).unwrap_or_default(),
        rule: keyed.rule.to_string(),
        message: keyed.message.to_string(),
        line_text: keyed.location.map(|location| location.line_text.trim().to_string()).unwrap_or_default(),
    }
}

/// Records every item in a new baseline at `path`.
pub fn write<T: Recorded>(path: &Path, cwd: &Path, items: &[T]) -> Result<Baseline, String> {
    let mut baseline = Baseline::new(cwd.join(path));
    let folder = baseline.folder().to_path_buf();
    for item in items {
        baseline.record(key(cwd, &folder, &item.keyed()));
    }
    baseline.write().map_err(|error| error.to_string())?;
    Ok(baseline)
}

/// Removes from `items` those `baseline` records (one occurrence each). Entries of
/// `checked_paths` (the package's modules, as locations show them) that matched nothing
/// are stale.
pub fn apply<T: Recorded>(baseline: &Baseline, cwd: &Path, items: &mut Vec<T>, checked_paths: &[String]) -> Applied {
    let folder = baseline.folder().to_path_buf();
    let mut matcher = baseline.matcher();
    let before = items.len();
    items.retain(|item| !matcher.absorb(&key(cwd, &folder, &item.keyed())));
    let checked: FxHashSet<String> = checked_paths.iter().map(|path| baseline_path(&cwd.join(path), &folder)).collect();
    Applied { absorbed: before - items.len(), stale: matcher.stale(&checked) }
}

//! Baselines: a file recording the diagnostics a codebase already has, so that a check
//! reports only new ones and a team can adopt pytc on existing code and ratchet down.
//!
//! A diagnostic is matched by its file (relative to the baseline's folder), rule, message and
//! the text of its line with surrounding whitespace trimmed — never by line number, so edits
//! above it do not break the match. The same key may occur several times; the baseline keeps
//! a count and absorbs at most that many occurrences.
//!
//! The format is versioned JSON (`BASELINE_FORMAT`); a file of another format, a corrupt one
//! or one that is not a pytc baseline at all is an error naming the file.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use pytc_db::{Db, Diagnostic, source_text};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

use crate::error::ConfigError;

/// The version of the baseline file format this pytc reads and writes.
pub const BASELINE_FORMAT: u32 = 1;

/// What identifies a diagnostic across edits that move it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct BaselineKey {
    /// The file, relative to the baseline's folder with `/` separators (absolute outside it).
    pub path: String,
    pub rule: String,
    pub message: String,
    /// The diagnostic's first line, trimmed.
    pub line_text: String,
}

/// One recorded diagnostic and how many times it occurred.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct BaselineEntry {
    #[serde(flatten)]
    key: BaselineKey,
    count: usize,
}

/// The file as stored.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct BaselineFile {
    /// Marks the file as a pytc baseline and names its format version.
    pytc_baseline: u32,
    /// The pytc that wrote it (informational: messages can change between versions).
    pytc_version: String,
    diagnostics: Vec<BaselineEntry>,
}

/// A baseline in memory: the recorded counts per key, and the folder paths are relative to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Baseline {
    /// The baseline file.
    pub path: PathBuf,
    /// The pytc version that wrote it.
    pub written_by: String,
    counts: BTreeMap<BaselineKey, usize>,
}

/// A baseline entry that matched fewer diagnostics than it records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleEntry {
    pub key: BaselineKey,
    /// How many of the recorded occurrences no longer occur.
    pub missing: usize,
}

impl Baseline {
    /// An empty baseline to be written to `path`.
    pub fn new(path: PathBuf) -> Self {
        Self { path, written_by: env!("CARGO_PKG_VERSION").to_string(), counts: BTreeMap::new() }
    }

    /// Read the baseline at `path`. A missing, unreadable, corrupt or foreign file, or one
    /// of another format version, is an error naming the file.
    pub fn read(path: &Path) -> Result<Self, ConfigError> {
        let bad = |message: String| ConfigError::Baseline { path: path.to_path_buf(), message };
        let text = std::fs::read_to_string(path).map_err(|error| bad(format!("cannot read it: {error}")))?;
        let value: serde_json::Value =
            serde_json::from_str(&text).map_err(|error| bad(format!("not valid JSON: {error}")))?;
        let format = value.get("pytc_baseline").ok_or_else(|| bad("not a pytc baseline (no `pytc_baseline` field)".to_string()))?;
        if format.as_u64() != Some(u64::from(BASELINE_FORMAT)) {
            let written_by = value.get("pytc_version").and_then(|version| version.as_str()).unwrap_or("an unknown version");
            return Err(bad(format!(
                "baseline format {format} (written by pytc {written_by}) is not the format this pytc {} reads ({BASELINE_FORMAT}); \
                 write a new one with `pytc check --write-baseline`",
                env!("CARGO_PKG_VERSION")
            )));
        }
        let file: BaselineFile = serde_json::from_value(value).map_err(|error| bad(format!("malformed: {error}")))?;
        let mut baseline = Self { path: path.to_path_buf(), written_by: file.pytc_version, counts: BTreeMap::new() };
        for entry in file.diagnostics {
            if entry.count == 0 {
                return Err(bad(format!("malformed: an entry of `{}` has count 0", entry.key.path)));
            }
            *baseline.counts.entry(entry.key).or_default() += entry.count;
        }
        Ok(baseline)
    }

    /// The folder the recorded paths are relative to.
    pub fn folder(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new(""))
    }

    /// Record one more occurrence of `key`.
    pub fn record(&mut self, key: BaselineKey) {
        *self.counts.entry(key).or_default() += 1;
    }

    /// How many diagnostics the baseline records.
    pub fn len(&self) -> usize {
        self.counts.values().sum()
    }

    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The file's text: entries sorted by key, so rewriting an unchanged baseline changes nothing.
    pub fn to_json(&self) -> String {
        let file = BaselineFile {
            pytc_baseline: BASELINE_FORMAT,
            pytc_version: env!("CARGO_PKG_VERSION").to_string(),
            diagnostics: self.counts.iter().map(|(key, &count)| BaselineEntry { key: key.clone(), count }).collect(),
        };
        let mut text = serde_json::to_string_pretty(&file).unwrap_or_default();
        text.push('\n');
        text
    }

    /// Write the baseline to its path.
    pub fn write(&self) -> Result<(), ConfigError> {
        std::fs::write(&self.path, self.to_json())
            .map_err(|error| ConfigError::Baseline { path: self.path.clone(), message: format!("cannot write it: {error}") })
    }

    /// A matcher that absorbs recorded diagnostics one occurrence at a time.
    pub fn matcher(&self) -> BaselineMatcher<'_> {
        BaselineMatcher { baseline: self, used: FxHashMap::default() }
    }
}

/// Matches diagnostics against a baseline, counting the occurrences each entry absorbed.
pub struct BaselineMatcher<'a> {
    baseline: &'a Baseline,
    used: FxHashMap<&'a BaselineKey, usize>,
}

impl<'a> BaselineMatcher<'a> {
    /// Whether the baseline still has an unused occurrence of `key`; if so it is used up.
    pub fn absorb(&mut self, key: &BaselineKey) -> bool {
        let Some((recorded_key, &recorded)) = self.baseline.counts.get_key_value(key) else {
            return false;
        };
        let used = self.used.entry(recorded_key).or_default();
        if *used < recorded {
            *used += 1;
            true
        } else {
            false
        }
    }

    /// The entries of the files in `checked_paths` (as keyed) that absorbed fewer
    /// occurrences than recorded: fixed or changed diagnostics. Entries of files not checked
    /// this time are not stale.
    pub fn stale(&self, checked_paths: &rustc_hash::FxHashSet<String>) -> Vec<StaleEntry> {
        self.baseline
            .counts
            .iter()
            .filter(|(key, _)| checked_paths.contains(&key.path))
            .filter_map(|(key, &recorded)| {
                let used = self.used.get(key).copied().unwrap_or(0);
                (used < recorded).then(|| StaleEntry { key: key.clone(), missing: recorded - used })
            })
            .collect()
    }
}

/// How `path` is named in a baseline kept in `folder`.
pub fn baseline_path(path: &Path, folder: &Path) -> String {
    match path.strip_prefix(folder) {
        Ok(relative) => relative.components().map(|part| part.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"),
        Err(_) => path.display().to_string(),
    }
}

/// The key of `diagnostic` for a baseline kept in `folder`, or `None` for a diagnostic of a
/// file that is not on disk.
pub fn baseline_key(db: &dyn Db, diagnostic: &Diagnostic, folder: &Path) -> Option<BaselineKey> {
    let path = diagnostic.file.path(db).as_system()?;
    let source = source_text(db, diagnostic.file);
    Some(BaselineKey {
        path: baseline_path(path, folder),
        rule: diagnostic.rule.to_string(),
        message: diagnostic.message.clone(),
        line_text: line_text(source, diagnostic.range.start().to_usize()).trim().to_string(),
    })
}

/// The line of `source` that holds byte `offset` (clamped into the text), without its newline.
fn line_text(source: &str, offset: usize) -> &str {
    let offset = source.floor_char_boundary(offset);
    let start = source[..offset].rfind('\n').map_or(0, |newline| newline + 1);
    let end = source[offset..].find(['\n', '\r']).map_or(source.len(), |newline| offset + newline);
    &source[start..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(path: &str, line: &str) -> BaselineKey {
        BaselineKey { path: path.into(), rule: "invalid-assignment".into(), message: "m".into(), line_text: line.into() }
    }

    #[test]
    fn line_text_is_the_whole_line_around_the_offset() {
        let source = "a = 1\n  b: int = ''\r\nc\n";
        assert_eq!(line_text(source, 0), "a = 1");
        assert_eq!(line_text(source, 12), "  b: int = ''");
        assert_eq!(line_text(source, 21), "c");
        assert_eq!(line_text(source, 1000), "");
        assert_eq!(line_text("é", 1), "é");
    }

    #[test]
    fn duplicates_are_absorbed_up_to_their_count_and_the_rest_is_stale() {
        let dir = tempfile::tempdir().unwrap();
        let mut baseline = Baseline::new(dir.path().join("baseline.json"));
        baseline.record(key("a.py", "x"));
        baseline.record(key("a.py", "x"));
        baseline.record(key("a.py", "y"));
        baseline.record(key("other.py", "z"));
        baseline.write().unwrap();
        let baseline = Baseline::read(&dir.path().join("baseline.json")).unwrap();
        assert_eq!(baseline.len(), 4);

        let mut matcher = baseline.matcher();
        assert!(matcher.absorb(&key("a.py", "x")));
        assert!(matcher.absorb(&key("a.py", "x")));
        assert!(!matcher.absorb(&key("a.py", "x")), "a third occurrence is new");
        assert!(!matcher.absorb(&key("b.py", "x")));
        let checked: rustc_hash::FxHashSet<String> = ["a.py".to_string()].into_iter().collect();
        assert_eq!(matcher.stale(&checked), vec![StaleEntry { key: key("a.py", "y"), missing: 1 }]);
    }

    #[test]
    fn bad_files_are_errors_naming_the_file_and_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        let cases = [
            ("{not json", "not valid JSON"),
            ("[1, 2]", "not a pytc baseline"),
            (r#"{"pytc_baseline": 99, "pytc_version": "9.0.0", "diagnostics": []}"#, "baseline format 99 (written by pytc 9.0.0)"),
            (r#"{"pytc_baseline": 1, "pytc_version": "0", "diagnostics": [{"path": 3}]}"#, "malformed"),
            (
                r#"{"pytc_baseline": 1, "pytc_version": "0", "diagnostics": [{"path": "a", "rule": "r", "message": "m", "line_text": "", "count": 0}]}"#,
                "count 0",
            ),
        ];
        for (text, expected) in cases {
            let path = dir.path().join("bad.json");
            std::fs::write(&path, text).unwrap();
            let error = Baseline::read(&path).unwrap_err().to_string();
            assert!(error.contains(&path.display().to_string()) && error.contains(expected), "{text}: {error}");
        }
        let missing = Baseline::read(&dir.path().join("missing.json")).unwrap_err().to_string();
        assert!(missing.contains("missing.json") && missing.contains("cannot read it"), "{missing}");
    }

    #[test]
    fn paths_inside_the_folder_are_relative_with_slashes() {
        assert_eq!(baseline_path(Path::new("/p/src/a.py"), Path::new("/p")), "src/a.py");
        assert_eq!(baseline_path(Path::new("/q/a.py"), Path::new("/p")), "/q/a.py");
    }
}

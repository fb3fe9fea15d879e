//! "Did you mean" suggestions for a top-level module name that does not resolve.

use pytc_db::Db;

use crate::search_paths::{SearchRoot, search_paths};

/// A module name that did not resolve, as a salsa key.
#[salsa::interned(debug, revisions = usize::MAX)]
struct MissingModule<'db> {
    #[returns(ref)]
    name: String,
}

/// The importable top-level name closest to `missing` (a typo away), if any.
pub(crate) fn similar_top_level_module(db: &dyn Db, missing: &str) -> Option<String> {
    similar_module_query(db, MissingModule::new(db, missing.to_owned())).clone()
}

/// A query because every failed resolution of the same name builds its message again (a
/// name read through many `from missing import *` asks once per star import), and this
/// lists every search path. Listings are file-system state: it depends on the search paths
/// (and their generation, which `invalidate_resolutions` bumps) to be read again when they
/// change.
#[salsa::tracked(returns(ref))]
fn similar_module_query<'db>(db: &'db dyn Db, missing: MissingModule<'db>) -> Option<String> {
    let missing = missing.name(db).as_str();
    let paths = search_paths(db);
    let version = *db.settings().python_version(db);
    let typeshed = paths.typeshed.typeshed();
    let stdlib_names = typeshed
        .versions()
        .iter()
        .filter(|(name, range)| !name.contains('.') && range.contains(version))
        .map(|(name, _)| name.to_string());
    let directory_names = paths.paths.iter().flat_map(|path| match &path.root {
        SearchRoot::Directory(dir) => db.system().read_dir(dir).unwrap_or_default(),
        SearchRoot::Typeshed => Vec::new(),
    });
    stdlib_names
        .chain(directory_names.filter_map(|entry| importable_name(&entry)))
        .filter(|candidate| candidate != missing)
        .map(|candidate| (strsim::damerau_levenshtein(missing, &candidate), candidate))
        .filter(|(distance, candidate)| *distance <= max_distance(missing.len().min(candidate.len())))
        .min()
        .map(|(_, candidate)| candidate)
}

/// The module a directory entry would be imported as: `pkg`, `mod.py`, `mod.pyi`, `pkg-stubs`.
fn importable_name(entry: &str) -> Option<String> {
    let name = entry
        .strip_suffix(".pyi")
        .or_else(|| entry.strip_suffix(".py"))
        .or_else(|| entry.strip_suffix("-stubs"))
        .unwrap_or(entry);
    let is_identifier = name.chars().next().is_some_and(|c| c == '_' || c.is_alphabetic())
        && name.chars().all(|c| c == '_' || c.is_alphanumeric());
    is_identifier.then(|| name.to_string())
}

/// How many edits still count as a typo: none for very short names, then one per four
/// characters, at most three.
fn max_distance(length: usize) -> usize {
    (length / 4).min(3)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn directory_entries_become_module_names() {
        assert_eq!(importable_name("requests").as_deref(), Some("requests"));
        assert_eq!(importable_name("six.py").as_deref(), Some("six"));
        assert_eq!(importable_name("yaml-stubs").as_deref(), Some("yaml"));
        assert_eq!(importable_name("requests-2.31.0.dist-info"), None);
        assert_eq!(importable_name("__pycache__").as_deref(), Some("__pycache__"));
        assert_eq!(max_distance(3), 0);
        assert_eq!(max_distance(11), 2);
    }
}

//! `[tool.pytc.api]` (or `[api]` in `pytc.toml`): how `pytc api check` and `pytc api diff`
//! judge a package. Rule names are checked by the CLI, which knows the API rules.
//!
//! ```toml
//! [tool.pytc.api]
//! fail-under = 95                      # `pytc api check` fails under this score
//! baseline = "api-baseline.json"       # findings and changes it records are not reported
//! ignore = ["mypkg.compat.*"]          # symbols (module.name, `*` matches any text) left out
//!
//! [tool.pytc.api.rules]
//! return-type-narrowed = "ignore"      # error | warn | info | ignore
//! inferred-type = "ignore"
//! type-change-undecided = "error"
//! ```

use std::collections::BTreeMap;
use std::path::PathBuf;

use serde::Deserialize;

use crate::config::LevelName;

#[derive(Debug, Default, Clone, PartialEq, Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct ApiConfig {
    /// The completeness score `pytc api check` needs (a percentage).
    pub fail_under: Option<f64>,
    /// A baseline file (relative to the configuration file's folder).
    pub baseline: Option<PathBuf>,
    /// Symbols to leave out of completeness and review: `module.name` patterns, `*` matching
    /// any text (`mypkg.compat.*`, `mypkg.Client.__getstate__`).
    pub ignore: Vec<String>,
    /// Levels of API rules and completeness findings by name.
    pub rules: BTreeMap<String, LevelName>,
}

impl ApiConfig {
    /// Whether `symbol` (`module.name`) matches one of the `ignore` patterns.
    pub fn ignores(&self, symbol: &str) -> bool {
        self.ignore.iter().any(|pattern| wildcard_match(pattern, symbol))
    }
}

/// `*` matches any run of characters (dots included); everything else matches itself.
fn wildcard_match(pattern: &str, text: &str) -> bool {
    let mut parts = pattern.split('*');
    let first = parts.next().unwrap_or_default();
    let Some(mut rest) = text.strip_prefix(first) else { return false };
    let parts: Vec<&str> = parts.collect();
    let Some((last, middle)) = parts.split_last() else { return rest.is_empty() };
    for part in middle {
        match rest.find(part) {
            Some(index) => rest = &rest[index + part.len()..],
            None => return false,
        }
    }
    rest.len() >= last.len() && rest.ends_with(last)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_match_whole_names_with_star_as_any_text() {
        let config = ApiConfig { ignore: vec!["pkg.compat.*".into(), "pkg.Client.__getstate__".into(), "*.internal_*".into()], ..ApiConfig::default() };
        assert!(config.ignores("pkg.compat.shim"));
        assert!(config.ignores("pkg.compat.deep.name"));
        assert!(config.ignores("pkg.Client.__getstate__"));
        assert!(config.ignores("other.mod.internal_helper"));
        assert!(!config.ignores("pkg.compatible"));
        assert!(!config.ignores("pkg.Client.__getstate__x"));
        assert!(!config.ignores("pkg.Client"));
    }
}

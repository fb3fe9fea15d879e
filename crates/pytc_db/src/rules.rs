//! Rule metadata. Each rule is a `static Rule` declared (with `declare_rule!`) next to the
//! code that reports it; `inventory` collects them all into one registry.

use crate::Severity;

/// How a rule is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Level {
    Ignore,
    Info,
    Warn,
    Error,
}

impl Level {
    /// The severity diagnostics of this level get, or `None` when they are dropped.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Self::Ignore => None,
            Self::Info => Some(Severity::Info),
            Self::Warn => Some(Severity::Warning),
            Self::Error => Some(Severity::Error),
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Ignore => "ignore",
            Self::Info => "info",
            Self::Warn => "warn",
            Self::Error => "error",
        }
    }
}

/// A rule: name, one-line summary, default level and documentation with an example.
#[derive(Debug)]
pub struct Rule {
    pub name: &'static str,
    pub summary: &'static str,
    pub default_level: Level,
    pub docs: &'static str,
}

inventory::collect!(&'static Rule);

/// Declare a rule as a `pub static` and register it.
///
/// ```ignore
/// declare_rule! {
///     /// Documentation with an example.
///     pub static INVALID_SYNTAX = {
///         name: "invalid-syntax",
///         summary: "the file has a syntax error",
///         level: Error,
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub static $ident:ident = {
            name: $name:literal,
            summary: $summary:literal,
            level: $level:ident $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub static $ident: $crate::Rule = $crate::Rule {
            name: $name,
            summary: $summary,
            default_level: $crate::Level::$level,
            docs: concat!($($doc, "\n"),*),
        };
        $crate::inventory::submit! { &$ident }
    };
}

/// Every registered rule, sorted by name.
pub fn all_rules() -> Vec<&'static Rule> {
    let mut rules: Vec<&'static Rule> = inventory::iter::<&'static Rule>.into_iter().copied().collect();
    rules.sort_by_key(|rule| rule.name);
    rules.dedup_by_key(|rule| rule.name);
    rules
}

pub fn find_rule(name: &str) -> Option<&'static Rule> {
    all_rules().into_iter().find(|rule| rule.name == name)
}

/// The registered rule name closest to `name`, for "did you mean" messages.
pub fn suggest_rule(name: &str) -> Option<&'static str> {
    all_rules()
        .into_iter()
        .map(|rule| (edit_distance(name, rule.name), rule.name))
        .filter(|(distance, _)| *distance <= name.len().max(3) / 2)
        .min()
        .map(|(_, name)| name)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    declare_rule! {
        /// A rule used only by these tests.
        pub static EXAMPLE_RULE = {
            name: "example-rule",
            summary: "an example",
            level: Warn,
        }
    }

    #[test]
    fn registry_finds_and_suggests() {
        assert!(find_rule("example-rule").is_some());
        assert_eq!(suggest_rule("exampel-rule"), Some("example-rule"));
        assert_eq!(suggest_rule("completely-different-thing"), None);
        assert!(EXAMPLE_RULE.docs.contains("used only"));
    }
}

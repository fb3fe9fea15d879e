//! Rule levels: each rule's default, overridden by configuration and then by command-line
//! flags, in that order. `finalize` uses them to set each diagnostic's severity or drop it.

use pytc_db::{Level, find_rule, suggest_rule};
use rustc_hash::FxHashMap;

/// The level of every rule for one check. Rules without an override keep their default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleLevels {
    overrides: FxHashMap<&'static str, Level>,
}

/// A rule name that no registered rule has.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownRule {
    pub name: String,
    /// The registered rule with the closest name, if any is close.
    pub suggestion: Option<&'static str>,
}

impl std::fmt::Display for UnknownRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "unknown rule `{}`", self.name)?;
        if let Some(suggestion) = self.suggestion {
            write!(f, "; did you mean `{suggestion}`?")?;
        }
        Ok(())
    }
}

impl std::error::Error for UnknownRule {}

impl UnknownRule {
    pub fn new(name: &str) -> Self {
        Self { name: name.to_string(), suggestion: suggest_rule(name) }
    }
}

impl RuleLevels {
    /// Override the level of the rule called `name`; a later call wins over an earlier one.
    pub fn set(&mut self, name: &str, level: Level) -> Result<(), UnknownRule> {
        let rule = find_rule(name).ok_or_else(|| UnknownRule::new(name))?;
        self.overrides.insert(rule.name, level);
        Ok(())
    }

    /// The level of the rule called `name`: its override, else its default. A name that is
    /// not registered (which a bug elsewhere could produce) is reported as an error rather
    /// than silently dropped.
    pub fn level(&self, name: &str) -> Level {
        if let Some(level) = self.overrides.get(name) {
            return *level;
        }
        find_rule(name).map_or(Level::Error, |rule| rule.default_level)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_then_overrides_in_order() {
        let mut levels = RuleLevels::default();
        assert_eq!(levels.level("invalid-syntax"), Level::Error);
        levels.set("invalid-syntax", Level::Warn).unwrap();
        assert_eq!(levels.level("invalid-syntax"), Level::Warn);
        levels.set("invalid-syntax", Level::Ignore).unwrap();
        assert_eq!(levels.level("invalid-syntax"), Level::Ignore);
    }

    #[test]
    fn unknown_rule_suggests_closest() {
        let error = RuleLevels::default().set("invalid-syntx", Level::Warn).unwrap_err();
        assert_eq!(error.suggestion, Some("invalid-syntax"));
        assert_eq!(error.to_string(), "unknown rule `invalid-syntx`; did you mean `invalid-syntax`?");
    }
}

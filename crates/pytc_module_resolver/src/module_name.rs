//! `ModuleName`: a validated dotted module name such as `collections.abc`.

use std::fmt;

/// A non-empty dotted name whose every component is a Python identifier.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleName(Box<str>);

impl ModuleName {
    /// The name, or `None` when it is empty or a component is not an identifier.
    pub fn new(name: &str) -> Option<Self> {
        name.split('.').all(is_identifier).then(|| Self(name.into()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The components, outermost first: `a.b.c` → `a`, `b`, `c`.
    pub fn components(&self) -> impl DoubleEndedIterator<Item = &str> {
        self.0.split('.')
    }

    /// The first component: `a` for `a.b.c`.
    pub fn top_level(&self) -> &str {
        self.components().next().expect("a module name has at least one component")
    }

    /// The last component: `c` for `a.b.c`.
    pub fn last(&self) -> &str {
        self.components().next_back().expect("a module name has at least one component")
    }

    /// The enclosing package: `a.b` for `a.b.c`, `None` for a top-level name.
    pub fn parent(&self) -> Option<ModuleName> {
        let (parent, _) = self.0.rsplit_once('.')?;
        Some(Self(parent.into()))
    }

    /// `self.suffix`, where `suffix` may itself be dotted; `None` if it is not a valid name.
    pub fn join(&self, suffix: &str) -> Option<ModuleName> {
        Self::new(&format!("{self}.{suffix}"))
    }

    /// The name built from path components (already stripped of `.py`/`__init__`).
    pub fn from_components<'a>(components: impl IntoIterator<Item = &'a str>) -> Option<Self> {
        Self::new(&components.into_iter().collect::<Vec<_>>().join("."))
    }
}

impl fmt::Display for ModuleName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// A Python identifier: a letter or `_` followed by letters, digits or `_` (Unicode allowed).
fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|first| first == '_' || first.is_alphabetic())
        && chars.all(|c| c == '_' || c.is_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn validates_and_splits_names() {
        let name = ModuleName::new("collections.abc").unwrap();
        assert_eq!(name.top_level(), "collections");
        assert_eq!(name.last(), "abc");
        assert_eq!(name.parent().unwrap().as_str(), "collections");
        assert_eq!(name.join("x.y").unwrap().as_str(), "collections.abc.x.y");
        assert!(ModuleName::new("os").unwrap().parent().is_none());
        assert!(ModuleName::new("é_1").is_some());
        for bad in ["", ".", "a..b", "a.", "1a", "a-b", "a b", "foo-stubs"] {
            assert!(ModuleName::new(bad).is_none(), "{bad:?} should be rejected");
        }
        assert_eq!(ModuleName::from_components(["a", "b"]).unwrap().as_str(), "a.b");
    }
}

//! The typeshed `VERSIONS` file: module → the Python versions in which it exists.

use std::collections::BTreeMap;
use std::fmt;

use pytc_syntax::PythonVersion;

/// The versions a module exists in: from `min` up to and including `max` (open-ended if `None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct VersionRange {
    pub min: PythonVersion,
    pub max: Option<PythonVersion>,
}

impl VersionRange {
    pub fn contains(self, version: PythonVersion) -> bool {
        self.min <= version && self.max.is_none_or(|max| version <= max)
    }
}

impl fmt::Display for VersionRange {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-", self.min)?;
        match self.max {
            Some(max) => write!(f, "{max}"),
            None => Ok(()),
        }
    }
}

/// A malformed line in a `VERSIONS` file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("VERSIONS line {line}: {message}")]
pub struct VersionsError {
    pub line: usize,
    pub message: String,
}

/// The parsed `VERSIONS` file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypeshedVersions {
    ranges: BTreeMap<String, VersionRange>,
}

impl TypeshedVersions {
    /// Parse a `VERSIONS` file: `module: X.Y-` or `module: X.Y-A.B` per line, `#` comments.
    pub fn parse(text: &str) -> Result<Self, VersionsError> {
        let mut ranges = BTreeMap::new();
        for (index, raw_line) in text.lines().enumerate() {
            let line = raw_line.split('#').next().unwrap_or("").trim();
            if line.is_empty() {
                continue;
            }
            let error = |message: String| VersionsError { line: index + 1, message };
            let (module, range) =
                line.split_once(':').ok_or_else(|| error(format!("expected `module: X.Y-`, found `{line}`")))?;
            let (min, max) =
                range.trim().split_once('-').ok_or_else(|| error(format!("expected a range `X.Y-`, found `{range}`")))?;
            let min = parse_version(min).ok_or_else(|| error(format!("invalid version `{min}`")))?;
            let max = match max.trim() {
                "" => None,
                max => Some(parse_version(max).ok_or_else(|| error(format!("invalid version `{max}`")))?),
            };
            ranges.insert(module.trim().to_string(), VersionRange { min, max });
        }
        Ok(Self { ranges })
    }

    /// The range for `module` (dotted), inherited from its nearest listed parent package.
    pub fn range(&self, module: &str) -> Option<VersionRange> {
        let mut name = module;
        loop {
            if let Some(range) = self.ranges.get(name) {
                return Some(*range);
            }
            name = &name[..name.rfind('.')?];
        }
    }

    /// Whether `module` exists in `version`. Modules that neither they nor a parent are listed
    /// are not part of the stdlib.
    pub fn is_available(&self, module: &str, version: PythonVersion) -> bool {
        self.range(module).is_some_and(|range| range.contains(version))
    }

    /// Every listed module with its range, sorted by name.
    pub fn iter(&self) -> impl Iterator<Item = (&str, VersionRange)> {
        self.ranges.iter().map(|(name, range)| (name.as_str(), *range))
    }
}

fn parse_version(text: &str) -> Option<PythonVersion> {
    let (major, minor) = text.trim().split_once('.')?;
    Some(PythonVersion { major: major.parse().ok()?, minor: minor.parse().ok()? })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# comment\n\nasyncio: 3.4-\nasyncio.taskgroups: 3.11-  # new\ndistutils: 3.0-3.11\n";

    #[test]
    fn parses_ranges_and_inherits_from_parents() {
        let versions = TypeshedVersions::parse(SAMPLE).unwrap();
        assert_eq!(versions.range("asyncio.events").unwrap().to_string(), "3.4-");
        assert!(!versions.is_available("asyncio.taskgroups", PythonVersion::PY310));
        assert!(versions.is_available("asyncio.taskgroups", PythonVersion::PY311));
        assert!(versions.is_available("distutils.core", PythonVersion::PY311));
        assert!(!versions.is_available("distutils", PythonVersion::PY312));
        assert!(!versions.is_available("not_stdlib", PythonVersion::PY312));
        assert_eq!(versions.iter().count(), 3);
    }

    #[test]
    fn reports_malformed_lines() {
        let error = TypeshedVersions::parse("ok: 3.0-\nbroken 3.1\n").unwrap_err();
        assert_eq!(error.line, 2);
        assert!(TypeshedVersions::parse("x: three-\n").is_err());
    }
}

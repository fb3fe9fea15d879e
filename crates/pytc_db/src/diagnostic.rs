//! Diagnostics: what every phase reports. Rendering lives with the CLI and LSP.

use pytc_syntax::TextRange;

use crate::File;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Warning => "warning",
            Self::Error => "error",
        }
    }
}

/// A secondary note attached to a diagnostic, optionally pointing at a range.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SubDiagnostic {
    pub file: Option<File>,
    pub range: Option<TextRange>,
    pub message: String,
}

/// One finding: a rule, where, how bad and what to say.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Diagnostic {
    pub file: File,
    pub range: TextRange,
    /// The rule's kebab-case name.
    pub rule: &'static str,
    pub severity: Severity,
    pub message: String,
    pub notes: Vec<SubDiagnostic>,
}

impl Diagnostic {
    pub fn new(file: File, range: TextRange, rule: &'static crate::Rule, message: impl Into<String>) -> Self {
        Self {
            file,
            range,
            rule: rule.name,
            severity: rule.default_level.severity().unwrap_or(Severity::Error),
            message: message.into(),
            notes: Vec::new(),
        }
    }

    pub fn with_note(mut self, message: impl Into<String>) -> Self {
        self.notes.push(SubDiagnostic { file: None, range: None, message: message.into() });
        self
    }
}

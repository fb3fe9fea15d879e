//! Rename: every place that names the symbol under the cursor gets the new name. Refused
//! for names that are not valid identifiers or are keywords, for symbols defined in the
//! standard library (typeshed) or an installed package, for modules (renamed by renaming
//! their files), and where no symbol is named.

use pytc_db::{Db, File, FilePath};
use pytc_module_resolver::{SearchPathKind, file_to_module};
use pytc_syntax::{TextRange, TextSize};

use super::{SymbolKey, search, symbol_at};

/// Why a rename cannot be done; `Display` says so to the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RenameError {
    NoSymbol,
    InvalidIdentifier(String),
    Keyword(String),
    /// Defined outside the workspace: where.
    External { name: String, place: &'static str },
    /// A module of the workspace, whose name is its file's name.
    Module(String),
}

impl std::fmt::Display for RenameError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::NoSymbol => write!(f, "there is no symbol to rename here"),
            Self::InvalidIdentifier(name) => write!(f, "`{name}` is not a valid Python identifier"),
            Self::Keyword(name) => write!(f, "`{name}` is a Python keyword"),
            Self::External { name, place } => write!(f, "`{name}` is defined in {place} and cannot be renamed"),
            Self::Module(name) => write!(f, "`{name}` is a module: rename its file to rename it"),
        }
    }
}

/// What a rename at a position would rename: the range of the name there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RenameTarget {
    pub range: TextRange,
}

/// Whether the name at `offset` can be renamed, and its range.
pub fn prepare_rename(db: &dyn Db, file: File, offset: TextSize) -> Result<RenameTarget, RenameError> {
    let (key, range) = symbol_at(db, file, offset).ok_or(RenameError::NoSymbol)?;
    refuse_external(db, &key)?;
    Ok(RenameTarget { range })
}

/// The edits that rename the symbol at `offset` to `new_name`, in `file` and `files`: for
/// each file, the ranges to replace.
pub fn rename(db: &dyn Db, file: File, offset: TextSize, new_name: &str, files: &[File]) -> Result<Vec<(File, Vec<TextRange>)>, RenameError> {
    check_identifier(new_name)?;
    let (key, _) = symbol_at(db, file, offset).ok_or(RenameError::NoSymbol)?;
    refuse_external(db, &key)?;
    let mut edits: Vec<(File, Vec<TextRange>)> = Vec::new();
    for reference in search(db, &key, file, files) {
        match edits.iter_mut().find(|(file, _)| *file == reference.target.file) {
            Some((_, ranges)) => ranges.push(reference.target.range),
            None => edits.push((reference.target.file, vec![reference.target.range])),
        }
    }
    Ok(edits)
}

/// Python's keywords, which no name may be (soft keywords such as `match` may).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif", "else",
    "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise",
    "return", "try", "while", "with", "yield",
];

fn check_identifier(name: &str) -> Result<(), RenameError> {
    let mut chars = name.chars();
    let valid = chars.next().is_some_and(|first| first == '_' || first.is_alphabetic()) && chars.all(|c| c == '_' || c.is_alphanumeric());
    if !valid {
        return Err(RenameError::InvalidIdentifier(name.to_string()));
    }
    if KEYWORDS.contains(&name) {
        return Err(RenameError::Keyword(name.to_string()));
    }
    Ok(())
}

/// Symbols of the standard library's stubs or of installed packages are not the user's to
/// rename.
fn refuse_external(db: &dyn Db, key: &SymbolKey) -> Result<(), RenameError> {
    let file = key.file();
    let name = key.name(db).unwrap_or_else(|| "this module".to_string());
    if matches!(file.path(db), FilePath::Vendored(_)) {
        return Err(RenameError::External { name, place: "the standard library (typeshed)" });
    }
    match file_to_module(db, file).as_ref().map(|module| module.search_path) {
        Some(SearchPathKind::StandardLibrary) => Err(RenameError::External { name, place: "the standard library (typeshed)" }),
        Some(SearchPathKind::SitePackages) => Err(RenameError::External { name, place: "an installed package" }),
        _ if matches!(key, SymbolKey::Module(_)) => Err(RenameError::Module(name)),
        _ => Ok(()),
    }
}

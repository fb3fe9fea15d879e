//! Proving a snippet shows a breaking change: pytc checks it as a module beside each
//! version of the package (in memory, nothing is written). It is kept only when it checks
//! without an error against the old version and with one against the new; that error is
//! shown with it.

use pytc_db::{Db, File, FilePath, FileSource, Files, Severity};

use super::Snippet;
use crate::package::ApiPackage;

/// Calling code that type-checked against the old version and fails against the new one.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ApiExample {
    pub code: String,
    /// The first error pytc reports against the new version: `line N: message [rule]`.
    pub new_error: String,
}

/// The first of `candidates` that checks clean against `old` and fails against `new`.
/// `number` makes the in-memory module's name unique within each package's database.
pub fn first_breaking_example(old: &ApiPackage, new: &ApiPackage, candidates: &[Snippet], number: usize) -> Option<ApiExample> {
    candidates.iter().enumerate().find_map(|(index, snippet)| {
        let code = snippet.render();
        let name = format!("__pytc_api_example_{number}_{index}__.py");
        if !errors(old, &name, &code).is_empty() {
            return None;
        }
        let first = errors(new, &name, &code).into_iter().next()?;
        Some(ApiExample { code, new_error: first })
    })
}

/// The errors pytc reports in `code` as a module named `name` at the package's import root.
fn errors(package: &ApiPackage, name: &str, code: &str) -> Vec<String> {
    let db: &dyn Db = &package.db;
    let path = FilePath::System(package.import_root.join(name));
    let file: File = Files::get_or_create(db, path, || FileSource::Text(code.into()));
    let lines = pytc_db::line_index(db, file);
    pytc_checker::check_file(db, file)
        .iter()
        .filter(|diagnostic| diagnostic.severity == Severity::Error)
        .map(|diagnostic| {
            let position = lines.line_column(diagnostic.range.start(), code);
            format!("line {}: {} [{}]", position.line.get(), diagnostic.message, diagnostic.rule)
        })
        .collect()
}

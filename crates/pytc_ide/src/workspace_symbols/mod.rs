//! Workspace symbols: the classes, functions, methods and module variables of every module
//! of the workspace whose name fuzzily matches a query ("go to symbol in workspace"). Each
//! file's symbols are a query of their own, so a search after an edit re-reads only the
//! edited files.

mod fuzzy;

use pytc_db::{Db, File};
use pytc_syntax::TextRange;

use crate::document_symbols::{DocumentSymbol, SymbolKind, document_symbols};

/// At most this many symbols answer one search (the best ones).
pub const MAX_WORKSPACE_SYMBOLS: usize = 256;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkspaceSymbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The class or function it is defined in, if any.
    pub container: Option<String>,
    pub file: File,
    /// The defining name.
    pub range: TextRange,
}

/// One symbol of a file, its outline flattened.
#[derive(Debug, Clone, PartialEq, Eq)]
struct FileSymbol {
    name: String,
    kind: SymbolKind,
    container: Option<String>,
    range: TextRange,
}

/// The symbols of `files` whose names match `query` (see `fuzzy`), best first: better
/// matches, then classes and functions before variables, then shorter names.
pub fn workspace_symbols(db: &dyn Db, files: &[File], query: &str) -> Vec<WorkspaceSymbol> {
    let query = fuzzy::Query::new(query);
    let mut seen = std::collections::HashSet::new();
    let mut found: Vec<(u32, &FileSymbol, File)> = Vec::new();
    for &file in files {
        if !seen.insert(file) {
            continue;
        }
        for symbol in file_symbols(db, file).iter() {
            if let Some(score) = query.score(&symbol.name) {
                found.push((score, symbol, file));
            }
        }
    }
    found.sort_by(|(score, symbol, file), (other_score, other, other_file)| {
        other_score
            .cmp(score)
            .then_with(|| kind_rank(symbol.kind).cmp(&kind_rank(other.kind)))
            .then_with(|| symbol.name.len().cmp(&other.name.len()))
            .then_with(|| symbol.name.cmp(&other.name))
            .then_with(|| file.path(db).display().cmp(&other_file.path(db).display()))
            .then_with(|| symbol.range.start().cmp(&other.range.start()))
    });
    found
        .into_iter()
        .take(MAX_WORKSPACE_SYMBOLS)
        .map(|(_, symbol, file)| WorkspaceSymbol {
            name: symbol.name.clone(),
            kind: symbol.kind,
            container: symbol.container.clone(),
            file,
            range: symbol.range,
        })
        .collect()
}

/// Classes first, then functions and methods, then the rest.
fn kind_rank(kind: SymbolKind) -> u8 {
    match kind {
        SymbolKind::Class => 0,
        SymbolKind::Function => 1,
        SymbolKind::Method | SymbolKind::Property => 2,
        SymbolKind::Constant => 3,
        SymbolKind::Variable | SymbolKind::Field => 4,
    }
}

/// Reads each file's symbols ahead of the first search.
pub(crate) fn read_ahead(db: &dyn Db, files: &[File]) {
    for &file in files {
        file_symbols(db, file);
    }
}

/// The file's outline, flattened, each symbol with the name of what contains it.
#[salsa::tracked(returns(ref))]
fn file_symbols(db: &dyn Db, file: File) -> Box<[FileSymbol]> {
    fn flatten(symbols: Vec<DocumentSymbol>, container: Option<&str>, out: &mut Vec<FileSymbol>) {
        for symbol in symbols {
            out.push(FileSymbol {
                name: symbol.name,
                kind: symbol.kind,
                container: container.map(str::to_string),
                range: symbol.selection_range,
            });
            let name = out.last().map(|symbol| symbol.name.clone());
            flatten(symbol.children, name.as_deref(), out);
        }
    }
    let mut out = Vec::new();
    pytc_syntax::ensure_stack(|| flatten(document_symbols(db, file), None, &mut out));
    out.into_boxed_slice()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_files;

    #[test]
    fn finds_symbols_of_every_file_best_first() {
        let models = "class UserModel:\n    def save(self): pass\n    @property\n    def user_name(self) -> str: return ''\nMAX_USERS = 3\n";
        let (db, files) = db_with_files(&[
            ("app/models.py", models),
            ("app/views.py", "def user_view(): pass\nusers = []\ndef unrelated(): pass\n"),
        ]);
        let names = |query: &str| -> Vec<(String, Option<String>)> {
            workspace_symbols(&db, &files, query).into_iter().map(|symbol| (symbol.name, symbol.container)).collect()
        };
        assert_eq!(
            names("user"),
            [
                ("UserModel".to_string(), None),
                ("user_view".to_string(), None),
                ("user_name".to_string(), Some("UserModel".to_string())),
                ("users".to_string(), None),
                ("MAX_USERS".to_string(), None),
            ]
        );
        // Word starts: `um` is UserModel and user_name, in that order (a class first).
        assert_eq!(names("um").first(), Some(&("UserModel".to_string(), None)));
        assert_eq!(names("nothing_like_this"), []);
        // The range is the defining name.
        let save = &workspace_symbols(&db, &files, "save")[0];
        assert_eq!(save.kind, SymbolKind::Method);
        assert_eq!(save.range.start().to_usize(), models.find("save").unwrap());
    }

    #[test]
    fn at_most_the_limit_and_each_file_once() {
        let source: String = (0..400).map(|index| format!("def function_{index}(): pass\n")).collect();
        let (db, files) = db_with_files(&[("many.py", &source)]);
        let twice = [files[0], files[0]];
        let found = workspace_symbols(&db, &twice, "function");
        assert_eq!(found.len(), MAX_WORKSPACE_SYMBOLS);
        assert_eq!(found[0].name, "function_0");
    }
}

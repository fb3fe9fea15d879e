//! From a stub to the source it describes: the `.py` module beside a `.pyi` stub (or in the
//! package a `-stubs` package describes, or the environment's own standard-library source
//! for a typeshed stub), and in it the `def` or `class` the stub's definition names, found
//! by the names of the classes leading to it. Go to definition prefers the source; go to
//! declaration and hover's docstrings read through here too.

use pytc_db::{Db, File, FilePath, Files, parsed_module};
use pytc_syntax::ast::Stmt;
use pytc_syntax::{Ranged, TextRange};

use crate::definition::NavigationTarget;

/// The same definition in the source of the stub `target` is in: the module itself for a
/// module (an empty range at its start), else the `def` or `class` of the same names;
/// `None` when `target` is not in a stub, there is no source, or the source does not define
/// it under those names (a variable, a name made at runtime).
pub(crate) fn source_definition(db: &dyn Db, target: NavigationTarget) -> Option<NavigationTarget> {
    let source = source_of_stub(db, target.file)?;
    if target.range.is_empty() && target.range.start() == 0.into() {
        return Some(NavigationTarget { file: source, range: TextRange::default() });
    }
    let names = name_chain(&parsed_module(db, target.file).syntax().body, target.range)?;
    let range = match definition_by_names(&parsed_module(db, source).syntax().body, &names)? {
        Stmt::FunctionDef(function) => function.name.range,
        Stmt::ClassDef(class) => class.name.range,
        _ => return None,
    };
    Some(NavigationTarget { file: source, range })
}

/// The `.py` module a stub describes, when there is one.
fn source_of_stub(db: &dyn Db, stub: File) -> Option<File> {
    let path = stub.path(db);
    if !path.is_stub() {
        return None;
    }
    if let Some(runtime) = pytc_module_resolver::stdlib_runtime_source(db, stub) {
        return Some(Files::system(db, &runtime));
    }
    let FilePath::System(path) = path else { return None };
    let beside = path.with_extension("py");
    // `pkg-stubs/mod.pyi` describes `pkg/mod.py`.
    let in_package = path.iter().position(|part| part.to_str().is_some_and(|part| part.ends_with("-stubs"))).map(|at| {
        path.iter()
            .enumerate()
            .map(|(index, part)| {
                if index == at { std::ffi::OsString::from(part.to_string_lossy().trim_end_matches("-stubs")) } else { part.to_os_string() }
            })
            .collect::<std::path::PathBuf>()
            .with_extension("py")
    });
    [Some(beside), in_package].into_iter().flatten().find(|candidate| db.system().is_file(candidate)).map(|found| Files::system(db, &found))
}

/// The names of the classes enclosing the `def` or `class` whose name is at `target`, then
/// its own name.
pub(crate) fn name_chain(body: &[Stmt], target: TextRange) -> Option<Vec<String>> {
    let mut names = Vec::new();
    collect_name_chain(body, target, &mut names)?;
    Some(names)
}

fn collect_name_chain(body: &[Stmt], target: TextRange, names: &mut Vec<String>) -> Option<()> {
    let statement = body.iter().find(|statement| statement.range().contains_range(target))?;
    match statement {
        Stmt::FunctionDef(function) if function.name.range.contains_range(target) => names.push(function.name.id.to_string()),
        Stmt::ClassDef(class) if class.name.range.contains_range(target) => names.push(class.name.id.to_string()),
        Stmt::ClassDef(class) => {
            names.push(class.name.id.to_string());
            return collect_name_chain(&class.body, target, names);
        }
        _ => return nested_bodies(statement).into_iter().find_map(|nested| collect_name_chain(nested, target, names)),
    }
    Some(())
}

/// The `def` or `class` statement `names` lead to in `body` (the first, when a name is
/// defined more than once, as under `if sys.platform == ...`).
pub(crate) fn definition_by_names<'a>(body: &'a [Stmt], names: &[String]) -> Option<&'a Stmt> {
    let (first, rest) = names.split_first()?;
    body.iter().find_map(|statement| match statement {
        Stmt::FunctionDef(function) if rest.is_empty() && function.name.id.as_str() == first => Some(statement),
        Stmt::ClassDef(class) if class.name.id.as_str() == first => {
            if rest.is_empty() { Some(statement) } else { definition_by_names(&class.body, rest) }
        }
        _ => nested_bodies(statement).into_iter().find_map(|nested| definition_by_names(nested, names)),
    })
}

/// The blocks of a compound statement that still belong to the enclosing scope.
fn nested_bodies(statement: &Stmt) -> Vec<&[Stmt]> {
    match statement {
        Stmt::If(if_statement) => std::iter::once(&if_statement.body[..])
            .chain(if_statement.elif_else_clauses.iter().map(|clause| &clause.body[..]))
            .collect(),
        Stmt::Try(try_statement) => {
            let handlers = try_statement.handlers.iter().map(|handler| {
                let pytc_syntax::ast::ExceptHandler::ExceptHandler(handler) = handler;
                &handler.body[..]
            });
            [&try_statement.body[..], &try_statement.orelse[..], &try_statement.finalbody[..]].into_iter().chain(handlers).collect()
        }
        Stmt::With(with) => vec![&with.body[..]],
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_files;

    #[test]
    fn a_stub_beside_its_module_leads_to_the_source() {
        let (db, files) = db_with_files(&[
            ("lib/shapes.pyi", "class Circle:\n    def area(self) -> float: ...\nRADIUS: int\n"),
            ("lib/shapes.py", "import math\nclass Circle:\n    def area(self):\n        return math.pi\nRADIUS = 1\n"),
            ("other.pyi", "def alone() -> None: ...\n"),
        ]);
        let (stub, source) = (files[0], files[1]);
        let stub_text = pytc_db::source_text(&db, stub).to_string();
        let source_text = pytc_db::source_text(&db, source).to_string();
        let at = |needle: &str| {
            let start = stub_text.find(needle).unwrap();
            NavigationTarget { file: stub, range: TextRange::at(start.try_into().unwrap(), needle.len().try_into().unwrap()) }
        };
        let found = source_definition(&db, at("area")).unwrap();
        assert_eq!((found.file, found.range.start().to_usize()), (source, source_text.find("area").unwrap()));
        let module = source_definition(&db, NavigationTarget { file: stub, range: TextRange::default() }).unwrap();
        assert_eq!(module.file, source);
        // A variable is not a `def` or `class`; a stub without a module; a module that is no stub.
        assert_eq!(source_definition(&db, at("RADIUS")), None);
        assert_eq!(source_definition(&db, NavigationTarget { file: files[2], range: TextRange::default() }), None);
        assert_eq!(source_definition(&db, NavigationTarget { file: source, range: TextRange::default() }), None);
    }
}

//! Docstrings for hover: the docstring of the module, class or function a definition names,
//! or the string statement right after an assignment (an attribute docstring), with its
//! indentation cleaned the way `inspect.cleandoc` does. Typeshed's standard-library stubs
//! have none: for them the same module, class or function is looked up by name in the
//! environment's own standard-library source.

use pytc_db::{Db, File, Files, parsed_module};
use pytc_syntax::ast::{Expr, Stmt};
use pytc_syntax::{Ranged, TextRange};

use crate::stub_source::{definition_by_names, name_chain};

/// The docstring of what is defined at `target` in `file`: `target` may be the name of a
/// `def` or `class`, the whole statement, an assignment target, or the start of the file
/// (the module itself).
pub fn docstring_at(db: &dyn Db, file: File, target: TextRange) -> Option<String> {
    own_docstring(db, file, target).or_else(|| runtime_docstring(db, file, target))
}

fn own_docstring(db: &dyn Db, file: File, target: TextRange) -> Option<String> {
    let module = parsed_module(db, file).syntax();
    if is_module_start(target) {
        return docstring_of_body(&module.body);
    }
    find_in_body(&module.body, target).map(|docstring| clean(&docstring))
}

fn is_module_start(target: TextRange) -> bool {
    target.start() == 0.into() && target.is_empty()
}

/// The docstring of what a standard-library stub defines at `target`, from the runtime
/// source of its module: found by the names of the classes and the function leading to it.
fn runtime_docstring(db: &dyn Db, stub: File, target: TextRange) -> Option<String> {
    let path = pytc_module_resolver::stdlib_runtime_source(db, stub)?;
    let source = parsed_module(db, Files::system(db, &path)).syntax();
    if is_module_start(target) {
        return docstring_of_body(&source.body);
    }
    let names = name_chain(&parsed_module(db, stub).syntax().body, target)?;
    match definition_by_names(&source.body, &names)? {
        Stmt::FunctionDef(function) => docstring_of_body(&function.body),
        Stmt::ClassDef(class) => docstring_of_body(&class.body),
        _ => None,
    }
}

fn find_in_body(body: &[Stmt], target: TextRange) -> Option<String> {
    for (index, statement) in body.iter().enumerate() {
        if !statement.range().contains_range(target) {
            continue;
        }
        return match statement {
            Stmt::FunctionDef(function) if function.name.range.contains_range(target) || function.range.start() == target.start() => {
                docstring_of_body(&function.body)
            }
            Stmt::ClassDef(class) if class.name.range.contains_range(target) || class.range.start() == target.start() => {
                docstring_of_body(&class.body)
            }
            Stmt::FunctionDef(function) => find_in_body(&function.body, target),
            Stmt::ClassDef(class) => find_in_body(&class.body, target),
            Stmt::Assign(_) | Stmt::AnnAssign(_) => body.get(index + 1).and_then(string_statement),
            Stmt::If(if_statement) => find_in_body(&if_statement.body, target).or_else(|| {
                if_statement.elif_else_clauses.iter().find_map(|clause| find_in_body(&clause.body, target))
            }),
            Stmt::Try(try_statement) => find_in_body(&try_statement.body, target)
                .or_else(|| find_in_body(&try_statement.orelse, target))
                .or_else(|| find_in_body(&try_statement.finalbody, target)),
            Stmt::With(with) => find_in_body(&with.body, target),
            _ => None,
        };
    }
    None
}

fn docstring_of_body(body: &[Stmt]) -> Option<String> {
    body.first().and_then(string_statement).map(|docstring| clean(&docstring))
}

fn string_statement(statement: &Stmt) -> Option<String> {
    let Stmt::Expr(expression) = statement else { return None };
    let Expr::StringLiteral(literal) = &*expression.value else { return None };
    Some(literal.value.to_str().to_string())
}

/// Strip the indentation shared by every line after the first, and blank lines at both ends.
fn clean(docstring: &str) -> String {
    let mut lines = docstring.lines();
    let first = lines.next().unwrap_or_default().trim();
    let rest: Vec<&str> = lines.collect();
    let indent = rest
        .iter()
        .filter(|line| !line.trim().is_empty())
        .map(|line| line.len() - line.trim_start().len())
        .min()
        .unwrap_or(0);
    let mut cleaned: Vec<&str> = vec![first];
    cleaned.extend(rest.iter().map(|line| line.get(indent..).unwrap_or_else(|| line.trim_start()).trim_end()));
    while cleaned.first().is_some_and(|line| line.is_empty()) {
        cleaned.remove(0);
    }
    while cleaned.last().is_some_and(|line| line.is_empty()) {
        cleaned.pop();
    }
    cleaned.join("\n")
}

#[cfg(test)]
mod tests {
    use pytc_syntax::TextSize;

    use super::*;
    use crate::test_db::db_with_file;

    fn docstring_of(source: &str, needle: &str) -> Option<String> {
        let (db, file) = db_with_file(source);
        let start = TextSize::try_from(source.find(needle).unwrap()).unwrap();
        docstring_at(&db, file, TextRange::at(start, TextSize::try_from(needle.len()).unwrap()))
    }

    const SOURCE: &str = r#""""The module.

    It has two lines.
"""

class Shape:
    """A shape.

    Details here.
    """

    sides: int = 0
    """How many sides."""

    def area(self) -> float:
        '''The area.'''
        return 0.0

def plain(): pass
"#;

    #[test]
    fn standard_library_stubs_take_docstrings_from_the_runtime_source() {
        use std::sync::Arc;

        use pytc_db::{PythonPlatform, TestSystem};
        use pytc_module_resolver::{ModuleName, ResolverOptions, configure, resolve_module};
        use pytc_project::ProjectDatabase;

        let system = TestSystem::default();
        system.write("/py/lib/python3.12/os.py", "");
        system.write("/py/lib/python3.12/site-packages/.keep", "");
        system.write(
            "/py/lib/python3.12/json/__init__.py",
            "\"JSON.\"\nimport sys\nif sys.version_info > (3,):\n    def dumps(obj):\n        \"Serialize obj.\"\nclass JSONDecodeError(ValueError):\n    def __init__(self, msg):\n        \"Make one.\"\n",
        );
        let mut db = ProjectDatabase::new(Arc::new(system), pytc_syntax::PythonVersion::PY312, PythonPlatform::host());
        let options = ResolverOptions { python: Some("/py".into()), ..ResolverOptions::default() };
        configure(&mut db, &options).unwrap();
        let json = resolve_module(&db, &ModuleName::new("json").unwrap()).unwrap().file.unwrap();
        let stub = pytc_db::source_text(&db, json).to_string();
        // The name before the `(` of `needle`.
        let named = |needle: &str| {
            let start = TextSize::try_from(stub.find(needle).unwrap()).unwrap();
            docstring_at(&db, json, TextRange::at(start, TextSize::try_from(needle.len() - 1).unwrap()))
        };
        assert_eq!(docstring_at(&db, json, TextRange::default()).as_deref(), Some("JSON."));
        assert_eq!(named("def dumps(").as_deref(), None, "the whole statement is not a name");
        assert_eq!(named("dumps(").as_deref(), Some("Serialize obj."));
        assert_eq!(named("loads("), None, "not in the source");
    }

    #[test]
    fn finds_docstrings_of_classes_methods_attributes_and_the_module() {
        assert_eq!(docstring_of(SOURCE, "Shape").as_deref(), Some("A shape.\n\nDetails here."));
        assert_eq!(docstring_of(SOURCE, "area").as_deref(), Some("The area."));
        assert_eq!(docstring_of(SOURCE, "sides").as_deref(), Some("How many sides."));
        assert_eq!(docstring_of(SOURCE, "plain"), None);
        let (db, file) = db_with_file(SOURCE);
        assert_eq!(docstring_at(&db, file, TextRange::default()).as_deref(), Some("The module.\n\nIt has two lines."));
    }
}

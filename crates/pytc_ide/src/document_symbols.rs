//! Document symbols: the outline of a file as a tree — classes with their methods, class
//! variables and nested classes; functions with the functions and classes nested in them;
//! module variables. Read from the syntax tree alone (what a statement defines does not
//! depend on types), including definitions under `if`, `try`, `with`, `for` and `while`.

use pytc_db::{Db, File, parsed_module};
use pytc_syntax::ast::{self, Expr, Stmt};
use pytc_syntax::{Ranged, TextRange};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Class,
    Function,
    Method,
    /// A method decorated with `@property` (or a `cached_property`).
    Property,
    Variable,
    /// A module or class variable named in capitals (`MAX_SIZE`), or a `type` alias.
    Constant,
    /// A variable of a class body.
    Field,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentSymbol {
    pub name: String,
    pub kind: SymbolKind,
    /// The whole definition (the statement, decorators included).
    pub range: TextRange,
    /// The defining name.
    pub selection_range: TextRange,
    pub children: Vec<DocumentSymbol>,
}

/// Where a body is: what kind its functions and variables get.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Container {
    Module,
    Class,
    Function,
}

pub fn document_symbols(db: &dyn Db, file: File) -> Vec<DocumentSymbol> {
    let module = parsed_module(db, file).syntax();
    let mut symbols = Vec::new();
    pytc_syntax::ensure_stack(|| collect_body(&module.body, Container::Module, &mut symbols));
    symbols
}

fn collect_body(body: &[Stmt], container: Container, out: &mut Vec<DocumentSymbol>) {
    for statement in body {
        pytc_syntax::ensure_stack(|| collect_statement(statement, container, out));
    }
}

fn collect_statement(statement: &Stmt, container: Container, out: &mut Vec<DocumentSymbol>) {
    match statement {
        Stmt::FunctionDef(function) => {
            let kind = match container {
                Container::Class if is_property(function) => SymbolKind::Property,
                Container::Class => SymbolKind::Method,
                Container::Module | Container::Function => SymbolKind::Function,
            };
            let mut children = Vec::new();
            collect_body(&function.body, Container::Function, &mut children);
            out.push(DocumentSymbol {
                name: function.name.id.to_string(),
                kind,
                range: function.range,
                selection_range: function.name.range,
                children,
            });
        }
        Stmt::ClassDef(class) => {
            let mut children = Vec::new();
            collect_body(&class.body, Container::Class, &mut children);
            out.push(DocumentSymbol {
                name: class.name.id.to_string(),
                kind: SymbolKind::Class,
                range: class.range,
                selection_range: class.name.range,
                children,
            });
        }
        // Variables of functions are not part of the outline; their nested definitions are.
        Stmt::Assign(_) | Stmt::AnnAssign(_) | Stmt::TypeAlias(_) if container == Container::Function => {}
        Stmt::Assign(assign) => {
            for target in &assign.targets {
                collect_target(target, statement.range(), container, out);
            }
        }
        Stmt::AnnAssign(assign) => collect_target(&assign.target, statement.range(), container, out),
        Stmt::TypeAlias(alias) => {
            if let Expr::Name(name) = &*alias.name {
                out.push(variable(name, statement.range(), SymbolKind::Constant));
            }
        }
        Stmt::If(if_statement) => {
            collect_body(&if_statement.body, container, out);
            for clause in &if_statement.elif_else_clauses {
                collect_body(&clause.body, container, out);
            }
        }
        Stmt::Try(try_statement) => {
            collect_body(&try_statement.body, container, out);
            for handler in &try_statement.handlers {
                let ast::ExceptHandler::ExceptHandler(handler) = handler;
                collect_body(&handler.body, container, out);
            }
            collect_body(&try_statement.orelse, container, out);
            collect_body(&try_statement.finalbody, container, out);
        }
        Stmt::With(with) => collect_body(&with.body, container, out),
        Stmt::For(for_statement) => {
            collect_body(&for_statement.body, container, out);
            collect_body(&for_statement.orelse, container, out);
        }
        Stmt::While(while_statement) => {
            collect_body(&while_statement.body, container, out);
            collect_body(&while_statement.orelse, container, out);
        }
        _ => {}
    }
}

/// The names an assignment target binds (each name of an unpacking), not attributes or
/// subscripts.
fn collect_target(target: &Expr, statement: TextRange, container: Container, out: &mut Vec<DocumentSymbol>) {
    match target {
        Expr::Name(name) => {
            let kind = if is_constant_name(&name.id) {
                SymbolKind::Constant
            } else if container == Container::Class {
                SymbolKind::Field
            } else {
                SymbolKind::Variable
            };
            out.push(variable(name, statement, kind));
        }
        Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
            for element in elts {
                pytc_syntax::ensure_stack(|| collect_target(element, statement, container, out));
            }
        }
        Expr::Starred(starred) => collect_target(&starred.value, statement, container, out),
        _ => {}
    }
}

fn variable(name: &ast::ExprName, statement: TextRange, kind: SymbolKind) -> DocumentSymbol {
    DocumentSymbol { name: name.id.to_string(), kind, range: statement, selection_range: name.range, children: Vec::new() }
}

/// `MAX_SIZE`, `A`: capitals, digits and underscores, with at least one capital.
fn is_constant_name(name: &str) -> bool {
    name.chars().any(|ch| ch.is_ascii_uppercase()) && name.chars().all(|ch| ch.is_ascii_uppercase() || ch.is_ascii_digit() || ch == '_')
        && name.len() > 1
}

fn is_property(function: &ast::StmtFunctionDef) -> bool {
    function.decorator_list.iter().any(|decorator| {
        let name = match &decorator.expression {
            Expr::Name(name) => name.id.as_str(),
            Expr::Attribute(attribute) => attribute.attr.as_str(),
            _ => return false,
        };
        matches!(name, "property" | "cached_property")
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_file;

    /// The tree as `kind name` lines, children indented.
    fn outline(source: &str) -> Vec<String> {
        fn write(symbols: &[DocumentSymbol], depth: usize, source: &str, out: &mut Vec<String>) {
            for symbol in symbols {
                assert_eq!(&source[symbol.selection_range.to_std_range()], symbol.name);
                assert!(symbol.range.contains_range(symbol.selection_range));
                out.push(format!("{}{:?} {}", "  ".repeat(depth), symbol.kind, symbol.name));
                write(&symbol.children, depth + 1, source, out);
            }
        }
        let (db, file) = db_with_file(source);
        let mut lines = Vec::new();
        write(&document_symbols(&db, file), 0, source, &mut lines);
        lines
    }

    #[test]
    fn builds_the_tree_of_a_module() {
        let source = r#"import os
MAX_SIZE = 10
first, (second, *rest) = 1, (2, 3)
type Pair = tuple[int, int]
class Shape:
    sides: int = 0
    class Meta:
        pass
    def area(self) -> float:
        local = 1
        def helper(): pass
        return 0.0
    @property
    def name(self) -> str:
        return ""
if os.name == "nt":
    def platform(): pass
else:
    def platform(): pass
try:
    import json
except ImportError:
    json = None
def main():
    value = Shape()
    self_attribute = value.sides
"#;
        assert_eq!(
            outline(source),
            [
                "Constant MAX_SIZE",
                "Variable first",
                "Variable second",
                "Variable rest",
                "Constant Pair",
                "Class Shape",
                "  Field sides",
                "  Class Meta",
                "  Method area",
                "    Function helper",
                "  Property name",
                "Function platform",
                "Function platform",
                "Variable json",
                "Function main",
            ]
        );
    }

    #[test]
    fn broken_and_empty_files_give_what_parsed() {
        assert_eq!(outline(""), Vec::<String>::new());
        assert_eq!(outline("def f(:\n    pass\nclass C\n    x = 1\n"), ["Function f", "Class C", "  Field x"]);
    }
}

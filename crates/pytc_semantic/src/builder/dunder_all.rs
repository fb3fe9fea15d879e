//! Collects a module's `__all__` from the forms type checkers agree on: assignment of a list
//! or tuple of strings, `+=`, `.append(...)`, `.extend([...])` and `.remove(...)`.

use pytc_syntax::ast::name::Name;
use pytc_syntax::ast::{self, Expr, Stmt};

#[derive(Default)]
pub(super) struct DunderAllCollector {
    names: Option<Vec<Name>>,
}

impl DunderAllCollector {
    /// Look at one reachable module-level statement.
    pub(super) fn visit_statement(&mut self, stmt: &Stmt) {
        match stmt {
            Stmt::Assign(assign) if assign.targets.iter().any(is_dunder_all) => {
                self.names = string_list(&assign.value);
            }
            Stmt::AnnAssign(assign) if is_dunder_all(&assign.target) => {
                if let Some(value) = &assign.value {
                    self.names = string_list(value);
                }
            }
            Stmt::AugAssign(assign) if is_dunder_all(&assign.target) && assign.op == ast::Operator::Add => {
                if let (Some(names), Some(extra)) = (&mut self.names, string_list(&assign.value)) {
                    names.extend(extra);
                }
            }
            Stmt::Expr(statement) => {
                let Expr::Call(call) = &*statement.value else { return };
                let Expr::Attribute(method) = &*call.func else { return };
                if !is_dunder_all(&method.value) {
                    return;
                }
                let (Some(names), [argument]) = (&mut self.names, &*call.arguments.args) else { return };
                match method.attr.as_str() {
                    "append" => {
                        if let Some(name) = string(argument) {
                            names.push(name);
                        }
                    }
                    "extend" => {
                        if let Some(extra) = string_list(argument) {
                            names.extend(extra);
                        }
                    }
                    "remove" => {
                        if let Some(name) = string(argument) {
                            names.retain(|existing| *existing != name);
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }

    pub(super) fn finish(self) -> Option<Box<[Name]>> {
        self.names.map(Vec::into_boxed_slice)
    }
}

fn is_dunder_all(expr: &Expr) -> bool {
    matches!(expr, Expr::Name(name) if name.id.as_str() == "__all__")
}

fn string(expr: &Expr) -> Option<Name> {
    match expr {
        Expr::StringLiteral(literal) => Some(Name::new(literal.value.to_str())),
        _ => None,
    }
}

fn string_list(expr: &Expr) -> Option<Vec<Name>> {
    let elements = match expr {
        Expr::List(list) => &list.elts,
        Expr::Tuple(tuple) => &tuple.elts,
        _ => return None,
    };
    elements.iter().map(string).collect()
}

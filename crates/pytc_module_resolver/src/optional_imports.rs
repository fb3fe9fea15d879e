//! Optional imports: import statements in the body of a `try` whose handlers catch the
//! `ImportError` a missing module raises.
//!
//! ```python
//! try:
//!     import numpy
//! except ImportError:
//!     numpy = None
//! ```
//!
//! The program handles a missing module there, so a module (or a name) that cannot be found
//! is not an error. A handler guards the import when it is a bare `except`, or names
//! `ImportError`, `ModuleNotFoundError`, `Exception` or `BaseException` (alone, dotted as
//! `builtins.ImportError`, or in a tuple). Imports in handlers, `else` and `finally` clauses,
//! or in a function defined in the `try` body (which runs later, outside the `try`) are not
//! guarded. Imports in such a handler are fallbacks: they run only where the guarded import
//! failed (`except ImportError: from collections import Mapping` for old Pythons).

use pytc_db::{Db, File, parsed_module};
use pytc_syntax::ast::statement_visitor::{StatementVisitor, walk_body, walk_stmt};
use pytc_syntax::ast::{ExceptHandler, Expr, Stmt};
use pytc_syntax::{Ranged, TextRange};

/// Whether the import statement at `range` of `file` is guarded by an `except ImportError`.
pub fn is_optional_import(db: &dyn Db, file: File, range: TextRange) -> bool {
    let statements = optional_import_statements(db, file);
    let after = statements.partition_point(|statement| statement.start() <= range.start());
    after > 0 && statements[after - 1].contains_range(range)
}

/// Whether the import statement at `range` of `file` is in a handler that catches the
/// `ImportError` of its `try` body: a fallback for a module or name the body imports.
pub fn is_fallback_import(db: &dyn Db, file: File, range: TextRange) -> bool {
    let statements = fallback_import_statements(db, file);
    let after = statements.partition_point(|statement| statement.start() <= range.start());
    after > 0 && statements[after - 1].contains_range(range)
}

/// The ranges of every guarded import statement of `file`, in source order. A query: the
/// import checks of every statement ask for it, and it depends only on the syntax tree.
#[salsa::tracked(returns(ref))]
pub fn optional_import_statements(db: &dyn Db, file: File) -> Box<[TextRange]> {
    collect_imports(db, file, Collect::Guarded)
}

/// The ranges of every fallback import statement of `file`, in source order.
#[salsa::tracked(returns(ref))]
pub fn fallback_import_statements(db: &dyn Db, file: File) -> Box<[TextRange]> {
    collect_imports(db, file, Collect::Fallback)
}

fn collect_imports(db: &dyn Db, file: File, collect: Collect) -> Box<[TextRange]> {
    let parsed = parsed_module(db, file);
    let mut collector = GuardedImportCollector { collect, guarded: false, found: Vec::new() };
    collector.visit_body(&parsed.syntax().body);
    collector.found.into_boxed_slice()
}

/// Which imports a collector records.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Collect {
    /// Imports in the body of a `try` whose handlers catch `ImportError`.
    Guarded,
    /// Imports in those handlers.
    Fallback,
}

struct GuardedImportCollector {
    collect: Collect,
    /// True where the imports the collector looks for are.
    guarded: bool,
    found: Vec<TextRange>,
}

impl<'a> StatementVisitor<'a> for GuardedImportCollector {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        match stmt {
            Stmt::Import(_) | Stmt::ImportFrom(_) => {
                if self.guarded {
                    self.found.push(stmt.range());
                }
            }
            Stmt::Try(try_stmt) => {
                let outer = self.guarded;
                self.guarded = outer || (self.collect == Collect::Guarded && try_stmt.handlers.iter().any(catches_import_error));
                walk_body(self, &try_stmt.body);
                self.guarded = outer;
                for handler in &try_stmt.handlers {
                    self.guarded = outer || (self.collect == Collect::Fallback && catches_import_error(handler));
                    let ExceptHandler::ExceptHandler(handler) = handler;
                    walk_body(self, &handler.body);
                    self.guarded = outer;
                }
                walk_body(self, &try_stmt.orelse);
                walk_body(self, &try_stmt.finalbody);
            }
            Stmt::FunctionDef(function) => {
                let outer = std::mem::replace(&mut self.guarded, false);
                walk_body(self, &function.body);
                self.guarded = outer;
            }
            _ => walk_stmt(self, stmt),
        }
    }
}

fn catches_import_error(handler: &ExceptHandler) -> bool {
    let ExceptHandler::ExceptHandler(handler) = handler;
    match handler.type_.as_deref() {
        None => true,
        Some(Expr::Tuple(tuple)) => tuple.elts.iter().any(names_import_error_class),
        Some(other) => names_import_error_class(other),
    }
}

/// `ImportError` or a class it derives from, by name or as `builtins.<name>`.
fn names_import_error_class(expression: &Expr) -> bool {
    let name = match expression {
        Expr::Name(name) => name.id.as_str(),
        Expr::Attribute(attribute) if matches!(&*attribute.value, Expr::Name(module) if module.id.as_str() == "builtins") => {
            attribute.attr.as_str()
        }
        _ => return false,
    };
    matches!(name, "ImportError" | "ModuleNotFoundError" | "Exception" | "BaseException")
}

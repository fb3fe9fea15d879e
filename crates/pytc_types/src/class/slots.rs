//! `__slots__`: the names a class body lists there are attributes of its instances (each
//! instance gets a slot for them), whether or not a method assigns them through `self`.

use pytc_db::Db;
use pytc_semantic::{DefinitionKind, ScopeId};
use pytc_syntax::ast;

use crate::semantic::DefinitionRef;
use crate::types::ClassLiteral;

/// Whether the class body binds `__slots__` to a literal that lists `name` (a string, or a
/// tuple, list or set of strings).
pub(crate) fn slots_list<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, class_scope: ScopeId, name: &str) -> bool {
    let index = crate::semantic::class_index(db, class);
    let Some(symbol) = index.symbol_table(class_scope).symbol_id("__slots__") else { return false };
    index.use_def_map(class_scope).public_bindings(symbol).definitions().any(|definition| {
        let definition = DefinitionRef::of(db, class.file(db), definition);
        let value = match &definition.definition(db).kind {
            DefinitionKind::Assignment(assignment) if matches!(&*assignment.target, ast::Expr::Name(_)) => &*assignment.stmt.value,
            DefinitionKind::AnnotatedAssignment(assignment) => match assignment.stmt.value.as_deref() {
                Some(value) => value,
                None => return false,
            },
            _ => return false,
        };
        let listed = |element: &ast::Expr| matches!(element, ast::Expr::StringLiteral(literal) if literal.value.to_str() == name);
        match value {
            ast::Expr::Tuple(ast::ExprTuple { elts, .. }) | ast::Expr::List(ast::ExprList { elts, .. }) | ast::Expr::Set(ast::ExprSet { elts, .. }) => {
                elts.iter().any(listed)
            }
            single => listed(single),
        }
    })
}

//! Implicit type aliases: a module or class variable assigned without an annotation is a
//! type alias only when its value is written as a type expression (a name, an attribute, a
//! subscript or a `|` union of those). `X = [int][0]` or `X = int if c else str` bind values
//! that happen to be classes; naming such a variable in a type expression is an error.

use pytc_semantic::{Binding, DefinitionKind, NameResolution, ScopeKind};
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{DynamicType, Type};

impl<'db> InferContext<'db> {
    /// Whether the name (whose value is `value`) is bound by an unannotated assignment whose
    /// value is not written as a type expression, so the name is a variable, not an alias.
    pub(crate) fn names_non_alias_variable(&self, name: &ast::ExprName, value: Type<'db>) -> bool {
        let db = self.db;
        let node = name.node_index().load();
        let scope = if self.in_string_annotation || node.as_u32().is_none() { self.scope } else { self.index.scope_of_node(node) };
        let NameResolution::Symbol { scope: resolved, symbol } = self.index.resolve_name(scope, name.id.as_str()) else { return false };
        if !matches!(self.index.scope(resolved).kind, ScopeKind::Module | ScopeKind::Class) {
            return false;
        }
        let bindings = self.index.use_def_map(resolved).public_bindings(symbol);
        let mut found = false;
        for reaching in bindings.iter() {
            let Binding::Definition(definition) = reaching.binding else { continue };
            let definition = DefinitionRef::of(db, self.file, definition);
            let DefinitionKind::Assignment(assignment) = &definition.definition(db).kind else { return false };
            if !assignment.unpack.is_empty() || written_as_type_expression(&assignment.stmt.value) {
                return false;
            }
            if !value_rules_out_alias(&assignment.stmt.value, value) {
                return false;
            }
            found = true;
        }
        found
    }
}

/// Whether an assigned value is written as a type expression could be.
pub(crate) fn written_as_type_expression(value: &ast::Expr) -> bool {
    match value {
        ast::Expr::Name(_) | ast::Expr::Attribute(_) | ast::Expr::NoneLiteral(_) => true,
        ast::Expr::Subscript(subscript) => written_as_type_expression(&subscript.value),
        ast::Expr::BinOp(binary) if binary.op == ast::Operator::BitOr => {
            written_as_type_expression(&binary.left) && written_as_type_expression(&binary.right)
        }
        _ => false,
    }
}

/// A value written otherwise rules out an alias, except a call pytc cannot see into (an
/// unresolved or unmodeled factory, such as a functional `NamedTuple`, may well make a
/// class) and calls that make type-like objects (`TypeVar(...)`). Calls with an explicit
/// `Any` result and calls of non-names (`(lambda: int)()`) are not aliases either.
fn value_rules_out_alias(value: &ast::Expr, ty: Type<'_>) -> bool {
    match value {
        ast::Expr::Call(call) => ty == Type::ANY || !matches!(&*call.func, ast::Expr::Name(_) | ast::Expr::Attribute(_)),
        _ => !matches!(ty, Type::Dynamic(DynamicType::Todo(_))),
    }
}

//! Checks of assignment and `del` targets that do not depend on declarations: storing to or
//! deleting a subscript of an object without `__setitem__`/`__delitem__` (tuples, named
//! tuples, `str`), and unpacking a tuple of known length into the wrong number of targets.

use pytc_db::declare_rule;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::infer::attribute::{MemberLookup, member_access};
use crate::types::Type;

declare_rule! {
    /// Unpacking a tuple of known length into a different number of targets.
    ///
    /// ```python
    /// a, b = (1, 2, 3)  # error: [invalid-unpacking]
    /// ```
    pub static INVALID_UNPACKING = {
        name: "invalid-unpacking",
        summary: "a tuple is unpacked into the wrong number of targets",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// `obj[index] = value` (`store`) or `del obj[index]`: the object must define
    /// `__setitem__` (or `__delitem__`).
    pub(crate) fn check_subscript_target(&mut self, subscript: &ast::ExprSubscript, store: bool) {
        let db = self.db;
        let was_reporting = self.suspend_reporting();
        let object = self.infer_expression(&subscript.value);
        self.resume_reporting(was_reporting);
        let method = if store { "__setitem__" } else { "__delitem__" };
        let has_method = object.union_elements(db).iter().all(|member| {
            !matches!(member, Type::Instance(_) | Type::Tuple(_) | Type::StringLiteral(_) | Type::LiteralString | Type::IntLiteral(_))
                || !matches!(member_access(db, *member, method), MemberLookup::Missing)
        });
        if !has_method {
            let action = if store { "assign to" } else { "delete" };
            self.report(
                subscript.range,
                &crate::infer::subscript::NON_SUBSCRIPTABLE,
                format!("Cannot {action} a subscript of an object of type `{}`: it has no `{method}` method", object.display(db)),
            );
        }
    }

    /// `a, b = value`: a tuple (or named tuple) of known length must have as many elements
    /// as there are targets (at least as many as the others, with a starred target).
    pub(crate) fn check_unpacking_arity(&mut self, targets: &[ast::Expr], value: Type<'db>, range: pytc_syntax::TextRange) {
        let db = self.db;
        let Type::Tuple(tuple) = crate::class::namedtuple::as_tuple(db, value) else { return };
        let Some(elements) = tuple.fixed_elements(db) else { return };
        let starred = targets.iter().any(|target| matches!(target, ast::Expr::Starred(_)));
        let required = targets.len() - usize::from(starred);
        let fits = if starred { elements.len() >= required } else { elements.len() == required };
        if !fits {
            let expected = if starred { format!("at least {required}") } else { required.to_string() };
            self.report(
                range,
                &INVALID_UNPACKING,
                format!("Cannot unpack a tuple of length {} into {expected} targets", elements.len()),
            );
        }
    }
}

/// The targets of a tuple or list target expression.
pub(crate) fn unpacking_targets(target: &ast::Expr) -> Option<&[ast::Expr]> {
    match target {
        ast::Expr::Tuple(tuple) => Some(&tuple.elts),
        ast::Expr::List(list) => Some(&list.elts),
        _ => None,
    }
}

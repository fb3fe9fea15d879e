//! Explicit type aliases (`X: TypeAlias = value`): the value must be a valid type
//! expression, so it is evaluated as one and its errors are reported at the assignment,
//! and it may name itself only inside a generic type (`list["X"]`, not `Union["X", int]`).

use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::{SpecialForm, Type};

impl<'db> InferContext<'db> {
    /// Check the value of an annotated assignment whose annotation is a bare `TypeAlias`.
    pub(crate) fn check_explicit_alias_value(&mut self, target: &ast::Expr, annotation: &ast::Expr, value: &ast::Expr) {
        if !matches!(annotation, ast::Expr::Name(_) | ast::Expr::Attribute(_)) {
            return;
        }
        let was_reporting = self.suspend_reporting();
        let head = self.infer_expression(annotation);
        self.resume_reporting(was_reporting);
        if head != Type::SpecialForm(SpecialForm::TypeAlias) {
            return;
        }
        let value_type = self.type_expression(value);
        self.check_self_in_alias_value(value, value_type);
        if let ast::Expr::Name(name) = target
            && let Some(alias) = self.alias_named(name)
            && crate::aliases::recursive_alias::alias_is_circular(self.db, alias)
        {
            self.report(
                value.range(),
                &crate::aliases::type_alias_type::INVALID_TYPE_ALIAS,
                format!("Type alias `{}` refers to itself without a generic type in between", name.id),
            );
        }
    }
}

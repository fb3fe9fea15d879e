//! Explicit type aliases (`X: TypeAlias = value`): the value must be a valid type
//! expression, so it is evaluated as one and its errors are reported at the assignment.

use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::{SpecialForm, Type};

impl<'db> InferContext<'db> {
    /// Check the value of an annotated assignment whose annotation is a bare `TypeAlias`.
    pub(crate) fn check_explicit_alias_value(&mut self, annotation: &ast::Expr, value: &ast::Expr) {
        if !matches!(annotation, ast::Expr::Name(_) | ast::Expr::Attribute(_)) {
            return;
        }
        let was_reporting = self.suspend_reporting();
        let head = self.infer_expression(annotation);
        self.resume_reporting(was_reporting);
        if head == Type::SpecialForm(SpecialForm::TypeAlias) {
            self.type_expression(value);
        }
    }
}

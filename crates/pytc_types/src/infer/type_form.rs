//! Type form objects as values (PEP 747): where `TypeForm[T]` is expected, an expression
//! is read as the type expression it spells (a quoted type, a bare special form), and
//! `TypeForm(x)` evaluates its argument as a type expression.

use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::call::{MISSING_ARGUMENT, TOO_MANY_POSITIONAL_ARGUMENTS, UNKNOWN_ARGUMENT};
use crate::infer::InferContext;
use crate::types::{SpecialForm, Type, TypeFormType};

impl<'db> InferContext<'db> {
    /// The type of `expression` (inferred as `value`) where `expected` asks for a
    /// `TypeForm[...]`: a string or a special form that the rest of the expected type does
    /// not take is evaluated as a type expression (reporting what makes it invalid), and
    /// is then a `TypeForm` of the type it spells.
    pub(super) fn value_in_type_form_context(&mut self, expression: &ast::Expr, value: Type<'db>, expected: Type<'db>) -> Type<'db> {
        let db = self.db;
        let spells_type = match (expression, value) {
            (ast::Expr::StringLiteral(_), Type::StringLiteral(_)) => true,
            (ast::Expr::Name(_) | ast::Expr::Attribute(_), Type::SpecialForm(_)) => true,
            // `Unpack[Ts]` is a value for `Generic[...]`, never a type on its own.
            (ast::Expr::Subscript(subscript), _) => self.is_unpack_form(&subscript.value),
            _ => false,
        };
        if !spells_type {
            return value;
        }
        let others = Type::union_of(db, expected.union_elements(db).into_iter().filter(|member| !matches!(member, Type::TypeFormOf(_))));
        if !others.is_never() && value.is_assignable_to(db, others) {
            return value;
        }
        Type::TypeFormOf(TypeFormType::new(db, self.type_expression(expression)))
    }

    fn is_unpack_form(&mut self, head: &ast::Expr) -> bool {
        let was = self.suspend_reporting();
        let head = self.infer_expression(head);
        self.resume_reporting(was);
        matches!(head, Type::SpecialForm(SpecialForm::Unpack))
    }

    /// `TypeForm(x)`: `TypeForm[X]` for the type expression `x` spells.
    pub(crate) fn type_form_call(&mut self, call: &ast::ExprCall) -> Type<'db> {
        let db = self.db;
        for keyword in &call.arguments.keywords {
            self.infer_expression(&keyword.value);
            let name = keyword.arg.as_ref().map_or("**", |name| name.as_str());
            self.report(keyword.range(), &UNKNOWN_ARGUMENT, format!("`TypeForm()` takes no keyword argument `{name}`"));
        }
        let [argument, extra @ ..] = &call.arguments.args[..] else {
            if call.arguments.keywords.is_empty() {
                self.report(call.range(), &MISSING_ARGUMENT, "`TypeForm()` takes one argument, a type expression");
            }
            return Type::TypeFormOf(TypeFormType::new(db, Type::UNKNOWN));
        };
        if let Some(first_extra) = extra.first() {
            for argument in extra {
                self.infer_expression(argument);
            }
            self.report(first_extra.range(), &TOO_MANY_POSITIONAL_ARGUMENTS, format!("`TypeForm()` takes 1 positional argument but {} were given", extra.len() + 1));
        }
        let denoted = self.type_expression(argument);
        Type::TypeFormOf(TypeFormType::new(db, denoted))
    }
}

/// Whether an expected type asks for a type form object (`TypeForm[...]`, alone or in a
/// union).
pub(crate) fn expects_type_form<'db>(db: &'db dyn pytc_db::Db, expected: Type<'db>) -> bool {
    expected.union_elements(db).iter().any(|member| matches!(member, Type::TypeFormOf(_)))
}

//! Unpacked type expressions: `*X` and `Unpack[X]`, where `X` is a tuple type or a
//! TypeVarTuple. They stand for a run of elements (in `tuple[...]`, a `Callable` parameter
//! list, a class's type arguments) or for the positional arguments `*args` takes.

use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::infer::annotation::INVALID_TYPE_FORM;
use crate::types::{SpecialForm, TupleType, Type};

impl<'db> InferContext<'db> {
    /// The operand of `*X` or `Unpack[X]`, or `None` for any other expression.
    pub(crate) fn unpacked_operand<'a>(
        &mut self,
        expression: &'a ast::Expr,
    ) -> Option<&'a ast::Expr> {
        match expression {
            ast::Expr::Starred(starred) => Some(&starred.value),
            ast::Expr::Subscript(subscript) => {
                let was_reporting = self.suspend_reporting();
                let head = self.infer_expression(&subscript.value);
                self.resume_reporting(was_reporting);
                (head == Type::SpecialForm(SpecialForm::Unpack)).then_some(&*subscript.slice)
            }
            _ => None,
        }
    }

    /// The elements `operand` unpacks into, as a tuple: `tuple[int, str]` itself, `tuple[*Ts]`
    /// for a TypeVarTuple. Anything else is an error, taken as any number of `Unknown`s.
    pub(crate) fn unpacked_tuple(&mut self, operand: &ast::Expr) -> TupleType<'db> {
        let db = self.db;
        match self.type_expression(operand) {
            Type::Tuple(tuple) => tuple,
            ty if ty.as_typevar_tuple(db).is_some() || ty.is_dynamic() => {
                TupleType::new(db, Box::default(), Some(ty), Box::default())
            }
            ty => {
                self.report(
                    operand.range(),
                    &INVALID_TYPE_FORM,
                    format!(
                        "Only a tuple type or a TypeVarTuple can be unpacked, not `{}`",
                        ty.display(db)
                    ),
                );
                TupleType::homogeneous(db, Type::UNKNOWN)
            }
        }
    }
}

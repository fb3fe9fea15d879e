//! The elements of a `tuple[...]` type expression: plain element types and unpacked ones
//! (`*tuple[int, ...]`, `*Ts`, or the same with `Unpack[...]`). At most one unbounded
//! element (an unbounded tuple or a `TypeVarTuple`) may appear.

use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::infer::annotation::INVALID_TYPE_FORM;
use crate::types::{SpecialForm, TodoFeature, TupleType, Type};

impl<'db> InferContext<'db> {
    /// `tuple[A, *B, C]` from its element expressions (not the `tuple[X, ...]` or `tuple[()]`
    /// forms).
    pub(crate) fn tuple_elements_type_expression(&mut self, arguments: &[&ast::Expr]) -> Type<'db> {
        let db = self.db;
        let mut prefix = Vec::new();
        let mut variadic = None;
        let mut suffix = Vec::new();
        for argument in arguments {
            let Some(unpacked) = self.unpacked_tuple_argument(argument) else {
                let ty = self.type_expression(argument);
                if variadic.is_some() { suffix.push(ty) } else { prefix.push(ty) }
                continue;
            };
            let unbounded = match unpacked {
                Type::Tuple(inner) => inner.variadic(db).is_some(),
                _ => true,
            };
            if unbounded && variadic.is_some() {
                self.report(argument.range(), &INVALID_TYPE_FORM, "A tuple type can contain at most one unbounded element (an unbounded tuple or a `TypeVarTuple`)");
                continue;
            }
            match unpacked {
                Type::Tuple(inner) if variadic.is_none() => {
                    prefix.extend(inner.prefix(db).iter().copied());
                    variadic = inner.variadic(db);
                    suffix.extend(inner.suffix(db).iter().copied());
                }
                Type::Tuple(inner) => suffix.extend(inner.prefix(db).iter().copied()),
                other => {
                    variadic = Some(if other.is_dynamic() { other } else { Type::todo(TodoFeature::TypeVarTuple) });
                }
            }
        }
        Type::Tuple(TupleType::new(db, prefix.into_boxed_slice(), variadic, suffix.into_boxed_slice()))
    }

    /// The type an unpacked element (`*X` or `Unpack[X]`) unpacks, or `None` for a plain one.
    fn unpacked_tuple_argument(&mut self, argument: &ast::Expr) -> Option<Type<'db>> {
        match argument {
            ast::Expr::Starred(starred) => Some(self.type_expression(&starred.value)),
            ast::Expr::Subscript(subscript) => {
                let was_reporting = self.suspend_reporting();
                let head = self.infer_expression(&subscript.value);
                self.resume_reporting(was_reporting);
                (head == Type::SpecialForm(SpecialForm::Unpack)).then(|| self.type_expression(&subscript.slice))
            }
            _ => None,
        }
    }
}

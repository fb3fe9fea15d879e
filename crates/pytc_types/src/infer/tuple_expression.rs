//! The elements of a `tuple[...]` type expression: plain element types and unpacked ones
//! (`*tuple[int, ...]`, `*Ts`, or the same with `Unpack[...]`). At most one unbounded
//! element (an unbounded tuple or a `TypeVarTuple`) may appear.

use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::infer::annotation::INVALID_TYPE_FORM;
use crate::types::{TupleType, Type};

impl<'db> InferContext<'db> {
    /// `tuple[A, *B, C]` from its element expressions (not the `tuple[X, ...]` or `tuple[()]`
    /// forms).
    pub(crate) fn tuple_elements_type_expression(&mut self, arguments: &[&ast::Expr]) -> Type<'db> {
        let db = self.db;
        let mut prefix = Vec::new();
        let mut variadic = None;
        let mut suffix = Vec::new();
        for argument in arguments {
            let Some(operand) = self.unpacked_operand(argument) else {
                let ty = self.element_type_expression(argument);
                if variadic.is_some() {
                    suffix.push(ty)
                } else {
                    prefix.push(ty)
                }
                continue;
            };
            let inner = self.unpacked_tuple(operand);
            if inner.variadic(db).is_some() && variadic.is_some() {
                self.report(argument.range(), &INVALID_TYPE_FORM, "A tuple type can contain at most one unbounded element (an unbounded tuple or a `TypeVarTuple`)");
                continue;
            }
            if variadic.is_some() {
                suffix.extend(inner.prefix(db).iter().copied());
            } else {
                prefix.extend(inner.prefix(db).iter().copied());
                variadic = inner.variadic(db);
                suffix.extend(inner.suffix(db).iter().copied());
            }
        }
        Type::Tuple(TupleType::new(
            db,
            prefix.into_boxed_slice(),
            variadic,
            suffix.into_boxed_slice(),
        ))
    }

    /// One element of a type list that is not unpacked: a TypeVarTuple there must be.
    pub(crate) fn element_type_expression(&mut self, argument: &ast::Expr) -> Type<'db> {
        self.type_argument_depth += 1;
        let ty = self.type_expression(argument);
        self.type_argument_depth -= 1;
        match ty.as_typevar_tuple(self.db) {
            Some(typevar) => {
                self.report(
                    argument.range(),
                    &INVALID_TYPE_FORM,
                    format!(
                        "TypeVarTuple `{}` must be unpacked (`*{0}`)",
                        typevar.name(self.db)
                    ),
                );
                Type::UNKNOWN
            }
            None => ty,
        }
    }
}

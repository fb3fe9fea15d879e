//! Operations on values of a constrained type variable (`AnyStr = TypeVar("AnyStr", str,
//! bytes)`): the operation must be valid for each constraint, with every occurrence of the
//! variable taking the same constraint.

use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::Type;

impl<'db> InferContext<'db> {
    /// `left <op> right` when an operand is a constrained type variable: `None` when neither
    /// is, else the result (`Some(None)` when some constraint does not support it). When each
    /// constraint's result is that constraint (`str + str` is `str`), the result is the
    /// variable itself.
    pub(crate) fn binary_operation_on_constrained(&mut self, left: Type<'db>, op: ast::Operator, right: Type<'db>) -> Option<Option<Type<'db>>> {
        let db = self.db;
        let typevar = match (left, right) {
            (Type::TypeVar(typevar), _) | (_, Type::TypeVar(typevar)) if !typevar.constraints(db).is_empty() => typevar,
            _ => return None,
        };
        let variable = Type::TypeVar(typevar);
        let mut results = Vec::new();
        let mut every_result_is_its_constraint = true;
        for constraint in typevar.constraints(db) {
            let left = if left == variable { *constraint } else { left };
            let right = if right == variable { *constraint } else { right };
            let Some(result) = self.binary_operation(left, op, right) else { return Some(None) };
            every_result_is_its_constraint &= result.is_equivalent_to(db, *constraint);
            results.push(result);
        }
        Some(Some(if every_result_is_its_constraint { variable } else { Type::union_of(db, results) }))
    }
}

//! Whether a type argument fits its type parameter: assignable to the upper bound, or the
//! same as one of the constraints. Type variables and dynamic arguments always fit (they are
//! checked where they are solved).

use pytc_db::Db;

use crate::types::{Type, TypeVarType};

/// Whether `argument` may be given to `parameter`.
pub(crate) fn fits_parameter<'db>(db: &'db dyn Db, parameter: TypeVarType<'db>, argument: Type<'db>) -> bool {
    if argument.is_dynamic() || matches!(argument, Type::TypeVar(_)) {
        return true;
    }
    let within_bound = parameter.bound(db).is_none_or(|bound| argument.is_assignable_to(db, bound));
    let constraints = parameter.constraints(db);
    within_bound && (constraints.is_empty() || constraints.iter().any(|c| argument.is_equivalent_to(db, *c)))
}

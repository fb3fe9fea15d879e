//! The top materialization of a gradual type: the static type every materialization of it
//! (every way of filling in its `Any` parts) is assignable to. `Any` becomes `object` where
//! a larger type is a larger value (covariant positions) and `Never` where it is a smaller
//! one (contravariant positions); an invariant position has no such type. Overload
//! evaluation uses it to tell that an overload takes an argument whatever its `Any` parts
//! turn out to be (`Coroutine[Any, Any, int]` for `Awaitable[T]`).

use pytc_db::Db;

use crate::class::KnownClass;
use crate::types::{TupleType, Type, Variance};

/// Types nested deeper than this are not materialized.
const MAX_DEPTH: u32 = 16;

/// The top materialization of `ty`; `None` when it has none pytc can state (an `Any` in an
/// invariant position, or inside a kind of type not followed).
pub(crate) fn top_materialization<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<Type<'db>> {
    materialize(db, ty, true, 0)
}

/// The top (`top`) or bottom materialization of `ty`.
fn materialize<'db>(db: &'db dyn Db, ty: Type<'db>, top: bool, depth: u32) -> Option<Type<'db>> {
    if !ty.contains_dynamic(db) {
        return Some(ty);
    }
    if depth >= MAX_DEPTH {
        return None;
    }
    match ty {
        Type::Dynamic(_) => Some(if top { KnownClass::Object.instance(db) } else { Type::Never }),
        Type::Union(union) => {
            let elements: Option<Vec<Type<'db>>> = union.elements(db).iter().map(|element| materialize(db, *element, top, depth + 1)).collect();
            Some(Type::union_of(db, elements?))
        }
        Type::Instance(class) => {
            let parameters = crate::class::type_parameters(db, class.class(db));
            let arguments = class.arguments(db);
            if parameters.len() != arguments.len() {
                return None;
            }
            let materialized: Option<Vec<Type<'db>>> = arguments
                .iter()
                .zip(parameters)
                .map(|(argument, parameter)| {
                    if !argument.contains_dynamic(db) {
                        return Some(*argument);
                    }
                    match crate::class::variance_of(db, class.class(db), *parameter) {
                        Variance::Covariant => materialize(db, *argument, top, depth + 1),
                        Variance::Contravariant => materialize(db, *argument, !top, depth + 1),
                        Variance::Invariant | Variance::Inferred => None,
                    }
                })
                .collect();
            Some(Type::Instance(class.with_arguments(db, materialized?)))
        }
        Type::Tuple(tuple) => {
            let each = |elements: &[Type<'db>]| -> Option<Vec<Type<'db>>> { elements.iter().map(|element| materialize(db, *element, top, depth + 1)).collect() };
            let prefix = each(tuple.prefix(db))?;
            let variadic = match tuple.variadic(db) {
                Some(variadic) => Some(materialize(db, variadic, top, depth + 1)?),
                None => None,
            };
            let suffix = each(tuple.suffix(db))?;
            Some(Type::Tuple(TupleType::new(db, prefix.into_boxed_slice(), variadic, suffix.into_boxed_slice())))
        }
        _ => None,
    }
}

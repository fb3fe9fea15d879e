//! A method called on an object its annotated `self` does not accept (`def transpose(self:
//! "Array[int, str]")` called on an `Array[int]`): the call is an error, as passing the
//! object to that parameter would be. Overloads whose `self` rejects the object are left
//! out before the call is matched (`bind_method_signatures`); when every one rejects it,
//! this is the error.

use pytc_db::Db;

use crate::call::bind::CallError;
use crate::function::{BoundMethodType, FunctionFlags};
use crate::types::Type;

/// The error of calling `method` when the annotated first parameter of each of its
/// signatures rejects the receiver; `None` when one accepts it, when a signature leaves
/// `self` unannotated, for class and static methods, and for a constructor's receiver (its
/// class's variables are still being solved). A receiver that mentions type variables fixed
/// where the call is (`self` in a generic class, a `Cell[T]` parameter) is judged as it is:
/// a `Cell[T]` is not a `Cell[int]`; but a constrained variable (`AnyStr`) stands for each of
/// its constraints in turn, which overloads on `self` may each accept, so it is not judged.
pub(super) fn rejected_receiver<'db>(db: &'db dyn Db, method: BoundMethodType<'db>) -> Option<CallError<'db>> {
    let function = method.function(db);
    if function.has(db, FunctionFlags::CLASSMETHOD) || function.has(db, FunctionFlags::STATICMETHOD) || super::is_constructor_receiver(db, method) {
        return None;
    }
    let receiver = method.receiver(db);
    if !matches!(receiver, Type::Instance(_) | Type::TypeVar(_)) || receiver.contains_dynamic(db) {
        return None;
    }
    let declared = crate::function::declared_signatures(db, function);
    if declared.is_empty() || !declared.iter().all(|signature| signature.parameters.first().is_some_and(|first| first.has_annotation)) {
        return None;
    }
    let bound = super::bind_receiver(db, method, &crate::function::inferred_signatures(db, function));
    let generic = crate::generics::has_typevars(db, receiver);
    if generic && mentions_constrained_typevar(db, receiver) {
        return None;
    }
    let accepts = |binding: &super::ReceiverBinding<'db>| match binding.receiver_parameter {
        Some(parameter) if generic => receiver.is_assignable_to(db, parameter),
        _ => binding.accepts_receiver,
    };
    if bound.iter().any(accepts) {
        return None;
    }
    let expected = bound.first()?.receiver_parameter?;
    Some(CallError::MethodReceiverMismatch { expected, actual: receiver })
}

/// Whether `receiver` (or, for `Self`, its bound) mentions a constrained type variable.
fn mentions_constrained_typevar<'db>(db: &'db dyn Db, receiver: Type<'db>) -> bool {
    let mut found = false;
    let mut visit = |typevar: crate::types::TypeVarType<'db>| found |= !typevar.constraints(db).is_empty();
    crate::generics::walk_typevars(db, receiver, &mut visit);
    if let Type::TypeVar(typevar) = receiver
        && let Some(bound) = typevar.bound(db)
    {
        crate::generics::walk_typevars(db, bound, &mut visit);
    }
    found
}

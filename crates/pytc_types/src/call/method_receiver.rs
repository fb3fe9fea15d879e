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
/// `self` unannotated, for class and static methods, and for receivers still generic.
pub(super) fn rejected_receiver<'db>(db: &'db dyn Db, method: BoundMethodType<'db>) -> Option<CallError<'db>> {
    let function = method.function(db);
    if function.has(db, FunctionFlags::CLASSMETHOD) || function.has(db, FunctionFlags::STATICMETHOD) {
        return None;
    }
    let receiver = method.receiver(db);
    if !matches!(receiver, Type::Instance(_)) || crate::generics::has_typevars(db, receiver) || receiver.contains_dynamic(db) {
        return None;
    }
    let declared = crate::function::declared_signatures(db, function);
    if declared.is_empty() || !declared.iter().all(|signature| signature.parameters.first().is_some_and(|first| first.has_annotation)) {
        return None;
    }
    let bound = super::bind_receiver(db, method, &crate::function::inferred_signatures(db, function));
    if bound.iter().any(|binding| binding.accepts_receiver) {
        return None;
    }
    let expected = bound.first()?.receiver_parameter?;
    Some(CallError::MethodReceiverMismatch { expected, actual: receiver })
}

//! `functools.partial(func, *args, **kwargs)`: the arguments bound now are the first part
//! of a later call of `func`, so they are checked against `func`'s signature as such a call
//! would check them: too many positional arguments, an unknown keyword, a value given twice
//! or of the wrong type is reported at the `partial(...)` call; parameters left for later are
//! not missing. typeshed's `partial.__new__` takes `*args: Any, **kwargs: Any` and sees none
//! of this.
//!
//! Held to what can be judged: `func` with one signature (an overloaded function may match
//! an overload only once the rest of its arguments are known), bound arguments without `*`
//! or `**` unpacking. The call of the partial object itself is not checked against what is
//! left of the signature yet.

use pytc_db::Db;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use super::bind::{Argument, ArgumentKind, CallError};
use super::{CallOutcome, evaluate_call, single_signature};
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::types::Type;

impl<'db> InferContext<'db> {
    /// After a successful call of `functools.partial`, report what its bound arguments
    /// would do wrong in a call of the function it wraps.
    pub(super) fn check_partial_application(&mut self, callee: Type<'db>, arguments: &[Argument<'db>], outcome: &CallOutcome<'db>, call: &ast::ExprCall) {
        let db = self.db;
        if !is_functools_partial(db, callee) || !matches!(outcome, CallOutcome::Success(_)) {
            return;
        }
        let Some((func, bound)) = arguments.split_first() else { return };
        let Some(func_expression) = call.arguments.args.first() else { return };
        if func.kind != ArgumentKind::Positional || bound.iter().any(|argument| matches!(argument.kind, ArgumentKind::Unpacked | ArgumentKind::UnpackedMapping)) {
            return;
        }
        if single_signature(db, func.ty).is_none() {
            return;
        }
        let CallOutcome::Errors { return_type, errors } = evaluate_call(db, func.ty, bound) else { return };
        let errors: Vec<CallError<'db>> =
            errors.into_iter().filter(|error| !matches!(error, CallError::Missing { .. } | CallError::MissingParamSpecArguments { .. })).collect();
        if !errors.is_empty() {
            self.report_call_outcome(func.ty, &CallOutcome::Errors { return_type, errors }, func_expression.range(), call.range());
        }
    }
}

/// The class object `functools.partial` (not a subclass of it: a subclass may take other
/// arguments in its own `__new__`).
fn is_functools_partial<'db>(db: &'db dyn Db, callee: Type<'db>) -> bool {
    let Type::ClassObject(class) = callee else { return false };
    let literal = class.class(db);
    &**literal.name(db) == "partial" && KnownModule::Functools.is(db, literal.file(db))
}

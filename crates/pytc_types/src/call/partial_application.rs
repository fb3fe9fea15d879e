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
//!
//! The partial object's result type: typeshed solves `partial[T]` from `func: Callable[...,
//! T]` alone, so a generic function's type variables stay unsolved (`partial(first, [1])`
//! is `partial[Unknown]`). The type variables the positionally bound arguments determine
//! are solved from them; one that a parameter still open also mentions (a keyword-bound
//! parameter may be given again later, `*args` may take more) stays unknown.

use pytc_db::Db;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use super::bind::{Argument, ArgumentKind, CallError, match_arguments};
use super::{CallOutcome, evaluate_call, single_signature};
use crate::generics::{Specialization, walk_typevars};
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::types::{CallableType, ParameterKind, Type, TypeVarKind};

impl<'db> InferContext<'db> {
    /// After a successful call of `functools.partial`, report what its bound arguments
    /// would do wrong in a call of the function it wraps.
    /// The partial object's result type is refined from the bound arguments (see the module
    /// doc) in `outcome`.
    pub(super) fn check_partial_application(&mut self, callee: Type<'db>, arguments: &[Argument<'db>], outcome: &mut CallOutcome<'db>, call: &ast::ExprCall) {
        let db = self.db;
        if !is_functools_partial(db, callee) || !matches!(outcome, CallOutcome::Success(_)) {
            return;
        }
        if let CallOutcome::Success(partial) = outcome
            && let Some(refined) = solved_partial(db, *partial, arguments)
        {
            *partial = refined;
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

/// `partial[R]` with `R` the wrapped function's return type solved from the positionally
/// bound arguments, when typeshed's solution is unknown and those arguments determine more.
fn solved_partial<'db>(db: &'db dyn Db, partial: Type<'db>, arguments: &[Argument<'db>]) -> Option<Type<'db>> {
    let Type::Instance(class) = partial else { return None };
    let [returned] = &**class.arguments(db) else { return None };
    let (func, bound) = arguments.split_first()?;
    if !returned.contains_dynamic(db) || func.kind != ArgumentKind::Positional || bound.iter().any(|argument| matches!(argument.kind, ArgumentKind::Unpacked | ArgumentKind::UnpackedMapping)) {
        return None;
    }
    let signature = single_signature(db, func.ty)?;
    if !crate::generics::has_typevars(db, signature.return_type) {
        return None;
    }
    let mut plain = true;
    let mut visit_all = |typevar: crate::types::TypeVarType<'db>| plain &= typevar.kind(db) == TypeVarKind::TypeVar;
    walk_typevars(db, signature.return_type, &mut visit_all);
    for parameter in &signature.parameters {
        walk_typevars(db, parameter.annotated, &mut visit_all);
    }
    if !plain {
        return None;
    }
    let (assigned, _) = match_arguments(&signature, bound);
    let fixed: Vec<usize> = assigned
        .iter()
        .zip(bound)
        .filter(|(_, argument)| argument.kind == ArgumentKind::Positional)
        .flat_map(|(parameters, _)| parameters.iter().copied())
        .filter(|index| signature.parameters[*index].kind != ParameterKind::Variadic)
        .collect();
    let mut open = Specialization::default();
    for (index, parameter) in signature.parameters.iter().enumerate() {
        if !fixed.contains(&index) {
            walk_typevars(db, parameter.annotated, &mut |typevar| open.insert(typevar, Type::UNKNOWN));
        }
    }
    let determined = Type::Callable(CallableType::new(db, vec![open.apply_signature(db, &signature)].into_boxed_slice()));
    let solved = match evaluate_call(db, determined, bound) {
        CallOutcome::Success(solved) => solved,
        CallOutcome::Errors { return_type, errors } if errors.iter().all(|error| matches!(error, CallError::Missing { .. })) => return_type,
        _ => return None,
    };
    (solved != *returned).then(|| Type::Instance(class.with_arguments(db, vec![solved])))
}

/// The class object `functools.partial` (not a subclass of it: a subclass may take other
/// arguments in its own `__new__`).
fn is_functools_partial<'db>(db: &'db dyn Db, callee: Type<'db>) -> bool {
    let Type::ClassObject(class) = callee else { return false };
    let literal = class.class(db);
    &**literal.name(db) == "partial" && KnownModule::Functools.is(db, literal.file(db))
}

//! An overloaded function (or a class whose constructor is overloaded) passed where a
//! callable with a ParamSpec is expected
//! (`deco(f: Callable[P, R]) -> Callable[P, R]` applied to an `@overload`ed function): a
//! ParamSpec stands for one parameter list, so the call is evaluated once per overload.
//! When every overload is accepted and each result is a callable, the result is their
//! overloaded combination (`deco` keeps all overloads); otherwise the first accepted
//! overload decides, as overload resolution would, and when none is accepted the first
//! overload's errors are reported.

use pytc_db::Db;

use super::bind::{Argument, ArgumentKind, Binding, bind_call, match_arguments};
use crate::types::{CallableType, Signature, Type, TypeVarType};

/// The binding of a call whose argument for a ParamSpec callable parameter is overloaded;
/// `None` when there is no such argument.
pub(super) fn bind_per_overload<'db>(
    db: &'db dyn Db,
    signature: &Signature<'db>,
    arguments: &[Argument<'db>],
    solvable: &[TypeVarType<'db>],
    iterate: &dyn Fn(Type<'db>) -> Type<'db>,
) -> Option<Binding<'db>> {
    // Most calls pass no function for a callable parameter: skip matching for them.
    let passes_function = arguments.iter().any(|a| matches!(a.ty, Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_) | Type::ClassObject(_)));
    if !passes_function || !signature.parameters.iter().any(|p| matches!(p.annotated, Type::Callable(_))) {
        return None;
    }
    let (assigned, _) = match_arguments(signature, arguments);
    let (index, overloads) = arguments.iter().enumerate().find_map(|(index, argument)| {
        if !matches!(argument.kind, ArgumentKind::Positional | ArgumentKind::Keyword(_)) {
            return None;
        }
        let [parameter] = assigned[index][..] else { return None };
        let Type::Callable(expected) = signature.parameters[parameter].annotated else { return None };
        let takes_param_spec = expected.signatures(db).iter().any(|s| {
            crate::generics::paramspec::param_spec_tail(db, s).is_some_and(|param_spec| solvable.contains(&param_spec))
        });
        let overloads = super::signatures_of(db, argument.ty).filter(|overloads| overloads.len() > 1)?;
        takes_param_spec.then_some((index, overloads))
    })?;
    let mut accepted = Vec::new();
    let mut first_rejection = None;
    for overload in overloads {
        let mut with_overload = arguments.to_vec();
        with_overload[index].ty = Type::Callable(CallableType::single(db, overload));
        let binding = bind_call(db, signature, &with_overload, solvable, iterate);
        if binding.errors.is_empty() {
            accepted.push(binding.return_type);
        } else if first_rejection.is_none() {
            first_rejection = Some(binding);
        }
    }
    // No overload fits: report why the first does not.
    let Some(first) = accepted.first().copied() else { return first_rejection };
    let combined: Option<Vec<Signature<'db>>> = accepted
        .iter()
        .map(|ty| match ty {
            Type::Callable(callable) if callable.signatures(db).len() == 1 => Some(callable.signatures(db)[0].clone()),
            _ => None,
        })
        .collect();
    let return_type = match combined {
        Some(signatures) if signatures.len() > 1 => Type::Callable(CallableType::new(db, signatures.into_boxed_slice())),
        _ => first,
    };
    Some(Binding { return_type, errors: Vec::new() })
}

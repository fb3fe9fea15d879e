//! Overload resolution, following the typing spec's overload call evaluation (numbered
//! steps below refer to it).

use pytc_db::Db;

use crate::call::bind::{Argument, ArgumentKind, bind_call};
use crate::call::CallOutcome;
use crate::types::{ParameterKind, Signature, Type, TypeVarType};

/// How many expanded argument lists step 4 evaluates at most.
const MAX_EXPANSIONS: usize = 64;

pub(crate) fn evaluate_overloads<'db>(
    db: &'db dyn Db,
    _callee: Type<'db>,
    signatures: &[Signature<'db>],
    arguments: &[Argument<'db>],
    solvable: &dyn Fn(&Signature<'db>) -> Vec<TypeVarType<'db>>,
    iterate: &dyn Fn(Type<'db>) -> Type<'db>,
) -> CallOutcome<'db> {
    // Step 1: keep the overloads whose parameters can accept the arguments by arity.
    let candidates: Vec<&Signature<'db>> = signatures
        .iter()
        .filter(|signature| {
            let (_, errors) = crate::call::bind::match_arguments(signature, arguments);
            errors.iter().all(|error| !error.is_arity_error())
        })
        .collect();
    if candidates.is_empty() {
        return CallOutcome::NoMatchingOverload;
    }
    // Step 2: a single remaining overload is evaluated like a normal call (so its errors
    // are reported precisely).
    if candidates.len() == 1 {
        let binding = bind_call(db, candidates[0], arguments, &solvable(candidates[0]), iterate);
        return if binding.errors.is_empty() {
            CallOutcome::Success(binding.return_type)
        } else {
            CallOutcome::Errors { return_type: binding.return_type, errors: binding.errors }
        };
    }
    // Step 3: evaluate the candidates' types; the matches, in order.
    if let Some(result) = first_matches(db, &candidates, arguments, solvable, iterate) {
        return result;
    }
    // Step 4: expand argument types (unions, bool, enums, tuples) one argument at a time,
    // from left to right, each expansion multiplying the argument lists of the earlier ones;
    // after each, every argument list must match.
    // Each list holds, per argument written, the arguments it stands for: an argument
    // `*`-unpacked from a union of tuples expands to each tuple's elements.
    let mut argument_lists: Vec<Vec<Vec<Argument<'db>>>> = vec![arguments.iter().map(|argument| vec![argument.clone()]).collect()];
    for (index, argument) in arguments.iter().enumerate() {
        let Some(members) = crate::call::argument_expansion::expand_argument_type(db, argument.ty) else { continue };
        let groups = expanded_groups(db, argument, &members);
        if groups.len() * argument_lists.len() > MAX_EXPANSIONS {
            break;
        }
        argument_lists = argument_lists
            .iter()
            .flat_map(|list| {
                groups.iter().map(move |group| {
                    let mut expanded = list.clone();
                    expanded[index] = group.clone();
                    expanded
                })
            })
            .collect();
        let mut returns = Vec::new();
        for list in &argument_lists {
            match first_matches(db, &candidates, &list.concat(), solvable, iterate) {
                Some(CallOutcome::Success(ty)) => returns.push(ty),
                _ => break,
            }
        }
        if returns.len() == argument_lists.len() {
            return CallOutcome::Success(Type::union_of(db, returns));
        }
    }
    CallOutcome::NoMatchingOverload
}

/// The arguments `argument` stands for once its type is expanded to `members`: itself with
/// each member's type, or, for an argument `*`-unpacked from a union of tuples, the elements
/// of each fixed-length tuple member as positional arguments (each combination of their own
/// expansions).
fn expanded_groups<'db>(db: &'db dyn Db, argument: &Argument<'db>, members: &[Type<'db>]) -> Vec<Vec<Argument<'db>>> {
    let with_type = |ty: Type<'db>| Argument { ty, ..argument.clone() };
    if argument.kind != ArgumentKind::Unpacked || !matches!(argument.ty, Type::Union(_)) {
        return members.iter().map(|member| vec![with_type(*member)]).collect();
    }
    let mut groups = Vec::new();
    for member in members {
        let Type::Tuple(tuple) = crate::class::namedtuple::as_tuple(db, *member) else {
            groups.push(vec![with_type(*member)]);
            continue;
        };
        if tuple.fixed_elements(db).is_none() {
            groups.push(vec![with_type(*member)]);
            continue;
        }
        let combinations = crate::call::argument_expansion::expand_argument_type(db, Type::Tuple(tuple)).unwrap_or_else(|| vec![Type::Tuple(tuple)]);
        for combination in combinations {
            let Type::Tuple(fixed) = combination else { continue };
            let Some(elements) = fixed.fixed_elements(db) else { continue };
            groups.push(elements.iter().map(|element| Argument { kind: ArgumentKind::Positional, ty: *element, range: argument.range, literals: crate::call::LiteralOrigin::Written }).collect());
        }
    }
    groups
}

/// Steps 3 and 5: the matching overloads; with several matches caused by `Any`
/// arguments, their return types must agree (else the result is `Unknown`).
fn first_matches<'db>(
    db: &'db dyn Db,
    candidates: &[&Signature<'db>],
    arguments: &[Argument<'db>],
    solvable: &dyn Fn(&Signature<'db>) -> Vec<TypeVarType<'db>>,
    iterate: &dyn Fn(Type<'db>) -> Type<'db>,
) -> Option<CallOutcome<'db>> {
    let dynamic = arguments.iter().any(|argument| argument.ty.contains_dynamic(db));
    let unpacked = arguments.iter().any(|argument| matches!(argument.kind, ArgumentKind::Unpacked | ArgumentKind::UnpackedMapping));
    let mut matched: Vec<(&Signature<'db>, Type<'db>)> = Vec::new();
    for candidate in candidates {
        let binding = bind_call(db, candidate, arguments, &solvable(candidate), iterate);
        if binding.errors.is_empty() {
            matched.push((candidate, binding.return_type));
            if !dynamic && !unpacked {
                break;
            }
        }
    }
    // Step 4: an argument unpacked to an unknown number of values prefers the overloads
    // with a variadic parameter to take them.
    if unpacked && matched.len() > 1 {
        let variadic: Vec<_> = matched.iter().copied().filter(|(candidate, _)| takes_unpacked_arguments(candidate, arguments)).collect();
        if !variadic.is_empty() {
            matched = variadic;
        }
        if !dynamic {
            matched.truncate(1);
        }
    }
    // Step 5: an overload whose parameters take every materialization of the gradual
    // arguments' types is chosen whatever they turn out to be: the later ones never are.
    if dynamic
        && let Some(position) = matched.iter().position(|(candidate, _)| takes_every_materialization(db, candidate, arguments, solvable, iterate))
    {
        matched.truncate(position + 1);
    }
    let matches: Vec<Type<'db>> = matched.into_iter().map(|(_, ty)| ty).collect();
    let first = *matches.first()?;
    // Step 5: with `Any` arguments, if the remaining matches disagree the result is
    // ambiguous.
    if matches.len() > 1 && !matches.iter().all(|ty| ty.is_equivalent_to(db, first)) {
        return Some(CallOutcome::Success(Type::UNKNOWN));
    }
    Some(CallOutcome::Success(first))
}

/// Whether every materialization of each argument's type is assignable to the parameter it
/// goes to: a static argument (it was accepted), `Any` for an `object` or gradual parameter,
/// a partly gradual argument for a parameter of the same gradual type (`list[Any]` for
/// `list[Any]`), or arguments whose top materializations the signature accepts
/// (`Coroutine[Any, Any, int]` as `Coroutine[object, Never, int]` for `Awaitable[T]`: any
/// smaller argument is accepted too). Unpacked arguments are not judged (`false`).
fn takes_every_materialization<'db>(
    db: &'db dyn Db,
    signature: &Signature<'db>,
    arguments: &[Argument<'db>],
    solvable: &dyn Fn(&Signature<'db>) -> Vec<TypeVarType<'db>>,
    iterate: &dyn Fn(Type<'db>) -> Type<'db>,
) -> bool {
    takes_every_materialization_as_written(db, signature, arguments) || takes_top_materializations(db, signature, arguments, solvable, iterate)
}

/// `takes_every_materialization` by the argument and parameter types as they are.
fn takes_every_materialization_as_written<'db>(db: &'db dyn Db, signature: &Signature<'db>, arguments: &[Argument<'db>]) -> bool {
    let (assigned, _) = crate::call::bind::match_arguments(signature, arguments);
    arguments.iter().zip(&assigned).all(|(argument, parameters)| {
        if !argument.ty.contains_dynamic(db) {
            return true;
        }
        if matches!(argument.kind, ArgumentKind::Unpacked | ArgumentKind::UnpackedMapping) {
            return false;
        }
        parameters.iter().all(|index| {
            let parameter = signature.parameters[*index].annotated;
            let takes_anything = |ty: Type<'db>| {
                ty.is_dynamic() || matches!(ty, Type::Instance(class) if crate::class::known::is_known(db, class.class(db), crate::class::KnownClass::Object))
            };
            !crate::generics::has_typevars(db, parameter)
                && (takes_anything(parameter) || (!argument.ty.is_dynamic() && argument.ty.is_equivalent_to(db, parameter)))
        })
    })
}

/// Whether the signature accepts the arguments with each gradual one replaced by its top
/// materialization (none may be unpacked, and each must have one).
fn takes_top_materializations<'db>(
    db: &'db dyn Db,
    signature: &Signature<'db>,
    arguments: &[Argument<'db>],
    solvable: &dyn Fn(&Signature<'db>) -> Vec<TypeVarType<'db>>,
    iterate: &dyn Fn(Type<'db>) -> Type<'db>,
) -> bool {
    let topped: Option<Vec<Argument<'db>>> = arguments
        .iter()
        .map(|argument| {
            if !argument.ty.contains_dynamic(db) {
                return Some(argument.clone());
            }
            if matches!(argument.kind, ArgumentKind::Unpacked | ArgumentKind::UnpackedMapping) {
                return None;
            }
            let ty = super::materialization::top_materialization(db, argument.ty)?;
            Some(Argument { ty, ..argument.clone() })
        })
        .collect();
    topped.is_some_and(|topped| bind_call(db, signature, &topped, &solvable(signature), iterate).errors.is_empty())
}

/// Whether the signature has `*args` for every `*`-unpacked argument and `**kwargs` for every
/// `**`-unpacked one.
fn takes_unpacked_arguments(signature: &Signature<'_>, arguments: &[Argument<'_>]) -> bool {
    let has = |kind: ParameterKind| signature.parameters.iter().any(|p| p.kind == kind);
    arguments.iter().all(|argument| match argument.kind {
        ArgumentKind::Unpacked => has(ParameterKind::Variadic),
        ArgumentKind::UnpackedMapping => has(ParameterKind::KeywordVariadic) || has(ParameterKind::UnpackedKeywords),
        _ => true,
    })
}

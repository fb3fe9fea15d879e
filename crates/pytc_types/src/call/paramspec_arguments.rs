//! Calls of signatures that end with a ParamSpec's parameters (`*args: P.args,
//! **kwargs: P.kwargs`), and of signatures with a gradual tail (`Concatenate[int, ...]`).
//!
//! When the call solves `P` (`def call(f: Callable[P, int], *args: P.args, **kwargs:
//! P.kwargs)`), the arguments before the pair are bound first, `P` is solved from them,
//! and the arguments left for the pair are checked against `P`'s solution; when nothing
//! before the pair mentions `P`, `P` is solved from those arguments themselves.
//!
//! When `P` is fixed (inside a function generic over `P`, calling `f: Callable[P, int]`),
//! only `*args: P.args` and `**kwargs: P.kwargs` of that same `P` (or, gradually, `*args`
//! and `**kwargs` of unknown element types, as `*args: Any`) can fill the pair: both must be
//! passed, after every positional parameter before the pair is filled, and no other argument
//! may reach the pair.

use pytc_db::Db;

use super::bind::{Argument, ArgumentKind, Binding, CallError, bind_matched, match_arguments, parameter_label, specialized_return};
use crate::generics::paramspec::{component_typevar, param_spec_tail, parameter_list, parameters_of_value};
use crate::types::{Parameter, ParameterKind, Signature, Type, TypeVarType};

/// Bind a call of a signature ending with a ParamSpec pair; `None` for other signatures.
pub(super) fn bind_param_spec_call<'db>(
    db: &'db dyn Db,
    signature: &Signature<'db>,
    arguments: &[Argument<'db>],
    solvable: &[TypeVarType<'db>],
    iterate: &dyn Fn(Type<'db>) -> Type<'db>,
) -> Option<Binding<'db>> {
    let param_spec = param_spec_tail(db, signature)?;
    // A call solves `P` only when another parameter or the return type names it: a
    // signature that names `P` only in its `*args`/`**kwargs` (`f: Callable[P, int]`, a
    // nested `def inner(*args: P.args, **kwargs: P.kwargs)`) takes `P` from an enclosing
    // scope. Passing `P`'s own `*args`/`**kwargs` where no other parameter names `P` means
    // the caller is inside that scope too.
    let head = &signature.parameters[..signature.parameters.len() - 2];
    let head_mentions = head.iter().any(|p| mentions(db, p.annotated, param_spec));
    let return_mentions = mentions(db, signature.return_type, param_spec);
    let passes_components = arguments.iter().any(|argument| {
        argument.ty == Type::TypeVar(component_typevar(db, param_spec, false)) || argument.ty == Type::TypeVar(component_typevar(db, param_spec, true))
    });
    let fixed = !solvable.contains(&param_spec) || (!head_mentions && (!return_mentions || passes_components));
    Some(if !fixed {
        bind_solving_param_spec(db, signature, param_spec, arguments, solvable, iterate)
    } else {
        bind_fixed_param_spec(db, signature, param_spec, arguments, solvable, iterate)
    })
}

/// `(int, ...)`, the signature of `Callable[Concatenate[int, ...], R]`, as `(int, /, *args:
/// Any, **kwargs: Any)` for binding: the listed parameters are checked, anything may follow.
pub(super) fn gradual_tail_as_variadics<'db>(signature: &Signature<'db>) -> Option<Signature<'db>> {
    if !signature.gradual_parameters || signature.parameters.is_empty() {
        return None;
    }
    let mut parameters = signature.parameters.clone();
    for kind in [ParameterKind::Variadic, ParameterKind::KeywordVariadic] {
        if !parameters.iter().any(|p| p.kind == kind) {
            parameters.push(Parameter { name: None, kind, annotated: Type::ANY, has_annotation: true, has_default: false, unpacked_args: None });
        }
    }
    Some(Signature { parameters, return_type: signature.return_type, gradual_parameters: false })
}

/// The call solves `P`: bind the parameters before the pair, solve, then check the
/// arguments left for the pair against `P`'s solution.
fn bind_solving_param_spec<'db>(
    db: &'db dyn Db,
    signature: &Signature<'db>,
    param_spec: TypeVarType<'db>,
    arguments: &[Argument<'db>],
    solvable: &[TypeVarType<'db>],
    iterate: &dyn Fn(Type<'db>) -> Type<'db>,
) -> Binding<'db> {
    let tail_start = signature.parameters.len() - 2;
    let (assigned, _) = match_arguments(signature, arguments);
    let (head_arguments, tail_arguments): (Vec<_>, Vec<_>) =
        arguments.iter().cloned().zip(&assigned).partition(|(_, parameters)| parameters.is_empty() || parameters.iter().any(|p| *p < tail_start));
    let head_arguments: Vec<Argument<'db>> = head_arguments.into_iter().map(|(argument, _)| argument).collect();
    let tail_arguments: Vec<Argument<'db>> = tail_arguments.into_iter().map(|(argument, _)| argument).collect();
    let head = Signature { parameters: signature.parameters[..tail_start].to_vec(), return_type: signature.return_type, gradual_parameters: false };
    let (head_assigned, head_errors) = match_arguments(&head, &head_arguments);
    let (mut binding, mut specialization) = bind_matched(db, &head, &head_arguments, &head_assigned, head_errors, solvable, iterate);
    let solved_by_head = head.parameters.iter().any(|p| mentions(db, p.annotated, param_spec));
    let solution = if solved_by_head {
        specialization.get(param_spec).unwrap_or(Type::UNKNOWN)
    } else {
        parameter_list_of_arguments(db, &tail_arguments)
    };
    specialization.insert(param_spec, solution);
    let return_type = specialized_return(db, signature.return_type, solvable, &specialization);
    binding.return_type = return_type.as_call_result(db);
    if let Some((parameters, gradual_parameters)) = parameters_of_value(db, solution) {
        // A generic function passed for `Callable[P, R]` (`apply(identity, 1)`) leaves its
        // own variables in `P` and `R`: the arguments for `P` solve them, as a call of that
        // function would. So does a function that forwards a ParamSpec of its own
        // (`to_thread(ctx.run, work, 1)`, `ctx.run` taking `Callable[Q, T]` and `Q`'s
        // arguments); a ParamSpec that only the pair names is an enclosing scope's.
        let mut target = Signature { parameters, return_type, gradual_parameters };
        let own = if solved_by_head { free_typevars(db, &target, solution, solvable) } else { Vec::new() };
        if own.is_empty() {
            target.return_type = Type::Never;
        }
        let tail = super::bind::bind_call(db, &target, &tail_arguments, &own, iterate);
        binding.errors.extend(tail.errors);
        if !own.is_empty() {
            binding.return_type = tail.return_type;
        }
    }
    binding
}

/// The type variables of `ty` (the parameter list `target` spells) other than those of
/// `solvable`; a ParamSpec only when a parameter of `target` before its pair names it, as
/// a call of `target` would solve it.
fn free_typevars<'db>(db: &'db dyn Db, target: &Signature<'db>, ty: Type<'db>, solvable: &[TypeVarType<'db>]) -> Vec<TypeVarType<'db>> {
    let tail = param_spec_tail(db, target);
    let head = &target.parameters[..target.parameters.len() - if tail.is_some() { 2 } else { 0 }];
    let mut free = Vec::new();
    crate::generics::walk_typevars(db, ty, &mut |typevar| {
        let solved_by_call = typevar.kind(db) != crate::types::TypeVarKind::ParamSpec || head.iter().any(|p| mentions(db, p.annotated, typevar));
        if !solvable.contains(&typevar) && solved_by_call && !free.contains(&typevar) {
            free.push(typevar);
        }
    });
    free
}

/// Whether `ty` mentions the type variable `typevar`.
fn mentions<'db>(db: &'db dyn Db, ty: Type<'db>, typevar: TypeVarType<'db>) -> bool {
    let mut found = false;
    crate::generics::walk_typevars(db, ty, &mut |t| found |= t == typevar);
    found
}

/// The parameter list that accepts exactly these arguments: positional-only parameters of
/// the positional arguments' types, keyword-only ones for the keywords, any parameters
/// once an unpacked argument makes the shape unknown.
fn parameter_list_of_arguments<'db>(db: &'db dyn Db, arguments: &[Argument<'db>]) -> Type<'db> {
    let mut parameters = Vec::new();
    let mut gradual = false;
    for argument in arguments {
        let widened = crate::infer::expr_widen(db, argument.ty);
        match &argument.kind {
            ArgumentKind::Positional => parameters.push(Parameter::positional(widened)),
            ArgumentKind::Keyword(name) => parameters.push(Parameter {
                name: Some(name.as_str().into()),
                kind: ParameterKind::KeywordOnly,
                annotated: widened,
                has_annotation: true,
                has_default: false,
                unpacked_args: None,
            }),
            ArgumentKind::Unpacked | ArgumentKind::UnpackedMapping => gradual = true,
        }
    }
    parameter_list(db, parameters, gradual)
}

/// `P` is fixed: the pair takes only `*args: P.args, **kwargs: P.kwargs`.
fn bind_fixed_param_spec<'db>(
    db: &'db dyn Db,
    signature: &Signature<'db>,
    param_spec: TypeVarType<'db>,
    arguments: &[Argument<'db>],
    solvable: &[TypeVarType<'db>],
    iterate: &dyn Fn(Type<'db>) -> Type<'db>,
) -> Binding<'db> {
    let args_type = Type::TypeVar(component_typevar(db, param_spec, false));
    let kwargs_type = Type::TypeVar(component_typevar(db, param_spec, true));
    let parameters = &signature.parameters[..signature.parameters.len() - 2];
    let positional: Vec<usize> = (0..parameters.len()).filter(|i| parameters[*i].accepts_positional()).collect();
    let mut assigned: Vec<Vec<usize>> = vec![Vec::new(); arguments.len()];
    let mut bound = vec![false; parameters.len()];
    let mut errors = Vec::new();
    let mut next_positional = 0;
    let (mut passed_args, mut passed_kwargs) = (false, false);
    let stray = |argument: &Argument<'db>| CallError::ParamSpecArgument { param_spec, range: argument.range };
    // Positional arguments bind before keywords, whatever their order in the call.
    for (index, argument) in arguments.iter().enumerate() {
        match argument.kind {
            ArgumentKind::Positional if passed_args => errors.push(stray(argument)),
            ArgumentKind::Positional => match positional.get(next_positional) {
                Some(parameter) => {
                    assigned[index].push(*parameter);
                    bound[*parameter] = true;
                    next_positional += 1;
                }
                None => errors.push(stray(argument)),
            },
            ArgumentKind::Unpacked if argument.ty == args_type => {
                passed_args = true;
                // `*args` would also fill the positional parameters still open.
                if positional[next_positional..].iter().any(|p| !parameters[*p].has_default) {
                    errors.push(stray(argument));
                }
                next_positional = positional.len();
            }
            ArgumentKind::Unpacked => {
                // `*args` of unknown elements (`*args: Any`) may be `P.args` too.
                let gradual = !matches!(argument.ty, Type::TypeVar(_)) && iterate(argument.ty).is_dynamic();
                if next_positional == positional.len() && !gradual {
                    errors.push(stray(argument));
                }
                passed_args |= gradual;
                for parameter in &positional[next_positional..] {
                    assigned[index].push(*parameter);
                    bound[*parameter] = true;
                }
                next_positional = positional.len();
            }
            ArgumentKind::Keyword(_) | ArgumentKind::UnpackedMapping => {}
        }
    }
    for (index, argument) in arguments.iter().enumerate() {
        match &argument.kind {
            ArgumentKind::Keyword(name) => match parameters.iter().position(|p| p.accepts_keyword(name)) {
                Some(parameter) if bound[parameter] => errors.push(CallError::AlreadyAssigned { name: name.clone(), range: argument.range }),
                Some(parameter) => {
                    assigned[index].push(parameter);
                    bound[parameter] = true;
                }
                None => errors.push(stray(argument)),
            },
            ArgumentKind::UnpackedMapping if argument.ty == kwargs_type => passed_kwargs = true,
            ArgumentKind::UnpackedMapping => {
                // `**kwargs` of unknown values (`**kwargs: Any`) may be `P.kwargs` too.
                let gradual = match argument.ty {
                    Type::Dynamic(_) => true,
                    Type::Instance(_) => super::bind::mapping_value_type(db, argument.ty).is_dynamic(),
                    _ => false,
                };
                passed_kwargs |= gradual;
                let open: Vec<usize> = (0..parameters.len()).filter(|i| !bound[*i] && parameters[*i].kind != ParameterKind::PositionalOnly).collect();
                if open.is_empty() && !gradual {
                    errors.push(stray(argument));
                }
                for parameter in open {
                    assigned[index].push(parameter);
                    bound[parameter] = true;
                }
            }
            ArgumentKind::Positional | ArgumentKind::Unpacked => {}
        }
    }
    let missing: Vec<String> = parameters
        .iter()
        .enumerate()
        .filter(|(i, p)| !bound[*i] && !p.has_default && !matches!(p.kind, ParameterKind::Variadic | ParameterKind::KeywordVariadic | ParameterKind::UnpackedKeywords))
        .filter(|(_, p)| !(passed_args && p.accepts_positional()))
        .map(|(i, p)| parameter_label(i, p))
        .collect();
    if !missing.is_empty() {
        errors.push(CallError::Missing { names: missing });
    }
    // Arguments already reported as stray say enough about what is missing.
    let reported_stray = errors.iter().any(|error| matches!(error, CallError::ParamSpecArgument { .. }));
    if (!passed_args || !passed_kwargs) && !reported_stray {
        errors.push(CallError::MissingParamSpecArguments { param_spec });
    }
    let head = Signature { parameters: parameters.to_vec(), return_type: signature.return_type, gradual_parameters: false };
    bind_matched(db, &head, arguments, &assigned, errors, solvable, iterate).0
}

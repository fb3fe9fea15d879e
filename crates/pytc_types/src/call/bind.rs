//! Matching call arguments to a signature's parameters, solving its type variables and
//! checking each argument's type.

use pytc_db::Db;
use pytc_syntax::TextRange;

use crate::generics::{Specialization, TypeVarSolver};
use crate::types::{ParameterKind, Signature, Type, TypeVarType};

/// How an argument is passed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgumentKind {
    Positional,
    /// `*args`
    Unpacked,
    Keyword(String),
    /// `**kwargs`
    UnpackedMapping,
}

/// One argument of a call, with its inferred type.
#[derive(Debug, Clone)]
pub struct Argument<'db> {
    pub kind: ArgumentKind,
    pub ty: Type<'db>,
    pub range: TextRange,
    /// Where the literals in `ty` came from: those a declaration gave are kept in the type
    /// variables solved from the argument.
    pub literals: super::LiteralOrigin,
}

/// Why a call does not fit a signature.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CallError<'db> {
    TooManyPositional { expected: usize, got: usize, range: TextRange },
    Missing { names: Vec<String> },
    UnknownKeyword { name: String, range: TextRange },
    /// A keyword argument named as a positional-only parameter that no `**kwargs` takes.
    PositionalOnlyByKeyword { name: String, range: TextRange },
    AlreadyAssigned { name: String, range: TextRange },
    InvalidArgument { parameter: String, expected: Type<'db>, actual: Type<'db>, range: TextRange },
    /// A type variable's solution violates its bound or constraints.
    TypeVarViolation { typevar: TypeVarType<'db>, solution: Type<'db>, range: TextRange },
    /// An argument that would reach the parameters of a ParamSpec the call does not solve,
    /// which only `*args: P.args` and `**kwargs: P.kwargs` can fill.
    ParamSpecArgument { param_spec: TypeVarType<'db>, range: TextRange },
    /// A call that leaves out `*args: P.args` or `**kwargs: P.kwargs` for such a ParamSpec.
    MissingParamSpecArguments { param_spec: TypeVarType<'db> },
    /// The object a constructor call creates does not match the annotated `self` of its
    /// `__init__` (reported at the call).
    ReceiverMismatch { expected: Type<'db>, actual: Type<'db>, method: &'static str },
    /// A method called on an object its annotated `self` does not accept.
    MethodReceiverMismatch { expected: Type<'db>, actual: Type<'db> },
}

impl CallError<'_> {
    /// Arity errors rule an overload out before types are considered (step 1 of the
    /// overload algorithm).
    pub fn is_arity_error(&self) -> bool {
        !matches!(
            self,
            CallError::InvalidArgument { .. } | CallError::TypeVarViolation { .. } | CallError::ReceiverMismatch { .. } | CallError::MethodReceiverMismatch { .. }
        )
    }
}

/// The result of checking one call against one signature.
#[derive(Debug, Clone)]
pub struct Binding<'db> {
    pub return_type: Type<'db>,
    pub errors: Vec<CallError<'db>>,
}

/// Which parameter each argument goes to (before looking at types).
pub(crate) fn match_arguments<'db>(signature: &Signature<'db>, arguments: &[Argument<'db>]) -> (Vec<Vec<usize>>, Vec<CallError<'db>>) {
    let parameters = &signature.parameters;
    let mut assigned: Vec<Vec<usize>> = vec![Vec::new(); arguments.len()];
    let mut bound = vec![false; parameters.len()];
    let mut errors = Vec::new();
    if let Some(expanded) = super::paramspec_arguments::gradual_tail_as_variadics(signature) {
        // The listed parameters keep their indices; arguments that go to the appended
        // variadics (the `...`) go to no parameter of `signature`.
        let (mut assigned, errors) = match_arguments(&expanded, arguments);
        for parameters in &mut assigned {
            parameters.retain(|index| *index < signature.parameters.len());
        }
        return (assigned, errors);
    }
    if signature.gradual_parameters {
        return (assigned, errors);
    }
    let positional: Vec<usize> = parameters.iter().enumerate().filter(|(_, p)| p.accepts_positional()).map(|(i, _)| i).collect();
    let variadic = parameters.iter().position(|p| p.kind == ParameterKind::Variadic);
    let keyword_variadic = parameters.iter().position(|p| p.kind == ParameterKind::KeywordVariadic);
    let has_unpacked_keywords = parameters.iter().any(|p| p.kind == ParameterKind::UnpackedKeywords);
    let trailing_plan = trailing_positional_plan(variadic, &positional, arguments);
    let mut next_positional = 0;
    let mut has_unpacked = false;
    let mut has_unpacked_mapping = false;
    // Parameters only an unpacked mapping (`**data`) may have filled: its keys are unknown,
    // so a keyword naming one of them later (`f(**data, api=api)`) is not a second value.
    let mut bound_by_mapping = vec![false; parameters.len()];
    let mut positional_count = 0;
    // Too many positional arguments are one error, at the first one no parameter takes.
    let mut first_extra_positional = None;
    for (index, argument) in arguments.iter().enumerate() {
        match &argument.kind {
            ArgumentKind::Positional => {
                positional_count += 1;
                if let Some(plan) = &trailing_plan {
                    let parameter = plan[positional_count - 1];
                    assigned[index].push(parameter);
                    bound[parameter] = Some(parameter) != variadic;
                } else if let Some(parameter) = positional.get(next_positional) {
                    assigned[index].push(*parameter);
                    bound[*parameter] = true;
                    next_positional += 1;
                } else if let Some(variadic) = variadic {
                    assigned[index].push(variadic);
                } else if !has_unpacked {
                    first_extra_positional.get_or_insert(argument.range);
                }
            }
            ArgumentKind::Unpacked => {
                has_unpacked = true;
                // Covers every remaining positional parameter (its length is unknown).
                for parameter in positional.iter().skip(next_positional) {
                    if !parameters[*parameter].has_default {
                        assigned[index].push(*parameter);
                        bound[*parameter] = true;
                    }
                }
                next_positional = positional.len();
                if let Some(variadic) = variadic {
                    assigned[index].push(variadic);
                }
            }
            ArgumentKind::Keyword(name) => {
                let target = parameters.iter().position(|p| p.accepts_keyword(name));
                match target {
                    Some(parameter) if bound[parameter] && !bound_by_mapping[parameter] => {
                        errors.push(CallError::AlreadyAssigned { name: name.clone(), range: argument.range });
                    }
                    Some(parameter) => {
                        assigned[index].push(parameter);
                        bound[parameter] = true;
                        bound_by_mapping[parameter] = false;
                    }
                    None => match keyword_variadic {
                        Some(kwargs) => assigned[index].push(kwargs),
                        None => match parameters.iter().position(|p| p.kind == ParameterKind::PositionalOnly && p.name.as_deref() == Some(name.as_str())) {
                            // Reported once, as passed by keyword, not also as missing.
                            Some(parameter) if !bound[parameter] => {
                                bound[parameter] = true;
                                errors.push(CallError::PositionalOnlyByKeyword { name: name.clone(), range: argument.range });
                            }
                            _ => errors.push(CallError::UnknownKeyword { name: name.clone(), range: argument.range }),
                        },
                    },
                }
            }
            ArgumentKind::UnpackedMapping => {
                has_unpacked_mapping = true;
                for (i, parameter) in parameters.iter().enumerate() {
                    if bound[i] || !matches!(parameter.kind, ParameterKind::PositionalOrKeyword | ParameterKind::KeywordOnly) {
                        continue;
                    }
                    if !parameter.has_default {
                        bound[i] = true;
                        bound_by_mapping[i] = true;
                    }
                    // For `**kwargs: Unpack[TD]` the mapping may hold any of the keys, those
                    // callers may leave out included, so its values must fit them all.
                    // Elsewhere a mapping's value type is usually the union of differently
                    // typed values (`{"host": h, "port": p}`), which would fit no single
                    // parameter: it is not checked.
                    if has_unpacked_keywords {
                        assigned[index].push(i);
                    }
                }
                if let Some(kwargs) = keyword_variadic {
                    assigned[index].push(kwargs);
                }
            }
        }
    }
    if let Some(range) = first_extra_positional {
        errors.push(CallError::TooManyPositional { expected: positional.len(), got: positional_count, range });
    }
    let missing: Vec<String> = parameters
        .iter()
        .enumerate()
        .filter(|(i, p)| {
            !bound[*i]
                && !p.has_default
                && matches!(p.kind, ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword | ParameterKind::KeywordOnly)
                && !(has_unpacked && p.accepts_positional())
                && !(has_unpacked_mapping && p.kind != ParameterKind::PositionalOnly)
        })
        .map(|(i, p)| parameter_label(i, p))
        .collect();
    if !missing.is_empty() {
        errors.push(CallError::Missing { names: missing });
    }
    (assigned, errors)
}

/// Where each positional argument goes when positional-only parameters follow `*args`
/// (`*args: *tuple[*Ts, Env]`): the parameters before `*args` take the first arguments,
/// those after it the last ones, and `*args` what lies between. `None` for other signatures,
/// and when an unpacked argument makes the count unknown (the arguments then fill the
/// parameters in order).
fn trailing_positional_plan(
    variadic: Option<usize>,
    positional: &[usize],
    arguments: &[Argument<'_>],
) -> Option<Vec<usize>> {
    let variadic = variadic?;
    let leading: Vec<usize> = positional.iter().copied().filter(|p| *p < variadic).collect();
    let trailing: Vec<usize> = positional.iter().copied().filter(|p| *p > variadic).collect();
    if trailing.is_empty() || arguments.iter().any(|a| a.kind == ArgumentKind::Unpacked) {
        return None;
    }
    let count = arguments.iter().filter(|a| a.kind == ArgumentKind::Positional).count();
    let trailing_start = count.saturating_sub(trailing.len()).max(leading.len());
    Some(
        (0..count)
            .map(|k| match k {
                k if k < leading.len() => leading[k],
                k if k >= trailing_start => trailing[k - trailing_start],
                _ => variadic,
            })
            .collect(),
    )
}

/// How diagnostics name a parameter: its name, or `#2` for the second parameter of a
/// signature without names (`Callable[[int, str], None]`).
pub(super) fn parameter_label(index: usize, parameter: &crate::types::Parameter<'_>) -> String {
    parameter.name.as_deref().map_or_else(|| format!("#{}", index + 1), str::to_string)
}

/// The type an argument contributes to the parameter it is matched with.
fn argument_type_for_parameter<'db>(db: &'db dyn Db, argument: &Argument<'db>, kind: ParameterKind, unpacked_element: impl Fn(Type<'db>) -> Type<'db>) -> Type<'db> {
    match argument.kind {
        ArgumentKind::Unpacked => unpacked_element(argument.ty),
        ArgumentKind::UnpackedMapping => {
            let _ = kind;
            mapping_value_type(db, argument.ty)
        }
        _ => argument.ty,
    }
}

/// The value type of a `**mapping` argument.
pub(super) fn mapping_value_type<'db>(db: &'db dyn Db, mapping: Type<'db>) -> Type<'db> {
    if let Type::Instance(class) = mapping
        && let Some(mapping_class) = crate::class::known::module_class(db, crate::modules::KnownModule::Typing, "Mapping")
        && let Some(ancestor) = crate::class::find_ancestor(db, class, mapping_class)
    {
        return ancestor.arguments(db).get(1).copied().unwrap_or(Type::UNKNOWN);
    }
    Type::UNKNOWN
}

/// Check `arguments` against `signature`, solving the type variables listed in
/// `solvable`.
pub(crate) fn bind_call<'db>(
    db: &'db dyn Db,
    signature: &Signature<'db>,
    arguments: &[Argument<'db>],
    solvable: &[TypeVarType<'db>],
    iterate: &dyn Fn(Type<'db>) -> Type<'db>,
) -> Binding<'db> {
    if let Some(binding) = super::overloaded_callable_argument::bind_per_overload(db, signature, arguments, solvable, iterate) {
        return binding;
    }
    if let Some(binding) = super::paramspec_arguments::bind_param_spec_call(db, signature, arguments, solvable, iterate) {
        return binding;
    }
    if let Some(expanded) = super::paramspec_arguments::gradual_tail_as_variadics(signature) {
        return bind_call(db, &expanded, arguments, solvable, iterate);
    }
    let (assigned, errors) = match_arguments(signature, arguments);
    if signature.gradual_parameters {
        return Binding { return_type: signature.return_type.as_call_result(db), errors };
    }
    let (binding, _) = bind_matched(db, signature, arguments, &assigned, errors, solvable, iterate);
    binding
}

/// Check arguments already matched to parameters (`assigned[i]` lists the parameters
/// argument `i` goes to) and solve the type variables listed in `solvable`; returns the
/// binding (with `errors` from matching kept) and the solution.
pub(super) fn bind_matched<'db>(
    db: &'db dyn Db,
    signature: &Signature<'db>,
    arguments: &[Argument<'db>],
    assigned: &[Vec<usize>],
    mut errors: Vec<CallError<'db>>,
    solvable: &[TypeVarType<'db>],
    iterate: &dyn Fn(Type<'db>) -> Type<'db>,
) -> (Binding<'db>, Specialization<'db>) {
    let solvable = &super::returned_generic_callable::solved_here(db, signature, solvable)[..];
    // Solve type variables from every matched pair.
    let mut solver = TypeVarSolver::new(db);
    let unpacked = super::variadic_arguments::unpacked_variadic(db, signature, arguments, assigned, iterate);
    if let Some(unpacked) = &unpacked {
        solver.infer(unpacked.expected, Type::Tuple(unpacked.actual));
    }
    // A generic function passed where a callable is expected (`map(re.escape, words)`) is
    // instantiated at the parameter types the other arguments solve (`(str) -> S`, so
    // `AnyStr` is `str` and `S` is `str`): such arguments are read last.
    let mut generic_callables = Vec::new();
    for (index, parameters) in assigned.iter().enumerate() {
        for parameter_index in parameters {
            let parameter = &signature.parameters[*parameter_index];
            if unpacked.as_ref().is_some_and(|u| u.parameter == *parameter_index) {
                continue;
            }
            let ty = argument_type_for_parameter(db, &arguments[index], parameter.kind, iterate);
            if crate::generics::is_generic_callable(db, ty) && expects_callable_with_typevars(db, parameter.annotated) {
                generic_callables.push((parameter.annotated, ty));
                continue;
            }
            match arguments[index].kind {
                ArgumentKind::Positional | ArgumentKind::Keyword(_) => solver.infer_argument(parameter.annotated, ty, &arguments[index].literals),
                ArgumentKind::Unpacked | ArgumentKind::UnpackedMapping => solver.infer(parameter.annotated, ty),
            }
        }
    }
    if !generic_callables.is_empty() {
        let solved_so_far = solver.solved_so_far(solvable);
        for (parameter, ty) in generic_callables {
            solver.infer(solved_so_far.apply(db, parameter), ty);
        }
    }
    let (specialization, violations) = if solvable.is_empty() { (Specialization::default(), Vec::new()) } else { solver.solve(solvable) };
    for (typevar, solution) in violations {
        let range = arguments.first().map(|a| a.range).unwrap_or_default();
        errors.push(CallError::TypeVarViolation { typevar, solution, range });
    }
    if let Some(unpacked) = &unpacked {
        let expected = specialization.apply(db, unpacked.expected);
        let actual = Type::Tuple(unpacked.actual);
        if !actual.is_assignable_to(db, expected) {
            errors.push(CallError::InvalidArgument {
                parameter: parameter_label(unpacked.parameter, &signature.parameters[unpacked.parameter]),
                expected,
                actual,
                range: unpacked.range,
            });
        }
    }
    for (index, parameters) in assigned.iter().enumerate() {
        for parameter_index in parameters {
            let parameter = &signature.parameters[*parameter_index];
            if unpacked.as_ref().is_some_and(|u| u.parameter == *parameter_index) {
                continue;
            }
            let expected = specialized_parameter(db, parameter.annotated, &specialization);
            let actual = argument_type_for_parameter(db, &arguments[index], parameter.kind, iterate);
            if !actual.is_assignable_to(db, expected) {
                errors.push(CallError::InvalidArgument {
                    parameter: parameter_label(*parameter_index, parameter),
                    expected,
                    actual,
                    range: arguments[index].range,
                });
            }
        }
    }
    let return_type = specialized_return(db, signature.return_type, solvable, &specialization).as_call_result(db);
    (Binding { return_type, errors }, specialization)
}

/// Whether a parameter's type is (or has in its union) a callable type that mentions type
/// variables (`Callable[[T], S]`).
fn expects_callable_with_typevars<'db>(db: &'db dyn Db, annotated: Type<'db>) -> bool {
    annotated.union_elements(db).iter().any(|member| matches!(member, Type::Callable(_)) && crate::generics::has_typevars(db, *member))
}

/// The type an argument is checked against: the parameter at the call's solution, except that
/// a `type[T]` whose `T` the call solves as unknown still asks for a class object (for
/// `cls: type[T]`, `make(3)` is an error whatever `T` stands for; `type` itself is the class
/// object of an unknown class).
fn specialized_parameter<'db>(db: &'db dyn Db, annotated: Type<'db>, specialization: &Specialization<'db>) -> Type<'db> {
    annotated.map_union(db, |member| match member {
        Type::SubclassOfTypeVar(typevar) if specialization.get(typevar).is_some_and(|solution| solution.is_dynamic()) => {
            crate::class::KnownClass::Type.instance(db)
        }
        other => specialization.apply(db, other),
    })
}

/// The return type at the call's solution: the variables the call solves are replaced, and
/// those it leaves unsolved become `Unknown`. A solution may mention a variable of the same
/// name (a legacy `T` passed from a function generic in `T` itself): that one is the
/// caller's, and stays.
pub(super) fn specialized_return<'db>(db: &'db dyn Db, ty: Type<'db>, solvable: &[TypeVarType<'db>], specialization: &Specialization<'db>) -> Type<'db> {
    if solvable.is_empty() || !crate::generics::has_typevars(db, ty) {
        return specialization.apply(db, ty);
    }
    let mut unsolved = Vec::new();
    crate::generics::walk_typevars(db, ty, &mut |typevar| {
        if solvable.contains(&typevar) && specialization.get(typevar).is_none() && !unsolved.contains(&typevar) {
            unsolved.push(typevar);
        }
    });
    let mut complete = specialization.clone();
    for typevar in unsolved {
        complete.insert(typevar, Type::UNKNOWN);
    }
    for typevar in solvable {
        if let Some(solution) = chained_solution(solvable, &complete, *typevar) {
            complete.insert(*typevar, solution);
        }
    }
    complete.apply(db, ty)
}

/// A variable the call solved as another variable of the same call (the two tied together
/// through a generic callable argument: `S` as `T` for `converter: Callable[[T], S]` given
/// `def same(x: U) -> U`) stands for that variable's solution, followed along the chain; a
/// chain that comes back to a variable of the chain has no solution, `Unknown`. `None` when
/// the solution is not such a variable.
fn chained_solution<'db>(solvable: &[TypeVarType<'db>], specialization: &Specialization<'db>, typevar: TypeVarType<'db>) -> Option<Type<'db>> {
    let mut seen = vec![typevar];
    let mut solution = specialization.get(typevar)?;
    while let Type::TypeVar(next) = solution
        && solvable.contains(&next)
        && seen.last() != Some(&next)
    {
        if seen.contains(&next) {
            return Some(Type::UNKNOWN);
        }
        seen.push(next);
        solution = specialization.get(next)?;
    }
    (seen.len() > 1).then_some(solution)
}

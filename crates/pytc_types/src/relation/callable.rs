//! Callable relations: a function, bound method or callable is assignable to a callable
//! type when, for each target signature, some source signature accepts every call the
//! target accepts (parameters contravariant, return covariant).

use pytc_db::Db;

use crate::relation::trailing_positional::Trailing;
use crate::relation::{Relation, has_relation};
use crate::types::{CallableType, Parameter, ParameterKind, Signature, Type};

pub(super) fn callable_relation<'db>(db: &'db dyn Db, source: Type<'db>, target: CallableType<'db>, relation: Relation, depth: u32) -> bool {
    let Some(source_signatures) = crate::call::signatures_of(db, source) else { return false };
    target.signatures(db).iter().all(|target_signature| {
        source_signatures.iter().any(|source_signature| signature_relation(db, source_signature, target_signature, relation, depth))
            || (source_signatures.len() > 1 && per_constraint_relation(db, &source_signatures, target_signature, relation, depth))
    })
}

/// An overloaded source against a target whose signature mentions a constrained type
/// variable of an enclosing scope (`(AnyStr | None) -> R` in a function generic over
/// `AnyStr`): the variable is one of its constraints each time the code runs, so the
/// source fits when, for each constraint put in its place, one of its overloads does
/// (`tempfile.mkstemp`'s `str` and `bytes` overloads together cover `AnyStr`).
fn per_constraint_relation<'db>(db: &'db dyn Db, sources: &[Signature<'db>], target: &Signature<'db>, relation: Relation, depth: u32) -> bool {
    let mut variables = Vec::new();
    for parameter in &target.parameters {
        crate::class::header::collect_typevars(db, parameter.annotated, &mut variables);
    }
    crate::class::header::collect_typevars(db, target.return_type, &mut variables);
    let Some(variable) = variables.into_iter().find(|variable| !variable.constraints(db).is_empty()) else { return false };
    let whole = Type::Callable(CallableType::single(db, target.clone()));
    variable.constraints(db).iter().all(|constraint| {
        let Type::Callable(specialized) = crate::generics::Specialization::from_pairs([(variable, *constraint)]).apply(db, whole) else { return false };
        let [instance] = &specialized.signatures(db)[..] else { return false };
        if instance == target {
            return false;
        }
        sources.iter().any(|source| signature_relation(db, source, instance, relation, depth))
            || per_constraint_relation(db, sources, instance, relation, depth)
    })
}

fn signature_relation<'db>(db: &'db dyn Db, source: &Signature<'db>, target: &Signature<'db>, relation: Relation, depth: u32) -> bool {
    match instantiate_generic_source(db, source, target) {
        Some(instantiated) => signature_relation_as_is(db, &instantiated, target, relation, depth),
        None => signature_relation_as_is(db, source, target, relation, depth),
    }
}

/// A generic source signature (`def same(x: AnyStr) -> AnyStr`, with type variables the
/// target does not mention) stands for all its instances: solve its variables from the
/// target's parameter types, as a call passing values of those types would, so
/// `Callable[[str], str]` accepts it with `AnyStr = str`. A ParamSpec or TypeVarTuple of
/// its own is solved the same way (`def allow(f: Callable[P, R], *args: P.args)` given for
/// `Callable[[Callable[[int], R], int], R]` takes `P` from the target's first parameter),
/// and is gradual when the target's parameters say nothing about it. `None` when the
/// source has no variables of its own, or when no instance satisfies their bounds and
/// constraints.
pub(crate) fn instantiate_generic_source<'db>(db: &'db dyn Db, source: &Signature<'db>, target: &Signature<'db>) -> Option<Signature<'db>> {
    let mut own = Vec::new();
    for parameter in &source.parameters {
        crate::class::header::collect_typevars(db, parameter.annotated, &mut own);
    }
    crate::class::header::collect_typevars(db, source.return_type, &mut own);
    if own.is_empty() {
        return None;
    }
    let mut in_target = Vec::new();
    for parameter in &target.parameters {
        crate::class::header::collect_typevars(db, parameter.annotated, &mut in_target);
    }
    crate::class::header::collect_typevars(db, target.return_type, &mut in_target);
    own.retain(|typevar| !in_target.contains(typevar));
    if own.is_empty() {
        return None;
    }
    let mut solver = crate::generics::TypeVarSolver::new(db);
    let source_positional = source.parameters.iter().filter(|p| p.accepts_positional() && p.kind != ParameterKind::Variadic);
    let target_positional = target.parameters.iter().filter(|p| p.accepts_positional() && p.kind != ParameterKind::Variadic);
    for (source_parameter, target_parameter) in source_positional.zip(target_positional) {
        solver.infer(source_parameter.annotated, target_parameter.annotated);
    }
    let (specialization, violations) = solver.solve(&own);
    // No instance fits (`AnyStr` asked to be `int`): the source is compared as it is.
    violations.is_empty().then(|| specialization.apply_signature(db, source))
}

/// `signature_relation` without instantiating a generic source first.
fn signature_relation_as_is<'db>(db: &'db dyn Db, source: &Signature<'db>, target: &Signature<'db>, relation: Relation, depth: u32) -> bool {
    if !has_relation(db, source.return_type, target.return_type, relation, depth) {
        return false;
    }
    if let Some(param_spec) = crate::generics::paramspec::param_spec_tail(db, target) {
        return param_spec_target_relation(db, source, target, param_spec, relation, depth);
    }
    if source.gradual_parameters || target.gradual_parameters {
        return (relation == Relation::Assignability || source.gradual_parameters) && gradual_prefix_relation(db, source, target, relation, depth);
    }
    match super::trailing_positional::compare_trailing(db, source, target, relation, depth) {
        Trailing::Absent => {}
        Trailing::Incompatible => return false,
        Trailing::Remaining { source, target } => return signature_relation_as_is(db, &source, &target, relation, depth),
    }
    let source_parameters = &source.parameters;
    let source_variadic = source_parameters.iter().find(|p| p.kind == ParameterKind::Variadic);
    let source_keywords = source_parameters.iter().find(|p| p.kind == ParameterKind::KeywordVariadic);
    // `**kwargs: Unpack[TD]` takes any other keyword at run time, of any type.
    let source_unpacked_keywords = source_parameters.iter().find(|p| p.kind == ParameterKind::UnpackedKeywords);
    let source_positional: Vec<_> = source_parameters.iter().filter(|p| p.accepts_positional()).collect();
    let mut used = vec![false; source_parameters.len()];
    let mut positional_index = 0;
    for parameter in &target.parameters {
        match parameter.kind {
            ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword => {
                let matched = source_positional.get(positional_index).copied();
                positional_index += 1;
                let matched = match matched {
                    Some(matched) => {
                        if parameter.kind == ParameterKind::PositionalOrKeyword && matched.kind == ParameterKind::PositionalOnly {
                            return false;
                        }
                        if parameter.kind == ParameterKind::PositionalOrKeyword && matched.name != parameter.name && parameter.name.is_some() {
                            return false;
                        }
                        Some(matched)
                    }
                    None => {
                        // A positional-or-keyword target parameter absorbed by `*args` may also
                        // be passed by keyword, which the source must accept too.
                        if parameter.kind == ParameterKind::PositionalOrKeyword
                            && !accepts_keyword(source_parameters, parameter.name.as_deref(), parameter.annotated, db, relation, depth)
                        {
                            return false;
                        }
                        source_variadic
                    }
                };
                let Some(matched) = matched else { return false };
                if let Some(index) = source_parameters.iter().position(|p| std::ptr::eq(p, matched)) {
                    used[index] = true;
                }
                if !has_relation(db, parameter.annotated, matched.annotated, relation, depth) {
                    return false;
                }
                if parameter.has_default && !matched.has_default && matched.kind != ParameterKind::Variadic {
                    return false;
                }
            }
            ParameterKind::KeywordOnly => {
                let matched = source_parameters.iter().find(|p| p.accepts_keyword(parameter.name.as_deref().unwrap_or(""))).or(source_keywords);
                let Some(matched) = matched else {
                    if source_unpacked_keywords.is_some() {
                        continue;
                    }
                    return false;
                };
                if let Some(index) = source_parameters.iter().position(|p| std::ptr::eq(p, matched)) {
                    used[index] = true;
                }
                if !has_relation(db, parameter.annotated, matched.annotated, relation, depth) {
                    return false;
                }
                // A target keyword with a default may be left out by callers.
                if parameter.has_default && !matched.has_default && matched.kind != ParameterKind::KeywordVariadic {
                    return false;
                }
            }
            ParameterKind::Variadic => {
                let Some(matched) = source_variadic else { return false };
                if !has_relation(db, parameter.annotated, matched.annotated, relation, depth) {
                    return false;
                }
                // The source's positional parameters the target's listed ones left take the
                // target's `*args` elements, of which there may be none: each needs a default.
                for (index, p) in source_parameters.iter().enumerate() {
                    if p.accepts_positional() && source_positional.iter().position(|q| std::ptr::eq(*q, p)).is_some_and(|i| i >= positional_index) {
                        if !has_relation(db, parameter.annotated, p.annotated, relation, depth) {
                            return false;
                        }
                        used[index] = p.has_default;
                    }
                }
            }
            // Callers may pass more keys than the TypedDict names (a TypedDict of a subtype),
            // which only a source with `**kwargs` of its own takes.
            ParameterKind::UnpackedKeywords => {
                let compatible = match (source_keywords, source_unpacked_keywords) {
                    (Some(_), _) => true,
                    (None, Some(matched)) => has_relation(db, parameter.annotated, matched.annotated, relation, depth),
                    (None, None) => false,
                };
                if !compatible {
                    return false;
                }
            }
            ParameterKind::KeywordVariadic => {
                let Some(matched) = source_keywords else { return false };
                if !has_relation(db, parameter.annotated, matched.annotated, relation, depth) {
                    return false;
                }
                for (index, p) in source_parameters.iter().enumerate() {
                    if p.kind == ParameterKind::KeywordOnly {
                        used[index] = true;
                    }
                }
            }
        }
    }
    // Every source parameter the target never fills needs a default.
    source_parameters.iter().enumerate().all(|(index, p)| {
        used[index] || p.has_default || matches!(p.kind, ParameterKind::Variadic | ParameterKind::KeywordVariadic | ParameterKind::UnpackedKeywords)
    })
}

/// Whether a source signature accepts the named argument by keyword with a type the target's
/// parameter type is assignable to (a keyword-capable parameter of that name, or `**kwargs`).
fn accepts_keyword<'db>(
    source_parameters: &[Parameter<'db>],
    name: Option<&str>,
    annotated: Type<'db>,
    db: &'db dyn Db,
    relation: Relation,
    depth: u32,
) -> bool {
    let Some(name) = name else { return true };
    source_parameters
        .iter()
        .find(|p| p.accepts_keyword(name))
        .or_else(|| source_parameters.iter().find(|p| p.kind == ParameterKind::KeywordVariadic))
        .is_some_and(|p| has_relation(db, annotated, p.annotated, relation, depth))
}

/// Signatures with a gradual tail (`(...)`, `Concatenate[int, ...]`): the parameters listed
/// before the `...` must line up positionally with the other side's (each target type
/// assignable to the source's), and whatever follows is compatible.
fn gradual_prefix_relation<'db>(db: &'db dyn Db, source: &Signature<'db>, target: &Signature<'db>, relation: Relation, depth: u32) -> bool {
    let nth_positional = |signature: &'_ Signature<'db>, index: usize| -> Option<Type<'db>> {
        signature
            .parameters
            .iter()
            .filter(|p| p.accepts_positional())
            .nth(index)
            .or_else(|| signature.parameters.iter().find(|p| p.kind == ParameterKind::Variadic))
            .map(|p| p.annotated)
    };
    let (listed, other) = if target.gradual_parameters { (target, source) } else { (source, target) };
    let positional_fit = listed.parameters.iter().filter(|p| p.accepts_positional()).enumerate().all(|(index, parameter)| match nth_positional(other, index) {
        Some(matched) if target.gradual_parameters => has_relation(db, parameter.annotated, matched, relation, depth),
        Some(matched) => has_relation(db, matched, parameter.annotated, relation, depth),
        // A source parameter the target never passes may be left to its default.
        None => other.gradual_parameters || (!target.gradual_parameters && parameter.has_default),
    });
    positional_fit && (!target.gradual_parameters || gradual_target_keywords_fit(db, source, target, relation, depth))
}

/// The parameters a gradual target keeps besides its `...` that callers may pass by keyword
/// (`(a: int, *args: Any, k: str, **kwargs: Any)` takes `a=` and `k=`): the source must
/// accept each such keyword with the target's type, and a keyword the target lets callers
/// leave out needs a default in the source too. A gradual source takes any keyword it does
/// not name.
fn gradual_target_keywords_fit<'db>(db: &'db dyn Db, source: &Signature<'db>, target: &Signature<'db>, relation: Relation, depth: u32) -> bool {
    if source.parameters.iter().any(|p| p.kind == ParameterKind::UnpackedKeywords) {
        return true;
    }
    target.parameters.iter().all(|parameter| {
        let keyword_only = parameter.kind == ParameterKind::KeywordOnly;
        if !keyword_only && parameter.kind != ParameterKind::PositionalOrKeyword {
            return true;
        }
        let Some(name) = parameter.name.as_deref() else { return true };
        let named = source.parameters.iter().find(|p| p.accepts_keyword(name));
        let keywords = source.parameters.iter().find(|p| p.kind == ParameterKind::KeywordVariadic);
        match named.or(keywords) {
            Some(matched) => {
                has_relation(db, parameter.annotated, matched.annotated, relation, depth)
                    && (!keyword_only || !parameter.has_default || matched.has_default || matched.kind == ParameterKind::KeywordVariadic)
            }
            None => source.gradual_parameters,
        }
    })
}

/// A target that ends with a ParamSpec's parameters (`Callable[Concatenate[int, P], R]`):
/// the source must end with the same ParamSpec's parameters, or take `*args` and `**kwargs`
/// of any type; the parameters before the pair compare as usual.
fn param_spec_target_relation<'db>(
    db: &'db dyn Db,
    source: &Signature<'db>,
    target: &Signature<'db>,
    param_spec: crate::types::TypeVarType<'db>,
    relation: Relation,
    depth: u32,
) -> bool {
    use crate::generics::paramspec::{param_spec_tail, parameters_before_tail};
    let strip = |signature: &Signature<'db>| Signature {
        parameters: parameters_before_tail(db, signature).to_vec(),
        return_type: signature.return_type,
        gradual_parameters: signature.gradual_parameters,
    };
    if source.gradual_parameters {
        return signature_relation(db, source, &strip(target), relation, depth);
    }
    if param_spec_tail(db, source) == Some(param_spec) {
        return signature_relation(db, &strip(source), &strip(target), relation, depth);
    }
    let takes_anything = |kind: ParameterKind| source.parameters.iter().any(|p| p.kind == kind && (p.annotated.is_dynamic() || !p.has_annotation));
    if !takes_anything(ParameterKind::Variadic) || !takes_anything(ParameterKind::KeywordVariadic) {
        return false;
    }
    let mut widened = strip(target);
    for kind in [ParameterKind::Variadic, ParameterKind::KeywordVariadic] {
        widened.parameters.push(Parameter { name: None, kind, annotated: Type::ANY, has_annotation: true, has_default: false, unpacked_args: None });
    }
    signature_relation(db, source, &widened, relation, depth)
}

//! ParamSpecs in signatures, and what a ParamSpec stands for.
//!
//! A signature that takes "the parameters of `P`" ends with the pair `*args: P.args,
//! **kwargs: P.kwargs`; pytc stores that pair as a variadic and a keyword-variadic
//! parameter both annotated with the ParamSpec `P` itself (a bare ParamSpec is never a
//! valid annotation, so the pair is unambiguous). `Callable[P, R]` is `(**P) -> R` and
//! `Callable[Concatenate[int, P], R]` is `(int, /, **P) -> R`.
//!
//! What a ParamSpec is solved to (or given as a class's type argument) is a *parameter
//! list*: a callable type whose return type is `Never` and whose parameters are the list
//! (`[int, str]`, the parameters of a function, `...` as a gradual signature, or another
//! ParamSpec's tail). Substituting a parameter list for `P` splices its parameters in place
//! of the pair; solving `P` from a callable argument strips the parameters a `Concatenate`
//! prefix consumes and keeps the rest, with their names, kinds and defaults.

use pytc_db::Db;

use crate::generics::{Specialization, TypeVarSolver};
use crate::types::{CallableType, Parameter, ParameterKind, Signature, Type, TypeVarKind, TypeVarType};

/// `ty` as a ParamSpec, when it is one.
pub(crate) fn as_param_spec<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<TypeVarType<'db>> {
    match ty {
        Type::TypeVar(typevar) if typevar.kind(db) == TypeVarKind::ParamSpec => Some(typevar),
        _ => None,
    }
}

/// The ParamSpec whose parameters a signature ends with (`*args: P.args, **kwargs: P.kwargs`).
pub(crate) fn param_spec_tail<'db>(db: &'db dyn Db, signature: &Signature<'db>) -> Option<TypeVarType<'db>> {
    let [.., args, kwargs] = &signature.parameters[..] else { return None };
    if args.kind != ParameterKind::Variadic || kwargs.kind != ParameterKind::KeywordVariadic {
        return None;
    }
    let param_spec = as_param_spec(db, args.annotated)?;
    (args.annotated == kwargs.annotated).then_some(param_spec)
}

/// The parameters before a signature's ParamSpec pair (all of them when it has none).
pub(crate) fn parameters_before_tail<'a, 'db>(db: &'db dyn Db, signature: &'a Signature<'db>) -> &'a [Parameter<'db>] {
    match param_spec_tail(db, signature) {
        Some(_) => &signature.parameters[..signature.parameters.len() - 2],
        None => &signature.parameters,
    }
}

/// The nameless `*args: P.args, **kwargs: P.kwargs` pair of `Callable[P, R]`.
pub(crate) fn tail_parameters<'db>(param_spec: TypeVarType<'db>) -> [Parameter<'db>; 2] {
    let component = |kind| Parameter { name: None, kind, annotated: Type::TypeVar(param_spec), has_annotation: true, has_default: false, unpacked_args: None };
    [component(ParameterKind::Variadic), component(ParameterKind::KeywordVariadic)]
}

/// A parameter list as a type: the value of a ParamSpec.
pub(crate) fn parameter_list<'db>(db: &'db dyn Db, parameters: Vec<Parameter<'db>>, gradual: bool) -> Type<'db> {
    Type::Callable(CallableType::single(db, Signature { parameters, return_type: Type::Never, gradual_parameters: gradual }))
}

/// The parameter list `...` (any parameters).
pub(crate) fn gradual_parameter_list<'db>(db: &'db dyn Db) -> Type<'db> {
    parameter_list(db, Vec::new(), true)
}

/// Whether `value` is the parameter list `...` (any parameters, nothing listed before them).
pub(crate) fn is_gradual_parameter_list<'db>(db: &'db dyn Db, value: Type<'db>) -> bool {
    matches!(value, Type::Callable(_)) && matches!(parameters_of_value(db, value), Some((parameters, true)) if parameters.is_empty())
}

/// The parameters (and whether the list ends in `...`) a ParamSpec's value stands for:
/// a parameter list, another ParamSpec, or a dynamic type (any parameters). `None` for a
/// value that is not a parameter list.
pub(crate) fn parameters_of_value<'db>(db: &'db dyn Db, value: Type<'db>) -> Option<(Vec<Parameter<'db>>, bool)> {
    match value {
        Type::Callable(callable) => match &callable.signatures(db)[..] {
            [signature] => Some((signature.parameters.clone(), signature.gradual_parameters)),
            _ => None,
        },
        Type::TypeVar(typevar) if typevar.kind(db) == TypeVarKind::ParamSpec => Some((tail_parameters(typevar).to_vec(), false)),
        Type::Dynamic(_) => Some((Vec::new(), true)),
        _ => None,
    }
}

impl<'db> Specialization<'db> {
    /// `signature` specialized, with its ParamSpec pair replaced by the parameter list this
    /// specialization gives the ParamSpec; `None` when it has no pair or no such value. The
    /// spliced parameters are taken as they are: substitution is simultaneous, and the list
    /// may name the very ParamSpec it replaces (`P` solved to `P`'s own parameters).
    pub(super) fn apply_expanding_param_spec(&self, db: &'db dyn Db, signature: &Signature<'db>, depth: u32) -> Option<Signature<'db>> {
        let param_spec = param_spec_tail(db, signature)?;
        // A value that is no parameter list (an error already reported) allows any parameters.
        let (parameters, gradual) = parameters_of_value(db, self.get(param_spec)?).unwrap_or((Vec::new(), true));
        let mut expanded: Vec<Parameter<'db>> = parameters_before_tail(db, signature)
            .iter()
            .map(|parameter| Parameter { annotated: self.apply_at(db, parameter.annotated, depth), ..parameter.clone() })
            .collect();
        expanded.extend(parameters);
        Some(Signature {
            parameters: expanded,
            return_type: self.apply_at(db, signature.return_type, depth),
            gradual_parameters: signature.gradual_parameters || gradual,
        })
    }
}

impl<'db> TypeVarSolver<'db> {
    /// Solve the ParamSpec a parameter's callable type ends with from the callable passed
    /// for it: the parameters its `Concatenate` prefix takes are matched (and solve their
    /// own type variables), what remains is the ParamSpec's solution.
    pub(super) fn infer_param_spec_callable(&mut self, parameter: &Signature<'db>, param_spec: TypeVarType<'db>, argument: Type<'db>, depth: u32) {
        let db = self.db;
        let Some(argument) = crate::call::single_signature(db, argument) else { return };
        self.infer_at(parameter.return_type, argument.return_type, depth);
        let mut remaining = argument.parameters.clone();
        for prefix in parameters_before_tail(db, parameter) {
            let Some(first) = remaining.first() else { break };
            let taken = first.clone();
            match first.kind {
                ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword => {
                    remaining.remove(0);
                }
                // `*args` absorbs the prefix and stays.
                ParameterKind::Variadic => {}
                // The prefix cannot be passed: the assignability check reports the argument.
                ParameterKind::KeywordOnly | ParameterKind::KeywordVariadic | ParameterKind::UnpackedKeywords => break,
            }
            if taken.has_annotation {
                match prefix.annotated {
                    Type::TypeVar(typevar) if typevar.kind(db) == TypeVarKind::TypeVar => {
                        self.upper_bounds.entry(typevar).or_default().push(taken.annotated);
                    }
                    other => self.infer_at(other, taken.annotated, depth),
                }
            }
        }
        // Parameters that are exactly another ParamSpec's pair are that ParamSpec (a
        // function generic in `P` passing its `Callable[P, R]` on solves `P` as `P`).
        let forwarded = Signature { parameters: remaining, return_type: Type::Never, gradual_parameters: argument.gradual_parameters };
        let solution = match param_spec_tail(db, &forwarded) {
            Some(forwarded_spec) if forwarded.parameters.len() == 2 && !forwarded.gradual_parameters => Type::TypeVar(forwarded_spec),
            _ => parameter_list(db, forwarded.parameters, forwarded.gradual_parameters),
        };
        if self.records_exact() {
            self.lower_bounds.entry(param_spec).or_default().push(solution);
        }
    }
}

impl<'db> TypeVarSolver<'db> {
    /// A function passed for a callback protocol (`Handler[P, R]` with `__call__(self, *args:
    /// P.args, **kwargs: P.kwargs) -> R`): solve from the protocol's `__call__` as a callable.
    pub(super) fn infer_from_callback_protocol(&mut self, protocol: Type<'db>, argument: Type<'db>, depth: u32) {
        let db = self.db;
        let Some(call) = crate::call::dunder_call_callable(db, protocol) else { return };
        let Some(signatures) = crate::call::signatures_of(db, call) else { return };
        self.infer_at(crate::call::callable_of(db, signatures), argument, depth);
    }
}

/// What a ParamSpec is solved to from its recorded candidates: the first parameter list
/// (later candidates are checked against it when their arguments are), else its default,
/// else any parameters.
pub(super) fn solve_param_spec<'db>(db: &'db dyn Db, param_spec: TypeVarType<'db>, candidates: Option<&[Type<'db>]>) -> Type<'db> {
    match candidates.and_then(|candidates| candidates.first()) {
        Some(first) => *first,
        None => param_spec.default(db).unwrap_or(Type::UNKNOWN),
    }
}

/// The type `*args: P.args` (`keyword = false`) or `**kwargs: P.kwargs` has inside the
/// function: a type variable named `P.args` bounded by `tuple[object, ...]` (or `P.kwargs`
/// bounded by `dict[str, object]`), so the body may iterate or index it, and passing it on
/// as `*args`/`**kwargs` is recognised as passing `P`'s arguments.
pub(crate) fn component_typevar<'db>(db: &'db dyn Db, param_spec: TypeVarType<'db>, keyword: bool) -> TypeVarType<'db> {
    use crate::class::KnownClass;
    let object = KnownClass::Object.instance(db);
    let (component, bound) = if keyword {
        let dict = KnownClass::Dict.class(db).map(|dict| Type::Instance(crate::types::ClassType::new(db, dict, Box::from([KnownClass::Str.instance(db), object]))));
        ("kwargs", dict.unwrap_or(Type::UNKNOWN))
    } else {
        ("args", Type::Tuple(crate::types::TupleType::homogeneous(db, object)))
    };
    TypeVarType::new(
        db,
        format!("{}.{component}", param_spec.name(db)).into_boxed_str(),
        TypeVarKind::TypeVar,
        param_spec.file(db),
        param_spec.node(db),
        Some(bound),
        Box::default(),
        None,
        crate::types::Variance::Covariant,
    )
}

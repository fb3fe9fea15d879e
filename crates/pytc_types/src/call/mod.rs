//! Calls: the signatures a callee offers (functions, bound methods, callables, class
//! constructors, `__call__`), argument binding, overload resolution and the diagnostics.

mod abstract_instantiation;
mod argument_expansion;
pub(crate) mod bind;
mod class_test;
mod constructor;
mod constructor_callable;
mod context;
mod dataclass_replace;
mod decorator_application;
mod fresh_generic_arguments;
mod init_receiver;
mod lambda_context;
mod literal_origin;
mod literal_receivers;
mod materialization;
mod method_receiver;
mod overload;
mod overload_context;
mod overloaded_callable_argument;
mod paramspec_arguments;
mod partial_application;
mod returned_generic_callable;
mod solved_argument_context;
mod variadic_arguments;
pub(crate) mod special;

pub(crate) use literal_receivers::literal_receivers_agree;

pub use bind::{Argument, ArgumentKind, CallError};
pub use literal_origin::LiteralOrigin;
pub use constructor_callable::{constructor_callable, constructor_conversion, typevar_constructor_callable};

use pytc_db::{Db, declare_rule};
use pytc_syntax::ast::{self, HasNodeIndex};
use pytc_syntax::{Ranged, TextRange};

use crate::function::{BoundMethodType, FunctionFlags};
use crate::infer::InferContext;
use crate::types::{CallableType, Signature, Type, TypeVarType};

declare_rule! {
    /// An argument whose type is not assignable to the parameter's type.
    ///
    /// ```python
    /// def f(x: int) -> None: ...
    /// f("a")  # error: [invalid-argument-type]
    /// ```
    pub static INVALID_ARGUMENT_TYPE = {
        name: "invalid-argument-type",
        summary: "an argument's type is not assignable to its parameter",
        level: Error,
    }
}

declare_rule! {
    /// A required parameter that the call does not supply.
    ///
    /// ```python
    /// def f(x: int) -> None: ...
    /// f()  # error: [missing-argument]
    /// ```
    pub static MISSING_ARGUMENT = {
        name: "missing-argument",
        summary: "a call does not pass a required argument",
        level: Error,
    }
}

declare_rule! {
    /// More positional arguments than the callee accepts.
    ///
    /// ```python
    /// def f(x: int) -> None: ...
    /// f(1, 2)  # error: [too-many-positional-arguments]
    /// ```
    pub static TOO_MANY_POSITIONAL_ARGUMENTS = {
        name: "too-many-positional-arguments",
        summary: "a call passes more positional arguments than accepted",
        level: Error,
    }
}

declare_rule! {
    /// A keyword argument that matches no parameter.
    ///
    /// ```python
    /// def f(x: int) -> None: ...
    /// f(y=1)  # error: [unknown-argument]
    /// ```
    pub static UNKNOWN_ARGUMENT = {
        name: "unknown-argument",
        summary: "a keyword argument matches no parameter",
        level: Error,
    }
}

declare_rule! {
    /// A parameter given twice (positionally and by keyword).
    ///
    /// ```python
    /// def f(x: int) -> None: ...
    /// f(1, x=2)  # error: [parameter-already-assigned]
    /// ```
    pub static PARAMETER_ALREADY_ASSIGNED = {
        name: "parameter-already-assigned",
        summary: "a parameter receives more than one argument",
        level: Error,
    }
}

declare_rule! {
    /// No overload of an overloaded function accepts the arguments.
    ///
    /// ```python
    /// from typing import overload
    /// @overload
    /// def f(x: int) -> int: ...
    /// @overload
    /// def f(x: str) -> str: ...
    /// def f(x): return x
    /// f(b"")  # error: [no-matching-overload]
    /// ```
    pub static NO_MATCHING_OVERLOAD = {
        name: "no-matching-overload",
        summary: "no overload accepts the call's arguments",
        level: Error,
    }
}

declare_rule! {
    /// Calling an object that is not callable.
    ///
    /// ```python
    /// (1)()  # error: [call-non-callable]
    /// ```
    pub static CALL_NON_CALLABLE = {
        name: "call-non-callable",
        summary: "an object that is not callable is called",
        level: Error,
    }
}

/// The signatures `callee` offers, with the receiver of bound methods already applied.
/// `None` when the type is not callable; an empty result never happens.
pub fn signatures_of<'db>(db: &'db dyn Db, callee: Type<'db>) -> Option<Vec<Signature<'db>>> {
    match callee {
        Type::Function(function) => Some(crate::function::function_signatures(db, function)),
        Type::BoundMethod(method) => Some(bound_method_signatures(db, method)),
        Type::Callable(callable) => Some(callable.signatures(db).to_vec()),
        Type::Dynamic(_) => Some(vec![Signature::gradual(callee)]),
        Type::ClassObject(_) | Type::SubclassOf(_) => match constructor_callable(db, callee)? {
            Type::Callable(callable) => Some(callable.signatures(db).to_vec()),
            _ => None,
        },
        Type::SubclassOfTypeVar(typevar) => match typevar_constructor_callable(db, typevar)? {
            Type::Callable(callable) => Some(callable.signatures(db).to_vec()),
            _ => None,
        },
        Type::Instance(_) => match dunder_call_callable(db, callee)? {
            // `__call__` assigned per instance (`self.__call__ = ...` under `__slots__`) to
            // one of several callables: callable, but not checked.
            Type::Union(_) => Some(vec![Signature::gradual(Type::UNKNOWN)]),
            call => signatures_of(db, call),
        },
        // A value of a type variable is called through its bound's (or constraints') `__call__`.
        Type::TypeVar(typevar) if typevar.kind(db) == crate::types::TypeVarKind::TypeVar => {
            match crate::infer::attribute::member_access(db, callee, "__call__").found()? {
                Type::Union(_) => Some(vec![Signature::gradual(Type::UNKNOWN)]),
                call => signatures_of(db, call),
            }
        }
        Type::Union(_) => None,
        _ => None,
    }
}

/// The only signature of a callee (`None` for overloads and non-callables).
pub fn single_signature<'db>(db: &'db dyn Db, callee: Type<'db>) -> Option<Signature<'db>> {
    let mut signatures = signatures_of(db, callee)?;
    if signatures.len() == 1 { signatures.pop() } else { None }
}

/// The signatures of a bound method: the owner's type arguments (as the receiver sees
/// them) substituted, `self` solved from the receiver, and the first parameter removed.
pub fn bound_method_signatures<'db>(db: &'db dyn Db, method: BoundMethodType<'db>) -> Vec<Signature<'db>> {
    bind_method_signatures(db, method, &crate::function::inferred_signatures(db, method.function(db)))
}

/// `bound_method_signatures` of the method's declared signatures (its return annotation,
/// never its body): what overrides are checked against.
pub fn declared_bound_method_signatures<'db>(db: &'db dyn Db, method: BoundMethodType<'db>) -> Vec<Signature<'db>> {
    bind_method_signatures(db, method, crate::function::declared_signatures(db, method.function(db)))
}

/// `bound_method_signatures` with `Self` in the method's signatures meaning `self_type` (a
/// type compared with the protocol that declares the method), or `None` when the method does
/// not mention `Self` past its `self` parameter.
pub(crate) fn bound_method_signatures_with_self<'db>(db: &'db dyn Db, method: BoundMethodType<'db>, self_type: Type<'db>) -> Option<Vec<Signature<'db>>> {
    let function = method.function(db);
    let owner = crate::infer::function::owner_class(db, function)?;
    let self_typevar = crate::infer::annotation::self_typevar(db, owner);
    let signatures = crate::function::inferred_signatures(db, function);
    let mut mentions_self = false;
    for signature in signatures.iter() {
        for ty in signature.parameters.iter().skip(1).map(|parameter| parameter.annotated).chain([signature.return_type]) {
            crate::generics::walk_typevars(db, ty, &mut |typevar| mentions_self |= typevar == self_typevar);
        }
    }
    if !mentions_self {
        return None;
    }
    let specialization = crate::generics::Specialization::from_pairs([(self_typevar, self_type)]);
    // The `self` parameter keeps its type: binding checks the receiver against it, and
    // asking there whether the protocol is assignable to the source would ask this again.
    let signatures: Vec<Signature<'db>> = signatures
        .iter()
        .map(|signature| {
            let mut specialized = specialization.apply_signature(db, signature);
            if let (Some(first), Some(original)) = (specialized.parameters.first_mut(), signature.parameters.first()) {
                first.annotated = original.annotated;
            }
            specialized
        })
        .collect();
    Some(bind_method_signatures(db, method, &signatures))
}

fn bind_method_signatures<'db>(db: &'db dyn Db, method: BoundMethodType<'db>, signatures: &[Signature<'db>]) -> Vec<Signature<'db>> {
    let bound = bind_receiver(db, method, signatures);
    let any_accepts = bound.iter().any(|binding| binding.accepts_receiver);
    bound
        .into_iter()
        .filter(|binding| binding.accepts_receiver || !any_accepts || signatures.len() == 1)
        .map(|binding| binding.signature)
        .collect()
}

/// One signature of a method bound to its receiver.
pub(super) struct ReceiverBinding<'db> {
    /// The signature without its first parameter, the receiver's variables solved.
    pub(super) signature: Signature<'db>,
    /// Whether the first parameter, at that solution, accepts the receiver.
    pub(super) accepts_receiver: bool,
    /// The first parameter's type at that solution (`None` for `*args`).
    pub(super) receiver_parameter: Option<Type<'db>>,
}

/// Each of `signatures` bound to the receiver of `method`.
pub(super) fn bind_receiver<'db>(db: &'db dyn Db, method: BoundMethodType<'db>, signatures: &[Signature<'db>]) -> Vec<ReceiverBinding<'db>> {
    let function = method.function(db);
    let receiver = method.receiver(db);
    let owner_specialization = crate::infer::function::owner_class(db, function).and_then(|owner| {
        let receiver_class = match receiver {
            Type::Instance(class) | Type::ClassObject(class) | Type::SubclassOf(class) => Some(class),
            Type::TypeVar(typevar) | Type::SubclassOfTypeVar(typevar) => match typevar.bound(db) {
                Some(Type::Instance(class)) => Some(class),
                _ => None,
            },
            Type::Tuple(tuple) => match crate::class::tuple_instance(db, tuple.element_union(db)) {
                Type::Instance(class) => Some(class),
                _ => None,
            },
            _ => None,
        }?;
        let ancestor = crate::class::find_ancestor(db, receiver_class, owner).or_else(|| crate::typed_dict::fallback_ancestor(db, receiver_class, owner))?;
        Some(crate::class::specialization_of(db, ancestor))
    });
    signatures
        .iter()
        .map(|signature| {
            let signature = match &owner_specialization {
                Some(specialization) => specialization.apply_signature(db, signature),
                None => signature.clone(),
            };
            let Some(first) = signature.parameters.first() else {
                return ReceiverBinding { signature, accepts_receiver: true, receiver_parameter: None };
            };
            if !first.accepts_positional() && first.kind != crate::types::ParameterKind::Variadic {
                return ReceiverBinding { signature, accepts_receiver: true, receiver_parameter: None };
            }
            let mut solver = crate::generics::TypeVarSolver::new(db);
            let receiver_for_first = if function.has(db, FunctionFlags::CLASSMETHOD) {
                match receiver {
                    Type::Instance(class) => Type::ClassObject(class),
                    other => other,
                }
            } else {
                receiver
            };
            solver.infer(first.annotated, receiver_for_first);
            let mut typevars = Vec::new();
            crate::generics::walk_typevars(db, first.annotated, &mut |t| {
                if !typevars.contains(&t) {
                    typevars.push(t);
                }
            });
            let (solution, _) = solver.solve(&typevars);
            // An overload whose `self` annotation rejects the receiver does not apply to it
            // (`def upper(self: LiteralString) -> LiteralString` on a `str`). A receiver still
            // being solved (a constructor's `C[T]`) is what the overload's `self` shapes.
            let variadic = first.kind == crate::types::ParameterKind::Variadic;
            let receiver_parameter = solution.apply(db, first.annotated);
            let accepts_receiver = variadic || crate::generics::has_typevars(db, receiver_for_first) || receiver_for_first.is_assignable_to(db, receiver_parameter);
            let solved = solution.apply_signature(db, &signature);
            ReceiverBinding {
                signature: if variadic { solved } else { solved.without_first_parameter() },
                accepts_receiver,
                receiver_parameter: (!variadic).then_some(receiver_parameter),
            }
        })
        .collect()
}

/// `instance.__call__` as a callable. A `__call__` whose decorators return a callable
/// (`@asynccontextmanager async def __call__(self, position: int)`) binds the instance as
/// the `def` would, as it does when read as an attribute.
pub fn dunder_call_callable<'db>(db: &'db dyn Db, instance: Type<'db>) -> Option<Type<'db>> {
    let Type::Instance(class) = instance else { return None };
    let member = crate::class::class_member(db, class, "__call__")?;
    match member.ty {
        Type::Function(function) => Some(Type::BoundMethod(BoundMethodType::new(db, function, instance))),
        other if member.instance_only => Some(other),
        other => {
            let self_of_owner = crate::infer::annotation::self_typevar(db, member.owner);
            let other = crate::generics::Specialization::from_pairs([(self_of_owner, instance)]).apply(db, other);
            Some(crate::class::decorated_method::bind_callable_member(db, &member, "__call__", other))
        }
    }
}

/// The type variables a call of `callee` may solve: those of the signature that are not
/// fixed by a receiver.
pub(crate) fn solvable_typevars<'db>(db: &'db dyn Db, callee: Type<'db>, signature: &Signature<'db>) -> Vec<TypeVarType<'db>> {
    let mut found = Vec::new();
    for parameter in &signature.parameters {
        crate::generics::walk_typevars(db, parameter.annotated, &mut |t| {
            if !found.contains(&t) {
                found.push(t);
            }
        });
    }
    crate::generics::walk_typevars(db, signature.return_type, &mut |t| {
        if !found.contains(&t) {
            found.push(t);
        }
    });
    // The receiver: a bound method's, or the instance called through its `__call__`.
    let receiver = match callee {
        Type::BoundMethod(method) if !is_constructor_receiver(db, method) => Some(method.receiver(db)),
        Type::Instance(_) => Some(callee),
        _ => None,
    };
    if let Some(receiver) = receiver {
        let mut fixed = Vec::new();
        crate::generics::walk_typevars(db, receiver, &mut |t| fixed.push(t));
        // `self` inside a generic class is `Self`, bound to the class specialized by its own
        // parameters: those are fixed too (`self.fetch()` returns `list[T]`, not a default).
        if let Type::TypeVar(receiver) = receiver
            && let Some(bound) = receiver.bound(db)
        {
            crate::generics::walk_typevars(db, bound, &mut |t| fixed.push(t));
        }
        found.retain(|t| !fixed.contains(t));
    }
    found
}

/// A receiver specialized by its class's own parameters (`C[T]`), as constructors bind
/// `__new__`/`__init__` (or a metaclass `__call__` the class object): those parameters are
/// what the call solves. Another method of an instance of `C[T]` (`factory(cursor)` for a
/// `factory: RowFactory[Row]` inside a class generic over the same `Row`) takes `T` as the
/// type it stands for where the call is.
fn is_constructor_receiver<'db>(db: &'db dyn Db, method: BoundMethodType<'db>) -> bool {
    let receiver = method.receiver(db);
    let constructs = matches!(receiver, Type::ClassObject(_)) || matches!(&**method.function(db).name(db), "__init__" | "__new__");
    if !constructs {
        return false;
    }
    let (Type::Instance(class) | Type::ClassObject(class)) = receiver else { return false };
    let parameters = crate::class::type_parameters(db, class.class(db));
    !parameters.is_empty()
        && class.arguments(db).len() == parameters.len()
        && class.arguments(db).iter().zip(parameters).all(|(a, p)| *a == Type::TypeVar(*p))
}

/// Call `callee` with positional arguments of the given types; `Err` when it does not
/// accept them (or is not callable).
pub fn call_with_argument_types<'db>(db: &'db dyn Db, callee: Type<'db>, argument_types: &[Type<'db>]) -> Result<Type<'db>, ()> {
    let arguments: Vec<Argument<'db>> = argument_types
        .iter()
        .map(|ty| Argument { kind: ArgumentKind::Positional, ty: *ty, range: TextRange::default(), literals: crate::call::LiteralOrigin::Written })
        .collect();
    match evaluate_call(db, callee, &arguments) {
        CallOutcome::Success(ty) => Ok(ty),
        _ => Err(()),
    }
}

/// What a call evaluates to.
#[derive(Debug, Clone)]
pub(crate) enum CallOutcome<'db> {
    Success(Type<'db>),
    /// One signature, with errors (the return type is still meaningful).
    Errors { return_type: Type<'db>, errors: Vec<CallError<'db>> },
    /// No overload matched.
    NoMatchingOverload,
    NotCallable,
}

impl<'db> CallOutcome<'db> {
    pub(crate) fn return_type(&self) -> Type<'db> {
        match self {
            Self::Success(ty) | Self::Errors { return_type: ty, .. } => *ty,
            _ => Type::UNKNOWN,
        }
    }
}

/// What a `*argument` of type `ty` gives each parameter it fills: the type its iteration
/// yields, `Unknown` when it is not iterable.
pub(crate) fn unpacked_element<'db>(db: &'db dyn Db) -> impl Fn(Type<'db>) -> Type<'db> {
    move |ty| crate::infer::stmt::iteration_type_of(db, ty).unwrap_or(Type::UNKNOWN)
}

/// Evaluate a call of `callee` with already-inferred arguments.
pub(crate) fn evaluate_call<'db>(db: &'db dyn Db, callee: Type<'db>, arguments: &[Argument<'db>]) -> CallOutcome<'db> {
    match callee {
        Type::Dynamic(_) => return CallOutcome::Success(callee),
        Type::Never => return CallOutcome::Success(Type::Never),
        Type::Union(union) => {
            let mut returns = Vec::new();
            for member in union.elements(db) {
                match evaluate_call(db, *member, arguments) {
                    CallOutcome::Success(ty) => returns.push(ty),
                    other => return other,
                }
            }
            return CallOutcome::Success(Type::union_of(db, returns));
        }
        Type::ClassObject(_) | Type::SubclassOf(_) => return constructor::evaluate_constructor(db, callee, arguments),
        // A type variable (`Self` too) is called as what it may stand for: its bound, or each
        // of its constraints (`self()` in a subclass of `weakref.ref`).
        Type::TypeVar(typevar) if typevar.kind(db) == crate::types::TypeVarKind::TypeVar => {
            let upper = match typevar.bound(db) {
                Some(bound) => bound,
                None if !typevar.constraints(db).is_empty() => Type::union_of(db, typevar.constraints(db).iter().copied()),
                None => return CallOutcome::NotCallable,
            };
            if !matches!(upper, Type::TypeVar(_)) && !matches!(upper, Type::Union(union) if union.elements(db).iter().any(|e| matches!(e, Type::TypeVar(_)))) {
                return evaluate_call(db, upper, arguments);
            }
        }
        Type::SubclassOfTypeVar(typevar) => return constructor::evaluate_typevar_constructor(db, typevar, arguments),
        Type::TypeForm(form) => {
            if let Type::Tuple(tuple) = form.denoted(db) {
                return construct_tuple_form(db, tuple, arguments);
            }
        }
        _ => {}
    }
    let Some(signatures) = signatures_of(db, callee) else { return CallOutcome::NotCallable };
    bind_signatures(db, callee, &signatures, arguments, &|signature| solvable_typevars(db, callee, signature))
}

/// Bind a call of `callee` (one signature, or its overloads), solving the type variables
/// `solvable` picks for each signature.
fn bind_signatures<'db>(
    db: &'db dyn Db,
    callee: Type<'db>,
    signatures: &[Signature<'db>],
    arguments: &[Argument<'db>],
    solvable: &dyn Fn(&Signature<'db>) -> Vec<TypeVarType<'db>>,
) -> CallOutcome<'db> {
    if let Type::BoundMethod(method) = callee
        && let Some(mismatch) = method_receiver::rejected_receiver(db, method)
    {
        return match bind_signatures_to_arguments(db, signatures, arguments, solvable, callee) {
            CallOutcome::Success(return_type) => CallOutcome::Errors { return_type, errors: vec![mismatch] },
            CallOutcome::Errors { return_type, mut errors } => {
                errors.insert(0, mismatch);
                CallOutcome::Errors { return_type, errors }
            }
            other => other,
        };
    }
    bind_signatures_to_arguments(db, signatures, arguments, solvable, callee)
}

/// `bind_signatures` once the receiver is known to fit.
fn bind_signatures_to_arguments<'db>(
    db: &'db dyn Db,
    signatures: &[Signature<'db>],
    arguments: &[Argument<'db>],
    solvable: &dyn Fn(&Signature<'db>) -> Vec<TypeVarType<'db>>,
    callee: Type<'db>,
) -> CallOutcome<'db> {
    let iterate = unpacked_element(db);
    if let [signature] = signatures {
        let binding = bind::bind_call(db, signature, arguments, &solvable(signature), &iterate);
        return if binding.errors.is_empty() {
            CallOutcome::Success(binding.return_type)
        } else {
            CallOutcome::Errors { return_type: binding.return_type, errors: binding.errors }
        };
    }
    overload::evaluate_overloads(db, callee, signatures, arguments, solvable, &iterate)
}

/// A call of a callable (a function, bound method or callable type) whose signature may
/// mention type variables in `fixed`, which stand for the types they are bound to at the
/// call (an enclosing scope's, or a class's own parameters inside its body): they are
/// checked, never solved.
pub(crate) fn evaluate_call_fixing<'db>(db: &'db dyn Db, callee: Type<'db>, arguments: &[Argument<'db>], fixed: &[TypeVarType<'db>]) -> CallOutcome<'db> {
    if fixed.is_empty() || !matches!(callee, Type::Callable(_) | Type::BoundMethod(_) | Type::Function(_)) {
        return evaluate_call(db, callee, arguments);
    }
    let Some(signatures) = signatures_of(db, callee) else { return CallOutcome::NotCallable };
    let solvable = |signature: &Signature<'db>| {
        let mut solvable = solvable_typevars(db, callee, signature);
        solvable.retain(|typevar| !fixed.contains(typevar));
        solvable
    };
    bind_signatures(db, callee, &signatures, arguments, &solvable)
}

/// A call of a specialized tuple form (`tuple[int, ...](values)`): `tuple`'s constructor
/// checks the arguments, and the result is the tuple type the form spells.
fn construct_tuple_form<'db>(db: &'db dyn Db, tuple: crate::types::TupleType<'db>, arguments: &[Argument<'db>]) -> CallOutcome<'db> {
    let Type::Instance(instance) = crate::class::tuple_instance(db, tuple.element_union(db)) else { return CallOutcome::NotCallable };
    match constructor::evaluate_constructor(db, Type::ClassObject(instance), arguments) {
        CallOutcome::Success(_) => CallOutcome::Success(Type::Tuple(tuple)),
        CallOutcome::Errors { errors, .. } => CallOutcome::Errors { return_type: Type::Tuple(tuple), errors },
        other => other,
    }
}

impl<'db> InferContext<'db> {
    /// A call of a callable value (or a union of them) whose type mentions type variables an
    /// enclosing function or class binds (`function: Callable[[T], T]` called in the body of
    /// the function generic in `T`): there those variables stand for one fixed type, so the
    /// call checks its arguments against them instead of solving them. The same holds for a
    /// class specialized by such variables (`Box[T]()`); the other variables of a specialized
    /// class (those of a generic alias, `Alias()` for `Alias = Box[int, U]`) are solved.
    fn evaluate_call_in_scope(&mut self, callee: Type<'db>, arguments: &[Argument<'db>]) -> CallOutcome<'db> {
        let db = self.db;
        if let Some(class) = constructor::constructed_class(callee)
            && class.arguments(db).iter().any(|argument| crate::generics::has_typevars(db, *argument))
        {
            let fixed = self.typevars_bound_at(self.scope);
            return constructor::evaluate_constructor_in_scope(db, callee, arguments, Some(&fixed));
        }
        let members = callee.union_elements(db);
        if !members.iter().all(|member| matches!(member, Type::Callable(_))) || !crate::generics::has_typevars(db, callee) {
            return evaluate_call(db, callee, arguments);
        }
        let fixed = self.typevars_bound_at(self.scope);
        let mut returns = Vec::new();
        for member in members {
            match evaluate_call_fixing(db, member, arguments, &fixed) {
                CallOutcome::Success(ty) => returns.push(ty),
                other => return other,
            }
        }
        CallOutcome::Success(Type::union_of(db, returns))
    }

    /// Infer a call expression and report its errors.
    pub(crate) fn infer_call_expression(&mut self, call: &ast::ExprCall, expected: Option<Type<'db>>) -> Type<'db> {
        let callee = self.infer_expression(&call.func);
        let callee = crate::typed_dict::dict_call_as_typed_dict(self.db, callee, call, expected).unwrap_or(callee);
        self.check_called_specialization_scope(call, callee);
        if let Some(result) = self.special_call(callee, call) {
            return result;
        }
        let expected_parameters = self.expected_parameter_types(callee, call);
        let mut deferred = Vec::new();
        let mut arguments = self.infer_arguments(call, &expected_parameters, Some(&mut deferred));
        self.infer_deferred_lambdas(callee, &mut arguments, &deferred);
        self.freshen_generic_function_arguments(callee, &mut arguments);
        let mut outcome = self.evaluate_call_in_scope(callee, &arguments);
        if let Some((contextual_arguments, contextual_outcome)) = self.overload_in_argument_context(callee, call, &arguments, &outcome) {
            (arguments, outcome) = (contextual_arguments, contextual_outcome);
        }
        if let Some((contextual_arguments, contextual_outcome)) = self.displays_at_solved_instance(callee, call, &arguments, &outcome) {
            (arguments, outcome) = (contextual_arguments, contextual_outcome);
        }
        self.report_call_outcome(callee, &outcome, call.func.range(), call.range());
        self.check_partial_application(callee, &arguments, &mut outcome, call);
        self.check_dataclass_replace(callee, &arguments, call);
        self.check_deprecated_overload(call.func.range(), callee, &arguments);
        self.check_deprecated_dunder(call.func.range(), callee, "__call__");
        self.check_deprecated_constructor(call.func.range(), callee);
        self.check_class_test_call(callee, call);
        self.check_abstract_instantiation(callee, call);
        // A result that misses the expected type, or that the arguments leave partly unknown
        // (`make_list()` is `list[Unknown]`), may be the call at the instance the context asks
        // for.
        match (outcome, expected) {
            (CallOutcome::Success(returned), Some(expected))
                if !returned.is_assignable_to(self.db, expected) || (returned.contains_dynamic(self.db) && !expected.contains_dynamic(self.db)) =>
            {
                context::evaluate_call_in_context(self.db, callee, &arguments, expected).unwrap_or(returned)
            }
            (outcome, _) => outcome.return_type(),
        }
    }

    /// The return type of a call without reporting anything.
    pub(crate) fn infer_call_quiet(&mut self, callee: Type<'db>, call: &ast::ExprCall) -> Type<'db> {
        let arguments = self.speculative_arguments(call, &[]);
        evaluate_call(self.db, callee, &arguments).return_type()
    }

    /// `infer_arguments` without reporting (and without deferring lambdas): a speculative
    /// pass whose arguments may be thrown away.
    fn speculative_arguments(&mut self, call: &ast::ExprCall, expected: &[Option<Type<'db>>]) -> Vec<Argument<'db>> {
        let was = self.suspend_reporting();
        let arguments = self.infer_arguments(call, expected, None);
        self.resume_reporting(was);
        arguments
    }

    /// For a callee with one signature, the parameter type each argument will meet (for
    /// bidirectional inference of lambdas and displays).
    fn expected_parameter_types(&mut self, callee: Type<'db>, call: &ast::ExprCall) -> Vec<Option<Type<'db>>> {
        match single_signature(self.db, callee) {
            Some(signature) => self.expected_types_for(&signature, call),
            None => Vec::new(),
        }
    }

    /// The parameter type of `signature` each argument of `call` will meet, where it is
    /// known ahead (no type variable to solve first).
    fn expected_types_for(&self, signature: &Signature<'db>, call: &ast::ExprCall) -> Vec<Option<Type<'db>>> {
        let db = self.db;
        let placeholder: Vec<Argument<'db>> = call_argument_shapes(call);
        let (assigned, _) = bind::match_arguments(&signature, &placeholder);
        assigned
            .iter()
            .map(|parameters| {
                let parameter = &signature.parameters[*parameters.first()?];
                let ty = parameter.annotated;
                // A `TypeForm[T]` parameter reads a quoted type as a type even when generic.
                let reads_type_forms = crate::infer::expects_type_form(db, ty);
                ((reads_type_forms || !crate::generics::has_typevars(db, ty)) && !ty.is_dynamic()).then_some(ty)
            })
            .collect()
    }

    /// One argument's type, with the parameter type it meets when that is known ahead; a
    /// display whose parameter type is not (see `argument_display`) keeps its elements'
    /// union for the call's matching to judge.
    fn infer_argument(&mut self, expression: &ast::Expr, expected: Option<Type<'db>>) -> Type<'db> {
        if expected.is_none() && matches!(expression, ast::Expr::List(_) | ast::Expr::Set(_) | ast::Expr::Dict(_)) {
            self.argument_display = Some(expression.node_index().load());
        }
        self.infer_expression_with(expression, expected)
    }

    /// The call's arguments, each with the parameter type it meets when known ahead. With
    /// `deferred`, a lambda without such a type is inferred quietly and listed there, to be
    /// inferred again once the other arguments solve its parameter (`lambda_context`).
    /// `infer_argument`, except that a lambda with no known parameter type is inferred
    /// quietly and listed in `deferred` (when given) as the argument at `index`.
    fn infer_argument_or_defer<'a>(
        &mut self,
        expression: &'a ast::Expr,
        expected: Option<Type<'db>>,
        index: usize,
        deferred: &mut Option<&mut Vec<lambda_context::DeferredLambda<'a>>>,
    ) -> Type<'db> {
        match deferred {
            Some(deferred) if expected.is_none() && matches!(expression, ast::Expr::Lambda(_)) => {
                deferred.push(lambda_context::DeferredLambda { index, lambda: expression });
                let was = self.suspend_reporting();
                let ty = self.infer_argument(expression, None);
                self.resume_reporting(was);
                ty
            }
            _ => self.infer_argument(expression, expected),
        }
    }

    fn infer_arguments<'a>(&mut self, call: &'a ast::ExprCall, expected: &[Option<Type<'db>>], mut deferred: Option<&mut Vec<lambda_context::DeferredLambda<'a>>>) -> Vec<Argument<'db>> {
        let mut arguments = Vec::new();
        let mut index = 0;
        for argument in call.arguments.iter_source_order() {
            let expected_type = expected.get(index).copied().flatten();
            index += 1;
            match argument {
                ast::ArgOrKeyword::Arg(ast::Expr::Starred(starred)) => {
                    let ty = self.infer_expression(&starred.value);
                    if let Some(elements) = fixed_unpacked_elements(self.db, ty) {
                        for element in elements {
                            arguments.push(Argument { kind: ArgumentKind::Positional, ty: element, range: starred.range, literals: crate::call::LiteralOrigin::Written });
                        }
                        continue;
                    }
                    arguments.push(Argument { kind: ArgumentKind::Unpacked, ty, range: starred.range, literals: crate::call::LiteralOrigin::Written });
                }
                ast::ArgOrKeyword::Arg(expression) => {
                    let ty = self.infer_argument_or_defer(expression, expected_type, arguments.len(), &mut deferred);
                    let literals = self.literal_origin(expression, ty);
                    arguments.push(Argument { kind: ArgumentKind::Positional, ty, range: expression.range(), literals });
                }
                ast::ArgOrKeyword::Keyword(keyword) => {
                    let ty = match &keyword.arg {
                        Some(_) => self.infer_argument_or_defer(&keyword.value, expected_type, arguments.len(), &mut deferred),
                        None => self.infer_argument(&keyword.value, expected_type),
                    };
                    let kind = match &keyword.arg {
                        Some(name) => ArgumentKind::Keyword(name.to_string()),
                        None => {
                            arguments.extend(crate::typed_dict::unpacked_typed_dict_arguments(self.db, ty, keyword.range));
                            continue;
                        }
                    };
                    let literals = self.literal_origin(&keyword.value, ty);
                    arguments.push(Argument { kind, ty, range: keyword.range, literals });
                }
            }
        }
        arguments
    }

    /// Call a dunder method of `receiver` (looked up on its type) with argument types;
    /// `None` when it is missing or rejects the arguments.
    pub(crate) fn call_dunder_checked(&mut self, receiver: Type<'db>, name: &str, arguments: &[Type<'db>]) -> Option<Type<'db>> {
        let db = self.db;
        let method = match receiver {
            Type::Instance(_) | Type::None | Type::Tuple(_) | Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::LiteralString | Type::EnumLiteral(_) | Type::TypeVar(_) | Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_) | Type::Module(_) => {
                crate::infer::attribute::member_access(db, receiver, name).found()?
            }
            Type::ClassObject(class) | Type::SubclassOf(class) => {
                // Dunders on a class object come from its metaclass.
                let metaclass = crate::class::metaclass_instance(db, class.class(db));
                let Type::Instance(meta) = metaclass else { return Some(Type::UNKNOWN) };
                let member = crate::class::class_member(db, meta, name)?;
                match member.ty {
                    Type::Function(function) => Type::BoundMethod(BoundMethodType::new(db, function, receiver)),
                    other => other,
                }
            }
            Type::Dynamic(_) => return Some(Type::UNKNOWN),
            // Dunders of `type[T]` come from the metaclasses of its upper bound's classes (each
            // constraint's), bound to `type[T]` itself (`cls["RED"]` of an enum is a `Self`).
            Type::SubclassOfTypeVar(typevar) => {
                let mut results = Vec::new();
                for class_object in crate::types::typevar_class_object_bound(db, typevar).union_elements(db) {
                    let (Type::ClassObject(class) | Type::SubclassOf(class)) = class_object else {
                        results.push(self.call_dunder_checked(class_object, name, arguments)?);
                        continue;
                    };
                    let Type::Instance(meta) = crate::class::metaclass_instance(db, class.class(db)) else { return Some(Type::UNKNOWN) };
                    let method = match crate::class::class_member(db, meta, name)?.ty {
                        Type::Function(function) => Type::BoundMethod(BoundMethodType::new(db, function, receiver)),
                        other => other,
                    };
                    results.push(call_with_argument_types(db, method, arguments).ok()?);
                }
                return Some(Type::union_of(db, results));
            }
            _ => return None,
        };
        call_with_argument_types(db, method, arguments).ok()
    }

    pub(crate) fn call_dunder_quiet(&mut self, receiver: Type<'db>, name: &str, arguments: &[Type<'db>]) -> Option<Type<'db>> {
        self.call_dunder_checked(receiver, name, arguments)
    }

    /// Report why `callee` rejects positional arguments of the given types.
    pub(crate) fn report_call_errors_for(&mut self, callee: Type<'db>, argument_types: &[Type<'db>], at: &ast::Expr) {
        let arguments: Vec<Argument<'db>> =
            argument_types.iter().map(|ty| Argument { kind: ArgumentKind::Positional, ty: *ty, range: at.range(), literals: crate::call::LiteralOrigin::Written }).collect();
        let outcome = evaluate_call(self.db, callee, &arguments);
        self.report_call_outcome(callee, &outcome, at.range(), at.range());
    }

    pub(crate) fn report_call_outcome(&mut self, callee: Type<'db>, outcome: &CallOutcome<'db>, callee_range: TextRange, call_range: TextRange) {
        let db = self.db;
        match outcome {
            CallOutcome::Success(_) => {}
            CallOutcome::NotCallable => {
                self.report(call_range, &CALL_NON_CALLABLE, format!("Object of type `{}` is not callable", callee.display(db)));
            }
            CallOutcome::NoMatchingOverload => {
                let name = callee_name(db, callee);
                self.report(call_range, &NO_MATCHING_OVERLOAD, format!("No overload of {name} matches the arguments"));
            }
            CallOutcome::Errors { errors, .. } => {
                let name = callee_name(db, callee);
                for error in errors {
                    match error {
                        CallError::TooManyPositional { expected, got, range } => self.report(
                            *range,
                            &TOO_MANY_POSITIONAL_ARGUMENTS,
                            format!("Too many positional arguments to {name}: expected {expected}, got {got}"),
                        ),
                        CallError::Missing { names } => {
                            let list = crate::quoted_list::quoted_list(names);
                            let plural = if names.len() == 1 { "" } else { "s" };
                            self.report(call_range, &MISSING_ARGUMENT, format!("No argument{plural} provided for required parameter{plural} {list} of {name}"));
                        }
                        CallError::UnknownKeyword { name: keyword, range } => {
                            self.report(*range, &UNKNOWN_ARGUMENT, format!("Argument `{keyword}` does not match any known parameter of {name}"))
                        }
                        CallError::PositionalOnlyByKeyword { name: keyword, range } => {
                            self.report(*range, &UNKNOWN_ARGUMENT, format!("Positional-only parameter `{keyword}` of {name} cannot be passed by keyword"))
                        }
                        CallError::AlreadyAssigned { name: parameter, range } => self.report(
                            *range,
                            &PARAMETER_ALREADY_ASSIGNED,
                            format!("Multiple values provided for parameter `{parameter}` of {name}"),
                        ),
                        CallError::InvalidArgument { parameter, expected, actual, range } => self.report_unassignable(
                            *range,
                            &INVALID_ARGUMENT_TYPE,
                            format!(
                                "Argument of type `{}` is not assignable to parameter `{parameter}` of type `{}`",
                                actual.display(db),
                                expected.display(db)
                            ),
                            *actual,
                            *expected,
                        ),
                        CallError::ParamSpecArgument { param_spec, range } => self.report(
                            *range,
                            &INVALID_ARGUMENT_TYPE,
                            format!(
                                "Argument to {name} is not allowed: the remaining parameters are those of ParamSpec `{0}`, which only `*args: {0}.args, **kwargs: {0}.kwargs` can fill",
                                param_spec.name(db)
                            ),
                        ),
                        CallError::MissingParamSpecArguments { param_spec } => self.report(
                            call_range,
                            &MISSING_ARGUMENT,
                            format!("Call of {name} needs the arguments of ParamSpec `{0}`: pass `*args: {0}.args, **kwargs: {0}.kwargs`", param_spec.name(db)),
                        ),
                        CallError::MethodReceiverMismatch { expected, actual } => self.report_unassignable(
                            call_range,
                            &INVALID_ARGUMENT_TYPE,
                            format!("Cannot call {name} on an object of type `{}`: its `self` is annotated `{}`", actual.display(db), expected.display(db)),
                            *actual,
                            *expected,
                        ),
                        CallError::ReceiverMismatch { expected, actual, method } => self.report(
                            call_range,
                            &INVALID_ARGUMENT_TYPE,
                            format!(
                                "The constructed {} of type `{}` is not assignable to the annotated `{}` type `{}` of `{method}`",
                                if *method == "__new__" { "class" } else { "object" },
                                actual.display(db),
                                if *method == "__new__" { "cls" } else { "self" },
                                expected.display(db)
                            ),
                        ),
                        CallError::TypeVarViolation { typevar, solution, range } if typevar.kind(db) == crate::types::TypeVarKind::TypeVarTuple => {
                            self.report(
                                *range,
                                &INVALID_ARGUMENT_TYPE,
                                format!("Arguments disagree on TypeVarTuple `{}`: `{}` from the first does not fit the others", typevar.name(db), solution.display(db)),
                            );
                        }
                        CallError::TypeVarViolation { typevar, solution, range } => {
                            let requirement = match typevar.bound(db) {
                                Some(bound) => format!("the upper bound `{}`", bound.display(db)),
                                None => "its constraints".to_string(),
                            };
                            self.report(
                                *range,
                                &INVALID_ARGUMENT_TYPE,
                                format!(
                                    "Argument type `{}` does not satisfy {requirement} of type variable `{}`",
                                    solution.display(db),
                                    typevar.name(db)
                                ),
                            );
                        }
                    }
                }
                let _ = callee_range;
            }
        }
    }
}

/// Placeholder arguments with the shapes of a call's arguments (for matching before
/// inference).
/// The value of every argument of `call`, positional and keyword.
fn argument_values(call: &ast::ExprCall) -> impl Iterator<Item = &ast::Expr> {
    call.arguments.args.iter().chain(call.arguments.keywords.iter().map(|keyword| &keyword.value))
}

fn call_argument_shapes<'db>(call: &ast::ExprCall) -> Vec<Argument<'db>> {
    call.arguments
        .iter_source_order()
        .map(|argument| {
            let kind = match argument {
                ast::ArgOrKeyword::Arg(ast::Expr::Starred(_)) => ArgumentKind::Unpacked,
                ast::ArgOrKeyword::Arg(_) => ArgumentKind::Positional,
                ast::ArgOrKeyword::Keyword(keyword) => match &keyword.arg {
                    Some(name) => ArgumentKind::Keyword(name.to_string()),
                    None => ArgumentKind::UnpackedMapping,
                },
            };
            Argument { kind, ty: Type::UNKNOWN, range: argument.range(), literals: crate::call::LiteralOrigin::Written }
        })
        .collect()
}

/// How diagnostics name a callee: "function `f`", "bound method `C.m`", "`C`".
fn callee_name<'db>(db: &'db dyn Db, callee: Type<'db>) -> String {
    match callee {
        Type::Function(function) => format!("function `{}`", function.name(db)),
        Type::BoundMethod(method) => format!("bound method `{}`", method.function(db).name(db)),
        Type::ClassObject(class) | Type::SubclassOf(class) => format!("`{}`", class.name(db)),
        _ => format!("`{}`", callee.display(db)),
    }
}

/// A signature as a callable type.
pub fn callable_of<'db>(db: &'db dyn Db, signatures: Vec<Signature<'db>>) -> Type<'db> {
    Type::Callable(CallableType::new(db, signatures.into_boxed_slice()))
}

/// The positional arguments `*value` stands for when its length is known: the elements of a
/// fixed-length tuple (a named tuple too), or, for a union of fixed-length tuples of one
/// length, the union of the members' elements at each position (`*sys.exc_info()` passes a
/// `type[BaseException] | None`, then a `BaseException | None`, then a traceback or `None`).
fn fixed_unpacked_elements<'db>(db: &'db dyn Db, value: Type<'db>) -> Option<Vec<Type<'db>>> {
    let mut positions: Option<Vec<Vec<Type<'db>>>> = None;
    for member in value.expand_top(db).union_elements(db) {
        let Type::Tuple(tuple) = crate::class::namedtuple::as_tuple(db, member) else { return None };
        let elements = tuple.fixed_elements(db)?;
        let positions = positions.get_or_insert_with(|| vec![Vec::new(); elements.len()]);
        if positions.len() != elements.len() {
            return None;
        }
        for (position, element) in positions.iter_mut().zip(elements.iter()) {
            position.push(*element);
        }
    }
    Some(positions?.into_iter().map(|position| Type::union_of(db, position)).collect())
}

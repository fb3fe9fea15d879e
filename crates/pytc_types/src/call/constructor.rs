//! Calling a class: a custom metaclass `__call__`, then `__new__` and `__init__`, solving
//! the class's type parameters from the arguments.

use pytc_db::Db;

use crate::call::bind::{Argument, bind_call};
use crate::call::{CallOutcome, evaluate_call, evaluate_call_fixing};
use crate::class::{self, ClassFlags, KnownClass};
use crate::function::{BoundMethodType, FunctionType};
use crate::types::{ClassLiteral, ClassType, Signature, Type, TypeVarType};

/// The class a constructor call creates instances of.
pub(super) fn constructed_class<'db>(callee: Type<'db>) -> Option<ClassType<'db>> {
    match callee {
        Type::ClassObject(class) | Type::SubclassOf(class) => Some(class),
        _ => None,
    }
}

/// Whether pytc should not check a constructor call of this class (synthesized
/// constructors it does not model yet, or bases it cannot see).
pub(super) fn constructor_unchecked(db: &dyn Db, class: ClassType<'_>) -> bool {
    let literal = class.class(db);
    let flags = class::flags(db, literal);
    class::has_dynamic_base(db, literal)
        || flags.intersects(ClassFlags::TYPED_DICT)
        || class::dataclass::has_unmodeled_dataclass(db, literal)
        || crate::infer::literal::is_enum_class(db, literal)
}

pub(crate) fn evaluate_constructor<'db>(db: &'db dyn Db, callee: Type<'db>, arguments: &[Argument<'db>]) -> CallOutcome<'db> {
    evaluate_constructor_in_scope(db, callee, arguments, None)
}

/// A constructor call where the type variables the call site binds (`fixed`) are known, when
/// they are: a class specialized by other variables (a generic alias's, `Alias()` for
/// `Alias = Box[int, U]`) has them solved from the arguments, else replaced by their defaults
/// (or `Unknown`); the fixed ones stay.
pub(crate) fn evaluate_constructor_in_scope<'db>(
    db: &'db dyn Db,
    callee: Type<'db>,
    arguments: &[Argument<'db>],
    fixed: Option<&[TypeVarType<'db>]>,
) -> CallOutcome<'db> {
    let Some(class) = constructed_class(callee) else { return CallOutcome::NotCallable };
    let literal = class.class(db);
    // `type(x)` returns the class of `x`.
    if class::known::is_known(db, literal, KnownClass::Type) && arguments.len() == 1 {
        return CallOutcome::Success(crate::types::class_of_instance(db, arguments[0].ty));
    }
    let (instance_class, generic) = instance_class_of(db, class);
    // The variables the class's explicit arguments name stand for their types (see
    // `explicit_typevars`); where the call site's bound variables are known, only those do,
    // and the others (a generic alias's) are solved, else take their defaults.
    let mut explicit = explicit_typevars(db, instance_class, generic);
    if let Some(bound_here) = fixed {
        explicit.retain(|typevar| bound_here.contains(typevar));
    }
    let call = |callee: Type<'db>| evaluate_call_fixing(db, callee, arguments, &explicit);
    let finish = |class: ClassType<'db>, generic: bool| match fixed {
        Some(bound_here) if !generic => erase_free(db, class, bound_here),
        _ => erase(db, class, generic),
    };
    if class::is_typed_dict(db, literal) && !generic && !class::has_dynamic_base(db, literal) {
        let signature = crate::typed_dict::typed_dict_constructor_signature(db, class);
        return evaluate_call(db, Type::Callable(crate::types::CallableType::single(db, signature)), arguments);
    }
    if let Some(signatures) = class::synthesized_constructor(db, instance_class) {
        return match call(crate::call::callable_of(db, signatures)) {
            CallOutcome::Success(Type::Instance(solved)) => CallOutcome::Success(Type::Instance(finish(solved, generic))),
            CallOutcome::Errors { errors, .. } => CallOutcome::Errors { return_type: Type::Instance(finish(instance_class, generic)), errors },
            other => other,
        };
    }
    if constructor_unchecked(db, class) || (matches!(callee, Type::SubclassOf(_)) && constructed_by_unknown_subclass(db, instance_class)) {
        return CallOutcome::Success(Type::Instance(finish(instance_class, generic)));
    }
    // A metaclass `__call__` other than `type.__call__` takes over the whole call.
    if let Some(function) = overriding_metaclass_call(db, literal) {
        let bound = Type::BoundMethod(BoundMethodType::new(db, function, callee));
        let outcome = call(bound);
        let returned = outcome.return_type();
        // A declared `Any` says the call may make anything (as for `__new__`); an unannotated
        // `__call__` is taken to make the usual instance, whatever its body returns.
        let declared_any = returned == Type::Dynamic(crate::types::DynamicType::Any) && crate::infer::function::has_return_annotation(db, function);
        let returns_instance = matches!(returned, Type::Instance(c) if c.class(db) == literal) || (returned.is_dynamic() && !declared_any);
        // Arguments it rejects are errors even when it would go on to `__new__`/`__init__`.
        if !returns_instance || !matches!(outcome, CallOutcome::Success(_)) {
            return outcome;
        }
    }
    let instance = Type::Instance(instance_class);
    let mut solved_instance = None;
    // A `__new__` declared to return a subclass makes the call return that subclass.
    let mut subclass_instance = None;
    // `__new__` (unless inherited from `object`).
    if let Some(function) = own_constructor_method(db, instance_class, "__new__") {
        if !generic && let Some(error) = crate::call::init_receiver::receiver_mismatch(db, function, Type::ClassObject(instance_class)) {
            return CallOutcome::Errors { return_type: instance, errors: vec![error] };
        }
        let outcome = if generic {
            call(crate::call::callable_of(db, new_signatures(db, function, instance_class)))
        } else {
            call(Type::BoundMethod(BoundMethodType::new(db, function, Type::ClassObject(instance_class))))
        };
        match &outcome {
            CallOutcome::Success(returned) => {
                let returned = *returned;
                if new_skips_init(db, function, returned, literal) {
                    return outcome;
                }
                if let Type::Instance(c) = returned && c.class(db) == literal && !c.arguments(db).is_empty() {
                    solved_instance = Some(c);
                }
                if let Type::Instance(c) = returned && c.class(db) != literal {
                    subclass_instance = Some(returned);
                }
            }
            _ => return outcome,
        }
    }
    // A generic class `__new__` fully specialized (`-> C[list[T]]` with `T` solved) is the
    // object `__init__` initializes; with variables left unsolved, `__init__` solves them.
    let (instance_class, instance, generic) = match solved_instance {
        Some(solved) if !solved.arguments(db).iter().any(|argument| argument.is_dynamic() || crate::generics::has_typevars(db, *argument)) => {
            (solved, Type::Instance(solved), false)
        }
        _ => (instance_class, instance, generic),
    };
    // `__init__` (unless inherited from `object`).
    if let Some(init) = class::class_member(db, instance_class, "__init__")
        && !class::known::is_known(db, init.owner, KnownClass::Object)
    {
        let Type::Function(function) = init.ty else {
            return CallOutcome::Success(Type::Instance(finish(instance_class, generic)));
        };
        if !generic && let Some(error) = crate::call::init_receiver::receiver_mismatch(db, function, instance) {
            return CallOutcome::Errors { return_type: instance, errors: vec![error] };
        }
        let callable = crate::call::callable_of(db, init_signatures(db, function, instance_class));
        let outcome = call(callable);
        return match outcome {
            CallOutcome::Success(_) if let Some(subclass) = subclass_instance => CallOutcome::Success(subclass),
            CallOutcome::Errors { errors, .. } if let Some(subclass) = subclass_instance => CallOutcome::Errors { return_type: subclass, errors },
            CallOutcome::Success(Type::Instance(solved)) => CallOutcome::Success(Type::Instance(finish(solved, generic))),
            CallOutcome::Success(other) => CallOutcome::Success(other),
            CallOutcome::Errors { errors, .. } => CallOutcome::Errors { return_type: Type::Instance(finish(instance_class, generic)), errors },
            other => other,
        };
    }
    if let Some(solved) = subclass_instance.or(solved_instance.map(Type::Instance)) {
        return CallOutcome::Success(solved);
    }
    // Only `object.__init__`/`object.__new__`: no arguments allowed.
    if !arguments.is_empty() && class::class_member(db, instance_class, "__new__").is_some_and(|m| class::known::is_known(db, m.owner, KnownClass::Object)) {
        let signature = Signature { parameters: Vec::new(), return_type: instance, gradual_parameters: false };
        let binding = bind_call(db, &signature, arguments, &[], &|ty| ty);
        if !binding.errors.is_empty() {
            return CallOutcome::Errors { return_type: Type::Instance(finish(instance_class, generic)), errors: binding.errors };
        }
    }
    CallOutcome::Success(Type::Instance(finish(instance_class, generic)))
}

/// Whether calling `type[C]` runs a constructor `C` does not show: `C` is abstract (or a
/// protocol), so the class is always some concrete subclass, and `C` declares neither
/// `__init__` nor `__new__`, so that subclass's constructor is unknown (`seq.__class__(items)`
/// for `seq: Sequence[int]`).
fn constructed_by_unknown_subclass<'db>(db: &'db dyn Db, class: ClassType<'db>) -> bool {
    let literal = class.class(db);
    own_constructor_method(db, class, "__init__").is_none()
        && own_constructor_method(db, class, "__new__").is_none()
        && (class::is_protocol(db, literal) || !class::abstract_members(db, literal).is_empty())
}

/// Calling `type[T]`: the constructor of the class of `T`'s upper bound (of each constraint),
/// checked against the arguments; what makes an instance of that class makes a `T`.
pub(crate) fn evaluate_typevar_constructor<'db>(db: &'db dyn Db, typevar: TypeVarType<'db>, arguments: &[Argument<'db>]) -> CallOutcome<'db> {
    let as_typevar = |returned: Type<'db>| crate::types::typevar_instance_of_result(db, typevar, returned);
    match evaluate_call(db, crate::types::typevar_class_object_bound(db, typevar), arguments) {
        // An upper bound pytc cannot call as a class (`bound=Callable[..., int]`).
        CallOutcome::Success(returned) if returned.is_dynamic() => CallOutcome::Success(Type::TypeVar(typevar)),
        CallOutcome::Success(returned) => CallOutcome::Success(as_typevar(returned)),
        CallOutcome::Errors { return_type, errors } => CallOutcome::Errors { return_type: as_typevar(return_type), errors },
        other => other,
    }
}

/// Whether `__new__` returning `returned` means `__init__` is not called: it declares a
/// return type that is not (entirely) an instance of the class being constructed — another
/// class, `Never`, or an explicit `Any` (alone or in a union). An undeclared return is taken
/// as `Self`, and an inferred `Unknown` does not skip `__init__`. An overloaded `__new__` is
/// judged by what the overload that matched returns (its implementation's own annotation, often
/// missing, does not count).
pub(super) fn new_skips_init<'db>(db: &'db dyn Db, new: FunctionType<'db>, returned: Type<'db>, constructed: ClassLiteral<'db>) -> bool {
    let overloaded = crate::function::function_signatures(db, new).len() > 1;
    if !overloaded && !crate::infer::function::has_return_annotation(db, new) {
        return false;
    }
    let is_constructed = |member: Type<'db>| match member {
        Type::Instance(c) => class::is_subclass(db, c.class(db), constructed),
        Type::Dynamic(crate::types::DynamicType::Any) => false,
        other => other.is_dynamic(),
    };
    match returned {
        Type::Union(union) => !union.elements(db).iter().all(|member| is_constructed(*member)),
        other => !is_constructed(other),
    }
}

/// Replace the class's own unsolved type variables with their defaults (else `Unknown`).
fn erase<'db>(db: &'db dyn Db, class: ClassType<'db>, generic: bool) -> ClassType<'db> {
    if !generic {
        return class;
    }
    // In order, so that a default naming an earlier parameter (`StopT = TypeVar("StopT",
    // default=StartT)`) gets that parameter's argument.
    let parameters = class::type_parameters(db, class.class(db));
    let mut specialization = crate::generics::Specialization::default();
    for (parameter, argument) in parameters.iter().zip(class.arguments(db)) {
        let value = if *argument == Type::TypeVar(*parameter) {
            parameter.default(db).map_or(Type::UNKNOWN, |default| specialization.apply(db, default))
        } else {
            *argument
        };
        specialization.insert(*parameter, value);
    }
    ClassType::new(db, class.class(db), class.arguments(db).iter().map(|a| specialization.apply(db, *a)).collect::<Box<[_]>>())
}

/// Replace the type variables of a specialized class's arguments that the call site does not
/// bind (`fixed`) with their defaults (else `Unknown`), in order, so that a default naming an
/// earlier variable gets that variable's replacement.
fn erase_free<'db>(db: &'db dyn Db, class: ClassType<'db>, fixed: &[TypeVarType<'db>]) -> ClassType<'db> {
    let mut free = Vec::new();
    for argument in class.arguments(db) {
        crate::generics::walk_typevars(db, *argument, &mut |typevar| {
            if !fixed.contains(&typevar) && !free.contains(&typevar) {
                free.push(typevar);
            }
        });
    }
    let mut specialization = crate::generics::Specialization::default();
    for typevar in free {
        let value = typevar.default(db).map_or(Type::UNKNOWN, |default| specialization.apply(db, default));
        specialization.insert(typevar, value);
    }
    ClassType::new(db, class.class(db), class.arguments(db).iter().map(|a| specialization.apply(db, *a)).collect::<Box<[_]>>())
}

/// The type variables in a class's explicit type arguments (`Plain[Row]()` inside `Plain`, or
/// `list[T]()` in a function over `T`): a variable can only be named where it is bound, so
/// it stands for the type it is bound to and the constructor's arguments do not solve it.
fn explicit_typevars<'db>(db: &'db dyn Db, instance_class: ClassType<'db>, generic: bool) -> Vec<TypeVarType<'db>> {
    let mut fixed = Vec::new();
    if !generic {
        crate::generics::walk_typevars(db, Type::Instance(instance_class), &mut |typevar| {
            if !fixed.contains(&typevar) {
                fixed.push(typevar);
            }
        });
    }
    fixed
}

/// The class whose instances a constructor of `class` creates, and whether it is generic and
/// not specialized (`Box` for `class Box[T]`): then it is specialized by its own parameters,
/// which the constructor's arguments solve.
pub(super) fn instance_class_of<'db>(db: &'db dyn Db, class: ClassType<'db>) -> (ClassType<'db>, bool) {
    let literal = class.class(db);
    let parameters = class::type_parameters(db, literal);
    if class.arguments(db).is_empty() && !parameters.is_empty() {
        (ClassType::new(db, literal, parameters.iter().map(|p| Type::TypeVar(*p)).collect::<Box<[_]>>()), true)
    } else {
        (class, false)
    }
}

/// The metaclass `__call__` of a class when it is not `type.__call__`: such a method may
/// replace the whole construction.
pub(super) fn overriding_metaclass_call<'db>(db: &'db dyn Db, literal: ClassLiteral<'db>) -> Option<FunctionType<'db>> {
    let Type::Instance(metaclass) = class::metaclass_instance(db, literal) else { return None };
    if class::known::is_known(db, metaclass.class(db), KnownClass::Type) {
        return None;
    }
    let member = class::class_member(db, metaclass, "__call__")?;
    if class::known::is_known(db, member.owner, KnownClass::Type) {
        return None;
    }
    match member.ty {
        Type::Function(function) => Some(function),
        _ => None,
    }
}

/// The class's `__new__` or `__init__` when it is a function not inherited from `object`.
pub(super) fn own_constructor_method<'db>(db: &'db dyn Db, class: ClassType<'db>, name: &str) -> Option<FunctionType<'db>> {
    let member = class::class_member(db, class, name)?;
    if class::known::is_known(db, member.owner, KnownClass::Object) {
        return None;
    }
    match member.ty {
        Type::Function(function) => Some(function),
        _ => None,
    }
}

/// `__new__` bound to the class being constructed (`instance_class`, specialized by its own
/// parameters when it is generic, so that they are solved from the arguments too); `Self` is
/// the class being constructed (`enumerate.__new__(cls, iterable: Iterable[_T]) -> Self`).
pub(super) fn new_signatures<'db>(db: &'db dyn Db, new: FunctionType<'db>, instance_class: ClassType<'db>) -> Vec<Signature<'db>> {
    let bound = BoundMethodType::new(db, new, Type::ClassObject(instance_class));
    let owner = crate::infer::function::owner_class(db, new).unwrap_or(instance_class.class(db));
    let self_type = crate::infer::annotation::self_typevar(db, owner);
    let as_constructed = crate::generics::Specialization::from_pairs([(self_type, Type::Instance(instance_class))]);
    crate::call::bound_method_signatures(db, bound).iter().map(|signature| as_constructed.apply_signature(db, signature)).collect()
}

/// `__init__` bound to an instance of the class being constructed, returning that instance
/// (or, for a class whose arguments are still being solved, the specialization an overload's
/// annotated `self` names).
pub(super) fn init_signatures<'db>(db: &'db dyn Db, init: FunctionType<'db>, instance_class: ClassType<'db>) -> Vec<Signature<'db>> {
    let instance = Type::Instance(instance_class);
    // A receiver still being solved binds every overload, so the overloads and their `self`
    // annotations correspond one to one.
    let constructed = if crate::generics::has_typevars(db, instance) {
        crate::call::init_receiver::constructed_by_signatures(db, init, instance_class)
    } else {
        Vec::new()
    };
    crate::call::bound_method_signatures(db, BoundMethodType::new(db, init, instance))
        .into_iter()
        .enumerate()
        .map(|(index, signature)| Signature { return_type: constructed.get(index).copied().unwrap_or(instance), ..signature })
        .collect()
}

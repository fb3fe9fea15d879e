//! A class object used as a callable type (passed where a `Callable` is expected): the same
//! steps as a constructor call, as signatures — a metaclass `__call__` that returns something
//! other than an instance of the class, else `__new__` when it returns something else, else
//! `__init__`'s parameters returning the instance (both for an overloaded `__new__` some of
//! whose overloads return something else). Converted for assignability, a class whose
//! `__new__` makes an instance and that defines `__init__` is the union of both callables. A generic class keeps its own type
//! parameters in the signatures, so that each call of the callable solves them.

use pytc_db::Db;

use super::constructor::{
    constructed_class, constructor_unchecked, init_signatures, instance_class_of, new_signatures, new_skips_init, overriding_metaclass_call,
    own_constructor_method,
};
use crate::class;
use crate::function::BoundMethodType;
use crate::types::{ClassLiteral, ClassType, Signature, Type, TypeVarType};

/// `type[T]` as a callable type: the constructor of each class of its upper bound, making a
/// `T` where that constructor makes an instance of the class (a union when `T` is
/// constrained). `None` when one of those is not callable.
pub fn typevar_constructor_callable<'db>(db: &'db dyn Db, typevar: TypeVarType<'db>) -> Option<Type<'db>> {
    let mut callables = Vec::new();
    for class_object in crate::types::typevar_class_object_bound(db, typevar).union_elements(db) {
        let signatures = match class_object {
            Type::Dynamic(_) => vec![Signature::gradual(Type::TypeVar(typevar))],
            _ => crate::call::signatures_of(db, class_object)?,
        };
        let made_by_typevar = signatures
            .into_iter()
            .map(|signature| Signature { return_type: crate::types::typevar_instance_of_result(db, typevar, signature.return_type), ..signature })
            .collect();
        callables.push(crate::call::callable_of(db, made_by_typevar));
    }
    Some(Type::union_of(db, callables))
}

/// The constructor of a class object as a callable type (the signatures a call is checked
/// against and solved with).
pub fn constructor_callable<'db>(db: &'db dyn Db, class_object: Type<'db>) -> Option<Type<'db>> {
    constructor_callables(db, class_object).map(|(callable, _)| callable)
}

/// The class object converted to a callable type for assignability (constructors.rst): where
/// the class defines both a `__new__` that makes an instance and an `__init__`, a call runs
/// both, so the conversion is the union of the two callables and a target must accept each.
pub fn constructor_conversion<'db>(db: &'db dyn Db, class_object: Type<'db>) -> Option<Type<'db>> {
    constructor_callables(db, class_object).map(|(callable, new)| match new {
        Some(new) => Type::union(db, callable, new),
        None => callable,
    })
}

/// The constructor's callable, and the other callable that must also accept the call where
/// both `__new__` and `__init__` run.
fn constructor_callables<'db>(db: &'db dyn Db, class_object: Type<'db>) -> Option<(Type<'db>, Option<Type<'db>>)> {
    let class = constructed_class(class_object)?;
    if constructor_unchecked(db, class) {
        return Some((crate::call::callable_of(db, vec![Signature::gradual(Type::Instance(class))]), None));
    }
    let (instance_class, _) = instance_class_of(db, class);
    let (signatures, new) = constructor_signatures(db, class_object, instance_class);
    Some((crate::call::callable_of(db, signatures), new.map(|new| crate::call::callable_of(db, new))))
}

fn constructor_signatures<'db>(db: &'db dyn Db, class_object: Type<'db>, instance_class: ClassType<'db>) -> (Vec<Signature<'db>>, Option<Vec<Signature<'db>>>) {
    if let Some(signatures) = class::synthesized_constructor(db, instance_class) {
        return (signatures, None);
    }
    let literal = instance_class.class(db);
    if let Some(call) = overriding_metaclass_call(db, literal)
        && crate::infer::function::has_return_annotation(db, call)
    {
        let signatures = crate::call::bound_method_signatures(db, BoundMethodType::new(db, call, class_object));
        if !signatures.iter().any(|signature| may_return_instance_of(db, signature.return_type, literal)) {
            return (signatures, None);
        }
    }
    let instance = Type::Instance(instance_class);
    let init = own_constructor_method(db, instance_class, "__init__");
    if let Some(new) = own_constructor_method(db, instance_class, "__new__") {
        let signatures = new_signatures(db, new, instance_class);
        let skips: Vec<bool> = signatures.iter().map(|signature| new_skips_init(db, new, signature.return_type, literal)).collect();
        if skips.iter().all(|skips| *skips) {
            return (signatures, None);
        }
        let declared = crate::infer::function::has_return_annotation(db, new);
        let making_instance = |signatures: Vec<Signature<'db>>| -> Vec<Signature<'db>> {
            signatures.into_iter().map(|signature| Signature { return_type: if declared { signature.return_type } else { instance }, ..signature }).collect()
        };
        match init {
            None => return (making_instance(signatures), None),
            // Overloads of `__new__` that make something else stay as they are (no
            // `__init__` runs after them); `__init__`'s signatures stand in for the others,
            // where the first of them was.
            Some(init) if skips.iter().any(|skips| *skips) => {
                let mut init_signatures = Some(init_signatures(db, init, instance_class));
                let mut result = Vec::new();
                for (signature, skips) in signatures.into_iter().zip(skips) {
                    if skips {
                        result.push(signature);
                    } else if let Some(init_signatures) = init_signatures.take() {
                        result.extend(init_signatures);
                    }
                }
                return (result, None);
            }
            // Both run: the conversion is the union of the two callables. The one a call is
            // solved with is `__new__`'s unless it takes any arguments (`*args, **kwargs`),
            // which says nothing about them.
            Some(init) => {
                let (new, init) = (making_instance(signatures), init_signatures(db, init, instance_class));
                return if new.iter().any(takes_any_arguments) { (init, Some(new)) } else { (new, Some(init)) };
            }
        }
    }
    match init {
        Some(init) => (init_signatures(db, init, instance_class), None),
        None => (vec![Signature { parameters: Vec::new(), return_type: instance, gradual_parameters: false }], None),
    }
}

/// `(*args, **kwargs)`: a signature that passes every argument on.
fn takes_any_arguments(signature: &Signature<'_>) -> bool {
    use crate::types::ParameterKind;
    signature.gradual_parameters
        || [ParameterKind::Variadic, ParameterKind::KeywordVariadic].iter().all(|kind| signature.parameters.iter().any(|parameter| parameter.kind == *kind))
}

/// Whether a metaclass `__call__` returning `returned` may give an instance of the class
/// (then it acts like `type.__call__`): an instance of it or of a subclass, a union with
/// one, an unknown type, or a type still mentioning a type variable.
fn may_return_instance_of<'db>(db: &'db dyn Db, returned: Type<'db>, constructed: ClassLiteral<'db>) -> bool {
    match returned {
        Type::Union(union) => union.elements(db).iter().any(|member| may_return_instance_of(db, *member, constructed)),
        Type::Instance(class) => class::is_subclass(db, class.class(db), constructed),
        other => other.is_dynamic() || crate::generics::has_typevars(db, other),
    }
}

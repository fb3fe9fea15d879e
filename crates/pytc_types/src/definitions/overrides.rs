//! Method overrides in a class body: overriding a `@final` method of a base (with a method or
//! any other definition), `@final` on a function that is not a method, methods marked
//! `@override` that override nothing, and overrides whose type is not assignable to the
//! overridden member's type: a method's callable type, a property's getter type, or (when
//! marked) a declared attribute's type.
//!
//! A method marked `@override` is held to the spec's rule whole, parameter names included
//! (and `__init__` and `__new__` too). An unmarked override is checked where the peers and
//! mypy agree it is wrong: in source files (a stub describes what the runtime does), when both
//! methods are annotated, neither is overloaded and the base does not take `*args: Any`, by
//! parameter position (a renamed parameter is not reported), and never for the constructors
//! (`__init__`, `__new__`, `__init_subclass__`, `__post_init__`) or private names, which each
//! class defines for itself.

use pytc_db::{Db, declare_rule};

use crate::class::{self, ClassMember};
use crate::function::{BoundMethodType, FunctionFlags, FunctionType};
use crate::infer::InferContext;
use crate::definitions::overload_definitions::FunctionGroup;
use crate::types::{ClassLiteral, ClassType, ParameterKind, Signature, Type};

declare_rule! {
    /// A method that overrides a `@final` method of a base class.
    ///
    /// ```python
    /// from typing import final
    /// class A:
    ///     @final
    ///     def f(self) -> None: ...
    /// class B(A):
    ///     def f(self) -> None: ...  # error: [override-of-final-method]
    /// ```
    pub static OVERRIDE_OF_FINAL_METHOD = {
        name: "override-of-final-method",
        summary: "a method overrides a `@final` method",
        level: Error,
    }
}

declare_rule! {
    /// A method decorated with `@override` that overrides no member of a base class.
    ///
    /// ```python
    /// from typing import override
    /// class A:
    ///     @override
    ///     def f(self) -> None: ...  # error: [invalid-explicit-override]
    /// ```
    pub static INVALID_EXPLICIT_OVERRIDE = {
        name: "invalid-explicit-override",
        summary: "an `@override` method overrides nothing",
        level: Error,
    }
}

declare_rule! {
    /// A method whose type is not assignable to the type of the method it overrides: a caller
    /// holding the base class could call it in a way it does not accept, or get back what the
    /// base does not promise. Unmarked overrides are compared by parameter position; with
    /// `@override`, names count too.
    ///
    /// ```python
    /// from typing import override
    /// class A:
    ///     def f(self, x: int) -> None: ...
    ///     def g(self) -> str: ...
    /// class B(A):
    ///     @override
    ///     def f(self, x: str) -> None: ...  # error: [invalid-method-override]
    ///     def g(self) -> int: ...  # error: [invalid-method-override]
    /// ```
    pub static INVALID_METHOD_OVERRIDE = {
        name: "invalid-method-override",
        summary: "a method is incompatible with the method it overrides",
        level: Error,
    }
}

/// Check one method (or overload group) of the class whose body is being checked.
pub(crate) fn check_method_override(context: &mut InferContext<'_>, group: &FunctionGroup<'_, '_>) {
    let db = context.db;
    let Some(class) = context.enclosing_class() else { return };
    let name = group.name();
    let representative = group.representative();
    let range = representative.node.name.range;
    if report_final_method_override(context, class, name, range) {
        return;
    }
    let marked = representative.flags.contains(FunctionFlags::OVERRIDE);
    if !marked && (context.index.is_stub() || !checks_unmarked_override(name, group)) {
        return;
    }
    let overridden = overridden_member(db, class, name);
    let Some((_, member)) = overridden else {
        if marked && !class::has_dynamic_base(db, class) {
            context.report(
                range,
                &INVALID_EXPLICIT_OVERRIDE,
                format!("`{name}` is marked `@override` but no base class of `{}` defines it", class.name(db)),
            );
        }
        return;
    };
    // The last `def` of a group carries the signatures of the whole group.
    let Some(function) = group.members.last().and_then(|m| m.function) else { return };
    let own = class::members::specialized_by_own_parameters(db, class);
    let is_property = function.has(db, FunctionFlags::PROPERTY);
    let (child_type, base_type, what) = match member.ty {
        // Unmarked, a property is judged once, at its getter (not again at its setter).
        Type::Function(_) if is_property && !marked && crate::infer::property_accessors::property_getter(db, function) != Some(function) => return,
        Type::Function(base_function) if is_property && base_function.has(db, FunctionFlags::PROPERTY) => {
            let (Some(child), Some(base)) = (getter_type(db, function, own), getter_type(db, base_function, own)) else { return };
            (child, base, "property")
        }
        Type::Function(base_function) if !is_property && !base_function.has(db, FunctionFlags::PROPERTY) => {
            let (Some(child), Some(base)) = (method_as_callable(db, function, own), method_as_callable(db, base_function, own)) else { return };
            (child, base, "method")
        }
        // A method in place of a declared attribute is what the attribute holds: a
        // `Callable[[int], None]` attribute may become a method taking an `int`.
        base_type if marked && member.declared && !is_property && !matches!(base_type, Type::Function(_)) => {
            let Some(child) = method_as_callable(db, function, own) else { return };
            (child, base_type, "attribute")
        }
        _ => return,
    };
    let base_type = with_bare_parameters_unknown(db, base_type, class);
    if !marked && (!is_annotated_callable(db, base_type) || is_overloaded(db, child_type) || is_overloaded(db, base_type) || takes_any_arguments(db, base_type)) {
        return;
    }
    let compared_base = if marked { base_type } else { by_position(db, base_type) };
    if !child_type.is_assignable_to(db, compared_base) {
        context.report(
            range,
            &INVALID_METHOD_OVERRIDE,
            format!(
                "`{}.{name}` of type `{}` is not assignable to the overridden {what} of type `{}`",
                class.name(db),
                child_type.display(db),
                base_type.display(db)
            ),
        );
    }
}

/// Whether an override not marked `@override` is checked: not a constructor or a private
/// name, and annotated (a parameter or the return).
fn checks_unmarked_override(name: &str, group: &FunctionGroup<'_, '_>) -> bool {
    if matches!(name, "__init__" | "__new__" | "__init_subclass__" | "__post_init__") || (name.starts_with("__") && !name.ends_with("__")) {
        return false;
    }
    group.members.iter().any(|member| {
        let node = member.node;
        node.returns.is_some() || node.parameters.iter().any(|parameter| parameter.annotation().is_some())
    })
}

/// Whether the overridden method takes any positional arguments (`*args: Any`): it leaves the
/// subclass free to name them, as mypy reads it (`cmd.Cmd.completedefault(*ignored)`).
fn takes_any_arguments<'db>(db: &'db dyn Db, ty: Type<'db>) -> bool {
    let Type::Callable(callable) = ty else { return false };
    callable.signatures(db).iter().any(|signature| {
        signature.parameters.iter().any(|parameter| parameter.kind == ParameterKind::Variadic && parameter.annotated.is_dynamic())
    })
}

/// Whether a callable type has several signatures. Overloads against overloads are left to
/// `@override`: which overload of the base each of the subclass's must cover is where the
/// peers disagree (mypy accepts `MultiDict.setdefault`'s against `dict`'s; ty does not).
fn is_overloaded<'db>(db: &'db dyn Db, ty: Type<'db>) -> bool {
    matches!(ty, Type::Callable(callable) if callable.signatures(db).len() > 1)
}

/// Whether an overridden method's callable type (or a property's type) says something: a
/// parameter or the return is not unknown.
fn is_annotated_callable<'db>(db: &'db dyn Db, ty: Type<'db>) -> bool {
    match ty {
        Type::Callable(callable) => callable
            .signatures(db)
            .iter()
            .any(|signature| !signature.return_type.is_dynamic() || signature.parameters.iter().any(|parameter| !parameter.annotated.is_dynamic())),
        other => !other.is_dynamic(),
    }
}

/// The overridden member's type with the type parameters of the base classes read as unknown
/// where the subclass leaves them unspecialized (`class Options(MutableMapping)`: `__iter__`
/// gives an `Iterator` of anything, not of `_KT`). A base specialized through the subclass's
/// bases leaves none to replace; the subclass's own parameters stay.
fn with_bare_parameters_unknown<'db>(db: &'db dyn Db, ty: Type<'db>, class: ClassLiteral<'db>) -> Type<'db> {
    let own = class::type_parameters(db, class);
    let mut bare = Vec::new();
    for base in class::class_mro(db, class).classes.iter() {
        for parameter in class::type_parameters(db, base.class(db)) {
            if !own.contains(parameter) && !bare.contains(parameter) {
                bare.push(*parameter);
            }
        }
    }
    if bare.is_empty() {
        return ty;
    }
    crate::generics::Specialization::from_pairs(bare.into_iter().map(|parameter| (parameter, Type::UNKNOWN))).apply(db, ty)
}

/// The overridden method's type with the parameters that take a position taken by position
/// only: an unmarked override may rename them (callers are assumed to pass them by
/// position), and still takes by keyword what the base takes only by keyword.
fn by_position<'db>(db: &'db dyn Db, ty: Type<'db>) -> Type<'db> {
    let Type::Callable(callable) = ty else { return ty };
    let signatures = callable
        .signatures(db)
        .iter()
        .map(|signature| {
            let mut positional = signature.clone();
            for parameter in &mut positional.parameters {
                if parameter.kind == ParameterKind::PositionalOrKeyword {
                    parameter.kind = ParameterKind::PositionalOnly;
                }
            }
            positional
        })
        .collect();
    crate::call::callable_of(db, signatures)
}

/// `@final` on a function outside a class body: only methods (and classes) can be final.
pub(crate) fn check_final_on_function(context: &mut InferContext<'_>, group: &FunctionGroup<'_, '_>) {
    for member in &group.members {
        if member.flags.contains(FunctionFlags::FINAL) {
            context.report(
                member.node.name.range,
                &crate::infer::final_rules::INVALID_FINAL,
                format!("`@final` applies to methods and classes, and `{}` is not a method", group.name()),
            );
        }
    }
}

/// Report a class-body definition of `name` (a method or any other binding or declaration)
/// that overrides a `@final` method of a base; whether it did.
pub(crate) fn report_final_method_override(context: &mut InferContext<'_>, class: ClassLiteral<'_>, name: &str, range: pytc_syntax::TextRange) -> bool {
    let db = context.db;
    let Some((base, member)) = overridden_member(db, class, name) else { return false };
    if !is_final_method(db, member.ty) {
        return false;
    }
    context.report(range, &OVERRIDE_OF_FINAL_METHOD, format!("`{name}` overrides the final method `{}.{name}`", base.name(db)));
    true
}

/// The first class after `class` in its MRO that defines `name`, and that member.
fn overridden_member<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<(ClassLiteral<'db>, ClassMember<'db>)> {
    let own = class::members::specialized_by_own_parameters(db, class);
    class::class_mro(db, class).classes.iter().find_map(|base| {
        class::own_class_member(db, base.class(db), name)?;
        let ancestor = class::find_ancestor(db, own, base.class(db)).unwrap_or(*base);
        let member = class::class_member(db, ancestor, name)?;
        Some((base.class(db), member))
    })
}

/// The class in `class`'s MRO (itself first) whose body defines `name`, when that
/// definition is a `@final` method: assigning the attribute through an instance or the class
/// replaces the method as an override would.
pub(crate) fn final_method_owner<'db>(db: &'db dyn Db, class: ClassType<'db>, name: &str) -> Option<ClassLiteral<'db>> {
    let literal = class.class(db);
    let mro = class::class_mro(db, literal);
    let member = std::iter::once(literal)
        .chain(mro.classes.iter().map(|entry| entry.class(db)))
        .find_map(|candidate| class::own_class_member(db, candidate, name).filter(|member| !member.instance_only))?;
    is_final_method(db, member.ty).then_some(member.owner)
}

/// A `@final` method, or an overload group whose implementation or first overload is final.
fn is_final_method<'db>(db: &'db dyn Db, ty: Type<'db>) -> bool {
    let Type::Function(function) = ty else { return false };
    function.has(db, FunctionFlags::FINAL) || crate::infer::function::overload_group(db, function).iter().any(|f| f.has(db, FunctionFlags::FINAL))
}

/// What a property's getter returns, seen through an instance of `class`.
fn getter_type<'db>(db: &'db dyn Db, property: FunctionType<'db>, class: ClassType<'db>) -> Option<Type<'db>> {
    // The `def` a property's name is bound to last may be its setter or deleter.
    let getter = crate::infer::property_accessors::property_getter(db, property)?;
    let Type::Callable(callable) = method_as_callable(db, getter, class)? else { return None };
    match &**callable.signatures(db) {
        [signature] => Some(signature.return_type),
        _ => None,
    }
}

/// A method as the callable an access through an instance of `class` (or the class, for
/// class methods and `__new__`) sees.
fn method_as_callable<'db>(db: &'db dyn Db, function: FunctionType<'db>, class: ClassType<'db>) -> Option<Type<'db>> {
    let signatures: Vec<Signature<'db>> = if &**function.name(db) == "__new__" || function.has(db, FunctionFlags::CLASSMETHOD) {
        crate::call::declared_bound_method_signatures(db, BoundMethodType::new(db, function, Type::ClassObject(class)))
    } else if function.has(db, FunctionFlags::STATICMETHOD) {
        crate::function::declared_signatures(db, function).clone()
    } else {
        crate::call::declared_bound_method_signatures(db, BoundMethodType::new(db, function, Type::Instance(class)))
    };
    (!signatures.is_empty()).then(|| crate::call::callable_of(db, signatures))
}

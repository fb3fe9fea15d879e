//! Method overrides in a class body: overriding a `@final` method of a base (with a method or
//! any other definition), `@final` on a function that is not a method, methods marked
//! `@override` that override nothing, and overrides whose type is not assignable to the
//! overridden member's type: a method's callable type, a property's getter type, or a
//! declared attribute's type (a property without a setter cannot replace a writable one).
//!
//! A method marked `@override` is held to the spec's rule whole, parameter names included
//! (and `__init__` and `__new__` too). An unmarked override is checked where the peers and
//! mypy agree it is wrong: in source files (a stub describes what the runtime does), when both
//! methods are annotated and the base does not take `*args: Any`, by parameter position (a
//! renamed parameter is not reported), and never for the constructors (`__init__`, `__new__`,
//! `__init_subclass__`, `__post_init__`) or private names, which each class defines for
//! itself. Overloads are compared as the spec assigns overloaded callables: each overload of
//! the base must be accepted by some overload of the override (or by its one signature), and
//! an overloaded override of a plain method needs one overload that accepts it.

use pytc_db::{Db, declare_rule};
use pytc_syntax::Ranged;

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
pub(crate) fn check_method_override<'db>(context: &mut InferContext<'db>, group: &FunctionGroup<'_, 'db>) {
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
    let Some((base, member)) = overridden else {
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
        _ if is_property && !marked && crate::infer::property_accessors::property_getter(db, function) != Some(function) => return,
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
        base_type if member.declared && !matches!(base_type, Type::Function(_) | Type::ClassObject(_)) && (marked || judges_attribute(db, base, name)) => {
            if is_property {
                let Some(child) = getter_type(db, function, own) else { return };
                if report_read_only_property(context, class, name, range, base, child, base_type) {
                    return;
                }
                (child, base_type, "attribute")
            } else {
                let Some(child) = method_as_callable(db, function, own) else { return };
                (child, base_type, "attribute")
            }
        }
        _ => return,
    };
    let base_type = with_bare_parameters_unknown(db, base_type, class);
    let generic_overloads = || {
        (is_overloaded(db, child_type) || is_overloaded(db, base_type))
            && (has_method_type_variables(db, function, class) || matches!(member.ty, Type::Function(base_function) if has_method_type_variables(db, base_function, base)))
    };
    if !marked && (!is_annotated_callable(db, base_type) || takes_any_arguments(db, base_type) || generic_overloads()) {
        return;
    }
    let compared_base = if marked { base_type } else { by_position(db, base_type) };
    if !child_type.is_assignable_to(db, compared_base) {
        context.report(
            report_range(group),
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

/// Where an override is reported: a lone `def`'s name; for an overload group, its first
/// overload from its first decorator to its name, the lines mypy's `# type: ignore[override]`
/// comments sit on.
fn report_range(group: &FunctionGroup<'_, '_>) -> pytc_syntax::TextRange {
    let representative = group.representative();
    if group.members.len() < 2 {
        return representative.node.name.range;
    }
    let first = group.members[0].node;
    let start = first.decorator_list.first().map_or(first.name.range.start(), |decorator| decorator.range().start());
    pytc_syntax::TextRange::new(start, first.name.range.end())
}

/// Whether a callable type has several signatures.
fn is_overloaded<'db>(db: &'db dyn Db, ty: Type<'db>) -> bool {
    matches!(ty, Type::Callable(callable) if callable.signatures(db).len() > 1)
}

/// Whether a method's declared signatures mention type variables of their own (not of
/// `owner`, the class that defines it, nor its `Self`). Unmarked overloads compared against
/// such generic signatures are left alone: how their variables are solved is where the peers
/// part (`dict.setdefault`'s `self: dict[_KT, _T | None]` overload, generic factory
/// registrations), and mypy, zuban and pyrefly accept what pytc's comparison rejects.
fn has_method_type_variables<'db>(db: &'db dyn Db, function: FunctionType<'db>, owner: ClassLiteral<'db>) -> bool {
    let mut found = Vec::new();
    for signature in crate::function::declared_signatures(db, function) {
        for parameter in &signature.parameters {
            crate::class::header::collect_typevars(db, parameter.annotated, &mut found);
        }
        crate::class::header::collect_typevars(db, signature.return_type, &mut found);
    }
    let own = class::type_parameters(db, owner);
    let own_self = crate::infer::annotation::self_typevar(db, owner);
    found.iter().any(|typevar| !own.contains(typevar) && *typevar != own_self)
}

/// Whether an unmarked method or property in place of a base's declared attribute is judged:
/// a name the attribute rules judge (not private or dunder: `__hash__: ClassVar[None]` of a
/// base is for the runtime) of a base they judge (not `Final`, not a named tuple field).
fn judges_attribute(db: &dyn Db, base: ClassLiteral<'_>, name: &str) -> bool {
    crate::definitions::attribute_overrides::is_checked_name(name) && !crate::definitions::attribute_overrides::skips_base(db, base, name)
}

/// A property without a setter in place of a writable attribute (any declared attribute
/// but a frozen dataclass's field): code holding the base may assign it. A
/// `cached_property` is written through the instance and counts as writable. Reported when the
/// getter's type fits (else the type is what is wrong); whether it was.
fn report_read_only_property<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, name: &str, range: pytc_syntax::TextRange, base: ClassLiteral<'db>, getter: Type<'db>, attribute: Type<'db>) -> bool {
    let db = context.db;
    // The name's last `def` is the property as the class ends up with it, setter and all.
    let (has_setter, cached) = match class::own_class_member(db, class, name).map(|own| own.ty) {
        Some(Type::Function(last)) => (crate::infer::property_accessors::property_setter(db, last).is_some(), last.has(db, FunctionFlags::CACHED_PROPERTY)),
        _ => (true, false),
    };
    let frozen = crate::class::dataclass::dataclass_params(db, base).as_ref().is_some_and(|params| params.frozen);
    if has_setter || cached || frozen || !getter.is_assignable_to(db, with_bare_parameters_unknown(db, attribute, class)) {
        return false;
    }
    context.report(
        range,
        &crate::definitions::attribute_overrides::INVALID_ATTRIBUTE_OVERRIDE,
        format!("Property `{}.{name}` without a setter overrides the writable attribute `{}.{name}`", class.name(db), base.name(db)),
    );
    true
}

/// Whether an overridden method's callable type (or a property's type) says something: a
/// parameter or the return is not unknown.
pub(crate) fn is_annotated_callable<'db>(db: &'db dyn Db, ty: Type<'db>) -> bool {
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
pub(crate) fn with_bare_parameters_unknown<'db>(db: &'db dyn Db, ty: Type<'db>, class: ClassLiteral<'db>) -> Type<'db> {
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
/// that overrides a `@final` method of a base; whether it did. A private name (`__m`) is
/// mangled per class (`_A__m`, `_B__m`), so the subclass's definition overrides nothing.
pub(crate) fn report_final_method_override(context: &mut InferContext<'_>, class: ClassLiteral<'_>, name: &str, range: pytc_syntax::TextRange) -> bool {
    let db = context.db;
    if class::enum_members::is_private_name(name) {
        return false;
    }
    let Some((base, member)) = overridden_member(db, class, name) else { return false };
    if !is_final_method(db, member.ty) {
        return false;
    }
    context.report(range, &OVERRIDE_OF_FINAL_METHOD, format!("`{name}` overrides the final method `{}.{name}`", base.name(db)));
    true
}

/// The first class after `class` in its MRO that defines `name`, and that member.
pub(crate) fn overridden_member<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<(ClassLiteral<'db>, ClassMember<'db>)> {
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
pub(crate) fn getter_type<'db>(db: &'db dyn Db, property: FunctionType<'db>, class: ClassType<'db>) -> Option<Type<'db>> {
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
pub(crate) fn method_as_callable<'db>(db: &'db dyn Db, function: FunctionType<'db>, class: ClassType<'db>) -> Option<Type<'db>> {
    let signatures: Vec<Signature<'db>> = if &**function.name(db) == "__new__" || function.has(db, FunctionFlags::CLASSMETHOD) {
        crate::call::declared_bound_method_signatures(db, BoundMethodType::new(db, function, Type::ClassObject(class)))
    } else if function.has(db, FunctionFlags::STATICMETHOD) {
        crate::function::declared_signatures(db, function).clone()
    } else {
        crate::call::declared_bound_method_signatures(db, BoundMethodType::new(db, function, Type::Instance(class)))
    };
    (!signatures.is_empty()).then(|| crate::call::callable_of(db, signatures))
}

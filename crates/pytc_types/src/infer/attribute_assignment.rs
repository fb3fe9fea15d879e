//! Assignments to attributes (`obj.name = value`): what the attribute accepts through an
//! instance. A property takes what its setter takes and has no setter to be read-only; a
//! data descriptor (a class attribute whose type has `__set__`) takes what `__set__` takes;
//! any other attribute takes its declared type, or for an undeclared one the union of what
//! the class assigns to it; a dataclass field with a converter takes what the converter
//! takes. An attribute no class in the MRO defines is unresolved unless a
//! `__setattr__` override (or a base pytc cannot see) may accept anything. A module's
//! annotated variable assigned through the module (`settings.retries = 3`) takes its
//! declared type, and so does a declared class attribute assigned through its class
//! (`Starship.stats = {}`).

use pytc_syntax::{Ranged, TextRange};
use pytc_syntax::ast;

use crate::class::ClassMember;
use crate::infer::InferContext;
use crate::infer::attribute::member_access;
use crate::function::{BoundMethodType, FunctionFlags};
use crate::types::{ClassType, Type};

/// What assigning to an attribute of one instance type does with the value.
enum AttributeStore<'db> {
    /// The value must be assignable to this type.
    Declared(Type<'db>),
    /// A property setter (called with the value) or a descriptor's `__set__` (called with
    /// the receiver first: `Some(receiver)`).
    Setter(Type<'db>, Option<Type<'db>>),
    /// A property without a setter.
    ReadOnlyProperty,
    /// No class defines the attribute and nothing else accepts it.
    Missing,
    /// Only methods assign the attribute, and the instances' `__slots__` do not include it.
    NotASlot,
    /// Nothing is known well enough to check (dynamic types, `__setattr__`, methods).
    Unchecked,
}

impl<'db> InferContext<'db> {
    /// Check `object.<attribute> = value` for every type `object` may have.
    pub(crate) fn check_attribute_store(&mut self, object: Type<'db>, attribute: &ast::ExprAttribute, value: Type<'db>, value_range: TextRange) {
        let db = self.db;
        let name = attribute.attr.as_str();
        self.check_deprecated_property(attribute.attr.range, object, name, true);
        for receiver in object.union_elements(db) {
            if let Type::Module(module) = receiver {
                if let Some(declared) = declared_module_variable(db, module, name)
                    && !value.is_assignable_to(db, declared)
                {
                    self.report(
                        value_range,
                        &crate::infer::stmt::INVALID_ASSIGNMENT,
                        format!("Object of type `{}` is not assignable to `{name}` of module `{}`, declared `{}`", value.display(db), crate::module_name_of(db, module).unwrap_or_default(), declared.display(db)),
                    );
                    return;
                }
                continue;
            }
            if let Type::ClassObject(class) | Type::SubclassOf(class) = receiver {
                if let Some(declared) = class_attribute_declared_type(db, class, name)
                    && !value.is_assignable_to(db, declared)
                {
                    self.report_unassignable_attribute(value_range, value, declared, &format!("class attribute `{name}`"));
                    return;
                }
                continue;
            }
            let Some(class) = receiver_class(db, receiver) else { continue };
            match attribute_store(db, receiver, class, name) {
                AttributeStore::Declared(declared) => {
                    if !value.is_assignable_to(db, declared) {
                        self.report_unassignable_attribute(value_range, value, declared, &format!("attribute `{name}`"));
                        return;
                    }
                }
                AttributeStore::Setter(setter, descriptor_receiver) => {
                    let arguments: Vec<Type<'db>> = descriptor_receiver.into_iter().chain([value]).collect();
                    if crate::call::call_with_argument_types(db, setter, &arguments).is_err() {
                        self.report(
                            value_range,
                            &crate::infer::stmt::INVALID_ASSIGNMENT,
                            format!("Object of type `{}` is not accepted by the setter of attribute `{name}` of `{}`", value.display(db), class.name(db)),
                        );
                        return;
                    }
                }
                AttributeStore::ReadOnlyProperty => {
                    self.report(
                        attribute.range(),
                        &crate::class::synthesized_checks::READ_ONLY_ATTRIBUTE,
                        format!("Cannot assign to attribute `{name}` of `{}`: it is a property without a setter", class.name(db)),
                    );
                    return;
                }
                AttributeStore::Missing => {
                    self.report(
                        attribute.range(),
                        &crate::infer::attribute::UNRESOLVED_ATTRIBUTE,
                        format!("Cannot assign to attribute `{name}`: type `{}` has no attribute `{name}`", receiver.display(db)),
                    );
                    return;
                }
                AttributeStore::NotASlot => {
                    self.report(
                        attribute.range(),
                        &crate::infer::attribute::UNRESOLVED_ATTRIBUTE,
                        format!("Cannot assign to attribute `{name}`: `{}` defines `__slots__` without it", class.name(db)),
                    );
                    return;
                }
                AttributeStore::Unchecked => {}
            }
        }
    }

    /// `value` (written at `value_range`) does not fit the declared type of `target`
    /// (``attribute `x` `` or ``class attribute `x` ``).
    fn report_unassignable_attribute(&mut self, value_range: TextRange, value: Type<'db>, declared: Type<'db>, target: &str) {
        let db = self.db;
        self.report_unassignable(
            value_range,
            &crate::infer::stmt::INVALID_ASSIGNMENT,
            format!("Object of type `{}` is not assignable to {target} of type `{}`", value.display(db), declared.display(db)),
            value,
            declared,
        );
    }

    /// The declared type of `object.<attribute>` where every type `object` may have agrees
    /// on it: the context a value assigned to it is inferred in (`self.ops = [Branch()]`
    /// with `ops: list[Op]` is a `list[Op]`).
    pub(crate) fn declared_attribute_type(&mut self, attribute: &ast::ExprAttribute) -> Option<Type<'db>> {
        let db = self.db;
        let was = self.suspend_reporting();
        let object = self.infer_expression(&attribute.value);
        self.resume_reporting(was);
        let mut declared = None;
        for receiver in object.union_elements(db) {
            let class = receiver_class(db, receiver)?;
            let AttributeStore::Declared(ty) = attribute_store(db, receiver, class, attribute.attr.as_str()) else { return None };
            if declared.is_some_and(|seen| seen != ty) {
                return None;
            }
            declared = Some(ty);
        }
        declared
    }
}

/// The declared type of the module variable `name` of `module`, which `module.name = value`
/// must respect: only a variable the module annotates itself. Functions, classes and
/// modules are left alone (replacing them through the module is how tests patch them), and
/// so are variables whose type is inferred from their values (`DEBUG = False` may become
/// `True`) or re-exported from another module, which may infer it.
fn declared_module_variable<'db>(db: &'db dyn pytc_db::Db, module: pytc_db::File, name: &str) -> Option<Type<'db>> {
    if !crate::infer::public::module_symbol_annotated(db, module, name) {
        return None;
    }
    let ty = crate::infer::public::module_symbol(db, module, name)?;
    let replaceable = |element: &Type<'db>| matches!(element, Type::Function(_) | Type::ClassObject(_) | Type::Module(_) | Type::Dynamic(_));
    (!ty.union_elements(db).iter().any(replaceable)).then_some(ty)
}

/// What `Class.name = value` must assign: the declared type of a class-body attribute or
/// class variable. `None` (unchecked) for methods, properties and descriptors (assigning
/// through the class replaces them), for `Final` attributes (reassigning them is the error),
/// for types with the class's type variables, and for a name the metaclass defines too.
fn class_attribute_declared_type<'db>(db: &'db dyn pytc_db::Db, class: ClassType<'db>, name: &str) -> Option<Type<'db>> {
    let member = crate::class::class_member(db, class, name)?;
    // A `Final` attribute is reported as reassigned instead.
    if !member.declared || member.instance_only || member.is_object_member || crate::definitions::final_reassignment::is_final_attribute(db, Type::ClassObject(class), name) {
        return None;
    }
    if let Type::Instance(metaclass) = crate::class::metaclass_instance(db, class.class(db))
        && crate::class::class_member(db, metaclass, name).is_some()
    {
        return None;
    }
    let is_descriptor = |ty: Type<'db>| {
        matches!(ty, Type::Instance(descriptor) if ["__get__", "__set__"].iter().any(|method| crate::class::class_member(db, descriptor, method).is_some()))
    };
    let ty = member.ty;
    let replaceable = matches!(ty, Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_)) || is_descriptor(ty) || ty.is_dynamic();
    (!replaceable && !crate::generics::has_typevars(db, ty)).then_some(ty)
}

/// The class whose instance `receiver` is (a literal through its class, a type variable
/// through its bound).
pub(crate) fn receiver_class<'db>(db: &'db dyn pytc_db::Db, receiver: Type<'db>) -> Option<ClassType<'db>> {
    match receiver {
        Type::Instance(class) => Some(class),
        Type::TypeVar(typevar) => match typevar.bound(db) {
            Some(Type::Instance(class)) => Some(class),
            _ => None,
        },
        other => match other.literal_fallback_instance(db) {
            Some(Type::Instance(class)) => Some(class),
            _ => None,
        },
    }
}

fn attribute_store<'db>(db: &'db dyn pytc_db::Db, receiver: Type<'db>, class: ClassType<'db>, name: &str) -> AttributeStore<'db> {
    let literal = class.class(db);
    if crate::class::is_typed_dict(db, literal) {
        return AttributeStore::Unchecked;
    }
    let Some(member) = crate::class::class_member(db, class, name) else {
        return if accepts_any_attribute(db, class) { AttributeStore::Unchecked } else { AttributeStore::Missing };
    };
    // `Self` in the owner's declarations means the receiver.
    let self_of_owner = crate::infer::annotation::self_typevar(db, member.owner);
    let ty = crate::generics::Specialization::from_pairs([(self_of_owner, receiver)]).apply(db, member.ty);
    if member.instance_only
        && crate::class::slots::has_slots_only_layout(db, literal)
        && !crate::class::slots::is_slot(db, literal, name)
        && !defined_on_a_class(db, literal, name)
        && !accepts_any_attribute(db, class)
    {
        return AttributeStore::NotASlot;
    }
    if member.class_var {
        // Reported as an assignment to a class variable through an instance.
        return AttributeStore::Unchecked;
    }
    if !member.instance_only {
        match ty {
            // An instance may assign a cached property what its getter returns.
            Type::Function(function) if function.has(db, FunctionFlags::CACHED_PROPERTY) => {
                return member_access(db, receiver, name).found().map_or(AttributeStore::Unchecked, AttributeStore::Declared);
            }
            Type::Function(function) if function.has(db, FunctionFlags::PROPERTY) => {
                return match crate::infer::property_accessors::property_setter(db, function) {
                    Some(setter) => AttributeStore::Setter(Type::BoundMethod(BoundMethodType::new(db, setter, receiver)), None),
                    None => AttributeStore::ReadOnlyProperty,
                };
            }
            Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_) => return AttributeStore::Unchecked,
            Type::Instance(descriptor) if crate::class::class_member(db, descriptor, "__set__").is_some() => {
                return match member_access(db, ty, "__set__").found() {
                    Some(setter) => AttributeStore::Setter(setter, Some(receiver)),
                    None => AttributeStore::Unchecked,
                };
            }
            // A non-data descriptor is shadowed by the instance's own attribute.
            Type::Instance(descriptor) if crate::class::class_member(db, descriptor, "__get__").is_some() => return AttributeStore::Unchecked,
            _ => {}
        }
    }
    // A dataclass field with a converter takes what the converter takes.
    if let Some(input) = crate::class::dataclass::converted_field_input(db, class, name) {
        return AttributeStore::Declared(input);
    }
    if !member.declared
        && let Some(declared) = inherited_declaration(db, class, member.owner, name)
    {
        return AttributeStore::Declared(declared);
    }
    declared_or_assigned(db, &member, ty, name)
}

/// Whether a class body of the MRO defines `name` (a property, a descriptor or a class
/// attribute, which instances reach without a slot), although a method assigns it too.
fn defined_on_a_class(db: &dyn pytc_db::Db, class: crate::types::ClassLiteral<'_>, name: &str) -> bool {
    let mro = crate::class::class_mro(db, class);
    std::iter::once(class)
        .chain(mro.classes.iter().map(|ancestor| ancestor.class(db)))
        .any(|literal| crate::class::own_class_member(db, literal, name).is_some_and(|member| !member.instance_only))
}

/// A base's declaration of an attribute that a subclass only assigns (`self.type = typ` in a
/// subclass of a class declaring `self.type: ProperType | None`): what the base declares is
/// what the attribute accepts.
fn inherited_declaration<'db>(db: &'db dyn pytc_db::Db, class: ClassType<'db>, owner: crate::types::ClassLiteral<'db>, name: &str) -> Option<Type<'db>> {
    let mro = crate::class::class_mro(db, class.class(db));
    // The MRO lists the bases only: an attribute the class itself assigns starts at the first.
    let skip = if owner == class.class(db) { 0 } else { mro.classes.iter().position(|ancestor| ancestor.class(db) == owner).map_or(mro.classes.len(), |at| at + 1) };
    let bases = mro.classes.iter().skip(skip);
    for ancestor in bases {
        let view = crate::class::find_ancestor(db, class, ancestor.class(db)).unwrap_or(*ancestor);
        if let Some(member) = crate::class::class_member(db, view, name)
            && member.declared
            && !member.is_object_member
        {
            return Some(member.ty);
        }
    }
    None
}

/// What a plain attribute accepts: its declared type, else everything the class assigns to
/// it (in its body and through `self` in its methods). An undeclared attribute only ever set
/// to `None` is treated as undeclared: its real type is assigned elsewhere.
fn declared_or_assigned<'db>(db: &'db dyn pytc_db::Db, member: &ClassMember<'db>, ty: Type<'db>, name: &str) -> AttributeStore<'db> {
    if member.declared {
        return AttributeStore::Declared(ty);
    }
    let mut accepted = crate::infer::expr_widen(db, ty);
    if !member.instance_only
        && let Some(through_self) = crate::class::members::assigned_through_self_type(db, member.owner, name)
    {
        accepted = Type::union(db, accepted, through_self);
    }
    if accepted == Type::None { AttributeStore::Unchecked } else { AttributeStore::Declared(accepted) }
}

/// Whether instances of `class` may take attributes no class declares: classes themselves
/// (instances of `type` and of metaclasses), a `__setattr__` other than `object`'s, a
/// `__getattr__` (attributes made up on the fly), a base pytc cannot resolve, or members
/// pytc does not model.
fn accepts_any_attribute<'db>(db: &'db dyn pytc_db::Db, class: ClassType<'db>) -> bool {
    let literal = class.class(db);
    let overridden = |name: &str| crate::class::class_member(db, class, name).is_some_and(|member| !member.is_object_member);
    crate::class::is_subclass_of_known(db, class, crate::class::KnownClass::Type)
        || overridden("__setattr__")
        || overridden("__getattr__")
        || crate::class::has_dynamic_base(db, literal)
        || crate::class::dataclass::has_unmodeled_dataclass(db, literal)
}

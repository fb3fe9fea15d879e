//! Attribute access: instance and class lookups along the MRO with the descriptor protocol
//! (methods bind, properties call their getter, `__get__`), metaclass lookups for class
//! objects, `__getattr__`, module attributes and submodules.

use pytc_db::{Db, declare_rule};
use pytc_syntax::ast;

use crate::class::{self, KnownClass, class_member};
use crate::function::{BoundMethodType, FunctionFlags};
use crate::infer::InferContext;
use crate::types::{ClassType, Type};

declare_rule! {
    /// An attribute that does not exist on the object's type.
    ///
    /// ```python
    /// (1).nonexistent  # error: [unresolved-attribute]
    /// ```
    pub static UNRESOLVED_ATTRIBUTE = {
        name: "unresolved-attribute",
        summary: "an attribute is accessed that the type does not have",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    pub(super) fn infer_attribute_expression(&mut self, attribute: &ast::ExprAttribute) -> Type<'db> {
        let db = self.db;
        let value = self.infer_expression(&attribute.value);
        if attribute.ctx != ast::ExprContext::Load {
            return Type::UNKNOWN;
        }
        self.check_generic_instance_variable_access(value, attribute);
        self.check_super_member(attribute);
        if let Some(member) = self.super_attribute(attribute) {
            return member;
        }
        let name = attribute.attr.as_str();
        let lookup = member_access(db, value, name);
        if let MemberLookup::PossiblyMissing(_) = lookup {
            self.check_union_attribute(attribute, value);
        }
        match lookup {
            MemberLookup::Found(ty) | MemberLookup::PossiblyMissing(ty) => {
                self.check_deprecated_reference(attribute.attr.range, ty);
                self.check_deprecated_property(attribute.attr.range, value, name, false);
                if crate::definitions::final_reassignment::is_final_attribute(db, value, name) {
                    // Assigning a `Final` attribute is an error: the assigned value is not
                    // what the attribute holds, but narrowing by tests still applies.
                    return self.narrowed_place_ignoring_assignments(attribute, ty);
                }
                self.narrowed_place_type(attribute, ty)
            }
            MemberLookup::Missing => {
                if let Type::Module(file) = value
                    && let Some(submodule) = self.submodule_attribute(file, name)
                {
                    return submodule;
                }
                if let Some(tested) = self.missing_attribute_where_tested(attribute) {
                    return tested;
                }
                self.report(
                    attribute.attr.range,
                    &UNRESOLVED_ATTRIBUTE,
                    format!("Type `{}` has no attribute `{name}`", value.display(db)),
                );
                Type::UNKNOWN
            }
        }
    }

    /// The type of `pkg.sub` when `sub` is a submodule of the package `pkg`.
    fn submodule_attribute(&mut self, file: pytc_db::File, name: &str) -> Option<Type<'db>> {
        let module = crate::modules::module_name_of(self.db, file)?;
        let submodule = crate::modules::module_file(self.db, &format!("{module}.{name}"))?;
        Some(Type::Module(submodule))
    }

    /// An attribute the type does not have, read where `hasattr(x, "y")` holds: the place's
    /// narrowing applied to `Never` (which only that test turns into `Unknown`).
    fn missing_attribute_where_tested(&mut self, attribute: &ast::ExprAttribute) -> Option<Type<'db>> {
        let tested = self.narrowed_place_type(attribute, Type::Never);
        (!tested.is_never()).then_some(tested)
    }

    /// Whether a path to this read of `x.y` proves the attribute present: `hasattr(x, "y")`
    /// holds there, or the path assigned `x.y`.
    pub(super) fn attribute_proven_present(&mut self, attribute: &ast::ExprAttribute) -> bool {
        self.missing_attribute_where_tested(attribute).is_some()
    }

    /// The type of an attribute place (`x.y`) at this use: assignments to the place in
    /// this scope and narrowing (`if x.y is not None`) applied to the attribute's type.
    fn narrowed_place_type(&mut self, attribute: &ast::ExprAttribute, declared: Type<'db>) -> Type<'db> {
        use pytc_syntax::ast::HasNodeIndex;
        self.narrowed_place(attribute.node_index().load(), crate::narrow::attribute_place_text(attribute), declared)
    }

    /// `narrowed_place_type` of an attribute no assignment may change (a `Final` one): only
    /// the narrowing applies.
    fn narrowed_place_ignoring_assignments(&mut self, attribute: &ast::ExprAttribute, declared: Type<'db>) -> Type<'db> {
        use pytc_syntax::ast::HasNodeIndex;
        self.narrowed_place_with(attribute.node_index().load(), crate::narrow::attribute_place_text(attribute), declared, false)
    }

    /// The type of the place `target` (an attribute or literal-subscript chain) loaded at
    /// `node`: its assignments in this scope and narrowing applied to `declared`.
    pub(super) fn narrowed_place(&mut self, node: ast::NodeIndex, target: Option<String>, declared: Type<'db>) -> Type<'db> {
        self.narrowed_place_with(node, target, declared, true)
    }

    /// `narrowed_place`, with the assigned values taken into account only when
    /// `assignments_count`.
    pub(super) fn narrowed_place_with(&mut self, node: ast::NodeIndex, target: Option<String>, declared: Type<'db>, assignments_count: bool) -> Type<'db> {
        let db = self.db;
        let declared = self.with_chosen_constraints(declared);
        if node.as_u32().is_none() || self.in_string_annotation {
            return declared;
        }
        let Some(target) = target else { return declared };
        let Some((scope, bindings)) = self.place_bindings_at_use(node) else { return declared };
        if bindings.is_empty() {
            return declared;
        }
        let mut types = Vec::new();
        for reaching in bindings.iter() {
            let base = match reaching.binding {
                pytc_semantic::Binding::Definition(_) if !assignments_count => declared,
                pytc_semantic::Binding::Definition(definition) => {
                    let assigned = crate::infer::definition::binding_type(db, crate::semantic::DefinitionRef::of(db, self.file, definition));
                    if assigned.is_assignable_to(db, declared) || declared.is_dynamic() { assigned } else { declared }
                }
                pytc_semantic::Binding::Unbound | pytc_semantic::Binding::Deleted(_) => declared,
            };
            types.push(self.apply_constraint(scope, reaching.constraint, base, &target, None));
        }
        Type::union_of(db, types)
    }
}

impl<'db> InferContext<'db> {
    /// The scope whose flow records the place loaded at `node`, with the bindings that reach
    /// it: the load's own scope, or for a comprehension reading an enclosing scope's place,
    /// that scope (see `pytc_semantic`'s enclosing place snapshots).
    fn place_bindings_at_use(&self, node: ast::NodeIndex) -> Option<(pytc_semantic::ScopeId, &'db pytc_semantic::Bindings)> {
        let index = self.index;
        let mut scope = index.scope_of_node(node);
        loop {
            if let Some(bindings) = index.use_def_map(scope).bindings_at_use(node) {
                return Some((scope, bindings));
            }
            if index.scope(scope).kind != pytc_semantic::ScopeKind::Comprehension {
                return None;
            }
            scope = index.scope(scope).parent?;
        }
    }
}

/// The outcome of looking up a member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberLookup<'db> {
    Found(Type<'db>),
    /// Found on some members of a union only.
    PossiblyMissing(Type<'db>),
    Missing,
}

impl<'db> MemberLookup<'db> {
    pub fn found(self) -> Option<Type<'db>> {
        match self {
            Self::Found(ty) | Self::PossiblyMissing(ty) => Some(ty),
            Self::Missing => None,
        }
    }
}

/// `value.name` for any type.
pub fn member_access<'db>(db: &'db dyn Db, value: Type<'db>, name: &str) -> MemberLookup<'db> {
    pytc_syntax::ensure_stack(|| find_member(db, value, name))
}

/// `name` on an instance of `class` with `Self` in the class's declarations meaning
/// `self_type` (a type compared with the protocol `class`).
pub(crate) fn instance_member_with_self<'db>(db: &'db dyn Db, class: ClassType<'db>, self_type: Type<'db>, name: &str) -> MemberLookup<'db> {
    match pytc_syntax::ensure_stack(|| instance_member_as(db, Type::Instance(class), self_type, class, name)) {
        // A method is bound to the protocol instance (which fixes the protocol's type
        // arguments); `Self` in its signatures still means `self_type`.
        MemberLookup::Found(Type::BoundMethod(method)) => match crate::call::bound_method_signatures_with_self(db, method, self_type) {
            Some(signatures) => MemberLookup::Found(Type::Callable(crate::types::CallableType::new(db, signatures.into_boxed_slice()))),
            None => MemberLookup::Found(Type::BoundMethod(method)),
        },
        other => other,
    }
}

fn find_member<'db>(db: &'db dyn Db, value: Type<'db>, name: &str) -> MemberLookup<'db> {
    match value {
        Type::Dynamic(_) => MemberLookup::Found(value),
        Type::Never => MemberLookup::Found(Type::Never),
        Type::AliasRef(_) => find_member(db, value.expand_top(db), name),
        Type::Union(union) => union_member(db, union.elements(db), |member| member_access(db, member, name)),
        Type::Instance(class) => match crate::class::enum_values::enum_instance_value(db, class, name) {
            Some(member_values) => MemberLookup::Found(member_values),
            None => match instance_member(db, value, class, name) {
                // `type[Any]`: an unknown class, so what `type` itself lacks is unknown, not
                // missing (`cls.DEBUG` with `cls: type[Any]`).
                MemberLookup::Missing if value.is_type_of_any(db) => MemberLookup::Found(Type::ANY),
                found => found,
            },
        },
        Type::ClassObject(class) | Type::SubclassOf(class) => class_object_member(db, value, class, name),
        // `cls.name` for `cls: type[T]`: the member of the class of `T`'s bound (of each
        // constraint), with `cls` itself as the receiver, so a class method returning
        // `Self` returns a `T`.
        Type::SubclassOfTypeVar(typevar) => {
            let class_objects = crate::types::typevar_class_object_bound(db, typevar).union_elements(db);
            union_member(db, &class_objects, |class_object| match class_object {
                Type::ClassObject(class) | Type::SubclassOf(class) => class_object_member(db, value, class, name),
                other => member_access(db, other, name),
            })
        }
        Type::Module(file) => {
            match crate::infer::public::module_symbol(db, file, name) {
                Some(ty) => MemberLookup::Found(ty),
                None => {
                    if let Some(module) = crate::modules::module_name_of(db, file)
                        && let Some(submodule) = crate::modules::module_file(db, &format!("{module}.{name}"))
                    {
                        return MemberLookup::Found(Type::Module(submodule));
                    }
                    // `__getattr__` at module level (PEP 562) makes every name valid.
                    if let Some(Type::Function(getattr)) = crate::infer::public::module_symbol(db, file, "__getattr__") {
                        return MemberLookup::Found(getattr.return_type(db));
                    }
                    // The strings the import system sets on every module it loads from a
                    // file: `json.__file__` is a `str`, where `ModuleType` says `str | None`
                    // (the module's own code reads these names with the same types).
                    if matches!(name, "__file__" | "__package__" | "__cached__")
                        && let Some(implicit) = crate::infer::implicit_globals::implicit_module_global(db, name)
                    {
                        return MemberLookup::Found(implicit);
                    }
                    fallback_member(db, value, name)
                }
            }
        }
        Type::TypeVar(typevar) => {
            // A bounded variable stays the receiver, so `Self` in the member means it.
            if let Some(Type::Instance(class)) = typevar.bound(db) {
                if let Some(member_values) = crate::class::enum_values::enum_instance_value(db, class, name) {
                    return MemberLookup::Found(member_values);
                }
                return instance_member(db, value, class, name);
            }
            // A constrained variable is each of its constraints in turn, still the receiver:
            // `reader.__enter__()` returning `Self` gives the variable back.
            let constraint_classes: Vec<ClassType<'db>> = typevar
                .constraints(db)
                .iter()
                .filter_map(|constraint| if let Type::Instance(class) = constraint { Some(*class) } else { None })
                .collect();
            if !constraint_classes.is_empty() && constraint_classes.len() == typevar.constraints(db).len() {
                let members: Option<Vec<Type<'db>>> =
                    constraint_classes.iter().map(|class| instance_member(db, value, *class, name).found()).collect();
                if let Some(members) = members {
                    return MemberLookup::Found(Type::union_of(db, members));
                }
            }
            let bound = typevar.bound(db).unwrap_or_else(|| {
                let constraints = typevar.constraints(db);
                if constraints.is_empty() { KnownClass::Object.instance(db) } else { Type::union_of(db, constraints.iter().copied()) }
            });
            member_access(db, bound, name)
        }
        Type::None => match KnownClass::NoneType.class(db) {
            Some(none_type) => instance_member(db, value, ClassType::bare(db, none_type), name),
            None => MemberLookup::Found(Type::UNKNOWN),
        },
        Type::Tuple(tuple) => match class::tuple_instance(db, tuple.element_union(db)) {
            Type::Instance(class) => instance_member(db, value, class, name),
            _ => MemberLookup::Found(Type::UNKNOWN),
        },
        Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::LiteralString | Type::EnumLiteral(_) | Type::Sentinel(_) => {
            if let Type::EnumLiteral(member) = value {
                match name {
                    "name" | "_name_" => return MemberLookup::Found(Type::string_literal(db, member.name(db))),
                    "value" | "_value_" => return MemberLookup::Found(crate::class::enum_values::enum_member_value(db, member)),
                    _ => {}
                }
            }
            match value.literal_fallback_instance(db) {
                Some(Type::Instance(class)) => instance_member(db, value, class, name),
                _ => MemberLookup::Found(Type::UNKNOWN),
            }
        }
        Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_) => {
            if name == "__call__" {
                return MemberLookup::Found(value);
            }
            if let Type::Function(function) = value
                && function.has(db, FunctionFlags::PROPERTY)
            {
                return member_access(db, KnownClass::Property.instance(db), name);
            }
            match fallback_member(db, value, name) {
                MemberLookup::Missing if matches!(value, Type::Callable(_)) => callable_function_member(db, value, name),
                found => found,
            }
        }
        Type::TypeAlias(_) => match crate::aliases::type_alias_type::alias_object_class(db) {
            Some(class) => instance_member(db, value, class, name),
            None => MemberLookup::Found(Type::UNKNOWN),
        },
        Type::TypeForm(form) => subscripted_type_member(db, form.denoted(db), name),
        Type::SpecialForm(_) | Type::TypeVarObject(_) => MemberLookup::Found(Type::UNKNOWN),
        Type::TypeGuard(_) => member_access(db, value.as_call_result(db), name),
        // A type form object is assumed to have `object`'s attributes only.
        Type::TypeFormOf(_) => member_access(db, KnownClass::Object.instance(db), name),
    }
}

/// An attribute of a subscripted `type` as a value (`Type[Any]`, `type[int]` bound to an
/// alias): the generic alias object reads the names it lacks from its origin, the class
/// `type`, so `type`'s attributes are found and others are missing. A dunder name `type`
/// lacks may be the alias object's own (`__args__`), so it stays unknown, as do the
/// attributes of every other type form (a union, `Callable[...]`).
fn subscripted_type_member<'db>(db: &'db dyn Db, denoted: Type<'db>, name: &str) -> MemberLookup<'db> {
    let is_type = match denoted {
        Type::SubclassOf(_) | Type::SubclassOfTypeVar(_) => true,
        Type::Instance(class) => class::known::is_known(db, class.class(db), KnownClass::Type),
        _ => false,
    };
    let Some(type_class) = KnownClass::Type.class(db).filter(|_| is_type) else { return MemberLookup::Found(Type::UNKNOWN) };
    match member_access(db, Type::ClassObject(ClassType::bare(db, type_class)), name) {
        MemberLookup::Missing if name.starts_with("__") => MemberLookup::Found(Type::UNKNOWN),
        found => found,
    }
}

/// A member looked up on each of several types (a union's members): found on all, on some
/// (possibly missing), or on none.
fn union_member<'db>(db: &'db dyn Db, members: &[Type<'db>], mut lookup: impl FnMut(Type<'db>) -> MemberLookup<'db>) -> MemberLookup<'db> {
    let mut found = Vec::new();
    let mut missing = false;
    for member in members {
        match lookup(*member) {
            MemberLookup::Found(ty) => found.push(ty),
            MemberLookup::PossiblyMissing(ty) => {
                found.push(ty);
                missing = true;
            }
            MemberLookup::Missing => missing = true,
        }
    }
    if found.is_empty() {
        MemberLookup::Missing
    } else if missing {
        MemberLookup::PossiblyMissing(Type::union_of(db, found))
    } else {
        MemberLookup::Found(Type::union_of(db, found))
    }
}

/// An attribute of a callable type that `object` lacks: most callables are functions, so
/// what a function has (`__name__`, `__qualname__`, `__defaults__`) is read as a function's,
/// as mypy and ty do, rather than reported on every callback that names itself.
fn callable_function_member<'db>(db: &'db dyn Db, value: Type<'db>, name: &str) -> MemberLookup<'db> {
    match class::known::module_class(db, crate::modules::KnownModule::Types, "FunctionType") {
        Some(function) => instance_member(db, value, ClassType::bare(db, function), name),
        None => MemberLookup::Found(Type::UNKNOWN),
    }
}

fn fallback_member<'db>(db: &'db dyn Db, value: Type<'db>, name: &str) -> MemberLookup<'db> {
    match class::known::fallback_class_for(db, value) {
        Some(class) => instance_member(db, value, class, name),
        None => MemberLookup::Found(Type::UNKNOWN),
    }
}

/// `instance.name`: instance attributes, then class attributes through the descriptor
/// protocol, then `__getattr__`.
fn instance_member<'db>(db: &'db dyn Db, receiver: Type<'db>, class: ClassType<'db>, name: &str) -> MemberLookup<'db> {
    instance_member_as(db, receiver, receiver, class, name)
}

/// `instance_member` with `Self` in the owner's declarations meaning `self_type`.
fn instance_member_as<'db>(db: &'db dyn Db, receiver: Type<'db>, self_type: Type<'db>, class: ClassType<'db>, name: &str) -> MemberLookup<'db> {
    let literal = class.class(db);
    let is_typed_dict = class::is_typed_dict(db, literal);
    let lookup_class = if is_typed_dict { typed_dict_fallback(db).unwrap_or(class) } else { class };
    let Some(member) = class_member(db, lookup_class, name) else {
        // A TypedDict that is a `dict[str, V]` has `dict`'s methods (`clear`, `popitem`).
        if is_typed_dict && let Some(dict) = crate::typed_dict::as_dict(db, class) {
            let dict_instance = Type::Instance(dict);
            return instance_member_as(db, dict_instance, dict_instance, dict, name);
        }
        if let Some(ty) = assigned_on_class_by_metaclass(db, class, name) {
            return MemberLookup::Found(bind_on_instance(db, ty, receiver, class));
        }
        return missing_instance_member(db, class);
    };
    let self_of_owner = crate::infer::annotation::self_typevar(db, member.owner);
    let ty = crate::generics::Specialization::from_pairs([(self_of_owner, self_type)]).apply(db, member.ty);
    if member.instance_only {
        return MemberLookup::Found(ty);
    }
    let ty = crate::class::decorated_method::bind_callable_member(db, &member, name, ty);
    MemberLookup::Found(bind_on_instance(db, ty, receiver, class))
}

/// An attribute a method of the class's metaclass assigns through its receiver (`cls._tokens
/// = ...` in the metaclass's `__call__`): it is set on the class object itself, so the
/// class's instances read it as a class attribute. The metaclass's own class attributes are
/// not visible from instances.
fn assigned_on_class_by_metaclass<'db>(db: &'db dyn Db, class: ClassType<'db>, name: &str) -> Option<Type<'db>> {
    let Type::Instance(meta) = class::metaclass_instance(db, class.class(db)) else { return None };
    let member = class_member(db, meta, name)?;
    member.instance_only.then_some(member.ty)
}

/// An instance member no class of the MRO defines: what `__getattr__` or
/// `__getattribute__` returns, `Unknown` where pytc cannot see every member, else missing.
fn missing_instance_member<'db>(db: &'db dyn Db, class: ClassType<'db>) -> MemberLookup<'db> {
    let literal = class.class(db);
    for hook in ["__getattr__", "__getattribute__"] {
        if let Some(member) = class_member(db, class, hook)
            && !member.is_object_member
            && let Type::Function(function) = member.ty
        {
            return MemberLookup::Found(function.return_type(db));
        }
    }
    if class::has_dynamic_base(db, literal) || has_synthesized_members(db, literal) {
        return MemberLookup::Found(Type::UNKNOWN);
    }
    MemberLookup::Missing
}

/// A name an enum's `_ignore_` lists: the enum machinery deletes it from the class.
fn is_deleted_enum_name(db: &dyn Db, owner: crate::types::ClassLiteral<'_>, name: &str) -> bool {
    crate::infer::literal::is_enum_class(db, owner) && crate::class::enum_members::ignored_names(db, owner).iter().any(|ignored| ignored == name)
}

/// Classes decorated by a `dataclass` pytc cannot model: their synthesized members are
/// unknown, so missing attributes are not reported.
fn has_synthesized_members(db: &dyn Db, class: crate::types::ClassLiteral<'_>) -> bool {
    class::dataclass::has_unmodeled_dataclass(db, class)
}

/// `Class.name`: class attributes (functions stay unbound, classmethods bind to the class,
/// descriptors get `__get__(None, owner)`), then the metaclass.
fn class_object_member<'db>(db: &'db dyn Db, receiver: Type<'db>, class: ClassType<'db>, name: &str) -> MemberLookup<'db> {
    let literal = class.class(db);
    // A property of the metaclass is a data descriptor: it wins over the class's own
    // attribute of that name, as at run time (`A.__class__` is `type`, through object's
    // `__class__` property that `type` inherits, not that property read through `A`).
    let metaclass = class::metaclass_instance(db, literal);
    if let Type::Instance(meta) = metaclass
        && class_member(db, meta, name).is_some_and(|member| matches!(member.ty, Type::Function(function) if function.has(db, FunctionFlags::PROPERTY)))
        && let found @ MemberLookup::Found(_) = instance_member(db, metaclass, meta, name)
    {
        return found;
    }
    if let Some(member) = class_member(db, class, name)
        && !member.instance_only
        && !is_deleted_enum_name(db, member.owner, name)
    {
        let ty = bind_on_class_object(db, &member, receiver, class, name);
        if let Some(enum_member) = crate::infer::literal::enum_member_of(db, literal, name, ty) {
            return MemberLookup::Found(enum_member);
        }
        if crate::infer::literal::is_enum_class(db, literal)
            && let Some(unwrapped) = crate::class::enum_members::unwrapped_member_value(db, ty)
        {
            return MemberLookup::Found(unwrapped);
        }
        return MemberLookup::Found(ty);
    }
    if let Type::Instance(meta) = metaclass {
        match instance_member(db, metaclass, meta, name) {
            MemberLookup::Missing => {}
            found => return found,
        }
    } else if metaclass.is_dynamic() {
        return MemberLookup::Found(Type::UNKNOWN);
    }
    if class::has_dynamic_base(db, literal) || has_synthesized_members(db, literal) {
        return MemberLookup::Found(Type::UNKNOWN);
    }
    MemberLookup::Missing
}

/// The class attribute `member` read through the class object `receiver` (of `class`):
/// functions stay unbound, class methods bind to the class, descriptors get
/// `__get__(None, owner)`.
fn bind_on_class_object<'db>(db: &'db dyn Db, member: &crate::class::ClassMember<'db>, receiver: Type<'db>, class: ClassType<'db>, name: &str) -> Type<'db> {
    // A class method of a generic class read through the class not specialized
    // (`Box.of(1)`) takes the class's parameters as its own: the call solves them, as a
    // constructor call does.
    let (receiver, class) = match receiver {
        Type::ClassObject(unspecialized)
            if unspecialized.arguments(db).is_empty()
                && matches!(member.ty, Type::Function(function) if function.has(db, FunctionFlags::CLASSMETHOD))
                && !crate::class::type_parameters(db, unspecialized.class(db)).is_empty() =>
        {
            let own = crate::class::members::specialized_by_own_parameters(db, unspecialized.class(db));
            (Type::ClassObject(own), own)
        }
        _ => (receiver, class),
    };
    // `Self` in a class attribute (`registry: ClassVar[list[Self]]`) is an instance of
    // the class it is read from (`type[Self]` gives `Self`).
    let instance = match receiver {
        Type::SubclassOfTypeVar(typevar) => Type::TypeVar(typevar),
        _ => Type::Instance(class),
    };
    let self_of_owner = crate::infer::annotation::self_typevar(db, member.owner);
    let member_ty = crate::generics::Specialization::from_pairs([(self_of_owner, instance)]).apply(db, member.ty);
    match member_ty {
        Type::Function(function) if function.has(db, FunctionFlags::CLASSMETHOD) => Type::BoundMethod(BoundMethodType::new(db, function, receiver)),
        Type::Function(function) if function.has(db, FunctionFlags::PROPERTY) => KnownClass::Property.instance(db),
        Type::Instance(descriptor) if has_dunder(db, descriptor, "__get__") => descriptor_get(db, member_ty, Type::None, receiver).unwrap_or(member_ty),
        other => crate::class::decorated_method::bind_decorated_classmethod(db, member.owner, name, other),
    }
}

/// `super(pivot, receiver).name`: the member of the first class after `pivot` in the MRO of
/// `receiver`'s class that defines it, bound to `receiver` (an instance, a class object, or
/// `Self` / `type[Self]`). Missing when no class after `pivot` defines it; `Unknown` when
/// the receiver's class is not known, `pivot` is not in its MRO, some base is unknown (and
/// the member would come from `object` or from nowhere), or the name is assigned only on
/// instances (which `super()` does not see, but pytc cannot tell from a class attribute set
/// elsewhere).
pub(super) fn member_after<'db>(db: &'db dyn Db, pivot: crate::types::ClassLiteral<'db>, receiver: Type<'db>, name: &str) -> MemberLookup<'db> {
    let unknown = MemberLookup::Found(Type::UNKNOWN);
    let instance_class = |instance: Type<'db>| match instance {
        Type::Instance(class) => Some(class),
        _ => None,
    };
    let (class, on_instance) = match receiver {
        Type::Instance(class) => (class, true),
        Type::TypeVar(typevar) => match typevar.bound(db).and_then(instance_class) {
            Some(class) => (class, true),
            None => return unknown,
        },
        Type::ClassObject(class) | Type::SubclassOf(class) => (class, false),
        Type::SubclassOfTypeVar(typevar) => match crate::types::typevar_class_object_bound(db, typevar) {
            Type::ClassObject(class) | Type::SubclassOf(class) => (class, false),
            _ => return unknown,
        },
        _ => return unknown,
    };
    let literal = class.class(db);
    let mro = crate::class::class_mro(db, literal);
    if literal != pivot && !mro.classes.iter().any(|entry| entry.class(db) == pivot) {
        return unknown;
    }
    let Some(member) = crate::class::members::class_member_after(db, class, pivot, name) else {
        let opaque = mro.has_dynamic_base || has_synthesized_members(db, literal) || class_member(db, class, name).is_some_and(|member| member.instance_only);
        return if opaque { unknown } else { MemberLookup::Missing };
    };
    // With an unknown base, `object`'s members are likely overridden by that base.
    if member.instance_only || (member.is_object_member && mro.has_dynamic_base) {
        return unknown;
    }
    if !on_instance {
        return MemberLookup::Found(bind_on_class_object(db, &member, receiver, class, name));
    }
    let self_of_owner = crate::infer::annotation::self_typevar(db, member.owner);
    let ty = crate::generics::Specialization::from_pairs([(self_of_owner, receiver)]).apply(db, member.ty);
    let ty = crate::class::decorated_method::bind_callable_member(db, &member, name, ty);
    MemberLookup::Found(bind_on_instance(db, ty, receiver, class))
}

/// A class attribute read through an instance: methods bind, properties return their
/// getter's type, other descriptors call `__get__`.
fn bind_on_instance<'db>(db: &'db dyn Db, attribute: Type<'db>, receiver: Type<'db>, class: ClassType<'db>) -> Type<'db> {
    match attribute {
        Type::Function(function) => {
            if function.has(db, FunctionFlags::STATICMETHOD) {
                attribute
            } else if function.has(db, FunctionFlags::CLASSMETHOD) {
                // Through a type variable (`self.create()` with `self: Self`) the class is
                // the variable's: `type[Self]`.
                let class_object = match receiver {
                    Type::TypeVar(typevar) if typevar.kind(db) == crate::types::TypeVarKind::TypeVar => Type::SubclassOfTypeVar(typevar),
                    _ => Type::ClassObject(class),
                };
                Type::BoundMethod(BoundMethodType::new(db, function, class_object))
            } else if function.has(db, FunctionFlags::PROPERTY) {
                let Some(getter) = crate::infer::property_accessors::property_getter(db, function) else { return Type::UNKNOWN };
                let method = BoundMethodType::new(db, getter, receiver);
                crate::call::bound_method_signatures(db, method).first().map_or(Type::UNKNOWN, |s| s.return_type)
            } else {
                Type::BoundMethod(BoundMethodType::new(db, function, receiver))
            }
        }
        Type::Instance(descriptor) if has_dunder(db, descriptor, "__get__") => {
            descriptor_get(db, attribute, receiver, Type::ClassObject(class)).unwrap_or(attribute)
        }
        Type::Union(union) => Type::union_of(db, union.elements(db).iter().map(|member| bind_on_instance(db, *member, receiver, class))),
        other => other,
    }
}

fn has_dunder<'db>(db: &'db dyn Db, class: ClassType<'db>, name: &str) -> bool {
    class_member(db, class, name).is_some()
}

/// The result of `descriptor.__get__(instance, owner)`.
fn descriptor_get<'db>(db: &'db dyn Db, descriptor: Type<'db>, instance: Type<'db>, owner: Type<'db>) -> Option<Type<'db>> {
    let getter = member_access(db, descriptor, "__get__").found()?;
    crate::call::call_with_argument_types(db, getter, &[instance, owner]).ok()
}

/// The class whose members a TypedDict instance has (`typing._TypedDict`).
fn typed_dict_fallback<'db>(db: &'db dyn Db) -> Option<ClassType<'db>> {
    crate::class::known::module_class(db, crate::modules::KnownModule::Typing, "_TypedDict").map(|c| ClassType::bare(db, c))
}

/// Whether the instance type has `name` (used by `callable()` narrowing).
pub fn instance_has_member<'db>(db: &'db dyn Db, instance: Type<'db>, name: &str) -> bool {
    !matches!(member_access(db, instance, name), MemberLookup::Missing)
}

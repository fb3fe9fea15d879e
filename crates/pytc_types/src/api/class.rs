//! A class of the public API: its bases, what its header declares (`@final`, protocol,
//! TypedDict) and its public members (methods, properties, attributes, nested classes).
//! A member is public when its name is (dunders included); attributes assigned only through
//! `self` in methods count, as callers can read them, and so does an `__init__` that
//! `@dataclass` or `NamedTuple` synthesizes.

use pytc_db::Db;
use pytc_semantic::is_private_name;

use super::model::{ApiClass, ApiLocation, ApiSymbol, ApiSymbolKind, ApiType, ApiTypedDictKey, ApiVariable};
use super::module::{Declaration, defining_file, is_runtime_metadata, name_location, symbol_kind};
use super::signature::synthesized_method_api;
use crate::class::{ClassFlags, class_header, class_member_names, own_class_member};
use crate::function::FunctionFlags;
use crate::types::{ClassLiteral, ClassType, Type};

pub(super) fn class_api<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> ApiClass<'db> {
    let header = class_header(db, class);
    let own_flags = ClassFlags::from_bits_truncate(header.flags);
    let inherited_flags = crate::class::flags(db, class);
    let places = ClassPlaces::of(db, class);
    let is_typed_dict = inherited_flags.contains(ClassFlags::TYPED_DICT);
    let typed_dict_keys = if is_typed_dict { typed_dict_keys(db, class) } else { Vec::new() };
    let enum_members = crate::infer::literal::enum_members(db, class);
    let mut members = Vec::new();
    for name in class_member_names(db, class) {
        // A TypedDict's keys are items, not attributes.
        if is_private_name(&name) || is_runtime_metadata(&name) || typed_dict_keys.iter().any(|key| key.name == name) {
            continue;
        }
        members.extend(member_api(db, class, name, &places));
    }
    // A constructor `@dataclass` or `NamedTuple` writes for the class is part of its API.
    if !members.iter().any(|member| member.name == "__init__")
        && let Some(synthesized) = crate::class::members::synthesized_member(db, class, "__init__")
        && let Type::Callable(callable) = synthesized.ty
    {
        let kind = ApiSymbolKind::Function(synthesized_method_api(db, callable.signatures(db)));
        members.push(ApiSymbol { name: "__init__".to_string(), location: places.name, kind, defined_in: None });
    }
    ApiClass {
        bases: header.bases.iter().map(|base| ApiType::new(db, Type::Instance(*base))).collect(),
        is_final: own_flags.contains(ClassFlags::FINAL),
        is_protocol: own_flags.contains(ClassFlags::PROTOCOL),
        is_typed_dict,
        typed_dict_keys,
        enum_members: enum_members.iter().map(|member| member.name(db).to_string()).collect(),
        members,
        inherited_members: inherited_member_names(db, class),
        literal: class,
    }
}

/// Where a class's members are located: its body scope and the name in its `class`
/// statement (for members without a place of their own).
struct ClassPlaces {
    body: Option<pytc_semantic::ScopeId>,
    name: ApiLocation,
}

impl ClassPlaces {
    fn of(db: &dyn Db, class: ClassLiteral<'_>) -> Self {
        let definition = crate::semantic::DefinitionRef::new(db, class.file(db), class.definition(db));
        let name = ApiLocation { file: class.file(db), range: definition.definition(db).name_range };
        Self { body: crate::class::members::class_body_scope(db, class), name }
    }
}

/// The member `name` that `class` defines itself, as API (`None` when it does not).
fn member_api<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: String, places: &ClassPlaces) -> Option<ApiSymbol<'db>> {
    let member = own_class_member(db, class, &name)?;
    let body = places.body;
    let location = match body {
        Some(scope) => {
            let found = name_location(db, class.file(db), scope, &name);
            if found.range.is_empty() { places.name } else { found }
        }
        None => places.name,
    };
    let enum_members = crate::infer::literal::enum_members(db, class);
    let enum_member = enum_members.iter().find(|member| member.name(db).as_ref() == name.as_str());
    let kind = match member.ty {
        // An enum member's type is the member itself, whatever its value: every checker
        // agrees, and it cannot be reassigned.
        _ if let Some(enum_member) = enum_member => ApiSymbolKind::Variable(ApiVariable {
            ty: ApiType::new(db, Type::EnumLiteral(*enum_member)),
            declared: true,
            class_var: false,
            is_final: true,
            imported: false,
        }),
        Type::Function(function) if function.has(db, FunctionFlags::PROPERTY) => property_kind(db, function),
        // A decorated `def` (`@contextmanager def scope(...)`) is declared by its
        // signature and decorator, even though its value is the decorator's result.
        ty => {
            let from_def = crate::class::decorated_method::decorated_def_flags(db, class, &name).is_some();
            let declaration = Declaration {
                declared: member.declared || from_def,
                class_var: member.class_var,
                is_final: crate::definitions::final_reassignment::is_final_attribute(db, Type::Instance(ClassType::bare(db, class)), &name),
                imported: false,
            };
            symbol_kind(db, ty, declaration, body.map(|scope| (class.file(db), scope)))
        }
    };
    Some(ApiSymbol { name, location, kind, defined_in: defining_file(db, member.ty) })
}

/// The member `name` that `class` inherits: the first class after it in its MRO (`object`
/// aside) that defines it, as API. What a subclass's new method of that name overrides.
pub fn inherited_member_api<'db>(db: &'db dyn Db, class: &ApiClass<'db>, name: &str) -> Option<ApiSymbol<'db>> {
    let mro = crate::class::class_mro(db, class.literal);
    mro.classes.iter().map(|ancestor| ancestor.class(db)).filter(|ancestor| *ancestor != class.literal).find_map(|ancestor| {
        if crate::class::known::is_known(db, ancestor, crate::class::KnownClass::Object) {
            return None;
        }
        own_class_member(db, ancestor, name)?;
        member_api(db, ancestor, name.to_string(), &ClassPlaces::of(db, ancestor))
    })
}

/// The keys of the TypedDict `class`, inherited ones included.
fn typed_dict_keys<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<ApiTypedDictKey<'db>> {
    crate::typed_dict::typed_dict_items(db, ClassType::bare(db, class))
        .into_iter()
        .map(|item| ApiTypedDictKey { name: item.name.to_string(), ty: ApiType::new(db, item.ty), required: item.required, read_only: item.read_only })
        .collect()
}

/// A property: the getter's declared return type; settable with a setter, or when it is a
/// `cached_property` (an instance may assign it).
fn property_kind<'db>(db: &'db dyn Db, function: crate::function::FunctionType<'db>) -> ApiSymbolKind<'db> {
    let accessors = crate::infer::property_accessors::property_accessors(db, function);
    let has_setter = accessors.setter.is_some();
    let ty = accessors
        .getter
        .filter(|getter| !getter.has(db, FunctionFlags::INFERRED_RETURN))
        .map(|getter| ApiType::new(db, getter.declared_return_type(db)));
    ApiSymbolKind::Property { ty, settable: has_setter || function.has(db, FunctionFlags::CACHED_PROPERTY) }
}

/// The public member names the classes of `class`'s MRO after it provide, `object` aside.
fn inherited_member_names(db: &dyn Db, class: ClassLiteral<'_>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for ancestor in crate::class::class_mro(db, class).classes.iter() {
        let literal = ancestor.class(db);
        if literal == class || crate::class::known::is_known(db, literal, crate::class::KnownClass::Object) {
            continue;
        }
        for name in class_member_names(db, literal) {
            if !is_private_name(&name) && !names.contains(&name) {
                names.push(name);
            }
        }
    }
    names
}

//! Enum classes and their members as literal types (`Literal[Color.RED]`).

use pytc_db::Db;
use pytc_semantic::DefinitionKind;
use rustc_hash::FxHashMap;

use crate::class::class_mro;
use crate::modules::KnownModule;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, EnumLiteral, Type};

/// Whether the class derives from `enum.Enum` or its metaclass from `enum.EnumMeta`.
pub fn is_enum_class(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    let is_enum_module_class = |candidate: ClassLiteral<'_>, names: &[&str]| {
        names.contains(&&**candidate.name(db)) && KnownModule::Enum.is(db, candidate.file(db))
    };
    if crate::class::lineage::descends_from_enum(db, class) {
        return true;
    }
    match crate::class::metaclass_instance(db, class) {
        crate::types::Type::Instance(meta) => {
            let meta = meta.class(db);
            is_enum_module_class(meta, &["EnumMeta", "EnumType"])
                || class_mro(db, meta).classes.iter().any(|entry| is_enum_module_class(entry.class(db), &["EnumMeta", "EnumType"]))
        }
        _ => false,
    }
}

/// The members of an enum class, in definition order. A query: every `Class.MEMBER` access,
/// every narrowing to or away from a member and every exhaustiveness check reads them.
#[salsa::tracked(returns(ref), cycle_result = enum_members_cycle)]
pub fn enum_members<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<EnumLiteral<'db>> {
    if !is_enum_class(db, class) {
        return Vec::new();
    }
    let Some(scope) = crate::class::members::class_body_scope_public(db, class) else {
        let names = crate::class::functional::functional_enum_member_names(db, class);
        return names.iter().map(|name| EnumLiteral::new(db, class, Box::<str>::from(name.as_str()))).collect();
    };
    let index = crate::semantic::class_index(db, class);
    let use_def = index.use_def_map(scope);
    let mut members = Vec::new();
    let ignored = crate::class::enum_members::ignored_names(db, class);
    for (symbol_id, symbol) in index.symbol_table(scope).symbols() {
        let name = symbol.name.as_str();
        if !symbol.is_bound() || is_excluded_name(name) || ignored.iter().any(|ignored| ignored == name) {
            continue;
        }
        let is_member = use_def.public_bindings(symbol_id).definitions().any(|definition| {
            let definition = DefinitionRef::of(db, class.file(db), definition);
            match &definition.definition(db).kind {
                DefinitionKind::Assignment(assignment) => {
                    crate::class::enum_members::aliased_member(db, &assignment.stmt.value, &members).is_none()
                        && !is_non_member_value(db, crate::infer::definition::binding_type(db, definition))
                }
                DefinitionKind::AnnotatedAssignment(assignment) => {
                    assignment.stmt.value.is_some() && !crate::infer::annotation::is_class_var_annotation(db, definition, &assignment.stmt.annotation)
                }
                DefinitionKind::Function(function) => crate::class::enum_members::is_member_decorated(db, definition, &function.decorator_list),
                _ => false,
            }
        });
        if is_member {
            members.push(EnumLiteral::new(db, class, Box::<str>::from(name)));
        }
    }
    members
}

fn enum_members_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> Vec<EnumLiteral<'db>> {
    Vec::new()
}

/// An enum's members by name.
#[salsa::tracked(returns(ref))]
fn enum_members_by_name<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> FxHashMap<Box<str>, EnumLiteral<'db>> {
    enum_members(db, class).iter().map(|member| (member.name(db).clone(), *member)).collect()
}

fn is_excluded_name(name: &str) -> bool {
    crate::class::enum_members::is_private_name(name)
        || (name.starts_with("__") && name.ends_with("__")) || (name.starts_with('_') && name.ends_with('_') && name.len() > 2) || name == "_ignore_"
}

/// Values that do not become members: functions, nested classes, descriptors.
fn is_non_member_value(db: &dyn Db, ty: Type<'_>) -> bool {
    match ty {
        Type::Function(_) | Type::ClassObject(_) | Type::Callable(_) | Type::BoundMethod(_) => true,
        Type::Instance(class) => crate::class::enum_members::is_descriptor_or_nonmember(db, class),
        _ => false,
    }
}

/// The member literal when `Class.name` names an enum member.
pub fn enum_member_of<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str, _ty: Type<'db>) -> Option<Type<'db>> {
    if !is_enum_class(db, class) {
        return None;
    }
    if let Some(member) = enum_members_by_name(db, class).get(name) {
        return Some(Type::EnumLiteral(*member));
    }
    crate::class::enum_members::alias_target(db, class, name, enum_members(db, class)).map(Type::EnumLiteral)
}

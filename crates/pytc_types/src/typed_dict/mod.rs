//! TypedDict (PEP 589, 655, 705): the items of a TypedDict class (key → type, required,
//! read-only), structural assignability between TypedDicts, and the checks of
//! construction, indexing, item assignment, `get`, `update`, `pop`, `setdefault`, `|` and `**kwargs: Unpack[TD]`,
//! and PEP 728 openness (`closed=True`, `extra_items=T`) with what it tells about values.

mod construct;
mod definition;
mod get;
mod items;
mod keyed_methods;
mod openness;
mod openness_definition;
mod relation;
mod subscript;
mod unpack_kwargs;
mod update;
mod value_views;

pub(crate) use construct::{dict_call_as_typed_dict, expected_typed_dict, typed_dict_constructor_signature};
pub(crate) use definition::{INVALID_TYPED_DICT_DEFINITION, check_repeated_qualifiers, check_typed_dict_class};
pub(crate) use items::{typed_dict_item, typed_dict_items};
pub(crate) use openness::typed_dict_openness;
pub(crate) use relation::{typed_dict_mapping_relation, typed_dict_relation};
pub(crate) use unpack_kwargs::{unpacked_keyword_parameters, unpacked_typed_dict_arguments};
pub(crate) use value_views::as_dict;

use pytc_db::Db;

use crate::types::{ClassType, Type};

/// The instance type whose members every TypedDict has (`typing._TypedDict`, a
/// `Mapping[str, object]`), what a TypedDict is assignable to besides other TypedDicts.
pub(crate) fn typed_dict_fallback_instance<'db>(db: &'db dyn Db) -> Option<Type<'db>> {
    crate::class::known::module_class(db, crate::modules::KnownModule::Typing, "_TypedDict").map(|class| Type::Instance(ClassType::bare(db, class)))
}

/// `target` as seen from a TypedDict `class`, when it is a class of the fallback's MRO
/// rather than of the TypedDict's own (`Collection[str]`, which gives `__iter__` its `str`).
pub(crate) fn fallback_ancestor<'db>(db: &'db dyn Db, class: ClassType<'db>, target: crate::types::ClassLiteral<'db>) -> Option<ClassType<'db>> {
    if !crate::class::is_typed_dict(db, class.class(db)) {
        return None;
    }
    let Type::Instance(fallback) = typed_dict_fallback_instance(db)? else { return None };
    crate::class::find_ancestor(db, fallback, target)
}

/// The TypedDict a bound method `callee` is called on, when it is `name` from the TypedDict
/// stub (`typing`'s or `typing_extensions`'s) — a method pytc checks against the items.
pub(crate) fn typed_dict_method_receiver<'db>(db: &'db dyn Db, callee: crate::types::Type<'db>, names: &[&str]) -> Option<(crate::types::ClassType<'db>, &'db str)> {
    use crate::modules::KnownModule;
    let crate::types::Type::BoundMethod(method) = callee else { return None };
    let function = method.function(db);
    let file = function.file(db);
    let name: &'db str = function.name(db);
    if !names.contains(&name) || !(KnownModule::Typing.is(db, file) || KnownModule::TypingExtensions.is(db, file)) {
        return None;
    }
    let crate::types::Type::Instance(receiver) = method.receiver(db) else { return None };
    crate::class::is_typed_dict(db, receiver.class(db)).then_some((receiver, name))
}

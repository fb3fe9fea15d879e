//! TypedDict (PEP 589, 655, 705): the items of a TypedDict class (key → type, required,
//! read-only), structural assignability between TypedDicts, and the checks of
//! construction, indexing, item assignment, `get`, `update`, `pop`, `setdefault`, `|` and `**kwargs: Unpack[TD]`.

mod construct;
mod definition;
mod get;
mod items;
mod keyed_methods;
mod relation;
mod subscript;
mod unpack_kwargs;
mod update;

pub(crate) use construct::{expected_typed_dict, typed_dict_constructor_signature};
pub(crate) use definition::{INVALID_TYPED_DICT_DEFINITION, check_typed_dict_class};
pub(crate) use items::{typed_dict_item, typed_dict_items};
pub(crate) use relation::typed_dict_relation;
pub(crate) use unpack_kwargs::{unpacked_keyword_parameters, unpacked_typed_dict_arguments};

use pytc_db::Db;

use crate::types::{ClassType, Type};

/// The instance type whose members every TypedDict has (`typing._TypedDict`, a
/// `Mapping[str, object]`), what a TypedDict is assignable to besides other TypedDicts.
pub(crate) fn typed_dict_fallback_instance<'db>(db: &'db dyn Db) -> Option<Type<'db>> {
    crate::class::known::module_class(db, crate::modules::KnownModule::Typing, "_TypedDict").map(|class| Type::Instance(ClassType::bare(db, class)))
}

//! Structural assignability between TypedDict types (and to `Mapping[str, V]` and
//! `dict[str, V]`): every item of the target must exist in the source with compatible
//! requiredness, mutability and value type, or come from the source's extra items, and the
//! source's other keys must fit the target's openness (PEP 728).

use pytc_db::Db;

use crate::relation::{Relation, has_relation};
use crate::types::{ClassType, Type};

use super::items::{TypedDictItem, typed_dict_items};
use super::openness::{Openness, typed_dict_openness};

/// Whether the TypedDict `source` is assignable to (or a subtype of) the TypedDict `target`.
/// An open TypedDict counts as having read-only extra items of type `object`, a closed one
/// as having mutable extra items of type `Never`.
pub(crate) fn typed_dict_relation<'db>(db: &'db dyn Db, source: ClassType<'db>, target: ClassType<'db>, relation: Relation, depth: u32) -> bool {
    let related = |a: Type<'db>, b: Type<'db>| has_relation(db, a, b, relation, depth);
    let consistent = |a: Type<'db>, b: Type<'db>| related(a, b) && related(b, a);
    let source_items = typed_dict_items(db, source);
    let target_items = typed_dict_items(db, target);
    let (source_extra, source_extra_read_only) = typed_dict_openness(db, source).as_extra_items(db);
    let items_fit = target_items.iter().all(|expected| match source_items.iter().find(|item| item.name == expected.name) {
        Some(actual) => item_relation(db, actual, expected, relation, depth),
        // A key the source does not name may only be in it as one of its extra items.
        None if expected.required => false,
        None if expected.read_only => related(source_extra, expected.ty),
        None => !source_extra_read_only && consistent(source_extra, expected.ty),
    });
    if !items_fit {
        return false;
    }
    let target_openness = typed_dict_openness(db, target);
    if target_openness == Openness::Open {
        return true;
    }
    let (target_extra, target_extra_read_only) = target_openness.as_extra_items(db);
    let undeclared = source_items.iter().filter(|item| !target_items.iter().any(|expected| expected.name == item.name));
    if target_extra_read_only {
        related(source_extra, target_extra) && undeclared.into_iter().all(|item| related(item.ty, target_extra))
    } else {
        !source_extra_read_only && consistent(source_extra, target_extra) && undeclared.into_iter().all(|item| consistent(item.ty, target_extra))
    }
}

/// Whether an item may stand for another of the same key: a read-only item accepts any
/// narrower type (and a required item where an optional one is expected); a mutable item
/// can be written through, so it needs a mutable item of the same requiredness and type.
pub(crate) fn item_relation<'db>(db: &'db dyn Db, actual: &TypedDictItem<'db>, expected: &TypedDictItem<'db>, relation: Relation, depth: u32) -> bool {
    if expected.read_only {
        return (!expected.required || actual.required) && has_relation(db, actual.ty, expected.ty, relation, depth);
    }
    !actual.read_only
        && actual.required == expected.required
        && has_relation(db, actual.ty, expected.ty, relation, depth)
        && has_relation(db, expected.ty, actual.ty, relation, depth)
}

/// The relation of a TypedDict to `Mapping[K, V]` or `dict[K, V]` (`None` for any other
/// target): `str` must be the key type; for a `Mapping` every item and the extra items
/// (`object` when open) must fit `V`; for a `dict` the extra items must be mutable and of
/// type `V`, and every item mutable, non-required and of type `V`.
pub(crate) fn typed_dict_mapping_relation<'db>(db: &'db dyn Db, source: ClassType<'db>, target: ClassType<'db>, relation: Relation, depth: u32) -> Option<bool> {
    use crate::class::KnownClass;
    let is_dict = crate::class::known::is_known(db, target.class(db), KnownClass::Dict);
    let is_mapping = crate::class::known::module_class(db, crate::modules::KnownModule::Typing, "Mapping")
        .is_some_and(|mapping| mapping == target.class(db));
    if !is_dict && !is_mapping {
        return None;
    }
    let [key, value] = target.arguments(db)[..] else { return None };
    let related = |a: Type<'db>, b: Type<'db>| has_relation(db, a, b, relation, depth);
    let consistent = |a: Type<'db>, b: Type<'db>| related(a, b) && related(b, a);
    let str_type = KnownClass::Str.instance(db);
    let items = typed_dict_items(db, source);
    let openness = typed_dict_openness(db, source);
    if is_mapping {
        let (extra, _) = openness.as_extra_items(db);
        return Some(related(str_type, key) && related(extra, value) && items.iter().all(|item| related(item.ty, value)));
    }
    let Openness::Extra { ty: extra, read_only: false } = openness else { return Some(false) };
    Some(
        consistent(str_type, key)
            && consistent(extra, value)
            && items.iter().all(|item| !item.read_only && !item.required && consistent(item.ty, value)),
    )
}

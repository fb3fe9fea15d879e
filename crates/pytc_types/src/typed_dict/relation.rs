//! Structural assignability between TypedDict types: every item of the target must exist in
//! the source with compatible requiredness, mutability and value type.

use pytc_db::Db;

use crate::relation::{Relation, has_relation};
use crate::types::ClassType;

use super::items::{TypedDictItem, typed_dict_items};

/// Whether the TypedDict `source` is assignable to (or a subtype of) the TypedDict `target`.
pub(crate) fn typed_dict_relation<'db>(db: &'db dyn Db, source: ClassType<'db>, target: ClassType<'db>, relation: Relation, depth: u32) -> bool {
    let source_items = typed_dict_items(db, source);
    typed_dict_items(db, target).iter().all(|expected| match source_items.iter().find(|item| item.name == expected.name) {
        Some(actual) => item_relation(db, actual, expected, relation, depth),
        // Only an optional read-only `object` item may be missing.
        None => expected.read_only && !expected.required && is_object(db, expected.ty),
    })
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

fn is_object<'db>(db: &'db dyn Db, ty: crate::types::Type<'db>) -> bool {
    matches!(ty, crate::types::Type::Instance(class) if crate::class::known::is_known(db, class.class(db), crate::class::KnownClass::Object))
}

//! Facts a class inherits from its whole MRO (the flags it inherits, the class that declares
//! its metaclass, whether it descends from `enum.Enum`), composed from its direct bases'
//! answers: one read per base, so a hierarchy `d` deep costs `O(d)` reads beyond the MROs
//! themselves, where a walk of each class's MRO costs `O(d^2)`.
//!
//! The composition is exact when the MRO is a C3 linearization: the MRO holds the bases and
//! the ancestors of each (the union of their linearizations), in an order that keeps the
//! order of each base's linearization. So "some ancestor has the property" is "some base
//! has it or some base's ancestor has it", and "the first ancestor with the property" is the
//! earliest in the MRO of the bases' own first ones. A class whose MRO is an error fallback
//! (cyclic, duplicate base, inconsistent) reads its MRO directly instead.

use pytc_db::Db;

use crate::class::{ClassFlags, KnownClass, class_header, class_mro};
use crate::modules::KnownModule;
use crate::types::ClassLiteral;

/// The classes the MRO of `class` is the C3 merge of: its bases (`object` when it names
/// none), or `None` when its MRO is not a C3 linearization.
fn linearized_bases<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<Vec<ClassLiteral<'db>>> {
    if class_mro(db, class).error.is_some() {
        return None;
    }
    let header = class_header(db, class);
    if header.bases.is_empty() {
        let object = KnownClass::Object.class(db).filter(|object| *object != class);
        return Some(object.into_iter().collect());
    }
    Some(header.bases.iter().map(|base| base.class(db)).collect())
}

/// Whether some class of `class`'s MRO (not `class` itself) satisfies `has`, where
/// `in_ancestors` answers the same question for another class.
pub(crate) fn any_ancestor<'db>(
    db: &'db dyn Db,
    class: ClassLiteral<'db>,
    in_ancestors: fn(&'db dyn Db, ClassLiteral<'db>) -> bool,
    has: impl Fn(ClassLiteral<'db>) -> bool,
) -> bool {
    match linearized_bases(db, class) {
        Some(bases) => bases.into_iter().any(|base| has(base) || in_ancestors(db, base)),
        None => class_mro(db, class).classes.iter().any(|entry| has(entry.class(db))),
    }
}

/// The first class of `class`'s MRO (not `class` itself) that satisfies `has`, where
/// `first_of_lineage` gives the first class of another class's `[class] + MRO` that does.
pub(crate) fn first_ancestor<'db>(
    db: &'db dyn Db,
    class: ClassLiteral<'db>,
    first_of_lineage: fn(&'db dyn Db, ClassLiteral<'db>) -> Option<ClassLiteral<'db>>,
    has: impl Fn(ClassLiteral<'db>) -> bool,
) -> Option<ClassLiteral<'db>> {
    let Some(bases) = linearized_bases(db, class) else {
        return class_mro(db, class).classes.iter().map(|entry| entry.class(db)).find(|ancestor| has(*ancestor));
    };
    let mut candidates: Vec<ClassLiteral<'db>> = Vec::new();
    for base in bases {
        if let Some(found) = first_of_lineage(db, base)
            && !candidates.contains(&found)
        {
            candidates.push(found);
        }
    }
    match candidates[..] {
        [] => None,
        [only] => Some(only),
        _ => class_mro(db, class).classes.iter().map(|entry| entry.class(db)).find(|ancestor| candidates.contains(ancestor)),
    }
}

/// The `ClassFlags` a class inherits: `TYPED_DICT` and `NAMED_TUPLE` of any class of its MRO.
#[salsa::tracked(returns(copy), cycle_result = no_inherited_flags)]
pub(crate) fn inherited_flags<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> ClassFlags {
    let inheritable = |ancestor: ClassLiteral<'db>| ClassFlags::from_bits_truncate(class_header(db, ancestor).flags) & inheritable_flags();
    match linearized_bases(db, class) {
        Some(bases) => bases.into_iter().fold(ClassFlags::empty(), |flags, base| flags | inheritable(base) | inherited_flags(db, base)),
        None => class_mro(db, class).classes.iter().fold(ClassFlags::empty(), |flags, entry| flags | inheritable(entry.class(db))),
    }
}

/// The flags a class passes on to its subclasses.
fn inheritable_flags() -> ClassFlags {
    ClassFlags::TYPED_DICT | ClassFlags::NAMED_TUPLE
}

fn no_inherited_flags<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> ClassFlags {
    ClassFlags::empty()
}

/// The first class of `[class] + MRO` that declares a metaclass (`metaclass=` in its header).
#[salsa::tracked(returns(copy), cycle_result = no_class)]
pub(crate) fn metaclass_owner<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<ClassLiteral<'db>> {
    let declares = |candidate: ClassLiteral<'db>| class_header(db, candidate).metaclass.is_some();
    if declares(class) {
        return Some(class);
    }
    first_ancestor(db, class, metaclass_owner, declares)
}

pub(crate) fn no_class<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> Option<ClassLiteral<'db>> {
    None
}

/// Whether `enum.Enum` is in the MRO of `class` (not `class` itself).
#[salsa::tracked(returns(copy), cycle_result = no_ancestor)]
pub(crate) fn descends_from_enum<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> bool {
    any_ancestor(db, class, descends_from_enum, |ancestor| &**ancestor.name(db) == "Enum" && KnownModule::Enum.is(db, ancestor.file(db)))
}

pub(crate) fn no_ancestor<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> bool {
    false
}

//! `functools.total_ordering`: a class decorated with it that defines (or inherits from a
//! class other than `object`) one of the four ordering methods gets the others. The
//! decorator fills in the missing ones from the "root": of the ones defined, the greatest
//! by name, as `functools` picks it. A filled-in method takes what the root's second
//! parameter takes and returns `bool`.

use pytc_db::Db;

use crate::class::header::ClassFlags;
use crate::class::KnownClass;
use crate::types::{ClassLiteral, Parameter, ParameterKind, Signature, Type};

/// The ordering methods, in the order `functools` compares their names (the last defined
/// one is the root).
const ORDERING_METHODS: [&str; 4] = ["__ge__", "__gt__", "__le__", "__lt__"];

/// The ordering method `total_ordering` gives `class` under `name`, when `class` is
/// decorated with it and neither it nor an ancestor (but `object`) defines `name`.
pub(crate) fn synthesized_member<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<Type<'db>> {
    if !ORDERING_METHODS.contains(&name) || !ClassFlags::from_bits_truncate(crate::class::class_header(db, class).flags).contains(ClassFlags::TOTAL_ORDERING) {
        return None;
    }
    if defined_in_lineage(db, class, name) {
        return None;
    }
    let root = ORDERING_METHODS.iter().rev().find(|method| defined_in_lineage(db, class, method))?;
    let seen_from = crate::class::members::specialized_by_own_parameters(db, class);
    let root_member = crate::class::class_member(db, seen_from, root)?;
    let other = match root_member.ty {
        Type::Function(function) => function.signature(db).parameters.get(1).filter(|parameter| parameter.has_annotation).map(|parameter| parameter.annotated),
        _ => None,
    };
    let other = Parameter { name: Some(Box::from("other")), kind: ParameterKind::PositionalOnly, annotated: other.unwrap_or(Type::UNKNOWN), has_annotation: true, has_default: false, unpacked_args: None };
    Some(crate::call::callable_of(db, vec![Signature { parameters: vec![other], return_type: KnownClass::Bool.instance(db), gradual_parameters: false }]))
}

/// Whether `class` or an ancestor other than `object` defines `name` in its body.
fn defined_in_lineage(db: &dyn Db, class: ClassLiteral<'_>, name: &str) -> bool {
    let mro = crate::class::class_mro(db, class);
    std::iter::once(class)
        .chain(mro.classes.iter().map(|ancestor| ancestor.class(db)))
        .filter(|ancestor| !crate::class::known::is_known(db, *ancestor, KnownClass::Object))
        .any(|ancestor| crate::class::own_class_member(db, ancestor, name).is_some())
}

//! `TypeForm[T]` (PEP 747) in the type relation: a type form object is assignable to
//! `TypeForm[T]` when the type it spells is assignable to `T` (so the parameter is
//! covariant, and `type[C]` is a `TypeForm[C]`); `TypeForm[T]` itself is only an `object`.

use pytc_db::Db;

use crate::class::{self, KnownClass};
use crate::types::{SpecialForm, Type, TypeFormType};

use super::Relation;

/// Whether `source` relates to `TypeForm[target]`.
pub(super) fn relation_to_type_form<'db>(db: &'db dyn Db, source: Type<'db>, target: TypeFormType<'db>, relation: Relation, depth: u32) -> bool {
    match source {
        // `Self` depends on the enclosing class: inference checks it where it is written.
        Type::SpecialForm(SpecialForm::SelfType) => relation == Relation::Assignability,
        _ => match type_form_denoted(db, source) {
            Some(denoted) => super::has_relation(db, denoted, target.denoted(db), relation, depth),
            None => false,
        },
    }
}

/// The type a value spells when it is a type form object: `TypeForm[T]` spells `T`, the
/// class `int` spells `int`, `type[C]` spells `C`, the value `int | None` spells `int | None`;
/// `None` for a value that is not a type form (an `int`, a bare `Optional`).
pub(crate) fn type_form_denoted<'db>(db: &'db dyn Db, value: Type<'db>) -> Option<Type<'db>> {
    match value {
        Type::TypeFormOf(form) => Some(form.denoted(db)),
        Type::SubclassOf(class) => Some(Type::Instance(class)),
        Type::SubclassOfTypeVar(typevar) => Some(Type::TypeVar(typevar)),
        // Plain `type` is `type[Any]`.
        Type::Instance(instance)
            if class::known::is_known(db, instance.class(db), KnownClass::Type) && instance.arguments(db).iter().all(|a| a.is_dynamic()) =>
        {
            Some(Type::ANY)
        }
        Type::Union(union) => {
            let mut members = Vec::new();
            for member in union.elements(db) {
                members.push(type_form_denoted(db, *member)?);
            }
            Some(Type::union_of(db, members))
        }
        Type::SpecialForm(SpecialForm::SelfType) => None,
        other => crate::infer::annotation::value_as_type(db, other),
    }
}

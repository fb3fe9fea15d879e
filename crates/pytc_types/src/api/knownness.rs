//! How much of a declared type is known: completeness is the share of public symbols whose
//! types are fully known. `Any` written by the author is a choice and counts as known;
//! `Unknown` (a missing annotation, an unresolved import, a value pytc could not infer) does
//! not. A feature pytc does not model yet (`@Todo`) is pytc's gap, not the library's, so it
//! is not counted against the library.

use pytc_db::Db;

use crate::types::{DynamicType, Type};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Knownness {
    Known,
    /// Some part is `Unknown` (`list[Unknown]`, `int | Unknown`).
    PartiallyUnknown,
    Unknown,
}

/// Types nested deeper than this are taken as known (a walk must end).
const MAX_DEPTH: u32 = 16;

impl Knownness {
    pub fn of<'db>(db: &'db dyn Db, ty: Type<'db>) -> Self {
        match ty {
            Type::Dynamic(DynamicType::Unknown) => Self::Unknown,
            _ if contains_unknown(db, ty, 0) => Self::PartiallyUnknown,
            _ => Self::Known,
        }
    }

    /// The worse of two.
    pub fn join(self, other: Self) -> Self {
        self.max(other)
    }

    pub fn name(self) -> &'static str {
        match self {
            Self::Known => "known",
            Self::PartiallyUnknown => "partially unknown",
            Self::Unknown => "unknown",
        }
    }
}

fn contains_unknown<'db>(db: &'db dyn Db, ty: Type<'db>, depth: u32) -> bool {
    if depth > MAX_DEPTH {
        return false;
    }
    let nested = |ty: Type<'db>| contains_unknown(db, ty, depth + 1);
    match ty {
        Type::Dynamic(DynamicType::Unknown) => true,
        Type::Union(union) => union.elements(db).iter().any(|ty| nested(*ty)),
        Type::Instance(class) | Type::ClassObject(class) | Type::SubclassOf(class) => class.arguments(db).iter().any(|ty| nested(*ty)),
        Type::Tuple(tuple) => tuple.prefix(db).iter().chain(tuple.suffix(db)).any(|ty| nested(*ty)) || tuple.variadic(db).is_some_and(nested),
        Type::Callable(callable) => callable
            .signatures(db)
            .iter()
            .any(|signature| signature.parameters.iter().any(|p| nested(p.annotated)) || nested(signature.return_type)),
        Type::TypeGuard(guard) => nested(guard.guarded(db)),
        Type::TypeForm(form) | Type::TypeFormOf(form) => nested(form.denoted(db)),
        _ => false,
    }
}

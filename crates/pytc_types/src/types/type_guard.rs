//! The return type of a user-defined type guard: `TypeGuard[T]` (narrows only when the call
//! returns true; covariant in `T`) or `TypeIs[T]` (narrows both ways; invariant in `T`).
//! A call of a guard evaluates to `bool`, and the type is a subtype of `bool`.

use super::Type;

/// Which of the two guard forms.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GuardKind {
    /// `TypeGuard[T]` (PEP 647).
    TypeGuard,
    /// `TypeIs[T]` (PEP 742).
    TypeIs,
}

impl GuardKind {
    pub fn name(self) -> &'static str {
        match self {
            Self::TypeGuard => "TypeGuard",
            Self::TypeIs => "TypeIs",
        }
    }
}

/// `TypeGuard[T]` or `TypeIs[T]`: the form and the type `T` it narrows to.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct TypeGuardType<'db> {
    #[returns(copy)]
    pub kind: GuardKind,
    #[returns(copy)]
    pub guarded: Type<'db>,
}

impl<'db> Type<'db> {
    /// What a call returning this type evaluates to: a guard is a `bool` at the call site.
    pub fn as_call_result(self, db: &'db dyn pytc_db::Db) -> Type<'db> {
        match self {
            Type::TypeGuard(_) => crate::class::KnownClass::Bool.instance(db),
            other => other,
        }
    }
}

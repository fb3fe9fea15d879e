//! `tuple + tuple`: the result keeps both operands' shapes (`tuple[int, str] + tuple[None]`
//! is `tuple[int, str, None]`), where typeshed's `tuple.__add__` only gives a tuple of
//! unknown length.

use super::{TupleType, Type};

impl<'db> TupleType<'db> {
    /// The tuple `self + other`. When both have an unbounded middle, everything between the
    /// left prefix and the right suffix becomes one unbounded middle. `None` when a middle
    /// is a TypeVarTuple that would have to merge with another middle.
    pub fn concatenated(self, db: &'db dyn pytc_db::Db, other: TupleType<'db>) -> Option<TupleType<'db>> {
        match (self.variadic(db), other.variadic(db)) {
            (None, _) => Some(TupleType::spliced(db, self.prefix(db), Type::Tuple(other), &[])),
            (Some(_), None) => Some(TupleType::spliced(db, &[], Type::Tuple(self), other.prefix(db))),
            (Some(left), Some(right)) => {
                if left.as_typevar_tuple(db).is_some() || right.as_typevar_tuple(db).is_some() {
                    return None;
                }
                let between = std::iter::once(left).chain(self.suffix(db).iter().copied()).chain(other.prefix(db).iter().copied()).chain(std::iter::once(right));
                Some(TupleType::new(db, self.prefix(db).clone(), Some(Type::union_of(db, between)), other.suffix(db).clone()))
            }
        }
    }
}

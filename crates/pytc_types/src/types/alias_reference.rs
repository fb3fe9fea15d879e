//! References to recursive type aliases. A recursive alias (`Json = list["Json"] | int`,
//! `type Tree[T] = T | list[Tree[T]]`) cannot be expanded in full, so where it names itself
//! the type holds an `AliasReference`: the alias and its type arguments, expanded one level
//! on demand (relations, solving, member access through the expression that produced it).
//! The top of a value's type is always expanded (`expand_top`), so only the arguments of
//! other types (`list[Json]`) hold references.

use pytc_db::Db;

use super::{Type, TypeAliasType};

/// `Alias` or `Alias[arg, ...]` for a recursive alias.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct AliasReference<'db> {
    #[returns(copy)]
    pub alias: TypeAliasType<'db>,
    #[returns(ref)]
    pub arguments: Box<[Type<'db>]>,
}

impl<'db> AliasReference<'db> {
    /// The alias's value with its parameters replaced by the arguments: one level of
    /// expansion (the references inside it stay references).
    pub fn expand(self, db: &'db dyn Db) -> Type<'db> {
        crate::aliases::recursive_alias::expand_reference(db, self)
    }
}

impl<'db> Type<'db> {
    /// The type with references at its top (itself, or members of a union) expanded, so the
    /// result is an ordinary type; references nested in other types stay. An expansion whose
    /// top is again a reference is expanded again, a bounded number of times: a cycle of
    /// aliases with no type between them is an error reported at the alias, read as `Unknown`.
    pub fn expand_top(self, db: &'db dyn Db) -> Type<'db> {
        let mut ty = self;
        for _ in 0..16 {
            let has_reference = match ty {
                Type::AliasRef(_) => true,
                Type::Union(union) => union.elements(db).iter().any(|e| matches!(e, Type::AliasRef(_))),
                _ => false,
            };
            if !has_reference {
                return ty;
            }
            ty = ty.map_union(db, |member| match member {
                Type::AliasRef(reference) => reference.expand(db),
                other => other,
            });
        }
        Type::UNKNOWN
    }
}

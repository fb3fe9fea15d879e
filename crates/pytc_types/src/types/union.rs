//! Union types and the builder that keeps them flat, free of duplicates and of members
//! already covered by another member.

use super::Type;

/// A union of at least two distinct types, in the order they were first added.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct UnionType<'db> {
    #[returns(ref)]
    pub elements: Box<[Type<'db>]>,
}

/// Builds a union: flattens nested unions, drops `Never` and duplicates, absorbs literals
/// into their class when the class itself is present, and turns `Literal[True, False]`
/// into `bool`. Every other member is kept, however many there are: a `Literal[...]` of
/// thousands of values is exactly those values (widening it to its class would accept
/// values it excludes, and reject a narrowed copy of it assigned back to it). Adding a
/// member is a hash-set insert, so a union costs time linear in its members.
pub struct UnionBuilder<'db> {
    db: &'db dyn pytc_db::Db,
    /// The members in the order they were first added; a set, so a duplicate check costs the
    /// same for a union of thousands of members as for two.
    elements: FxIndexSet<Type<'db>>,
}

type FxIndexSet<T> = indexmap::IndexSet<T, rustc_hash::FxBuildHasher>;

impl<'db> UnionBuilder<'db> {
    pub fn new(db: &'db dyn pytc_db::Db) -> Self {
        Self { db, elements: FxIndexSet::default() }
    }

    pub fn add(&mut self, ty: Type<'db>) {
        match ty {
            Type::Never => {}
            Type::Union(union) => {
                for element in union.elements(self.db) {
                    self.add(*element);
                }
            }
            _ => {
                self.elements.insert(ty);
            }
        }
    }

    pub fn build(mut self) -> Type<'db> {
        let db = self.db;
        if self.elements.contains(&Type::BoolLiteral(true)) && self.elements.contains(&Type::BoolLiteral(false)) {
            let position = self.elements.iter().position(|ty| matches!(ty, Type::BoolLiteral(_))).unwrap_or(0);
            self.elements.retain(|ty| !matches!(ty, Type::BoolLiteral(_)));
            // `bool` itself may be a member already (`bool | Literal[True, False]`).
            if let Some(bool_type) = crate::class::known::builtin_instance(db, "bool")
                && !self.elements.contains(&bool_type)
            {
                self.elements.shift_insert(position.min(self.elements.len()), bool_type);
            }
        }
        if self.elements.len() > 1 {
            let covered: Vec<bool> = self
                .elements
                .iter()
                .map(|ty| match ty.literal_fallback_instance(db) {
                    Some(class_instance) if class_instance != *ty => self.elements.contains(&class_instance),
                    _ => false,
                })
                .collect();
            let mut covered = covered.into_iter();
            self.elements.retain(|_| !covered.next().unwrap_or(false));
        }
        match self.elements.len() {
            0 => Type::Never,
            1 => self.elements[0],
            _ => Type::Union(UnionType::new(db, self.elements.into_iter().collect::<Box<[_]>>())),
        }
    }
}

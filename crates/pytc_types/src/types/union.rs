//! Union types and the builder that keeps them flat, free of duplicates and of members
//! already covered by another member.

use super::Type;

/// A union of at least two distinct types, in the order they were first added.
#[salsa::interned(debug)]
pub struct UnionType<'db> {
    #[returns(ref)]
    pub elements: Box<[Type<'db>]>,
}

/// Builds a union: flattens nested unions, drops `Never` and duplicates, absorbs literals
/// into their class when the class itself is present, and turns `Literal[True, False]`
/// into `bool`.
pub struct UnionBuilder<'db> {
    db: &'db dyn pytc_db::Db,
    elements: Vec<Type<'db>>,
}

/// Unions wider than this collapse literal members into their classes, to keep huge
/// literal unions (e.g. from big dict displays) cheap.
const MAX_LITERAL_MEMBERS: usize = 256;

impl<'db> UnionBuilder<'db> {
    pub fn new(db: &'db dyn pytc_db::Db) -> Self {
        Self { db, elements: Vec::new() }
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
                if !self.elements.contains(&ty) {
                    self.elements.push(ty);
                }
            }
        }
    }

    pub fn build(mut self) -> Type<'db> {
        let db = self.db;
        if self.elements.contains(&Type::BoolLiteral(true)) && self.elements.contains(&Type::BoolLiteral(false)) {
            let position = self.elements.iter().position(|ty| matches!(ty, Type::BoolLiteral(_))).unwrap_or(0);
            self.elements.retain(|ty| !matches!(ty, Type::BoolLiteral(_)));
            if let Some(bool_type) = crate::class::known::builtin_instance(db, "bool")
                && !self.elements.contains(&bool_type)
            {
                self.elements.insert(position.min(self.elements.len()), bool_type);
            }
        }
        if self.elements.len() > MAX_LITERAL_MEMBERS {
            let elements = std::mem::take(&mut self.elements);
            for element in elements {
                let widened = element.literal_fallback_instance(db).unwrap_or(element);
                if !self.elements.contains(&widened) {
                    self.elements.push(widened);
                }
            }
        }
        if self.elements.len() > 1 {
            let elements = self.elements.clone();
            self.elements.retain(|ty| match ty.literal_fallback_instance(db) {
                Some(class_instance) if class_instance != *ty => !elements.contains(&class_instance),
                _ => true,
            });
        }
        match self.elements.len() {
            0 => Type::Never,
            1 => self.elements[0],
            _ => Type::Union(UnionType::new(db, self.elements.into_boxed_slice())),
        }
    }
}

//! Class identities: `ClassLiteral` (one `class` statement) and `ClassType` (a class with
//! optional type arguments, e.g. `list[int]`).

use pytc_db::File;

use super::Type;

/// One `class` statement. Its bases, MRO and members are computed by the queries in
/// `crate::class`, lazily, so naming a class never forces its body.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct ClassLiteral<'db> {
    #[returns(copy)]
    pub file: File,
    /// The `DefinitionId` of the `class` statement in its file's semantic index.
    #[returns(copy)]
    pub definition: u32,
    #[returns(ref)]
    pub name: Box<str>,
}

/// A class, possibly specialized. An empty argument list means "not specialized": its type
/// parameters (if any) read as `Unknown`.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct ClassType<'db> {
    #[returns(copy)]
    pub class: ClassLiteral<'db>,
    #[returns(ref)]
    pub arguments: Box<[Type<'db>]>,
}

impl<'db> ClassType<'db> {
    /// The class without type arguments.
    pub fn bare(db: &'db dyn pytc_db::Db, class: ClassLiteral<'db>) -> Self {
        ClassType::new(db, class, Box::default())
    }

    pub fn name(self, db: &'db dyn pytc_db::Db) -> &'db str {
        self.class(db).name(db)
    }

    pub fn with_arguments(self, db: &'db dyn pytc_db::Db, arguments: Vec<Type<'db>>) -> Self {
        ClassType::new(db, self.class(db), arguments.into_boxed_slice())
    }
}

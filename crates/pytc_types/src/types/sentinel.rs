//! Sentinel objects (PEP 661): `MISSING = sentinel("MISSING")` at module level, or in a
//! class body not within a function, binds a value that stands for itself in type
//! expressions (`int | MISSING`). Its type is a singleton, like an enum member: only that
//! object has it, `is` narrows to it, and it falls back to an instance of its class.

use pytc_db::File;

use super::ClassLiteral;

/// One sentinel object: where it is defined, the name it is shown by (`Cls.MISSING` in a
/// class body) and the class of the object (`typing_extensions.sentinel`).
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct SentinelType<'db> {
    #[returns(copy)]
    pub file: File,
    /// The `DefinitionId` of the assignment that creates it.
    #[returns(copy)]
    pub definition: u32,
    #[returns(ref)]
    pub name: Box<str>,
    #[returns(copy)]
    pub class: ClassLiteral<'db>,
}

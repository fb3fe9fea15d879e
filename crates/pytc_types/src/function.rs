//! Functions defined with `def`: their identity, decorator flags, signatures (including
//! overload groups) and bound methods.

use bitflags::bitflags;
use pytc_db::{Db, File};

use crate::semantic::DefinitionRef;
use crate::types::{Signature, Type};

bitflags! {
    /// What the decorators of a `def` say, as far as pytc models them.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct FunctionFlags: u16 {
        const OVERLOAD = 1 << 0;
        const STATICMETHOD = 1 << 1;
        const CLASSMETHOD = 1 << 2;
        const PROPERTY = 1 << 3;
        const FINAL = 1 << 4;
        const OVERRIDE = 1 << 5;
        const ABSTRACT = 1 << 6;
        const NO_TYPE_CHECK = 1 << 7;
        const ASYNC = 1 << 8;
        /// A method (defined directly in a class body).
        const METHOD = 1 << 9;
        /// `@<property>.setter`
        const PROPERTY_SETTER = 1 << 10;
        /// `@functools.cached_property` (with `PROPERTY`): read like a property, but an
        /// instance may assign it.
        const CACHED_PROPERTY = 1 << 11;
    }
}

/// The literal type of one `def`: it knows its definition, so calls can be checked against
/// its exact signature and diagnostics can point at it.
#[salsa::interned(debug)]
pub struct FunctionType<'db> {
    #[returns(ref)]
    pub name: Box<str>,
    #[returns(copy)]
    pub file: File,
    /// The `DefinitionId` of the `def` statement.
    #[returns(copy)]
    pub definition: u32,
    #[returns(copy)]
    pub flags: FunctionFlags,
}

impl<'db> FunctionType<'db> {
    pub fn definition_ref(self, db: &'db dyn Db) -> DefinitionRef<'db> {
        DefinitionRef::new(db, self.file(db), self.definition(db))
    }

    pub fn has(self, db: &'db dyn Db, flag: FunctionFlags) -> bool {
        self.flags(db).contains(flag)
    }

    /// The signature a call sees: the only one, or the first of an overload group.
    pub fn signature(self, db: &'db dyn Db) -> &'db Signature<'db> {
        &function_signatures(db, self)[0]
    }

    /// The declared return type of its (first) signature.
    pub fn return_type(self, db: &'db dyn Db) -> Type<'db> {
        self.signature(db).return_type
    }
}

/// A function bound to a receiver (`obj.method` or `Class.classmethod`).
#[salsa::interned(debug)]
pub struct BoundMethodType<'db> {
    #[returns(copy)]
    pub function: FunctionType<'db>,
    /// The bound `self` (an instance) or `cls` (a class object).
    #[returns(copy)]
    pub receiver: Type<'db>,
}

/// The signatures of a function: one, or every overload of its group (the implementation
/// is not part of the group). Never empty. A query: calls to a function are frequent and
/// its annotations change rarely.
#[salsa::tracked(returns(ref), cycle_result = signatures_cycle)]
pub fn function_signatures<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Vec<Signature<'db>> {
    let overloads = crate::infer::function::overload_group(db, function);
    let mut signatures: Vec<Signature<'db>> =
        overloads.iter().map(|overload| crate::infer::function::own_signature(db, *overload)).collect();
    if signatures.is_empty() {
        signatures.push(crate::infer::function::own_signature(db, function));
    }
    signatures
}

fn signatures_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _function: FunctionType<'db>) -> Vec<Signature<'db>> {
    vec![Signature::gradual(Type::UNKNOWN)]
}

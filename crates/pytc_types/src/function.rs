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
        /// `@<property>.setter`, `.getter` or `.deleter` (with `PROPERTY`): the property with
        /// one accessor replaced; `infer::property_accessors` says which function is which.
        const PROPERTY_ACCESSOR = 1 << 10;
        /// `@functools.cached_property` (with `PROPERTY`): read like a property, but an
        /// instance may assign it.
        const CACHED_PROPERTY = 1 << 11;
        /// The `def` has no return annotation: calls see the return type of its body.
        const INFERRED_RETURN = 1 << 12;
    }
}

/// The literal type of one `def`: it knows its definition, so calls can be checked against
/// its exact signature and diagnostics can point at it.
#[salsa::interned(debug, revisions = usize::MAX)]
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

    /// The declared signature: the only one, or the first of an overload group.
    pub fn signature(self, db: &'db dyn Db) -> &'db Signature<'db> {
        &declared_signatures(db, self)[0]
    }

    /// The return type of its (first) signature as a call sees it: inferred from the body
    /// when it has no return annotation.
    pub fn return_type(self, db: &'db dyn Db) -> Type<'db> {
        crate::infer::return_inference::inferred_return_type(db, self).unwrap_or_else(|| self.declared_return_type(db))
    }

    /// The declared return type of its (first) signature (`Unknown` without an annotation).
    pub fn declared_return_type(self, db: &'db dyn Db) -> Type<'db> {
        self.signature(db).return_type
    }
}

/// A function bound to a receiver (`obj.method` or `Class.classmethod`).
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct BoundMethodType<'db> {
    #[returns(copy)]
    pub function: FunctionType<'db>,
    /// The bound `self` (an instance) or `cls` (a class object).
    #[returns(copy)]
    pub receiver: Type<'db>,
}

/// The signatures calls of a function object see: `inferred_signatures`, except for an
/// instance method reached through its class (`Base.method(obj)`), whose receiver is passed
/// like any argument: what its body returns was inferred for `self` an instance of the
/// class, so such a call sees the declared signature.
pub fn function_signatures<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Vec<Signature<'db>> {
    let unbound_method = function.has(db, FunctionFlags::METHOD) && !function.has(db, FunctionFlags::STATICMETHOD);
    if unbound_method { declared_signatures(db, function).clone() } else { inferred_signatures(db, function) }
}

/// The declared signatures, with the return type inferred from the body when the function
/// has no return annotation (see `return_inference`). Not a query itself, so a recursive
/// function's inference cycles through `inferred_return_type` alone and keeps its
/// parameters.
pub fn inferred_signatures<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Vec<Signature<'db>> {
    let mut signatures = declared_signatures(db, function).clone();
    if function.has(db, FunctionFlags::INFERRED_RETURN)
        && let Some(returned) = crate::infer::return_inference::inferred_return_type(db, function)
        && let [signature] = &mut signatures[..]
    {
        signature.return_type = returned;
    }
    signatures
}

/// The signatures of a function as its annotations declare them: one, or every overload of
/// its group (the implementation is not part of the group). Never empty. A query: calls to
/// a function are frequent and its annotations change rarely. Overrides and variance are
/// checked against these, never against a body.
#[salsa::tracked(returns(ref), cycle_result = signatures_cycle)]
pub fn declared_signatures<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Vec<Signature<'db>> {
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

//! Type variables: `TypeVar`, `ParamSpec` and `TypeVarTuple`, legacy or PEP 695.

use pytc_db::File;

use super::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum TypeVarKind {
    TypeVar,
    ParamSpec,
    TypeVarTuple,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum Variance {
    Invariant,
    Covariant,
    Contravariant,
    /// PEP 695 parameters and `infer_variance=True`: computed from how the class uses it.
    Inferred,
}

/// One type variable. Its identity includes where it was created, so two `T`s from
/// different modules differ.
#[salsa::interned(debug)]
pub struct TypeVarType<'db> {
    #[returns(ref)]
    pub name: Box<str>,
    #[returns(copy)]
    pub kind: TypeVarKind,
    #[returns(copy)]
    pub file: File,
    /// The `NodeIndex` of the `TypeVar(...)` call or the PEP 695 type parameter.
    #[returns(copy)]
    pub node: u32,
    #[returns(copy)]
    pub bound: Option<Type<'db>>,
    #[returns(ref)]
    pub constraints: Box<[Type<'db>]>,
    #[returns(copy)]
    pub default: Option<Type<'db>>,
    #[returns(copy)]
    pub variance: Variance,
}

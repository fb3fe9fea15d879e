//! Type variables: `TypeVar`, `ParamSpec` and `TypeVarTuple`, legacy or PEP 695.

use pytc_db::{Db, File};
use pytc_semantic::UnitRange;

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

/// A type variable's bound, constraints and default.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, salsa::SalsaValue)]
pub struct TypeVarBounds<'db> {
    pub bound: Option<Type<'db>>,
    pub constraints: Box<[Type<'db>]>,
    pub default: Option<Type<'db>>,
}

impl<'db> TypeVarBounds<'db> {
    /// These bounds with every bound or constraint that names a type variable (invalid, and
    /// reported where declared) replaced by `Unknown`: a variable's bound then never leads
    /// to another variable, even itself, so walks from a variable to its bound end.
    pub fn without_type_variables(self, db: &'db dyn Db) -> Self {
        let valid = |ty: Type<'db>| if crate::generics::has_typevars(db, ty) { Type::UNKNOWN } else { ty };
        TypeVarBounds { bound: self.bound.map(valid), constraints: self.constraints.iter().copied().map(valid).collect(), default: self.default }
    }
}

/// Where a type variable's bounds come from.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum TypeVarSource<'db> {
    /// Made by pytc (`Self`), with its bounds known up front.
    Synthesized(TypeVarBounds<'db>),
    /// A `TypeVar(...)` call or a PEP 695 type parameter at this range of the variable's
    /// file (measured from its check unit, so the variable stays the same one when the
    /// text above it moves): its bounds are evaluated on first use (see `infer::typevar_declaration`), because they
    /// may name a class whose own header needs the variable (`T = TypeVar("T", bound="C[Any]")`
    /// with `class C(Generic[T])`).
    Declared(UnitRange),
}

/// One type variable. Its identity includes where it was created, so two `T`s from
/// different modules differ.
#[salsa::interned(debug, revisions = usize::MAX, constructor = new_internal)]
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
    #[returns(ref)]
    pub source: TypeVarSource<'db>,
    #[returns(copy)]
    pub variance: Variance,
}

impl<'db> TypeVarType<'db> {
    /// A type variable whose bounds are known now.
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        db: &'db dyn Db,
        name: Box<str>,
        kind: TypeVarKind,
        file: File,
        node: u32,
        bound: Option<Type<'db>>,
        constraints: Box<[Type<'db>]>,
        default: Option<Type<'db>>,
        variance: Variance,
    ) -> Self {
        let bounds = TypeVarBounds { bound, constraints, default };
        Self::new_internal(db, name, kind, file, node, TypeVarSource::Synthesized(bounds), variance)
    }

    /// The type variable a `TypeVar(...)` call or PEP 695 parameter (`node`, at `range` of
    /// `file`) declares; its bounds are evaluated when first asked for.
    pub fn declared(db: &'db dyn Db, name: Box<str>, kind: TypeVarKind, file: File, node: u32, range: UnitRange, variance: Variance) -> Self {
        Self::new_internal(db, name, kind, file, node, TypeVarSource::Declared(range), variance)
    }

    /// A variable of its own for one use of a generic function: same name, kind, bound,
    /// constraints, default and variance, but not equal to `self`. A generic function passed
    /// to another generic in the same module-level `T` takes a copy, so solving the callee's
    /// `T` does not touch the argument's. A variable made by pytc (`Self`) is its own copy.
    pub fn fresh_copy(self, db: &'db dyn Db) -> Self {
        let bounds = TypeVarBounds { default: self.declared_default(db), ..self.declared_bounds(db).clone() };
        Self::new_internal(db, self.name(db).clone(), self.kind(db), self.file(db), self.node(db), TypeVarSource::Synthesized(bounds), self.variance(db))
    }

    /// The bound and constraints (default not set) of a declared variable, as declared.
    fn declared_bounds(self, db: &'db dyn Db) -> &'db TypeVarBounds<'db> {
        match self.source(db) {
            TypeVarSource::Synthesized(bounds) => bounds,
            TypeVarSource::Declared(_) => crate::infer::typevar_declaration::declared_bounds(db, self),
        }
    }

    /// The upper bound (`bound=`), if any.
    pub fn bound(self, db: &'db dyn Db) -> Option<Type<'db>> {
        self.declared_bounds(db).bound
    }

    /// The constraints (`TypeVar("T", int, str)`), empty when unconstrained.
    pub fn constraints(self, db: &'db dyn Db) -> &'db [Type<'db>] {
        &self.declared_bounds(db).constraints
    }

    /// The default (`default=`), if any. A default that names the variable itself (an
    /// error, reported with the type parameter list) has `Unknown` in its place, so the
    /// variable never stands for itself (`[*Ts = *tuple[int, *Ts]]` defaults to
    /// `int, *tuple[Unknown, ...]`).
    pub fn default(self, db: &'db dyn Db) -> Option<Type<'db>> {
        let declared = self.declared_default(db)?;
        let mut names_itself = false;
        crate::generics::walk_typevars(db, declared, &mut |typevar| names_itself |= typevar == self);
        if !names_itself {
            return Some(declared);
        }
        let unknown = match self.kind(db) {
            TypeVarKind::TypeVarTuple => Type::Tuple(super::TupleType::new(db, Box::default(), Some(Type::UNKNOWN), Box::default())),
            _ => Type::UNKNOWN,
        };
        let mut specialization = crate::generics::Specialization::default();
        specialization.insert(self, unknown);
        Some(specialization.apply(db, declared))
    }

    /// The default as declared, which may name the variable itself.
    pub fn declared_default(self, db: &'db dyn Db) -> Option<Type<'db>> {
        match self.source(db) {
            TypeVarSource::Synthesized(bounds) => bounds.default,
            // A ParamSpec's default is a parameter list, not a type.
            TypeVarSource::Declared(_) if self.kind(db) == TypeVarKind::ParamSpec => crate::generics::paramspec_default::declared_param_spec_default(db, self),
            TypeVarSource::Declared(_) => crate::infer::typevar_declaration::declared_default(db, self),
        }
    }
}

//! Field converters (the `converter=` argument of a field specifier, from the dataclasses
//! chapter of the typing spec): the converter runs on every assignment to the field, so the
//! synthesized `__init__` and `obj.field = value` accept what the converter's first
//! positional parameter accepts, while reading the field gives its declared type.
//!
//! A converter is any callable that can be called with one positional argument (further
//! optional parameters are ignored); of its signatures (the overloads of a function, the
//! constructor signatures of a class) those callable that way count. A generic signature
//! is solved from the field's declared type, which its return type must be assignable to
//! (`dict` as the converter of a `dict[str, int]` field takes mappings and iterables of
//! `tuple[str, int]`).

use pytc_db::Db;
use pytc_semantic::UnitRange;
use pytc_syntax::TextRange;

use crate::call::{Argument, ArgumentKind};
use crate::generics::TypeVarSolver;
use crate::types::{ParameterKind, Signature, Type};

/// What a field's `converter=` argument says.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct FieldConverter<'db> {
    /// The converter expression.
    pub range: UnitRange,
    /// What assigning the field accepts: the union of the first positional parameters of
    /// the signatures that qualify (`Unknown` when nothing is known).
    pub input: Type<'db>,
    pub problem: Option<ConverterProblem<'db>>,
}

/// Why a converter cannot convert values for its field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum ConverterProblem<'db> {
    /// No signature can be called with a single positional argument.
    NotUnary,
    /// Every signature that can returns a type (here, their union) the field's declared
    /// type does not accept.
    WrongReturn(Type<'db>),
}

/// Analyse `converter` (its type) as the converter of a field declared as `field_type`.
pub fn field_converter<'db>(db: &'db dyn Db, converter: Type<'db>, field_type: Type<'db>, range: UnitRange) -> FieldConverter<'db> {
    let quiet = |input| FieldConverter { range, input, problem: None };
    if matches!(converter, Type::Dynamic(_)) {
        return quiet(converter);
    }
    // Unions and other types pytc cannot split into signatures are not judged.
    let Some(signatures) = crate::call::signatures_of(db, converter) else { return quiet(Type::UNKNOWN) };
    let mut inputs = Vec::new();
    let mut accepted_inputs = Vec::new();
    let mut returns = Vec::new();
    for signature in &signatures {
        if signature.gradual_parameters {
            return quiet(Type::UNKNOWN);
        }
        let Some((input, returned)) = unary_view(db, converter, signature, field_type) else { continue };
        inputs.push(input);
        returns.push(returned);
        if returned.is_assignable_to(db, field_type) {
            accepted_inputs.push(input);
        }
    }
    if inputs.is_empty() {
        return FieldConverter { range, input: Type::UNKNOWN, problem: Some(ConverterProblem::NotUnary) };
    }
    if accepted_inputs.is_empty() {
        return FieldConverter { range, input: Type::union_of(db, inputs), problem: Some(ConverterProblem::WrongReturn(Type::union_of(db, returns))) };
    }
    quiet(Type::union_of(db, accepted_inputs))
}

/// The parameter type a single positional argument of `signature` goes to and the return
/// type, with the signature's type variables solved from `field_type`; `None` when the
/// signature cannot be called with one positional argument.
fn unary_view<'db>(db: &'db dyn Db, callee: Type<'db>, signature: &Signature<'db>, field_type: Type<'db>) -> Option<(Type<'db>, Type<'db>)> {
    let argument = Argument { kind: ArgumentKind::Positional, ty: Type::UNKNOWN, range: TextRange::default(), literals: crate::call::LiteralOrigin::Written };
    let (assigned, errors) = crate::call::bind::match_arguments(signature, std::slice::from_ref(&argument));
    if !errors.is_empty() {
        return None;
    }
    let parameter = &signature.parameters[*assigned.first()?.first()?];
    if !matches!(parameter.kind, ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword | ParameterKind::Variadic) {
        return None;
    }
    let typevars = crate::call::solvable_typevars(db, callee, signature);
    if typevars.is_empty() {
        return Some((parameter.annotated, signature.return_type));
    }
    let mut solver = TypeVarSolver::new(db);
    solver.infer(signature.return_type, field_type);
    let (specialization, _) = solver.solve(&typevars);
    Some((specialization.apply(db, parameter.annotated), specialization.apply(db, signature.return_type)))
}

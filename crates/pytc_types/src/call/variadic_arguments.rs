//! The arguments a `*args: *Ts` parameter takes, seen together as one tuple: `Ts` is solved
//! from that tuple and the tuple is checked against `Ts`'s solution as a whole.

use pytc_db::Db;
use pytc_syntax::TextRange;

use super::bind::{Argument, ArgumentKind};
use crate::generics::typevartuple::TupleCollector;
use crate::types::{ParameterKind, Signature, TupleType, Type};

/// The arguments matched to a signature's `*args: *Ts`.
pub(super) struct UnpackedVariadic<'db> {
    /// The index of the `*args` parameter.
    pub(super) parameter: usize,
    /// `tuple[*Ts]`.
    pub(super) expected: Type<'db>,
    /// The arguments' types, in order, as a tuple.
    pub(super) actual: TupleType<'db>,
    /// Where a mismatch is reported: the first such argument, else the whole call's first.
    pub(super) range: TextRange,
}

/// The `*args: *Ts` parameter of `signature` with the arguments `assigned` to it (none is
/// the empty tuple), if it has one.
pub(super) fn unpacked_variadic<'db>(
    db: &'db dyn Db,
    signature: &Signature<'db>,
    arguments: &[Argument<'db>],
    assigned: &[Vec<usize>],
    iterate: &dyn Fn(Type<'db>) -> Type<'db>,
) -> Option<UnpackedVariadic<'db>> {
    let parameter = signature.parameters.iter().position(|p| {
        p.kind == ParameterKind::Variadic && p.annotated.as_typevar_tuple(db).is_some()
    })?;
    let expected = Type::Tuple(TupleType::new(
        db,
        Box::default(),
        Some(signature.parameters[parameter].annotated),
        Box::default(),
    ));
    let mut collector = TupleCollector::new();
    let mut range = None;
    for (argument, targets) in arguments.iter().zip(assigned) {
        if !targets.contains(&parameter) {
            continue;
        }
        range.get_or_insert(argument.range);
        match (&argument.kind, argument.ty) {
            (ArgumentKind::Unpacked, Type::Tuple(tuple)) => collector.extend(db, tuple),
            (ArgumentKind::Unpacked, other) => collector.push_unbounded(db, iterate(other)),
            (_, ty) => collector.push(ty),
        }
    }
    let range = range
        .or_else(|| arguments.first().map(|a| a.range))
        .unwrap_or_default();
    Some(UnpackedVariadic {
        parameter,
        expected,
        actual: collector.build(db),
        range,
    })
}

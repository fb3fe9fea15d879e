//! TypeVarTuples in substitution and solving: `*args: *Ts` expanded once `Ts` is known,
//! `Ts` solved from a run of arguments, from a tuple with a fixed prefix and suffix, and
//! from the parameters of a callable argument.

use pytc_db::Db;

use crate::generics::{Specialization, TypeVarSolver};
use crate::types::{
    Parameter, ParameterKind, Signature, TupleType, Type, TypeVarType, UnionBuilder,
};

impl<'db> Specialization<'db> {
    /// One parameter specialized: `*args: *Ts` becomes the parameters `Ts`'s tuple stands for.
    pub(super) fn apply_parameter(
        &self,
        db: &'db dyn Db,
        parameter: &Parameter<'db>,
        depth: u32,
    ) -> Vec<Parameter<'db>> {
        if parameter.kind == ParameterKind::Variadic
            && let Some(typevar) = parameter.annotated.as_typevar_tuple(db)
            && let Some(Type::Tuple(tuple)) = self.get(typevar)
        {
            return crate::types::unpacked_variadic_parameters(db, parameter.name.clone(), tuple);
        }
        vec![Parameter {
            annotated: self.apply_at(db, parameter.annotated, depth),
            ..parameter.clone()
        }]
    }
}

/// The tuple a run of elements makes: fixed ones in order, and every unbounded one joined
/// into the one unbounded middle (`1, *xs, "a"` is `tuple[int, *tuple[X, ...], str]`).
pub(crate) struct TupleCollector<'db> {
    prefix: Vec<Type<'db>>,
    variadic: Option<UnionBuilder<'db>>,
    suffix: Vec<Type<'db>>,
}

impl<'db> TupleCollector<'db> {
    pub(crate) fn new() -> Self {
        Self {
            prefix: Vec::new(),
            variadic: None,
            suffix: Vec::new(),
        }
    }

    pub(crate) fn push(&mut self, element: Type<'db>) {
        if self.variadic.is_some() {
            self.suffix.push(element)
        } else {
            self.prefix.push(element)
        }
    }

    /// The elements of an unpacked tuple (`*t`).
    pub(crate) fn extend(&mut self, db: &'db dyn Db, tuple: TupleType<'db>) {
        for element in tuple.prefix(db) {
            self.push(*element);
        }
        if let Some(variadic) = tuple.variadic(db) {
            self.push_unbounded(db, variadic);
        }
        for element in tuple.suffix(db) {
            self.push(*element);
        }
    }

    /// Any number of `element`s.
    pub(crate) fn push_unbounded(&mut self, db: &'db dyn Db, element: Type<'db>) {
        let builder = self.variadic.get_or_insert_with(|| UnionBuilder::new(db));
        // A second unbounded run takes in the fixed elements between the two.
        for fixed in self.suffix.drain(..) {
            builder.add(fixed);
        }
        builder.add(element);
    }

    pub(crate) fn build(self, db: &'db dyn Db) -> TupleType<'db> {
        TupleType::new(
            db,
            self.prefix.into_boxed_slice(),
            self.variadic.map(UnionBuilder::build),
            self.suffix.into_boxed_slice(),
        )
    }
}

/// The part of `argument` that lines up with the unbounded middle of a tuple with `prefix`
/// and `suffix` fixed elements, with the element pairs on either side; `None` when the
/// argument is too short.
pub(crate) fn match_middle<'db>(
    db: &'db dyn Db,
    parameter: TupleType<'db>,
    argument: TupleType<'db>,
) -> Option<(Vec<(Type<'db>, Type<'db>)>, TupleType<'db>)> {
    let (prefix, suffix) = (parameter.prefix(db), parameter.suffix(db));
    let (a_prefix, a_suffix) = (argument.prefix(db), argument.suffix(db));
    let mut pairs = Vec::new();
    match argument.variadic(db) {
        None => {
            let elements = a_prefix;
            if elements.len() < prefix.len() + suffix.len() {
                return None;
            }
            let middle_end = elements.len() - suffix.len();
            pairs.extend(
                prefix
                    .iter()
                    .copied()
                    .zip(elements[..prefix.len()].iter().copied()),
            );
            pairs.extend(
                suffix
                    .iter()
                    .copied()
                    .zip(elements[middle_end..].iter().copied()),
            );
            Some((
                pairs,
                TupleType::fixed(db, elements[prefix.len()..middle_end].iter().copied()),
            ))
        }
        Some(variadic) => {
            // An unbounded `Any` middle (`*tuple[Any, ...]`) may stand for the fixed elements
            // the argument lacks; any other unbounded middle may be empty, so it cannot.
            let short = a_prefix.len() < prefix.len() || a_suffix.len() < suffix.len();
            if short && !variadic.is_dynamic() {
                return None;
            }
            let element = |elements: &[Type<'db>], index: usize| elements.get(index).copied().unwrap_or(variadic);
            pairs.extend(prefix.iter().enumerate().map(|(i, p)| (*p, element(a_prefix, i))));
            let from_end = |i: usize| a_suffix.len().checked_sub(i + 1).map_or(variadic, |index| a_suffix[index]);
            pairs.extend(suffix.iter().rev().enumerate().map(|(i, p)| (*p, from_end(i))));
            let middle = TupleType::new(
                db,
                Box::from(a_prefix.get(prefix.len()..).unwrap_or_default()),
                Some(variadic),
                Box::from(&a_suffix[..a_suffix.len().saturating_sub(suffix.len())]),
            );
            Some((pairs, middle))
        }
    }
}

/// The tuple of what the positional parameters of `signature` accept once `start` positional
/// arguments are passed before them: what a `*Ts` in that position must at most be (a
/// `*args` of the signature takes any number of those first arguments and stays).
pub(crate) fn positional_tail<'db>(
    db: &'db dyn Db,
    signature: &Signature<'db>,
    start: usize,
) -> Option<TupleType<'db>> {
    if signature.gradual_parameters {
        return None;
    }
    let mut collector = TupleCollector::new();
    let mut to_skip = start;
    for parameter in &signature.parameters {
        match parameter.kind {
            ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword if to_skip > 0 => {
                to_skip -= 1;
                continue;
            }
            ParameterKind::Variadic => to_skip = 0,
            _ => {}
        }
        match parameter.kind {
            ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword
                if !parameter.has_default =>
            {
                collector.push(parameter.annotated)
            }
            ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword => {}
            ParameterKind::Variadic => match parameter.annotated.as_typevar_tuple(db) {
                Some(_) => return None,
                None => collector.push_unbounded(db, parameter.annotated),
            },
            ParameterKind::KeywordOnly | ParameterKind::KeywordVariadic | ParameterKind::UnpackedKeywords => {}
        }
    }
    Some(collector.build(db))
}

/// `tuple` without its last `count` elements, and those elements; an unbounded middle gives
/// its element for the ones its suffix lacks. `None` when a fixed tuple is too short.
pub(crate) fn split_last<'db>(db: &'db dyn Db, tuple: TupleType<'db>, count: usize) -> Option<(TupleType<'db>, Vec<Type<'db>>)> {
    let (prefix, suffix) = (tuple.prefix(db), tuple.suffix(db));
    match tuple.variadic(db) {
        None => {
            let cut = prefix.len().checked_sub(count)?;
            Some((TupleType::fixed(db, prefix[..cut].iter().copied()), prefix[cut..].to_vec()))
        }
        Some(variadic) => {
            let from_suffix = suffix.len().min(count);
            let mut last = vec![variadic; count - from_suffix];
            last.extend(suffix[suffix.len() - from_suffix..].iter().copied());
            let rest = TupleType::new(db, Box::from(&prefix[..]), Some(variadic), Box::from(&suffix[..suffix.len() - from_suffix]));
            Some((rest, last))
        }
    }
}

impl<'db> TypeVarSolver<'db> {
    /// A TypeVarTuple's solution: its lower bounds (tuples) with literals widened, when they
    /// agree; else the tuple its callable bound asks for. `None` when bounds conflict.
    pub(super) fn solve_typevar_tuple(&self, typevar: TypeVarType<'db>) -> Option<Type<'db>> {
        let db = self.db;
        let lower: Vec<Type<'db>> = self
            .lower_bounds
            .get(&typevar)
            .map(|bounds| {
                bounds
                    .iter()
                    .map(|b| crate::infer::expr_widen(db, widen_elements(db, *b)))
                    .collect()
            })
            .unwrap_or_default();
        let upper = self
            .upper_bounds
            .get(&typevar)
            .and_then(|bounds| bounds.first().copied());
        let Some(first) = lower.first().copied() else {
            return Some(upper.or(typevar.default(db)).unwrap_or(Type::UNKNOWN));
        };
        let joined = lower
            .iter()
            .skip(1)
            .try_fold(first, |joined, next| join_same_length(db, joined, *next))?;
        match upper {
            Some(upper) if joined.is_assignable_to(db, upper) => Some(upper),
            _ => Some(joined),
        }
    }
}

/// Two solutions of one TypeVarTuple joined element by element; `None` when their lengths
/// differ (`(0,)` and `(1, 2)`).
fn join_same_length<'db>(db: &'db dyn Db, a: Type<'db>, b: Type<'db>) -> Option<Type<'db>> {
    if a == b || b.is_assignable_to(db, a) {
        return Some(a);
    }
    if a.is_assignable_to(db, b) {
        return Some(b);
    }
    let (Type::Tuple(a), Type::Tuple(b)) = (a, b) else {
        return None;
    };
    let (a, b) = (a.fixed_elements(db)?, b.fixed_elements(db)?);
    (a.len() == b.len()).then(|| {
        Type::Tuple(TupleType::fixed(
            db,
            a.iter().zip(b).map(|(x, y)| Type::union(db, *x, *y)),
        ))
    })
}

/// A tuple with each fixed element's literal widened (`(1, "a")` solves `Ts` as `int, str`).
fn widen_elements<'db>(db: &'db dyn Db, ty: Type<'db>) -> Type<'db> {
    match ty {
        Type::Tuple(tuple) => {
            let widen = |types: &[Type<'db>]| {
                types
                    .iter()
                    .map(|t| crate::infer::expr_widen(db, *t))
                    .collect::<Box<[_]>>()
            };
            Type::Tuple(TupleType::new(
                db,
                widen(tuple.prefix(db)),
                tuple.variadic(db).map(|v| crate::infer::expr_widen(db, v)),
                widen(tuple.suffix(db)),
            ))
        }
        other => other,
    }
}

//! Callable relations with positional parameters after `*args` (from
//! `*args: *tuple[int, *Ts, str]` or `Callable[[int, *tuple[str, ...], bytes], R]`): those
//! take the last positional arguments, so they are compared from the end, and what remains
//! is compared in order as usual.

use pytc_db::Db;

use crate::relation::{Relation, has_relation};
use crate::types::{Parameter, ParameterKind, Signature};

/// What comparing the trailing positional parameters of two signatures leaves to compare.
pub(super) enum Trailing<'db> {
    /// Neither signature has parameters after its `*args`.
    Absent,
    /// The trailing parameters cannot line up.
    Incompatible,
    /// The trailing parameters matched; these signatures, without them, remain to compare.
    Remaining { source: Signature<'db>, target: Signature<'db> },
}

/// The index of a signature's `*args` and how many positional parameters follow it.
fn split(signature: &Signature<'_>) -> Option<(usize, usize)> {
    let variadic = signature.parameters.iter().position(|p| p.kind == ParameterKind::Variadic)?;
    let trailing = signature.parameters[variadic + 1..].iter().take_while(|p| p.accepts_positional()).count();
    Some((variadic, trailing))
}

pub(super) fn compare_trailing<'db>(db: &'db dyn Db, source: &Signature<'db>, target: &Signature<'db>, relation: Relation, depth: u32) -> Trailing<'db> {
    let target_split = split(target);
    let source_split = split(source);
    let trailing_of = |split: Option<(usize, usize)>| split.map_or(0, |(_, trailing)| trailing);
    if trailing_of(target_split) == 0 && trailing_of(source_split) == 0 {
        return Trailing::Absent;
    }
    match (target_split, source_split) {
        // Calls of any length ending in the target's trailing arguments: the source's own
        // trailing parameters take the last of them, its `*args` the ones before.
        (Some((target_variadic, target_trailing)), Some((source_variadic, source_trailing))) => {
            if source_trailing > target_trailing {
                return Trailing::Incompatible;
            }
            let target_last = &target.parameters[target_variadic + 1..=target_variadic + target_trailing];
            let source_last = &source.parameters[source_variadic + 1..=source_variadic + source_trailing];
            for (from_end, target_parameter) in target_last.iter().rev().enumerate() {
                let matched = source_trailing
                    .checked_sub(from_end + 1)
                    .map_or(&source.parameters[source_variadic], |index| &source_last[index]);
                if !has_relation(db, target_parameter.annotated, matched.annotated, relation, depth) {
                    return Trailing::Incompatible;
                }
            }
            Trailing::Remaining {
                source: without(source, source_variadic + 1, source_trailing),
                target: without(target, target_variadic + 1, target_trailing),
            }
        }
        // A target of a fixed number of positional arguments: the source's `*args` takes
        // those between its leading and trailing parameters, as a call would bind them.
        (None, Some((source_variadic, source_trailing))) => {
            let passed = target.parameters.iter().filter(|p| p.accepts_positional()).count();
            let leading = source.parameters[..source_variadic].iter().filter(|p| p.accepts_positional()).count();
            let absorbed = passed.saturating_sub(leading + source_trailing);
            let variadic = &source.parameters[source_variadic];
            let mut parameters: Vec<Parameter<'db>> = source.parameters[..source_variadic].to_vec();
            parameters.extend(std::iter::repeat_n(Parameter::positional(variadic.annotated), absorbed));
            parameters.extend(source.parameters[source_variadic + 1..=source_variadic + source_trailing].iter().cloned());
            parameters.push(variadic.clone());
            parameters.extend(source.parameters[source_variadic + source_trailing + 1..].iter().cloned());
            Trailing::Remaining { source: Signature { parameters, ..source.clone() }, target: target.clone() }
        }
        // The target takes any number of arguments and the source does not.
        (Some(_), None) | (None, None) => Trailing::Incompatible,
    }
}

/// `signature` without `count` parameters from `start`.
fn without<'db>(signature: &Signature<'db>, start: usize, count: usize) -> Signature<'db> {
    let mut stripped = signature.clone();
    stripped.parameters.drain(start..start + count);
    stripped
}

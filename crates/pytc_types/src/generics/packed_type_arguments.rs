//! Type arguments lined up with type parameters when a TypeVarTuple or an unpacked argument
//! is involved: the run of arguments that falls to the TypeVarTuple is packed into one tuple
//! (`Array[int, int, str]` over `DType, *Shape` is `int, (int, str)`), and an unbounded
//! unpacked argument is split between the TypeVars around it (`tuple[*Ts, T][*tuple[int, ...]]`
//! binds `T` to `int` and `Ts` to `*tuple[int, ...]`).

use pytc_db::Db;

use crate::generics::Specialization;
use crate::generics::typevartuple::TupleCollector;
use crate::types::{TupleType, Type, TypeVarKind, TypeVarType};

/// The arguments for `parameters`, one per parameter, the TypeVarTuple's as a tuple.
/// `unpacked` tells which arguments were written `*X` (their value is the tuple unpacked);
/// a ParamSpec after the TypeVarTuple takes the last argument only when it is a parameter
/// list (`trailing_list`). The error says what the parameters expect.
pub(crate) fn pack_variadic_arguments<'db>(
    db: &'db dyn Db,
    parameters: &[TypeVarType<'db>],
    arguments: &[Type<'db>],
    unpacked: &[bool],
    trailing_list: bool,
) -> Result<Vec<Type<'db>>, String> {
    let is_unpacked = |index: usize| unpacked.get(index).copied().unwrap_or(false);
    let Some(variadic) = parameters.iter().position(|p| p.kind(db) == TypeVarKind::TypeVarTuple) else {
        return spread_fixed_arguments(db, arguments, is_unpacked);
    };
    let after = &parameters[variadic + 1..];
    let takes_after = |p: &TypeVarType<'db>| p.kind(db) != TypeVarKind::ParamSpec || trailing_list;
    let after_taken = after.iter().take_while(|p| takes_after(p)).count();
    // A trailing parameter list belongs to the ParamSpec, not to the run of types.
    let listed = arguments.len() - usize::from(after_taken > 0 && after[after_taken - 1].kind(db) == TypeVarKind::ParamSpec).min(arguments.len());
    let mut collector = TupleCollector::new();
    let mut unbounded = 0;
    for (index, argument) in arguments[..listed].iter().enumerate() {
        match argument {
            Type::Tuple(tuple) if is_unpacked(index) => {
                unbounded += usize::from(tuple.variadic(db).is_some());
                collector.extend(db, *tuple);
            }
            other => collector.push(*other),
        }
    }
    if unbounded > 1 {
        return Err("takes at most one unbounded unpacked type argument".to_string());
    }
    let run = collector.build(db);
    let (prefix, middle, suffix) = (run.prefix(db), run.variadic(db), run.suffix(db));
    let back = after_taken - (arguments.len() - listed);
    let fixed = prefix.len() + suffix.len();
    if middle.is_none() && fixed < variadic + back {
        return Err(at_least(variadic + after_taken, arguments.len()));
    }
    let needs_split = prefix.len() < variadic || suffix.len() < back;
    if let Some(middle) = middle
        && needs_split
        && middle.as_typevar_tuple(db).is_some()
    {
        return Err(format!("cannot split the unpacked TypeVarTuple `{}` between its type parameters", middle.display(db)));
    }
    // Every parameter before the TypeVarTuple takes one element from the front, every one
    // after it one from the back; an unbounded middle gives its element to whoever needs it.
    let (leading, packed_tuple, trailing) = match middle {
        None => {
            let all = prefix;
            (all[..variadic].to_vec(), TupleType::fixed(db, all[variadic..all.len() - back].iter().copied()), all[all.len() - back..].to_vec())
        }
        Some(middle) => {
            let from_prefix = prefix.len().min(variadic);
            let mut leading: Vec<Type<'db>> = prefix[..from_prefix].to_vec();
            leading.resize(variadic, middle);
            let from_suffix = suffix.len().min(back);
            let mut trailing: Vec<Type<'db>> = vec![middle; back - from_suffix];
            trailing.extend(suffix[suffix.len() - from_suffix..].iter().copied());
            let packed = TupleType::new(
                db,
                Box::from(&prefix[from_prefix..]),
                Some(middle),
                Box::from(&suffix[..suffix.len() - from_suffix]),
            );
            (leading, packed, trailing)
        }
    };
    let mut packed = leading;
    packed.push(Type::Tuple(packed_tuple));
    packed.extend(trailing);
    packed.extend(arguments[listed..].iter().copied());
    let specialization = Specialization::from_pairs(parameters.iter().copied().zip(packed.iter().copied()));
    for parameter in &after[after_taken..] {
        packed.push(parameter.default(db).map_or(Type::UNKNOWN, |default| specialization.apply(db, default)));
    }
    Ok(packed)
}

/// Arguments for parameters without a TypeVarTuple: an unpacked fixed-length tuple stands
/// for its elements; an unbounded one (or a TypeVarTuple) has nothing to bind to.
fn spread_fixed_arguments<'db>(
    db: &'db dyn Db,
    arguments: &[Type<'db>],
    is_unpacked: impl Fn(usize) -> bool,
) -> Result<Vec<Type<'db>>, String> {
    let mut spread = Vec::with_capacity(arguments.len());
    for (index, argument) in arguments.iter().enumerate() {
        match argument {
            Type::Tuple(tuple) if is_unpacked(index) => match tuple.fixed_elements(db) {
                Some(elements) => spread.extend(elements.iter().copied()),
                None => return Err("takes no unbounded unpacked type argument (it has no TypeVarTuple)".to_string()),
            },
            other => spread.push(*other),
        }
    }
    Ok(spread)
}

fn at_least(count: usize, got: usize) -> String {
    format!("expects at least {count} type argument{}, got {got}", if count == 1 { "" } else { "s" })
}

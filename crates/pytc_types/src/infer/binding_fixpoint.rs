//! Bindings that depend on themselves: `i = i + 1` in a loop reads itself through the
//! loop's back edge, `j: int = j + 1` or a `with open(p) as p` too, and so does a `def` in a
//! loop whose decorator names the function. `binding_type` is a query iterated to a
//! fixpoint: the cycle starts from `Never`, each round joins what the binding was with what
//! it now is, from the second round on with its literals widened (`Literal[0, 1, 2, ...]`
//! becomes `int`, as a counter should, and tuples of several lengths one tuple of unknown
//! length, as `t += (x,)` should), and a binding still changing after `MAX_ROUNDS`
//! rounds is `Unknown`. Bindings that do not read themselves never enter a cycle and keep
//! their precise types.

use pytc_db::Db;

use crate::semantic::DefinitionRef;
use crate::types::Type;

/// Rounds after which a binding that still changes (say `x = [x]`, one level deeper each
/// round) gives up as `Unknown`. A counter settles in three (`Literal[0]`, then
/// `Literal[0, 1]` widened to `int`, then `int` again); a type still growing after that
/// would only grow (a tuple nested once more per round, unions of tuple shapes multiplying),
/// and every round re-infers the whole loop.
const MAX_ROUNDS: u32 = 3;

/// What a binding is assumed to be when its cycle starts.
pub(crate) fn first_round<'db>(_db: &'db dyn Db, _id: salsa::Id, _definition: DefinitionRef<'db>) -> Type<'db> {
    Type::Never
}

/// What the next round assumes the binding to be: the join of the last assumption and the
/// new result, widened from the second round on. A cycle with nothing flowing into it (every
/// round `Never`) is `Unknown`, like any binding pytc cannot follow.
pub(crate) fn next_round<'db>(db: &'db dyn Db, cycle: &salsa::Cycle, last: &Type<'db>, value: Type<'db>, _definition: DefinitionRef<'db>) -> Type<'db> {
    if cycle.iteration() >= MAX_ROUNDS {
        return Type::UNKNOWN;
    }
    let joined = Type::union_of(db, [*last, value]);
    if joined.is_never() {
        return Type::UNKNOWN;
    }
    if joined == *last || cycle.iteration() == 0 { joined } else { widen_tuple_lengths(db, crate::infer::expr_widen(db, joined)) }
}

/// A union of tuples of different shapes (`tuple[()] | tuple[int]`, as `t += (x,)` in a
/// loop builds them one element longer each round) becomes one tuple of unknown length
/// holding all their elements, `tuple[int, ...]`, where the loop settles. Tuples all of one
/// shape are kept.
fn widen_tuple_lengths<'db>(db: &'db dyn Db, ty: Type<'db>) -> Type<'db> {
    let members = ty.union_elements(db);
    let tuples: Vec<_> = members.iter().filter_map(|member| if let Type::Tuple(tuple) = member { Some(*tuple) } else { None }).collect();
    let shape = |tuple: &crate::types::TupleType<'db>| (tuple.prefix(db).len(), tuple.variadic(db).is_some(), tuple.suffix(db).len());
    let Some(first) = tuples.first() else { return ty };
    if tuples.iter().all(|tuple| shape(tuple) == shape(first)) || tuples.iter().any(|tuple| tuple.variadic_typevar(db).is_some()) {
        return ty;
    }
    let merged = crate::types::TupleType::homogeneous(db, Type::union_of(db, tuples.iter().map(|tuple| tuple.element_union(db))));
    let others = members.into_iter().filter(|member| !matches!(member, Type::Tuple(_)));
    Type::union_of(db, others.chain(std::iter::once(Type::Tuple(merged))))
}

//! Members whose inference reads themselves: `self.count = self.count + 1` makes the type of
//! `count` depend on the type of `count`, and a chain of attributes assigned from one another
//! can close into a loop (`self.a = self.b`, `self.b = self.a`). The own-member query is
//! iterated to a fixpoint: the cycle starts from a member of type `Never` (no value has come
//! through the cycle yet, so the lookup reads what a base class says, see `class_member`),
//! each round joins what the member was with what it now is, from the second round on with
//! its literals widened, and a member still changing after `MAX_ROUNDS` rounds is `Unknown`.
//! `count` above is `int` (from `self.count = 0`) after one round and stays `int`.

use pytc_db::Db;

use crate::class::members::ClassMember;
use crate::infer::public::SymbolName;
use crate::types::{ClassLiteral, Type};

/// Rounds after which a member still changing (`self.x = [self.x]`, one level deeper each
/// round) gives up as `Unknown`: a self-reading member settles in two or three rounds (its
/// other assignments, then what the self-reading ones make of them widened, then the same).
const MAX_ROUNDS: u32 = 3;

/// What a member is assumed to be when its cycle starts: an instance attribute nothing has
/// been assigned to yet.
pub(crate) fn first_round<'db>(_db: &'db dyn Db, _id: salsa::Id, class: ClassLiteral<'db>, _name: SymbolName<'db>) -> Option<ClassMember<'db>> {
    Some(ClassMember { ty: Type::Never, owner: class, instance_only: true, class_var: false, is_object_member: false, declared: false })
}

/// What the next round assumes: the member as now computed, its type joined with the last
/// assumption (widened from the second round on), or `Unknown` once `MAX_ROUNDS` have passed.
pub(crate) fn next_round<'db>(
    db: &'db dyn Db,
    cycle: &salsa::Cycle,
    last: &Option<ClassMember<'db>>,
    value: Option<ClassMember<'db>>,
    _class: ClassLiteral<'db>,
    _name: SymbolName<'db>,
) -> Option<ClassMember<'db>> {
    let (Some(last), Some(value)) = (*last, value) else { return value };
    let joined = Type::union_of(db, [last.ty, value.ty]);
    let ty = if cycle.iteration() >= MAX_ROUNDS || joined.is_never() {
        // Still changing, or nothing flows into the cycle (`self.x = self.x` alone): a member
        // pytc cannot follow.
        Type::UNKNOWN
    } else if joined == last.ty || cycle.iteration() == 0 {
        joined
    } else {
        crate::infer::expr_widen(db, joined)
    };
    Some(ClassMember { ty, ..value })
}

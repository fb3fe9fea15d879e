//! Relations with recursive aliases: a reference is compared by its expansion. A pair met
//! again while it is being compared (`Json` to `Json2`, both recursive) is assumed to hold,
//! as a recursive type is related to another when no finite unrolling shows otherwise.

use std::cell::RefCell;
use std::hash::{Hash, Hasher};

use pytc_db::Db;
use rustc_hash::FxHasher;

use super::{Relation, has_relation};
use crate::types::Type;

thread_local! {
    /// The (source, target, relation) pairs with a reference being compared on this thread.
    static IN_PROGRESS: RefCell<Vec<u64>> = const { RefCell::new(Vec::new()) };
}

fn pair_key(source: Type<'_>, target: Type<'_>, relation: Relation) -> u64 {
    let mut hasher = FxHasher::default();
    source.hash(&mut hasher);
    target.hash(&mut hasher);
    (relation == Relation::Assignability).hash(&mut hasher);
    hasher.finish()
}

pub(super) fn alias_relation<'db>(db: &'db dyn Db, source: Type<'db>, target: Type<'db>, relation: Relation, depth: u32) -> bool {
    let key = pair_key(source, target, relation);
    if IN_PROGRESS.with(|pairs| pairs.borrow().contains(&key)) {
        return true;
    }
    IN_PROGRESS.with(|pairs| pairs.borrow_mut().push(key));
    let result = has_relation(db, source.expand_top(db), target.expand_top(db), relation, depth);
    IN_PROGRESS.with(|pairs| pairs.borrow_mut().pop());
    result
}

//! Positions in a tuple whose middle is unbounded (`tuple[int, *tuple[str, ...], float]`):
//! the known prefix and suffix keep their own types under indexing, slicing and starred
//! unpacking, and a position past the prefix is the middle's element or one of the suffix
//! elements the middle may have shrunk to reach. A `*Ts` middle is not handled here.

use super::{TupleType, Type};

impl<'db> TupleType<'db> {
    /// The unbounded middle's element, unless it is a TypeVarTuple or the tuple is fixed.
    fn unbounded_element(self, db: &'db dyn pytc_db::Db) -> Option<Type<'db>> {
        self.variadic(db).filter(|variadic| variadic.as_typevar_tuple(db).is_none())
    }

    /// `t[index]` of a tuple with an unbounded middle: a prefix element counted from the
    /// front, a suffix element counted from the back, else the middle's element joined with
    /// every element on the far side the index may reach once the middle is short.
    pub fn element_at_unbounded(self, db: &'db dyn pytc_db::Db, index: i64) -> Option<Type<'db>> {
        let middle = self.unbounded_element(db)?;
        let (prefix, suffix) = (self.prefix(db), self.suffix(db));
        if index >= 0 {
            let index = usize::try_from(index).ok()?;
            if let Some(element) = prefix.get(index) {
                return Some(*element);
            }
            let reach = (index - prefix.len() + 1).min(suffix.len());
            return Some(Type::union_of(db, std::iter::once(middle).chain(suffix[..reach].iter().copied())));
        }
        let from_end = usize::try_from(index.checked_neg()?).ok()?;
        if from_end <= suffix.len() {
            return Some(suffix[suffix.len() - from_end]);
        }
        let reach = (from_end - suffix.len()).min(prefix.len());
        Some(Type::union_of(db, std::iter::once(middle).chain(prefix[prefix.len() - reach..].iter().copied())))
    }

    /// `t[start:stop]` (step 1) of a tuple with an unbounded middle, when `start` lies in
    /// the prefix (or is omitted) and `stop` in the suffix counted from the end (or is
    /// omitted): the middle stays unbounded between the kept parts.
    pub fn slice_unbounded(self, db: &'db dyn pytc_db::Db, start: Option<i64>, stop: Option<i64>) -> Option<TupleType<'db>> {
        let middle = self.unbounded_element(db)?;
        let (prefix, suffix) = (self.prefix(db), self.suffix(db));
        let start = match start {
            None => 0,
            Some(start) => usize::try_from(start).ok().filter(|start| *start <= prefix.len())?,
        };
        let stop = match stop {
            None => suffix.len(),
            Some(stop) if stop < 0 => suffix.len().checked_sub(usize::try_from(stop.checked_neg()?).ok()?)?,
            Some(_) => return None,
        };
        Some(TupleType::new(db, Box::from(&prefix[start..]), Some(middle), Box::from(&suffix[..stop])))
    }

    /// `before` targets, a starred target, then `after` targets unpacking a tuple with an
    /// unbounded middle whose prefix and suffix cover the unstarred targets: the types of the
    /// leading targets, the starred target's element and the trailing targets.
    pub fn starred_unpacking(self, db: &'db dyn pytc_db::Db, before: usize, after: usize) -> Option<(&'db [Type<'db>], Type<'db>, &'db [Type<'db>])> {
        let middle = self.unbounded_element(db)?;
        let (prefix, suffix) = (self.prefix(db), self.suffix(db));
        if before > prefix.len() || after > suffix.len() {
            return None;
        }
        let kept_suffix = suffix.len() - after;
        let starred = Type::union_of(db, prefix[before..].iter().copied().chain(std::iter::once(middle)).chain(suffix[..kept_suffix].iter().copied()));
        Some((&prefix[..before], starred, &suffix[kept_suffix..]))
    }
}

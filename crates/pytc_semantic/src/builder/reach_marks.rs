//! Records which statements are reached under which condition, and turns the records into
//! the sorted boundaries `SemanticIndex::reachability` searches.

use pytc_syntax::{TextRange, TextSize};

use crate::ids::{ConstraintId, ScopeId};
use crate::index::Reachability;

/// Statement reachability as it is visited: a mark wherever it differs from the enclosing
/// statement's.
#[derive(Default)]
pub(super) struct ReachMarks {
    marks: Vec<(TextRange, Reachability)>,
    stack: Vec<Reachability>,
}

impl ReachMarks {
    /// Entering a statement of `scope` reached under `reach`.
    pub(super) fn enter(&mut self, range: TextRange, scope: ScopeId, reach: ConstraintId) {
        let reachability = match reach {
            ConstraintId::ALWAYS_TRUE => Reachability::Reachable,
            ConstraintId::ALWAYS_FALSE => Reachability::Unreachable,
            constraint => Reachability::Conditional { scope, constraint },
        };
        let enclosing = self.stack.last().copied().unwrap_or(Reachability::Reachable);
        if reachability != enclosing {
            self.marks.push((range, reachability));
        }
        self.stack.push(reachability);
    }

    pub(super) fn exit(&mut self) {
        self.stack.pop();
    }

    /// True when the innermost statement or expression entered is statically unreachable.
    pub(super) fn in_unreachable(&self) -> bool {
        self.stack.last() == Some(&Reachability::Unreachable)
    }

    /// Boundaries: from each offset on (until the next boundary), the reachability given.
    pub(super) fn finish(mut self) -> Box<[(TextSize, Reachability)]> {
        // Outer ranges first, so inner ones override them.
        self.marks.sort_by(|(a, _), (b, _)| a.start().cmp(&b.start()).then(b.end().cmp(&a.end())));
        let mut boundaries: Vec<(TextSize, Reachability)> = Vec::new();
        // Open ranges: (end, reachability to restore at the end).
        let mut open: Vec<(TextSize, Reachability)> = Vec::new();
        let mut current = Reachability::Reachable;
        for (range, reachability) in self.marks {
            while let Some(&(end, restore)) = open.last() {
                if end > range.start() {
                    break;
                }
                open.pop();
                push_boundary(&mut boundaries, end, restore);
                current = restore;
            }
            open.push((range.end(), current));
            push_boundary(&mut boundaries, range.start(), reachability);
            current = reachability;
        }
        while let Some((end, restore)) = open.pop() {
            push_boundary(&mut boundaries, end, restore);
        }
        boundaries.into_boxed_slice()
    }
}

fn push_boundary(boundaries: &mut Vec<(TextSize, Reachability)>, offset: TextSize, reachability: Reachability) {
    if let Some(last) = boundaries.last_mut()
        && last.0 == offset
    {
        last.1 = reachability;
        return;
    }
    if boundaries.last().is_some_and(|last| last.1 == reachability) {
        return;
    }
    boundaries.push((offset, reachability));
}

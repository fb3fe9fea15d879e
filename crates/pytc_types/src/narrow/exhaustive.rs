//! Exhaustiveness as reachability: a path on which the `case` patterns that failed leave
//! nothing of their subject's type does not exist. After a `match` over every
//! member of an enum, every literal of a `Literal[...]`, both `bool`s, every class of a
//! union or every shape of a tuple union, the fall-through path narrows the subject to
//! `Never`; code there is unreachable and a function needs no trailing `return`.

use pytc_semantic::{Constraint, ConstraintId, PredicateKind, ScopeId};
use pytc_syntax::ast;

use super::place_text;
use crate::class::KnownClass;
use crate::infer::InferContext;

/// Constraint nodes looked at when collecting subjects; longer formulas are not searched.
const MAX_NODES: usize = 512;
/// Distinct subjects tried per constraint.
const MAX_SUBJECTS: usize = 4;

/// Sub-formulas looked at on their own when a whole formula is not ruled out.
pub(super) const MAX_SPLITS: u32 = 8;

impl<'db> InferContext<'db> {
    /// Whether no path the constraint allows exists: the formula is `Never` for any type
    /// (a `NoReturn` call on every path), or it leaves nothing of some subject's type.
    /// Failing that, a join of paths is ruled out when each of its paths is, each maybe by
    /// a subject of its own (a `match` with another `match` nested in a case), and a
    /// sequence of conditions is when the conditions met first are.
    pub(super) fn paths_ruled_out(&mut self, scope: ScopeId, constraint: ConstraintId, splits: &mut u32) -> bool {
        let probe = KnownClass::Object.instance(self.db);
        if self.memoised_constraint(scope, constraint, probe, "").is_never() || self.constraint_exhausts_a_subject(scope, constraint) {
            return true;
        }
        if *splits == 0 || self.narrowing_depth > 1 {
            return false;
        }
        match self.index.use_def_map(scope).constraints().get(constraint) {
            Constraint::Or(left, right) => {
                *splits -= 1;
                self.paths_ruled_out(scope, left, splits) && self.paths_ruled_out(scope, right, splits)
            }
            // `right` applies to what `left` leaves: nothing left there is nothing after it.
            Constraint::And(left, _) => {
                *splits -= 1;
                self.paths_ruled_out(scope, left, splits)
            }
            Constraint::Atom { .. } | Constraint::True | Constraint::False => false,
        }
    }

    /// Whether a subject of the failed patterns on the constraint's paths has
    /// nothing of its type left there.
    pub(super) fn constraint_exhausts_a_subject(&mut self, scope: ScopeId, constraint: ConstraintId) -> bool {
        // Inferring a subject reads names whose own paths ask again: only the outermost
        // question looks at subjects, or nested questions multiply.
        if self.narrowing_depth > 1 {
            return false;
        }
        let index = self.index;
        let subjects = failed_subjects(index, scope, constraint);
        for (text, subject) in subjects {
            let ty = self.infer_expression(subject);
            if ty.is_never() || ty.is_dynamic() {
                continue;
            }
            if self.memoised_constraint(scope, constraint, ty, &text).is_never() {
                return true;
            }
        }
        false
    }
}

/// The subjects (as place text and expression) of the negated `case` patterns in the
/// constraint.
fn failed_subjects<'a>(index: &'a pytc_semantic::SemanticIndex, scope: ScopeId, constraint: ConstraintId) -> Vec<(String, &'a ast::Expr)> {
    let constraints = index.use_def_map(scope).constraints();
    let mut subjects: Vec<(String, &'a ast::Expr)> = Vec::new();
    let mut seen = rustc_hash::FxHashSet::default();
    let mut pending = vec![constraint];
    while let Some(node) = pending.pop() {
        if seen.len() >= MAX_NODES || !seen.insert(node) {
            continue;
        }
        match constraints.get(node) {
            Constraint::And(left, right) | Constraint::Or(left, right) => {
                pending.push(left);
                pending.push(right);
            }
            Constraint::Atom { predicate, negated: true } => {
                let subject: Option<&'a ast::Expr> = match &index.predicate(predicate).kind {
                    PredicateKind::Pattern { subject, .. } => Some(subject),
                    _ => None,
                };
                if let Some(subject) = subject
                    && let Some(text) = place_text(subject)
                    && !subjects.iter().any(|(known, _)| *known == text)
                    && subjects.len() < MAX_SUBJECTS
                {
                    subjects.push((text, subject));
                }
            }
            Constraint::Atom { .. } | Constraint::True | Constraint::False => {}
        }
    }
    subjects
}

//! Exhaustiveness as reachability: a path on which the `case` patterns or `if` tests that
//! failed leave nothing of their subject's type does not exist. After a `match` or an
//! `if`/`elif` chain over every member of an enum, every literal of a `Literal[...]`, both
//! `bool`s, every class of a union or every shape of a tuple union, the fall-through path
//! narrows the subject to `Never`; code there is unreachable and a function needs no
//! trailing `return`.

use pytc_semantic::{Constraint, ConstraintId, PredicateKind, ScopeId};
use pytc_syntax::ast;

use super::{match_subject_text, place_text};
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
            Constraint::Path(reach) => self.path_ruled_out(scope, reach),
            Constraint::Atom { .. } | Constraint::True | Constraint::False => false,
        }
    }

    /// Whether no path where `reach` holds exists, once per context. The answer does not
    /// depend on the type being narrowed. Only the outermost question of a checking context
    /// looks at subjects (see `asks_path_subjects`); any other one asks only whether a call
    /// ends the path, and may say a path exists where the outermost would not.
    pub(super) fn path_ruled_out(&mut self, scope: ScopeId, reach: ConstraintId) -> bool {
        let outermost = self.narrowing_depth <= 1 && self.asks_path_subjects && !self.inferring_path_subject;
        if let Some(known) = self.ruled_out_paths.get(&(scope, reach, outermost)) {
            return *known;
        }
        let ruled_out = if outermost {
            let mut splits = MAX_SPLITS;
            self.paths_ruled_out(scope, reach, &mut splits)
        } else {
            let probe = KnownClass::Object.instance(self.db);
            self.memoised_constraint(scope, reach, probe, "").is_never()
        };
        self.ruled_out_paths.insert((scope, reach, outermost), ruled_out);
        ruled_out
    }

    /// Whether the path to the code at `range` can exist: it is not ruled out by a call that
    /// never returns or by conditions that leave nothing of their subject.
    pub(crate) fn types_allow_reaching(&mut self, range: pytc_syntax::TextRange) -> bool {
        match self.index.reachability(range) {
            pytc_semantic::Reachability::Conditional { scope, constraint } => !self.path_ruled_out(scope, constraint),
            pytc_semantic::Reachability::Reachable | pytc_semantic::Reachability::Unreachable => true,
        }
    }

    /// Whether a subject of the patterns or tests on the constraint's paths has nothing of
    /// its type left there.
    pub(super) fn constraint_exhausts_a_subject(&mut self, scope: ScopeId, constraint: ConstraintId) -> bool {
        // Inferring a subject reads names whose own paths ask again: only the outermost
        // question looks at subjects, or nested questions multiply.
        if self.narrowing_depth > 1 || self.inferring_path_subject {
            return false;
        }
        let index = self.index;
        let subjects = failed_subjects(index, scope, constraint);
        for (text, subject) in subjects {
            let ty = self.infer_path_subject(subject);
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

impl<'db> InferContext<'db> {
    /// A subject's type for an exhaustion question: quietly, and with the paths of the
    /// names it reads ruled out only by calls (see `inferring_path_subject`).
    fn infer_path_subject(&mut self, subject: &ast::Expr) -> crate::types::Type<'db> {
        let was_inferring = std::mem::replace(&mut self.inferring_path_subject, true);
        let was_reporting = self.suspend_reporting();
        let ty = self.infer_expression(subject);
        self.resume_reporting(was_reporting);
        self.inferring_path_subject = was_inferring;
        ty
    }
}

/// The subjects (as place text and expression) of the `case` patterns and tests in the
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
            Constraint::Atom { predicate, .. } => {
                let subject: Option<(&'a ast::Expr, Option<String>)> = match &index.predicate(predicate).kind {
                    PredicateKind::Pattern { subject, .. } => Some((subject, match_subject_text(subject))),
                    PredicateKind::Test(test) => test_subject(test).map(|subject| (subject, place_text(subject))),
                    _ => None,
                };
                if let Some((subject, Some(text))) = subject
                    && !subjects.iter().any(|(known, _)| *known == text)
                    && subjects.len() < MAX_SUBJECTS
                {
                    subjects.push((text, subject));
                }
            }
            // A path's own subjects are asked about when the path is evaluated.
            Constraint::Path(_) | Constraint::True | Constraint::False => {}
        }
    }
    subjects
}

/// The narrowed operand of a test: the left side of a comparison (the right side of
/// `"key" in td`), the first argument of a call (`isinstance(x, C)`, a `TypeIs` function),
/// the tested name or place itself.
fn test_subject(test: &ast::Expr) -> Option<&ast::Expr> {
    match test {
        ast::Expr::Compare(compare)
            if compare.ops.len() == 1
                && matches!(compare.ops[0], ast::CmpOp::In | ast::CmpOp::NotIn)
                && matches!(*compare.left, ast::Expr::StringLiteral(_)) =>
        {
            Some(&compare.comparators[0])
        }
        ast::Expr::Compare(compare) if compare.ops.len() == 1 => Some(&compare.left),
        ast::Expr::Call(call) => call.arguments.args.first(),
        ast::Expr::Name(_) | ast::Expr::Attribute(_) | ast::Expr::Subscript(_) => Some(test),
        _ => None,
    }
}

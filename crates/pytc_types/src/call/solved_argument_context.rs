//! Display arguments of a generic call inferred again at the solved instance. Without a
//! context `[""]` is a `list[str]`; passed with `1` to `def f(x: T, y: list[T])`, `T` is solved
//! from both (`int | str`), and the invariant `list[T]` no longer accepts the `list[str]`. A
//! display has no type of its own, so when the context-free call fails, each display
//! argument is inferred again with its parameter's type at the solved instance (literals
//! widened) as its context, and the call is evaluated again with those arguments; their
//! outcome is kept only when it succeeds.

use pytc_syntax::ast;

use super::{Argument, CallOutcome, bind, single_signature, solvable_typevars};
use crate::infer::InferContext;
use crate::types::Type;

impl<'db> InferContext<'db> {
    /// The arguments and outcome of `call` with its displays inferred for the instance the
    /// context-free `arguments` solve, when `outcome` failed and that call succeeds.
    pub(super) fn displays_at_solved_instance(
        &mut self,
        callee: Type<'db>,
        call: &ast::ExprCall,
        arguments: &[Argument<'db>],
        outcome: &CallOutcome<'db>,
    ) -> Option<(Vec<Argument<'db>>, CallOutcome<'db>)> {
        let db = self.db;
        if !matches!(outcome, CallOutcome::Errors { .. }) || !matches!(callee, Type::Function(_) | Type::BoundMethod(_) | Type::ClassObject(_)) {
            return None;
        }
        if !super::argument_values(call).any(is_display) {
            return None;
        }
        let signature = single_signature(db, callee)?;
        let solvable = solvable_typevars(db, callee, &signature);
        if solvable.is_empty() {
            return None;
        }
        let iterate = super::unpacked_element(db);
        let (assigned, errors) = bind::match_arguments(&signature, arguments);
        if !errors.is_empty() {
            return None;
        }
        let (_, solution) = bind::bind_matched(db, &signature, arguments, &assigned, errors, &solvable, &iterate);
        // Literals widen, as in a display of its own (`[1, ""]` is a `list[int | str]`).
        let widened = crate::generics::Specialization::from_pairs(
            solvable.iter().filter_map(|typevar| Some((*typevar, crate::infer::expr_widen(db, solution.get(*typevar)?)))),
        );
        let solved = widened.apply_signature(db, &signature);
        let expected = self.expected_types_for(&solved, call);
        if expected.iter().all(Option::is_none) {
            return None;
        }
        let contextual = self.speculative_arguments(call, &expected);
        match self.evaluate_call_in_scope(callee, &contextual) {
            success @ CallOutcome::Success(_) => Some((contextual, success)),
            _ => None,
        }
    }
}

/// A display argument, whose type depends on the type expected of it.
fn is_display(value: &ast::Expr) -> bool {
    matches!(value, ast::Expr::List(_) | ast::Expr::Set(_) | ast::Expr::Dict(_))
}

//! Overloads tried with their own parameter types as the context of the call's display and
//! lambda arguments. Without a context `["a", "b"]` is a `list[str]`, so `",".join(["a",
//! "b"])` would skip the overload taking `Iterable[LiteralString]`; inferred for that
//! overload's parameter, the list is a `list[LiteralString]` and the overload applies. The
//! first overload that accepts the arguments inferred this way is the call's answer when it
//! gives another result than the context-free evaluation (or that one found no overload).

use pytc_syntax::ast;

use super::{Argument, CallOutcome, bind_signatures, signatures_of, solvable_typevars};
use crate::infer::InferContext;
use crate::types::Type;

impl<'db> InferContext<'db> {
    /// The arguments and outcome of `call` of the overloaded `callee` with each overload's
    /// parameter types as the context of its displays and lambdas, when that changes the
    /// outcome from `outcome` (the evaluation of the context-free `arguments`).
    pub(super) fn overload_in_argument_context(
        &mut self,
        callee: Type<'db>,
        call: &ast::ExprCall,
        arguments: &[Argument<'db>],
        outcome: &CallOutcome<'db>,
    ) -> Option<(Vec<Argument<'db>>, CallOutcome<'db>)> {
        let db = self.db;
        if !super::argument_values(call).any(takes_context) {
            return None;
        }
        let signatures = signatures_of(db, callee)?;
        if signatures.len() < 2 {
            return None;
        }
        for signature in &signatures {
            let expected = self.expected_types_for(signature, call);
            // An overload that gives no argument a context sees the context-free arguments.
            let contextual = if expected.iter().all(Option::is_none) {
                arguments.to_vec()
            } else {
                self.speculative_arguments(call, &expected)
            };
            let contextual_outcome = bind_signatures(db, callee, std::slice::from_ref(signature), &contextual, &|signature| solvable_typevars(db, callee, signature));
            let CallOutcome::Success(returned) = contextual_outcome else { continue };
            // A gradual argument may match several overloads: the context-free evaluation
            // has the rules for that.
            if contextual.iter().any(|argument| argument.ty.contains_dynamic(db)) {
                return None;
            }
            return match outcome {
                CallOutcome::Success(original) if *original == returned => None,
                CallOutcome::NotCallable => None,
                _ => Some((contextual, CallOutcome::Success(returned))),
            };
        }
        None
    }
}

/// An argument whose type depends on the type expected of it.
fn takes_context(value: &ast::Expr) -> bool {
    matches!(
        value,
        ast::Expr::List(_) | ast::Expr::Set(_) | ast::Expr::Dict(_) | ast::Expr::ListComp(_) | ast::Expr::SetComp(_) | ast::Expr::DictComp(_) | ast::Expr::Lambda(_)
    )
}

//! Lambdas passed where a generic callee expects a callable (`map(lambda x: x * 2, [1, 2])`,
//! `groupby(words, key=lambda w: len(w))`): the lambda's parameter types come from the other
//! arguments, so its body is inferred last. The call is first matched with the lambdas left
//! out; the type variables the other arguments solve give the parameter each lambda meets
//! (`Callable[[int], S]` once `T` is `int`), and the lambda is inferred with that as its
//! context: its parameters take the types the callee will pass (`x: int`) and its body's type
//! then solves the rest (`S` is `int`, so the call is a `map[int]`).
//!
//! For an overloaded callee, the first overload the other arguments fit, and that takes a
//! callable where each lambda goes, gives the context.
//! A lambda whose parameter stays generic, or a call pytc cannot match this way (unpacked
//! arguments), is inferred without a context, as before.

use pytc_syntax::ast;

use super::bind::{self, Argument};
use super::{signatures_of, solvable_typevars};
use crate::infer::InferContext;
use crate::infer::lambda_parameters::expected_lambda_signature;
use crate::types::Type;

/// A lambda argument whose inference waits for the call's other arguments: its index among
/// the call's matched arguments and its expression.
pub(super) struct DeferredLambda<'a> {
    pub(super) index: usize,
    pub(super) lambda: &'a ast::Expr,
}

impl<'db> InferContext<'db> {
    /// Infer the deferred lambdas of a call (first inferred quietly, without a context) with
    /// the parameter types the other arguments solve, and report what their bodies hold.
    pub(super) fn infer_deferred_lambdas(&mut self, callee: Type<'db>, arguments: &mut [Argument<'db>], deferred: &[DeferredLambda<'_>]) {
        if deferred.is_empty() {
            return;
        }
        let contexts = self.solved_lambda_contexts(callee, arguments, deferred);
        for (lambda, context) in deferred.iter().zip(contexts) {
            arguments[lambda.index].ty = self.infer_expression_with(lambda.lambda, context);
        }
    }

    /// The parameter type each deferred lambda meets at the solution the other arguments
    /// give, for the first signature of `callee` they fit; `None` for a lambda with none.
    fn solved_lambda_contexts(&mut self, callee: Type<'db>, arguments: &[Argument<'db>], deferred: &[DeferredLambda<'_>]) -> Vec<Option<Type<'db>>> {
        let db = self.db;
        let none = || vec![None; deferred.len()];
        let Some(signatures) = signatures_of(db, callee) else { return none() };
        let fixed = self.typevars_bound_at(self.scope);
        let iterate = super::unpacked_element(db);
        for signature in signatures.iter().filter(|signature| !signature.gradual_parameters) {
            let (mut assigned, errors) = bind::match_arguments(signature, arguments);
            if !errors.is_empty() {
                continue;
            }
            let parameters: Vec<Option<usize>> = deferred.iter().map(|lambda| assigned[lambda.index].first().copied()).collect();
            // The lambdas say nothing yet: only the other arguments solve.
            for lambda in deferred {
                assigned[lambda.index].clear();
            }
            let mut solvable = solvable_typevars(db, callee, signature);
            solvable.retain(|typevar| !fixed.contains(typevar));
            let (binding, specialization) = bind::bind_matched(db, signature, arguments, &assigned, Vec::new(), &solvable, &iterate);
            if !binding.errors.is_empty() {
                continue;
            }
            let contexts: Vec<Option<Type<'db>>> =
                parameters.into_iter().map(|parameter| parameter.map(|index| specialization.apply(db, signature.parameters[index].annotated))).collect();
            // An overload whose parameter takes no callable there (`key: None`) is not the one
            // a lambda is passed to.
            if contexts.iter().all(|context| context.is_some_and(|context| expected_lambda_signature(db, context).is_some())) {
                return contexts;
            }
        }
        none()
    }
}

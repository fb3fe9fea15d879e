//! A generic function passed to a generic callee that declares the same module-level type
//! variables (`to_thread(run_sync, work, 1)`, both generic over `RetT` and `*Ts`): the
//! variables are one `TypeVarType`, yet the callee's are solved by this call and the
//! argument's stand for whatever instance of the argument the callee's parameter asks for.
//! For the call, the argument's own variables that the callee also names are replaced by
//! fresh copies (`TypeVarType::fresh_copy`), so the two are solved apart; the variables
//! bound where the call is (an enclosing generic function's or class's) stay, as they
//! stand for one fixed type there.
//!
//! A function's own variables are those a call of it would solve (`call::solvable_typevars`:
//! a bound method's receiver fixes its class's). A callable that is not a `def` (a parameter
//! annotated `Callable[[S], int]`) names the variables of the function it is a parameter
//! of, which are fixed where the call is: it keeps them.

use pytc_db::Db;

use super::bind::{Argument, ArgumentKind};
use crate::generics::Specialization;
use crate::infer::InferContext;
use crate::types::{CallableType, Type, TypeVarType};

impl<'db> InferContext<'db> {
    /// Give each generic function among a call's arguments fresh copies of the variables it
    /// shares with the callee, except those bound where the call is (a function nested in
    /// one generic in `T`, or a method passed inside its generic class, names the `T` that
    /// is fixed there).
    pub(super) fn freshen_generic_function_arguments(&mut self, callee: Type<'db>, arguments: &mut [Argument<'db>]) {
        let db = self.db;
        if !arguments.iter().any(|argument| passes_function(argument)) {
            return;
        }
        let mut shared = callee_typevars(db, callee);
        if shared.is_empty() {
            return;
        }
        let fixed = self.typevars_bound_at(self.scope);
        shared.retain(|typevar| !fixed.contains(typevar));
        for argument in arguments.iter_mut().filter(|argument| passes_function(argument)) {
            if let Some(fresh) = fresh_function(db, argument.ty, &shared) {
                argument.ty = fresh;
            }
        }
    }
}

/// Whether an argument passes a `def` (or a bound method) by position or keyword.
fn passes_function(argument: &Argument<'_>) -> bool {
    matches!(argument.kind, ArgumentKind::Positional | ArgumentKind::Keyword(_)) && matches!(argument.ty, Type::Function(_) | Type::BoundMethod(_))
}

/// The type variables a call of `callee` may solve (a class object's through its
/// constructor).
fn callee_typevars<'db>(db: &'db dyn Db, callee: Type<'db>) -> Vec<TypeVarType<'db>> {
    let mut found = Vec::new();
    for signature in super::signatures_of(db, callee).unwrap_or_default() {
        found.extend(super::solvable_typevars(db, callee, &signature));
    }
    found
}

/// A function as a callable whose own variables among `shared` are fresh copies; `None`
/// when it has none of them.
fn fresh_function<'db>(db: &'db dyn Db, function: Type<'db>, shared: &[TypeVarType<'db>]) -> Option<Type<'db>> {
    let signatures = super::signatures_of(db, function)?;
    let mut own = Vec::new();
    for signature in &signatures {
        for typevar in super::solvable_typevars(db, function, signature) {
            if shared.contains(&typevar) && !own.contains(&typevar) {
                own.push(typevar);
            }
        }
    }
    if own.is_empty() {
        return None;
    }
    let fresh = Specialization::from_pairs(own.into_iter().map(|typevar| (typevar, Type::TypeVar(typevar.fresh_copy(db)))));
    let signatures: Box<[_]> = signatures.iter().map(|signature| fresh.apply_signature(db, signature)).collect();
    Some(Type::Callable(CallableType::new(db, signatures)))
}

//! The expected type of a call as the context of its type variables (bidirectional
//! inference): `values: list[Value] = list(registers)` is `list[Value]`, not the
//! `list[Register]` the argument alone solves. A call is first solved from its arguments; when
//! that result does not fit the expected type, the type variables of the declared return type
//! are solved from the expected type instead and the call is checked again at that instance
//! (a class at the specialization, `list[Value](registers)`; a function at its specialized
//! signature). The instance is taken only when the arguments fit it.

use pytc_db::Db;

use crate::call::bind::Argument;
use crate::call::{CallOutcome, evaluate_call};
use crate::generics::{Specialization, TypeVarSolver};
use crate::types::{CallableType, ClassType, Type, TypeVarType};

/// The call of `callee` at the instance `expected` asks for, when that instance accepts the
/// arguments and returns something assignable to `expected`.
pub(crate) fn evaluate_call_in_context<'db>(db: &'db dyn Db, callee: Type<'db>, arguments: &[Argument<'db>], expected: Type<'db>) -> Option<Type<'db>> {
    let instance = match callee {
        Type::ClassObject(class) => class_in_context(db, class, expected)?,
        Type::Function(_) | Type::BoundMethod(_) => function_in_context(db, callee, expected)?,
        _ => return None,
    };
    match evaluate_call(db, instance, arguments) {
        CallOutcome::Success(returned) if returned.is_assignable_to(db, expected) => Some(returned),
        _ => None,
    }
}

/// A generic class not yet specialized, specialized so that its instances are `expected`
/// (or the member of an `expected` union they can be).
fn class_in_context<'db>(db: &'db dyn Db, class: ClassType<'db>, expected: Type<'db>) -> Option<Type<'db>> {
    let literal = class.class(db);
    let parameters = crate::class::type_parameters(db, literal);
    if parameters.is_empty() || !class.arguments(db).is_empty() {
        return None;
    }
    let own = ClassType::new(db, literal, parameters.iter().map(|parameter| Type::TypeVar(*parameter)).collect::<Box<[_]>>());
    let specialization = solve_from_expected(db, Type::Instance(own), expected, &parameters)?;
    let arguments: Box<[Type<'db>]> = parameters.iter().map(|parameter| specialization.get(*parameter).unwrap_or(Type::UNKNOWN)).collect();
    Some(Type::ClassObject(ClassType::new(db, literal, arguments)))
}

/// A generic function (one signature) at the instance whose return type is `expected`.
fn function_in_context<'db>(db: &'db dyn Db, callee: Type<'db>, expected: Type<'db>) -> Option<Type<'db>> {
    let signature = crate::call::single_signature(db, callee)?;
    let solvable = crate::call::solvable_typevars(db, callee, &signature);
    let mut returned = Vec::new();
    crate::generics::walk_typevars(db, signature.return_type, &mut |typevar| {
        if solvable.contains(&typevar) && !returned.contains(&typevar) {
            returned.push(typevar);
        }
    });
    // Every variable must be fixed by the expected type: one left free would be solved as
    // `Unknown` and hide errors.
    if returned.is_empty() || returned.len() != solvable.len() {
        return None;
    }
    let specialization = solve_from_expected(db, signature.return_type, expected, &returned)?;
    Some(Type::Callable(CallableType::single(db, specialization.apply_signature(db, &signature))))
}

/// Solve `typevars` so that `returned` (an instance type mentioning them) is the member of
/// `expected` it can be: the ancestor of `returned`'s class that is `expected`'s class
/// (`list[T]` against `Sequence[Value]` is `Sequence[T]`) gives each variable its argument.
fn solve_from_expected<'db>(db: &'db dyn Db, returned: Type<'db>, expected: Type<'db>, typevars: &[TypeVarType<'db>]) -> Option<Specialization<'db>> {
    let Type::Instance(returned_class) = returned else { return None };
    let mut solver = TypeVarSolver::new(db);
    for member in expected.union_elements(db) {
        let Type::Instance(expected_class) = member else { continue };
        let Some(ancestor) = crate::class::find_ancestor(db, returned_class, expected_class.class(db)) else { continue };
        solver.infer(Type::Instance(ancestor), member);
    }
    solver.solve_exactly(typevars)
}

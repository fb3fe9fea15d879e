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
use crate::types::{CallableType, ClassType, Signature, Type, TypeVarType};

/// The call of `callee` at the instance `expected` asks for, when that instance accepts the
/// arguments and returns something assignable to `expected`.
pub(crate) fn evaluate_call_in_context<'db>(db: &'db dyn Db, callee: Type<'db>, arguments: &[Argument<'db>], expected: Type<'db>) -> Option<Type<'db>> {
    let fits = |instance: Type<'db>| match evaluate_call(db, instance, arguments) {
        CallOutcome::Success(returned) if returned.is_assignable_to(db, expected) => Some(returned),
        _ => None,
    };
    match callee {
        Type::ClassObject(class) => fits(class_in_context(db, class, expected)?),
        Type::Function(_) | Type::BoundMethod(_) => {
            let signatures = crate::call::signatures_of(db, callee)?;
            // Overloads are tried in order; the first one the arguments fit decides, at the
            // instance the context asks for when it has one.
            for signature in &signatures {
                if let Some(instance) = signature_in_context(db, callee, signature, expected)
                    && let Some(returned) = fits(instance)
                {
                    return Some(returned);
                }
                if signatures.len() > 1 && matches!(evaluate_call(db, Type::Callable(CallableType::single(db, signature.clone())), arguments), CallOutcome::Success(_)) {
                    return None;
                }
            }
            None
        }
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

/// One signature of a generic function at the instance whose return type is `expected`.
fn signature_in_context<'db>(db: &'db dyn Db, callee: Type<'db>, signature: &Signature<'db>, expected: Type<'db>) -> Option<Type<'db>> {
    let solvable = crate::call::solvable_typevars(db, callee, signature);
    let mut returned = Vec::new();
    crate::generics::walk_typevars(db, signature.return_type, &mut |typevar| {
        if solvable.contains(&typevar) && !returned.contains(&typevar) {
            returned.push(typevar);
        }
    });
    // Every variable must be fixed by the expected type: one left free would be solved as
    // `Unknown` and hide errors. A function's ParamSpec or TypeVarTuple is left to its
    // arguments: the expected type would hand it the caller's own (`wrap(f)` returning
    // `Wrapper[P, int]` inside a function generic in `P`), which the arguments then meet
    // as if it were solvable.
    if returned.is_empty() || returned.len() != solvable.len() || returned.iter().any(|typevar| typevar.kind(db) != crate::types::TypeVarKind::TypeVar) {
        return None;
    }
    let specialization = solve_from_expected(db, signature.return_type, expected, &returned)?;
    Some(Type::Callable(CallableType::single(db, specialization.apply_signature(db, signature))))
}

/// Solve `typevars` so that `returned` (a type mentioning them) is the member of `expected`
/// it can be. A variable returned as it is takes the expected type (`-> T` expected to be
/// `Literal["epoll"]`); an instance takes the type arguments of the ancestor of its class
/// that is `expected`'s class (`list[T]` against `Sequence[Value]` is `Sequence[T]`).
fn solve_from_expected<'db>(db: &'db dyn Db, returned: Type<'db>, expected: Type<'db>, typevars: &[TypeVarType<'db>]) -> Option<Specialization<'db>> {
    let mut solver = TypeVarSolver::new(db);
    match returned {
        Type::Instance(returned_class) => {
            for member in expected.union_elements(db) {
                let Type::Instance(expected_class) = member else { continue };
                let Some(ancestor) = crate::class::find_ancestor(db, returned_class, expected_class.class(db)) else { continue };
                solver.infer(Type::Instance(ancestor), member);
            }
        }
        Type::TypeVar(_) if !expected.is_dynamic() => solver.infer(returned, expected),
        _ => return None,
    }
    solver.solve_exactly(typevars)
}

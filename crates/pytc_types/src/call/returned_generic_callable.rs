//! A call's unsolved type variables become `Unknown` in its return type, except those that
//! only the returned callable uses: `def retry(n: int) -> Callable[[Callable[P, R]],
//! Callable[P, R]]` returns a generic callable whose `P` and `R` are solved when *it* is
//! called (a decorator factory), so `retry(3)` keeps them.

use pytc_db::Db;

use crate::types::{Signature, Type, TypeVarType};

/// The variables of `solvable` this call solves (or erases when unsolved): all but those
/// that appear only inside callables in the return type (never in a parameter).
pub(super) fn solved_here<'db>(db: &'db dyn Db, signature: &Signature<'db>, solvable: &[TypeVarType<'db>]) -> Vec<TypeVarType<'db>> {
    let mut in_parameters = Vec::new();
    for parameter in &signature.parameters {
        crate::generics::walk_typevars(db, parameter.annotated, &mut |typevar| in_parameters.push(typevar));
    }
    let mut in_returned_callables = Vec::new();
    collect_callable_typevars(db, signature.return_type, &mut in_returned_callables);
    solvable.iter().copied().filter(|typevar| in_parameters.contains(typevar) || !in_returned_callables.contains(typevar)).collect()
}

/// The type variables inside the callables `ty` is (or is a union of).
fn collect_callable_typevars<'db>(db: &'db dyn Db, ty: Type<'db>, found: &mut Vec<TypeVarType<'db>>) {
    match ty {
        Type::Callable(_) => crate::generics::walk_typevars(db, ty, &mut |typevar| found.push(typevar)),
        Type::Union(union) => {
            for element in union.elements(db) {
                if let Type::Callable(_) = element {
                    crate::generics::walk_typevars(db, *element, &mut |typevar| found.push(typevar));
                }
            }
        }
        _ => {}
    }
}

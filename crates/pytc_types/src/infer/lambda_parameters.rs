//! A lambda's parameters take their types from the callable type expected of it: passed for
//! `key: Callable[[str], int]`, `lambda s: len(s)` reads `s` as a `str`, so its body is
//! inferred, and checked, with that type. Only a parameter type that is fully known is taken
//! (one that still names a type variable to solve says nothing yet).
//!
//! The lambda's own callable type keeps parameters of unknown type: the context is where the
//! types came from, not a declaration, and the same lambda may meet another context (the
//! declared type a call's result is assigned to can re-solve the call, `CallbackDict(value,
//! lambda d: ...)` for a `dict[str, str | None]` target), which fixed parameter types would
//! then reject.

use pytc_db::Db;

use crate::types::{ParameterKind, Signature, Type};

/// The one signature a lambda's context gives it: the expected type's, or that of its only
/// callable member (`Callable[[T], K] | None`).
pub(crate) fn expected_lambda_signature<'db>(db: &'db dyn Db, expected: Type<'db>) -> Option<Signature<'db>> {
    let callables: Vec<Type<'db>> = expected.union_elements(db).into_iter().filter(|member| matches!(member, Type::Callable(_))).collect();
    match callables.as_slice() {
        [callable] => crate::call::single_signature(db, *callable),
        _ => None,
    }
}

/// The types `expected` passes the lambda's `parameters`, by position for the positional ones
/// and by name for the keyword-only ones, as names and types for the body's names to read.
pub(crate) fn contextual_types<'db>(db: &'db dyn Db, parameters: &[crate::types::Parameter<'db>], expected: &Signature<'db>) -> Vec<(Box<str>, Type<'db>)> {
    if expected.gradual_parameters {
        return Vec::new();
    }
    let mut given = Vec::new();
    let mut positional = expected.parameters.iter().filter(|parameter| parameter.accepts_positional() || parameter.kind == ParameterKind::Variadic);
    let mut variadic = None;
    for parameter in parameters {
        let source = match parameter.kind {
            ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword => match variadic {
                Some(variadic) => Some(variadic),
                None => match positional.next() {
                    Some(next) if next.kind == ParameterKind::Variadic => {
                        variadic = Some(next);
                        variadic
                    }
                    other => other,
                },
            },
            ParameterKind::KeywordOnly => {
                expected.parameters.iter().find(|candidate| candidate.kind == ParameterKind::KeywordOnly && candidate.name == parameter.name)
            }
            _ => None,
        };
        let Some(source) = source else { continue };
        let ty = source.annotated;
        if ty.is_dynamic() || crate::generics::has_typevars(db, ty) {
            continue;
        }
        if let Some(name) = &parameter.name {
            given.push((name.clone(), ty));
        }
    }
    given
}

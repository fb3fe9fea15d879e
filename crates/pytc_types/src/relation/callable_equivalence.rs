//! Equivalence of callables with gradual parts (what `assert_type` compares): the same
//! parameters in order (kinds, the names of those passable by keyword, defaults, equivalent
//! types) and equivalent returns. `*args: Any, **kwargs: Any` is the `...` of
//! `Callable[..., R]`, and a callback protocol (a protocol declaring only `__call__`) is its
//! `__call__`, so `(self, *args: Any, **kwargs: Any) -> None` is `Callable[..., None]`.

use pytc_db::Db;

use crate::class;
use crate::relation::protocol::protocol_members;
use crate::types::{Parameter, ParameterKind, Signature, Type};

/// Whether two callables (or callback protocol instances) are equivalent; `None` when either
/// is neither.
pub(super) fn callables_equivalent<'db>(db: &'db dyn Db, a: Type<'db>, b: Type<'db>) -> Option<bool> {
    let (a, b) = (callable_signatures(db, a)?, callable_signatures(db, b)?);
    Some(a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| signatures_equivalent(db, x, y)))
}

/// The signatures of a callable, or of a callback protocol instance's `__call__`.
fn callable_signatures<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<Vec<Signature<'db>>> {
    match ty {
        Type::Callable(callable) => Some(callable.signatures(db).to_vec()),
        Type::Instance(class) if class::is_protocol(db, class.class(db)) && protocol_members(db, class) == ["__call__"] => {
            crate::call::signatures_of(db, crate::call::dunder_call_callable(db, ty)?)
        }
        _ => None,
    }
}

fn signatures_equivalent<'db>(db: &'db dyn Db, a: &Signature<'db>, b: &Signature<'db>) -> bool {
    let (a_parameters, b_parameters) = (explicit_parameters(a), explicit_parameters(b));
    a.gradual_parameters == b.gradual_parameters
        && a.return_type.is_equivalent_to(db, b.return_type)
        && a_parameters.len() == b_parameters.len()
        && a_parameters.iter().zip(&b_parameters).all(|(x, y)| parameters_equivalent(db, x, y))
}

/// The parameters besides the `...` of a gradual signature (its `*args` and `**kwargs`).
fn explicit_parameters<'a, 'db>(signature: &'a Signature<'db>) -> Vec<&'a Parameter<'db>> {
    signature
        .parameters
        .iter()
        .filter(|p| !(signature.gradual_parameters && matches!(p.kind, ParameterKind::Variadic | ParameterKind::KeywordVariadic)))
        .collect()
}

fn parameters_equivalent<'db>(db: &'db dyn Db, a: &Parameter<'db>, b: &Parameter<'db>) -> bool {
    a.kind == b.kind
        && (a.kind == ParameterKind::PositionalOnly || a.name == b.name)
        && a.has_default == b.has_default
        && a.annotated.is_equivalent_to(db, b.annotated)
}

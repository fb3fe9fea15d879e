//! Predicates that decide whether control-flow paths exist at all, whatever name is being
//! narrowed: a call statement that may never return, a `with` whose context managers may
//! swallow exceptions.
//!
//! Every name load whose reaching bindings carry such a predicate asks about it, and
//! answering means inferring a call or a context manager (whose own names carry more
//! predicates). Answering once per predicate, as a query, keeps a loop full of call
//! statements linear instead of exponential in the nesting of those inferences.

use pytc_db::{Db, File};
use pytc_semantic::{PredicateId, PredicateKind, unit_index, unit_of_predicate};

use crate::infer::InferContext;
use crate::types::Type;

/// One predicate of one file, as a query key.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct PredicateRef<'db> {
    #[returns(copy)]
    pub file: File,
    #[returns(copy)]
    pub predicate: u32,
}

impl<'db> PredicateRef<'db> {
    pub fn of(db: &'db dyn Db, file: File, predicate: PredicateId) -> Self {
        PredicateRef::new(db, file, predicate.as_u32())
    }
}

/// Whether the (un-negated) path predicate can hold: the call statement can return, or one
/// of the `with` statement's context managers may swallow an exception. Other predicates
/// narrow rather than decide paths, and are answered `true`.
/// A query: every load of every name after the statement asks it.
#[salsa::tracked(returns(copy), cycle_result = may_hold_in_cycle)]
pub fn path_predicate_may_hold<'db>(db: &'db dyn Db, predicate: PredicateRef<'db>) -> bool {
    let file = predicate.file(db);
    let id = PredicateId::from_u32(predicate.predicate(db));
    let unit = unit_of_predicate(db, file, id);
    let index = unit_index(db, file, unit);
    let semantic = index.predicate(id);
    let mut context = InferContext::quiet_in_unit(db, file, unit, semantic.scope);
    match &semantic.kind {
        PredicateKind::CallReturns { call, awaited } => {
            let callee = context.infer_expression(&call.func);
            if declared_never_returns(db, callee, *awaited) {
                return false;
            }
            !(may_return_never(db, callee, *awaited) && context.call_never_returns(callee, call, *awaited))
        }
        PredicateKind::WithSwallowsExceptions(with) => context.with_may_swallow_exceptions(with),
        PredicateKind::Test(_) | PredicateKind::Pattern { .. } | PredicateKind::StarImportProvides(_) => true,
    }
}

/// A predicate that depends on itself (a call or a `with` in a loop whose expressions read
/// names bound after it) answers quietly: the call can return (the code after it stays
/// checked), and the context managers swallow nothing (the names the block binds stay
/// bound after it), as when their types are unknown.
fn may_hold_in_cycle<'db>(db: &'db dyn Db, _id: salsa::Id, predicate: PredicateRef<'db>) -> bool {
    let file = predicate.file(db);
    let id = PredicateId::from_u32(predicate.predicate(db));
    let unit = unit_of_predicate(db, file, id);
    !matches!(unit_index(db, file, unit).predicate(id).kind, PredicateKind::WithSwallowsExceptions(_))
}

/// Whether `callee` is a function or method of one signature declared (or inferred) to
/// return `Never` outright, not through a type variable: its call never returns whatever
/// the arguments, so they are not inferred. Inferring them could ask, through names bound
/// later in an enclosing loop, whether this very call returns (a cycle, answered "it
/// may"): `if m is None: fail(f"{item.arg}")` in a loop would leave `m` optional.
fn declared_never_returns<'db>(db: &'db dyn Db, callee: Type<'db>, awaited: bool) -> bool {
    let signatures = match callee {
        Type::Function(function) => crate::function::function_signatures(db, function),
        Type::BoundMethod(method) => crate::function::inferred_signatures(db, method.function(db)),
        _ => return false,
    };
    !awaited && matches!(&signatures[..], [signature] if signature.return_type.is_never())
}

/// Whether some signature of `callee` is declared to return `Never` (or a type variable,
/// which a call may solve to `Never`), or when the call is `awaited` an awaitable of `Never`
/// (`async def` declared `-> NoReturn`). Cheap, and it spares inferring the arguments of the
/// many calls that plainly return. An instance is called through its `__call__`.
fn may_return_never<'db>(db: &'db dyn Db, callee: Type<'db>, awaited: bool) -> bool {
    let inferred;
    let signatures = match callee {
        Type::Function(function) => {
            inferred = crate::function::function_signatures(db, function);
            inferred.as_slice()
        }
        Type::BoundMethod(method) => {
            inferred = crate::function::inferred_signatures(db, method.function(db));
            inferred.as_slice()
        }
        Type::Callable(callable) => callable.signatures(db),
        Type::Instance(_) => {
            let Some(signatures) = crate::call::signatures_of(db, callee) else { return false };
            inferred = signatures;
            inferred.as_slice()
        }
        _ => return false,
    };
    signatures.iter().any(|signature| {
        let returned = signature.return_type;
        let never_inside = || matches!(returned, Type::Instance(class) if class.arguments(db).iter().any(|argument| argument.is_never()));
        crate::generics::has_typevars(db, returned) || if awaited { never_inside() } else { returned.is_never() }
    })
}

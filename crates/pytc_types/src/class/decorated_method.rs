//! Methods whose decorators return a callable (`@traced def handle(self, ...)` with
//! `traced(f: Callable[P, R]) -> Callable[P, R]`): the class attribute is that callable,
//! and like the function it replaces it binds the instance as its first argument when read
//! through an instance. A callable that is only declared (`handler: Callable[[int], int]`)
//! is an attribute holding a callable and does not bind.

use pytc_db::Db;
use pytc_semantic::DefinitionKind;

use crate::semantic::DefinitionRef;
use crate::types::{CallableType, ClassLiteral, Type};

/// `attribute`, the value of class member `name` of `owner`, as read through an instance:
/// bound when it is the callable a decorated `def` produced.
pub(crate) fn bind_decorated_method<'db>(db: &'db dyn Db, owner: ClassLiteral<'db>, name: &str, attribute: Type<'db>) -> Type<'db> {
    let Type::Callable(callable) = attribute else { return attribute };
    if !is_defined_by_def(db, owner, name) {
        return attribute;
    }
    let bound: Box<[_]> = callable.signatures(db).iter().map(|signature| signature.without_first_parameter()).collect();
    Type::Callable(CallableType::new(db, bound))
}

/// Whether the class body binds `name` with a `def` statement.
fn is_defined_by_def(db: &dyn Db, owner: ClassLiteral<'_>, name: &str) -> bool {
    let Some(scope) = crate::class::members::class_body_scope(db, owner) else { return false };
    let index = crate::semantic::class_index(db, owner);
    let Some(symbol) = index.symbol_table(scope).symbol_id(name) else { return false };
    index.use_def_map(scope).declarations(symbol).iter().any(|declaration| {
        matches!(DefinitionRef::of(db, owner.file(db), *declaration).definition(db).kind, DefinitionKind::Function(_))
    })
}

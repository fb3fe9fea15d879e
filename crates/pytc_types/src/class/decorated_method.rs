//! Class attributes whose value is a callable rather than a `def`, read through an
//! instance. A method whose decorators return a callable (`@traced def handle(self, ...)`
//! with `traced(f: Callable[P, R]) -> Callable[P, R]`) binds as the `def` says: the instance
//! as its first argument when read through an instance, the class when the `def` is also a
//! `@classmethod` (read through the class or an instance), nothing for a `@staticmethod`.
//! A callable the class body assigns without a declaration (`list_repr =
//! _sequence_repr_maker("[", "]")`, a lambda) or declares as a `ClassVar[Callable[...]]`
//! is taken for a function stored on the class, which binds like one (as mypy and pyright
//! read it: nothing in a `Callable` type says whether the object is a function). A callable
//! declared as a plain attribute (`handler: Callable[[int], int]`) is an attribute holding a
//! callable, set per instance, and does not bind.

use pytc_db::Db;
use pytc_semantic::DefinitionKind;

use crate::class::members::ClassMember;
use crate::function::FunctionFlags;
use crate::semantic::DefinitionRef;
use crate::types::{CallableType, ClassLiteral, Type};

/// `attribute`, the value of the class member `member` named `name`, as read through an
/// instance.
pub(crate) fn bind_callable_member<'db>(db: &'db dyn Db, member: &ClassMember<'db>, name: &str, attribute: Type<'db>) -> Type<'db> {
    let binds = match decorated_def_flags(db, member.owner, name) {
        Some(flags) => !flags.contains(FunctionFlags::STATICMETHOD),
        None => !member.declared || member.class_var,
    };
    if !binds {
        return attribute;
    }
    attribute.map_union(db, |element| match element {
        Type::Callable(callable) => without_receiver(db, callable),
        other => other,
    })
}

/// `attribute`, the value of class member `name` of `owner`, as read through the class.
pub(crate) fn bind_decorated_classmethod<'db>(db: &'db dyn Db, owner: ClassLiteral<'db>, name: &str, attribute: Type<'db>) -> Type<'db> {
    let Type::Callable(callable) = attribute else { return attribute };
    match decorated_def_flags(db, owner, name) {
        Some(flags) if flags.contains(FunctionFlags::CLASSMETHOD) => without_receiver(db, callable),
        _ => attribute,
    }
}

fn without_receiver<'db>(db: &'db dyn Db, callable: CallableType<'db>) -> Type<'db> {
    let bound: Box<[_]> = callable.signatures(db).iter().map(|signature| signature.without_first_parameter()).collect();
    Type::Callable(CallableType::new(db, bound))
}

/// The flags of the function a `def` in the class body binds to `name` (from the decorators
/// pytc models), or `None` when no `def` binds it.
pub(crate) fn decorated_def_flags(db: &dyn Db, owner: ClassLiteral<'_>, name: &str) -> Option<FunctionFlags> {
    let scope = crate::class::members::class_body_scope(db, owner)?;
    let index = crate::semantic::class_index(db, owner);
    let symbol = index.symbol_table(scope).symbol_id(name)?;
    index.use_def_map(scope).declarations(symbol).iter().rev().find_map(|declaration| {
        let definition = DefinitionRef::of(db, owner.file(db), *declaration);
        let DefinitionKind::Function(node) = &definition.definition(db).kind else { return None };
        let (function, _, _) = crate::infer::function::undecorated_function(db, definition, node);
        Some(function.flags(db))
    })
}

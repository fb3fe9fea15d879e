//! The abstract members of a class: methods decorated `@abstractmethod`, and the members of
//! an explicitly subclassed protocol that nothing implements (methods without a body,
//! attributes only declared). A class with abstract members cannot be instantiated.

use pytc_db::Db;
use pytc_semantic::DefinitionKind;
use pytc_syntax::ast;

use crate::class::{self, KnownClass};
use crate::function::{FunctionFlags, FunctionType};
use crate::types::{ClassLiteral, Type};

/// The names of the members of `class` that are abstract, in MRO order. A query: every
/// instantiation of the class asks, and the answer walks the whole MRO.
#[salsa::tracked(returns(ref), cycle_result = abstract_members_cycle)]
pub(crate) fn abstract_members<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<Box<str>> {
    let mut classes = vec![class];
    classes.extend(class::class_mro(db, class).classes.iter().map(|entry| entry.class(db)));
    if class::has_dynamic_base(db, class) {
        return Vec::new();
    }
    let mut seen: Vec<String> = Vec::new();
    let mut abstract_names = Vec::new();
    for owner in &classes {
        if class::known::is_known(db, *owner, KnownClass::Object) {
            continue;
        }
        for name in class::class_member_names(db, *owner) {
            if seen.contains(&name) {
                continue;
            }
            seen.push(name.clone());
            if is_abstract_in_first_owner(db, &classes, &name) {
                abstract_names.push(name.into_boxed_str());
            }
        }
    }
    abstract_names
}

/// Whether the first class of `classes` that mentions `name` leaves it abstract.
fn is_abstract_in_first_owner<'db>(db: &'db dyn Db, classes: &[ClassLiteral<'db>], name: &str) -> bool {
    for owner in classes {
        let Some(member) = class::own_class_member(db, *owner, name) else { continue };
        let is_protocol = class::is_protocol(db, *owner);
        return match member.ty {
            Type::Function(function) => function.has(db, FunctionFlags::ABSTRACT) || (is_protocol && has_no_body(db, function)),
            _ => is_protocol && !member.instance_only && !body_binds(db, *owner, name) && !class::members::assigned_through_self(db, *owner, name),
        };
    }
    false
}

/// Whether the class body assigns a value to `name` (not only annotates it).
fn body_binds(db: &dyn Db, class: ClassLiteral<'_>, name: &str) -> bool {
    let Some(scope) = class::members::class_body_scope(db, class) else { return false };
    let index = crate::semantic::class_index(db, class);
    let table = index.symbol_table(scope);
    table.symbol_id(name).is_some_and(|symbol| table.symbol(symbol).is_bound())
}

/// Whether `function`, a member of `owner`, is declared without an implementation: its body
/// is empty and it is abstract or a protocol member. There is nothing to call through
/// `super()`.
pub(crate) fn is_unimplemented<'db>(db: &'db dyn Db, owner: ClassLiteral<'db>, function: FunctionType<'db>) -> bool {
    (function.has(db, FunctionFlags::ABSTRACT) || class::is_protocol(db, owner)) && has_no_body(db, function)
}

/// A method written in a source file whose body is only `...`, `pass` or a docstring (a
/// protocol method without a default implementation). Stub bodies say nothing.
fn has_no_body<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> bool {
    let definition = function.definition_ref(db);
    if definition.index(db).is_stub() {
        return false;
    }
    let DefinitionKind::Function(node) = &definition.definition(db).kind else { return false };
    node.body.iter().all(|statement| match statement {
        ast::Stmt::Pass(_) => true,
        ast::Stmt::Expr(expression) => matches!(&*expression.value, ast::Expr::EllipsisLiteral(_) | ast::Expr::StringLiteral(_)),
        _ => false,
    })
}

/// A class whose abstract members depend on themselves (a member's type needs the class to be
/// instantiated while its abstractness is being computed) counts as having none, so
/// instantiating it is never a false error.
fn abstract_members_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> Vec<Box<str>> {
    Vec::new()
}

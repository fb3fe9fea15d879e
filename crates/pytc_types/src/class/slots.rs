//! `__slots__`: the names a class's body lists (or a `slots=True` dataclass's fields), which
//! are instance attributes even when nothing assigns them, and the layout they give: when
//! every class in the MRO lists its slots and none lists `__dict__`, instances have no other
//! attributes.

use pytc_db::Db;
use pytc_syntax::ast;

use crate::class::KnownClass;
use crate::types::{ClassLiteral, Type};

/// The names the class itself lists in `__slots__`, when they are known statically: a string,
/// or a tuple, list or set of strings in the body, or the fields of a `slots=True` dataclass.
#[salsa::tracked(returns(ref))]
pub fn own_slots<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<Box<[Box<str>]>> {
    if let Some(body) = crate::class::members::class_body(db, class)
        && let Some(value) = body.iter().rev().find_map(slots_assignment_value)
    {
        return slot_names(value);
    }
    let Some(Type::Tuple(names)) = crate::class::dataclass::synthesized_member(db, class, "__slots__") else { return None };
    let names = names.fixed_elements(db)?;
    names
        .iter()
        .map(|name| match name {
            Type::StringLiteral(literal) => Some(Box::<str>::from(literal.value(db).as_ref())),
            _ => None,
        })
        .collect()
}

/// The value of a `__slots__ = ...` statement.
fn slots_assignment_value(statement: &ast::Stmt) -> Option<&ast::Expr> {
    match statement {
        ast::Stmt::Assign(assign) if assign.targets.len() == 1 && is_slots_name(&assign.targets[0]) => Some(&assign.value),
        ast::Stmt::AnnAssign(assign) if is_slots_name(&assign.target) => assign.value.as_deref(),
        _ => None,
    }
}

fn is_slots_name(target: &ast::Expr) -> bool {
    matches!(target, ast::Expr::Name(name) if name.id.as_str() == "__slots__")
}

fn slot_names(value: &ast::Expr) -> Option<Box<[Box<str>]>> {
    let elements = match value {
        ast::Expr::StringLiteral(string) => return Some(Box::from([Box::from(string.value.to_str())])),
        ast::Expr::Tuple(tuple) => &tuple.elts,
        ast::Expr::List(list) => &list.elts,
        ast::Expr::Set(set) => &set.elts,
        _ => return None,
    };
    elements
        .iter()
        .map(|element| match element {
            ast::Expr::StringLiteral(string) => Some(Box::from(string.value.to_str())),
            _ => None,
        })
        .collect()
}

/// Whether `name` is a slot the class itself lists.
pub fn is_own_slot(db: &dyn Db, class: ClassLiteral<'_>, name: &str) -> bool {
    own_slots(db, class).as_ref().is_some_and(|names| names.iter().any(|slot| &**slot == name))
}

/// Whether instances of the class can only have the attributes its MRO lists in `__slots__`:
/// every class of the MRO but `object` lists its slots statically, none lists `__dict__`, and
/// no base is unknown.
#[salsa::tracked(returns(copy))]
pub fn has_slots_only_layout<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> bool {
    let mro = crate::class::class_mro(db, class);
    if mro.has_dynamic_base || mro.error.is_some() {
        return false;
    }
    std::iter::once(class).chain(mro.classes.iter().map(|ancestor| ancestor.class(db))).all(|literal| {
        crate::class::known::is_known(db, literal, KnownClass::Object)
            || (own_slots(db, literal).is_some() && !is_own_slot(db, literal, "__dict__"))
    })
}

/// Whether `name` is a slot of the class or of a class in its MRO.
pub fn is_slot(db: &dyn Db, class: ClassLiteral<'_>, name: &str) -> bool {
    is_own_slot(db, class, name) || crate::class::class_mro(db, class).classes.iter().any(|ancestor| is_own_slot(db, ancestor.class(db), name))
}

//! Properties redefined through their accessors: `@x.setter def x(...)` binds a new
//! property with the getter of `x` and this function as its setter, `@x.getter` replaces the
//! getter and `@x.deleter` the deleter, keeping the rest. Each `def` of such a chain takes
//! its accessors from the property its decorator reads, one query per `def`, so a chain of
//! `n` redefinitions is resolved in `n` steps whatever order they are asked in.

use pytc_db::Db;
use pytc_semantic::DefinitionKind;
use pytc_syntax::ast;

use crate::function::{FunctionFlags, FunctionType};
use crate::infer::InferContext;
use crate::types::Type;

/// The functions a property reads and writes through. A `cached_property` or a plain
/// `@property` is its own getter and has no setter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct PropertyAccessors<'db> {
    pub getter: Option<FunctionType<'db>>,
    pub setter: Option<FunctionType<'db>>,
}

impl PropertyAccessors<'_> {
    const NONE: Self = PropertyAccessors { getter: None, setter: None };
}

/// The getter of the property a `def` binds (itself for a plain `@property`).
pub fn property_getter<'db>(db: &'db dyn Db, property: FunctionType<'db>) -> Option<FunctionType<'db>> {
    property_accessors(db, property).getter
}

/// The setter of the property a `def` binds, if it has one.
pub fn property_setter<'db>(db: &'db dyn Db, property: FunctionType<'db>) -> Option<FunctionType<'db>> {
    property_accessors(db, property).setter
}

/// The accessors of the property a `def` binds; none when it binds no property.
#[salsa::tracked(returns(copy), cycle_result = accessors_cycle)]
pub fn property_accessors<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> PropertyAccessors<'db> {
    if !function.has(db, FunctionFlags::PROPERTY) {
        return PropertyAccessors::NONE;
    }
    if !function.has(db, FunctionFlags::PROPERTY_ACCESSOR) {
        return PropertyAccessors { getter: Some(function), setter: None };
    }
    let Some((accessor, base)) = redefined_property(db, function) else { return PropertyAccessors::NONE };
    let inherited = property_accessors(db, base);
    match accessor {
        Accessor::Getter => PropertyAccessors { getter: Some(function), ..inherited },
        Accessor::Setter => PropertyAccessors { setter: Some(function), ..inherited },
        Accessor::Deleter => inherited,
    }
}

fn accessors_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _function: FunctionType<'db>) -> PropertyAccessors<'db> {
    PropertyAccessors::NONE
}

#[derive(Clone, Copy)]
pub(crate) enum Accessor {
    Getter,
    Setter,
    Deleter,
}

/// `@x.setter`, `@x.getter` or `@x.deleter`: which accessor and the expression `x`.
pub(crate) fn accessor_decorator(decorator: &ast::Decorator) -> Option<(Accessor, &ast::Expr)> {
    let ast::Expr::Attribute(attribute) = &decorator.expression else { return None };
    let accessor = match attribute.attr.as_str() {
        "getter" => Accessor::Getter,
        "setter" => Accessor::Setter,
        "deleter" => Accessor::Deleter,
        _ => return None,
    };
    Some((accessor, &attribute.value))
}

/// The accessor a `def` redefines and the property it redefines (what the decorator reads:
/// the innermost accessor decorator on a property, as `undecorated_function` finds it).
fn redefined_property<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Option<(Accessor, FunctionType<'db>)> {
    let definition = function.definition_ref(db);
    let DefinitionKind::Function(node) = &definition.definition(db).kind else { return None };
    let mut context = InferContext::for_definition(db, definition);
    node.decorator_list.iter().rev().find_map(|decorator| {
        let (accessor, property) = accessor_decorator(decorator)?;
        match context.infer_expression(property) {
            Type::Function(base) if base.has(db, FunctionFlags::PROPERTY) => Some((accessor, base)),
            _ => None,
        }
    })
}

//! The value of an enum member (`Color.RED.value`, `._value_`) and the rules of a declared
//! `_value_`: a class that declares `_value_: T` gets `T` for members whose value is given
//! to a constructor or left out (`RED = ...` in a stub), and each value assigned in the body
//! (`...` too, outside a stub) must be a `T` when no custom constructor turns it into the
//! value.
//!
//! An instance of an enum class that has members is one of those members (such a class
//! cannot be subclassed), so its value is the union of their values (enums.rst, "Member
//! Values"). A `Flag` instance may combine members into a value none of them has, so its
//! value keeps typeshed's type.

use pytc_db::Db;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::class::{KnownClass, class_member};
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::types::{ClassLiteral, ClassType, EnumLiteral, Type};

/// The type of a member's value.
pub fn enum_member_value<'db>(db: &'db dyn Db, member: EnumLiteral<'db>) -> Type<'db> {
    let class = member.class(db);
    let declared = declared_value_type(db, class);
    if has_custom_constructor(db, class) {
        // `__init__`/`__new__` set `_value_` from the assigned tuple: its declared type, or
        // what the constructor assigns to it.
        return declared.or_else(|| assigned_value_type(db, class)).unwrap_or(Type::ANY);
    }
    let Some(own) = crate::class::own_class_member(db, class, member.name(db)) else { return Type::UNKNOWN };
    if let Some(wrapped) = crate::class::enum_members::unwrapped_member_value(db, own.ty) {
        return wrapped;
    }
    match own.ty {
        Type::Instance(assigned) if assigned.name(db) == "auto" => declared.unwrap_or_else(|| auto_value_type(db, class)),
        Type::Instance(assigned) if assigned.name(db) == "EllipsisType" => declared.unwrap_or(Type::ANY),
        other => other,
    }
}

/// `value`/`_value_` of an instance of `class` (not a single member): the union of its
/// members' values, when the name is `enum`'s own attribute (not one the class redefines)
/// and the class is a non-`Flag` enum with members.
pub fn enum_instance_value<'db>(db: &'db dyn Db, class: ClassType<'db>, name: &str) -> Option<Type<'db>> {
    let literal = class.class(db);
    if !matches!(name, "value" | "_value_") || crate::class::enum_members::is_flag_enum(db, literal) {
        return None;
    }
    let members = crate::infer::literal::enum_members(db, literal);
    if members.is_empty() || !KnownModule::Enum.is(db, class_member(db, class, name)?.owner.file(db)) {
        return None;
    }
    Some(Type::union_of(db, members.iter().map(|member| enum_member_value(db, *member))))
}

/// The value `auto()` generates: what the class's `_generate_next_value_` returns (a
/// `StrEnum` generates the lower-cased name, a user-defined generator its declared return
/// type, `Unknown` when it has none); `Enum`'s own generator counts up from 1.
fn auto_value_type<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Type<'db> {
    let Some(generator) = class_member(db, ClassType::bare(db, class), "_generate_next_value_") else { return KnownClass::Int.instance(db) };
    if KnownModule::Enum.is(db, generator.owner.file(db)) && &**generator.owner.name(db) == "Enum" {
        return KnownClass::Int.instance(db);
    }
    match generator.ty {
        Type::Function(function) => function.declared_return_type(db),
        _ => Type::UNKNOWN,
    }
}

/// `_value_: T` declared by the enum or a base that is not `enum`'s own.
fn declared_value_type<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<Type<'db>> {
    let member = class_member(db, ClassType::bare(db, class), "_value_")?;
    (member.declared && !KnownModule::Enum.is(db, member.owner.file(db))).then_some(member.ty)
}

/// The type a custom constructor assigns to `self._value_`: the nearest class in the MRO
/// that is not `enum`'s own and defines `_value_` (a lookup would find `Enum`'s declaration,
/// which types what subclasses only assign).
fn assigned_value_type<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<Type<'db>> {
    let ancestors = crate::class::class_mro(db, class).classes.iter().map(|ancestor| ancestor.class(db));
    std::iter::once(class)
        .chain(ancestors)
        .filter(|candidate| !KnownModule::Enum.is(db, candidate.file(db)))
        .find_map(|candidate| crate::class::own_class_member(db, candidate, "_value_"))
        .map(|member| member.ty)
}

/// Whether the enum (or a base other than `enum`'s classes, `object` and the builtin
/// mix-ins such as `int`) defines `__new__` or `__init__`: the assigned value is then the
/// constructor's arguments, not the member's value.
fn has_custom_constructor(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    ["__new__", "__init__"].iter().any(|name| {
        class_member(db, ClassType::bare(db, class), name).is_some_and(|member| {
            let file = member.owner.file(db);
            !KnownModule::Enum.is(db, file) && !KnownModule::Builtins.is(db, file)
        })
    })
}

/// Report members whose assigned value is not the declared `_value_` type.
pub(crate) fn check_member_values<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    let Some(declared) = declared_value_type(db, class) else { return };
    if has_custom_constructor(db, class) {
        return;
    }
    let members = crate::infer::literal::enum_members(db, class);
    for stmt in &node.body {
        let ast::Stmt::Assign(assign) = stmt else { continue };
        let [ast::Expr::Name(target)] = &assign.targets[..] else { continue };
        let Some(member) = members.iter().copied().find(|member| &**member.name(db) == target.id.as_str()) else { continue };
        // `RED = ...` leaves the value out only in a stub; in a module `...` is the value.
        let value = match crate::class::own_class_member(db, class, member.name(db)).map(|own| own.ty) {
            Some(assigned @ Type::Instance(instance)) if !context.index.is_stub() && instance.name(db) == "EllipsisType" => assigned,
            _ => enum_member_value(db, member),
        };
        if !value.is_assignable_to(db, declared) {
            context.report(
                assign.value.range(),
                &crate::infer::stmt::INVALID_ASSIGNMENT,
                format!(
                    "Value of enum member `{}` has type `{}`, which is not assignable to the declared `_value_` type `{}`",
                    target.id,
                    value.display(db),
                    declared.display(db)
                ),
            );
        }
    }
}

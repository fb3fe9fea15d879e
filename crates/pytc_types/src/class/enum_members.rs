//! Enum member rules beyond "assigned in the body": names listed in `_ignore_`, private
//! (mangled) names, aliases of earlier members (`AMBER = YELLOW`), descriptors and
//! `nonmember(...)` values; and the diagnostic for annotated members.

use pytc_db::{Db, declare_rule};
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, ClassType, EnumLiteral, SpecialForm, Type};

declare_rule! {
    /// An enum member with a type annotation: members get literal types, so the annotation
    /// is misleading.
    ///
    /// ```python
    /// from enum import Enum
    /// class Pet(Enum):
    ///     DOG: int = 2  # error: [invalid-enum-member]
    /// ```
    pub static INVALID_ENUM_MEMBER = {
        name: "invalid-enum-member",
        summary: "an enum member is declared with a type annotation",
        level: Error,
    }
}

/// `__name` (not `__name__`): mangled by Python, never a member.
pub fn is_private_name(name: &str) -> bool {
    name.starts_with("__") && !name.ends_with("__")
}

/// Values of these classes are not members: descriptors (`property`, `staticmethod`, ...)
/// and `enum.nonmember(...)`; `enum.member(...)` always is one.
pub fn is_descriptor_or_nonmember(db: &dyn Db, class: ClassType<'_>) -> bool {
    let from_enum = KnownModule::Enum.is(db, class.class(db).file(db));
    match class.name(db) {
        "member" if from_enum => false,
        "nonmember" if from_enum => true,
        _ => crate::class::class_member(db, class, "__get__").is_some_and(|member| !member.is_object_member),
    }
}

/// The type `member(v)` or `nonmember(v)` wraps: at runtime the enum class unwraps both,
/// so `Example.b` for `b = nonmember(2)` is the `int` itself and `member(1)`'s value is 1.
pub fn unwrapped_member_value<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<Type<'db>> {
    let Type::Instance(wrapper) = ty else { return None };
    if !matches!(wrapper.name(db), "member" | "nonmember") || !KnownModule::Enum.is(db, wrapper.class(db).file(db)) {
        return None;
    }
    Some(wrapper.arguments(db).first().copied().unwrap_or(Type::UNKNOWN))
}

/// The earlier member an assignment's value names (`AMBER = YELLOW`).
pub fn aliased_member<'db>(db: &'db dyn Db, value: &ast::Expr, members: &[EnumLiteral<'db>]) -> Option<EnumLiteral<'db>> {
    let ast::Expr::Name(name) = value else { return None };
    members.iter().copied().find(|member| &**member.name(db) == name.id.as_str())
}

/// The member `name` is an alias of, when the body assigns it another member.
pub fn alias_target<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str, members: &[EnumLiteral<'db>]) -> Option<EnumLiteral<'db>> {
    crate::class::members::class_body(db, class)?.iter().find_map(|stmt| match stmt {
        ast::Stmt::Assign(assign) if assign.targets.iter().any(|target| matches!(target, ast::Expr::Name(t) if t.id.as_str() == name)) => {
            aliased_member(db, &assign.value, members)
        }
        _ => None,
    })
}

/// The names `_ignore_` lists (a space-separated string, or a list or tuple of strings).
pub fn ignored_names(db: &dyn Db, class: ClassLiteral<'_>) -> Vec<String> {
    let Some(body) = crate::class::members::class_body(db, class) else { return Vec::new() };
    let mut names = Vec::new();
    for stmt in body {
        let ast::Stmt::Assign(assign) = stmt else { continue };
        if !assign.targets.iter().any(|target| matches!(target, ast::Expr::Name(t) if t.id.as_str() == "_ignore_")) {
            continue;
        }
        match &*assign.value {
            ast::Expr::StringLiteral(string) => names.extend(string.value.to_str().split_whitespace().map(str::to_string)),
            ast::Expr::List(ast::ExprList { elts, .. }) | ast::Expr::Tuple(ast::ExprTuple { elts, .. }) => {
                names.extend(elts.iter().filter_map(|element| match element {
                    ast::Expr::StringLiteral(string) => Some(string.value.to_str().to_string()),
                    _ => None,
                }));
            }
            _ => {}
        }
    }
    names
}

/// Whether the enum derives from `enum.Flag`: its members combine, so the class is not the
/// union of its members (no literal expansion when narrowing).
pub fn is_flag_enum(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    crate::class::class_mro(db, class).classes.iter().any(|entry| entry.name(db) == "Flag" && KnownModule::Enum.is(db, entry.class(db).file(db)))
}

/// Whether a `def` in an enum body is decorated with `enum.member` (a member method).
pub fn is_member_decorated<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>, decorators: &[ast::Decorator]) -> bool {
    let mut context = InferContext::for_definition(db, definition);
    decorators.iter().any(|decorator| {
        matches!(context.infer_expression(&decorator.expression), Type::ClassObject(class) if class.name(db) == "member" && KnownModule::Enum.is(db, class.class(db).file(db)))
    })
}

/// `Color["RED"]`: the member a string literal names, else an instance of the enum.
pub fn member_by_name<'db>(db: &'db dyn Db, class: ClassType<'db>, index: Type<'db>) -> Option<Type<'db>> {
    if !crate::infer::literal::is_enum_class(db, class.class(db)) {
        return None;
    }
    let Type::StringLiteral(name) = index else { return Some(Type::Instance(class)) };
    Some(crate::infer::literal::enum_member_of(db, class.class(db), name.value(db), Type::UNKNOWN).unwrap_or(Type::Instance(class)))
}

/// Report members declared with an annotation (`DOG: int = 2`).
pub(crate) fn check_enum_class<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    let members = crate::infer::literal::enum_members(db, class);
    for stmt in &node.body {
        let ast::Stmt::AnnAssign(assign) = stmt else { continue };
        let ast::Expr::Name(target) = &*assign.target else { continue };
        if assign.value.is_none() || !members.iter().any(|member| &**member.name(db) == target.id.as_str()) {
            continue;
        }
        let head = match &*assign.annotation {
            ast::Expr::Subscript(subscript) => &*subscript.value,
            other => other,
        };
        let was = context.suspend_reporting();
        let head_type = context.infer_expression(head);
        context.resume_reporting(was);
        if matches!(head_type, Type::SpecialForm(SpecialForm::Final)) {
            continue;
        }
        context.report(assign.annotation.range(), &INVALID_ENUM_MEMBER, format!("Enum member `{}` should not have a type annotation", target.id));
    }
}

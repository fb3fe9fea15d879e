//! An enum whose class defines `__new__` or `__init__` receives each member's assigned value
//! as that constructor's arguments: a tuple is unpacked into positional arguments, any other
//! value is the one argument. The typing spec lets checkers validate those values against the
//! constructor's signature; pytc does, for a `__new__` the enum (or a base outside `enum`)
//! defines, which sees the arguments first, else for such an `__init__`. In a stub an
//! enum's `__new__` describes the lookup by value instead, and its members are not checked.

use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::call::{Argument, ArgumentKind, CallOutcome, evaluate_call};
use crate::class::class_member;
use crate::function::BoundMethodType;
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::types::{ClassLiteral, ClassType, Type};

/// Report members whose assigned value does not fit the enum's own `__new__` or `__init__`.
pub(crate) fn check_member_constructor_arguments<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    let instance = ClassType::bare(db, class);
    let own = |name: &str| {
        class_member(db, instance, name).filter(|member| {
            let file = member.owner.file(db);
            !KnownModule::Enum.is(db, file) && !KnownModule::Builtins.is(db, file)
        })
    };
    // A stub's `__new__` describes the lookup by value (`Purpose(129)`) that replaces it
    // once the class exists, not how members are made: such a class is not checked.
    let new = own("__new__");
    if new.is_some() && context.index.is_stub() {
        return;
    }
    // `__new__` is bound to the class (it takes `cls`), `__init__` to a member.
    let (constructor, name) = match (new, own("__init__")) {
        (Some(new), _) => match new.ty {
            Type::Function(new) => (Type::BoundMethod(BoundMethodType::new(db, new, Type::ClassObject(instance))), "__new__"),
            _ => return,
        },
        (None, Some(init)) => match init.ty {
            Type::Function(init) => (Type::BoundMethod(BoundMethodType::new(db, init, Type::Instance(instance))), "__init__"),
            _ => return,
        },
        (None, None) => return,
    };
    let members = crate::infer::literal::enum_members(db, class);
    for stmt in &node.body {
        let ast::Stmt::Assign(assign) = stmt else { continue };
        let [ast::Expr::Name(target)] = &assign.targets[..] else { continue };
        if !members.iter().any(|member| &**member.name(db) == target.id.as_str()) {
            continue;
        }
        let was_reporting = context.suspend_reporting();
        let value = context.infer_expression(&assign.value);
        context.resume_reporting(was_reporting);
        if value.is_dynamic() || matches!(value, Type::Instance(assigned) if assigned.name(db) == "auto") {
            continue;
        }
        let range = assign.value.range();
        let positional = |ty: Type<'db>| Argument { kind: ArgumentKind::Positional, ty, range, literals: crate::call::LiteralOrigin::Written };
        let arguments: Vec<Argument<'db>> = match value {
            Type::Tuple(tuple) => match tuple.fixed_elements(db) {
                Some(elements) => elements.iter().copied().map(positional).collect(),
                None => continue,
            },
            other => vec![positional(other)],
        };
        if let CallOutcome::Errors { .. } = evaluate_call(db, constructor, &arguments) {
            context.report(
                range,
                &crate::infer::stmt::INVALID_ASSIGNMENT,
                format!("Value of enum member `{}` does not match the parameters of the enum's `{name}`", target.id),
            );
        }
    }
}

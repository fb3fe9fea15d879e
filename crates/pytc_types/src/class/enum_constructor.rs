//! An enum whose class defines `__init__` receives each member's assigned value as that
//! constructor's arguments: a tuple is unpacked into positional arguments, any other value
//! is the one argument. The typing spec lets checkers validate those values against the
//! constructor's signature; pytc does, for an `__init__` the enum (or a base outside `enum`)
//! defines, when no such class defines `__new__` (which would see the arguments first).

use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::call::{Argument, ArgumentKind, CallOutcome, evaluate_call};
use crate::class::class_member;
use crate::function::BoundMethodType;
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::types::{ClassLiteral, ClassType, Type};

/// Report members whose assigned value does not fit the enum's own `__init__`.
pub(crate) fn check_member_constructor_arguments<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    let instance = ClassType::bare(db, class);
    let own = |name: &str| {
        class_member(db, instance, name).filter(|member| {
            let file = member.owner.file(db);
            !KnownModule::Enum.is(db, file) && !KnownModule::Builtins.is(db, file)
        })
    };
    if own("__new__").is_some() {
        return;
    }
    let Some(init) = own("__init__") else { return };
    let Type::Function(init) = init.ty else { return };
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
        let positional = |ty: Type<'db>| Argument { kind: ArgumentKind::Positional, ty, range };
        let arguments: Vec<Argument<'db>> = match value {
            Type::Tuple(tuple) => match tuple.fixed_elements(db) {
                Some(elements) => elements.iter().copied().map(positional).collect(),
                None => continue,
            },
            other => vec![positional(other)],
        };
        let bound = Type::BoundMethod(BoundMethodType::new(db, init, Type::Instance(instance)));
        if let CallOutcome::Errors { .. } = evaluate_call(db, bound, &arguments) {
            context.report(
                range,
                &crate::infer::stmt::INVALID_ASSIGNMENT,
                format!("Value of enum member `{}` does not match the parameters of the enum's `__init__`", target.id),
            );
        }
    }
}

//! Checks of a protocol class definition: every base is a protocol, and protocol members
//! are declared in the class body (an attribute first assigned through `self` in a method
//! is an error).

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::class;
use crate::infer::InferContext;
use crate::types::{ClassLiteral, SpecialForm, Type};

declare_rule! {
    /// A protocol method assigns an attribute through `self` that the protocol class body
    /// does not declare (protocol members must be declared in the class body).
    ///
    /// ```python
    /// class Template(Protocol):
    ///     name: str
    ///
    ///     def method(self) -> None:
    ///         self.name = "ok"
    ///         self.temp: list[int] = []  # error: [invalid-protocol-member]
    /// ```
    pub static INVALID_PROTOCOL_MEMBER = {
        name: "invalid-protocol-member",
        summary: "a protocol attribute defined only through `self` in a method",
        level: Error,
    }
}

declare_rule! {
    /// A protocol class with a base that is not a protocol, or that spells its type
    /// parameters both with `Protocol[...]` and `Generic[...]`.
    ///
    /// ```python
    /// class Closable(Protocol):
    ///     def close(self) -> None: ...
    ///
    /// class File: ...
    ///
    /// class Bad(File, Closable, Protocol): ...  # error: [invalid-protocol-base]
    /// ```
    pub static INVALID_PROTOCOL_BASE = {
        name: "invalid-protocol-base",
        summary: "a protocol class has a base that is not a protocol, or both `Protocol[...]` and `Generic[...]`",
        level: Error,
    }
}

/// Report the bases of the protocol class `literal` that are not protocols, and
/// `Protocol[...]` combined with `Generic[...]`.
pub(crate) fn check_protocol_bases<'db>(context: &mut InferContext<'db>, literal: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    if !class::is_protocol(db, literal) {
        return;
    }
    let Some(arguments) = &node.arguments else { return };
    let mut parameterized_protocol = false;
    let mut generic_base = None;
    for base in &arguments.args {
        let was_reporting = context.suspend_reporting();
        let base_type = context.infer_expression(base);
        let subscripted = match base {
            ast::Expr::Subscript(subscript) => Some(context.infer_expression(&subscript.value)),
            _ => None,
        };
        context.resume_reporting(was_reporting);
        match subscripted {
            Some(Type::SpecialForm(SpecialForm::Protocol)) => parameterized_protocol = true,
            Some(Type::SpecialForm(SpecialForm::Generic)) => generic_base = Some(base.range()),
            _ => {}
        }
        let Type::ClassObject(base_class) = base_type else { continue };
        let base_literal = base_class.class(db);
        if class::is_protocol(db, base_literal) || class::known::is_known(db, base_literal, class::KnownClass::Object) {
            continue;
        }
        context.report(
            base.range(),
            &INVALID_PROTOCOL_BASE,
            format!("Protocol class `{}` cannot inherit from non-protocol class `{}`", literal.name(db), base_literal.name(db)),
        );
    }
    if parameterized_protocol && let Some(range) = generic_base {
        context.report(range, &INVALID_PROTOCOL_BASE, "`Protocol[...]` already declares the type parameters; `Generic[...]` cannot be combined with it");
    }
}

/// Report `self.<name>` assignments in the methods of the protocol class `literal` whose
/// name the class body does not declare.
pub(crate) fn check_protocol_body<'db>(context: &mut InferContext<'db>, literal: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    if !class::is_protocol(db, literal) {
        return;
    }
    for statement in &node.body {
        let ast::Stmt::FunctionDef(function) = statement else { continue };
        let Some(receiver) = function.parameters.iter_non_variadic_params().next() else { continue };
        let receiver = receiver.parameter.name.as_str();
        let mut targets = Vec::new();
        collect_receiver_targets(&function.body, receiver, &mut targets);
        for attribute in targets {
            let declared = class::own_class_member(db, literal, attribute.attr.as_str()).is_some_and(|member| !member.instance_only);
            if !declared {
                context.report(
                    attribute.range(),
                    &INVALID_PROTOCOL_MEMBER,
                    format!("Protocol members must be declared in the class body; `{}` is only assigned in a method", attribute.attr),
                );
            }
        }
    }
}

/// The `receiver.x` assignment targets in a function body (nested blocks included, nested
/// functions and classes excluded).
fn collect_receiver_targets<'a>(body: &'a [ast::Stmt], receiver: &str, found: &mut Vec<&'a ast::ExprAttribute>) {
    let target = |expression: &'a ast::Expr, found: &mut Vec<&'a ast::ExprAttribute>| {
        if let ast::Expr::Attribute(attribute) = expression
            && matches!(&*attribute.value, ast::Expr::Name(name) if name.id.as_str() == receiver)
        {
            found.push(attribute);
        }
    };
    for statement in body {
        match statement {
            ast::Stmt::Assign(assign) => assign.targets.iter().for_each(|t| target(t, found)),
            ast::Stmt::AnnAssign(assign) => target(&assign.target, found),
            ast::Stmt::AugAssign(assign) => target(&assign.target, found),
            ast::Stmt::If(if_statement) => {
                collect_receiver_targets(&if_statement.body, receiver, found);
                for clause in &if_statement.elif_else_clauses {
                    collect_receiver_targets(&clause.body, receiver, found);
                }
            }
            ast::Stmt::For(loop_statement) => {
                collect_receiver_targets(&loop_statement.body, receiver, found);
                collect_receiver_targets(&loop_statement.orelse, receiver, found);
            }
            ast::Stmt::While(loop_statement) => {
                collect_receiver_targets(&loop_statement.body, receiver, found);
                collect_receiver_targets(&loop_statement.orelse, receiver, found);
            }
            ast::Stmt::With(with) => collect_receiver_targets(&with.body, receiver, found),
            ast::Stmt::Try(try_statement) => {
                collect_receiver_targets(&try_statement.body, receiver, found);
                for handler in &try_statement.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    collect_receiver_targets(&handler.body, receiver, found);
                }
                collect_receiver_targets(&try_statement.orelse, receiver, found);
                collect_receiver_targets(&try_statement.finalbody, receiver, found);
            }
            _ => {}
        }
    }
}

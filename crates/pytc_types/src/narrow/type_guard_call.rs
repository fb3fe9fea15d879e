//! The guard a call to a `TypeGuard`/`TypeIs` function applies: of an overloaded guard, the
//! overload the judged argument selects; of a generic one, the guard with its type variables
//! (and `Self`) solved from the call's receiver and arguments, so `is_two_element_tuple(names)`
//! with `names: tuple[str, ...]` narrows to `tuple[str, str]`.

use pytc_syntax::ast;

use crate::function::FunctionFlags;
use crate::generics::{TypeVarSolver, has_typevars, walk_typevars};
use crate::infer::InferContext;
use crate::types::{Type, TypeGuardType};

impl<'db> InferContext<'db> {
    /// The guard of the overload of `callee` (an overloaded function, or method) whose first
    /// judged parameter accepts the call's first positional argument: `is_dataclass(c)` with
    /// `c: type` narrows by its `(obj: type) -> TypeIs[type[DataclassInstance]]` overload.
    /// `None` when `callee` is not overloaded, the call has no positional argument, or the
    /// selected overload returns no guard.
    pub(crate) fn overload_type_guard(&mut self, callee: Type<'db>, call: &ast::ExprCall) -> Option<TypeGuardType<'db>> {
        let db = self.db;
        let (function, skipped) = match callee {
            Type::Function(function) => (function, 0),
            Type::BoundMethod(method) => (method.function(db), usize::from(!method.function(db).has(db, FunctionFlags::STATICMETHOD))),
            _ => return None,
        };
        let signatures = crate::function::declared_signatures(db, function);
        if signatures.len() < 2 {
            return None;
        }
        let judged = call.arguments.args.first().filter(|argument| !matches!(argument, ast::Expr::Starred(_)))?;
        let was_reporting = self.suspend_reporting();
        let argument = self.infer_expression(judged);
        self.resume_reporting(was_reporting);
        let selected = signatures.iter().find(|signature| {
            signature.parameters.iter().filter(|parameter| parameter.accepts_positional()).nth(skipped).is_some_and(|parameter| argument.is_assignable_to(db, parameter.annotated))
        })?;
        match selected.return_type {
            Type::TypeGuard(guard) => Some(guard),
            _ => None,
        }
    }

    /// `guarded` with the type variables of `callee`'s signature solved for this call.
    pub(crate) fn specialize_type_guard(&mut self, callee: Type<'db>, call: &ast::ExprCall, guarded: Type<'db>) -> Type<'db> {
        let db = self.db;
        if !has_typevars(db, guarded) {
            return guarded;
        }
        let (function, receiver) = match callee {
            Type::Function(function) => (function, None),
            Type::BoundMethod(method) => (method.function(db), Some(method.receiver(db))),
            _ => return guarded,
        };
        let signature = crate::infer::function::own_signature(db, function);
        let mut solver = TypeVarSolver::new(db);
        let mut positional = signature.parameters.iter().filter(|p| p.accepts_positional());
        if let Some(receiver) = receiver
            && let Some(first) = positional.next()
        {
            let receiver = match receiver {
                Type::Instance(class) if function.has(db, FunctionFlags::CLASSMETHOD) => Type::ClassObject(class),
                other => other,
            };
            solver.infer(first.annotated, receiver);
        }
        let was_reporting = self.suspend_reporting();
        for argument in &call.arguments.args {
            if matches!(argument, ast::Expr::Starred(_)) {
                break;
            }
            let Some(parameter) = positional.next() else { break };
            let argument_type = self.infer_expression(argument);
            // Each member of a union argument says something about the variables.
            for member in argument_type.union_elements(db) {
                solver.infer(parameter.annotated, member);
            }
        }
        for keyword in &call.arguments.keywords {
            let Some(name) = &keyword.arg else { continue };
            if let Some(parameter) = signature.parameters.iter().find(|p| p.accepts_keyword(name.as_str())) {
                let argument_type = self.infer_expression(&keyword.value);
                solver.infer(parameter.annotated, argument_type);
            }
        }
        self.resume_reporting(was_reporting);
        let mut typevars = Vec::new();
        walk_typevars(db, guarded, &mut |typevar| {
            if !typevars.contains(&typevar) {
                typevars.push(typevar);
            }
        });
        let (solution, _) = solver.solve(&typevars);
        solution.apply(db, guarded)
    }
}

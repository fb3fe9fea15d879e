//! Type variable scoping: a traditional type variable means something only where a generic
//! function or class binds it. A variable annotation may use only the variables of the
//! enclosing functions and of the class whose body (or method) it is in — a nested class
//! does not see its outer class's variables; a nested class may not reuse, in its bases,
//! a variable an enclosing function or class binds; an explicit `TypeAlias` may not use
//! one either (its variables are its own parameters); and `list[T]()` outside any scope
//! that binds `T` is meaningless.

use pytc_db::declare_rule;
use pytc_semantic::{DefinitionKind, ScopeId, ScopeKind};
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, SpecialForm, Type, TypeVarType};

declare_rule! {
    /// A type variable used where no enclosing generic function or class binds it, or
    /// rebound by a nested class or alias that may not reuse it.
    ///
    /// ```python
    /// from typing import TypeVar
    /// T = TypeVar("T")
    /// x: list[T] = []  # error: [invalid-type-variable-scope]
    /// ```
    pub static INVALID_TYPE_VARIABLE_SCOPE = {
        name: "invalid-type-variable-scope",
        summary: "a type variable is used outside the scope that binds it",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// The type variables bound where `scope` is: those of the enclosing functions'
    /// signatures and of the nearest enclosing class; an outer class counts only through
    /// one of its methods (a class local to a method sees the method's class), never
    /// through a class nested directly in it.
    pub(crate) fn typevars_bound_at(&mut self, scope: ScopeId) -> Vec<TypeVarType<'db>> {
        let db = self.db;
        let mut bound = Vec::new();
        let mut passed_class = false;
        let mut inner_kind = None;
        let ancestors: Vec<ScopeId> = self.index.ancestor_scopes(scope).collect();
        for ancestor in ancestors {
            let kind = self.index.scope(ancestor).kind;
            let reached_from = inner_kind;
            if kind != ScopeKind::TypeParams {
                inner_kind = Some(kind);
            }
            let Some(node) = self.index.scope(ancestor).node else { continue };
            let Some(definition) = self.index.definitions_for_node(node).first().copied() else { continue };
            let definition = DefinitionRef::of(db, self.file, definition);
            match (kind, &definition.definition(db).kind) {
                (ScopeKind::Function, DefinitionKind::Function(function)) => {
                    // The `def`'s own signature binds its variables, whatever its decorators
                    // make of it (an `Unknown` decorator makes the name `Unknown`).
                    let (function_type, _, _) = crate::infer::function::undecorated_function(db, definition, function);
                    let signature = crate::infer::function::own_signature(db, function_type);
                    for parameter in &signature.parameters {
                        crate::class::header::collect_typevars(db, parameter.annotated, &mut bound);
                    }
                    crate::class::header::collect_typevars(db, signature.return_type, &mut bound);
                    if let Some(type_params) = &function.type_params {
                        for type_param in &type_params.type_params {
                            if let Type::TypeVarObject(typevar) = self.type_param_type(type_param) {
                                bound.push(typevar);
                            }
                        }
                    }
                }
                (ScopeKind::Class, DefinitionKind::Class(class)) => {
                    if !passed_class || reached_from == Some(ScopeKind::Function) {
                        let literal = ClassLiteral::new(db, self.file, definition.id(db), Box::<str>::from(class.name.as_str()));
                        bound.extend(crate::class::type_parameters(db, literal).iter().copied());
                    }
                    passed_class = true;
                }
                _ => {}
            }
        }
        bound
    }

    /// Report the type variables of a variable annotation's type, outside its `Callable`s,
    /// that no enclosing scope binds; for an explicit `TypeAlias`, those of its value that an enclosing scope binds.
    pub(crate) fn check_annotation_typevar_scope(&mut self, assign: &ast::StmtAnnAssign) {
        let db = self.db;
        let was = self.suspend_reporting();
        let head = match &*assign.annotation {
            ast::Expr::Subscript(subscript) => self.infer_expression(&subscript.value),
            other => self.infer_expression(other),
        };
        let (expression, ty, alias) = match (head, &assign.value) {
            (Type::SpecialForm(SpecialForm::TypeAlias), Some(value)) => (&**value, self.type_expression(value), true),
            (Type::SpecialForm(SpecialForm::TypeAlias), None) => (&*assign.annotation, Type::UNKNOWN, true),
            _ => (&*assign.annotation, self.type_expression(&assign.annotation), false),
        };
        self.resume_reporting(was);
        if !crate::generics::has_typevars(db, ty) {
            return;
        }
        let bound = self.typevars_bound_at(self.scope);
        let mut offending = Vec::new();
        let mut visit = |typevar| {
            if !is_self(db, typevar) && bound.contains(&typevar) == alias && !offending.contains(&typevar) {
                offending.push(typevar);
            }
        };
        // A variable's `Callable[[T], T]` is a generic callable: its own type variables
        // need no enclosing scope. An alias's value may use no enclosing one anywhere.
        if alias {
            crate::generics::walk_typevars(db, ty, &mut visit);
        } else {
            crate::generics::walk_typevars_outside_callables(db, ty, &mut visit);
        }
        for typevar in offending {
            let message = if alias {
                format!("Type alias cannot use type variable `{}` of an enclosing scope", typevar.name(db))
            } else {
                format!("Type variable `{}` has no meaning in this context", typevar.name(db))
            };
            self.report(expression.range(), &INVALID_TYPE_VARIABLE_SCOPE, message);
        }
    }

    /// Report type variables in a class's bases that an enclosing function or class binds.
    pub(crate) fn check_base_typevar_scope(&mut self, arguments: &ast::Arguments) {
        let db = self.db;
        let bound = self.typevars_bound_at(self.scope);
        if bound.is_empty() {
            return;
        }
        for base in arguments.args.iter() {
            let was = self.suspend_reporting();
            let value = self.infer_expression(base);
            let ty = match base {
                ast::Expr::Subscript(subscript) if matches!(self.infer_expression(&subscript.value), Type::SpecialForm(SpecialForm::Generic | SpecialForm::Protocol)) => {
                    let mut listed = Vec::new();
                    let arguments: Vec<&ast::Expr> = match &*subscript.slice {
                        ast::Expr::Tuple(tuple) => tuple.elts.iter().collect(),
                        other => vec![other],
                    };
                    for argument in arguments {
                        if let Type::TypeVarObject(typevar) = self.infer_expression(argument) {
                            listed.push(Type::TypeVar(typevar));
                        }
                    }
                    Type::union_of(db, listed)
                }
                _ => crate::infer::annotation::value_as_type(db, value).unwrap_or(Type::UNKNOWN),
            };
            self.resume_reporting(was);
            let mut reused = None;
            crate::generics::walk_typevars(db, ty, &mut |typevar| {
                if reused.is_none() && bound.contains(&typevar) {
                    reused = Some(typevar);
                }
            });
            if let Some(typevar) = reused {
                self.report(
                    base.range(),
                    &INVALID_TYPE_VARIABLE_SCOPE,
                    format!("Type variable `{}` is already in use by an enclosing scope", typevar.name(db)),
                );
            }
        }
    }

    /// Report `C[T]()` where no enclosing scope binds `T`.
    pub(crate) fn check_called_specialization_scope(&mut self, call: &ast::ExprCall, callee: Type<'db>) {
        let db = self.db;
        let ast::Expr::Subscript(_) = &*call.func else { return };
        let Type::ClassObject(class) = callee else { return };
        let mut typevars = Vec::new();
        for argument in class.arguments(db) {
            crate::class::header::collect_typevars(db, *argument, &mut typevars);
        }
        typevars.retain(|typevar| !is_self(db, *typevar));
        if typevars.is_empty() {
            return;
        }
        let bound = self.typevars_bound_at(self.scope);
        if let Some(unbound) = typevars.iter().find(|typevar| !bound.contains(typevar)) {
            self.report(
                call.func.range(),
                &INVALID_TYPE_VARIABLE_SCOPE,
                format!("Type variable `{}` has no meaning in this context", unbound.name(db)),
            );
        }
    }
}

/// Whether `typevar` is a class's `Self`.
pub(crate) fn is_self(db: &dyn pytc_db::Db, typevar: TypeVarType<'_>) -> bool {
    &**typevar.name(db) == "Self"
}

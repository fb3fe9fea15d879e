//! Checks of PEP 695 type parameter lists (`class C[T: int]`, `def f[*Ts]`, `type A[**P]`):
//! bounds and constraints must be valid, non-generic type expressions, a constraint tuple
//! needs at least two types, and a class or function with a parameter list may not also
//! use traditional `TypeVar`s of its own.

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::infer::InferContext;
use crate::types::{Type, TypeVarKind, TypeVarType, Variance};

declare_rule! {
    /// A PEP 695 type parameter whose bound, constraints or default is not valid.
    ///
    /// ```python
    /// class C[T: (int,)]: ...  # error: [invalid-type-parameter]
    /// ```
    pub static INVALID_TYPE_PARAMETER = {
        name: "invalid-type-parameter",
        summary: "a PEP 695 type parameter's bound, constraints or default is invalid",
        level: Error,
    }
}

declare_rule! {
    /// A traditional `TypeVar` used by a class or function that declares a PEP 695
    /// type parameter list: the two styles cannot be mixed.
    ///
    /// ```python
    /// from typing import TypeVar
    /// K = TypeVar("K")
    /// class C[V](dict[K, V]): ...  # error: [mixed-type-parameter-syntax]
    /// ```
    pub static MIXED_TYPE_PARAMETER_SYNTAX = {
        name: "mixed-type-parameter-syntax",
        summary: "a traditional TypeVar is used where a PEP 695 type parameter list is declared",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// Report what is wrong with each parameter of a PEP 695 parameter list.
    pub(crate) fn check_type_params(&mut self, type_params: &ast::TypeParams) {
        self.check_type_param_shadowing(type_params);
        let saved = self.scope;
        for type_param in &type_params.type_params {
            self.scope = self.index.scope_of_node(type_param.node_index().load());
            match type_param {
                ast::TypeParam::TypeVar(typevar) => {
                    if let Some(bound) = &typevar.bound {
                        self.check_type_param_bound(bound);
                    }
                    if let Some(default) = &typevar.default {
                        self.type_expression(default);
                    }
                    if let Type::TypeVarObject(declared) = self.type_param_type(type_param) {
                        self.check_typevar_default(typevar.range(), declared.bound(self.db), declared.constraints(self.db), declared.default(self.db));
                    }
                }
                ast::TypeParam::TypeVarTuple(tuple) => {
                    if let Some(default) = &tuple.default {
                        self.check_typevar_tuple_default_form(default, &INVALID_TYPE_PARAMETER);
                    }
                }
                ast::TypeParam::ParamSpec(param_spec) => {
                    if let Some(default) = &param_spec.default {
                        self.check_param_spec_default_form(default, &INVALID_TYPE_PARAMETER);
                    }
                }
            }
        }
        self.scope = saved;
    }

    /// A type parameter named like one an enclosing class, function or alias already binds
    /// (`class C[T]: def m[T](self)`): the inner one would hide the outer one.
    fn check_type_param_shadowing(&mut self, type_params: &ast::TypeParams) {
        let bound = self.typevars_bound_at(self.scope);
        if bound.is_empty() {
            return;
        }
        for type_param in &type_params.type_params {
            let name = type_param.name();
            if bound.iter().any(|typevar| &**typevar.name(self.db) == name.as_str()) {
                self.report(
                    name.range(),
                    &crate::generics::scoping::INVALID_TYPE_VARIABLE_SCOPE,
                    format!("Type parameter `{}` is already in use by an enclosing scope", name.as_str()),
                );
            }
        }
    }

    fn check_type_param_bound(&mut self, bound: &ast::Expr) {
        let db = self.db;
        match bound {
            ast::Expr::Tuple(tuple) => {
                if tuple.elts.len() < 2 {
                    self.report(bound.range(), &INVALID_TYPE_PARAMETER, "A constrained type parameter needs at least two constraints");
                }
                for constraint in &tuple.elts {
                    let ty = self.type_expression(constraint);
                    if crate::generics::has_typevars(db, ty) {
                        self.report(constraint.range(), &INVALID_TYPE_PARAMETER, "A type parameter's constraints cannot be generic");
                    }
                }
            }
            other => {
                let ty = self.type_expression(other);
                if crate::generics::has_typevars(db, ty) {
                    self.report(other.range(), &INVALID_TYPE_PARAMETER, "A type parameter's bound cannot be generic");
                }
            }
        }
    }

    /// A class with a PEP 695 parameter list: its bases may not use traditional `TypeVar`s.
    pub(crate) fn check_class_type_param_syntax(&mut self, class: &ast::StmtClassDef) {
        let Some(type_params) = &class.type_params else { return };
        self.check_type_params(type_params);
        let Some(arguments) = &class.arguments else { return };
        let own = self.own_type_params(class);
        let outer = self.enclosing_class_type_params();
        let mut reported = Vec::new();
        for base in arguments.args.iter() {
            let was = self.suspend_reporting();
            let ty = self.infer_expression(base);
            self.resume_reporting(was);
            let ty = crate::infer::annotation::value_as_type(self.db, ty).unwrap_or(Type::UNKNOWN);
            self.report_traditional_typevars(base, ty, &own, &outer, &mut reported);
        }
    }

    /// A function with a PEP 695 parameter list: its annotations may not use traditional
    /// `TypeVar`s other than those an enclosing class binds.
    pub(crate) fn check_function_type_param_syntax(&mut self, function: &ast::StmtFunctionDef) {
        let Some(type_params) = &function.type_params else { return };
        self.check_type_params(type_params);
        let outer = self.enclosing_class_type_params();
        let annotations = function.parameters.iter().filter_map(|p| p.annotation()).chain(function.returns.as_deref());
        let mut reported = Vec::new();
        for annotation in annotations {
            if matches!(annotation, ast::Expr::Starred(_)) {
                continue;
            }
            let was = self.suspend_reporting();
            let ty = self.type_expression(annotation);
            self.resume_reporting(was);
            self.report_traditional_typevars(annotation, ty, &[], &outer, &mut reported);
        }
    }

    /// Report each traditional type variable in `ty` that is neither `own` nor `outer`,
    /// once per declaration (`reported` holds those already reported).
    fn report_traditional_typevars(
        &mut self,
        node: &ast::Expr,
        ty: Type<'db>,
        own: &[TypeVarType<'db>],
        outer: &[TypeVarType<'db>],
        reported: &mut Vec<TypeVarType<'db>>,
    ) {
        let db = self.db;
        let mut offending: Vec<TypeVarType<'db>> = Vec::new();
        crate::generics::walk_typevars(db, ty, &mut |typevar| {
            if is_traditional(db, typevar) && !own.contains(&typevar) && !outer.contains(&typevar) && !reported.contains(&typevar) {
                reported.push(typevar);
                offending.push(typevar);
            }
        });
        for typevar in offending {
            self.report(
                node.range(),
                &MIXED_TYPE_PARAMETER_SYNTAX,
                format!("Traditional type variable `{}` cannot be used together with a type parameter list", typevar.name(db)),
            );
        }
    }

    fn own_type_params(&self, class: &ast::StmtClassDef) -> Vec<TypeVarType<'db>> {
        let Some(literal) = self.defined_class_literal(class) else { return Vec::new() };
        crate::class::type_parameters(self.db, literal).to_vec()
    }

    fn enclosing_class_type_params(&self) -> Vec<TypeVarType<'db>> {
        self.enclosing_class().map(|class| crate::class::type_parameters(self.db, class).to_vec()).unwrap_or_default()
    }
}

/// Whether a type variable certainly comes from a `TypeVar(...)` call: PEP 695 parameters
/// always have inferred variance (a traditional one with `infer_variance=True` is not
/// told apart, and so never reported).
fn is_traditional(db: &dyn pytc_db::Db, typevar: TypeVarType<'_>) -> bool {
    typevar.kind(db) == TypeVarKind::TypeVar
        && typevar.variance(db) != Variance::Inferred
        && &**typevar.name(db) != "Self"
}

/// Whether a `TypeVar(...)` call passes `infer_variance=True`.
pub(crate) fn requests_inferred_variance(call: &ast::ExprCall) -> bool {
    call.arguments.keywords.iter().any(|keyword| {
        keyword.arg.as_ref().is_some_and(|arg| arg.as_str() == "infer_variance")
            && matches!(&keyword.value, ast::Expr::BooleanLiteral(value) if value.value)
    })
}

//! The components of a `ParamSpec`: `P.args` annotates only `*args` and `P.kwargs` only
//! `**kwargs`, the two always appear together (for the same `P`) with no keyword-only
//! parameter between them, and only where `P` is in scope (bound by the function itself,
//! an enclosing function or the enclosing class).

use pytc_semantic::{DefinitionKind, ScopeKind};
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::infer::annotation::INVALID_TYPE_FORM;
use crate::types::{ClassLiteral, Type, TypeVarKind, TypeVarType};

/// Which component of a ParamSpec an annotation spells.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Component {
    Args,
    Kwargs,
}

impl<'db> InferContext<'db> {
    /// The ParamSpec `P` of an annotation `P.args` or `P.kwargs`.
    pub(crate) fn param_spec_of_component(&mut self, annotation: &ast::Expr) -> Option<TypeVarType<'db>> {
        self.param_spec_component(annotation).map(|(param_spec, _)| param_spec)
    }

    /// `P.args` or `P.kwargs` (with `P` a ParamSpec), or `None` for any other annotation.
    fn param_spec_component(&mut self, annotation: &ast::Expr) -> Option<(TypeVarType<'db>, Component)> {
        let ast::Expr::Attribute(attribute) = annotation else { return None };
        let component = match attribute.attr.as_str() {
            "args" => Component::Args,
            "kwargs" => Component::Kwargs,
            _ => return None,
        };
        let was = self.suspend_reporting();
        let value = self.infer_expression(&attribute.value);
        self.resume_reporting(was);
        match value {
            Type::TypeVarObject(typevar) if typevar.kind(self.db) == TypeVarKind::ParamSpec => Some((typevar, component)),
            _ => None,
        }
    }

    /// The ParamSpec `P` when `annotation` is `P.args` (for `*args`, `keyword = false`) or
    /// `P.kwargs` (for `**kwargs`, `keyword = true`).
    pub(crate) fn variadic_param_spec(&mut self, annotation: &ast::Expr, keyword: bool) -> Option<TypeVarType<'db>> {
        let wanted = if keyword { Component::Kwargs } else { Component::Args };
        self.param_spec_component(annotation).and_then(|(param_spec, component)| (component == wanted).then_some(param_spec))
    }

    /// Report a variable annotated with `P.args` or `P.kwargs`.
    pub(crate) fn check_param_spec_component_variable(&mut self, annotation: &ast::Expr) {
        if self.param_spec_component(annotation).is_some() {
            self.report(annotation.range(), &INVALID_TYPE_FORM, "`P.args` and `P.kwargs` are only allowed on `*args` and `**kwargs`");
        }
    }

    /// Check the uses of `P.args`/`P.kwargs` in a function's parameters.
    pub(crate) fn check_param_spec_components(&mut self, function: &ast::StmtFunctionDef) {
        let parameters = &function.parameters;
        let mut misplaced = Vec::new();
        for parameter in parameters.posonlyargs.iter().chain(&parameters.args).chain(&parameters.kwonlyargs) {
            if let Some(annotation) = parameter.parameter.annotation.as_deref()
                && self.param_spec_component(annotation).is_some()
            {
                misplaced.push(annotation.range());
            }
        }
        for range in misplaced {
            self.report(range, &INVALID_TYPE_FORM, "`P.args` and `P.kwargs` are only allowed on `*args` and `**kwargs`");
        }
        let args = parameters.vararg.as_deref().and_then(|p| p.annotation.as_deref()).map(|a| (a, self.param_spec_component(a)));
        let kwargs = parameters.kwarg.as_deref().and_then(|p| p.annotation.as_deref()).map(|a| (a, self.param_spec_component(a)));
        let args_spec = match args {
            Some((annotation, Some((typevar, Component::Args)))) => Some((annotation, typevar)),
            Some((annotation, Some((_, Component::Kwargs)))) => {
                self.report(annotation.range(), &INVALID_TYPE_FORM, "`*args` must be annotated with `P.args`, not `P.kwargs`");
                None
            }
            _ => None,
        };
        let kwargs_spec = match kwargs {
            Some((annotation, Some((typevar, Component::Kwargs)))) => Some((annotation, typevar)),
            Some((annotation, Some((_, Component::Args)))) => {
                self.report(annotation.range(), &INVALID_TYPE_FORM, "`**kwargs` must be annotated with `P.kwargs`, not `P.args`");
                None
            }
            _ => None,
        };
        let bad_args = args.is_some_and(|(_, component)| matches!(component, Some((_, Component::Kwargs))));
        let bad_kwargs = kwargs.is_some_and(|(_, component)| matches!(component, Some((_, Component::Args))));
        match (args_spec, kwargs_spec) {
            (Some((_, args_p)), Some((kwargs_annotation, kwargs_p))) => {
                if args_p != kwargs_p {
                    self.report(kwargs_annotation.range(), &INVALID_TYPE_FORM, "`*args` and `**kwargs` must use the components of the same ParamSpec");
                }
                if let Some(keyword_only) = parameters.kwonlyargs.first() {
                    self.report(keyword_only.range(), &INVALID_TYPE_FORM, "A keyword-only parameter cannot come between `*args: P.args` and `**kwargs: P.kwargs`");
                }
                self.check_param_spec_in_scope(function, args_p);
            }
            (Some((annotation, typevar)), None) if !bad_kwargs => {
                self.report(annotation.range(), &INVALID_TYPE_FORM, format!("`*args: {0}.args` requires `**kwargs: {0}.kwargs`", typevar.name(self.db)));
            }
            (None, Some((annotation, typevar))) if !bad_args => {
                self.report(annotation.range(), &INVALID_TYPE_FORM, format!("`**kwargs: {0}.kwargs` requires `*args: {0}.args`", typevar.name(self.db)));
            }
            _ => {}
        }
    }

    /// Report `P.args`/`P.kwargs` on a function where nothing binds `P`: neither the
    /// function's other annotations or type parameters, nor an enclosing function's
    /// annotations, nor the enclosing class's parameters.
    fn check_param_spec_in_scope(&mut self, function: &ast::StmtFunctionDef, param_spec: TypeVarType<'db>) {
        let db = self.db;
        if self.function_binds(function, param_spec) {
            return;
        }
        let mut passed_class = false;
        let ancestors: Vec<_> = self.index.ancestor_scopes(self.scope).collect();
        for ancestor in ancestors {
            let Some(node) = self.index.scope(ancestor).node else { continue };
            let Some(definition) = self.index.definitions_for_node(node).first().copied() else { continue };
            match (self.index.scope(ancestor).kind, &self.index.definition(definition).kind) {
                (ScopeKind::Function, DefinitionKind::Function(enclosing)) => {
                    if self.function_binds(enclosing.node(), param_spec) {
                        return;
                    }
                }
                (ScopeKind::Class, DefinitionKind::Class(class)) if !passed_class => {
                    passed_class = true;
                    let literal = ClassLiteral::new(db, self.file, definition.as_u32(), Box::<str>::from(class.name.as_str()));
                    if crate::class::type_parameters(db, literal).contains(&param_spec) {
                        return;
                    }
                }
                _ => {}
            }
        }
        self.report(
            function.parameters.range(),
            &INVALID_TYPE_FORM,
            format!("ParamSpec `{}` is not in scope here: no enclosing function or class binds it", param_spec.name(db)),
        );
    }

    /// Whether `function`'s type parameters or annotations (other than `P.args` and
    /// `P.kwargs` themselves) mention `param_spec`.
    fn function_binds(&mut self, function: &ast::StmtFunctionDef, param_spec: TypeVarType<'db>) -> bool {
        if let Some(type_params) = &function.type_params {
            for type_param in &type_params.type_params {
                if self.type_param_type(type_param) == Type::TypeVarObject(param_spec) {
                    return true;
                }
            }
        }
        let mut names = Vec::new();
        for parameter in function.parameters.iter() {
            if let Some(annotation) = parameter.annotation()
                && self.param_spec_component(annotation).is_none()
            {
                collect_names(annotation, &mut names);
            }
        }
        if let Some(returns) = function.returns.as_deref() {
            collect_names(returns, &mut names);
        }
        let was = self.suspend_reporting();
        let found = names.into_iter().any(|name| self.infer_expression(name) == Type::TypeVarObject(param_spec));
        self.resume_reporting(was);
        found
    }
}

/// Every name expression inside `expression`.
fn collect_names<'a>(expression: &'a ast::Expr, names: &mut Vec<&'a ast::Expr>) {
    use ast::visitor::{Visitor, walk_expr};
    struct Names<'a, 'b>(&'b mut Vec<&'a ast::Expr>);
    impl<'a> Visitor<'a> for Names<'a, '_> {
        fn visit_expr(&mut self, expr: &'a ast::Expr) {
            if matches!(expr, ast::Expr::Name(_)) {
                self.0.push(expr);
            }
            pytc_syntax::ensure_stack(|| walk_expr(self, expr));
        }
    }
    Names(names).visit_expr(expression);
}

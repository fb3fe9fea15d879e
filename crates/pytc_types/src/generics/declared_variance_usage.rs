//! A method of a generic class must not take a type parameter declared covariant, nor
//! return one declared contravariant (`def put(self, x: T_co)`, `def get(self) -> T_contra`,
//! `def f(self, *args: *Ts_co)`, `def g(self) -> tuple[*Ts_contra]`). Only the annotation
//! itself (or the elements of a returned tuple) is looked at; protocols get the full walk
//! of `invalid-protocol-variance` instead.
//!
//! A ParamSpec is never an annotation by itself: it is used through `*args: P.args,
//! **kwargs: P.kwargs` (an input) or inside a callable type, so its uses are found with the
//! polarity walk of variance inference (`fn: Callable[P_co, None]` takes `P_co` in an input
//! position, `-> Callable[P_contra, None]` returns it in an output one, and both are errors).

use pytc_syntax::{Ranged, ast};

use crate::call::special::INVALID_TYPE_VARIABLE;
use crate::infer::InferContext;
use crate::types::{ClassLiteral, Type, TypeVarKind, TypeVarType, Variance};

impl<'db> InferContext<'db> {
    pub(crate) fn check_declared_variance_usage(&mut self, function: &ast::StmtFunctionDef) {
        let db = self.db;
        if self.index.scope(self.scope).kind != pytc_semantic::ScopeKind::Class || matches!(function.name.as_str(), "__init__" | "__new__") {
            return;
        }
        let Some(class) = self.enclosing_class() else { return };
        if crate::class::is_protocol(db, class) {
            return;
        }
        let declared = |variance: Variance| -> Vec<TypeVarType<'db>> {
            crate::class::type_parameters(db, class).iter().copied().filter(|p| p.variance(db) == variance).collect()
        };
        let (covariant, contravariant) = (declared(Variance::Covariant), declared(Variance::Contravariant));
        if covariant.is_empty() && contravariant.is_empty() {
            return;
        }
        let is_static = function.decorator_list.iter().any(|d| matches!(&d.expression, ast::Expr::Name(name) if name.id.as_str() == "staticmethod"));
        let parameters = &function.parameters;
        let receiver = usize::from(!is_static);
        let named = parameters.posonlyargs.iter().chain(&parameters.args).skip(receiver).chain(&parameters.kwonlyargs).map(|p| &p.parameter);
        let annotations: Vec<&ast::Expr> = named.chain(parameters.vararg.as_deref()).filter_map(|p| p.annotation.as_deref()).collect();
        for annotation in annotations {
            let ty = self.quiet_annotation_type(annotation);
            if let Some(typevar) = direct_typevar(ty).filter(|t| covariant.contains(t)) {
                self.report(annotation.range(), &INVALID_TYPE_VARIABLE, format!("Covariant type variable `{}` cannot be a parameter type of a method of `{}`", typevar.name(db), class.name(db)));
            }
        }
        let param_specs: Vec<TypeVarType<'db>> = covariant.iter().chain(&contravariant).copied().filter(|p| p.kind(db) == TypeVarKind::ParamSpec).collect();
        if !param_specs.is_empty() {
            let all_parameters = named_and_variadic(parameters, receiver);
            self.check_param_spec_variance_usage(class, &param_specs, &all_parameters, function.returns.as_deref());
        }
        if let Some(returns) = function.returns.as_deref() {
            let ty = self.quiet_annotation_type(returns);
            let returned: Vec<Type<'db>> = match ty {
                Type::Tuple(tuple) => tuple.prefix(db).iter().chain(tuple.variadic(db).iter()).chain(tuple.suffix(db)).copied().collect(),
                other => vec![other],
            };
            if let Some(typevar) = returned.into_iter().find_map(|t| direct_typevar(t).filter(|t| contravariant.contains(t))) {
                self.report(returns.range(), &INVALID_TYPE_VARIABLE, format!("Contravariant type variable `{}` cannot be returned by a method of `{}`", typevar.name(db), class.name(db)));
            }
        }
    }

    /// Report a declared-variance ParamSpec of `class` used against its variance by the
    /// annotations of `parameters` (inputs) or by `returns` (an output).
    fn check_param_spec_variance_usage(
        &mut self,
        class: ClassLiteral<'db>,
        param_specs: &[TypeVarType<'db>],
        parameters: &[&ast::Parameter],
        returns: Option<&ast::Expr>,
    ) {
        let db = self.db;
        let inputs = parameters.iter().filter_map(|p| p.annotation.as_deref()).map(|annotation| (annotation, false));
        let uses: Vec<(&ast::Expr, bool)> = inputs.chain(returns.map(|r| (r, true))).collect();
        for (annotation, output) in uses {
            let component = self.param_spec_of_component(annotation);
            let ty = if component.is_some() { Type::UNKNOWN } else { self.quiet_annotation_type(annotation) };
            for param_spec in param_specs {
                let used = if component == Some(*param_spec) {
                    Some(Variance::Contravariant)
                } else {
                    crate::generics::variance::variance_of_use(db, class, *param_spec, ty, output)
                };
                let declared = param_spec.variance(db);
                let (Some(used), name) = (used, param_spec.name(db)) else { continue };
                let message = match declared {
                    Variance::Covariant if used != Variance::Covariant => format!("Covariant ParamSpec `{name}` cannot be used in a contravariant position in a method of `{}`", class.name(db)),
                    Variance::Contravariant if used != Variance::Contravariant => {
                        format!("Contravariant ParamSpec `{name}` cannot be used in a covariant position in a method of `{}`", class.name(db))
                    }
                    _ => continue,
                };
                self.report(annotation.range(), &INVALID_TYPE_VARIABLE, message);
            }
        }
    }

    /// The type an annotation spells (`*Ts` as the TypeVarTuple), without reporting anything.
    fn quiet_annotation_type(&mut self, annotation: &ast::Expr) -> Type<'db> {
        let was = self.suspend_reporting();
        let ty = match self.unpacked_operand(annotation) {
            Some(operand) => self.type_expression(operand),
            None => self.type_expression(annotation),
        };
        self.resume_reporting(was);
        ty
    }
}

/// The parameters after the receiver, the variadic ones included.
fn named_and_variadic(parameters: &ast::Parameters, receiver: usize) -> Vec<&ast::Parameter> {
    let named = parameters.posonlyargs.iter().chain(&parameters.args).skip(receiver).chain(&parameters.kwonlyargs).map(|p| &p.parameter);
    named.chain(parameters.vararg.as_deref()).chain(parameters.kwarg.as_deref()).collect()
}

fn direct_typevar(ty: Type<'_>) -> Option<TypeVarType<'_>> {
    match ty {
        Type::TypeVar(typevar) => Some(typevar),
        _ => None,
    }
}

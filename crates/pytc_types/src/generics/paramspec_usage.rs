//! Where a `ParamSpec` may appear in a type expression: as the first argument of
//! `Callable`, as the last argument of `Concatenate`, as the argument for a class's own
//! `ParamSpec` parameter, and in `Generic[...]`/`Protocol[...]`. Anywhere else (a
//! parameter's or return annotation, a type alias's value, `list[P]`, `Callable[..., P]`)
//! it is an error, and so is `Concatenate[...]` outside those argument positions.

use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::infer::annotation::INVALID_TYPE_FORM;
use crate::types::{ClassType, DynamicType, SpecialForm, TodoFeature, Type, TypeVarKind};

impl<'db> InferContext<'db> {
    /// Called for a name in a type expression that resolved to `resolved`: report a bare
    /// `ParamSpec` (the argument positions that accept one do not come through here), and
    /// say whether it was one (its use then spells no type).
    pub(crate) fn check_bare_param_spec(&mut self, expression: &ast::Expr, resolved: Type<'db>) -> bool {
        let db = self.db;
        let Type::TypeVar(typevar) = resolved else { return false };
        if typevar.kind(db) == TypeVarKind::ParamSpec {
            self.report(
                crate::infer::annotation::expression_range(expression),
                &INVALID_TYPE_FORM,
                format!("ParamSpec `{}` is only allowed as the first argument of `Callable`, in `Concatenate` or for a ParamSpec parameter", typevar.name(db)),
            );
            return true;
        }
        false
    }

    /// A type argument in a position that may take a parameter specification: a bare
    /// `ParamSpec` or `Concatenate[...]`. `None` for any other argument.
    pub(crate) fn param_spec_type_argument(&mut self, argument: &ast::Expr) -> Option<Type<'db>> {
        let was = self.suspend_reporting();
        let result = match argument {
            ast::Expr::Name(_) | ast::Expr::Attribute(_) => match self.infer_expression(argument) {
                Type::TypeVarObject(typevar) if typevar.kind(self.db) == TypeVarKind::ParamSpec => Some(Type::TypeVar(typevar)),
                _ => None,
            },
            ast::Expr::Subscript(subscript) => match self.infer_expression(&subscript.value) {
                Type::SpecialForm(SpecialForm::Concatenate) => Some(Type::todo(TodoFeature::Concatenate)),
                _ => None,
            },
            _ => None,
        };
        self.resume_reporting(was);
        if result.is_some()
            && let ast::Expr::Subscript(subscript) = argument
        {
            // Still check the types `Concatenate` lists (all but the final ParamSpec).
            let elements: Vec<&ast::Expr> = match &*subscript.slice {
                ast::Expr::Tuple(tuple) => tuple.elts.iter().collect(),
                other => vec![other],
            };
            if let Some((_, prefix)) = elements.split_last() {
                for element in prefix {
                    self.type_expression(element);
                }
            }
        }
        result
    }

    /// Report parameter-specification arguments given to a class that has no `ParamSpec`
    /// parameter (`list[P]`).
    pub(crate) fn check_param_spec_arguments(&mut self, class: ClassType<'db>, arguments: &[Type<'db>], range: pytc_syntax::TextRange) {
        let db = self.db;
        let parameters = crate::class::type_parameters(db, class.class(db));
        if parameters.iter().any(|p| p.kind(db) == TypeVarKind::ParamSpec) {
            return;
        }
        let misplaced = arguments.iter().any(|argument| match argument {
            Type::TypeVar(typevar) => typevar.kind(db) == TypeVarKind::ParamSpec,
            Type::Dynamic(DynamicType::Todo(TodoFeature::Concatenate)) => true,
            _ => false,
        });
        if misplaced {
            self.report(
                range,
                &INVALID_TYPE_FORM,
                format!("Class `{}` has no ParamSpec parameter to take a parameter specification", class.name(db)),
            );
        }
    }
}

//! Parameter lists written in type expressions: the first argument of `Callable`
//! (`[int, str]`, `...`, `P`, `Concatenate[int, P]`, `Concatenate[int, ...]`) and the type
//! arguments of generic classes and aliases with ParamSpec parameters (`X[int, [str]]`,
//! `X[int, ...]`, and the single-ParamSpec shorthand `Z[int, str]` for `Z[[int, str]]`).

use pytc_syntax::TextRange;
use pytc_syntax::ast;

use crate::generics::paramspec::{gradual_parameter_list, parameter_list, tail_parameters};
use crate::infer::InferContext;
use crate::infer::annotation::{INVALID_TYPE_ARGUMENT, INVALID_TYPE_FORM, expression_range};
use crate::types::{Parameter, SpecialForm, Type, TypeVarKind, TypeVarType};

impl<'db> InferContext<'db> {
    /// The parameter list `expression` spells, or `None` when it is not one of the forms
    /// that spell a parameter list (a list, `...`, a ParamSpec or `Concatenate[...]`).
    pub(crate) fn parameter_list_expression(&mut self, expression: &ast::Expr) -> Option<Type<'db>> {
        let db = self.db;
        match expression {
            ast::Expr::EllipsisLiteral(_) => Some(gradual_parameter_list(db)),
            ast::Expr::List(list) => {
                let mut parameters = Vec::new();
                for element in &list.elts {
                    match self.unpacked_operand(element) {
                        Some(operand) => {
                            let tuple = self.unpacked_tuple(operand);
                            parameters.extend(crate::types::unpacked_variadic_parameters(db, None, tuple));
                        }
                        None => parameters.push(Parameter::positional(self.element_type_expression(element))),
                    }
                }
                Some(parameter_list(db, parameters, false))
            }
            // `Any` stands for any parameters, as `...` does (what other checkers accept).
            ast::Expr::Name(_) | ast::Expr::Attribute(_) if self.names_any(expression) => Some(gradual_parameter_list(db)),
            ast::Expr::Name(_) | ast::Expr::Attribute(_) => self.param_spec_named(expression).map(Type::TypeVar),
            ast::Expr::Subscript(subscript) if self.names_concatenate(&subscript.value) => Some(self.concatenate_expression(subscript)),
            _ => None,
        }
    }

    /// One type argument of a class with both a TypeVarTuple and a ParamSpec.
    fn variadic_class_type_argument(&mut self, argument: &ast::Expr) -> Type<'db> {
        let spells_list = matches!(argument, ast::Expr::List(_) | ast::Expr::EllipsisLiteral(_))
            || matches!(argument, ast::Expr::Subscript(subscript) if self.names_concatenate(&subscript.value));
        match spells_list.then(|| self.parameter_list_expression(argument)).flatten() {
            Some(list) => list,
            None => self.type_argument(argument),
        }
    }

    /// Whether the last type argument is given to a ParamSpec rather than to a run of types:
    /// a list, `...`, `Concatenate[...]` or a ParamSpec.
    pub(crate) fn spells_parameter_list(&mut self, argument: &ast::Expr) -> bool {
        match argument {
            ast::Expr::List(_) | ast::Expr::EllipsisLiteral(_) => true,
            ast::Expr::Subscript(subscript) => self.names_concatenate(&subscript.value),
            ast::Expr::Name(_) | ast::Expr::Attribute(_) => self.param_spec_named(argument).is_some(),
            _ => false,
        }
    }

    /// The ParamSpec a name refers to, without reporting anything about the name.
    fn param_spec_named(&mut self, expression: &ast::Expr) -> Option<TypeVarType<'db>> {
        let was = self.suspend_reporting();
        let value = self.infer_expression(expression);
        self.resume_reporting(was);
        match value {
            Type::TypeVarObject(typevar) if typevar.kind(self.db) == TypeVarKind::ParamSpec => Some(typevar),
            _ => None,
        }
    }

    fn names_any(&mut self, expression: &ast::Expr) -> bool {
        let was = self.suspend_reporting();
        let value = self.infer_expression(expression);
        self.resume_reporting(was);
        value == Type::SpecialForm(SpecialForm::Any)
    }

    fn names_concatenate(&mut self, expression: &ast::Expr) -> bool {
        let was = self.suspend_reporting();
        let value = self.infer_expression(expression);
        self.resume_reporting(was);
        value == Type::SpecialForm(SpecialForm::Concatenate)
    }

    /// `Concatenate[X, Y, P]` or `Concatenate[X, Y, ...]`: positional-only parameters of the
    /// listed types, then the ParamSpec's parameters (or any parameters).
    fn concatenate_expression(&mut self, subscript: &ast::ExprSubscript) -> Type<'db> {
        let db = self.db;
        let elements: Vec<&ast::Expr> = match &*subscript.slice {
            ast::Expr::Tuple(tuple) => tuple.elts.iter().collect(),
            other => vec![other],
        };
        let Some((last, prefix)) = elements.split_last() else { return gradual_parameter_list(db) };
        let mut parameters: Vec<Parameter<'db>> = prefix.iter().map(|element| Parameter::positional(self.type_expression(element))).collect();
        if prefix.is_empty() {
            self.report(subscript.range, &INVALID_TYPE_FORM, "`Concatenate` needs at least one type before its final ParamSpec or `...`");
        }
        match last {
            ast::Expr::EllipsisLiteral(_) => parameter_list(db, parameters, true),
            other => match self.param_spec_named(other) {
                Some(param_spec) => {
                    parameters.extend(tail_parameters(param_spec));
                    parameter_list(db, parameters, false)
                }
                None => {
                    self.report(expression_range(other), &INVALID_TYPE_FORM, "The last argument to `Concatenate` must be a ParamSpec or `...`");
                    parameter_list(db, parameters, true)
                }
            },
        }
    }

    /// `argument`, given for the ParamSpec `parameter`, spells no parameter list: it is read
    /// as a type (for its own errors), reported, and stands for `Unknown`.
    fn not_a_parameter_list(&mut self, argument: &ast::Expr, parameter: TypeVarType<'db>) -> Type<'db> {
        self.type_expression(argument);
        self.report(
            expression_range(argument),
            &INVALID_TYPE_ARGUMENT,
            format!("The type argument for ParamSpec `{}` must be a list of types, `...`, a ParamSpec or `Concatenate[...]`", parameter.name(self.db)),
        );
        Type::UNKNOWN
    }

    /// The type arguments of a generic class or alias with `parameters` when one of them is a
    /// ParamSpec: lists and `...` for the ParamSpecs, types for the rest, the defaults of
    /// the parameters left out, and the shorthand `Z[int, str]` when the only parameter is
    /// a ParamSpec. With a TypeVarTuple as well, each argument is converted on its own (a
    /// list, `...` or `Concatenate[...]` to a parameter list, anything else to a type) and
    /// lining them up with the parameters is left to `packed_type_arguments`. `None` when
    /// no parameter is a ParamSpec, leaving the arguments to the ordinary rules.
    pub(crate) fn param_spec_type_arguments(&mut self, name: &str, parameters: &[TypeVarType<'db>], arguments: &[&ast::Expr], range: TextRange) -> Option<Vec<Type<'db>>> {
        let db = self.db;
        if !parameters.iter().any(|p| p.kind(db) == TypeVarKind::ParamSpec) {
            return None;
        }
        if let Some(variadic) = parameters.iter().position(|p| p.kind(db) == TypeVarKind::TypeVarTuple) {
            // Parameters before the TypeVarTuple take arguments from the front, those after
            // it from the back; the TypeVarTuple takes the run in between.
            let after = parameters.len() - variadic - 1;
            let slot = |index: usize| match index {
                _ if index < variadic => parameters[index],
                _ if arguments.len() - index <= after => parameters[parameters.len() - (arguments.len() - index)],
                _ => parameters[variadic],
            };
            let mut types = Vec::with_capacity(arguments.len());
            for (index, argument) in arguments.iter().enumerate() {
                let parameter = slot(index);
                let ty = match argument {
                    ast::Expr::List(_) if parameter.kind(db) != TypeVarKind::ParamSpec => {
                        self.report(expression_range(argument), &INVALID_TYPE_ARGUMENT, format!("A list of types is not a valid type argument for type variable `{}`", parameter.name(db)));
                        Type::UNKNOWN
                    }
                    // A ParamSpec before the TypeVarTuple takes its argument from the front,
                    // whatever follows: that argument must spell a parameter list.
                    _ if index < variadic && parameter.kind(db) == TypeVarKind::ParamSpec && !self.spells_parameter_list(argument) => {
                        self.not_a_parameter_list(argument, parameter)
                    }
                    _ => self.variadic_class_type_argument(argument),
                };
                types.push(ty);
            }
            return Some(types);
        }
        if parameters.len() == 1 {
            let explicit = match arguments {
                [argument] => self.parameter_list_expression(argument),
                _ => None,
            };
            let value = explicit.unwrap_or_else(|| {
                let listed = arguments.iter().map(|argument| Parameter::positional(self.type_expression(argument))).collect();
                parameter_list(db, listed, false)
            });
            return Some(vec![value]);
        }
        let mut types = Vec::with_capacity(parameters.len());
        for (index, parameter) in parameters.iter().enumerate() {
            let Some(argument) = arguments.get(index) else { break };
            let ty = if parameter.kind(db) == TypeVarKind::ParamSpec {
                self.parameter_list_expression(argument).unwrap_or_else(|| self.not_a_parameter_list(argument, *parameter))
            } else if let ast::Expr::List(_) = argument {
                self.report(expression_range(argument), &INVALID_TYPE_ARGUMENT, format!("A list of types is not a valid type argument for type variable `{}`", parameter.name(db)));
                Type::UNKNOWN
            } else {
                self.type_expression(argument)
            };
            types.push(ty);
        }
        let required = parameters.iter().filter(|p| p.default(db).is_none()).count();
        if arguments.len() > parameters.len() || arguments.len() < required {
            self.report(
                range,
                &INVALID_TYPE_ARGUMENT,
                format!("`{name}` expects {} type arguments, got {}", parameters.len(), arguments.len()),
            );
        }
        let specialization = crate::generics::defaults::specialization_with_defaults(db, parameters, &types);
        Some(parameters.iter().map(|p| specialization.get(*p).unwrap_or(Type::UNKNOWN)).collect())
    }
}

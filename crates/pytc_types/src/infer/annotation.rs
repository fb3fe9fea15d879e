//! Type expressions: turning annotation syntax into types (`list[int]`, `int | None`,
//! `Literal[...]`, `Callable[[int], str]`, quoted forward references, aliases), with
//! `invalid-type-form` diagnostics for expressions that are not types.

use pytc_db::{Db, declare_rule};
use pytc_semantic::DefinitionKind;
use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::types::TodoFeature;
use crate::class::KnownClass;
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{
    CallableType, ClassLiteral, ClassType, GuardKind, Signature, SpecialForm, TupleType, Type, TypeFormType, TypeGuardType,
    TypeVarKind, TypeVarType, Variance,
};

declare_rule! {
    /// An expression used where a type is expected that does not describe a type.
    ///
    /// ```python
    /// def f(x: 1) -> None: ...  # error: [invalid-type-form]
    /// ```
    pub static INVALID_TYPE_FORM = {
        name: "invalid-type-form",
        summary: "an annotation or type argument is not a valid type expression",
        level: Error,
    }
}

declare_rule! {
    /// A generic class or special form given the wrong number or kind of type arguments.
    ///
    /// ```python
    /// x: dict[int] = {}  # error: [invalid-type-argument]
    /// ```
    pub static INVALID_TYPE_ARGUMENT = {
        name: "invalid-type-argument",
        summary: "a type argument does not fit the generic it is given to",
        level: Error,
    }
}

/// What an annotation of an assignment declares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Declared<'db> {
    Type(Type<'db>),
    /// `Final`, `ClassVar` or `TypeAlias` without a type: the value's type is used.
    InferFromValue,
}

impl<'db> InferContext<'db> {
    /// The declaration an annotated assignment makes, unwrapping `Final[...]`,
    /// `ClassVar[...]`, `Annotated[...]` and TypedDict qualifiers, quoted or not.
    pub(crate) fn annotation_declared_type(&mut self, annotation: &ast::Expr) -> Declared<'db> {
        if let ast::Expr::StringLiteral(string) = annotation {
            return self
                .inside_string_annotation(string, |this, inner| this.annotation_declared_type(inner))
                .unwrap_or(Declared::Type(Type::UNKNOWN));
        }
        let qualifier = self.infer_qualifier(annotation);
        match qualifier {
            Some((SpecialForm::Final | SpecialForm::ClassVar | SpecialForm::TypeAlias, None)) => Declared::InferFromValue,
            Some((SpecialForm::Annotated, Some(inner))) => {
                if !has_annotated_metadata(annotation) {
                    self.report(annotation.range(), &INVALID_TYPE_FORM, "`Annotated` requires at least two arguments");
                }
                self.annotation_declared_type(inner)
            }
            Some((_, Some(inner))) => self.annotation_declared_type(inner),
            _ => Declared::Type(crate::class::dataclass::unwrap_init_var(self.db, self.type_expression(annotation))),
        }
    }

    /// `Final`, `ClassVar[int]`, `Required[...]`...: the qualifier and its argument.
    pub(super) fn infer_qualifier<'a>(&mut self, annotation: &'a ast::Expr) -> Option<(SpecialForm, Option<&'a ast::Expr>)> {
        let (head, argument) = match annotation {
            ast::Expr::Subscript(subscript) => (&*subscript.value, Some(&*subscript.slice)),
            other => (other, None),
        };
        if !matches!(head, ast::Expr::Name(_) | ast::Expr::Attribute(_)) {
            return None;
        }
        let was_reporting = self.suspend_reporting();
        let head_type = self.infer_expression(head);
        self.resume_reporting(was_reporting);
        match head_type {
            Type::SpecialForm(
                form @ (SpecialForm::Final
                | SpecialForm::ClassVar
                | SpecialForm::TypeAlias
                | SpecialForm::Required
                | SpecialForm::NotRequired
                | SpecialForm::ReadOnly),
            ) => Some((form, argument)),
            Type::SpecialForm(SpecialForm::Annotated) => {
                let first = match argument {
                    Some(ast::Expr::Tuple(tuple)) => tuple.elts.first(),
                    other => other,
                };
                Some((SpecialForm::Annotated, first))
            }
            _ => None,
        }
    }

    /// The annotation of a parameter (`*args: int` is `int`; `*args: *Ts` and
    /// `*args: Unpack[tuple[int, str]]` are the tuples they unpack).
    pub(crate) fn parameter_annotation_type(&mut self, annotation: &ast::Expr, kind: pytc_semantic::ParameterKind) -> Type<'db> {
        if kind == pytc_semantic::ParameterKind::VarPositional
            && let Some(operand) = self.unpacked_operand(annotation)
        {
            return Type::Tuple(self.unpacked_tuple(operand));
        }
        match annotation {
            ast::Expr::Starred(starred) => {
                self.report(starred.range, &INVALID_TYPE_FORM, "Unpacking is only allowed in the annotation of `*args`");
                Type::UNKNOWN
            }
            other => self.type_expression(other),
        }
    }

    /// A type expression.
    pub fn type_expression(&mut self, expression: &ast::Expr) -> Type<'db> {
        let was_in_annotation = self.in_annotation;
        self.in_annotation = true;
        let ty = self.type_expression_inner(expression);
        self.in_annotation = was_in_annotation;
        ty
    }

    fn type_expression_inner(&mut self, expression: &ast::Expr) -> Type<'db> {
        let db = self.db;
        match expression {
            ast::Expr::StringLiteral(string) => self.string_annotation(string),
            ast::Expr::NoneLiteral(_) => Type::None,
            ast::Expr::BinOp(binary) if binary.op == ast::Operator::BitOr => {
                let left = self.type_expression(&binary.left);
                let right = self.type_expression(&binary.right);
                Type::union(db, left, right)
            }
            ast::Expr::Name(name) if let Some(alias) = self.recursive_alias_named(name) => {
                self.check_eager_alias_name(expression);
                self.recursive_alias_use(alias, Vec::new())
            }
            ast::Expr::Name(_) | ast::Expr::Attribute(_) => {
                let value = self.infer_expression(expression);
                if let ast::Expr::Name(name) = expression
                    && self.names_non_alias_variable(name, value)
                {
                    self.report(name.range, &INVALID_TYPE_FORM, format!("Variable `{}` is not a type alias and is not allowed in a type expression", name.id));
                    return Type::UNKNOWN;
                }
                if let Type::StringLiteral(text) = value {
                    // An alias to a quoted type: `X: TypeAlias = "int | str"`.
                    return self.quoted_type(text.value(db));
                }
                match value_as_type(db, value) {
                    Some(ty) => {
                        let resolved = self.resolve_special_type(ty);
                        self.check_self_placement(expression, ty, resolved);
                        if self.check_bare_param_spec(expression, resolved) {
                            return Type::UNKNOWN;
                        }
                        let ty = crate::generics::defaults::bare_alias_type(db, value, resolved);
                        if self.in_class_header {
                            return ty;
                        }
                        crate::generics::defaults::bare_class_type(db, value, ty)
                    }
                    None => {
                        self.invalid_type_form(expression, value);
                        Type::UNKNOWN
                    }
                }
            }
            ast::Expr::Subscript(subscript) => self.subscript_type_expression(subscript),
            _ => {
                self.infer_expression(expression);
                self.report(
                    expression_range(expression),
                    &INVALID_TYPE_FORM,
                    format!("{} not allowed in type expressions", describe_expression(expression)),
                );
                Type::UNKNOWN
            }
        }
    }

    /// Turn `Self` and bare special forms into the types they spell here.
    fn resolve_special_type(&mut self, ty: Type<'db>) -> Type<'db> {
        match ty {
            Type::TypeVar(typevar) if &**typevar.name(self.db) == "Self" && typevar.node(self.db) == SELF_MARKER => {
                match self.enclosing_class() {
                    Some(class) => Type::TypeVar(self_typevar(self.db, class)),
                    None => Type::UNKNOWN,
                }
            }
            other => other,
        }
    }

    fn invalid_type_form(&mut self, expression: &ast::Expr, value: Type<'db>) {
        if value.is_dynamic() {
            return;
        }
        let message = match value {
            Type::Module(_) => format!("Module `{}` is not valid in a type expression", expression_text(expression)),
            Type::Function(_) => format!("Function `{}` is not valid in a type expression", expression_text(expression)),
            Type::SpecialForm(form) => format!("`{}` is not allowed in type expressions", form.name()),
            _ => format!(
                "Variable `{}` of type `{}` is not allowed in a type expression",
                expression_text(expression),
                value.display(self.db)
            ),
        };
        self.report(expression_range(expression), &INVALID_TYPE_FORM, message);
    }

    fn string_annotation(&mut self, string: &ast::ExprStringLiteral) -> Type<'db> {
        self.inside_string_annotation(string, |this, expression| this.type_expression(expression)).unwrap_or(Type::UNKNOWN)
    }

    /// Calls `read` with the expression a string annotation holds, its names read as a
    /// string annotation's are (in the scope that encloses the annotation, forward
    /// references allowed). `None`, with the error reported, when the string holds no
    /// expression.
    pub(crate) fn inside_string_annotation<T>(
        &mut self,
        string: &ast::ExprStringLiteral,
        read: impl FnOnce(&mut Self, &ast::Expr) -> T,
    ) -> Option<T> {
        let Some(literal) = string.as_single_part_string() else {
            self.report(string.range, &INVALID_TYPE_FORM, "Type expressions cannot use implicit string concatenation");
            return None;
        };
        let source = pytc_db::source_text(self.db, self.file);
        let parsed = if source.get(literal.range.start().to_usize()..literal.range.end().to_usize()).is_some() && !self.in_string_annotation {
            ruff_python_parser::parse_string_annotation(source, literal).ok()
        } else {
            ruff_python_parser::parse_expression(literal.as_str()).ok()
        };
        // The value as Python evaluates it (escapes such as `\n` resolved), without the
        // whitespace around it (`"int\n"`, `" int "`), which is no part of the expression.
        let parsed = parsed.or_else(|| ruff_python_parser::parse_expression(literal.as_str().trim()).ok());
        let Some(parsed) = parsed else {
            self.report(string.range, &INVALID_TYPE_FORM, format!("Syntax error in forward annotation `{}`", literal.as_str()));
            return None;
        };
        let was_in_string = self.in_string_annotation;
        self.in_string_annotation = true;
        // Names in strings are resolved in the scope that encloses the annotation.
        let saved_scope = self.scope;
        let saved_start = self.string_annotation_start;
        let node = string.node_index().load();
        if node.as_u32().is_some() && !was_in_string {
            self.scope = self.index.scope_of_node(node);
            self.string_annotation_start = Some(string.range.start());
        }
        let result = read(self, parsed.expr());
        self.scope = saved_scope;
        self.string_annotation_start = saved_start;
        self.in_string_annotation = was_in_string;
        Some(result)
    }

    /// Calls `read` with an annotation as written, or with the expression inside it when it
    /// is quoted as a whole (`x: "Final[int]" = 1`); `None` when the quote holds no expression.
    pub(crate) fn unquoted_annotation<T>(&mut self, annotation: &ast::Expr, read: impl FnOnce(&mut Self, &ast::Expr) -> T) -> Option<T> {
        match annotation {
            ast::Expr::StringLiteral(string) => self.inside_string_annotation(string, read),
            other => Some(read(self, other)),
        }
    }

    /// A type written inside a string that is not itself an annotation node.
    /// Each hop counts as one level of expression depth, so an alias that quotes itself
    /// (`A: TypeAlias = "A"`) or a cycle of such aliases ends as `Unknown`.
    fn quoted_type(&mut self, text: &str) -> Type<'db> {
        if self.depth > super::MAX_EXPRESSION_DEPTH {
            return Type::UNKNOWN;
        }
        let Ok(parsed) = ruff_python_parser::parse_expression(text) else { return Type::UNKNOWN };
        let was_in_string = self.in_string_annotation;
        let was_reporting = self.suspend_reporting();
        let saved_start = self.string_annotation_start.take();
        self.in_string_annotation = true;
        self.depth += 1;
        let ty = self.type_expression(parsed.expr());
        self.depth -= 1;
        self.string_annotation_start = saved_start;
        self.in_string_annotation = was_in_string;
        self.resume_reporting(was_reporting);
        ty
    }

    fn subscript_type_expression(&mut self, subscript: &ast::ExprSubscript) -> Type<'db> {
        let db = self.db;
        if let ast::Expr::Name(name) = &*subscript.value
            && let Some(alias) = self.recursive_alias_named(name)
        {
            self.check_eager_alias_name(&subscript.value);
            let arguments: Vec<&ast::Expr> = match &*subscript.slice {
                ast::Expr::Tuple(tuple) => tuple.elts.iter().collect(),
                other => vec![other],
            };
            let types = if crate::aliases::recursive_alias::has_declared_parameters(db, alias) {
                // `type A[T, **P] = ...` and `TypeAliasType(..., type_params=...)` list their
                // parameters: the arguments are matched and checked against them.
                self.declared_alias_arguments(alias, &arguments, subscript)
            } else {
                // `X: TypeAlias = list["X[T]"] | T`: the parameters are the value's type
                // variables, in order, and take as many arguments.
                let types: Vec<Type<'db>> = arguments.iter().map(|a| self.type_argument(a)).collect();
                self.check_alias_arguments(alias, &types, subscript.range);
                types
            };
            return self.recursive_alias_use(alias, types);
        }
        let value = self.infer_expression(&subscript.value);
        let arguments: Vec<&ast::Expr> = match &*subscript.slice {
            ast::Expr::Tuple(tuple) => tuple.elts.iter().collect(),
            other => vec![other],
        };
        match value {
            Type::ClassObject(class) if !class.arguments(db).is_empty() => {
                // A generic alias: `Alias: TypeAlias = dict[str, T]`, then `Alias[int]`.
                let types: Vec<Type<'db>> = self.alias_type_arguments(Type::Instance(class), &arguments, subscript);
                self.check_alias_arity(&subscript.value, Type::Instance(class), &types, subscript.range);
                specialize_generic_alias(db, Type::Instance(class), types)
            }
            Type::ClassObject(class) => {
                if crate::class::known::is_known(db, class.class(db), KnownClass::Tuple) {
                    return self.tuple_type_expression(&arguments);
                }
                if crate::class::known::is_known(db, class.class(db), KnownClass::Type) {
                    // `X: TypeAlias = type` spells `type[Any]`, already specialized.
                    if let ast::Expr::Name(name) = &*subscript.value
                        && self.explicit_alias_named(name)
                    {
                        let message = format!("`{}` is an alias of `type[Any]`, which has no type variables: it takes no type arguments", name.id);
                        self.report(subscript.range, &INVALID_TYPE_FORM, message);
                        return KnownClass::Type.instance(db);
                    }
                    return self.type_of_type_expression(&arguments, subscript);
                }
                let parameters = crate::class::type_parameters(db, class.class(db));
                let types: Vec<Type<'db>> = match self.param_spec_type_arguments(class.name(db), parameters, &arguments, subscript.range) {
                    Some(types) => types,
                    None => arguments.iter().map(|a| self.type_argument(a)).collect(),
                };
                self.specialize_class(class, types, subscript)
            }
            Type::SpecialForm(form) => self.special_form_type(form, &arguments, subscript),
            Type::TypeAlias(alias) => {
                let types = self.declared_alias_arguments(alias, &arguments, subscript);
                crate::aliases::type_alias_type::specialize(db, alias, &types)
            }
            Type::TypeForm(form) => {
                // A generic implicit alias: `MyList = list[T]`, then `MyList[int]`.
                let types: Vec<Type<'db>> = self.alias_type_arguments(form.denoted(db), &arguments, subscript);
                self.check_alias_arity(&subscript.value, form.denoted(db), &types, subscript.range);
                specialize_generic_alias(db, form.denoted(db), types)
            }
            Type::Dynamic(_) => {
                for argument in &arguments {
                    self.type_argument(argument);
                }
                value
            }
            _ => {
                self.invalid_type_form(&subscript.value, value);
                Type::UNKNOWN
            }
        }
    }

    /// The type arguments given to a generic alias of `denoted`.
    fn alias_type_arguments(&mut self, denoted: Type<'db>, arguments: &[&ast::Expr], subscript: &ast::ExprSubscript) -> Vec<Type<'db>> {
        let parameters = crate::generics::defaults::alias_parameters(self.db, denoted);
        let name = expression_text(&subscript.value);
        let types = match self.param_spec_type_arguments(&name, &parameters, arguments, subscript.range) {
            Some(types) => types,
            None => arguments.iter().map(|a| self.type_argument(a)).collect(),
        };
        self.packed_type_arguments(&format!("Generic alias `{name}`"), &parameters, types, subscript)
    }

    /// A type argument: a type expression, or a list for `ParamSpec`/`Callable` slots.
    pub(crate) fn type_argument(&mut self, argument: &ast::Expr) -> Type<'db> {
        self.type_argument_depth += 1;
        let ty = self.unguarded_type_argument(argument);
        self.type_argument_depth -= 1;
        ty
    }

    fn unguarded_type_argument(&mut self, argument: &ast::Expr) -> Type<'db> {
        match argument {
            ast::Expr::List(_) | ast::Expr::EllipsisLiteral(_) => Type::todo(TodoFeature::ParamSpecArgument),
            other if let Some(operand) = self.unpacked_operand(other) => Type::Tuple(self.unpacked_tuple(operand)),
            other => match self.param_spec_type_argument(other) {
                Some(parameters) => parameters,
                None => self.type_expression(other),
            },
        }
    }

    fn specialize_class(&mut self, class: ClassType<'db>, arguments: Vec<Type<'db>>, subscript: &ast::ExprSubscript) -> Type<'db> {
        let db = self.db;
        self.check_param_spec_arguments(class, &arguments, subscript.range);
        let parameters = crate::class::type_parameters(db, class.class(db));
        if parameters.is_empty() {
            if !class.arguments(db).is_empty() {
                // Already specialized (`IntList = list[int]`, then `IntList[str]`).
                self.report(subscript.range, &INVALID_TYPE_ARGUMENT, format!("`{}` is already specialized", Type::Instance(class).display(db)));
                return Type::Instance(class);
            }
            if !crate::class::has_dynamic_base(db, class.class(db)) && crate::class::own_class_member(db, class.class(db), "__class_getitem__").is_none() {
                self.report(subscript.range, &INVALID_TYPE_ARGUMENT, format!("Class `{}` is not generic", class.name(db)));
            }
            return Type::Instance(class);
        }
        let has_variadic = parameters.iter().any(|p| p.kind(db) == TypeVarKind::TypeVarTuple || p.kind(db) == TypeVarKind::ParamSpec);
        let mut arguments = arguments;
        if !has_variadic {
            arguments = self.packed_type_arguments(&format!("Class `{}`", class.name(db)), parameters, arguments, subscript);
            // Defaults are looked at only when arguments are missing: a parameter's default
            // may name this class (`T = TypeVar("T", default="C[Any]")`).
            let too_few = arguments.len() < parameters.len() && arguments.len() < parameters.iter().filter(|p| p.default(db).is_none()).count();
            if arguments.len() > parameters.len() || too_few {
                self.report(
                    subscript.range,
                    &INVALID_TYPE_ARGUMENT,
                    format!(
                        "Class `{}` expects {} type argument{}, got {}",
                        class.name(db),
                        parameters.len(),
                        if parameters.len() == 1 { "" } else { "s" },
                        arguments.len()
                    ),
                );
                arguments.resize(parameters.len(), Type::UNKNOWN);
            }
            for (i, parameter) in parameters.iter().enumerate().skip(arguments.len()) {
                let default = parameter.default(db).unwrap_or(Type::UNKNOWN);
                let specialization = crate::generics::Specialization::from_pairs(parameters[..i].iter().copied().zip(arguments.iter().copied()));
                arguments.push(specialization.apply(db, default));
            }
            // Checking arguments against bounds only reports, so a quiet context (which may
            // be evaluating one of these very bounds) skips it.
            let reporting = self.is_reporting();
            for (argument, parameter) in arguments.iter().zip(parameters).filter(|_| reporting) {
                if let Some(bound) = parameter.bound(db)
                    && !argument.is_assignable_to(db, bound)
                    && !matches!(argument, Type::TypeVar(_))
                {
                    self.report(
                        subscript.range,
                        &INVALID_TYPE_ARGUMENT,
                        format!(
                            "Type argument `{}` does not satisfy the upper bound `{}` of type variable `{}`",
                            argument.display(db),
                            bound.display(db),
                            parameter.name(db)
                        ),
                    );
                }
                let constraints = parameter.constraints(db);
                if !constraints.is_empty()
                    && !argument.is_dynamic()
                    && !matches!(argument, Type::TypeVar(_))
                    && !constraints.iter().any(|c| argument.is_equivalent_to(db, *c))
                {
                    self.report(
                        subscript.range,
                        &INVALID_TYPE_ARGUMENT,
                        format!("Type argument `{}` is not one of the constraints of type variable `{}`", argument.display(db), parameter.name(db)),
                    );
                }
            }
        } else if parameters.iter().any(|p| p.kind(db) == TypeVarKind::TypeVarTuple) {
            arguments = self.packed_type_arguments(&format!("Class `{}`", class.name(db)), parameters, arguments, subscript);
        } else {
            // TODO: map arguments onto ParamSpec parameters.
            arguments.resize(parameters.len(), Type::UNKNOWN);
        }
        Type::Instance(ClassType::new(db, class.class(db), arguments.into_boxed_slice()))
    }

    fn tuple_type_expression(&mut self, arguments: &[&ast::Expr]) -> Type<'db> {
        let db = self.db;
        if arguments.len() == 2 && matches!(arguments[1], ast::Expr::EllipsisLiteral(_)) {
            self.type_argument_depth += 1;
            let element = self.type_expression(arguments[0]);
            self.type_argument_depth -= 1;
            return Type::Tuple(TupleType::homogeneous(db, element));
        }
        if arguments.len() == 1 && matches!(arguments[0], ast::Expr::Tuple(t) if t.elts.is_empty()) {
            return Type::Tuple(TupleType::fixed(db, []));
        }
        self.tuple_elements_type_expression(arguments)
    }

    /// `type[C]` (or `typing.Type[C]`): exactly one argument, a class, a union of classes,
    /// `Any` or a type variable.
    fn type_of_type_expression(&mut self, arguments: &[&ast::Expr], subscript: &ast::ExprSubscript) -> Type<'db> {
        let db = self.db;
        let [argument] = arguments else {
            self.report(subscript.range, &INVALID_TYPE_FORM, "`type[...]` requires exactly one argument");
            return Type::UNKNOWN;
        };
        let inner = self.type_expression(argument);
        let is_special_form = |member: Type<'db>| {
            matches!(member, Type::Callable(_) | Type::LiteralString) || member.literal_fallback_instance(db).is_some()
        };
        let members = match inner {
            Type::Union(union) => union.elements(db).to_vec(),
            single => vec![single],
        };
        if members.into_iter().any(is_special_form) {
            self.report(argument.range(), &INVALID_TYPE_FORM, format!("`type[...]` cannot contain `{}`: only classes, unions of classes, `Any` and type variables", inner.display(db)));
        }
        inner.map_union(db, |member| match member {
            Type::Instance(class) => Type::SubclassOf(class),
            Type::Dynamic(_) => KnownClass::Type.instance(db),
            Type::None => KnownClass::NoneType.class(db).map_or(Type::UNKNOWN, |c| Type::ClassObject(ClassType::bare(db, c))),
            Type::TypeVar(typevar) if typevar.kind(db) == TypeVarKind::TypeVar => Type::SubclassOfTypeVar(typevar),
            _ => Type::UNKNOWN,
        })
    }

    fn special_form_type(&mut self, form: SpecialForm, arguments: &[&ast::Expr], subscript: &ast::ExprSubscript) -> Type<'db> {
        let db = self.db;
        match form {
            SpecialForm::Union => Type::union_of(db, arguments.iter().map(|a| self.type_expression(a)).collect::<Vec<_>>()),
            SpecialForm::Optional => {
                if arguments.len() != 1 {
                    self.report(subscript.range, &INVALID_TYPE_FORM, "`Optional` requires exactly one argument");
                }
                let inner = arguments.first().map_or(Type::UNKNOWN, |a| self.type_expression(a));
                Type::union(db, inner, Type::None)
            }
            SpecialForm::Literal => {
                if matches!(&*subscript.slice, ast::Expr::Tuple(tuple) if tuple.parenthesized) {
                    self.report(subscript.slice.range(), &INVALID_TYPE_FORM, "Type arguments for `Literal` must not be a parenthesized tuple");
                }
                let mut types = Vec::new();
                for argument in arguments {
                    types.push(self.literal_argument(argument));
                }
                Type::union_of(db, types)
            }
            SpecialForm::Annotated => {
                if arguments.len() < 2 {
                    self.report(subscript.range, &INVALID_TYPE_FORM, "`Annotated` requires at least two arguments");
                }
                for metadata in arguments.iter().skip(1) {
                    let was = self.suspend_reporting();
                    self.infer_expression(metadata);
                    self.resume_reporting(was);
                }
                arguments.first().map_or(Type::UNKNOWN, |a| self.type_expression(a))
            }
            SpecialForm::Tuple => self.tuple_type_expression(arguments),
            SpecialForm::Type => self.type_of_type_expression(arguments, subscript),
            SpecialForm::Callable => self.callable_type_expression(arguments, subscript),
            SpecialForm::BuiltinAlias(alias) => match alias.class(db) {
                Some(class) => {
                    let types: Vec<Type<'db>> = arguments.iter().map(|a| self.type_argument(a)).collect();
                    self.specialize_class(ClassType::bare(db, class), types, subscript)
                }
                None => Type::UNKNOWN,
            },
            SpecialForm::TypeGuard | SpecialForm::TypeIs => {
                let kind = if form == SpecialForm::TypeIs { GuardKind::TypeIs } else { GuardKind::TypeGuard };
                let guarded = arguments.iter().map(|argument| self.type_expression(argument)).next_back().unwrap_or(Type::UNKNOWN);
                Type::TypeGuard(TypeGuardType::new(db, kind, guarded))
            }
            SpecialForm::Required | SpecialForm::NotRequired | SpecialForm::ReadOnly => {
                // At the top of a TypedDict item these are unwrapped before the type
                // expression is evaluated; anywhere else they are misplaced.
                self.report(subscript.range, &INVALID_TYPE_FORM, format!("`{}` is only allowed on TypedDict items", form.name()));
                arguments.first().map_or(Type::UNKNOWN, |a| self.type_expression(a))
            }
            SpecialForm::ClassVar | SpecialForm::Final => {
                if form == SpecialForm::ClassVar {
                    self.report_nested_class_var(subscript.range);
                } else {
                    self.report_nested_final(subscript.range);
                }
                // Qualifiers are only valid at the top of an annotation (handled there);
                // nested, pytc keeps the inner type.
                arguments.first().map_or(Type::UNKNOWN, |a| self.type_expression(a))
            }
            SpecialForm::Unpack => {
                // The legal positions (tuple elements, type arguments, `Callable` parameter
                // lists, `*args`, `**kwargs: Unpack[TD]`, `Generic[...]`) read the operand
                // before getting here.
                for argument in arguments {
                    self.type_expression(argument);
                }
                self.report(
                    subscript.range,
                    &INVALID_TYPE_FORM,
                    "`Unpack` is only allowed in a tuple, a type argument list, a `Callable` parameter list, `*args` or `**kwargs`",
                );
                Type::UNKNOWN
            }
            SpecialForm::TypeForm => {
                if arguments.len() != 1 {
                    self.report(subscript.range, &INVALID_TYPE_FORM, "`TypeForm` requires exactly one argument");
                }
                let denoted = arguments.first().map_or(Type::UNKNOWN, |a| self.type_expression(a));
                Type::TypeFormOf(TypeFormType::new(db, denoted))
            }
            SpecialForm::Concatenate => {
                self.report(subscript.range, &INVALID_TYPE_FORM, "`Concatenate` is only allowed as the first argument of `Callable` or for a ParamSpec parameter");
                Type::todo(TodoFeature::Concatenate)
            }
            SpecialForm::Generic | SpecialForm::Protocol => {
                self.report(subscript.range, &INVALID_TYPE_FORM, format!("`{}` is not allowed in type expressions", form.name()));
                Type::UNKNOWN
            }
            _ => {
                self.report(subscript.range, &INVALID_TYPE_FORM, format!("`{}` cannot be subscripted", form.name()));
                Type::UNKNOWN
            }
        }
    }

    fn literal_argument(&mut self, argument: &ast::Expr) -> Type<'db> {
        let db = self.db;
        match argument {
            ast::Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(_), .. })
            | ast::Expr::StringLiteral(_)
            | ast::Expr::BytesLiteral(_)
            | ast::Expr::BooleanLiteral(_)
            | ast::Expr::NoneLiteral(_) => self.infer_expression(argument),
            ast::Expr::UnaryOp(unary) if matches!(unary.op, ast::UnaryOp::USub | ast::UnaryOp::UAdd) && matches!(&*unary.operand, ast::Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(_), .. })) => {
                self.infer_expression(argument)
            }
            ast::Expr::Attribute(_) | ast::Expr::Name(_) => {
                let ty = self.infer_expression(argument);
                match ty {
                    // A member is spelled through its class (`Color.RED`), never through a
                    // variable bound to it (`RED = Color.RED`).
                    Type::EnumLiteral(_) if self.names_class_attribute(argument) => ty,
                    Type::TypeForm(form) if is_literal_union(db, form.denoted(db)) => form.denoted(db),
                    Type::TypeAlias(_) => {
                        let aliased = self.type_expression(argument);
                        if is_literal_union(db, aliased) || aliased.is_dynamic() {
                            aliased
                        } else {
                            self.report(expression_range(argument), &INVALID_TYPE_FORM, "Type arguments for `Literal` must be `None`, a literal value (int, bool, str, or bytes), or an enum member");
                            Type::UNKNOWN
                        }
                    }
                    Type::Dynamic(_) => ty,
                    _ => {
                        self.report(expression_range(argument), &INVALID_TYPE_FORM, "Type arguments for `Literal` must be `None`, a literal value (int, bool, str, or bytes), or an enum member");
                        Type::UNKNOWN
                    }
                }
            }
            ast::Expr::Subscript(_) => {
                let ty = self.type_expression(argument);
                if is_literal_union(db, ty) {
                    ty
                } else {
                    self.report(expression_range(argument), &INVALID_TYPE_FORM, "Type arguments for `Literal` must be `None`, a literal value (int, bool, str, or bytes), or an enum member");
                    Type::UNKNOWN
                }
            }
            _ => {
                self.infer_expression(argument);
                self.report(expression_range(argument), &INVALID_TYPE_FORM, "Type arguments for `Literal` must be `None`, a literal value (int, bool, str, or bytes), or an enum member");
                Type::UNKNOWN
            }
        }
    }

    /// Whether `expression` is `Class.NAME` with `Class` a class object (an enum member
    /// as `Literal[...]` accepts it).
    fn names_class_attribute(&mut self, expression: &ast::Expr) -> bool {
        let ast::Expr::Attribute(attribute) = expression else { return false };
        let was = self.suspend_reporting();
        let owner = self.infer_expression(&attribute.value);
        self.resume_reporting(was);
        matches!(owner, Type::ClassObject(_)) || owner.is_dynamic()
    }

    fn callable_type_expression(&mut self, arguments: &[&ast::Expr], subscript: &ast::ExprSubscript) -> Type<'db> {
        let db = self.db;
        if arguments.len() != 2 {
            self.report(subscript.range, &INVALID_TYPE_FORM, "Special form `Callable` expects exactly two arguments (parameter types and return type)");
            return Type::Callable(CallableType::single(db, Signature::gradual(Type::UNKNOWN)));
        }
        self.type_argument_depth += 1;
        let return_type = self.type_expression(arguments[1]);
        let parameter_list = self.parameter_list_expression(arguments[0]);
        self.type_argument_depth -= 1;
        let signature = match parameter_list.and_then(|list| crate::generics::paramspec::parameters_of_value(db, list)) {
            Some((parameters, gradual_parameters)) => Signature { parameters, return_type, gradual_parameters },
            None => {
                let other = arguments[0];
                let ty = self.infer_expression(other);
                if !matches!(ty, Type::TypeVarObject(_) | Type::SpecialForm(_)) && !ty.is_dynamic() && !matches!(other, ast::Expr::Subscript(_)) {
                    self.report(expression_range(other), &INVALID_TYPE_FORM, "The first argument to `Callable` must be either a list of types, ParamSpec, Concatenate, or `...`");
                }
                Signature::gradual(return_type)
            }
        };
        Type::Callable(CallableType::single(db, signature))
    }

    /// The class whose body (or method) the current scope is in.
    pub(crate) fn enclosing_class(&self) -> Option<ClassLiteral<'db>> {
        let mut current = Some(self.scope);
        while let Some(scope_id) = current {
            let scope = self.index.scope(scope_id);
            if scope.kind == pytc_semantic::ScopeKind::Class {
                let node = scope.node?;
                let definition = *self.index.definitions_for_node(node).first()?;
                let DefinitionKind::Class(class) = &self.index.definition(definition).kind else { return None };
                return Some(ClassLiteral::new(self.db, self.file, definition.as_u32(), Box::<str>::from(class.name.as_str())));
            }
            current = scope.parent;
        }
        None
    }
}

/// Replace the type variables of a generic alias, in order of appearance, by `arguments`.
fn specialize_generic_alias<'db>(db: &'db dyn Db, denoted: Type<'db>, arguments: Vec<Type<'db>>) -> Type<'db> {
    let typevars = crate::generics::defaults::alias_parameters(db, denoted);
    crate::generics::defaults::specialization_with_defaults(db, &typevars, &arguments).apply(db, denoted)
}

/// The `node` marker of the placeholder `Self` before it is tied to a class.
pub(crate) const SELF_MARKER: u32 = u32::MAX;

/// The `Self` type variable of a class: bound to the class (with its own parameters).
pub fn self_typevar<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> TypeVarType<'db> {
    let parameters = crate::class::type_parameters(db, class);
    let generic_self = ClassType::new(db, class, parameters.iter().map(|p| Type::TypeVar(*p)).collect::<Box<[_]>>());
    TypeVarType::new(
        db,
        Box::<str>::from("Self"),
        TypeVarKind::TypeVar,
        class.file(db),
        class.definition(db),
        Some(Type::Instance(generic_self)),
        Box::default(),
        None,
        Variance::Covariant,
    )
}

/// Whether every member is a type variable of the same kind, bound and constraints.
fn interchangeable_typevars<'db>(db: &'db dyn Db, members: &[Type<'db>]) -> bool {
    let Some(Type::TypeVarObject(first)) = members.first() else { return false };
    members.iter().all(|member| {
        matches!(member, Type::TypeVarObject(other)
            if other.kind(db) == first.kind(db) && other.bound(db) == first.bound(db) && other.constraints(db) == first.constraints(db))
    })
}

/// The type a runtime value spells when used in a type expression, or `None` when the
/// value is not a type.
pub fn value_as_type<'db>(db: &'db dyn Db, value: Type<'db>) -> Option<Type<'db>> {
    Some(match value {
        Type::ClassObject(class) => {
            if crate::class::known::is_known(db, class.class(db), KnownClass::NoneType) {
                Type::None
            } else if class.arguments(db).is_empty() && crate::class::known::is_known(db, class.class(db), KnownClass::Tuple) {
                Type::Tuple(TupleType::homogeneous(db, Type::UNKNOWN))
            } else {
                // A bare generic class keeps no arguments (they read as unknown): looking up
                // its parameters here could need the header of the class being defined.
                Type::Instance(class)
            }
        }
        Type::None => Type::None,
        Type::Dynamic(_) => value,
        Type::TypeVarObject(typevar) => Type::TypeVar(typevar),
        Type::Sentinel(_) => value,
        // A bare generic alias: its parameters' defaults, or `Unknown`.
        Type::TypeAlias(alias) => crate::aliases::type_alias_type::specialize(db, alias, &[]),
        Type::TypeForm(form) => form.denoted(db),
        // A type variable defined on each path alike (`try: from typing import AnyStr` with
        // a fallback `AnyStr = TypeVar("AnyStr", str, bytes)`): a type expression names one
        // variable, and any of them stands for the same types.
        Type::Union(union) if interchangeable_typevars(db, union.elements(db)) => {
            let Some(Type::TypeVarObject(first)) = union.elements(db).first() else { return None };
            Type::TypeVar(*first)
        }
        Type::Union(union) => {
            let mut members = Vec::new();
            for member in union.elements(db) {
                members.push(value_as_type(db, *member)?);
            }
            Type::union_of(db, members)
        }
        Type::SpecialForm(form) => match form {
            SpecialForm::Any => Type::ANY,
            SpecialForm::Never | SpecialForm::NoReturn => Type::Never,
            SpecialForm::LiteralString => Type::LiteralString,
            SpecialForm::Tuple => Type::Tuple(TupleType::homogeneous(db, Type::UNKNOWN)),
            SpecialForm::Type => KnownClass::Type.instance(db),
            SpecialForm::Callable => Type::Callable(CallableType::single(db, Signature::gradual(Type::UNKNOWN))),
            SpecialForm::BuiltinAlias(alias) => Type::Instance(ClassType::bare(db, alias.class(db)?)),
            SpecialForm::SelfType => Type::TypeVar(TypeVarType::new(
                db,
                Box::<str>::from("Self"),
                TypeVarKind::TypeVar,
                placeholder_file(db)?,
                SELF_MARKER,
                None,
                Box::default(),
                None,
                Variance::Covariant,
            )),
            // `TypedDict` is a base for class definitions, never a type.
            SpecialForm::TypedDict => return None,
            // Bare `TypeForm` is `TypeForm[Any]`.
            SpecialForm::TypeForm => Type::TypeFormOf(TypeFormType::new(db, Type::ANY)),
            SpecialForm::NamedTuple | SpecialForm::Protocol => Type::todo(TodoFeature::SpecialFormAsType),
            _ => return None,
        },
        Type::Instance(class) if class.name(db) == "TypeAliasType" => Type::todo(TodoFeature::TypeAliasType),
        _ => return None,
    })
}

/// Any file to anchor the placeholder `Self` variable (it is replaced before use).
fn placeholder_file(db: &dyn Db) -> Option<pytc_db::File> {
    crate::modules::KnownModule::Typing.file(db)
}

/// Whether `Annotated[...]` is given metadata after its type (`Annotated[int, "m"]`).
fn has_annotated_metadata(annotation: &ast::Expr) -> bool {
    matches!(annotation, ast::Expr::Subscript(subscript) if matches!(&*subscript.slice, ast::Expr::Tuple(tuple) if tuple.elts.len() >= 2))
}

fn is_literal_union(db: &dyn Db, ty: Type<'_>) -> bool {
    ty.union_elements(db).iter().all(|t| {
        matches!(t, Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::EnumLiteral(_) | Type::None)
    })
}

/// Whether an annotation of `definition`'s scope is `ClassVar[...]` (or bare `ClassVar`),
/// also inside `Annotated[ClassVar[...], ...]`.
pub fn is_class_var_annotation(db: &dyn Db, definition: DefinitionRef<'_>, annotation: &ast::Expr) -> bool {
    let (head, slice) = match annotation {
        ast::Expr::Subscript(subscript) => (&*subscript.value, Some(&*subscript.slice)),
        other => (other, None),
    };
    if !matches!(head, ast::Expr::Name(_) | ast::Expr::Attribute(_)) {
        return false;
    }
    let mut context = InferContext::for_definition(db, definition);
    match context.infer_expression(head) {
        Type::SpecialForm(SpecialForm::ClassVar) => true,
        Type::SpecialForm(SpecialForm::Annotated) => match slice {
            Some(ast::Expr::Tuple(tuple)) => tuple.elts.first().is_some_and(|inner| is_class_var_annotation(db, definition, inner)),
            _ => false,
        },
        _ => false,
    }
}

pub(crate) fn expression_range(expression: &ast::Expr) -> pytc_syntax::TextRange {
    use pytc_syntax::Ranged;
    expression.range()
}

pub(crate) fn expression_text(expression: &ast::Expr) -> String {
    match expression {
        ast::Expr::Name(name) => name.id.to_string(),
        ast::Expr::Attribute(attribute) => format!("{}.{}", expression_text(&attribute.value), attribute.attr),
        _ => "expression".to_string(),
    }
}

fn describe_expression(expression: &ast::Expr) -> &'static str {
    match expression {
        ast::Expr::Call(_) => "Function calls are",
        ast::Expr::NumberLiteral(_) => "Int literals are",
        ast::Expr::BooleanLiteral(_) => "Boolean literals are",
        ast::Expr::BytesLiteral(_) => "Bytes literals are",
        ast::Expr::List(_) => "List literals are",
        ast::Expr::Tuple(_) => "Tuple literals are",
        ast::Expr::Dict(_) => "Dict literals are",
        ast::Expr::Set(_) => "Set literals are",
        ast::Expr::ListComp(_) | ast::Expr::SetComp(_) | ast::Expr::DictComp(_) | ast::Expr::Generator(_) => "Comprehensions are",
        ast::Expr::Lambda(_) => "Lambda expressions are",
        ast::Expr::If(_) => "Conditional expressions are",
        ast::Expr::BoolOp(_) => "Boolean operations are",
        ast::Expr::Compare(_) => "Comparisons are",
        ast::Expr::UnaryOp(_) => "Unary operations are",
        ast::Expr::BinOp(_) => "Binary operations other than `|` are",
        ast::Expr::Named(_) => "Named expressions are",
        ast::Expr::Await(_) => "`await` expressions are",
        ast::Expr::Yield(_) | ast::Expr::YieldFrom(_) => "`yield` expressions are",
        ast::Expr::FString(_) => "F-strings are",
        ast::Expr::EllipsisLiteral(_) => "`...` is",
        ast::Expr::Starred(_) => "Starred expressions are",
        ast::Expr::Slice(_) => "Slices are",
        _ => "This expression is",
    }
}

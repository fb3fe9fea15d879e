//! Expression inference: literals, displays and comprehensions (with an expected type),
//! boolean and conditional expressions, lambdas, `await`, `yield` and the dispatch to
//! names, attributes, subscripts, operators and calls.

use pytc_syntax::ast::{self, HasNodeIndex};

use crate::types::TodoFeature;
use crate::class::KnownClass;
use crate::infer::InferContext;
use crate::types::{CallableType, ClassType, Parameter, ParameterKind, Signature, TupleType, Type};

impl<'db> InferContext<'db> {
    pub(super) fn infer_expression_inner(&mut self, expression: &ast::Expr, expected: Option<Type<'db>>) -> Type<'db> {
        let db = self.db;
        match expression {
            ast::Expr::Name(name) => match name.ctx {
                ast::ExprContext::Load => {
                    let ty = self.infer_name_load(name);
                    self.check_deprecated_reference(name.range, ty);
                    ty
                }
                _ => Type::UNKNOWN,
            },
            ast::Expr::NumberLiteral(number) => match &number.value {
                ast::Number::Int(int) => match int.as_i64() {
                    Some(value) => Type::IntLiteral(value),
                    None => KnownClass::Int.instance(db),
                },
                ast::Number::Float(_) => KnownClass::Float.instance(db),
                ast::Number::Complex { .. } => KnownClass::Complex.instance(db),
            },
            ast::Expr::StringLiteral(string) => {
                let value = string.value.to_str();
                if value.len() > 4096 { Type::LiteralString } else { Type::string_literal(db, value) }
            }
            ast::Expr::BytesLiteral(bytes) => {
                let value: Vec<u8> = bytes.value.bytes().collect();
                if value.len() > 4096 {
                    KnownClass::Bytes.instance(db)
                } else {
                    Type::BytesLiteral(crate::types::BytesLiteral::new(db, value.into_boxed_slice()))
                }
            }
            ast::Expr::FString(fstring) => {
                if self.infer_fstring_parts(fstring) { Type::LiteralString } else { KnownClass::Str.instance(db) }
            }
            ast::Expr::TString(_) => crate::class::known::module_class(db, crate::modules::KnownModule::Builtins, "object")
                .map_or(Type::UNKNOWN, |_| Type::todo(TodoFeature::TemplateString)),
            ast::Expr::BooleanLiteral(boolean) => Type::BoolLiteral(boolean.value),
            ast::Expr::NoneLiteral(_) => Type::None,
            ast::Expr::EllipsisLiteral(_) => crate::class::known::module_class(db, crate::modules::KnownModule::Types, "EllipsisType")
                .or_else(|| crate::class::known::builtin_class(db, "ellipsis"))
                .map_or(Type::UNKNOWN, |class| Type::Instance(ClassType::bare(db, class))),
            ast::Expr::Attribute(attribute) => self.infer_attribute_expression(attribute),
            ast::Expr::Subscript(subscript) => self.infer_subscript_expression(subscript),
            ast::Expr::Call(call) => self.infer_call_expression(call, expected),
            ast::Expr::BinOp(binary) => self.infer_binary_expression(binary, expected),
            ast::Expr::UnaryOp(unary) => self.infer_unary_expression(unary),
            ast::Expr::Compare(compare) => self.infer_compare_expression(compare),
            ast::Expr::BoolOp(bool_op) => self.infer_bool_op(bool_op, expected),
            ast::Expr::Named(named) => {
                let ty = self.infer_expression_with(&named.value, expected);
                self.infer_expression(&named.target);
                ty
            }
            ast::Expr::If(if_expression) => {
                let test = self.infer_expression(&if_expression.test);
                let body = self.infer_expression_with(&if_expression.body, expected);
                let orelse = self.infer_expression_with(&if_expression.orelse, expected);
                match crate::infer::operators::static_truthiness(db, test) {
                    Some(true) => body,
                    Some(false) => orelse,
                    None => Type::union(db, body, orelse),
                }
            }
            ast::Expr::Lambda(lambda) => self.infer_lambda(lambda, expected),
            ast::Expr::Tuple(tuple) => self.infer_tuple_display(&tuple.elts, expected),
            ast::Expr::List(list) => {
                let is_argument = self.is_argument_display(expression);
                let element = self.infer_display_elements(&list.elts, KnownClass::List, expected, is_argument);
                container(db, KnownClass::List, vec![element])
            }
            ast::Expr::Set(set) => {
                let is_argument = self.is_argument_display(expression);
                let element = self.infer_display_elements(&set.elts, KnownClass::Set, expected, is_argument);
                container(db, KnownClass::Set, vec![element])
            }
            ast::Expr::Dict(dict) => {
                let is_argument = self.is_argument_display(expression);
                self.infer_dict_display(dict, expected, is_argument)
            }
            ast::Expr::ListComp(comprehension) => {
                self.infer_comprehensions(&comprehension.generators);
                let element = self.infer_expression_with(&comprehension.elt, expected_container_argument(db, KnownClass::List, expected, 0));
                let element = self.container_element(element, KnownClass::List, expected, 0);
                container(db, KnownClass::List, vec![element])
            }
            ast::Expr::SetComp(comprehension) => {
                self.infer_comprehensions(&comprehension.generators);
                let element = self.infer_expression_with(&comprehension.elt, expected_container_argument(db, KnownClass::Set, expected, 0));
                let element = self.container_element(element, KnownClass::Set, expected, 0);
                container(db, KnownClass::Set, vec![element])
            }
            ast::Expr::DictComp(comprehension) => {
                self.infer_comprehensions(&comprehension.generators);
                let key = comprehension.key.as_deref().map_or(Type::UNKNOWN, |key| self.infer_expression_with(key, expected_container_argument(db, KnownClass::Dict, expected, 0)));
                let value = self.infer_expression_with(&comprehension.value, expected_container_argument(db, KnownClass::Dict, expected, 1));
                let key = self.container_element(key, KnownClass::Dict, expected, 0);
                let value = self.container_element(value, KnownClass::Dict, expected, 1);
                container(db, KnownClass::Dict, vec![key, value])
            }
            ast::Expr::Generator(generator) => {
                self.infer_comprehensions(&generator.generators);
                let element = self.infer_expression(&generator.elt);
                let element = widen_literal(db, element);
                let is_async = generator.generators.iter().any(|g| g.is_async);
                let name = if is_async { "AsyncGenerator" } else { "Generator" };
                match crate::class::known::module_class(db, crate::modules::KnownModule::Typing, name) {
                    Some(class) => {
                        let arguments: Box<[Type<'db>]> =
                            if is_async { Box::from([element, Type::None]) } else { Box::from([element, Type::None, Type::None]) };
                        Type::Instance(ClassType::new(db, class, arguments))
                    }
                    None => Type::UNKNOWN,
                }
            }
            ast::Expr::Await(await_expression) => {
                let awaited = self.infer_expression(&await_expression.value);
                self.await_type(awaited)
            }
            ast::Expr::Yield(yield_expression) => {
                self.check_yield(yield_expression);
                self.generator_send_type()
            }
            ast::Expr::YieldFrom(yield_from) => {
                let iterable = self.infer_expression(&yield_from.value);
                self.check_yield_from(yield_from, iterable);
                self.yield_from_result(iterable)
            }
            ast::Expr::Starred(starred) => self.infer_expression(&starred.value),
            ast::Expr::Slice(slice) => {
                for part in [&slice.lower, &slice.upper, &slice.step].into_iter().flatten() {
                    self.infer_expression(part);
                }
                crate::class::known::builtin_instance(db, "slice").unwrap_or(Type::UNKNOWN)
            }
            ast::Expr::IpyEscapeCommand(_) => Type::UNKNOWN,
        }
    }

    /// Infer the interpolated expressions of an f-string; true when every one is a literal
    /// string (then the f-string is a `LiteralString`).
    fn infer_fstring_parts(&mut self, fstring: &ast::ExprFString) -> bool {
        let mut all_literal = true;
        for part in fstring.value.iter() {
            if let ast::FStringPart::FString(inner) = part {
                all_literal &= self.infer_interpolated_elements(&inner.elements);
            }
        }
        all_literal
    }

    fn infer_interpolated_elements(&mut self, elements: &ast::InterpolatedStringElements) -> bool {
        let mut all_literal = true;
        for element in elements {
            if let ast::InterpolatedStringElement::Interpolation(interpolation) = element {
                let ty = self.infer_expression(&interpolation.expression);
                let literal = ty.union_elements(self.db).iter().all(|member| matches!(member, Type::StringLiteral(_) | Type::LiteralString));
                all_literal &= literal && interpolation.conversion == ast::ConversionFlag::None;
                if let Some(format_spec) = &interpolation.format_spec {
                    all_literal &= self.infer_interpolated_elements(&format_spec.elements);
                }
            }
        }
        all_literal
    }

    /// `a or b`, `a and b`: each operand is read with the expected type of the whole (`options
    /// = options or {}` for a declared `Options | None`). Without one, an operand is read on
    /// its own: the operand before it is no context (`env or {}` for a `TypedDict` with
    /// required keys is a plain empty dict, not a missing-keys error).
    fn infer_bool_op(&mut self, bool_op: &ast::ExprBoolOp, expected: Option<Type<'db>>) -> Type<'db> {
        let db = self.db;
        let mut result = Vec::new();
        let count = bool_op.values.len();
        for (i, value) in bool_op.values.iter().enumerate() {
            let ty = self.infer_expression_with(value, expected);
            if i + 1 == count {
                result.push(ty);
                break;
            }
            // `a and b`: `a` is the result when falsy; `a or b`: when truthy.
            let keep_truthy = bool_op.op == ast::BoolOp::Or;
            let truthiness = crate::infer::operators::static_truthiness(db, ty);
            match truthiness {
                Some(truthy) if truthy == keep_truthy => {
                    result.push(ty);
                    return Type::union_of(db, result);
                }
                Some(_) => {}
                None => result.push(crate::narrow::narrow_truthiness(db, ty, keep_truthy)),
            }
        }
        Type::union_of(db, result)
    }

    fn infer_lambda(&mut self, lambda: &ast::ExprLambda, expected: Option<Type<'db>>) -> Type<'db> {
        let db = self.db;
        let expected_signature = expected.and_then(|expected| crate::infer::lambda_parameters::expected_lambda_signature(db, expected));
        let mut parameters = Vec::new();
        if let Some(lambda_parameters) = &lambda.parameters {
            for parameter in lambda_parameters.iter_non_variadic_params() {
                if let Some(default) = &parameter.default {
                    self.infer_expression(default);
                }
            }
            for (kind, parameter) in lambda_parameters
                .posonlyargs
                .iter()
                .map(|p| (ParameterKind::PositionalOnly, p))
                .chain(lambda_parameters.args.iter().map(|p| (ParameterKind::PositionalOrKeyword, p)))
                .chain(lambda_parameters.kwonlyargs.iter().map(|p| (ParameterKind::KeywordOnly, p)))
            {
                parameters.push(Parameter {
                    name: Some(Box::from(parameter.parameter.name.as_str())),
                    kind,
                    annotated: Type::UNKNOWN,
                    has_annotation: false,
                    has_default: parameter.default.is_some(),
                    unpacked_args: None,
                });
            }
            if let Some(args) = &lambda_parameters.vararg {
                parameters.push(Parameter { name: Some(Box::from(args.name.as_str())), kind: ParameterKind::Variadic, annotated: Type::UNKNOWN, has_annotation: false, has_default: false, unpacked_args: None });
            }
            if let Some(kwargs) = &lambda_parameters.kwarg {
                parameters.push(Parameter { name: Some(Box::from(kwargs.name.as_str())), kind: ParameterKind::KeywordVariadic, annotated: Type::UNKNOWN, has_annotation: false, has_default: false, unpacked_args: None });
            }
        }
        let contextual = match &expected_signature {
            Some(signature) => crate::infer::lambda_parameters::contextual_types(db, &parameters, signature),
            None => Vec::new(),
        };
        let lambda_scope = self.index.scope_defined_by(lambda.node_index().load());
        let pushed = match lambda_scope {
            Some(scope) if !contextual.is_empty() => {
                self.contextual_lambda_parameters.push((scope, contextual));
                true
            }
            _ => false,
        };
        let body = self.infer_expression(&lambda.body);
        if pushed {
            self.contextual_lambda_parameters.pop();
        }
        Type::Callable(CallableType::single(db, Signature { parameters, return_type: body, gradual_parameters: false }))
    }

    fn infer_tuple_display(&mut self, elements: &[ast::Expr], expected: Option<Type<'db>>) -> Type<'db> {
        let db = self.db;
        let expected_elements: Option<Vec<Type<'db>>> = match expected {
            Some(Type::Tuple(tuple)) => tuple.fixed_elements(db).map(<[_]>::to_vec),
            _ => None,
        };
        let mut prefix = Vec::new();
        let mut variadic: Option<Type<'db>> = None;
        let mut suffix = Vec::new();
        for (i, element) in elements.iter().enumerate() {
            if let ast::Expr::Starred(starred) = element {
                // A named tuple unpacks as its fields (`(*point,)` is a `tuple[int, int]`).
                let value = crate::class::namedtuple::as_tuple(db, self.infer_expression(&starred.value));
                match value {
                    Type::Tuple(tuple) if tuple.variadic(db).is_none() && variadic.is_none() => prefix.extend(tuple.prefix(db).iter().copied()),
                    Type::Tuple(tuple) if tuple.variadic(db).is_none() => suffix.extend(tuple.prefix(db).iter().copied()),
                    other => {
                        let element_type = self.iteration_type(other).unwrap_or(Type::UNKNOWN);
                        variadic = Some(match variadic {
                            Some(existing) => Type::union_of(db, [existing, element_type].into_iter().chain(suffix.drain(..))),
                            None => element_type,
                        });
                    }
                }
                continue;
            }
            let expected_element = expected_elements.as_ref().and_then(|e| e.get(i)).copied();
            let ty = self.infer_expression_with(element, expected_element);
            if variadic.is_some() { suffix.push(ty) } else { prefix.push(ty) }
        }
        Type::Tuple(TupleType::new(db, prefix.into_boxed_slice(), variadic, suffix.into_boxed_slice()))
    }

    /// The element type of a list or set display: the expected element type when every
    /// element fits it, else the union of the (widened) element types.
    fn infer_display_elements(&mut self, elements: &[ast::Expr], class: KnownClass, expected: Option<Type<'db>>, is_argument: bool) -> Type<'db> {
        let db = self.db;
        let expected_element = expected_container_argument(db, class, expected, 0);
        let mut types = Vec::new();
        for element in elements {
            if let ast::Expr::Starred(starred) = element {
                let value = self.infer_expression(&starred.value);
                types.push(self.iteration_type(value).unwrap_or(Type::UNKNOWN));
            } else {
                types.push(self.infer_expression_with(element, expected_element));
            }
        }
        self.display_element(types, class, expected, is_argument, 0)
    }

    /// The type argument a display infers from its elements' types at `position`: with an
    /// expected type, the expected argument when the elements fit it, else their union (so
    /// too for a call's argument, which the call's matching judges); with no context at all,
    /// the elements' (widened) type when they all have the same one, else `Unknown`:
    /// `x = {"a": 1, "b": "c"}` stays usable wherever `x` goes later, instead of fixing an
    /// invariant `dict[str, int | str]` its uses did not ask for.
    fn display_element(&mut self, types: Vec<Type<'db>>, class: KnownClass, expected: Option<Type<'db>>, is_argument: bool, position: usize) -> Type<'db> {
        let db = self.db;
        if expected.is_none() && !is_argument && !have_one_widened_type(db, &types) {
            return Type::UNKNOWN;
        }
        self.container_element(Type::union_of(db, types), class, expected, position)
    }

    fn container_element(&mut self, element: Type<'db>, class: KnownClass, expected: Option<Type<'db>>, position: usize) -> Type<'db> {
        let db = self.db;
        if let Some(expected_element) = expected_container_argument(db, class, expected, position)
            && element.is_assignable_to(db, expected_element)
        {
            return expected_element;
        }
        if element.is_never() {
            return Type::UNKNOWN;
        }
        widen_literal(db, element)
    }

    /// Whether `display` is the call argument `argument_display` names (clearing it).
    fn is_argument_display(&mut self, display: &ast::Expr) -> bool {
        self.argument_display.take() == Some(display.node_index().load())
    }

    fn infer_dict_display(&mut self, dict: &ast::ExprDict, expected: Option<Type<'db>>, is_argument: bool) -> Type<'db> {
        let db = self.db;
        // Where another expected type may take the display, the TypedDict is chosen only
        // when the display builds it without a problem.
        if let Some((class, alone)) = crate::typed_dict::expected_typed_dict(db, expected)
            && (alone || self.display_fits_typed_dict(dict, class))
        {
            return self.infer_typed_dict_display(dict, class);
        }
        let expected_key = expected_container_argument(db, KnownClass::Dict, expected, 0);
        let expected_value = expected_container_argument(db, KnownClass::Dict, expected, 1);
        let mut keys = Vec::new();
        let mut values = Vec::new();
        for item in &dict.items {
            match &item.key {
                Some(key) => {
                    keys.push(self.infer_expression_with(key, expected_key));
                    values.push(self.infer_expression_with(&item.value, expected_value));
                }
                None => {
                    let mapping = self.infer_expression(&item.value);
                    if let Type::Instance(class) = mapping
                        && let Some(dict_class) = KnownClass::Dict.class(db)
                        && let Some(ancestor) = crate::class::find_ancestor(db, class, dict_class)
                        && ancestor.arguments(db).len() == 2
                    {
                        keys.push(ancestor.arguments(db)[0]);
                        values.push(ancestor.arguments(db)[1]);
                    } else {
                        keys.push(Type::UNKNOWN);
                        values.push(Type::UNKNOWN);
                    }
                }
            }
        }
        let key = self.display_element(keys, KnownClass::Dict, expected, is_argument, 0);
        let value = self.display_element(values, KnownClass::Dict, expected, is_argument, 1);
        container(db, KnownClass::Dict, vec![key, value])
    }

    fn infer_comprehensions(&mut self, generators: &[ast::Comprehension]) {
        for generator in generators {
            self.infer_expression(&generator.iter);
            for condition in &generator.ifs {
                self.infer_expression(condition);
            }
        }
    }

    /// The result of `await value`.
    pub(crate) fn await_type(&mut self, awaited: Type<'db>) -> Type<'db> {
        let db = self.db;
        awaited.map_union(db, |member| {
            if member.is_never() {
                return Type::Never;
            }
            if let Type::Instance(class) = member
                && let Some(awaitable) = crate::class::known::module_class(db, crate::modules::KnownModule::Typing, "Awaitable")
                && let Some(ancestor) = crate::class::find_ancestor(db, class, awaitable)
            {
                return ancestor.arguments(db).first().copied().unwrap_or(Type::UNKNOWN);
            }
            if let Some(result) = self.call_dunder_quiet(member, "__await__", &[]) {
                return generator_return_type(db, result);
            }
            Type::UNKNOWN
        })
    }

    fn yield_from_result(&mut self, iterable: Type<'db>) -> Type<'db> {
        match iterable {
            Type::Instance(_) => generator_return_type(self.db, iterable),
            _ => Type::UNKNOWN,
        }
    }

}

/// The `R` of a `Generator[Y, S, R]`.
fn generator_return_type<'db>(db: &'db dyn pytc_db::Db, ty: Type<'db>) -> Type<'db> {
    if let Type::Instance(class) = ty
        && let Some(generator) = crate::class::known::module_class(db, crate::modules::KnownModule::Typing, "Generator")
        && let Some(ancestor) = crate::class::find_ancestor(db, class, generator)
    {
        return ancestor.arguments(db).get(2).copied().unwrap_or(Type::UNKNOWN);
    }
    Type::UNKNOWN
}

/// Whether a display's element types widen to one type (`1`, `2` and `x: int` do; `1` and
/// `"a"`, or `1` and `None`, do not). No elements count as one type.
fn have_one_widened_type<'db>(db: &'db dyn pytc_db::Db, types: &[Type<'db>]) -> bool {
    let mut widened = types.iter().map(|ty| widen_literal(db, *ty));
    let Some(first) = widened.next() else { return true };
    widened.all(|ty| ty == first)
}

/// `list[int]` from `Literal[1, 2]`: literals in inferred containers widen to their class,
/// also inside tuples (`[(1, "a")]` is a `list[tuple[int, str]]`).
pub(crate) fn widen_literal<'db>(db: &'db dyn pytc_db::Db, ty: Type<'db>) -> Type<'db> {
    ty.map_union(db, |member| match member {
        Type::Tuple(tuple) => {
            let widen_all = |elements: &[Type<'db>]| elements.iter().map(|element| widen_literal(db, *element)).collect::<Box<[_]>>();
            Type::Tuple(TupleType::new(
                db,
                widen_all(tuple.prefix(db)),
                tuple.variadic(db).map(|variadic| widen_literal(db, variadic)),
                widen_all(tuple.suffix(db)),
            ))
        }
        other => other.literal_fallback_instance(db).unwrap_or(other),
    })
}

pub(crate) fn container<'db>(db: &'db dyn pytc_db::Db, class: KnownClass, arguments: Vec<Type<'db>>) -> Type<'db> {
    match class.class(db) {
        Some(class) => Type::Instance(ClassType::new(db, class, arguments.into_boxed_slice())),
        None => Type::UNKNOWN,
    }
}

/// Type argument `position` of the expected type when it is (or has an ancestor) `class`
/// or a protocol/ABC that `class` implements (`Sequence[int]` for a list display).
fn expected_container_argument<'db>(db: &'db dyn pytc_db::Db, class: KnownClass, expected: Option<Type<'db>>, position: usize) -> Option<Type<'db>> {
    let expected = expected?;
    let container_class = class.class(db)?;
    let candidates = expected.union_elements(db);
    for candidate in candidates {
        let Type::Instance(expected_class) = candidate else { continue };
        if expected_class.arguments(db).is_empty() {
            continue;
        }
        // Does `class[...]` inherit from the expected class? Then map its parameters.
        let parameters = crate::class::type_parameters(db, container_class);
        let generic_self = ClassType::new(db, container_class, parameters.iter().map(|p| Type::TypeVar(*p)).collect::<Box<[_]>>());
        let Some(ancestor) = crate::class::find_ancestor(db, generic_self, expected_class.class(db)) else { continue };
        // The expected argument in the place where the ancestor passes the parameter on,
        // exactly as written (`dict[str, Literal["a"]]` expects `Literal["a"]` values).
        let parameter = Type::TypeVar(*parameters.get(position)?);
        let passed_at = ancestor.arguments(db).iter().position(|argument| *argument == parameter);
        if let Some(expected_argument) = passed_at.and_then(|index| expected_class.arguments(db).get(index))
            && !expected_argument.is_unknown()
        {
            return Some(*expected_argument);
        }
    }
    None
}

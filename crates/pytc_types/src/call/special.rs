//! Calls with special meaning, recognized by the callee's definition: `reveal_type`,
//! `assert_type`, `cast`, `assert_never`, and `TypeVar`/`ParamSpec`/`TypeVarTuple`
//! constructors.

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::types::{Type, TypeVarBounds, TypeVarKind, TypeVarType, Variance};

declare_rule! {
    /// The type pytc infers for the argument of `reveal_type(...)`.
    ///
    /// ```python
    /// reveal_type(1)  # info: [revealed-type] Revealed type: `Literal[1]`
    /// ```
    pub static REVEALED_TYPE = {
        name: "revealed-type",
        summary: "reports the type of the argument of `reveal_type`",
        level: Info,
    }
}

declare_rule! {
    /// `assert_type(value, T)` where the value's type is not equivalent to `T`.
    ///
    /// ```python
    /// from typing import assert_type
    /// assert_type(1, str)  # error: [type-assertion-failure]
    /// ```
    pub static TYPE_ASSERTION_FAILURE = {
        name: "type-assertion-failure",
        summary: "`assert_type` finds a different type than asserted",
        level: Error,
    }
}

declare_rule! {
    /// A `TypeVar`, `ParamSpec` or `TypeVarTuple` defined incorrectly.
    ///
    /// ```python
    /// from typing import TypeVar
    /// T = TypeVar("U")  # error: [invalid-type-variable]
    /// ```
    pub static INVALID_TYPE_VARIABLE = {
        name: "invalid-type-variable",
        summary: "a type variable definition is malformed",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// Handle calls whose callee pytc treats specially; `None` for ordinary calls.
    pub(crate) fn special_call(&mut self, callee: Type<'db>, call: &ast::ExprCall) -> Option<Type<'db>> {
        let db = self.db;
        match callee {
            Type::Function(function) => {
                let file = function.file(db);
                let typing = KnownModule::Typing.is(db, file) || KnownModule::TypingExtensions.is(db, file);
                let builtins = KnownModule::Builtins.is(db, file);
                let positional = call.arguments.args.len();
                let plain = call.arguments.keywords.is_empty() && !call.arguments.args.iter().any(|a| matches!(a, ast::Expr::Starred(_)));
                match &**function.name(db) {
                    // Wrong argument counts are checked as ordinary calls.
                    "reveal_type" if (typing || builtins) && plain && positional == 1 => Some(self.reveal_type_call(call)),
                    "assert_type" if typing && plain && positional == 2 => Some(self.assert_type_call(call)),
                    "cast" if typing && plain && positional == 2 => Some(self.cast_call(call)),
                    "assert_never" if typing => Some(self.assert_never_call(call)),
                    // Before Python 3.10 `NewType` is a function in typeshed.
                    "NewType" if typing => Some(self.new_type_call(call)),
                    "namedtuple" if KnownModule::Collections.is(db, file) => Some(self.named_tuple_call(call, false)),
                    _ => None,
                }
            }
            Type::ClassObject(class)
                if &**class.class(db).name(db) == "super" && KnownModule::Builtins.is(db, class.class(db).file(db)) =>
            {
                // TODO: model `super()` (the next class in the MRO, bound to the receiver).
                self.infer_arguments_quietly(call);
                Some(Type::UNKNOWN)
            }
            Type::ClassObject(_) if crate::class::functional::is_functional_enum_call(db, callee, call) => Some(self.enum_functional_call(call)),
            Type::ClassObject(class) => {
                let literal = class.class(db);
                let file = literal.file(db);
                if !(KnownModule::Typing.is(db, file) || KnownModule::TypingExtensions.is(db, file)) {
                    return None;
                }
                let kind = match &**literal.name(db) {
                    "TypeVar" => TypeVarKind::TypeVar,
                    "ParamSpec" => TypeVarKind::ParamSpec,
                    "TypeVarTuple" => TypeVarKind::TypeVarTuple,
                    "NewType" => return Some(self.new_type_call(call)),
                    "TypeAliasType" => return Some(self.type_alias_type_call(call)),
                    _ => return None,
                };
                Some(self.typevar_call(kind, call))
            }
            Type::BoundMethod(_) => self
                .typed_dict_update_call(callee, call)
                .or_else(|| self.typed_dict_get_call(callee, call))
                .or_else(|| self.typed_dict_keyed_call(callee, call))
                .or_else(|| self.typed_dict_view_call(callee, call)),
            Type::Union(union) if union.elements(db).iter().any(|member| is_typed_dict_method(db, *member)) => Some(self.typed_dict_method_union_call(union, call)),
            Type::SpecialForm(crate::types::SpecialForm::NamedTuple) => Some(self.named_tuple_call(call, true)),
            Type::SpecialForm(crate::types::SpecialForm::TypedDict) => Some(self.typed_dict_functional_call(call)),
            Type::SpecialForm(crate::types::SpecialForm::TypeForm) => Some(self.type_form_call(call)),
            _ => None,
        }
    }

    /// A call of a union of methods one of which is a TypedDict's (`(options or {}).get("k")`):
    /// each member called on its own, so the TypedDict's methods read its items.
    fn typed_dict_method_union_call(&mut self, union: crate::types::UnionType<'db>, call: &ast::ExprCall) -> Type<'db> {
        let db = self.db;
        let results: Vec<Type<'db>> = union
            .elements(db)
            .iter()
            .map(|member| self.special_call(*member, call).unwrap_or_else(|| self.infer_call_quiet(*member, call)))
            .collect();
        Type::union_of(db, results)
    }

    fn infer_arguments_quietly(&mut self, call: &ast::ExprCall) {
        let was = self.suspend_reporting();
        for argument in call.arguments.iter_source_order() {
            match argument {
                ast::ArgOrKeyword::Arg(expression) => {
                    self.infer_expression(expression);
                }
                ast::ArgOrKeyword::Keyword(keyword) => {
                    self.infer_expression(&keyword.value);
                }
            }
        }
        self.resume_reporting(was);
    }

    fn reveal_type_call(&mut self, call: &ast::ExprCall) -> Type<'db> {
        let Some(argument) = call.arguments.args.first() else { return Type::UNKNOWN };
        let ty = self.infer_expression(argument);
        let message = format!("Revealed type: `{}`", ty.display(self.db));
        self.report(argument.range(), &REVEALED_TYPE, message);
        ty
    }

    fn assert_type_call(&mut self, call: &ast::ExprCall) -> Type<'db> {
        let db = self.db;
        let [value, asserted] = &call.arguments.args[..] else {
            self.infer_arguments_quietly(call);
            return Type::UNKNOWN;
        };
        let actual = self.infer_expression(value);
        let expected = self.type_expression(asserted);
        // Precision first: stay quiet when pytc could not infer the value fully.
        let uncertain = contains_unknown(db, actual) || contains_unknown(db, expected);
        if !uncertain && !actual.is_equivalent_to(db, expected) && !class_objects_as_spelled(db, actual).is_equivalent_to(db, expected) {
            self.report(
                call.range(),
                &TYPE_ASSERTION_FAILURE,
                format!("Type `{}` does not match asserted type `{}`", actual.display(db), expected.display(db)),
            );
        }
        actual
    }

    fn cast_call(&mut self, call: &ast::ExprCall) -> Type<'db> {
        let Some(target) = call.arguments.args.first() else { return Type::UNKNOWN };
        let ty = self.type_expression(target);
        for argument in call.arguments.args.iter().skip(1) {
            self.infer_expression(argument);
        }
        ty
    }

    fn assert_never_call(&mut self, call: &ast::ExprCall) -> Type<'db> {
        let db = self.db;
        let Some(argument) = call.arguments.args.first() else { return Type::Never };
        let ty = self.infer_expression(argument);
        if !ty.is_never() && !contains_unknown(db, ty) && !ty.is_dynamic() {
            self.report(
                argument.range(),
                &TYPE_ASSERTION_FAILURE,
                format!("Argument does not have asserted type `Never` (its type is `{}`)", ty.display(db)),
            );
        }
        Type::Never
    }

    /// `T = TypeVar("T", bound=..., ...)` and friends.
    fn typevar_call(&mut self, kind: TypeVarKind, call: &ast::ExprCall) -> Type<'db> {
        let db = self.db;
        let name = match call.arguments.args.first() {
            Some(ast::Expr::StringLiteral(name)) => name.value.to_str().to_string(),
            _ => {
                self.infer_arguments_quietly(call);
                self.report(call.range(), &INVALID_TYPE_VARIABLE, "The first argument of a type variable must be a string literal");
                return Type::UNKNOWN;
            }
        };
        let node = call.node_index().load().as_u32();
        if self.is_reporting() && !crate::class::assigned_call::is_assigned_to_a_name(db, self.file, call) {
            self.report(call.range(), &INVALID_TYPE_VARIABLE, format!("A type variable must be assigned to a variable of its name (`{name} = ...`)"));
        }
        // The bound, constraints and default are evaluated lazily (`TypeVarType::bounds`):
        // here only when checking, for their diagnostics, or for a call without a node.
        let evaluated = if self.is_reporting() || node.is_none() {
            TypeVarBounds { default: self.typevar_call_default(call, kind), ..self.typevar_call_bound(call) }
        } else {
            TypeVarBounds::default()
        };
        let TypeVarBounds { bound, constraints, default } = evaluated.clone();
        if call.arguments.args.len() == 2 {
            self.report(call.range(), &INVALID_TYPE_VARIABLE, "A type variable must have at least two constraints");
        }
        let mut has_bound = false;
        let mut variance = Variance::Invariant;
        let mut covariant = false;
        let mut contravariant = false;
        for keyword in &call.arguments.keywords {
            let Some(arg) = &keyword.arg else { continue };
            match arg.as_str() {
                "bound" => has_bound = true,
                "default" => {}
                "covariant" => {
                    covariant = matches!(&keyword.value, ast::Expr::BooleanLiteral(b) if b.value);
                    if covariant {
                        variance = Variance::Covariant;
                    }
                }
                "contravariant" => {
                    contravariant = matches!(&keyword.value, ast::Expr::BooleanLiteral(b) if b.value);
                    if contravariant {
                        variance = Variance::Contravariant;
                    }
                }
                "infer_variance" => {
                    if matches!(&keyword.value, ast::Expr::BooleanLiteral(b) if b.value) {
                        variance = Variance::Inferred;
                    }
                }
                _ => {
                    self.infer_expression(&keyword.value);
                }
            }
        }
        if covariant && contravariant {
            self.report(call.range(), &INVALID_TYPE_VARIABLE, "A type variable cannot be both covariant and contravariant");
        }
        if (covariant || contravariant) && crate::generics::declarations::requests_inferred_variance(call) {
            self.report(call.range(), &INVALID_TYPE_VARIABLE, "A type variable with `infer_variance=True` cannot also declare its variance");
        }
        if has_bound && call.arguments.args.len() > 1 {
            self.report(call.range(), &INVALID_TYPE_VARIABLE, "A type variable cannot have both a bound and constraints");
        }
        self.check_typevar_constraints(call, &constraints);
        self.check_typevar_default(call.range(), bound, &constraints, default);
        let name = Box::<str>::from(name.as_str());
        Type::TypeVarObject(match node {
            Some(node) => TypeVarType::declared(db, name, kind, self.file, node, pytc_semantic::UnitRange::new(self.index, call.range()), variance),
            None => {
                let TypeVarBounds { bound, constraints, default } = evaluated.without_type_variables(db);
                TypeVarType::new(db, name, kind, self.file, 0, bound, constraints, default, variance)
            }
        })
    }
}

/// A type with its class objects written the way an annotation spells them: the class `C`
/// as `type[C]` (a bare generic class with its parameters' defaults). `assert_type(int,
/// type[int])` holds: the spec names the type of a class object `type[C]`, and pytc's more
/// precise class-object type displays the same way, so rejecting it would be a mismatch
/// between two identical spellings.
fn class_objects_as_spelled<'db>(db: &'db dyn pytc_db::Db, ty: Type<'db>) -> Type<'db> {
    ty.map_union(db, |member| match member {
        Type::ClassObject(class) => Type::SubclassOf(crate::generics::defaults::with_default_arguments(db, class)),
        other => other,
    })
}

/// Whether pytc's knowledge of the type has gaps (`Unknown` or a todo) anywhere.
pub(crate) fn contains_unknown<'db>(db: &'db dyn pytc_db::Db, ty: Type<'db>) -> bool {
    if ty.is_unknown() {
        return true;
    }
    match ty {
        Type::Union(union) => union.elements(db).iter().any(|t| contains_unknown(db, *t)),
        Type::Instance(class) | Type::ClassObject(class) | Type::SubclassOf(class) => class.arguments(db).iter().any(|t| contains_unknown(db, *t)),
        Type::Tuple(tuple) => tuple.prefix(db).iter().chain(tuple.suffix(db)).any(|t| contains_unknown(db, *t)) || tuple.variadic(db).is_some_and(|t| contains_unknown(db, t)),
        Type::Callable(callable) => callable.signatures(db).iter().any(|s| s.parameters.iter().any(|p| contains_unknown(db, p.annotated)) || contains_unknown(db, s.return_type)),
        Type::Function(_) | Type::BoundMethod(_) => true,
        _ => false,
    }
}

/// Whether `callee` is a method bound to a TypedDict instance.
fn is_typed_dict_method<'db>(db: &'db dyn pytc_db::Db, callee: Type<'db>) -> bool {
    matches!(callee, Type::BoundMethod(method) if matches!(method.receiver(db), Type::Instance(class) if crate::class::is_typed_dict(db, class.class(db))))
}

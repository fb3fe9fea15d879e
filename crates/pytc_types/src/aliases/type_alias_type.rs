//! Type aliases as objects: `X = TypeAliasType("X", value, type_params=(T,))` (the same
//! object a `type X[T] = value` statement creates), and the rules both spellings share:
//! the value is a type expression evaluated lazily, its type variables are the alias's own
//! parameters, subscripting specializes it (arguments checked against bounds and count), an
//! alias may refer to itself only inside a type that guards the recursion (`list[X]`; the
//! check is `super::recursive_alias::alias_is_circular`, shared with every other alias spelling), and
//! the alias object has the attributes of `typing.TypeAliasType` (`__value__`, ...).

use pytc_db::{Db, declare_rule};
use pytc_semantic::DefinitionKind;
use pytc_syntax::{Ranged, TextRange};
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::infer::InferContext;
use crate::infer::annotation::INVALID_TYPE_ARGUMENT;
use crate::modules::KnownModule;
use crate::semantic::DefinitionRef;
use crate::types::{ClassType, Type, TypeAliasType, TypeVarKind, TypeVarType};

declare_rule! {
    /// A malformed type alias: a `TypeAliasType(...)` whose name differs from its variable or
    /// whose `type_params` is not a tuple of type variables, an alias whose value uses type
    /// variables that are not its parameters, or an alias whose value is itself.
    ///
    /// ```python
    /// from typing import TypeAliasType, TypeVar
    /// T = TypeVar("T")
    /// Bad = TypeAliasType("Bad", list[T])  # error: [invalid-type-alias]
    /// type Loop = Loop  # error: [invalid-type-alias]
    /// ```
    pub static INVALID_TYPE_ALIAS = {
        name: "invalid-type-alias",
        summary: "a type alias is defined incorrectly",
        level: Error,
    }
}

/// The call arguments of `TypeAliasType(name, value, type_params=...)`.
pub(crate) struct AliasCall<'a> {
    name: Option<&'a ast::Expr>,
    pub(crate) value: Option<&'a ast::Expr>,
    type_params: Option<&'a ast::Expr>,
}

impl<'a> AliasCall<'a> {
    pub(crate) fn of(call: &'a ast::ExprCall) -> Self {
        let keyword = |name: &str| call.arguments.keywords.iter().find(|k| k.arg.as_ref().is_some_and(|a| a.as_str() == name)).map(|k| &k.value);
        AliasCall {
            name: call.arguments.args.first().or_else(|| keyword("name")),
            value: call.arguments.args.get(1).or_else(|| keyword("value")),
            type_params: keyword("type_params"),
        }
    }
}

/// The value of a `TypeAliasType(...)` alias whose definition is `definition`.
pub(crate) fn call_alias_value<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>) -> Type<'db> {
    let Some(value) = crate::class::assigned_call::assigned_call(db, definition).and_then(|call| AliasCall::of(call).value) else {
        return Type::UNKNOWN;
    };
    let mut context = InferContext::for_definition(db, definition);
    context.deferred_annotations = true;
    context.type_expression(value)
}

/// The type parameters of an alias, in order: a `type` statement's `[T, ...]` or a
/// `TypeAliasType(...)` call's `type_params=(T, ...)`.
pub(crate) fn alias_parameters<'db>(db: &'db dyn Db, alias: TypeAliasType<'db>) -> Vec<TypeVarType<'db>> {
    let definition = DefinitionRef::new(db, alias.file(db), alias.definition(db));
    let mut context = InferContext::for_definition(db, definition);
    let typevar = |ty: Type<'db>| match ty {
        Type::TypeVarObject(typevar) => Some(typevar),
        _ => None,
    };
    match &definition.definition(db).kind {
        DefinitionKind::TypeAlias(node) => match &node.type_params {
            Some(type_params) => type_params.type_params.iter().filter_map(|p| typevar(context.type_param_type(p))).collect(),
            None => Vec::new(),
        },
        DefinitionKind::Assignment(_) if let Some(call) = crate::class::assigned_call::assigned_call(db, definition) => {
            match AliasCall::of(call).type_params {
                Some(ast::Expr::Tuple(tuple)) => tuple.elts.iter().filter_map(|element| typevar(context.infer_expression(element))).collect(),
                _ => Vec::new(),
            }
        }
        // `X: TypeAlias = list[T]`: the type variables of the value, in order.
        DefinitionKind::Assignment(_) | DefinitionKind::AnnotatedAssignment(_) => {
            let mut parameters = Vec::new();
            crate::generics::walk_typevars(db, crate::infer::stmt::type_alias_value(db, alias), &mut |typevar| {
                if !parameters.contains(&typevar) {
                    parameters.push(typevar);
                }
            });
            parameters
        }
        _ => Vec::new(),
    }
}

/// `Alias[int]`: the alias's value with its parameters replaced by the arguments.
pub(crate) fn specialize<'db>(db: &'db dyn Db, alias: TypeAliasType<'db>, arguments: &[Type<'db>]) -> Type<'db> {
    let value = crate::infer::stmt::type_alias_value(db, alias);
    let parameters = alias_parameters(db, alias);
    if parameters.is_empty() {
        return value;
    }
    crate::generics::defaults::specialization_with_defaults(db, &parameters, arguments).apply(db, value)
}

/// Attribute lookups on an alias object go to `typing.TypeAliasType`.
pub(crate) fn alias_object_class(db: &dyn Db) -> Option<ClassType<'_>> {
    crate::class::known::module_class(db, KnownModule::Typing, "TypeAliasType").map(|class| ClassType::bare(db, class))
}

impl<'db> InferContext<'db> {
    /// `X = TypeAliasType("X", value, type_params=(...))`: the alias object, after checking
    /// the call's form.
    pub(crate) fn type_alias_type_call(&mut self, call: &ast::ExprCall) -> Type<'db> {
        let db = self.db;
        let definition = crate::class::assigned_call::assignment_of_call(db, self.file, call);
        let variable = definition.and_then(|definition| crate::class::assigned_call::assigned_name(db, definition));
        let alias = match (definition, &variable) {
            (Some(definition), Some(variable)) => Some(TypeAliasType::new(db, Box::<str>::from(variable.as_str()), self.file, definition.id(db))),
            _ => None,
        };
        if self.is_reporting() {
            self.check_type_alias_type_call(call, variable.as_deref(), alias);
        }
        alias.map_or(Type::UNKNOWN, Type::TypeAlias)
    }

    fn check_type_alias_type_call(&mut self, call: &ast::ExprCall, variable: Option<&str>, alias: Option<TypeAliasType<'db>>) {
        let arguments = AliasCall::of(call);
        match (arguments.name, variable) {
            (Some(ast::Expr::StringLiteral(literal)), Some(variable)) if literal.value.to_str() != variable => self.report(
                literal.range(),
                &INVALID_TYPE_ALIAS,
                format!("The name of a `TypeAliasType` (`{}`) must match the variable it is assigned to (`{variable}`)", literal.value.to_str()),
            ),
            (Some(ast::Expr::StringLiteral(_)), Some(_)) => {}
            (Some(ast::Expr::StringLiteral(_)), None) => {
                self.report(call.range(), &INVALID_TYPE_ALIAS, "A `TypeAliasType(...)` must be assigned to a variable of the same name")
            }
            (Some(name), _) => self.report(name.range(), &INVALID_TYPE_ALIAS, "The name of a `TypeAliasType` must be a string literal"),
            (None, _) => self.report(call.range(), &INVALID_TYPE_ALIAS, "`TypeAliasType` needs a name and a value"),
        }
        let mut parameters = Vec::new();
        if let Some(type_params) = arguments.type_params {
            match type_params {
                ast::Expr::Tuple(tuple) => {
                    for element in &tuple.elts {
                        match self.infer_expression(element) {
                            Type::TypeVarObject(typevar) => parameters.push(typevar),
                            other if other.is_dynamic() => {}
                            _ => self.report(element.range(), &INVALID_TYPE_ALIAS, "`type_params` may list only type variables"),
                        }
                    }
                }
                other => {
                    self.infer_expression(other);
                    self.report(other.range(), &INVALID_TYPE_ALIAS, "`type_params` must be a tuple expression of type variables");
                }
            }
        }
        let Some(value) = arguments.value else {
            if arguments.name.is_some() {
                self.report(call.range(), &INVALID_TYPE_ALIAS, "`TypeAliasType` needs a name and a value");
            }
            return;
        };
        // The call evaluates its value at once: only quoted parts may refer forward.
        let value_type = self.type_expression(value);
        self.check_alias_value_typevars(value.range(), value_type, &parameters, false);
        if let Some(alias) = alias
            && crate::aliases::recursive_alias::alias_is_circular(self.db, alias)
        {
            self.report(value.range(), &INVALID_TYPE_ALIAS, format!("Type alias `{}` refers to itself without a generic type in between", alias.name(self.db)));
        }
    }

    /// A `type X[...] = value` statement: its value may use only its own type parameters
    /// (and those of enclosing PEP 695 scopes), and may not be itself.
    pub(crate) fn check_type_statement(&mut self, statement: &ast::StmtTypeAlias, value_type: Type<'db>) {
        let db = self.db;
        let Some(definition) = self.index.definitions_for_node(statement.node_index().load()).first().copied() else { return };
        let definition = DefinitionRef::of(db, self.file, definition);
        let ast::Expr::Name(name) = &*statement.name else { return };
        let alias = TypeAliasType::new(db, Box::<str>::from(name.id.as_str()), self.file, definition.id(db));
        let parameters = alias_parameters(db, alias);
        self.check_alias_value_typevars(statement.value.range(), value_type, &parameters, true);
        if crate::aliases::recursive_alias::alias_is_circular(db, alias) {
            self.report(statement.value.range(), &INVALID_TYPE_ALIAS, format!("Type alias `{}` refers to itself without a generic type in between", name.id));
        }
    }

    /// Type variables of an alias's value that are neither its parameters nor bound by an
    /// enclosing scope. A `type` statement may not use traditional type variables at all
    /// unless an enclosing scope binds them.
    fn check_alias_value_typevars(&mut self, range: TextRange, value_type: Type<'db>, parameters: &[TypeVarType<'db>], type_statement: bool) {
        let db = self.db;
        if !crate::generics::has_typevars(db, value_type) {
            return;
        }
        let bound = self.typevars_bound_at(self.scope);
        let mut reported = Vec::new();
        crate::generics::walk_typevars(db, value_type, &mut |typevar| {
            if !parameters.contains(&typevar) && !bound.contains(&typevar) && &**typevar.name(db) != "Self" && !reported.contains(&typevar) {
                reported.push(typevar);
            }
        });
        for typevar in reported {
            let message = if type_statement {
                format!("Type variable `{}` is not a parameter of this `type` statement", typevar.name(db))
            } else {
                format!("Type variable `{}` is not listed in `type_params`", typevar.name(db))
            };
            self.report(range, &INVALID_TYPE_ALIAS, message);
        }
    }

    /// The type arguments of `alias[...]` for an alias that declares its parameters: matched
    /// against them (a ParamSpec's list, a TypeVarTuple's pack) and checked against their
    /// bounds and constraints.
    pub(crate) fn declared_alias_arguments(&mut self, alias: TypeAliasType<'db>, arguments: &[&ast::Expr], subscript: &ast::ExprSubscript) -> Vec<Type<'db>> {
        let db = self.db;
        let parameters = alias_parameters(db, alias);
        let types: Vec<Type<'db>> = match self.param_spec_type_arguments(alias.name(db), &parameters, arguments, subscript.range) {
            Some(types) => types,
            None => arguments.iter().map(|a| self.type_argument(a)).collect(),
        };
        let types = self.packed_type_arguments(&format!("Type alias `{}`", alias.name(db)), &parameters, types, subscript);
        self.check_alias_arguments(alias, &types, subscript.range);
        types
    }

    /// The arguments of `Alias[...]`: how many the alias takes, and each parameter's bound
    /// and constraints.
    pub(crate) fn check_alias_arguments(&mut self, alias: TypeAliasType<'db>, arguments: &[Type<'db>], range: TextRange) {
        let db = self.db;
        if !self.is_reporting() {
            return;
        }
        let parameters = alias_parameters(db, alias);
        if parameters.is_empty() {
            self.report(range, &INVALID_TYPE_ARGUMENT, format!("Type alias `{}` is not generic", alias.name(db)));
            return;
        }
        let variadic = parameters.iter().any(|p| p.kind(db) != TypeVarKind::TypeVar);
        let required = parameters.iter().filter(|p| p.default(db).is_none()).count();
        if !variadic && (arguments.len() > parameters.len() || arguments.len() < required) {
            self.report(
                range,
                &INVALID_TYPE_ARGUMENT,
                format!("Type alias `{}` expects {} type argument{}, got {}", alias.name(db), parameters.len(), if parameters.len() == 1 { "" } else { "s" }, arguments.len()),
            );
            return;
        }
        // Arguments line up with parameters only before a ParamSpec or TypeVarTuple.
        let leading = parameters.iter().take_while(|p| p.kind(db) == TypeVarKind::TypeVar);
        for (argument, parameter) in arguments.iter().zip(leading) {
            if !crate::generics::argument_bounds::fits_parameter(db, *parameter, *argument) {
                self.report(
                    range,
                    &INVALID_TYPE_ARGUMENT,
                    format!("Type argument `{}` does not satisfy type variable `{}` of alias `{}`", argument.display(db), parameter.name(db), alias.name(db)),
                );
            }
        }
    }
}

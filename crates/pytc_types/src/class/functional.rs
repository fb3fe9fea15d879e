//! Classes a call creates and a name is bound to (`Point = namedtuple("Point", "x y")`,
//! `Point = NamedTuple("Point", [("x", int)])`, `Movie = TypedDict("Movie", {"name": str})`,
//! `Color = Enum("Color", "RED GREEN")`, `UserId = NewType("UserId", int)`). Such a
//! class is identified by its assignment, as a `class` statement class is by its statement;
//! what the call's callee is decides which kind of class it is, and the call's arguments
//! give its fields.

use pytc_db::Db;
use pytc_semantic::UnitRange;
use pytc_syntax::ast;
use pytc_syntax::{Ranged, TextRange};

use crate::class::namedtuple::NamedTupleField;
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, SpecialForm, Type};

/// What kind of class a call created.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub(crate) enum FunctionalKind {
    NewType,
    /// `collections.namedtuple(...)` (fields of any type).
    NamedTupleFactory,
    /// `typing.NamedTuple(...)` (fields with types).
    TypedNamedTuple,
    /// `typing.TypedDict(...)`.
    TypedDict,
    /// An enum class called with a name and members (`Enum("Color", "RED GREEN")`).
    Enum,
}

/// The kind of class the call assigned by `class`'s definition creates; `None` for a class
/// statement. A query: the class's header, fields and members all ask.
#[salsa::tracked(returns(copy), cycle_result = kind_cycle)]
pub(crate) fn functional_kind<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<FunctionalKind> {
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    callee_kind(db, assigned_callee(db, definition)?)
}

/// The callee of the call `definition` assigns, inferred without reporting.
fn assigned_callee<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>) -> Option<Type<'db>> {
    let call = crate::class::assigned_call::assigned_call(db, definition)?;
    let mut context = InferContext::for_definition(db, definition);
    let was = context.suspend_reporting();
    let callee = context.infer_expression(&call.func);
    context.resume_reporting(was);
    Some(callee)
}

fn kind_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> Option<FunctionalKind> {
    None
}

/// The kind of class calling `callee` creates, if it creates one.
pub(crate) fn callee_kind<'db>(db: &'db dyn Db, callee: Type<'db>) -> Option<FunctionalKind> {
    match callee {
        Type::SpecialForm(SpecialForm::NamedTuple) => Some(FunctionalKind::TypedNamedTuple),
        Type::SpecialForm(SpecialForm::TypedDict) => Some(FunctionalKind::TypedDict),
        Type::Function(function) => {
            let file = function.file(db);
            match &**function.name(db) {
                "namedtuple" if KnownModule::Collections.is(db, file) => Some(FunctionalKind::NamedTupleFactory),
                "NewType" if KnownModule::Typing.is(db, file) || KnownModule::TypingExtensions.is(db, file) => Some(FunctionalKind::NewType),
                _ => None,
            }
        }
        Type::ClassObject(class) => {
            let file = class.class(db).file(db);
            let typing = KnownModule::Typing.is(db, file) || KnownModule::TypingExtensions.is(db, file);
            if typing && &**class.class(db).name(db) == "NewType" {
                Some(FunctionalKind::NewType)
            } else {
                is_extensible_enum(db, class).then_some(FunctionalKind::Enum)
            }
        }
        _ => None,
    }
}

impl<'db> InferContext<'db> {
    /// The fields a named tuple call lists, in order, as `(name, type expression, range)`; the
    /// type expression is `None` for `namedtuple`'s untyped fields. A name is a string
    /// literal or an expression of a string literal type (a `Final` name bound to one).
    /// `None` when the fields are not spelled out.
    fn listed_fields<'a>(&mut self, call: &'a ast::ExprCall, typed: bool) -> Option<Vec<(String, Option<&'a ast::Expr>, TextRange)>> {
        let fields = call.arguments.args.get(1).or_else(|| call.arguments.find_keyword(if typed { "fields" } else { "field_names" }).map(|keyword| &keyword.value));
        let Some(fields) = fields else {
            // `NamedTuple("P", x=int, y=int)`: the deprecated form with a keyword per field.
            return keyword_fields(call).filter(|_| typed);
        };
        let elements = match fields {
            ast::Expr::List(list) => &list.elts,
            ast::Expr::Tuple(tuple) => &tuple.elts,
            // `namedtuple("P", "x y")` and `namedtuple("P", "x, y")`.
            ast::Expr::StringLiteral(names) if !typed => {
                let text = names.value.to_str();
                return Some(text.replace(',', " ").split_whitespace().map(|name| (name.to_string(), None, names.range())).collect());
            }
            _ => return None,
        };
        elements
            .iter()
            .map(|element| match (element, typed) {
                (ast::Expr::Tuple(pair), true) => match &pair.elts[..] {
                    [name, ty] => Some((self.field_name(name)?, Some(ty), pair.range())),
                    _ => None,
                },
                (_, true) => None,
                (name, false) => Some((self.field_name(name)?, None, name.range())),
            })
            .collect()
    }

    /// The text of a field name: a string literal, or an expression whose type is one.
    fn field_name(&mut self, name: &ast::Expr) -> Option<String> {
        if let ast::Expr::StringLiteral(literal) = name {
            return Some(literal.value.to_str().to_string());
        }
        let was = self.suspend_reporting();
        let ty = self.infer_expression(name);
        self.resume_reporting(was);
        match ty {
            Type::StringLiteral(literal) => Some(literal.value(self.db).to_string()),
            _ => None,
        }
    }
}

/// The fields `NamedTuple("P", x=int, y=int)` lists as keyword arguments (every keyword of a
/// call with a name and no field list), in order; `None` without keywords.
fn keyword_fields(call: &ast::ExprCall) -> Option<Vec<(String, Option<&ast::Expr>, TextRange)>> {
    let keywords = &call.arguments.keywords;
    if call.arguments.args.len() != 1 || keywords.is_empty() {
        return None;
    }
    keywords.iter().map(|keyword| Some((keyword.arg.as_ref()?.to_string(), Some(&keyword.value), keyword.range()))).collect()
}

/// The fields of a named tuple class created by a call. With `rename=True`, invalid and
/// repeated names become `_<position>`, as at runtime; `defaults=` gives the last fields
/// defaults. Fields that cannot be read leave the class without fields.
pub(crate) fn functional_named_tuple_fields<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<NamedTupleField<'db>> {
    let typed = match functional_kind(db, class) {
        Some(FunctionalKind::TypedNamedTuple) => true,
        Some(FunctionalKind::NamedTupleFactory) => false,
        _ => return Vec::new(),
    };
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    let Some(call) = crate::class::assigned_call::assigned_call(db, definition) else { return Vec::new() };
    let mut context = InferContext::for_definition(db, definition);
    let Some(listed) = context.listed_fields(call, typed) else { return Vec::new() };
    let rename = !typed && call.arguments.find_keyword("rename").is_some_and(|keyword| matches!(&keyword.value, ast::Expr::BooleanLiteral(value) if value.value));
    let defaults = if typed { 0 } else { default_count(call) };
    let was = context.suspend_reporting();
    let mut fields: Vec<NamedTupleField<'db>> = Vec::with_capacity(listed.len());
    let first_default = listed.len().saturating_sub(defaults);
    for (position, (name, annotation, range)) in listed.into_iter().enumerate() {
        let repeated = fields.iter().any(|field| *field.name == *name);
        let name = if rename && (invalid_field_name(&name).is_some() || repeated) { format!("_{position}") } else { name };
        let ty = annotation.map_or(Type::ANY, |annotation| context.type_expression(annotation));
        fields.push(NamedTupleField { name: name.into_boxed_str(), ty, has_default: position >= first_default, range: UnitRange::new(context.index, range) });
    }
    context.resume_reporting(was);
    fields
}

/// How many fields `defaults=` covers: the length of a literal list or tuple.
fn default_count(call: &ast::ExprCall) -> usize {
    match call.arguments.find_keyword("defaults").map(|keyword| &keyword.value) {
        Some(ast::Expr::List(list)) => list.elts.len(),
        Some(ast::Expr::Tuple(tuple)) => tuple.elts.len(),
        _ => 0,
    }
}

/// Why `name` cannot name a named tuple field, or `None` when it can.
pub(crate) fn invalid_field_name(name: &str) -> Option<&'static str> {
    if name.starts_with('_') {
        Some("it starts with an underscore")
    } else if !is_identifier(name) {
        Some("it is not an identifier")
    } else if is_keyword(name) {
        Some("it is a keyword")
    } else {
        None
    }
}

fn is_identifier(name: &str) -> bool {
    let mut characters = name.chars();
    characters.next().is_some_and(|first| first.is_alphabetic() || first == '_') && characters.all(|c| c.is_alphanumeric() || c == '_')
}

fn is_keyword(name: &str) -> bool {
    matches!(
        name,
        "False" | "None" | "True" | "and" | "as" | "assert" | "async" | "await" | "break" | "class" | "continue" | "def" | "del" | "elif" | "else"
            | "except" | "finally" | "for" | "from" | "global" | "if" | "import" | "in" | "is" | "lambda" | "nonlocal" | "not" | "or" | "pass"
            | "raise" | "return" | "try" | "while" | "with" | "yield"
    )
}

impl<'db> InferContext<'db> {
    /// `Point = namedtuple("Point", "x y")` or `Point = NamedTuple("Point", [("x", int)])`:
    /// the class the call creates, after checking its fields. `Unknown` when the call is not
    /// bound to a name or its fields are not spelled out, so nothing about them is assumed.
    pub(crate) fn named_tuple_call(&mut self, call: &ast::ExprCall, typed: bool) -> Type<'db> {
        let db = self.db;
        let listed = self.listed_fields(call, typed);
        for (position, argument) in call.arguments.args.iter().enumerate() {
            match (&listed, position) {
                (Some(listed), 1) if typed => {
                    for annotation in listed.iter().filter_map(|(_, annotation, _)| *annotation) {
                        self.type_expression(annotation);
                    }
                }
                _ => {
                    self.infer_expression(argument);
                }
            }
        }
        let keyword_form = typed && keyword_fields(call).is_some();
        if keyword_form {
            for keyword in &call.arguments.keywords {
                self.type_expression(&keyword.value);
            }
            self.report_deprecated(call.range(), "form `NamedTuple(name, field=type, ...)`", "pass the fields as a list of `(name, type)` pairs");
        } else {
            for keyword in &call.arguments.keywords {
                self.infer_expression(&keyword.value);
            }
            self.check_named_tuple_keywords(call, typed);
        }
        let Some(listed) = listed else { return Type::UNKNOWN };
        let readable_defaults = call.arguments.find_keyword("defaults").is_none_or(|keyword| matches!(keyword.value, ast::Expr::List(_) | ast::Expr::Tuple(_)));
        // `rename=` with anything but `False` may replace invalid names instead of failing.
        let may_rename = call.arguments.find_keyword("rename").is_some_and(|keyword| !matches!(&keyword.value, ast::Expr::BooleanLiteral(value) if !value.value));
        if self.is_reporting() && !may_rename {
            self.check_field_names(&listed);
        }
        if self.is_reporting() && !typed && readable_defaults {
            self.check_default_count(call, listed.len());
        }
        let Some(definition) = crate::class::assigned_call::assignment_of_call(db, self.file, call) else { return Type::UNKNOWN };
        let Some(variable) = crate::class::assigned_call::assigned_name(db, definition) else { return Type::UNKNOWN };
        if let Some(ast::Expr::StringLiteral(name)) = call.arguments.args.first()
            && name.value.to_str() != variable
        {
            let function = if typed { "NamedTuple" } else { "namedtuple" };
            self.report(
                name.range(),
                &crate::class::synthesized_checks::INVALID_NAMED_TUPLE,
                format!("The name given to `{function}` (`{}`) must match the variable it is assigned to (`{variable}`)", name.value.to_str()),
            );
        }
        if !readable_defaults {
            return Type::UNKNOWN;
        }
        let class = ClassLiteral::new(db, self.file, definition.id(db), Box::<str>::from(variable.as_str()));
        Type::ClassObject(crate::types::ClassType::bare(db, class))
    }

    /// Keywords a functional named tuple rejects at run time: `NamedTuple` given its fields as
    /// a list takes no keywords (they would be fields too), and `namedtuple` takes only its
    /// own parameters (`typename`, `field_names`, `rename`, `defaults`, `module`).
    fn check_named_tuple_keywords(&mut self, call: &ast::ExprCall, typed: bool) {
        for keyword in &call.arguments.keywords {
            let Some(name) = &keyword.arg else { continue };
            if typed && call.arguments.args.len() >= 2 {
                self.report(
                    keyword.range(),
                    &crate::class::synthesized_checks::INVALID_NAMED_TUPLE,
                    format!("`NamedTuple` takes its fields as a list or as keywords, not both (`{name}`)"),
                );
            } else if !typed && !matches!(name.as_str(), "typename" | "field_names" | "rename" | "defaults" | "module") {
                self.report(keyword.range(), &crate::call::UNKNOWN_ARGUMENT, format!("Argument `{name}` does not match any known parameter of `namedtuple`"));
            }
        }
    }

    /// `namedtuple(..., defaults=[...])` with more defaults than fields raises `TypeError`.
    fn check_default_count(&mut self, call: &ast::ExprCall, field_count: usize) {
        let defaults = default_count(call);
        if defaults > field_count
            && let Some(keyword) = call.arguments.find_keyword("defaults")
        {
            self.report(
                keyword.value.range(),
                &crate::class::synthesized_checks::INVALID_NAMED_TUPLE,
                format!("`defaults` gives {defaults} values for {field_count} fields"),
            );
        }
    }

    fn check_field_names(&mut self, listed: &[(String, Option<&ast::Expr>, TextRange)]) {
        for (position, (name, _, range)) in listed.iter().enumerate() {
            if listed[..position].iter().any(|(earlier, _, _)| earlier == name) {
                self.report(*range, &crate::class::synthesized_checks::INVALID_NAMED_TUPLE, format!("Field name `{name}` is repeated"));
            } else if let Some(reason) = invalid_field_name(name) {
                self.report(*range, &crate::class::synthesized_checks::INVALID_NAMED_TUPLE, format!("`{name}` cannot be a field name: {reason}"));
            }
        }
    }
}

/// The items a `TypedDict(...)` call lists: `(key, annotation expression)` pairs of its
/// dictionary display. `None` when the second argument is not a display with string keys.
pub(crate) fn typed_dict_call_items(call: &ast::ExprCall) -> Option<Vec<(String, &ast::Expr)>> {
    let ast::Expr::Dict(dict) = call.arguments.args.get(1)? else { return None };
    dict.items
        .iter()
        .map(|item| match (&item.key, &item.value) {
            (Some(ast::Expr::StringLiteral(key)), value) => Some((key.value.to_str().to_string(), value)),
            _ => None,
        })
        .collect()
}

/// The `TypedDict(...)` call that created `class`, when it did.
pub(crate) fn typed_dict_call<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<(DefinitionRef<'db>, &'db ast::ExprCall)> {
    if functional_kind(db, class) != Some(FunctionalKind::TypedDict) {
        return None;
    }
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    Some((definition, crate::class::assigned_call::assigned_call(db, definition)?))
}

/// Whether a `TypedDict(...)` call says `total=False`.
pub(crate) fn is_not_total(call: &ast::ExprCall) -> bool {
    call.arguments.find_keyword("total").is_some_and(|keyword| matches!(&keyword.value, ast::Expr::BooleanLiteral(value) if !value.value))
}

impl<'db> InferContext<'db> {
    /// `Movie = TypedDict("Movie", {"name": str, "year": int})`: the TypedDict class, after
    /// checking the call's form (the spec's rules: a string literal naming the variable, a
    /// dictionary display with string-literal keys, only `total`, `closed` and
    /// `extra_items` as keywords).
    pub(crate) fn typed_dict_functional_call(&mut self, call: &ast::ExprCall) -> Type<'db> {
        let db = self.db;
        let rule = &crate::typed_dict::INVALID_TYPED_DICT_DEFINITION;
        let definition = crate::class::assigned_call::assignment_of_call(db, self.file, call);
        let variable = definition.and_then(|definition| crate::class::assigned_call::assigned_name(db, definition));
        let items = typed_dict_call_items(call);
        match &call.arguments.args[..] {
            [name, _] => {
                self.infer_expression(name);
                match (name, variable.as_deref()) {
                    (ast::Expr::StringLiteral(literal), Some(variable)) if literal.value.to_str() != variable => self.report(
                        name.range(),
                        rule,
                        format!("The name of a TypedDict (`{}`) must match the variable it is assigned to (`{variable}`)", literal.value.to_str()),
                    ),
                    (ast::Expr::StringLiteral(_), _) => {}
                    _ => self.report(name.range(), rule, "The first argument of `TypedDict` must be a string literal"),
                }
            }
            _ => {
                for argument in &call.arguments.args {
                    self.infer_expression(argument);
                }
                self.report(call.range(), rule, "`TypedDict` takes two positional arguments: a name and a dictionary of items");
            }
        }
        match (&items, call.arguments.args.get(1)) {
            (Some(items), _) => {
                for (_, annotation) in items {
                    self.annotation_declared_type(annotation);
                    crate::typed_dict::check_repeated_qualifiers(self, annotation);
                }
            }
            (None, Some(fields)) => {
                self.infer_expression(fields);
                self.report(fields.range(), rule, "The items of a `TypedDict` must be a dictionary display with string-literal keys");
            }
            (None, None) => {}
        }
        for keyword in &call.arguments.keywords {
            // `extra_items=` is an annotation (see `check_openness_keywords`).
            if keyword.arg.as_ref().is_none_or(|arg| arg.as_str() != "extra_items") {
                self.infer_expression(&keyword.value);
            }
            let known = keyword.arg.as_ref().is_some_and(|arg| matches!(arg.as_str(), "total" | "closed" | "extra_items"));
            if !known {
                self.report(keyword.range(), rule, "`TypedDict` accepts only `total`, `closed` and `extra_items` as keyword arguments");
            }
        }
        self.check_openness_keywords(&call.arguments.keywords);
        if variable.is_none() {
            self.report(call.range(), rule, "A `TypedDict(...)` call must be assigned to a variable of the same name");
        }
        let (Some(definition), Some(variable), Some(_)) = (definition, variable, items) else { return Type::UNKNOWN };
        let class = ClassLiteral::new(db, self.file, definition.id(db), Box::<str>::from(variable.as_str()));
        Type::ClassObject(crate::types::ClassType::bare(db, class))
    }
}

/// An enum class without members, which a call with a name and members extends.
fn is_extensible_enum<'db>(db: &'db dyn Db, class: crate::types::ClassType<'db>) -> bool {
    crate::infer::literal::is_enum_class(db, class.class(db)) && crate::infer::literal::enum_members(db, class.class(db)).is_empty()
}

/// Whether calling `callee` with these arguments creates an enum class (a name and members)
/// rather than looking a member up by value (`Color(1)`).
pub(crate) fn is_functional_enum_call<'db>(db: &'db dyn Db, callee: Type<'db>, call: &ast::ExprCall) -> bool {
    matches!(callee, Type::ClassObject(class) if is_extensible_enum(db, class))
        && (call.arguments.args.len() >= 2 || call.arguments.find_keyword("names").is_some())
}

/// The member names a functional enum call lists: a string of names, a list or tuple of
/// names or of `(name, value)` pairs, or a dictionary display of names to values. `None`
/// when they are not spelled out literally.
fn enum_call_member_names(call: &ast::ExprCall) -> Option<Vec<String>> {
    let names = call.arguments.args.get(1).or_else(|| call.arguments.find_keyword("names").map(|keyword| &keyword.value))?;
    let string = |expr: &ast::Expr| match expr {
        ast::Expr::StringLiteral(name) => Some(name.value.to_str().to_string()),
        _ => None,
    };
    let elements = match names {
        ast::Expr::StringLiteral(names) => return Some(names.value.to_str().replace(',', " ").split_whitespace().map(str::to_string).collect()),
        ast::Expr::Dict(dict) => return dict.items.iter().map(|item| item.key.as_ref().and_then(string)).collect(),
        ast::Expr::List(list) => &list.elts,
        ast::Expr::Tuple(tuple) => &tuple.elts,
        _ => return None,
    };
    elements
        .iter()
        .map(|element| match element {
            ast::Expr::Tuple(pair) if pair.elts.len() == 2 => string(&pair.elts[0]),
            other => string(other),
        })
        .collect()
}

/// The members of an enum class a call created, in order.
pub(crate) fn functional_enum_member_names<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<String> {
    if functional_kind(db, class) != Some(FunctionalKind::Enum) {
        return Vec::new();
    }
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    crate::class::assigned_call::assigned_call(db, definition).and_then(enum_call_member_names).unwrap_or_default()
}

/// The enum class a functional enum extends (the class called).
pub(crate) fn functional_enum_base<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<crate::types::ClassType<'db>> {
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    match assigned_callee(db, definition)? {
        Type::ClassObject(base) => Some(base),
        _ => None,
    }
}

/// A member of a functional enum, as a class attribute (the enum literal is made from it).
pub(crate) fn synthesized_enum_member<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<Type<'db>> {
    functional_enum_member_names(db, class)
        .iter()
        .any(|member| member == name)
        .then(|| Type::Instance(crate::types::ClassType::bare(db, class)))
}

impl<'db> InferContext<'db> {
    /// `Color = Enum("Color", "RED GREEN")`: the enum class, when the call is bound to a name
    /// and its members are spelled out; else `Unknown`.
    pub(crate) fn enum_functional_call(&mut self, call: &ast::ExprCall) -> Type<'db> {
        let db = self.db;
        for argument in call.arguments.iter_source_order() {
            match argument {
                ast::ArgOrKeyword::Arg(expression) => self.infer_expression(expression),
                ast::ArgOrKeyword::Keyword(keyword) => self.infer_expression(&keyword.value),
            };
        }
        if enum_call_member_names(call).is_none() {
            return Type::UNKNOWN;
        }
        let Some(definition) = crate::class::assigned_call::assignment_of_call(db, self.file, call) else { return Type::UNKNOWN };
        let Some(variable) = crate::class::assigned_call::assigned_name(db, definition) else { return Type::UNKNOWN };
        let class = ClassLiteral::new(db, self.file, definition.id(db), Box::<str>::from(variable.as_str()));
        Type::ClassObject(crate::types::ClassType::bare(db, class))
    }
}

//! The fields of a dataclass: annotated class-body names in source order (`ClassVar`s and
//! the `KW_ONLY` sentinel excluded, `InitVar`s included), with what field specifier calls
//! (`field(default=..., init=False, kw_only=True, alias=...)`) say about each, and the
//! fields of dataclass bases merged in MRO order.

use pytc_db::Db;
use pytc_semantic::{DefinitionKind, UnitRange};
use pytc_syntax::ast::{self, HasNodeIndex};
use pytc_syntax::Ranged;

use crate::call::{Argument, ArgumentKind};
use crate::class::dataclass::converter::{FieldConverter, field_converter};
use crate::class::dataclass::params::{DataclassParams, dataclass_params, static_bool};
use crate::function::{FunctionFlags, FunctionType};
use crate::infer::InferContext;
use crate::infer::annotation::Declared;
use crate::modules::KnownModule;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, SpecialForm, Type};

/// One dataclass field.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct DataclassField<'db> {
    pub name: Box<str>,
    /// The declared type (`InitVar[T]` unwrapped to `T`).
    pub ty: Type<'db>,
    /// The type `__init__` accepts for it (a descriptor's `__set__` value type).
    pub init_type: Type<'db>,
    pub has_default: bool,
    /// Whether `__init__` takes it.
    pub init: bool,
    pub kw_only: bool,
    /// Declared `InitVar[...]`: an `__init__` (and `__post_init__`) parameter only.
    pub init_var: bool,
    /// The `__init__` parameter name when a field specifier gives an `alias`.
    pub alias: Option<Box<str>>,
    /// The class whose body declares it.
    pub owner: ClassLiteral<'db>,
    /// The field specifier's `converter=`: `init_type` is then what the converter accepts.
    pub converter: Option<FieldConverter<'db>>,
    /// The default a field specifier gives (`default=`, or what `default_factory=` or
    /// `factory=` returns) and its argument's range.
    pub specified_default: Option<SpecifiedDefault<'db>>,
    /// The second of `default=`, `default_factory=` and `factory=` when a field specifier
    /// call gives more than one.
    pub conflicting_default: Option<UnitRange>,
    /// The field's statement (for diagnostics about it).
    pub range: UnitRange,
}

/// A default given to a field specifier: its type and where the argument is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct SpecifiedDefault<'db> {
    pub ty: Type<'db>,
    pub range: UnitRange,
}

impl DataclassField<'_> {
    /// The name of its `__init__` parameter.
    pub fn parameter_name(&self) -> &str {
        self.alias.as_deref().unwrap_or(&self.name)
    }
}

/// The fields `class`'s own body declares. A query: the synthesized `__init__` of the class
/// and of every subclass reads them.
#[salsa::tracked(returns(ref), cycle_result = fields_cycle)]
pub fn own_fields<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<DataclassField<'db>> {
    let Some(params) = dataclass_params(db, class) else { return Vec::new() };
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    let DefinitionKind::Class(node) = &definition.definition(db).kind else { return Vec::new() };
    let index = definition.index(db);
    let Some(scope) = index.scope_defined_by(node.node().node_index().load()) else { return Vec::new() };
    let mut collector = FieldCollector { context: InferContext::quiet(db, class.file(db), scope), params, class, kw_only: params.kw_only, fields: Vec::new() };
    collector.collect(&node.body);
    collector.fields
}

fn fields_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> Vec<DataclassField<'db>> {
    Vec::new()
}

/// Every field of a dataclass, bases first in reverse MRO order; a field redeclared by a
/// subclass keeps its original position. A query: each constructor call reads it.
#[salsa::tracked(returns(ref), cycle_result = all_fields_cycle)]
pub fn all_fields<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<DataclassField<'db>> {
    let mut fields: Vec<DataclassField<'db>> = Vec::new();
    let mro = crate::class::class_mro(db, class);
    let classes = mro.classes.iter().rev().map(|entry| entry.class(db)).chain(std::iter::once(class));
    for owner in classes {
        for field in own_fields(db, owner) {
            match fields.iter_mut().find(|existing| existing.name == field.name) {
                Some(existing) => *existing = field.clone(),
                None => fields.push(field.clone()),
            }
        }
    }
    fields
}

fn all_fields_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> Vec<DataclassField<'db>> {
    Vec::new()
}

struct FieldCollector<'a, 'db> {
    context: InferContext<'db>,
    params: &'a DataclassParams<'db>,
    class: ClassLiteral<'db>,
    /// Whether fields from here on are keyword-only (the class option, or after `KW_ONLY`).
    kw_only: bool,
    fields: Vec<DataclassField<'db>>,
}

impl<'db> FieldCollector<'_, 'db> {
    fn collect(&mut self, body: &[ast::Stmt]) {
        for stmt in body {
            if !self.context.index.is_node_reachable(stmt) {
                continue;
            }
            match stmt {
                ast::Stmt::AnnAssign(assign) => self.annotated(assign),
                ast::Stmt::If(if_stmt) => {
                    self.collect(&if_stmt.body);
                    for clause in &if_stmt.elif_else_clauses {
                        self.collect(&clause.body);
                    }
                }
                _ => {}
            }
        }
    }

    fn annotated(&mut self, assign: &ast::StmtAnnAssign) {
        let db = self.context.db;
        let ast::Expr::Name(target) = &*assign.target else { return };
        if is_class_var(&mut self.context, &assign.annotation) {
            return;
        }
        let declared = match self.context.annotation_declared_type(&assign.annotation) {
            Declared::Type(ty) => ty,
            // A bare `Final` (the only such annotation of a field, `ClassVar` aside): the
            // field has the type of its value as a `Final` name does, literals kept.
            Declared::InferFromValue => match &assign.value {
                Some(value) => self.context.infer_expression(value),
                None => Type::UNKNOWN,
            },
        };
        if is_dataclasses_class(db, declared, "KW_ONLY") {
            self.kw_only = true;
            return;
        }
        let init_var = annotation_names_init_var(&mut self.context, &assign.annotation);
        let ty = declared;
        let mut field = DataclassField {
            name: Box::from(target.id.as_str()),
            ty,
            init_type: descriptor_value_type(db, ty).unwrap_or(ty),
            has_default: assign.value.is_some(),
            init: true,
            kw_only: self.kw_only,
            init_var,
            alias: None,
            owner: self.class,
            converter: None,
            specified_default: None,
            conflicting_default: None,
            range: UnitRange::new(self.context.index, assign.range()),
        };
        if let Some(ast::Expr::Call(call)) = assign.value.as_deref()
            && let callee = self.quiet_type(&call.func)
            && self.params.field_specifiers.iter().any(|specifier| *specifier == callee)
        {
            self.apply_specifier(&mut field, callee, call);
        }
        self.fields.push(field);
    }

    fn quiet_type(&mut self, expression: &ast::Expr) -> Type<'db> {
        let was = self.context.suspend_reporting();
        let ty = self.context.infer_expression(expression);
        self.context.resume_reporting(was);
        ty
    }

    /// What a field specifier call says: its explicit keywords, else the defaults of the
    /// overload it matches (`init: Literal[False] = False`).
    fn apply_specifier(&mut self, field: &mut DataclassField<'db>, callee: Type<'db>, call: &ast::ExprCall) {
        let db = self.context.db;
        field.has_default = false;
        let mut init = None;
        let mut kw_only = None;
        for keyword in &call.arguments.keywords {
            let Some(name) = &keyword.arg else { continue };
            match name.as_str() {
                "default" | "default_factory" | "factory" => {
                    if field.has_default {
                        field.conflicting_default = Some(UnitRange::new(self.context.index, keyword.range));
                    }
                    field.has_default = true;
                    let value = self.quiet_type(&keyword.value);
                    let default = if name.as_str() == "default" { value } else { crate::call::call_with_argument_types(db, value, &[]).unwrap_or(Type::UNKNOWN) };
                    field.specified_default = Some(SpecifiedDefault { ty: default, range: UnitRange::new(self.context.index, keyword.value.range()) });
                }
                "converter" => {
                    let converter = self.quiet_type(&keyword.value);
                    field.converter = Some(field_converter(db, converter, field.ty, UnitRange::new(self.context.index, keyword.value.range())));
                }
                "init" => init = static_bool(&mut self.context, &keyword.value),
                "kw_only" => kw_only = static_bool(&mut self.context, &keyword.value),
                "alias" => {
                    if let ast::Expr::StringLiteral(alias) = &keyword.value {
                        field.alias = Some(Box::from(alias.value.to_str()));
                    }
                }
                _ => {}
            }
        }
        if init.is_none() || kw_only.is_none() {
            let arguments = self.call_arguments(call);
            if let Some(function) = matching_specifier_function(db, callee, &arguments) {
                init = init.or_else(|| parameter_default_bool(db, function, "init"));
                // Only an overload's `Literal` says it: a plain `kw_only: bool = False` default
                // means "unspecified", which leaves the class's setting.
                kw_only = kw_only.or_else(|| literal_parameter_bool(db, function, "kw_only"));
            }
        }
        field.init = init.unwrap_or(true);
        field.kw_only = kw_only.unwrap_or(field.kw_only);
        if let Some(converter) = &field.converter {
            field.init_type = converter.input;
        }
    }

    fn call_arguments(&mut self, call: &ast::ExprCall) -> Vec<Argument<'db>> {
        let mut arguments = Vec::new();
        for argument in call.arguments.iter_source_order() {
            match argument {
                ast::ArgOrKeyword::Arg(expression) => {
                    let ty = self.quiet_type(expression);
                    arguments.push(Argument { kind: ArgumentKind::Positional, ty, range: expression.range(), literals: crate::call::LiteralOrigin::Written });
                }
                ast::ArgOrKeyword::Keyword(keyword) => {
                    let ty = self.quiet_type(&keyword.value);
                    let kind = match &keyword.arg {
                        Some(name) => ArgumentKind::Keyword(name.to_string()),
                        None => ArgumentKind::UnpackedMapping,
                    };
                    arguments.push(Argument { kind, ty, range: keyword.range, literals: crate::call::LiteralOrigin::Written });
                }
            }
        }
        arguments
    }
}

/// The qualifier or special form at the head of an annotation (`ClassVar` in `ClassVar[int]`).
fn annotation_head<'db>(context: &mut InferContext<'db>, annotation: &ast::Expr) -> Option<SpecialForm> {
    let head = match annotation {
        ast::Expr::Subscript(subscript) => &*subscript.value,
        other => other,
    };
    if !matches!(head, ast::Expr::Name(_) | ast::Expr::Attribute(_)) {
        return None;
    }
    let was = context.suspend_reporting();
    let ty = context.infer_expression(head);
    context.resume_reporting(was);
    match ty {
        Type::SpecialForm(form) => Some(form),
        _ => None,
    }
}

/// Whether the annotation is `ClassVar[...]`, bare `ClassVar`, or `Annotated[ClassVar[...], ...]`.
fn is_class_var(context: &mut InferContext<'_>, annotation: &ast::Expr) -> bool {
    match annotation_head(context, annotation) {
        Some(SpecialForm::ClassVar) => true,
        Some(SpecialForm::Annotated) => match annotation {
            ast::Expr::Subscript(subscript) => match &*subscript.slice {
                ast::Expr::Tuple(tuple) => tuple.elts.first().is_some_and(|inner| is_class_var(context, inner)),
                _ => false,
            },
            _ => false,
        },
        _ => false,
    }
}

/// Whether the annotation is `InitVar[...]` (whose declared type is its argument).
fn annotation_names_init_var(context: &mut InferContext<'_>, annotation: &ast::Expr) -> bool {
    let ast::Expr::Subscript(subscript) = annotation else { return false };
    let was = context.suspend_reporting();
    let head = context.infer_expression(&subscript.value);
    context.resume_reporting(was);
    matches!(head, Type::ClassObject(class) if class.name(context.db) == "InitVar" && KnownModule::Dataclasses.is(context.db, class.class(context.db).file(context.db)))
}

/// Whether `ty` is an instance of `dataclasses.<name>`.
fn is_dataclasses_class(db: &dyn Db, ty: Type<'_>, name: &str) -> bool {
    matches!(ty, Type::Instance(class) if class.name(db) == name && KnownModule::Dataclasses.is(db, class.class(db).file(db)))
}

/// The value type a data descriptor's `__set__` accepts.
fn descriptor_value_type<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<Type<'db>> {
    let Type::Instance(class) = ty else { return None };
    crate::class::class_member(db, class, "__set__")?;
    let setter = crate::infer::attribute::member_access(db, ty, "__set__").found()?;
    let signature = crate::call::single_signature(db, setter)?;
    signature.parameters.get(1).map(|parameter| parameter.annotated)
}

/// The function (one overload, or a class's `__init__`) a field specifier call matches.
fn matching_specifier_function<'db>(db: &'db dyn Db, callee: Type<'db>, arguments: &[Argument<'db>]) -> Option<FunctionType<'db>> {
    let function = match callee {
        Type::Function(function) => function,
        Type::ClassObject(class) => match crate::class::class_member(db, class, "__init__")?.ty {
            Type::Function(init) => init,
            _ => return None,
        },
        _ => return None,
    };
    let mut candidates = crate::infer::function::overload_group(db, function);
    if candidates.is_empty() {
        return Some(function);
    }
    if !function.has(db, FunctionFlags::OVERLOAD) {
        candidates.retain(|candidate| *candidate != function);
    }
    candidates.into_iter().find(|candidate| {
        let signature = crate::infer::function::own_signature(db, *candidate);
        let signature = if candidate.has(db, FunctionFlags::METHOD) { signature.without_first_parameter() } else { signature };
        matches!(crate::call::evaluate_call(db, crate::call::callable_of(db, vec![signature]), arguments), crate::call::CallOutcome::Success(_))
    })
}

/// The boolean a parameter's `Literal[True/False]` annotation fixes.
fn literal_parameter_bool(db: &dyn Db, function: FunctionType<'_>, name: &str) -> Option<bool> {
    let signature = crate::infer::function::own_signature(db, function);
    match signature.parameters.iter().find(|parameter| parameter.name.as_deref() == Some(name))?.annotated {
        Type::BoolLiteral(value) => Some(value),
        _ => None,
    }
}

/// The boolean a parameter defaults to: its `Literal[True/False]` annotation, or a literal
/// `True`/`False` default.
fn parameter_default_bool(db: &dyn Db, function: FunctionType<'_>, name: &str) -> Option<bool> {
    if let Some(value) = literal_parameter_bool(db, function, name) {
        return Some(value);
    }
    let definition = function.definition_ref(db);
    let DefinitionKind::Function(node) = &definition.definition(db).kind else { return None };
    let parameter = node.parameters.iter_non_variadic_params().find(|parameter| parameter.parameter.name.as_str() == name)?;
    match parameter.default.as_deref() {
        Some(ast::Expr::BooleanLiteral(literal)) => Some(literal.value),
        _ => None,
    }
}

//! What makes a class a dataclass and with which options: the standard `@dataclass(...)`
//! decorator, or a `dataclass_transform` (PEP 681) decorator function, base class or
//! metaclass, adjusted by the decorator's arguments or the class's keywords.

use pytc_db::Db;
use pytc_semantic::DefinitionKind;
use pytc_syntax::ast;

use crate::function::FunctionType;
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, Type};

/// The options of one dataclass (after defaults, decorator arguments and class keywords).
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct DataclassParams<'db> {
    pub init: bool,
    pub eq: bool,
    pub order: bool,
    pub frozen: bool,
    pub unsafe_hash: bool,
    pub kw_only: bool,
    pub match_args: bool,
    pub slots: bool,
    /// The callables and classes whose calls describe a field (`dataclasses.field`, or a
    /// transform's `field_specifiers`).
    pub field_specifiers: Vec<Type<'db>>,
    /// Created by the standard library decorator (whose extra rules, such as field order,
    /// apply) rather than a `dataclass_transform`.
    pub is_stdlib: bool,
}

/// The arguments of a `dataclass_transform(...)` call.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct TransformSpec<'db> {
    eq_default: bool,
    order_default: bool,
    kw_only_default: bool,
    frozen_default: bool,
    field_specifiers: Vec<Type<'db>>,
}

impl<'db> TransformSpec<'db> {
    fn into_params(self) -> DataclassParams<'db> {
        DataclassParams {
            init: true,
            eq: self.eq_default,
            order: self.order_default,
            frozen: self.frozen_default,
            unsafe_hash: false,
            kw_only: self.kw_only_default,
            match_args: true,
            slots: false,
            field_specifiers: self.field_specifiers,
            is_stdlib: false,
        }
    }
}

/// The dataclass options of `class`, or `None` when it is not a dataclass. A class that
/// itself carries `dataclass_transform`, or names a transforming metaclass directly, is
/// not a dataclass (its subclasses are). A query: every member lookup on a class asks.
#[salsa::tracked(returns(ref), cycle_result = params_cycle)]
pub fn dataclass_params<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<DataclassParams<'db>> {
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    let DefinitionKind::Class(node) = &definition.definition(db).kind else { return None };
    let mut context = InferContext::for_definition(db, definition);
    for decorator in &node.decorator_list {
        let (callee, keywords): (&ast::Expr, &[ast::Keyword]) = match &decorator.expression {
            ast::Expr::Call(call) => (&call.func, &call.arguments.keywords),
            other => (other, &[]),
        };
        let Type::Function(function) = context.infer_expression(callee) else { continue };
        let base = if is_stdlib_dataclass(db, function) {
            Some(stdlib_defaults(db))
        } else {
            function_transform(db, function).map(TransformSpec::into_params)
        };
        if let Some(mut params) = base {
            apply_keywords(&mut context, &mut params, keywords);
            return Some(params);
        }
    }
    if carries_transform(db, class) {
        return None;
    }
    let keywords: &[ast::Keyword] = node.arguments.as_ref().map_or(&[], |arguments| &arguments.keywords);
    let transforming_ancestor = crate::class::lineage::first_ancestor(db, class, transform_owner, |ancestor| carries_transform(db, ancestor));
    if let Some(spec) = transforming_ancestor.and_then(|ancestor| class_transform(db, ancestor)) {
        let mut params = spec.into_params();
        apply_keywords(&mut context, &mut params, keywords);
        return Some(params);
    }
    if let Type::Instance(metaclass) = crate::class::metaclass_instance(db, class)
        && let Some(spec) = class_transform(db, metaclass.class(db))
    {
        let names_metaclass_directly = matches!(crate::class::class_header(db, class).metaclass, Some(Type::ClassObject(declared)) if declared.class(db) == metaclass.class(db));
        if names_metaclass_directly {
            return None;
        }
        let mut params = spec.into_params();
        apply_keywords(&mut context, &mut params, keywords);
        return Some(params);
    }
    None
}

fn params_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> Option<DataclassParams<'db>> {
    None
}

/// Whether `class` is a dataclass (standard or transformed).
pub fn is_dataclass(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    dataclass_params(db, class).is_some()
}

fn is_stdlib_dataclass(db: &dyn Db, function: FunctionType<'_>) -> bool {
    &**function.name(db) == "dataclass" && KnownModule::Dataclasses.is(db, function.file(db))
}

fn stdlib_defaults<'db>(db: &'db dyn Db) -> DataclassParams<'db> {
    let mut field_specifiers = Vec::new();
    if let Some(module) = KnownModule::Dataclasses.file(db) {
        for name in ["field", "Field"] {
            if let Some(ty) = crate::infer::public::module_symbol(db, module, name) {
                field_specifiers.push(ty);
            }
        }
    }
    DataclassParams {
        init: true,
        eq: true,
        order: false,
        frozen: false,
        unsafe_hash: false,
        kw_only: false,
        match_args: true,
        slots: false,
        field_specifiers,
        is_stdlib: true,
    }
}

/// Override options with the statically known booleans among `keywords`.
fn apply_keywords<'db>(context: &mut InferContext<'db>, params: &mut DataclassParams<'db>, keywords: &[ast::Keyword]) {
    for keyword in keywords {
        let Some(name) = &keyword.arg else { continue };
        let Some(value) = static_bool(context, &keyword.value) else { continue };
        match name.as_str() {
            "init" => params.init = value,
            "eq" => params.eq = value,
            "order" => params.order = value,
            "frozen" => params.frozen = value,
            "unsafe_hash" => params.unsafe_hash = value,
            "kw_only" => params.kw_only = value,
            "match_args" => params.match_args = value,
            "slots" => params.slots = value,
            _ => {}
        }
    }
}

/// The value of an expression whose type is `Literal[True]` or `Literal[False]`.
pub(crate) fn static_bool(context: &mut InferContext<'_>, expression: &ast::Expr) -> Option<bool> {
    if let ast::Expr::BooleanLiteral(literal) = expression {
        return Some(literal.value);
    }
    let was = context.suspend_reporting();
    let ty = context.infer_expression(expression);
    context.resume_reporting(was);
    match ty {
        Type::BoolLiteral(value) => Some(value),
        _ => None,
    }
}

/// The transform a decorator function declares, on itself or on any of its overloads.
fn function_transform<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Option<TransformSpec<'db>> {
    let mut candidates = vec![function];
    candidates.extend(crate::infer::function::overload_group(db, function));
    candidates.into_iter().find_map(|candidate| {
        let definition = candidate.definition_ref(db);
        let DefinitionKind::Function(node) = &definition.definition(db).kind else { return None };
        transform_from_decorators(db, definition, &node.decorator_list)
    })
}

/// The transform a class (a base or a metaclass) declares with its decorators.
fn class_transform<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<TransformSpec<'db>> {
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    let DefinitionKind::Class(node) = &definition.definition(db).kind else { return None };
    transform_from_decorators(db, definition, &node.decorator_list)
}

/// Whether the class is itself decorated with `dataclass_transform`.
pub fn carries_transform(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    class_transform(db, class).is_some()
}

/// The first class of `[class] + MRO` decorated with `dataclass_transform`.
#[salsa::tracked(returns(copy), cycle_result = crate::class::lineage::no_class)]
fn transform_owner<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<ClassLiteral<'db>> {
    if carries_transform(db, class) {
        return Some(class);
    }
    crate::class::lineage::first_ancestor(db, class, transform_owner, |ancestor| carries_transform(db, ancestor))
}

fn transform_from_decorators<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>, decorators: &[ast::Decorator]) -> Option<TransformSpec<'db>> {
    let mut context = InferContext::for_definition(db, definition);
    for decorator in decorators {
        let (callee, keywords): (&ast::Expr, &[ast::Keyword]) = match &decorator.expression {
            ast::Expr::Call(call) => (&call.func, &call.arguments.keywords),
            other => (other, &[]),
        };
        let is_transform = match context.infer_expression(callee) {
            Type::Function(function) => &**function.name(db) == "dataclass_transform" && crate::infer::function::is_typing_function(db, function),
            _ => false,
        };
        if !is_transform {
            continue;
        }
        let mut spec = TransformSpec { eq_default: true, order_default: false, kw_only_default: false, frozen_default: false, field_specifiers: Vec::new() };
        for keyword in keywords {
            let Some(name) = &keyword.arg else { continue };
            match name.as_str() {
                "field_specifiers" => {
                    if let ast::Expr::Tuple(tuple) = &keyword.value {
                        spec.field_specifiers = tuple.elts.iter().map(|element| context.infer_expression(element)).collect();
                    }
                }
                flag => {
                    let Some(value) = static_bool(&mut context, &keyword.value) else { continue };
                    match flag {
                        "eq_default" => spec.eq_default = value,
                        "order_default" => spec.order_default = value,
                        "kw_only_default" => spec.kw_only_default = value,
                        "frozen_default" => spec.frozen_default = value,
                        _ => {}
                    }
                }
            }
        }
        return Some(spec);
    }
    None
}

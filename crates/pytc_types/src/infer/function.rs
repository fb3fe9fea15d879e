//! `def` statements: decorator flags, the function's own signature from its annotations,
//! overload groups, the class a method belongs to, and the implicit `self`/`cls` types.

use pytc_db::Db;
use pytc_semantic::{AstNodeRef, DefinitionKind, ScopeKind};
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::class::KnownClass;
use crate::function::{FunctionFlags, FunctionType};
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, ClassType, Parameter, ParameterKind, Signature, Type, TypeGuardType};

/// The type a `def` binds: its function literal, then any decorators pytc does not model
/// applied in order (bottom-up). The implementation of an overload group binds the group as
/// its overloads declare it: callers see only the overloads, so the implementation's own
/// decorators (`@wraps_async(...)` making it awaitable) describe the implementation alone.
pub fn function_definition_type<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>, node: &AstNodeRef<ast::StmtFunctionDef>) -> Type<'db> {
    let (function, other_decorators, _) = undecorated_function(db, definition, node);
    let mut result = Type::Function(function);
    if !function.has(db, FunctionFlags::OVERLOAD) && !overload_group(db, function).is_empty() {
        return result;
    }
    for (decorator, _) in other_decorators {
        result = apply_decorator(db, decorator, result);
    }
    result
}

/// The function literal a `def` defines (with the flags of the decorators pytc models), the
/// other decorators' types with their nodes, innermost first, and the descriptor flags
/// (property, accessor, static or class method) that only modelled decorators written above
/// the innermost other decorator set: that decorator is handed the function without them.
pub(crate) fn undecorated_function<'db, 'a>(
    db: &'db dyn Db,
    definition: DefinitionRef<'db>,
    node: &'a ast::StmtFunctionDef,
) -> (FunctionType<'db>, Vec<(Type<'db>, &'a ast::Decorator)>, FunctionFlags) {
    let mut context = InferContext::for_definition(db, definition);
    let mut flags = FunctionFlags::empty();
    if node.is_async {
        flags |= FunctionFlags::ASYNC;
    }
    if node.returns.is_none() {
        flags |= FunctionFlags::INFERRED_RETURN;
    }
    if context.index.scope(definition.definition(db).scope).kind == ScopeKind::Class {
        flags |= FunctionFlags::METHOD;
    }
    let mut other_decorators = Vec::new();
    // The flags set below and above the innermost decorator pytc does not model.
    let mut below = FunctionFlags::empty();
    let mut above = FunctionFlags::empty();
    for decorator in node.decorator_list.iter().rev() {
        let made_here = if other_decorators.is_empty() { &mut below } else { &mut above };
        // `@name.setter` / `@name.getter` / `@name.deleter` on a property: a property with
        // one accessor replaced (`property_accessors` tells which).
        if let Some((_, property)) = crate::infer::property_accessors::accessor_decorator(decorator)
            && let Type::Function(property) = context.infer_expression(property)
            && property.has(db, FunctionFlags::PROPERTY)
        {
            flags |= FunctionFlags::PROPERTY | FunctionFlags::PROPERTY_ACCESSOR;
            *made_here |= FunctionFlags::PROPERTY | FunctionFlags::PROPERTY_ACCESSOR;
            continue;
        }
        let decorator_type = context.infer_expression(&decorator.expression);
        match known_decorator(db, decorator_type) {
            Some(flag) => {
                flags |= flag;
                *made_here |= flag;
            }
            None => other_decorators.push((decorator_type, decorator)),
        }
    }
    if matches!(node.name.as_str(), "__new__" | "__init_subclass__" | "__class_getitem__") && flags.contains(FunctionFlags::METHOD) {
        if node.name.as_str() == "__new__" {
            flags |= FunctionFlags::STATICMETHOD;
        } else {
            flags |= FunctionFlags::CLASSMETHOD;
        }
    }
    let function = FunctionType::new(db, Box::<str>::from(node.name.as_str()), definition.file(db), definition.id(db), flags);
    let descriptors = FunctionFlags::PROPERTY
        | FunctionFlags::PROPERTY_ACCESSOR
        | FunctionFlags::CACHED_PROPERTY
        | FunctionFlags::STATICMETHOD
        | FunctionFlags::CLASSMETHOD;
    (function, other_decorators, (above & descriptors) - below)
}

/// The flag a decorator sets when pytc models it directly.
pub(crate) fn known_decorator<'db>(db: &'db dyn Db, decorator: Type<'db>) -> Option<FunctionFlags> {
    match decorator {
        Type::ClassObject(class) => {
            let literal = class.class(db);
            if !KnownModule::Builtins.is(db, literal.file(db)) {
                // `functools.cached_property` and friends behave like properties.
                if &**literal.name(db) == "cached_property" {
                    return Some(FunctionFlags::PROPERTY | FunctionFlags::CACHED_PROPERTY);
                }
                // A subclass of `property` (`enum.property`, `abc.abstractproperty`, a
                // project's own) decorates a getter like `property` does.
                return crate::class::is_subclass_of_known(db, class, KnownClass::Property).then_some(FunctionFlags::PROPERTY);
            }
            match &**literal.name(db) {
                "staticmethod" => Some(FunctionFlags::STATICMETHOD),
                "classmethod" => Some(FunctionFlags::CLASSMETHOD),
                "property" => Some(FunctionFlags::PROPERTY),
                _ => None,
            }
        }
        Type::Function(function) => {
            let typing = is_typing_function(db, function);
            match &**function.name(db) {
                "overload" if typing => Some(FunctionFlags::OVERLOAD),
                "final" if typing => Some(FunctionFlags::FINAL),
                "override" if typing => Some(FunctionFlags::OVERRIDE),
                "no_type_check" if typing => Some(FunctionFlags::NO_TYPE_CHECK),
                "abstractmethod" if KnownModule::Abc.is(db, function.file(db)) => Some(FunctionFlags::ABSTRACT),
                "dataclass_transform" | "deprecated" | "type_check_only" | "runtime_checkable" => Some(FunctionFlags::empty()),
                _ => None,
            }
        }
        // `@deprecated("...")` and other decorator factories from typing modules.
        Type::Instance(class) if &**class.class(db).name(db) == "deprecated" => Some(FunctionFlags::empty()),
        _ => None,
    }
}

/// Apply a decorator pytc does not model: call it with the function; when that fails or
/// gives nothing useful, keep the function usable. A decorator that may be anything (`Unknown`,
/// or `Unknown | None` from an optional import) may return anything.
fn apply_decorator<'db>(db: &'db dyn Db, decorator: Type<'db>, function: Type<'db>) -> Type<'db> {
    if decorator.union_elements(db).iter().any(|member| member.is_dynamic()) {
        return Type::UNKNOWN;
    }
    match crate::call::call_with_argument_types(db, decorator, &[function]) {
        Ok(result) if !result.is_dynamic() && !result.contains_dynamic(db) => result,
        Ok(result) if matches!(result, Type::Callable(_)) => result,
        // An instance says what the decorated name is (a property-like descriptor, the
        // `_Wrapped` of `functools.wraps`, an `lru_cache` wrapper), whatever type arguments
        // pytc could not solve: the undecorated function would be a wrong guess.
        Ok(result @ Type::Instance(_)) => result,
        _ => function,
    }
}

/// Whether the function is defined in `typing` or `typing_extensions`.
pub fn is_typing_function(db: &dyn Db, function: FunctionType<'_>) -> bool {
    let file = function.file(db);
    KnownModule::Typing.is(db, file) || KnownModule::TypingExtensions.is(db, file)
}

/// The `def` node of a function.
fn function_node<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Option<AstNodeRef<ast::StmtFunctionDef>> {
    match &function.definition_ref(db).definition(db).kind {
        DefinitionKind::Function(node) => Some(node.clone()),
        _ => None,
    }
}

/// Whether a `def` declares its return type (`-> T`).
pub fn has_return_annotation(db: &dyn Db, function: FunctionType<'_>) -> bool {
    function_node(db, function).is_some_and(|node| node.returns.is_some())
}

/// The class a method is defined in.
pub fn owner_class<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Option<ClassLiteral<'db>> {
    let definition = function.definition_ref(db);
    let index = definition.index(db);
    let scope = index.scope(definition.definition(db).scope);
    if scope.kind != ScopeKind::Class {
        return None;
    }
    let node = scope.node?;
    let class_definition = *index.definitions_for_node(node).first()?;
    let DefinitionKind::Class(class) = &index.definition(class_definition).kind else { return None };
    Some(ClassLiteral::new(db, function.file(db), class_definition.as_u32(), Box::<str>::from(class.name.as_str())))
}

/// The overloads that precede (and include) this `def` for the same name in the same
/// scope; empty when the function is not part of an overload group.
pub fn overload_group<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Vec<FunctionType<'db>> {
    let definition = function.definition_ref(db);
    let semantic = definition.definition(db);
    let Some(symbol) = semantic.symbol() else { return Vec::new() };
    let index = definition.index(db);
    let declarations = index.use_def_map(semantic.scope).declarations(symbol);
    let own_id = definition.definition_id(db);
    let mut group = Vec::new();
    for declaration in declarations.iter().rev().skip_while(|d| **d != own_id) {
        let declaration_ref = DefinitionRef::of(db, function.file(db), *declaration);
        if !matches!(declaration_ref.definition(db).kind, DefinitionKind::Function(_)) {
            break;
        }
        // The function itself, not what its `def` binds: that may be its decorators' result,
        // which needs this very signature (`@deco` with `deco(f: Callable[P, R])`).
        let candidate = if *declaration == own_id {
            function
        } else {
            let Type::Function(candidate) = crate::infer::definition::binding_type(db, declaration_ref) else { break };
            candidate
        };
        if candidate.has(db, FunctionFlags::OVERLOAD) {
            group.push(candidate);
        } else if *declaration != own_id {
            break;
        }
    }
    group.reverse();
    group
}

/// A function's own signature, from its parameters and annotations.
pub fn own_signature<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Signature<'db> {
    let Some(node) = function_node(db, function) else { return Signature::gradual(Type::UNKNOWN) };
    let mut context = InferContext::for_definition(db, function.definition_ref(db));
    let parameters = &node.parameters;
    let mut result = Vec::new();
    let receiver = if function.has(db, FunctionFlags::METHOD) && (!function.has(db, FunctionFlags::STATICMETHOD) || is_constructor_new(db, function)) {
        owner_class(db, function)
    } else {
        None
    };
    // `@no_type_check`: the function is treated as unannotated.
    let annotations_read = !function.has(db, FunctionFlags::NO_TYPE_CHECK);
    let mut first = true;
    let mut add = |context: &mut InferContext<'db>, parameter: &ast::Parameter, kind: ParameterKind, has_default: bool| {
        let annotated = match read_annotation(parameter, annotations_read) {
            Some(annotation) => match annotation {
                annotation => match kind {
                    // `*args: P.args, **kwargs: P.kwargs` take the parameters of `P`.
                    ParameterKind::Variadic | ParameterKind::KeywordVariadic => context
                        .variadic_param_spec(annotation, kind == ParameterKind::KeywordVariadic)
                        .map_or_else(|| context.type_expression(annotation), Type::TypeVar),
                    _ => context.type_expression(annotation),
                },
            },
            None if first && receiver.is_some() && matches!(kind, ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword) => {
                let class = receiver.unwrap_or_else(|| unreachable!());
                let self_typevar = crate::infer::annotation::self_typevar(db, class);
                if function.has(db, FunctionFlags::CLASSMETHOD) || is_constructor_new(db, function) { Type::SubclassOfTypeVar(self_typevar) } else { Type::TypeVar(self_typevar) }
            }
            None => Type::UNKNOWN,
        };
        first = false;
        Parameter { name: Some(Box::from(parameter.name.as_str())), kind, annotated, has_annotation: read_annotation(parameter, annotations_read).is_some(), has_default, unpacked_args: None }
    };
    for parameter in &parameters.posonlyargs {
        result.push(add(&mut context, &parameter.parameter, ParameterKind::PositionalOnly, parameter.default.is_some()));
    }
    for parameter in &parameters.args {
        // Stubs spell positional-only parameters with a leading `__` (PEP 484).
        let kind = if parameter.parameter.name.starts_with("__") && !parameter.parameter.name.ends_with("__") && parameters.posonlyargs.is_empty() {
            ParameterKind::PositionalOnly
        } else {
            ParameterKind::PositionalOrKeyword
        };
        result.push(add(&mut context, &parameter.parameter, kind, parameter.default.is_some()));
    }
    if let Some(variadic) = &parameters.vararg {
        // `*args: *tuple[int, str]` or `*args: *Ts` stands for the positional parameters the
        // tuple unpacks into.
        match read_annotation(variadic, annotations_read).and_then(|annotation| context.unpacked_operand(annotation)) {
            Some(operand) => {
                let tuple = context.unpacked_tuple(operand);
                result.extend(crate::types::unpacked_variadic_parameters(db, Some(Box::from(variadic.name.as_str())), tuple));
            }
            None => result.push(add(&mut context, variadic, ParameterKind::Variadic, false)),
        }
    }
    for parameter in &parameters.kwonlyargs {
        result.push(add(&mut context, &parameter.parameter, ParameterKind::KeywordOnly, parameter.default.is_some()));
    }
    if let Some(keywords) = &parameters.kwarg {
        match read_annotation(keywords, annotations_read).and_then(|annotation| context.unpacked_typed_dict(annotation)) {
            Some(typed_dict) => {
                result.extend(crate::typed_dict::unpacked_keyword_parameters(db, typed_dict));
                result.push(Parameter {
                    name: Some(Box::from(keywords.name.as_str())),
                    kind: ParameterKind::UnpackedKeywords,
                    annotated: Type::Instance(typed_dict),
                    has_annotation: true,
                    has_default: false,
                    unpacked_args: None,
                });
            }
            None => result.push(add(&mut context, keywords, ParameterKind::KeywordVariadic, false)),
        }
    }
    fix_positional_only_prefix(&mut result);
    let declared_return = node.returns.as_ref().filter(|_| annotations_read).map(|returns| context.type_expression(returns));
    let return_type = match declared_return {
        Some(ty) => {
            if node.is_async && !is_generator(&node.body) {
                coroutine_of(db, ty)
            } else {
                ty
            }
        }
        None => unannotated_return_type(db, &node),
    };
    let gradual_parameters = takes_any_arguments(&result);
    Signature { parameters: result, return_type, gradual_parameters }
}

/// Whether a `def` takes `*args` and `**kwargs` both annotated `Any` or not annotated: its
/// signature then counts as `...` after the other parameters (it stays consistent with any
/// parameters a caller or an assigned callable adds), which the parameters keep.
fn takes_any_arguments(parameters: &[Parameter<'_>]) -> bool {
    let any_of = |kind: ParameterKind| parameters.iter().any(|p| p.kind == kind && (!p.has_annotation || p.annotated == Type::ANY));
    any_of(ParameterKind::Variadic) && any_of(ParameterKind::KeywordVariadic)
}

/// A parameter's annotation, when annotations are read.
fn read_annotation(parameter: &ast::Parameter, annotations_read: bool) -> Option<&ast::Expr> {
    parameter.annotation.as_deref().filter(|_| annotations_read)
}

/// A parameter spelled `__x` is positional-only only when every parameter before it is too.
fn fix_positional_only_prefix(parameters: &mut [Parameter<'_>]) {
    let mut seen_keyword = false;
    for parameter in parameters.iter_mut() {
        match parameter.kind {
            ParameterKind::PositionalOnly if seen_keyword => parameter.kind = ParameterKind::PositionalOrKeyword,
            ParameterKind::PositionalOrKeyword => {
                // `self` before `__x` is fine.
                if parameter.name.as_deref().is_some_and(|n| n != "self" && n != "cls") {
                    seen_keyword = true;
                }
            }
            _ => {}
        }
    }
}

/// The declared return type of a function without a return annotation: `Unknown` (a
/// `Coroutine` of it for an `async def`). Calls see the type its body returns instead
/// (`return_inference`); the declaration never depends on the body.
fn unannotated_return_type<'db>(db: &'db dyn Db, node: &ast::StmtFunctionDef) -> Type<'db> {
    if node.is_async && !is_generator(&node.body) && !function_is_stub_body(&node.body) { coroutine_of(db, Type::UNKNOWN) } else { Type::UNKNOWN }
}

/// A body of only a docstring, `...` or `pass`: a declaration written like a stub.
pub(crate) fn function_is_stub_body(body: &[ast::Stmt]) -> bool {
    body.iter().all(|stmt| matches!(stmt, ast::Stmt::Expr(e) if matches!(&*e.value, ast::Expr::EllipsisLiteral(_) | ast::Expr::StringLiteral(_))) || matches!(stmt, ast::Stmt::Pass(_)))
}

/// Whether the body contains `yield` (outside nested functions and classes).
pub(crate) fn is_generator(body: &[ast::Stmt]) -> bool {
    use ast::visitor::{Visitor, walk_expr, walk_stmt};
    struct Finder(bool);
    impl<'a> Visitor<'a> for Finder {
        fn visit_stmt(&mut self, stmt: &'a ast::Stmt) {
            if !matches!(stmt, ast::Stmt::FunctionDef(_) | ast::Stmt::ClassDef(_)) && !self.0 {
                walk_stmt(self, stmt);
            }
        }
        fn visit_expr(&mut self, expr: &'a ast::Expr) {
            match expr {
                ast::Expr::Yield(_) | ast::Expr::YieldFrom(_) => self.0 = true,
                ast::Expr::Lambda(_) => {}
                _ => pytc_syntax::ensure_stack(|| walk_expr(self, expr)),
            }
        }
    }
    let mut finder = Finder(false);
    for stmt in body {
        finder.visit_stmt(stmt);
    }
    finder.0
}

/// `Coroutine[Any, Any, T]`.
fn coroutine_of<'db>(db: &'db dyn Db, ty: Type<'db>) -> Type<'db> {
    match crate::class::known::module_class(db, KnownModule::Typing, "Coroutine") {
        Some(class) => Type::Instance(ClassType::new(db, class, Box::from([Type::ANY, Type::ANY, ty]))),
        None => Type::UNKNOWN,
    }
}

/// The `TypeGuard[T]`/`TypeIs[T]` a function is declared to return, if it is a guard (for an
/// overloaded function, what its own `def` declares).
pub fn function_type_guard<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Option<TypeGuardType<'db>> {
    let returned = match &crate::function::declared_signatures(db, function)[..] {
        [single] => single.return_type,
        _ => own_signature(db, function).return_type,
    };
    match returned {
        Type::TypeGuard(guard) => Some(guard),
        _ => None,
    }
}

/// A class's `__new__`: a static method whose first parameter is the class being
/// constructed (`type[Self]` when unannotated).
fn is_constructor_new(db: &dyn Db, function: FunctionType<'_>) -> bool {
    function.has(db, FunctionFlags::METHOD) && &**function.name(db) == "__new__"
}

impl<'db> InferContext<'db> {
    /// The type of an unannotated `self`/`cls` in a method.
    pub(crate) fn implicit_receiver_type(&mut self, function_node: ast::NodeIndex) -> Option<Type<'db>> {
        let db = self.db;
        let definition = *self.index.definitions_for_node(function_node).first()?;
        let definition_ref = DefinitionRef::of(db, self.file, definition);
        let Type::Function(function) = crate::infer::definition::binding_type(db, definition_ref) else {
            // A decorated method pytc could not follow: still a method of the class, whose
            // receiver kind the `classmethod`/`staticmethod` decorators (by name) tell.
            let class = self.class_of_definition(definition_ref)?;
            let DefinitionKind::Function(node) = &definition_ref.definition(db).kind else { return None };
            let decorated_with = |name: &str| node.decorator_list.iter().any(|d| matches!(&d.expression, ast::Expr::Name(n) if n.id.as_str() == name));
            if decorated_with("staticmethod") {
                return None;
            }
            if decorated_with("classmethod") {
                return Some(Type::SubclassOfTypeVar(crate::infer::annotation::self_typevar(db, class)));
            }
            return Some(Type::TypeVar(crate::infer::annotation::self_typevar(db, class)));
        };
        if function.has(db, FunctionFlags::STATICMETHOD) && !is_constructor_new(db, function) {
            return None;
        }
        let class = owner_class(db, function)?;
        if function.has(db, FunctionFlags::CLASSMETHOD) || is_constructor_new(db, function) {
            Some(Type::SubclassOfTypeVar(crate::infer::annotation::self_typevar(db, class)))
        } else {
            Some(Type::TypeVar(crate::infer::annotation::self_typevar(db, class)))
        }
    }

    fn class_of_definition(&self, definition: DefinitionRef<'db>) -> Option<ClassLiteral<'db>> {
        let db = self.db;
        let scope = self.index.scope(definition.definition(db).scope);
        if scope.kind != ScopeKind::Class {
            return None;
        }
        let node = scope.node?;
        let class_definition = *self.index.definitions_for_node(node).first()?;
        let DefinitionKind::Class(class) = &self.index.definition(class_definition).kind else { return None };
        Some(ClassLiteral::new(db, self.file, class_definition.as_u32(), Box::<str>::from(class.name.as_str())))
    }

    /// Apply a class's decorators other than the ones the header understands.
    pub(crate) fn apply_class_decorators(&mut self, node: &ast::StmtClassDef, class_object: Type<'db>) -> Type<'db> {
        let _ = node.node_index();
        class_object
    }
}

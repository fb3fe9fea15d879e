//! Statements: the checking walk over a scope's body (assignments against declarations,
//! returns against the declared return type, iteration, `with`, `match`), plus the types
//! of iteration, context managers, exceptions, match captures and type aliases.

use pytc_db::{Db, declare_rule};
use pytc_semantic::{ConstraintId, DefinitionKind, MatchCaptureDefinition, ScopeKind};
use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::class::KnownClass;
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{Type, TypeAliasType, TypeVarKind, TypeVarType, Variance};

declare_rule! {
    /// A value assigned to a target whose declared type does not accept it.
    ///
    /// ```python
    /// x: int = "a"  # error: [invalid-assignment]
    /// ```
    pub static INVALID_ASSIGNMENT = {
        name: "invalid-assignment",
        summary: "an assigned value is not assignable to the target's declared type",
        level: Error,
    }
}

declare_rule! {
    /// A returned value (or an implicit `None`) that the declared return type rejects.
    ///
    /// ```python
    /// def f() -> int:
    ///     return "a"  # error: [invalid-return-type]
    /// ```
    pub static INVALID_RETURN_TYPE = {
        name: "invalid-return-type",
        summary: "a returned value is not assignable to the declared return type",
        level: Error,
    }
}

declare_rule! {
    /// Iterating over an object that is not iterable.
    ///
    /// ```python
    /// for x in 1:  # error: [not-iterable]
    ///     pass
    /// ```
    pub static NOT_ITERABLE = {
        name: "not-iterable",
        summary: "an object that is not iterable is iterated over",
        level: Error,
    }
}

declare_rule! {
    /// A parameter default that is not assignable to the parameter's annotation.
    ///
    /// ```python
    /// def f(x: int = "a") -> None: ...  # error: [invalid-parameter-default]
    /// ```
    pub static INVALID_PARAMETER_DEFAULT = {
        name: "invalid-parameter-default",
        summary: "a parameter's default value does not match its annotation",
        level: Error,
    }
}

declare_rule! {
    /// Using an object without `__enter__`/`__exit__` in a `with` statement.
    ///
    /// ```python
    /// with 1:  # error: [invalid-context-manager]
    ///     pass
    /// ```
    pub static INVALID_CONTEXT_MANAGER = {
        name: "invalid-context-manager",
        summary: "an object used in `with` is not a context manager",
        level: Error,
    }
}

declare_rule! {
    /// A parameter spelled `__x` (positional-only by PEP 484's convention) after a
    /// parameter that is not.
    ///
    /// ```python
    /// def f(x: int, __y: int) -> None: ...  # error: [invalid-legacy-positional-parameter]
    /// ```
    pub static INVALID_LEGACY_POSITIONAL_PARAMETER = {
        name: "invalid-legacy-positional-parameter",
        summary: "a `__`-prefixed positional-only parameter follows an ordinary one",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// Check a block of statements of the current scope.
    pub fn check_body(&mut self, body: &[ast::Stmt]) {
        self.check_statements(body);
        crate::definitions::overload_definitions::check_function_groups(self, body);
    }

    /// Check the reachable statements of `body`, without the overload groups they form
    /// (the caller checks those when `body` is a whole block).
    pub fn check_statements(&mut self, body: &[ast::Stmt]) {
        for stmt in body {
            if !self.index.is_node_reachable(stmt) {
                continue;
            }
            // Code the types rule out (after a call that never returns, in a `case _:` the
            // cases before it exhaust) is still inferred, but reports nothing.
            let reachable = self.types_allow_reaching(stmt.range());
            self.quiet_unless(reachable, |context| {
                context.check_final_rebinding(stmt);
                context.check_statement_per_constraint(stmt);
            });
        }
    }

    pub(super) fn check_statement(&mut self, stmt: &ast::Stmt) {
        let db = self.db;
        match stmt {
            ast::Stmt::FunctionDef(function) => self.check_function_header(function),
            ast::Stmt::ClassDef(class) => {
                for decorator in &class.decorator_list {
                    self.infer_expression(&decorator.expression);
                }
                let mut class_keywords = Vec::new();
                let mut has_unpacked_keywords = false;
                if let Some(arguments) = &class.arguments {
                    let was_in_annotation = self.in_annotation;
                    self.in_annotation = self.index.is_stub();
                    for argument in arguments.args.iter() {
                        self.infer_expression(argument);
                    }
                    self.in_annotation = was_in_annotation;
                    // A TypedDict's `extra_items=` is an annotation, checked with its class.
                    for keyword in arguments.keywords.iter().filter(|keyword| keyword.arg.as_ref().is_none_or(|arg| arg.as_str() != "extra_items")) {
                        let ty = self.infer_expression(&keyword.value);
                        match &keyword.arg {
                            Some(name) if name.as_str() == "metaclass" => {}
                            Some(name) => class_keywords.push(crate::call::Argument { kind: crate::call::ArgumentKind::Keyword(name.to_string()), ty, range: keyword.range, literals: crate::call::LiteralOrigin::Written }),
                            None => has_unpacked_keywords = true,
                        }
                    }
                }
                crate::check::check_class_header(self, class);
                self.check_class_keywords(class, &class_keywords, has_unpacked_keywords);
                self.check_class_type_param_syntax(class);
                self.check_generic_bases(class);
                let saved = self.scope;
                if let Some(scope) = self.index.scope_defined_by(class.node_index().load()) {
                    self.scope = scope;
                }
                self.check_body(&class.body);
                self.scope = saved;
            }
            ast::Stmt::Assign(assign) => {
                let expected = assign.targets.first().and_then(|target| self.declared_type_of_target(target));
                let value = self.infer_expression_with(&assign.value, expected);
                self.check_typevar_name(&assign.targets, &assign.value, value);
                for target in &assign.targets {
                    self.check_assignment_target(target, value, &assign.value);
                }
            }
            ast::Stmt::AnnAssign(assign) => {
                if matches!(self.index.scope(self.scope).kind, ScopeKind::Module | ScopeKind::Class) {
                    self.check_runtime_union_operands(&assign.annotation);
                }
                self.check_class_var_placement(assign);
                self.check_final_placement(assign);
                let declared = self.annotation_declared_type(&assign.annotation);
                self.check_annotation_typevar_scope(assign);
                self.check_param_spec_component_variable(&assign.annotation);
                if let crate::infer::annotation::Declared::Type(ty) = declared
                    && self.has_typevars_other_than_self(ty)
                    && self.annotation_is_class_var(&assign.annotation)
                {
                    self.report(
                        assign.annotation.range(),
                        &crate::infer::annotation::INVALID_TYPE_FORM,
                        "`ClassVar` cannot contain type variables",
                    );
                }
                if let Some(value) = &assign.value {
                    self.check_explicit_alias_value(&assign.target, &assign.annotation, value);
                    let expected = match declared {
                        crate::infer::annotation::Declared::Type(ty) => Some(self.with_chosen_constraints(ty)),
                        crate::infer::annotation::Declared::InferFromValue => None,
                    };
                    let value_type = self.infer_expression_with(value, expected);
                    let stub_placeholder = self.index.is_stub() && matches!(&**value, ast::Expr::EllipsisLiteral(_));
                    if let Some(declared) = expected
                        && !stub_placeholder
                        && !value_type.is_assignable_to(db, declared)
                    {
                        self.report_unassignable(
                            value.range(),
                            &INVALID_ASSIGNMENT,
                            format!("Object of type `{}` is not assignable to `{}`", value_type.display(db), declared.display(db)),
                            value_type,
                            declared,
                        );
                    }
                }
                if !matches!(&*assign.target, ast::Expr::Name(_)) {
                    self.infer_target_expression(&assign.target);
                }
            }
            ast::Stmt::AugAssign(augmented) => {
                let result = self.augmented_assignment_type(augmented);
                self.check_augmented_store(augmented, result);
                if let ast::Expr::Name(name) = &*augmented.target
                    && let Some(declared) = self.declared_type_of_name(name)
                    && !result.is_assignable_to(db, declared)
                {
                    self.report_unassignable(
                        augmented.range,
                        &INVALID_ASSIGNMENT,
                        format!("Object of type `{}` is not assignable to `{}`", result.display(db), declared.display(db)),
                        result,
                        declared,
                    );
                }
            }
            ast::Stmt::Return(return_stmt) => {
                let expected = self.return_type.map(|declared| self.returned_value_type(declared)).map(|expected| self.with_chosen_constraints(expected));
                let value = match &return_stmt.value {
                    Some(value) => self.infer_expression_with(value, expected),
                    None => Type::None,
                };
                if let Some(expected) = expected
                    && !value.is_assignable_to(db, expected)
                {
                    let range = return_stmt.value.as_ref().map_or(return_stmt.range, |v| v.range());
                    self.report_unassignable(
                        range,
                        &INVALID_RETURN_TYPE,
                        format!("Return type does not match returned value: expected `{}`, found `{}`", expected.display(db), value.display(db)),
                        value,
                        expected,
                    );
                }
            }
            ast::Stmt::Expr(expression) => {
                self.infer_expression(&expression.value);
            }
            ast::Stmt::If(if_stmt) => self.check_if_statement(if_stmt),
            ast::Stmt::While(while_stmt) => {
                self.infer_expression(&while_stmt.test);
                self.check_body(&while_stmt.body);
                self.check_body(&while_stmt.orelse);
            }
            ast::Stmt::For(for_stmt) => {
                let iterable = self.infer_expression(&for_stmt.iter);
                let element = if for_stmt.is_async { self.async_iteration_type(iterable) } else { self.iteration_type(iterable) };
                if element.is_none() {
                    self.report(for_stmt.iter.range(), &NOT_ITERABLE, format!("Object of type `{}` is not iterable", iterable.display(db)));
                }
                self.infer_target_expression(&for_stmt.target);
                self.check_body(&for_stmt.body);
                self.check_body(&for_stmt.orelse);
            }
            ast::Stmt::With(with) => {
                for item in &with.items {
                    let manager = self.infer_expression(&item.context_expr);
                    if !self.is_context_manager(manager, with.is_async) {
                        let protocol = if with.is_async { "`__aenter__` and `__aexit__`" } else { "`__enter__` and `__exit__`" };
                        self.report(
                            item.context_expr.range(),
                            &INVALID_CONTEXT_MANAGER,
                            format!("Object of type `{}` cannot be used with `with` because it does not implement {protocol}", manager.display(db)),
                        );
                    }
                    if let Some(target) = &item.optional_vars {
                        self.infer_target_expression(target);
                    }
                }
                self.check_body(&with.body);
            }
            ast::Stmt::Try(try_stmt) => {
                self.check_body(&try_stmt.body);
                for handler in &try_stmt.handlers {
                    let ast::ExceptHandler::ExceptHandler(handler) = handler;
                    if let Some(ty) = &handler.type_ {
                        let caught = self.infer_expression(ty);
                        self.check_caught_exception(handler, caught, try_stmt.is_star);
                    }
                    self.check_body(&handler.body);
                }
                self.check_body(&try_stmt.orelse);
                self.check_body(&try_stmt.finalbody);
            }
            ast::Stmt::Raise(raise) => self.check_raise(raise),
            ast::Stmt::Assert(assert) => {
                self.infer_expression(&assert.test);
                if let Some(message) = &assert.msg {
                    self.infer_expression(message);
                }
            }
            ast::Stmt::Match(match_stmt) => {
                self.infer_expression(&match_stmt.subject);
                for case in &match_stmt.cases {
                    self.check_pattern(&case.pattern);
                    if let Some(guard) = &case.guard {
                        self.infer_expression(guard);
                    }
                    self.check_body(&case.body);
                }
            }
            ast::Stmt::Delete(delete) => {
                for target in &delete.targets {
                    if let ast::Expr::Subscript(subscript) = target
                        && self.check_typed_dict_delete(subscript)
                    {
                        continue;
                    }
                    if let ast::Expr::Subscript(subscript) = target {
                        self.check_subscript_target(subscript, false);
                    }
                    if let ast::Expr::Attribute(attribute) = target {
                        let object = self.infer_expression(&attribute.value);
                        self.check_union_attribute_store(object, attribute, true);
                        self.check_read_only_attribute(object, attribute, true);
                    } else if !matches!(target, ast::Expr::Name(_)) {
                        self.infer_target_expression(target);
                    }
                }
            }
            ast::Stmt::TypeAlias(alias) => {
                if let Some(type_params) = &alias.type_params {
                    self.check_type_params(type_params);
                }
                let saved = self.scope;
                if let Some(scope) = self.index.scope_defined_by(alias.node_index().load()) {
                    self.scope = scope;
                }
                let value_type = self.type_expression(&alias.value);
                self.check_type_statement(alias, value_type);
                self.scope = saved;
            }
            ast::Stmt::ImportFrom(import) => {
                for alias in &import.names {
                    if alias.name.as_str() != "*" {
                        let imported = self.import_from_type(import, alias);
                        self.check_deprecated_reference(alias.name.range, imported);
                    }
                }
            }
            ast::Stmt::Import(_)
            | ast::Stmt::Global(_)
            | ast::Stmt::Nonlocal(_)
            | ast::Stmt::Pass(_)
            | ast::Stmt::Break(_)
            | ast::Stmt::Continue(_)
            | ast::Stmt::IpyEscapeCommand(_) => {}
        }
    }

    /// Decorators, defaults and annotations of a `def` (the body is checked in its own scope).
    fn check_function_header(&mut self, function: &ast::StmtFunctionDef) {
        let db = self.db;
        self.check_legacy_positional_only(function);
        self.check_type_guard_definition(function);
        self.check_init_self_annotation(function);
        self.check_function_type_param_syntax(function);
        self.check_self_in_method(function);
        self.check_param_spec_components(function);
        self.check_declared_variance_usage(function);
        for decorator in &function.decorator_list {
            self.infer_expression(&decorator.expression);
        }
        self.check_decorator_applications(function);
        self.check_parameter_annotations(function);
        let annotations: Vec<&ast::Expr> = function.parameters.iter().filter_map(|p| p.annotation()).chain(function.returns.as_deref()).collect();
        for annotation in annotations {
            self.check_runtime_union_operands(annotation);
        }
        for parameter in function.parameters.iter_non_variadic_params() {
            let Some(default) = &parameter.default else { continue };
            let Some(annotation) = &parameter.parameter.annotation else {
                self.infer_expression(default);
                continue;
            };
            let was = self.suspend_reporting();
            let declared = self.type_expression(annotation);
            self.resume_reporting(was);
            let default_type = self.infer_expression_with(default, Some(declared));
            // `...` stands for "some default" where no body runs: in stubs, overloads and
            // stub-style declarations (`def read(self, size: int = ..., /) -> bytes: ...` in a
            // protocol or under `if TYPE_CHECKING:`).
            let declares_only = self.index.is_stub()
                || crate::infer::function::function_is_stub_body(&function.body)
                || self.is_overload_definition(function);
            if !default_type.is_assignable_to(db, declared) && !(declares_only && matches!(&**default, ast::Expr::EllipsisLiteral(_))) {
                self.report(
                    default.range(),
                    &INVALID_PARAMETER_DEFAULT,
                    format!(
                        "Default value of type `{}` is not assignable to annotated parameter type `{}`",
                        default_type.display(db),
                        declared.display(db)
                    ),
                );
            }
        }
        if let Some(returns) = &function.returns {
            self.packed_type_expression(returns);
        }
    }

    /// Whether an annotation is `ClassVar[...]`.
    fn annotation_is_class_var(&mut self, annotation: &ast::Expr) -> bool {
        let ast::Expr::Subscript(subscript) = annotation else { return false };
        let was = self.suspend_reporting();
        let head = self.infer_expression(&subscript.value);
        self.resume_reporting(was);
        matches!(head, Type::SpecialForm(crate::types::SpecialForm::ClassVar))
    }

    /// PEP 484's `__x` positional-only spelling must not follow an ordinary parameter.
    fn check_legacy_positional_only(&mut self, function: &ast::StmtFunctionDef) {
        if !function.parameters.posonlyargs.is_empty() {
            return;
        }
        let is_method = self.index.scope(self.scope).kind == pytc_semantic::ScopeKind::Class;
        let mut seen_ordinary = false;
        for (index, parameter) in function.parameters.args.iter().enumerate() {
            let name = parameter.parameter.name.as_str();
            let legacy = name.starts_with("__") && !name.ends_with("__");
            if is_method && index == 0 {
                continue;
            }
            if legacy && seen_ordinary {
                self.report(
                    parameter.parameter.name.range,
                    &INVALID_LEGACY_POSITIONAL_PARAMETER,
                    format!("Positional-only parameter `{name}` follows a parameter that can be passed by keyword"),
                );
            }
            seen_ordinary |= !legacy;
        }
    }

    fn check_pattern(&mut self, pattern: &ast::Pattern) {
        match pattern {
            ast::Pattern::MatchValue(value) => {
                self.infer_expression(&value.value);
            }
            ast::Pattern::MatchClass(class) => {
                let named = self.infer_expression(&class.cls);
                self.check_class_pattern_names_a_class(class, named);
                self.check_class_pattern_positionals(class, named);
                for inner in &class.arguments.patterns {
                    self.check_pattern(inner);
                }
                for keyword in &class.arguments.keywords {
                    self.check_pattern(&keyword.pattern);
                }
            }
            ast::Pattern::MatchAs(match_as) => {
                if let Some(inner) = &match_as.pattern {
                    self.check_pattern(inner);
                }
            }
            ast::Pattern::MatchOr(or) => {
                for inner in &or.patterns {
                    self.check_pattern(inner);
                }
            }
            ast::Pattern::MatchSequence(sequence) => {
                for inner in &sequence.patterns {
                    self.check_pattern(inner);
                }
            }
            ast::Pattern::MatchMapping(mapping) => {
                for key in &mapping.keys {
                    self.infer_expression(key);
                }
                for inner in &mapping.patterns {
                    self.check_pattern(inner);
                }
            }
            ast::Pattern::MatchSingleton(_) | ast::Pattern::MatchStar(_) => {}
        }
    }

    /// Infer the sub-expressions of an assignment target (attribute values, subscripts).
    fn infer_target_expression(&mut self, target: &ast::Expr) {
        match target {
            ast::Expr::Attribute(attribute) => {
                self.infer_expression(&attribute.value);
            }
            ast::Expr::Subscript(subscript) => {
                self.infer_expression(&subscript.value);
                self.infer_expression(&subscript.slice);
            }
            ast::Expr::Tuple(tuple) => {
                for element in &tuple.elts {
                    self.infer_target_expression(element);
                }
            }
            ast::Expr::List(list) => {
                for element in &list.elts {
                    self.infer_target_expression(element);
                }
            }
            ast::Expr::Starred(starred) => self.infer_target_expression(&starred.value),
            _ => {}
        }
    }

    /// The declared type of a simple assignment target, if it has one.
    fn declared_type_of_target(&mut self, target: &ast::Expr) -> Option<Type<'db>> {
        match target {
            ast::Expr::Name(name) => self.declared_type_of_name(name),
            ast::Expr::Attribute(attribute) => self.declared_attribute_type(attribute),
            _ => None,
        }
    }

    fn declared_type_of_name(&mut self, name: &ast::ExprName) -> Option<Type<'db>> {
        let db = self.db;
        let definition = *self.index.definitions_for_node(name.node_index().load()).first()?;
        let definition_ref = DefinitionRef::of(db, self.file, definition);
        let semantic = definition_ref.definition(db);
        if semantic.is_declaration() || crate::definitions::final_reassignment::is_declared_final_name(db, self.file, semantic.scope, name.id.as_str()) {
            return None;
        }
        crate::semantic::symbol_declared_type(db, definition_ref)
    }

    fn check_assignment_target(&mut self, target: &ast::Expr, value: Type<'db>, value_expression: &ast::Expr) {
        let db = self.db;
        match target {
            ast::Expr::Name(name) => {
                if let Some(declared) = self.declared_type_of_name(name)
                    && !value.is_assignable_to(db, declared)
                {
                    self.report_unassignable(
                        value_expression.range(),
                        &INVALID_ASSIGNMENT,
                        format!("Object of type `{}` is not assignable to `{}`", value.display(db), declared.display(db)),
                        value,
                        declared,
                    );
                }
            }
            ast::Expr::Attribute(attribute) => {
                let object = self.infer_expression(&attribute.value);
                self.check_union_attribute_store(object, attribute, false);
                let read_only = self.check_read_only_attribute(object, attribute, false);
                self.check_class_var_instance_assignment(object, attribute);
                self.check_generic_instance_variable_access(object, attribute);
                if !read_only {
                    self.check_attribute_store(object, attribute, value, value_expression.range());
                }
            }
            ast::Expr::Subscript(subscript) if self.check_typed_dict_store(subscript, value, value_expression.range()) => {}
            ast::Expr::Subscript(subscript) => {
                self.check_subscript_target(subscript, true);
                self.infer_target_expression(target);
            }
            ast::Expr::Tuple(_) | ast::Expr::List(_) => {
                if let Some(targets) = crate::infer::target_checks::unpacking_targets(target) {
                    self.check_unpacking_arity(targets, value, target.range());
                }
                self.infer_target_expression(target);
            }
            _ => self.infer_target_expression(target),
        }
    }

    /// What a `return` statement must return given the declared return type (the `R` of a
    /// generator's `Generator[Y, S, R]`; a `bool` in a `TypeGuard`/`TypeIs` function).
    fn returned_value_type(&self, declared: Type<'db>) -> Type<'db> {
        if let Some(generator) = self.generator {
            return generator.return_type.unwrap_or(Type::UNKNOWN);
        }
        if let Type::TypeGuard(_) = declared {
            return declared.as_call_result(self.db);
        }
        declared
    }

    /// Whether the type implements the (async) context manager protocol.
    fn is_context_manager(&mut self, manager: Type<'db>, is_async: bool) -> bool {
        let (enter, exit) = if is_async { ("__aenter__", "__aexit__") } else { ("__enter__", "__exit__") };
        if manager.contains_dynamic(self.db) {
            return true;
        }
        manager.union_elements(self.db).into_iter().all(|member| {
            crate::infer::attribute::instance_has_member(self.db, member, enter) && crate::infer::attribute::instance_has_member(self.db, member, exit)
        })
    }

    /// Whether `ty` names a type variable other than the enclosing class's `Self` (which a
    /// class variable may name: `__ctype_le__: ClassVar[type[Self]]`).
    fn has_typevars_other_than_self(&self, ty: Type<'db>) -> bool {
        let own_self = self.enclosing_class().map(|class| crate::infer::annotation::self_typevar(self.db, class));
        let mut found = false;
        crate::generics::walk_typevars(self.db, ty, &mut |typevar| found |= Some(typevar) != own_self);
        found
    }

    /// The value `with manager as x` binds.
    pub(crate) fn enter_type(&mut self, manager: Type<'db>, is_async: bool) -> Type<'db> {
        let enter = if is_async { "__aenter__" } else { "__enter__" };
        let entered = self.call_dunder_checked(manager, enter, &[]).unwrap_or(Type::UNKNOWN);
        if is_async { self.await_type(entered) } else { entered }
    }

    /// The value an `except E as e` handler binds.
    pub(crate) fn exception_instance(&mut self, caught: Type<'db>) -> Type<'db> {
        let db = self.db;
        caught.map_union(db, |member| match member {
            Type::ClassObject(class) | Type::SubclassOf(class) => Type::Instance(class),
            Type::SubclassOfTypeVar(typevar) => Type::TypeVar(typevar),
            Type::Tuple(tuple) => tuple.element_union(db).map_union(db, |element| match element {
                Type::ClassObject(class) | Type::SubclassOf(class) => Type::Instance(class),
                _ => Type::UNKNOWN,
            }),
            _ => Type::UNKNOWN,
        })
    }

    /// The value a match capture binds: the subject without what the earlier cases matched
    /// (a case with a guard may have failed on any value, so it removes nothing), as the
    /// patterns around the capture narrow it.
    pub(crate) fn match_capture_type(&mut self, capture: &MatchCaptureDefinition) -> Type<'db> {
        let mut subject = self.infer_expression(&capture.statement.subject);
        for earlier in capture.earlier_cases() {
            subject = self.narrow_by_pattern(&earlier.pattern, earlier.guard.is_some(), false, subject);
        }
        self.capture_type(&capture.case().pattern, &capture.pattern, subject, 0).unwrap_or(Type::UNKNOWN)
    }

    /// The value of an assignment, inferred with the target's declared type as context.
    pub(crate) fn infer_assigned_value(&mut self, value: &ast::Expr, definition: DefinitionRef<'db>) -> Type<'db> {
        let expected = crate::semantic::symbol_declared_type(self.db, definition);
        self.infer_expression_with(value, expected)
    }

    /// The element type of iterating `iterable`, or `None` when it is not iterable.
    pub(crate) fn iteration_type(&mut self, iterable: Type<'db>) -> Option<Type<'db>> {
        iteration_type_of(self.db, iterable)
    }

    /// The element type of `async for` over `iterable` (each member of a union in turn), or
    /// `None` when it is not asynchronously iterable.
    pub(crate) fn async_iteration_type(&mut self, iterable: Type<'db>) -> Option<Type<'db>> {
        if iterable.is_dynamic() {
            return Some(Type::UNKNOWN);
        }
        if let Type::Union(union) = iterable {
            let mut elements = Vec::new();
            for member in union.elements(self.db) {
                elements.push(self.async_iteration_type(*member)?);
            }
            return Some(Type::union_of(self.db, elements));
        }
        let iterator = self.call_dunder_checked(iterable, "__aiter__", &[])?;
        let next = self.call_dunder_checked(iterator, "__anext__", &[])?;
        Some(self.await_type(next))
    }

    /// The `TypeVar` a PEP 695 type parameter defines (its bounds are evaluated lazily).
    pub(crate) fn type_param_type(&mut self, type_param: &ast::TypeParam) -> Type<'db> {
        let (name, kind) = match type_param {
            ast::TypeParam::TypeVar(tv) => (tv.name.as_str(), TypeVarKind::TypeVar),
            ast::TypeParam::ParamSpec(ps) => (ps.name.as_str(), TypeVarKind::ParamSpec),
            ast::TypeParam::TypeVarTuple(tvt) => (tvt.name.as_str(), TypeVarKind::TypeVarTuple),
        };
        let name = Box::<str>::from(name);
        let range = pytc_semantic::UnitRange::new(self.index, type_param.range());
        Type::TypeVarObject(match type_param.node_index().load().as_u32() {
            Some(node) => TypeVarType::declared(self.db, name, kind, self.file, node, range, Variance::Inferred),
            None => TypeVarType::new(self.db, name, kind, self.file, 0, None, Box::default(), None, Variance::Inferred),
        })
    }
}

/// The element type of iterating a value: `__iter__`/`__next__`, the `__getitem__`
/// fallback, or `None` when it is not iterable.
pub fn iteration_type_of<'db>(db: &'db dyn Db, iterable: Type<'db>) -> Option<Type<'db>> {
    match crate::class::namedtuple::as_tuple(db, iterable) {
        Type::Dynamic(_) => return Some(Type::UNKNOWN),
        Type::Never => return Some(Type::Never),
        Type::Tuple(tuple) => return Some(tuple.element_union(db)),
        Type::Union(union) => {
            let mut elements = Vec::new();
            for member in union.elements(db) {
                elements.push(iteration_type_of(db, *member)?);
            }
            return Some(Type::union_of(db, elements));
        }
        Type::StringLiteral(_) | Type::LiteralString => return Some(KnownClass::Str.instance(db)),
        // Iterating `type[T]` iterates the class of its upper bound: an enum's members are
        // `T`s (`for member in cls`).
        Type::SubclassOfTypeVar(typevar) => {
            let class_objects = crate::types::typevar_class_object_bound(db, typevar);
            let all_enums = class_objects.union_elements(db).iter().all(|class_object| {
                matches!(class_object, Type::SubclassOf(class) if crate::infer::literal::is_enum_class(db, class.class(db)))
            });
            return if all_enums { Some(Type::TypeVar(typevar)) } else { iteration_type_of(db, class_objects) };
        }
        _ => {}
    }
    let iter_method = crate::infer::attribute::member_access(db, iterable, "__iter__").found();
    if let Some(iter_method) = iter_method
        && !matches!(iterable, Type::ClassObject(_) | Type::SubclassOf(_))
    {
        let iterator = crate::call::call_with_argument_types(db, iter_method, &[]).ok()?;
        if iterator.is_dynamic() {
            return Some(Type::UNKNOWN);
        }
        let next = crate::infer::attribute::member_access(db, iterator, "__next__").found()?;
        return crate::call::call_with_argument_types(db, next, &[]).ok();
    }
    if matches!(iterable, Type::ClassObject(_) | Type::SubclassOf(_)) {
        // Iterating a class goes through its metaclass (`for member in SomeEnum`).
        if let Type::ClassObject(class) | Type::SubclassOf(class) = iterable {
            if crate::infer::literal::is_enum_class(db, class.class(db)) {
                return Some(Type::Instance(class));
            }
            let metaclass = crate::class::metaclass_instance(db, class.class(db));
            if let Type::Instance(meta) = metaclass
                && let Some(member) = crate::class::class_member(db, meta, "__iter__")
                && let Type::Function(function) = member.ty
            {
                let bound = Type::BoundMethod(crate::function::BoundMethodType::new(db, function, iterable));
                let iterator = crate::call::call_with_argument_types(db, bound, &[]).ok()?;
                let next = crate::infer::attribute::member_access(db, iterator, "__next__").found()?;
                return crate::call::call_with_argument_types(db, next, &[]).ok();
            }
            if metaclass.is_dynamic() {
                return Some(Type::UNKNOWN);
            }
        }
        return None;
    }
    // The old sequence protocol: `__getitem__` with an int.
    let getitem = crate::infer::attribute::member_access(db, iterable, "__getitem__").found()?;
    crate::call::call_with_argument_types(db, getitem, &[KnownClass::Int.instance(db)]).ok()
}

/// The value of a `type X = ...` alias. A query: recursive aliases resolve through salsa's
/// cycle handling (a cycle yields `Unknown`).
#[salsa::tracked(returns(copy), cycle_result = alias_cycle)]
pub fn type_alias_value<'db>(db: &'db dyn Db, alias: TypeAliasType<'db>) -> Type<'db> {
    let definition = DefinitionRef::new(db, alias.file(db), alias.definition(db));
    let node = match &definition.definition(db).kind {
        DefinitionKind::TypeAlias(node) => node,
        DefinitionKind::Assignment(assignment) if assignment.stmt.value.is_call_expr() => {
            return crate::aliases::type_alias_type::call_alias_value(db, definition);
        }
        // `X: TypeAlias = value` or `X = value` (a recursive alias named by a reference).
        DefinitionKind::Assignment(assignment) => return alias_assignment_value(db, definition, &assignment.stmt.value),
        DefinitionKind::AnnotatedAssignment(assignment) => match &assignment.stmt.value {
            Some(value) => return alias_assignment_value(db, definition, value),
            None => return Type::UNKNOWN,
        },
        _ => return Type::UNKNOWN,
    };
    let mut context = InferContext::for_definition(db, definition);
    if let Some(scope) = context.index.scope_defined_by(node.node().node_index().load()) {
        context.scope = scope;
    }
    context.deferred_annotations = true;
    context.type_expression(&node.value)
}

/// The value of an alias defined by an assignment, evaluated as a type expression.
fn alias_assignment_value<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>, value: &ast::Expr) -> Type<'db> {
    let mut context = InferContext::for_definition(db, definition);
    context.deferred_annotations = true;
    context.type_expression(value)
}

fn alias_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _alias: TypeAliasType<'db>) -> Type<'db> {
    Type::UNKNOWN
}

/// Whether the end of a function scope can be reached.
pub(crate) fn end_is_reachable(context: &mut InferContext<'_>, scope: pytc_semantic::ScopeId) -> bool {
    let end = context.index.use_def_map(scope).end_reachability();
    end != ConstraintId::ALWAYS_FALSE && !context.constraint_is_never(scope, end)
}

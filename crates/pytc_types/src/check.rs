//! `check_types`: every type diagnostic of a file, checked scope by scope (a query per
//! scope, so an edit to one function re-checks only that function), plus the class-level
//! checks (bases, MRO).

use pytc_db::{Db, Diagnostic, File, declare_rule};
use pytc_semantic::{DefinitionKind, ScopeId, ScopeKind, UnitId};
use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::class::{self, MroError};
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, Type};

declare_rule! {
    /// A class base that is not a class.
    ///
    /// ```python
    /// class C(1): ...  # error: [invalid-base]
    /// ```
    pub static INVALID_BASE = {
        name: "invalid-base",
        summary: "a class base is not a class",
        level: Error,
    }
}

declare_rule! {
    /// Bases for which no consistent method resolution order exists.
    ///
    /// ```python
    /// class A: ...
    /// class B(A): ...
    /// class C(A, B): ...  # error: [inconsistent-mro]
    /// ```
    pub static INCONSISTENT_MRO = {
        name: "inconsistent-mro",
        summary: "a class's bases admit no consistent method resolution order",
        level: Error,
    }
}

declare_rule! {
    /// A class that inherits from itself, directly or indirectly.
    ///
    /// ```python
    /// class A(B): ...  # error: [cyclic-class-definition]
    /// class B(A): ...  # error: [cyclic-class-definition]
    /// ```
    pub static CYCLIC_CLASS_DEFINITION = {
        name: "cyclic-class-definition",
        summary: "a class inherits from itself",
        level: Error,
    }
}

declare_rule! {
    /// The same class listed twice among a class's bases.
    ///
    /// ```python
    /// class A: ...
    /// class B(A, A): ...  # error: [duplicate-base]
    /// ```
    pub static DUPLICATE_BASE = {
        name: "duplicate-base",
        summary: "a class lists the same base twice",
        level: Error,
    }
}

declare_rule! {
    /// Inheriting from a class that cannot be subclassed: `@final` classes and enums that
    /// define members.
    ///
    /// ```python
    /// from typing import final
    /// @final
    /// class A: ...
    /// class B(A): ...  # error: [subclass-of-final-class]
    /// ```
    pub static SUBCLASS_OF_FINAL_CLASS = {
        name: "subclass-of-final-class",
        summary: "a class inherits from a final class",
        level: Error,
    }
}

declare_rule! {
    /// A malformed generic class definition, such as a type variable listed twice in
    /// `Generic[...]`.
    ///
    /// ```python
    /// from typing import Generic, TypeVar
    /// T = TypeVar("T")
    /// class C(Generic[T, T]): ...  # error: [invalid-generic-class]
    /// ```
    pub static INVALID_GENERIC_CLASS = {
        name: "invalid-generic-class",
        summary: "a generic class is defined incorrectly",
        level: Error,
    }
}

/// One checked scope: its diagnostics and the types of its expressions (for the editor).
#[derive(Debug, Clone, PartialEq, Eq, salsa::SalsaValue)]
pub struct ScopeCheck<'db> {
    /// Each diagnostic with the unit its range starts in, the range measured from that
    /// unit's start (see `pytc_semantic::UnitRange`): the check stays equal when the text
    /// only moves, and `check_types` makes the ranges absolute again.
    pub diagnostics: Vec<(UnitId, Diagnostic)>,
    /// (node index, type), sorted by node index.
    pub expression_types: Vec<(u32, Type<'db>)>,
}

/// One scope of one file, as a query key.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct ScopeRef<'db> {
    #[returns(copy)]
    pub file: File,
    #[returns(copy)]
    pub scope: u32,
}

/// Every type diagnostic of the file. A query: the checker appends it to `check_file`.
/// It re-runs on every edit of the file, but only to gather: the module's statements and
/// its function bodies are checked by queries that keep their results while their unit
/// (see `pytc_semantic::UnitId`) is unchanged.
#[salsa::tracked(returns(ref))]
pub fn check_types(db: &dyn Db, file: File) -> Vec<Diagnostic> {
    let index = pytc_semantic::semantic_index(db, file);
    let mut diagnostics = Vec::new();
    for statement in 0..index.statement_unit_count() {
        gather(&mut diagnostics, index, check_module_statement(db, file, UnitId::statement(statement as u32)));
    }
    diagnostics.extend(check_module_overloads(db, file).iter().cloned());
    for (scope_id, scope) in index.scopes() {
        if scope.kind != ScopeKind::Function || !scope.reachable {
            continue;
        }
        gather(&mut diagnostics, index, check_scope(db, ScopeRef::new(db, file, scope_id.as_u32())));
    }
    diagnostics.sort_by_key(|diagnostic| diagnostic.range.start());
    diagnostics.dedup();
    diagnostics
}

/// Add a check's diagnostics to `diagnostics`, with absolute ranges in `index`.
fn gather(diagnostics: &mut Vec<Diagnostic>, index: &pytc_semantic::SemanticIndex, check: &ScopeCheck<'_>) {
    diagnostics.extend(check.diagnostics.iter().map(|(unit, diagnostic)| Diagnostic { range: diagnostic.range + index.unit_start(*unit), ..diagnostic.clone() }));
}

/// The check of one top-level statement, class bodies included (function bodies are
/// checked by `check_scope`). A query so an edit re-checks only the statements whose unit
/// changed.
#[salsa::tracked(returns(ref))]
pub fn check_module_statement(db: &dyn Db, file: File, unit: UnitId) -> ScopeCheck<'_> {
    let mut context = InferContext::checking_statement(db, file, unit);
    let statement = unit.statement_index().and_then(|position| context.index.parsed_module().syntax().body.get(position));
    if let Some(statement) = statement {
        context.check_statements(std::slice::from_ref(statement));
    }
    scope_check(context)
}

/// The overload groups of the module (they span several top-level statements). A query
/// that re-runs on every edit; the function types it compares are queries of their own.
#[salsa::tracked(returns(ref))]
pub fn check_module_overloads(db: &dyn Db, file: File) -> Vec<Diagnostic> {
    let mut context = InferContext::checking_whole_module(db, file);
    let body = &context.index.parsed_module().syntax().body;
    crate::definitions::overload_definitions::check_function_groups(&mut context, body);
    context.into_results().0
}

/// The check of one function body (the module's statements are checked by
/// `check_module_statement`). A query so an edit re-checks only the scopes whose inputs
/// changed.
#[salsa::tracked(returns(ref))]
pub fn check_scope<'db>(db: &'db dyn Db, scope: ScopeRef<'db>) -> ScopeCheck<'db> {
    let file = scope.file(db);
    let scope_id = ScopeId::from_u32(scope.scope(db));
    let mut context = InferContext::checking(db, file, scope_id);
    if context.index.scope(scope_id).kind == ScopeKind::Function {
        check_function_body(&mut context, scope_id);
    }
    scope_check(context)
}

/// The diagnostics (made unit-relative) and recorded expression types of a finished
/// checking context.
fn scope_check(context: InferContext<'_>) -> ScopeCheck<'_> {
    let index = context.index;
    let file = context.file;
    let (diagnostics, types) = context.into_results();
    let diagnostics = diagnostics
        .into_iter()
        .map(|mut diagnostic| {
            debug_assert_eq!(diagnostic.file, file, "a check reports only in its own file");
            let unit = index.unit_at(diagnostic.range.start());
            diagnostic.range = diagnostic.range - index.unit_start(unit);
            (unit, diagnostic)
        })
        .collect();
    let mut expression_types: Vec<(u32, Type<'_>)> = types.into_iter().filter_map(|(node, ty)| Some((node.as_u32()?, ty))).collect();
    expression_types.sort_by_key(|(node, _)| *node);
    ScopeCheck { diagnostics, expression_types }
}

/// The check (diagnostics and expression types) that covers `node`, evaluated in `scope`
/// (the module or a function).
pub fn check_covering<'db>(db: &'db dyn Db, file: File, scope: ScopeId, node: pytc_syntax::ast::NodeIndex) -> &'db ScopeCheck<'db> {
    if scope == ScopeId::MODULE {
        let unit = pytc_semantic::semantic_index(db, file).unit_of_node(node);
        check_module_statement(db, file, unit)
    } else {
        check_scope(db, ScopeRef::new(db, file, scope.as_u32()))
    }
}

fn check_function_body(context: &mut InferContext<'_>, scope_id: ScopeId) {
    let db = context.db;
    let index = context.index;
    let Some(node) = index.scope(scope_id).node else { return };
    let Some(definition) = index.definitions_for_node(node).first().copied() else { return };
    let definition_ref = DefinitionRef::of(db, context.file, definition);
    let DefinitionKind::Function(function) = &definition_ref.definition(db).kind else { return };
    if let Type::Function(function_type) = crate::infer::definition::binding_type(db, definition_ref)
        && function_type.has(db, crate::function::FunctionFlags::NO_TYPE_CHECK)
    {
        return;
    }
    let declared_return = function.returns.as_ref().map(|returns| {
        let mut quiet = InferContext::quiet(db, context.file, index.scope_of_node(returns.node_index().load()));
        quiet.type_expression(returns)
    });
    let body_is_generator = crate::infer::function::is_generator(&function.body);
    if body_is_generator && let Some(declared) = declared_return {
        context.generator = Some(crate::definitions::generator_body::declared_generator_parts(db, declared, function.is_async));
    }
    context.return_type = declared_return;
    context.check_body(&function.body);
    let Some(declared) = declared_return else { return };
    let return_range = function.returns.as_ref().map_or(function.name.range, |r| r.range());
    if body_is_generator && !crate::definitions::generator_body::accepts_generator_object(db, declared, function.is_async) {
        let kind = if function.is_async { "An async generator function" } else { "A generator function" };
        let object = if function.is_async { "an `AsyncGenerator`" } else { "a `Generator`" };
        context.report(
            return_range,
            &crate::infer::stmt::INVALID_RETURN_TYPE,
            format!("{kind} returns {object}, which is not assignable to the declared return type `{}`", declared.display(db)),
        );
    }
    // Falling off the end returns `None` (for a generator: its return value).
    let falls_off_to = match context.generator {
        Some(_) if context.index.is_stub() => None,
        Some(generator) => generator.return_type,
        None if is_declaration_only(context, definition_ref, function, scope_id) => None,
        None => Some(declared),
    };
    let Some(end_type) = falls_off_to else { return };
    if !Type::None.is_assignable_to(db, end_type) && crate::infer::stmt::end_is_reachable(context, scope_id) {
        context.report(
            return_range,
            &crate::infer::stmt::INVALID_RETURN_TYPE,
            format!("Function can implicitly return `None`, which is not assignable to return type `{}`", end_type.display(db)),
        );
    }
}

/// Whether the function only declares its signature, so falling off its end is not a
/// return: anything in a stub; a body of `...` (how a `.py` file spells a declaration, under
/// `if TYPE_CHECKING:` or in an informal interface); and a body of only `pass`, a
/// docstring, `...` or `raise` in a protocol, an overload or an abstract method. A body of
/// only `pass` or a docstring anywhere else returns `None`, and is checked as such.
fn is_declaration_only(context: &InferContext<'_>, definition: DefinitionRef<'_>, function: &ast::StmtFunctionDef, scope_id: ScopeId) -> bool {
    if context.index.is_stub() {
        return true;
    }
    let is_ellipsis = |stmt: &ast::Stmt| matches!(stmt, ast::Stmt::Expr(e) if matches!(&*e.value, ast::Expr::EllipsisLiteral(_)));
    let trivial = function.body.iter().all(|stmt| match stmt {
        ast::Stmt::Pass(_) | ast::Stmt::Raise(_) => true,
        ast::Stmt::Expr(e) => matches!(&*e.value, ast::Expr::EllipsisLiteral(_) | ast::Expr::StringLiteral(_)),
        _ => false,
    });
    if !trivial {
        return false;
    }
    if function.body.iter().any(is_ellipsis) {
        return true;
    }
    let db = context.db;
    let (undecorated, _, _) = crate::infer::function::undecorated_function(db, definition, function);
    if undecorated.has(db, crate::function::FunctionFlags::OVERLOAD) || undecorated.has(db, crate::function::FunctionFlags::ABSTRACT) {
        return true;
    }
    let in_class_body = context.index.scope(scope_id).parent.is_some_and(|parent| context.index.scope(parent).kind == ScopeKind::Class);
    in_class_body && context.enclosing_class().is_some_and(|class| class::is_protocol(db, class))
}

/// `Generic[...]`/`Protocol[...]` must list distinct type variables.
fn check_generic_parameters(context: &mut InferContext<'_>, class: &ast::StmtClassDef) {
    let Some(arguments) = &class.arguments else { return };
    for base in arguments.args.iter() {
        let ast::Expr::Subscript(subscript) = base else { continue };
        let names: Vec<&str> = match &*subscript.slice {
            ast::Expr::Tuple(tuple) => tuple.elts.iter().filter_map(listed_variable_name).collect(),
            _ => continue,
        };
        let was = context.suspend_reporting();
        let head = context.infer_expression(&subscript.value);
        context.resume_reporting(was);
        if !matches!(head, Type::SpecialForm(crate::types::SpecialForm::Generic | crate::types::SpecialForm::Protocol)) {
            continue;
        }
        for (i, name) in names.iter().enumerate() {
            if names[..i].contains(name) {
                context.report(base.range(), &INVALID_GENERIC_CLASS, format!("Type variable `{name}` appears more than once in `{}`", class.name));
                break;
            }
        }
    }
}

/// The name of a type variable listed in `Generic[...]`: `T`, or `Ts` of `*Ts`/`Unpack[Ts]`.
fn listed_variable_name(element: &ast::Expr) -> Option<&str> {
    match element {
        ast::Expr::Name(name) => Some(name.id.as_str()),
        ast::Expr::Starred(starred) => starred.value.as_name_expr().map(|n| n.id.as_str()),
        ast::Expr::Subscript(subscript) => subscript.slice.as_name_expr().map(|n| n.id.as_str()),
        _ => None,
    }
}

/// Report problems with a class's bases and MRO.
pub(crate) fn check_class_header(context: &mut InferContext<'_>, class: &ast::StmtClassDef) {
    let db = context.db;
    let Some(definition) = context.index.definitions_for_node(class.node_index().load()).first().copied() else { return };
    let literal = ClassLiteral::new(db, context.file, definition.as_u32(), Box::<str>::from(class.name.as_str()));
    let header = class::class_header(db, literal);
    let arguments: Vec<&ast::Expr> = class.arguments.as_ref().map(|a| a.args.iter().collect()).unwrap_or_default();
    for (index, ty) in &header.invalid_bases {
        let Some(base) = arguments.get(*index as usize) else { continue };
        context.report(base.range(), &INVALID_BASE, format!("Invalid class base with type `{}`", ty.display(db)));
    }
    check_generic_parameters(context, class);
    crate::definitions::final_class::check_final_class_abstract_members(context, literal, class);
    for base in &header.bases {
        let base_class = base.class(db);
        if class::cannot_be_subclassed(db, base_class) {
            let is_final = class::flags(db, base_class).contains(class::ClassFlags::FINAL);
            let reason = if is_final { "is marked `@final`" } else { "is an enum with members (implicitly final)" };
            context.report(
                class.name.range,
                &SUBCLASS_OF_FINAL_CLASS,
                format!("Class `{}` cannot inherit from `{}`, which {reason}", class.name, base.name(db)),
            );
        }
    }
    let mro = class::class_mro(db, literal);
    match mro.error {
        Some(MroError::Cyclic) => context.report(
            class.name.range,
            &CYCLIC_CLASS_DEFINITION,
            format!("Cyclic definition of `{}` (class cannot inherit from itself)", class.name),
        ),
        Some(MroError::Inconsistent) => context.report(
            class.name.range,
            &INCONSISTENT_MRO,
            format!("Cannot create a consistent method resolution order (MRO) for class `{}`", class.name),
        ),
        Some(MroError::DuplicateBase) => context.report(class.name.range, &DUPLICATE_BASE, format!("Duplicate base class in `{}`", class.name)),
        None => {}
    }
    crate::typed_dict::check_typed_dict_class(context, literal, class);
    crate::class::disjoint_base::check_disjoint_base(context, literal, class);
    crate::class::synthesized_checks::check_class(context, literal, class);
    crate::definitions::attribute_overrides::check_attribute_overrides(context, literal, class);
    crate::protocol::check_protocol_variance(context, literal, class);
    crate::protocol::check_protocol_body(context, literal, class);
    crate::protocol::check_protocol_bases(context, literal, class);
}

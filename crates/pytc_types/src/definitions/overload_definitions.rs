//! Overload definitions (the typing spec's overload definition rules): a group needs at
//! least two `@overload` signatures and an implementation (except in stubs, protocols and
//! for abstract methods); `@staticmethod`/`@classmethod` must agree across the group;
//! `@final`/`@override` belong on the implementation (or on the first overload when there
//! is none); and the implementation must accept every overload's arguments and return
//! every overload's return type. Overlaps between overloads are `overload_overlaps`.

use pytc_db::declare_rule;
use pytc_semantic::{DefinitionKind, ScopeKind};
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::function::{FunctionFlags, FunctionType};
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{CallableType, ParameterKind, Signature, Type};

declare_rule! {
    /// An overloaded function defined against the rules for overloads.
    ///
    /// ```python
    /// from typing import overload
    /// @overload
    /// def f(x: int) -> int: ...  # error: [invalid-overload]
    /// def f(x: int) -> int: return x
    /// ```
    pub static INVALID_OVERLOAD = {
        name: "invalid-overload",
        summary: "an overloaded function is defined inconsistently",
        level: Error,
    }
}

/// One `def` of a group of same-named consecutive definitions.
pub(crate) struct GroupMember<'a, 'db> {
    pub node: &'a ast::StmtFunctionDef,
    /// What pytc knows from the decorators it models.
    pub flags: FunctionFlags,
    /// The function, when the decorators leave one.
    pub function: Option<FunctionType<'db>>,
}

/// Consecutive `def`s of one name where every `def` but the last is an `@overload`: an
/// overload group with its implementation, or a lone `def`.
pub(crate) struct FunctionGroup<'a, 'db> {
    pub members: Vec<GroupMember<'a, 'db>>,
}

impl<'a, 'db> FunctionGroup<'a, 'db> {
    pub fn name(&self) -> &'a str {
        self.members[0].node.name.as_str()
    }

    pub fn overloads(&self) -> impl Iterator<Item = &GroupMember<'a, 'db>> {
        self.members.iter().filter(|m| m.flags.contains(FunctionFlags::OVERLOAD))
    }

    pub fn implementation(&self) -> Option<&GroupMember<'a, 'db>> {
        self.members.last().filter(|m| !m.flags.contains(FunctionFlags::OVERLOAD))
    }

    /// The member whose `@final`/`@override` counts for the whole group: the implementation,
    /// or the first overload without one.
    pub fn representative(&self) -> &GroupMember<'a, 'db> {
        self.implementation().unwrap_or(&self.members[0])
    }
}

/// The `def` groups of a block of statements.
pub(crate) fn function_groups<'a, 'db>(context: &mut InferContext<'db>, body: &'a [ast::Stmt]) -> Vec<FunctionGroup<'a, 'db>> {
    let mut groups: Vec<FunctionGroup<'a, 'db>> = Vec::new();
    let mut open = false;
    for stmt in body {
        let ast::Stmt::FunctionDef(node) = stmt else {
            open = false;
            continue;
        };
        if !context.index.is_node_reachable(stmt) {
            continue;
        }
        let member = group_member(context, node);
        match groups.last_mut() {
            Some(group)
                if open
                    && group.name() == node.name.as_str()
                    && group.members.last().is_some_and(|last| last.flags.contains(FunctionFlags::OVERLOAD)) =>
            {
                group.members.push(member);
            }
            _ => groups.push(FunctionGroup { members: vec![member] }),
        }
        open = true;
    }
    groups
}

fn group_member<'a, 'db>(context: &mut InferContext<'db>, node: &'a ast::StmtFunctionDef) -> GroupMember<'a, 'db> {
    let db = context.db;
    let mut flags = FunctionFlags::empty();
    let was_reporting = context.suspend_reporting();
    for decorator in &node.decorator_list {
        let decorator_type = context.infer_expression(&decorator.expression);
        if let Some(flag) = crate::infer::function::known_decorator(db, decorator_type) {
            flags |= flag;
        }
    }
    context.resume_reporting(was_reporting);
    let function = context.index.definitions_for_node(node.node_index().load()).first().and_then(|definition| {
        let definition = DefinitionRef::of(db, context.file, *definition);
        match crate::infer::definition::binding_type(db, definition) {
            // An overload implementation binds its group's overloads whatever decorates it;
            // decorators pytc does not model make it another function, so it is not compared
            // with them as it is written.
            Type::Function(function)
                if !function.has(db, FunctionFlags::OVERLOAD)
                    && !crate::infer::function::overload_group(db, function).is_empty()
                    && !crate::infer::function::undecorated_function(db, definition, node).1.is_empty() =>
            {
                None
            }
            Type::Function(function) => Some(function),
            _ => None,
        }
    });
    if let Some(function) = function {
        flags |= function.flags(db);
    }
    GroupMember { node, flags, function }
}

impl InferContext<'_> {
    /// Whether a `def` is decorated with `@overload` (its `...` defaults are placeholders).
    pub(crate) fn is_overload_definition(&mut self, node: &ast::StmtFunctionDef) -> bool {
        !node.decorator_list.is_empty() && group_member(self, node).flags.contains(FunctionFlags::OVERLOAD)
    }
}

/// Check the overload groups of a block (and, in a class body, the overrides of its methods).
pub(crate) fn check_function_groups(context: &mut InferContext<'_>, body: &[ast::Stmt]) {
    let groups = function_groups(context, body);
    for group in &groups {
        if group.overloads().next().is_some() {
            check_overload_group(context, body, group);
        }
    }
    if context.index.scope(context.scope).kind == ScopeKind::Class {
        for group in &groups {
            crate::definitions::overrides::check_method_override(context, group);
        }
    } else {
        for group in &groups {
            crate::definitions::overrides::check_final_on_function(context, group);
        }
    }
}

fn check_overload_group(context: &mut InferContext<'_>, body: &[ast::Stmt], group: &FunctionGroup<'_, '_>) {
    let name = group.name();
    let overloads: Vec<&GroupMember> = group.overloads().collect();
    let first = overloads[0];
    // Groups inside an `if`/`try` may continue in another branch (version-dependent stubs).
    let whole_scope = is_scope_body(context, body);
    if overloads.len() == 1 && whole_scope && !defined_elsewhere(context, group, true) {
        context.report(
            first.node.name.range,
            &INVALID_OVERLOAD,
            format!("Overloaded function `{name}` needs at least two `@overload` signatures"),
        );
    }
    let implementation = group.implementation();
    if implementation.is_none() && whole_scope && implementation_required(context, group) {
        context.report(first.node.name.range, &INVALID_OVERLOAD, format!("Overloaded function `{name}` has no implementation"));
    }
    check_method_kinds(context, group);
    check_final_and_override_placement(context, group);
    if let Some(implementation) = implementation {
        check_implementation_consistency(context, &overloads, implementation);
    }
    crate::definitions::overload_overlaps::check_overload_overlaps(context, name, &overloads);
}

/// Whether `body` is the whole body of the current scope (not a branch of an `if` or `try`,
/// whose implementation may sit in another branch).
fn is_scope_body(context: &InferContext<'_>, body: &[ast::Stmt]) -> bool {
    let db = context.db;
    let Some(node) = context.index.scope(context.scope).node else {
        return std::ptr::eq(context.index.parsed_module().syntax().body.as_slice(), body);
    };
    let Some(definition) = context.index.definitions_for_node(node).first() else { return false };
    match &DefinitionRef::of(db, context.file, *definition).definition(db).kind {
        DefinitionKind::Function(function) => std::ptr::eq(function.body.as_slice(), body),
        DefinitionKind::Class(class) => std::ptr::eq(class.body.as_slice(), body),
        _ => false,
    }
}

/// Stubs, protocol members, abstract overloads and overloads whose implementation is
/// defined elsewhere in the scope (say, under `if TYPE_CHECKING: ... else: ...`) need none here.
fn implementation_required(context: &mut InferContext<'_>, group: &FunctionGroup<'_, '_>) -> bool {
    let db = context.db;
    if context.index.is_stub() {
        return false;
    }
    if let Some(class) = context.enclosing_class()
        && context.index.scope(context.scope).kind == ScopeKind::Class
        && crate::class::is_protocol(db, class)
    {
        return false;
    }
    if group.overloads().all(|m| m.flags.contains(FunctionFlags::ABSTRACT)) {
        return false;
    }
    !defined_elsewhere(context, group, false)
}

/// Whether the scope defines the group's name with another `def` outside the group: another
/// overload (`overload` true) or a non-overload `def` (false).
fn defined_elsewhere(context: &InferContext<'_>, group: &FunctionGroup<'_, '_>, overload: bool) -> bool {
    let db = context.db;
    let table = context.index.symbol_table(context.scope);
    let Some(symbol) = table.symbol_id(group.name()) else { return false };
    let in_group: Vec<_> = group.members.iter().map(|m| m.node.node_index().load()).collect();
    context.index.use_def_map(context.scope).declarations(symbol).iter().any(|declaration| {
        let definition = DefinitionRef::of(db, context.file, *declaration);
        match &definition.definition(db).kind {
            DefinitionKind::Function(node) => {
                !in_group.contains(&node.node().node_index().load())
                    && matches!(crate::infer::definition::binding_type(db, definition), Type::Function(f) if f.has(db, FunctionFlags::OVERLOAD)) == overload
            }
            _ => false,
        }
    })
}

/// `@staticmethod` and `@classmethod` must be on every member or on none.
fn check_method_kinds(context: &mut InferContext<'_>, group: &FunctionGroup<'_, '_>) {
    let kind = |member: &GroupMember| member.flags & (FunctionFlags::STATICMETHOD | FunctionFlags::CLASSMETHOD);
    let expected = kind(&group.members[0]);
    let describe = |flags: FunctionFlags| {
        if flags.contains(FunctionFlags::STATICMETHOD) {
            "a staticmethod"
        } else if flags.contains(FunctionFlags::CLASSMETHOD) {
            "a classmethod"
        } else {
            "an instance method"
        }
    };
    for member in &group.members[1..] {
        if kind(member) != expected {
            let what = if member.flags.contains(FunctionFlags::OVERLOAD) { "Overload" } else { "Implementation" };
            context.report(
                member.node.name.range,
                &INVALID_OVERLOAD,
                format!(
                    "{what} of `{}` is {}, but its first overload is {}",
                    group.name(),
                    describe(kind(member)),
                    describe(expected)
                ),
            );
        }
    }
}

/// `@final` and `@override` go on the implementation, or on the first overload when there
/// is no implementation.
fn check_final_and_override_placement(context: &mut InferContext<'_>, group: &FunctionGroup<'_, '_>) {
    let has_implementation = group.implementation().is_some();
    for (position, member) in group.overloads().enumerate() {
        if has_implementation || position > 0 {
            for (flag, decorator) in [(FunctionFlags::FINAL, "@final"), (FunctionFlags::OVERRIDE, "@override")] {
                if member.flags.contains(flag) {
                    let place = if has_implementation { "the implementation" } else { "the first overload" };
                    context.report(
                        member.node.name.range,
                        &INVALID_OVERLOAD,
                        format!("`{decorator}` on an overload of `{}` belongs on {place} only", group.name()),
                    );
                }
            }
        }
    }
}

/// The implementation must accept the arguments of every overload, and every overload's
/// return type must be assignable to the implementation's. Groups with type variables are
/// not compared (that needs solving one signature against the other).
fn check_implementation_consistency(context: &mut InferContext<'_>, overloads: &[&GroupMember<'_, '_>], implementation: &GroupMember<'_, '_>) {
    let db = context.db;
    let Some(implementation_function) = implementation.function else { return };
    let is_method = implementation.flags.contains(FunctionFlags::METHOD) && !implementation.flags.contains(FunctionFlags::STATICMETHOD);
    let Some(implementation_signature) = comparable_signature(context, implementation_function, is_method) else { return };
    for (position, overload) in overloads.iter().enumerate() {
        let Some(function) = overload.function else { continue };
        let Some(signature) = comparable_signature(context, function, is_method) else { continue };
        // Guards are compared as the `bool`s their calls return: each overload narrows by its
        // own `TypeGuard`/`TypeIs`, and the implementation's returns are checked on their own.
        if !signature.return_type.as_call_result(db).is_assignable_to(db, implementation_signature.return_type.as_call_result(db)) {
            context.report(
                implementation.node.name.range,
                &INVALID_OVERLOAD,
                format!(
                    "Overload {} of `{}` returns `{}`, which is not assignable to the implementation's return type `{}`",
                    position + 1,
                    implementation.node.name,
                    signature.return_type.display(db),
                    implementation_signature.return_type.display(db)
                ),
            );
        }
        let accepting = Signature { return_type: Type::ANY, ..implementation_signature.clone() };
        let accepted = Signature { return_type: Type::ANY, ..signature };
        let accepting = Type::Callable(CallableType::single(db, accepting));
        let accepted = Type::Callable(CallableType::single(db, accepted));
        if !accepting.is_assignable_to(db, accepted) {
            context.report(
                implementation.node.name.range,
                &INVALID_OVERLOAD,
                format!(
                    "The implementation of `{}` does not accept every argument list overload {} accepts",
                    implementation.node.name,
                    position + 1
                ),
            );
        }
    }
}

/// A member's own signature without its `self`/`cls` parameter, when it has no type variables.
fn comparable_signature<'db>(context: &InferContext<'db>, function: FunctionType<'db>, is_method: bool) -> Option<Signature<'db>> {
    let db = context.db;
    let mut signature = crate::infer::function::own_signature(db, function);
    if is_method
        && signature.parameters.first().is_some_and(|p| matches!(p.kind, ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword))
    {
        signature.parameters.remove(0);
    }
    let generic = crate::generics::has_typevars(db, signature.return_type)
        || signature.parameters.iter().any(|p| crate::generics::has_typevars(db, p.annotated));
    (!generic).then_some(signature)
}

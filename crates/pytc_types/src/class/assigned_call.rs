//! Calls whose result must be assigned to a name of the same spelling (`UserId =
//! NewType("UserId", int)`, `X = TypeAliasType("X", int)`): the definition that binds a
//! call's result, so the object the call creates can be named after that definition.

use pytc_db::{Db, File};
use pytc_semantic::DefinitionKind;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::semantic::DefinitionRef;

/// The single-name assignments of `file` whose value is a call, as `(call node, definition
/// id)` pairs sorted by node. A query: each `NewType(...)`/`TypeAliasType(...)` call looks up
/// its definition here, and the table only changes when the file does.
#[salsa::tracked(returns(ref))]
fn assigned_calls(db: &dyn Db, file: File) -> Vec<(u32, u32)> {
    let index = crate::semantic::index(db, file);
    let mut calls: Vec<(u32, u32)> = index
        .definitions()
        .filter_map(|(id, definition)| {
            let DefinitionKind::Assignment(assignment) = &definition.kind else { return None };
            let single_name = assignment.stmt.targets.len() == 1 && assignment.unpack.is_empty() && matches!(&*assignment.target, ast::Expr::Name(_));
            let ast::Expr::Call(call) = &*assignment.stmt.value else { return None };
            let node = call.node_index().load().as_u32()?;
            single_name.then_some((node, id.as_u32()))
        })
        .collect();
    calls.sort_unstable();
    calls
}

/// The assignment definition that binds the result of `call` to one name, if any.
pub(crate) fn assignment_of_call<'db>(db: &'db dyn Db, file: File, call: &ast::ExprCall) -> Option<DefinitionRef<'db>> {
    let node = call.node_index().load().as_u32()?;
    let calls = assigned_calls(db, file);
    let position = calls.binary_search_by_key(&node, |(call_node, _)| *call_node).ok()?;
    Some(DefinitionRef::new(db, file, calls[position].1))
}

/// The call nodes of `file` that are the whole value of an annotated assignment to one name
/// (`T: Final = TypeVar("T")`), sorted.
#[salsa::tracked(returns(ref))]
fn annotated_assigned_calls(db: &dyn Db, file: File) -> Vec<u32> {
    let index = crate::semantic::index(db, file);
    let mut calls: Vec<u32> = index
        .definitions()
        .filter_map(|(_, definition)| {
            let DefinitionKind::AnnotatedAssignment(assignment) = &definition.kind else { return None };
            if !matches!(&*assignment.stmt.target, ast::Expr::Name(_)) {
                return None;
            }
            assignment.stmt.value.as_deref()?.as_call_expr()?.node_index().load().as_u32()
        })
        .collect();
    calls.sort_unstable();
    calls
}

/// Whether `call`'s result is assigned, whole, to one name (by `=` or an annotated `=`).
pub(crate) fn is_assigned_to_a_name(db: &dyn Db, file: File, call: &ast::ExprCall) -> bool {
    let Some(node) = call.node_index().load().as_u32() else { return true };
    assignment_of_call(db, file, call).is_some() || annotated_assigned_calls(db, file).binary_search(&node).is_ok()
}

/// The name an assignment binds (`UserId` in `UserId = NewType(...)`).
pub(crate) fn assigned_name(db: &dyn Db, definition: DefinitionRef<'_>) -> Option<String> {
    let DefinitionKind::Assignment(assignment) = &definition.definition(db).kind else { return None };
    match &*assignment.target {
        ast::Expr::Name(name) => Some(name.id.to_string()),
        _ => None,
    }
}

/// The call an assignment definition assigns, when its value is a call.
pub(crate) fn assigned_call<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>) -> Option<&'db ast::ExprCall> {
    let DefinitionKind::Assignment(assignment) = &definition.definition(db).kind else { return None };
    assignment.stmt.value.as_call_expr()
}

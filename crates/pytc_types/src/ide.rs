//! Editor queries: the type at a position (`hover_type`), the signatures of the call
//! around a position and the keywords it takes (`signature_help`), the members a value
//! offers after `.` (`members`), which class or module defines an attribute (`member_owner`), where the type at a position is defined (`type_definition`), what each identifier names
//! (`semantic_tokens`), where a name is defined, and inlay hints (`inlay_hints`). Built on the per-scope checks, so they reuse their work.

use pytc_db::{Db, File};
use pytc_semantic::{Binding, ScopeId, ScopeKind};
use pytc_syntax::ast::{self, HasNodeIndex, NodeIndex};
use pytc_syntax::{Ranged, TextRange, TextSize};

use crate::check::check_covering;
use crate::semantic::DefinitionRef;
use crate::types::Type;

mod hover_type;
mod inlay_hints;
mod member_owner;
mod members;
mod semantic_tokens;
mod signature_help;
mod string_completion;
mod type_definition;

pub use hover_type::{HoverKind, TypeAtPosition, type_at_position};
pub use inlay_hints::{InlayHintKind, TypeHint, inlay_hints};
pub use member_owner::{class_member_root, member_owner};
pub use members::{Member, MemberKind, expression_members};
pub use semantic_tokens::{SemanticToken, TokenKind, semantic_tokens, token_modifier};
pub use signature_help::{CallSignatures, SignatureLabel, call_keyword_names, signature_help};
pub use string_completion::string_completions;
pub use type_definition::type_definitions_at_position;

/// An expression found at a position.
struct FoundExpression<'a> {
    node: NodeIndex,
    range: TextRange,
    expression: &'a ast::Expr,
}

/// The innermost expression containing `offset`.
fn innermost_expression(module: &ast::ModModule, offset: TextSize) -> Option<FoundExpression<'_>> {
    let expression = pytc_syntax::innermost_expression_where(module, |range| range.contains_inclusive(offset), |_| true)?;
    Some(FoundExpression { node: expression.node_index().load(), range: expression.range(), expression })
}

/// The module or function scope whose check records the types of `scope`'s expressions.
fn checking_scope(index: &pytc_semantic::SemanticIndex, scope: ScopeId) -> ScopeId {
    let mut current = scope;
    loop {
        let info = index.scope(current);
        if matches!(info.kind, ScopeKind::Module | ScopeKind::Function) {
            return current;
        }
        match info.parent {
            Some(parent) => current = parent,
            None => return ScopeId::MODULE,
        }
    }
}

fn expression_type<'db>(db: &'db dyn Db, file: File, node: NodeIndex) -> Option<Type<'db>> {
    let index = pytc_semantic::semantic_index(db, file);
    let scope = checking_scope(index, index.scope_of_node(node));
    let check = check_covering(db, file, scope, node);
    let raw = node.as_u32()?;
    let position = check.expression_types.binary_search_by_key(&raw, |(n, _)| *n).ok()?;
    Some(check.expression_types[position].1)
}

/// Where the name at `offset` is defined (each reaching definition), or the module an
/// import names.
pub fn definitions_at_position(db: &dyn Db, file: File, offset: TextSize) -> Vec<(File, TextRange)> {
    let parsed = pytc_db::parsed_module(db, file);
    let Some(found) = innermost_expression(parsed.syntax(), offset) else { return Vec::new() };
    let (node, is_name) = (found.node, matches!(found.expression, ast::Expr::Name(_)));
    let index = pytc_semantic::semantic_index(db, file);
    let mut found = Vec::new();
    if is_name {
        let scope = index.scope_of_node(node);
        if let Some(bindings) = index.use_def_map(scope).bindings_at_use(node) {
            for reaching in bindings.iter() {
                if let Binding::Definition(definition) = reaching.binding {
                    found.push((file, index.definition(definition).name_range));
                }
            }
        }
    }
    if found.is_empty()
        && let Some(ty) = expression_type(db, file, node)
        && let Some(definition) = definition_of_type(db, ty)
    {
        found.push(definition);
    }
    found
}

/// Where the value of a type is defined: a class, a function or method (its name), or a
/// module (its start).
fn definition_of_type(db: &dyn Db, ty: Type<'_>) -> Option<(File, TextRange)> {
    let definition = match ty {
        Type::ClassObject(class) => DefinitionRef::new(db, class.class(db).file(db), class.class(db).definition(db)),
        Type::Function(function) => function.definition_ref(db),
        Type::BoundMethod(method) => method.function(db).definition_ref(db),
        Type::Module(module) => return Some((module, TextRange::default())),
        _ => return None,
    };
    Some((definition.file(db), definition.definition(db).name_range))
}

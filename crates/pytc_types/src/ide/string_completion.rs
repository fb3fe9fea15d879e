//! Completion inside a string literal: the keys of a TypedDict in `movie["|"]`, and the
//! strings a `Literal` type allows where one is expected — an argument whose parameter is
//! `Literal[...]` (in any of the callee's signatures), the other side of `==`, `!=`, `in`
//! and `not in`, the value assigned to a target declared `Literal[...]` (`mode: Mode = "|"`,
//! `self.mode = "|"`), and the default of a parameter annotated so.

use pytc_db::{Db, File};
use pytc_syntax::ast::{self, ArgOrKeyword, HasNodeIndex};
use pytc_semantic::DefinitionKind;
use pytc_syntax::{Ranged, TextRange, TextSize};

use super::expression_type;
use crate::types::Type;

/// The strings worth offering inside the string literal at `offset`, sorted, each once;
/// empty outside string literals and where nothing is expected.
pub fn string_completions(db: &dyn Db, file: File, offset: TextSize) -> Vec<String> {
    let module = pytc_db::parsed_module(db, file).syntax();
    let inside = |range: pytc_syntax::TextRange| range.start() < offset && offset < range.end();
    let Some(string) = pytc_syntax::innermost_expression_where(module, inside, |expression| expression.is_string_literal_expr()) else {
        return Vec::new();
    };
    let string_range = string.range();
    let is_string = |expression: &ast::Expr| expression.range() == string_range;
    let around = pytc_syntax::innermost_expression_where(module, inside, |expression| match expression {
        ast::Expr::Subscript(subscript) => is_string(&subscript.slice),
        ast::Expr::Call(call) => call.arguments.iter_source_order().any(|argument| is_string(argument.value())),
        ast::Expr::Compare(compare) => std::iter::once(&*compare.left).chain(&compare.comparators).any(is_string),
        _ => false,
    });
    let node_type = |expression: &ast::Expr| expression_type(db, file, expression.node_index().load());
    let mut values = match around {
        Some(ast::Expr::Subscript(subscript)) => node_type(&subscript.value).map(|ty| typed_dict_keys(db, ty)).unwrap_or_default(),
        Some(ast::Expr::Call(call)) => argument_values(db, file, call, &is_string),
        Some(ast::Expr::Compare(compare)) => std::iter::once(&*compare.left)
            .chain(&compare.comparators)
            .filter(|operand| !is_string(operand))
            .filter_map(node_type)
            .flat_map(|ty| literal_strings(db, ty))
            .collect(),
        _ => declared_target_values(db, file, string_range),
    };
    values.sort();
    values.dedup();
    values
}

/// The string literals the target that the string at `string` is assigned to declares (or
/// the parameter whose default it is).
fn declared_target_values(db: &dyn Db, file: File, string: TextRange) -> Vec<String> {
    let index = pytc_semantic::semantic_index(db, file);
    let is_string = |value: &ast::Expr| value.range() == string;
    let target = index.definitions().find(|(_, definition)| match &definition.kind {
        DefinitionKind::AnnotatedAssignment(assignment) => assignment.stmt.node().value.as_deref().is_some_and(is_string),
        DefinitionKind::Assignment(assignment) => is_string(&assignment.stmt.node().value),
        DefinitionKind::Parameter(parameter) => parameter.default.as_ref().is_some_and(|default| is_string(default.node())),
        _ => false,
    });
    let Some((id, definition)) = target else { return Vec::new() };
    super::hover_type::declared_binding_type(db, file, id, definition).map(|ty| literal_strings(db, ty)).unwrap_or_default()
}

/// The keys of the TypedDicts `ty` is (each member of a union).
fn typed_dict_keys<'db>(db: &'db dyn Db, ty: Type<'db>) -> Vec<String> {
    let mut keys = Vec::new();
    for member in members(db, ty) {
        if let Type::Instance(class) = member
            && crate::class::is_typed_dict(db, class.class(db))
        {
            keys.extend(crate::typed_dict::typed_dict_items(db, class).into_iter().map(|item| item.name.to_string()));
        }
    }
    keys
}

/// The string literals the parameter the string argument goes to accepts, over every
/// signature of the callee.
fn argument_values(db: &dyn Db, file: File, call: &ast::ExprCall, is_string: &dyn Fn(&ast::Expr) -> bool) -> Vec<String> {
    let Some(argument) = call.arguments.iter_source_order().find(|argument| is_string(argument.value())) else { return Vec::new() };
    let position = call.arguments.args.iter().position(|given| is_string(given));
    let keyword = match argument {
        ArgOrKeyword::Keyword(keyword) => keyword.arg.as_ref().map(|name| name.id.to_string()),
        ArgOrKeyword::Arg(_) => None,
    };
    super::signature_help::parameter_types(db, file, call, position, keyword.as_deref())
        .into_iter()
        .flat_map(|ty| literal_strings(db, ty))
        .collect()
}

/// The string literals of a type (each member of a union).
fn literal_strings<'db>(db: &'db dyn Db, ty: Type<'db>) -> Vec<String> {
    members(db, ty)
        .into_iter()
        .filter_map(|member| match member {
            Type::StringLiteral(literal) => Some(literal.value(db).to_string()),
            _ => None,
        })
        .collect()
}

fn members<'db>(db: &'db dyn Db, ty: Type<'db>) -> Vec<Type<'db>> {
    match ty.expand_top(db) {
        Type::Union(union) => union.elements(db).to_vec(),
        other => vec![other],
    }
}

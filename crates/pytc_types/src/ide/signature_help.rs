//! Signature help: inside the parentheses of a call, every signature the callee offers
//! (each overload), the one the call's arguments match, and the parameter the argument
//! under the cursor goes to.

use pytc_db::{Db, File};
use pytc_syntax::ast::token::{TokenKind, Tokens};
use pytc_syntax::ast::{self, ArgOrKeyword, HasNodeIndex};
use pytc_syntax::{Ranged, TextRange, TextSize};

use super::expression_type;
use crate::types::{Parameter, ParameterKind, Signature, Type};

/// The signatures of the call around a position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CallSignatures {
    /// The callee expression (to find its definition and docstring).
    pub callee: TextRange,
    pub signatures: Vec<SignatureLabel>,
    /// The signature the arguments match (the first that does; else the first whose
    /// parameters can take them by count and name; else 0).
    pub active_signature: usize,
}

/// One signature as shown: `greet(name: str, *, loud: bool = ...) -> str`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureLabel {
    pub label: String,
    /// The byte range of each parameter's text in `label`, in order.
    pub parameters: Vec<TextRange>,
    /// The parameter the argument under the cursor goes to, when there is one.
    pub active_parameter: Option<usize>,
}

/// The argument under the cursor: its place among the call's arguments, and its keyword.
struct ActiveArgument {
    /// Positional arguments before it.
    position: usize,
    keyword: Option<String>,
}

pub fn signature_help(db: &dyn Db, file: File, offset: TextSize) -> Option<CallSignatures> {
    let parsed = pytc_db::parsed_module(db, file);
    let source = pytc_db::source_text(db, file);
    let call = enclosing_call(parsed.syntax(), source, offset)?;
    let callee = expression_type(db, file, call.func.node_index().load())?;
    let signatures = crate::call::signatures_of(db, callee)?;
    let name = callee_name(db, callee, &call.func);
    let active = active_argument(pytc_db::file_tokens(db, file), &call.arguments, offset);
    let argument_types: Vec<(ArgOrKeyword<'_>, Option<Type<'_>>)> = call
        .arguments
        .iter_source_order()
        .map(|argument| (argument, expression_type(db, file, argument.value().node_index().load())))
        .collect();
    let active_signature = signatures
        .iter()
        .position(|signature| accepts(db, signature, &argument_types, true))
        .or_else(|| signatures.iter().position(|signature| accepts(db, signature, &argument_types, false)))
        .unwrap_or(0);
    let labels = signatures
        .iter()
        .map(|signature| {
            let (label, parameters) = signature_label(db, &name, signature);
            let active_parameter = parameter_for(signature, &active);
            SignatureLabel { label, parameters, active_parameter }
        })
        .collect();
    Some(CallSignatures { callee: call.func.range(), signatures: labels, active_signature })
}

/// The parameter names the call whose parentheses hold `offset` takes as keywords (of any
/// of the callee's signatures, in order), without those its arguments already name. Empty
/// outside calls and for callees whose signatures are unknown.
pub fn call_keyword_names(db: &dyn Db, file: File, offset: TextSize) -> Vec<String> {
    let parsed = pytc_db::parsed_module(db, file);
    let source = pytc_db::source_text(db, file);
    let Some(call) = enclosing_call(parsed.syntax(), source, offset) else { return Vec::new() };
    let Some(callee) = expression_type(db, file, call.func.node_index().load()) else { return Vec::new() };
    let Some(signatures) = crate::call::signatures_of(db, callee) else { return Vec::new() };
    let given: Vec<&str> = call.arguments.keywords.iter().filter_map(|keyword| keyword.arg.as_ref().map(|name| name.id.as_str())).collect();
    let mut names: Vec<String> = Vec::new();
    for parameter in signatures.iter().flat_map(|signature| signature.parameters.iter()) {
        if let Some(name) = parameter.name.as_deref()
            && parameter.accepts_keyword(name)
            && !given.contains(&name)
            && !names.iter().any(|known| known == name)
        {
            names.push(name.to_string());
        }
    }
    names
}

/// The types of the parameter an argument of `call` goes to (by its place among the
/// positional arguments, or by its keyword), one per signature of the callee that has one.
pub(super) fn parameter_types<'db>(db: &'db dyn Db, file: File, call: &ast::ExprCall, position: Option<usize>, keyword: Option<&str>) -> Vec<Type<'db>> {
    let Some(callee) = expression_type(db, file, call.func.node_index().load()) else { return Vec::new() };
    let Some(signatures) = crate::call::signatures_of(db, callee) else { return Vec::new() };
    let active = ActiveArgument { position: position.unwrap_or(usize::MAX), keyword: keyword.map(str::to_string) };
    signatures
        .iter()
        .filter_map(|signature| parameter_for(signature, &active).map(|index| signature.parameters[index].annotated))
        .collect()
}

/// For each positional argument of `call`, where it starts and the name of the parameter it
/// goes to in the signature the call matches: not for positional-only or variadic
/// parameters (their names are not part of the API), `_private` names, nor an argument that
/// already spells the name (`f(name)`, `f(self.name)`).
pub(super) fn positional_parameter_names(db: &dyn Db, file: File, call: &ast::ExprCall) -> Vec<(TextSize, String)> {
    let Some(callee) = expression_type(db, file, call.func.node_index().load()) else { return Vec::new() };
    let Some(signatures) = crate::call::signatures_of(db, callee) else { return Vec::new() };
    let argument_types: Vec<(ArgOrKeyword<'_>, Option<Type<'_>>)> = call
        .arguments
        .iter_source_order()
        .map(|argument| (argument, expression_type(db, file, argument.value().node_index().load())))
        .collect();
    let Some(signature) = signatures
        .iter()
        .find(|signature| accepts(db, signature, &argument_types, true))
        .or_else(|| signatures.iter().find(|signature| accepts(db, signature, &argument_types, false)))
    else {
        return Vec::new();
    };
    if signature.gradual_parameters {
        return Vec::new();
    }
    let mut names = Vec::new();
    for (position, argument) in call.arguments.args.iter().enumerate() {
        if matches!(argument, ast::Expr::Starred(_)) {
            break;
        }
        let Some(index) = parameter_for(signature, &ActiveArgument { position, keyword: None }) else { continue };
        let parameter = &signature.parameters[index];
        let Some(name) = parameter.name.as_deref() else { continue };
        let spelled = match argument {
            ast::Expr::Name(given) => given.id.as_str() == name,
            ast::Expr::Attribute(given) => given.attr.as_str() == name,
            _ => false,
        };
        if parameter.kind != ParameterKind::PositionalOnly && parameter.kind != ParameterKind::Variadic && !name.starts_with('_') && !spelled {
            names.push((argument.start(), name.to_string()));
        }
    }
    names
}

/// The innermost call whose parentheses hold `offset` (after its `(`, up to its `)`; an
/// unclosed call to the end of what the parser recovered).
fn enclosing_call<'a>(module: &'a ast::ModModule, source: &'a str, offset: TextSize) -> Option<&'a ast::ExprCall> {
    let holds_offset_in_parentheses = |expression: &ast::Expr| {
        let ast::Expr::Call(call) = expression else { return false };
        let arguments = call.arguments.range;
        let closed = source.get(arguments.to_std_range()).is_some_and(|text| text.len() > 1 && text.ends_with(')'));
        arguments.start() < offset && (offset < arguments.end() || !closed)
    };
    match pytc_syntax::innermost_expression_where(module, |range| range.contains_inclusive(offset), holds_offset_in_parentheses)? {
        ast::Expr::Call(call) => Some(call),
        _ => None,
    }
}

/// The name a signature is shown with: the function's or class's, else the callee as
/// written at its end (`obj.method` gives `method`).
fn callee_name(db: &dyn Db, callee: Type<'_>, func: &ast::Expr) -> String {
    match callee {
        Type::Function(function) => function.name(db).to_string(),
        Type::BoundMethod(method) => method.function(db).name(db).to_string(),
        Type::ClassObject(class) => class.name(db).to_string(),
        _ => match func {
            ast::Expr::Name(name) => name.id.to_string(),
            ast::Expr::Attribute(attribute) => attribute.attr.id.to_string(),
            _ => String::new(),
        },
    }
}

/// Which argument the cursor is in: counted by the commas at the call's own bracket depth
/// before it.
fn active_argument(tokens: &Tokens, arguments: &ast::Arguments, offset: TextSize) -> ActiveArgument {
    let start = tokens.partition_point(|token| token.start() <= arguments.range.start());
    let end = tokens.partition_point(|token| token.start() < offset);
    let mut depth = 0usize;
    let mut commas = 0usize;
    for token in tokens.get(start..end).unwrap_or_default() {
        match token.kind() {
            TokenKind::Lpar | TokenKind::Lsqb | TokenKind::Lbrace => depth += 1,
            TokenKind::Rpar | TokenKind::Rsqb | TokenKind::Rbrace => depth = depth.saturating_sub(1),
            TokenKind::Comma if depth == 0 => commas += 1,
            _ => {}
        }
    }
    let in_order: Vec<ArgOrKeyword<'_>> = arguments.iter_source_order().collect();
    let keyword = in_order.get(commas).and_then(|argument| match argument {
        ArgOrKeyword::Keyword(keyword) => keyword.arg.as_ref().map(|name| name.id.to_string()),
        ArgOrKeyword::Arg(_) => None,
    });
    let position = in_order.iter().take(commas).filter(|argument| matches!(argument, ArgOrKeyword::Arg(_))).count();
    ActiveArgument { position, keyword }
}

/// The index of the parameter `active` goes to: the parameter of that name (or `**kwargs`)
/// for a keyword, else the positional parameter at its place (or `*args`).
fn parameter_for(signature: &Signature<'_>, active: &ActiveArgument) -> Option<usize> {
    let parameters = &signature.parameters;
    if let Some(keyword) = &active.keyword {
        return parameters
            .iter()
            .position(|parameter| parameter.accepts_keyword(keyword))
            .or_else(|| parameters.iter().position(|parameter| is_keyword_variadic(parameter)));
    }
    let mut positional = parameters.iter().enumerate().filter(|(_, parameter)| parameter.accepts_positional());
    positional
        .nth(active.position)
        .map(|(index, _)| index)
        .or_else(|| parameters.iter().position(|parameter| parameter.kind == ParameterKind::Variadic))
}

fn is_keyword_variadic(parameter: &Parameter<'_>) -> bool {
    matches!(parameter.kind, ParameterKind::KeywordVariadic | ParameterKind::UnpackedKeywords)
}

/// Whether `signature` takes the arguments: each goes to a parameter (by position or name)
/// and, when `check_types`, a known argument type is assignable to its parameter's type
/// (parameters whose type has type variables are not compared).
fn accepts<'db>(db: &'db dyn Db, signature: &Signature<'db>, arguments: &[(ArgOrKeyword<'_>, Option<Type<'db>>)], check_types: bool) -> bool {
    if signature.gradual_parameters {
        return true;
    }
    let parameters = &signature.parameters;
    let mut next_positional = 0usize;
    let mut used = vec![false; parameters.len()];
    for (argument, ty) in arguments {
        if argument.is_variadic() {
            // `*xs` / `**kw`: their length and keys are not known here.
            return true;
        }
        let target = match argument {
            ArgOrKeyword::Arg(_) => {
                let found = parameters.iter().enumerate().skip(next_positional).find(|(_, parameter)| parameter.accepts_positional());
                match found {
                    Some((index, _)) => {
                        next_positional = index + 1;
                        Some(index)
                    }
                    None => parameters.iter().position(|parameter| parameter.kind == ParameterKind::Variadic),
                }
            }
            ArgOrKeyword::Keyword(keyword) => {
                let name = keyword.arg.as_ref().map(|name| name.id.as_str()).unwrap_or_default();
                parameters
                    .iter()
                    .position(|parameter| parameter.accepts_keyword(name))
                    .or_else(|| parameters.iter().position(is_keyword_variadic))
            }
        };
        let Some(index) = target else { return false };
        let parameter = &parameters[index];
        if !matches!(parameter.kind, ParameterKind::Variadic | ParameterKind::KeywordVariadic | ParameterKind::UnpackedKeywords) {
            if used[index] {
                return false;
            }
            used[index] = true;
        }
        if check_types
            && let Some(ty) = ty
            && parameter.kind != ParameterKind::UnpackedKeywords
            && !mentions_typevars(db, parameter.annotated)
            && !ty.is_assignable_to(db, parameter.annotated)
        {
            return false;
        }
    }
    true
}

fn mentions_typevars<'db>(db: &'db dyn Db, ty: Type<'db>) -> bool {
    let mut found = false;
    crate::generics::walk_typevars(db, ty, &mut |_| found = true);
    found
}

/// `name(p1, p2, /, *, p3 = ...) -> R`, with the range of each parameter's text.
fn signature_label(db: &dyn Db, name: &str, signature: &Signature<'_>) -> (String, Vec<TextRange>) {
    let mut label = format!("{name}(");
    let mut ranges = Vec::with_capacity(signature.parameters.len());
    let parameters = &signature.parameters;
    let mut keyword_marker_needed = true;
    for (index, parameter) in parameters.iter().enumerate() {
        if index > 0 {
            label.push_str(", ");
        }
        if parameter.kind == ParameterKind::KeywordOnly && keyword_marker_needed {
            label.push_str("*, ");
        }
        if matches!(parameter.kind, ParameterKind::Variadic | ParameterKind::KeywordOnly | ParameterKind::KeywordVariadic | ParameterKind::UnpackedKeywords) {
            keyword_marker_needed = false;
        }
        let start = TextSize::try_from(label.len()).unwrap_or_default();
        label.push_str(&parameter_text(db, parameter));
        ranges.push(TextRange::new(start, TextSize::try_from(label.len()).unwrap_or(start)));
        let next_takes_keywords = parameters.get(index + 1).is_none_or(|next| next.kind != ParameterKind::PositionalOnly);
        if parameter.kind == ParameterKind::PositionalOnly && parameter.name.is_some() && next_takes_keywords {
            label.push_str(", /");
        }
    }
    if signature.gradual_parameters {
        label.push_str(if parameters.is_empty() { "..." } else { ", ..." });
    }
    label.push_str(") -> ");
    label.push_str(&signature.return_type.display(db));
    (label, ranges)
}

/// One parameter as written: `x: int = ...`, `*args: str`, `**kwargs: Unpack[Options]`.
fn parameter_text(db: &dyn Db, parameter: &Parameter<'_>) -> String {
    let stars = match parameter.kind {
        ParameterKind::Variadic => "*",
        ParameterKind::KeywordVariadic | ParameterKind::UnpackedKeywords => "**",
        _ => "",
    };
    let annotation = parameter.annotated.display(db);
    let mut text = match (&parameter.name, parameter.has_annotation) {
        (Some(name), true) if parameter.kind == ParameterKind::UnpackedKeywords => format!("**{name}: Unpack[{annotation}]"),
        (Some(name), true) => format!("{stars}{name}: {annotation}"),
        (Some(name), false) => format!("{stars}{name}"),
        (None, _) => format!("{stars}{annotation}"),
    };
    if parameter.has_default {
        text.push_str(if parameter.has_annotation { " = ..." } else { "=..." });
    }
    text
}

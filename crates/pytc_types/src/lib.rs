//! The type layer of pytc: the type model (`Type<'db>`), classes and their MRO, inference,
//! relations (assignability, subtyping), narrowing and the type diagnostics.
//!
//! Entry points: [`check_types`] (every type diagnostic of a file), and for the editor
//! [`type_at_position`], [`definitions_at_position`] and [`inlay_hints`].

pub mod api;
mod aliases;
mod call;
mod check;
mod class;
mod definitions;
mod deprecation;
mod display;
mod function;
mod generics;
mod ide;
mod infer;
mod modules;
mod narrow;
mod protocol;
mod quoted_list;
mod relation;
mod semantic;
mod sentinel;
mod typed_dict;
mod types;

pub use check::check_types;
pub use ide::{
    CallSignatures, HoverKind, Member, MemberKind, SignatureLabel, TypeAtPosition, call_keyword_names, class_member_root, definitions_at_position,
    expression_members, inlay_hints, member_owner, semantic_tokens, signature_help, string_completions, type_at_position, type_definitions_at_position,
    SemanticToken, TokenKind, token_modifier, InlayHintKind, TypeHint,
};
pub use infer::import_cycles::set_import_cycle_roots;
pub use infer::name::UNRESOLVED_REFERENCE;
pub use modules::{module_file, module_name_of};
pub use types::{DynamicType, Type};

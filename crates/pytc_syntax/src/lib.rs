//! The syntax layer: parsing Python source with error recovery, the line index, and the
//! scan of suppression comments.
//!
//! Invariant: parsing never fails. Every input produces a syntax tree plus a list of syntax
//! errors, so later phases can always index and check what was recovered. This crate knows
//! nothing of salsa, files or types.

mod except_star_exits;
mod innermost;
mod node_table;
mod parse;
mod semantic_errors;
mod stack;
mod suppression;
mod tokens;

pub use innermost::innermost_expression_where;
pub use node_table::{NodeTable, TableNode, TableSlot};
pub use parse::{NonCodeKind, NonCodeSpan, ParsedModule, SourceKind, SyntaxError, parse, tokens};
pub use stack::{STACK_EXHAUSTED, ensure_stack};
pub use suppression::{Suppression, SuppressionKind, scan_suppressions};
pub use tokens::{in_comment, in_comment_or_string};

pub use ruff_python_ast as ast;
pub use ruff_python_ast::PythonVersion;
pub use ruff_source_file::{LineIndex, OneIndexed, LineColumn};
pub use ruff_text_size::{Ranged, TextRange, TextSize};

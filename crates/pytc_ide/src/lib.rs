//! Editor features computed on the database and returned as plain structs: byte ranges
//! and strings, never LSP types. `pytc_lsp` translates them to the protocol.

mod definition;
mod docstring;
mod hover;
mod imports;
mod inlay_hints;
mod suppress;

pub use definition::{NavigationTarget, goto_definition};
pub use docstring::docstring_at;
pub use hover::{Hover, hover};
pub use inlay_hints::{InlayHint, inlay_hints};
pub use suppress::{QuickFix, TextEdit, suppress_rule_fix};

#[cfg(test)]
mod test_db;

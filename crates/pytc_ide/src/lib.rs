//! Editor features computed on the database and returned as plain structs: byte ranges
//! and strings, never LSP types. `pytc_lsp` translates them to the protocol.

mod docstring;
mod suppress;

pub use docstring::docstring_at;
pub use suppress::{QuickFix, TextEdit, suppress_rule_fix};

#[cfg(test)]
mod test_db;

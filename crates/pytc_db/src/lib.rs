//! The salsa foundation shared by every later phase: the base `Db` trait, the `File` and
//! `Settings` inputs, the `System` abstraction for all file IO, the `Diagnostic` type and
//! rule metadata, and the per-file syntax queries (`parsed_module`, `line_index`).
//!
//! Invariants: nothing above this crate reads the file system directly (everything goes
//! through `System`), and inputs change only through salsa setters.

mod diagnostic;
mod files;
mod queries;
mod rules;
mod settings;
mod system;
mod tree;
#[cfg(feature = "testing")]
pub mod testing;

pub use diagnostic::{Diagnostic, Severity, SubDiagnostic};
pub use files::{File, FilePath, FileSource, Files};
pub use queries::{file_tokens, line_index, parse_file, parsed_module, set_parsed_module_capacity, source_text};
pub use rules::{Level, Rule, all_rules, find_rule, suggest_rule};
pub use settings::{PythonPlatform, Settings};
pub use system::{OsSystem, System, TestSystem};
pub use tree::{ReleasableTree, TreeRegistry};

pub use salsa;
pub use inventory;

/// The base database every pytc query runs against.
#[salsa::db]
pub trait Db: salsa::Database {
    /// The file system every read goes through.
    fn system(&self) -> &dyn System;
    /// The table that gives each path exactly one `File` input.
    fn files(&self) -> &Files;
    /// The global settings input.
    fn settings(&self) -> Settings;
    /// Whether checking a scope keeps the type of each of its expressions, for hover and
    /// inlay hints. Fixed for the lifetime of a database: the command line, which only
    /// reports diagnostics, turns it off to save the memory.
    fn keeps_expression_types(&self) -> bool {
        true
    }
    /// Where the semantic indexes register their trees so that the command line can drop
    /// them between batches of files (`ProjectDatabase::release_trees`). `None`: trees are
    /// kept as long as their index.
    fn tree_registry(&self) -> Option<&std::sync::Arc<TreeRegistry>> {
        None
    }
}

//! The public API of a typed Python library, built on the type engine: which modules and
//! names a package exports (the typing spec's library-interface rules, see
//! `pytc_types::api`), how completely they are typed, and what changed between two
//! versions, each change classified by a named rule with the version bump it requires.
//!
//! - [`ApiPackage::load`]: a package folder, a wheel or an installed package, in its own
//!   database.
//! - [`list_symbols`]: every public symbol, flattened, with its declaration as written.
//! - [`completeness`]: per-symbol findings (missing annotations, unknown types) and a score.
//! - [`diff`]: the changes from an old package to a new one, by [`DiffRule`];
//!   [`export_revision`] reads the old one from a git revision; [`attach_examples`] adds
//!   calling code that pytc proves breaks against the new version.

mod completeness;
mod declaration;
mod dependency_unknowns;
mod diff;
mod example;
mod git_revision;
mod listing;
mod package;
mod source;

pub use completeness::{Completeness, CompletenessFinding, FindingKind, Omitted, completeness};
pub use diff::{ApiChange, Bump, DiffRule, diff};
pub use example::{ApiExample, attach_examples};
pub use git_revision::{RevisionCheckout, export_revision};
pub use listing::{ListedSymbol, list_symbols};
pub use package::{ApiPackage, LoadError, SourceLocation};

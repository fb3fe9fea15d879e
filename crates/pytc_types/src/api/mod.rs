//! The public API of a typed library as plain values: for one module, the names its library
//! interface exports (see `pytc_semantic::library_interface`), each with what it is (class,
//! function with its overloads, property, variable, type alias, TypeVar, module) and its
//! declared types, displayed as a user writes them. Classes carry their public members.
//!
//! This is what `pytc api` lists, scores for completeness and compares between versions;
//! [`compare_across`] answers "is this type of the old version assignable to that type
//! of the new one" with the real relation, by rebuilding the old type in the new database.

mod class;
mod imports;
mod knownness;
mod model;
mod module;
mod public_interface;
mod signature;
mod transplant;

pub use class::inherited_member_api;
pub use imports::{UntypedImport, UntypedReason, untyped_imports};
pub use knownness::Knownness;
pub use model::{
    ApiClass, ApiFunction, ApiLocation, ApiModule, ApiParameter, ApiParameterKind, ApiSignature, ApiSymbol, ApiSymbolKind,
    ApiType, ApiTypedDictKey, ApiTypeVar, ApiVariable, MethodKind,
};
pub use module::module_api;
pub use public_interface::public_names;
pub use transplant::{CrossComparison, compare_across, literals_lost};

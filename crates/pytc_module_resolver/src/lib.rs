//! Module resolution: which file a module name means, following the typing spec's import
//! resolution order, and discovery of the Python environment whose `site-packages` it reads.
//!
//! `configure` stores the search paths in a salsa singleton input; without it (in tests) only
//! the embedded typeshed is searched. Resolution never runs Python: environments are found by
//! reading `pyvenv.cfg` files and directory layouts.

mod configure;
mod environment;
mod extensions;
mod import;
mod imports;
mod listing;
mod location;
mod module;
mod module_name;
mod optional_imports;
mod report;
mod resolve;
mod runtime_source;
mod search_paths;
mod site_packages;
mod suggest;
mod untyped_packages;

pub use configure::{EnvironmentVariables, ResolverError, ResolverOptions, configure};
pub use environment::{Environment, EnvironmentSource};
pub use imports::{ImportedModule, reachable_imports};
pub use listing::importable_submodules;
pub use import::{UnresolvedImport, UnresolvedReason, file_to_module, is_stdlib_stub, module_name_of_file, resolve_import};
pub use module::{Module, ModuleKind, SearchPathKind};
pub use module_name::ModuleName;
pub use optional_imports::{fallback_import_statements, is_fallback_import, is_optional_import, optional_import_statements};
pub use report::{PythonVersionSource, SearchPathReport};
pub use resolve::{resolve_module, resolve_stdlib_module};
pub use runtime_source::stdlib_runtime_source;
pub use untyped_packages::is_untyped_installed_file;
pub use search_paths::{SearchPath, SearchPaths, SearchRoot, TypeshedSource, invalidate_resolutions, search_paths};

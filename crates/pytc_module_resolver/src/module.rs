//! `Module`: what a module name resolved to.

use std::fmt;

use pytc_db::File;

use crate::ModuleName;

/// What kind of module a name resolved to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ModuleKind {
    /// A single file: `foo.py` or `foo.pyi`.
    Module,
    /// A regular package: `foo/__init__.pyi` or `foo/__init__.py`.
    Package,
    /// A directory without `__init__` (PEP 420), possibly merged across search paths.
    NamespacePackage,
    /// A compiled extension (`foo.cpython-312-x86_64-linux-gnu.so`, `foo.pyd`) without a
    /// stub: the module exists, but pytc cannot read what it defines.
    CompiledExtension,
}

/// The kind of search path a module was found on, in resolution order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum SearchPathKind {
    /// A path the user put first (`extra-paths`), to override anything else.
    Extra,
    /// The project's own code.
    FirstParty,
    /// The typeshed standard-library stubs (embedded or `--typeshed`).
    StandardLibrary,
    /// The Python environment's `site-packages` (and paths its `.pth` files add).
    SitePackages,
}

impl fmt::Display for SearchPathKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::Extra => "extra path",
            Self::FirstParty => "project",
            Self::StandardLibrary => "standard library",
            Self::SitePackages => "site-packages",
        })
    }
}

/// A resolved module.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Module {
    pub name: ModuleName,
    /// The file holding the module's code: `None` for a namespace package or a compiled
    /// extension without a stub.
    pub file: Option<File>,
    pub kind: ModuleKind,
    /// Where it was found.
    pub search_path: SearchPathKind,
    /// True when it comes from a stub-only package (`foo-stubs`).
    pub from_stub_package: bool,
}

impl Module {
    pub fn is_package(&self) -> bool {
        matches!(self.kind, ModuleKind::Package | ModuleKind::NamespacePackage)
    }
}

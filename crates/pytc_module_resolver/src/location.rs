//! Looking for one module name in one directory: the file-system probing behind resolution.

use std::path::PathBuf;

use pytc_db::{Db, File, FilePath, FileSource, Files};
use pytc_typeshed::Typeshed;

use crate::SearchPathKind;
use crate::extensions::{DirectoryKey, compiled_extensions};
use crate::search_paths::TypeshedSource;

/// A directory of a search path or of a package.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Directory {
    System(PathBuf),
    /// A `/`-separated directory of the typeshed tree, e.g. `stdlib/os`.
    Typeshed(String),
}

/// How a location looks a name up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Lookup {
    /// `name/__init__.pyi`, `name.pyi`, `name/__init__.py`, `name.py`, then a namespace `name/`.
    Modules,
    /// Only the stub-only package `name-stubs/` (top level of site-packages).
    StubPackages,
}

/// A directory where a module name is looked up, and what it belongs to.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Location {
    pub(crate) directory: Directory,
    pub(crate) search_path: SearchPathKind,
    pub(crate) lookup: Lookup,
    /// Inside a stub-only package (`foo-stubs`).
    pub(crate) in_stub_package: bool,
    /// Inside a stub-only package marked partial (`py.typed` containing `partial`).
    pub(crate) partial: bool,
}

impl Location {
    pub(crate) fn new(directory: Directory, search_path: SearchPathKind, lookup: Lookup) -> Self {
        Self { directory, search_path, lookup, in_stub_package: false, partial: false }
    }

    fn child(&self, directory: Directory, in_stub_package: bool, partial: bool) -> Self {
        Self { directory, search_path: self.search_path, lookup: Lookup::Modules, in_stub_package, partial }
    }
}

/// What a name is in one location.
#[derive(Debug)]
pub(crate) enum Probe {
    Package { init: File, directory: Location },
    Module { file: File },
    Namespace { directory: Location },
    CompiledExtension,
}

/// Read access to system directories and the typeshed tree, creating `File`s for hits.
pub(crate) struct Prober<'a> {
    pub(crate) db: &'a dyn Db,
    pub(crate) typeshed: &'a TypeshedSource,
}

impl Prober<'_> {
    /// Look `name` up in `location`.
    pub(crate) fn probe(&self, location: &Location, name: &str) -> Option<Probe> {
        match location.lookup {
            Lookup::StubPackages => self.probe_stub_package(location, name),
            Lookup::Modules => self.probe_modules(location, name),
        }
    }

    fn probe_stub_package(&self, location: &Location, name: &str) -> Option<Probe> {
        let directory = self.join(&location.directory, &format!("{name}-stubs"));
        if !self.is_dir(&directory) {
            return None;
        }
        let partial = self.is_partial(&directory);
        let init = self.file(&directory, "__init__.pyi");
        let directory = location.child(directory, true, partial);
        Some(match init {
            Some(init) => Probe::Package { init, directory },
            None => Probe::Namespace { directory },
        })
    }

    fn probe_modules(&self, location: &Location, name: &str) -> Option<Probe> {
        let package = self.join(&location.directory, name);
        let package_dir = self.is_dir(&package);
        let package_init = |init: &str| if package_dir { self.file(&package, init) } else { None };
        let as_package = |init: File| {
            let partial = location.partial || (location.in_stub_package && self.is_partial(&package));
            Probe::Package { init, directory: location.child(package.clone(), location.in_stub_package, partial) }
        };
        if let Some(init) = package_init("__init__.pyi") {
            return Some(as_package(init));
        }
        if let Some(file) = self.file(&location.directory, &format!("{name}.pyi")) {
            return Some(Probe::Module { file });
        }
        if let Some(init) = package_init("__init__.py") {
            return Some(as_package(init));
        }
        if let Some(file) = self.file(&location.directory, &format!("{name}.py")) {
            return Some(Probe::Module { file });
        }
        if self.has_compiled_extension(&location.directory, name) {
            return Some(Probe::CompiledExtension);
        }
        package_dir.then(|| Probe::Namespace {
            directory: location.child(package.clone(), location.in_stub_package, location.partial),
        })
    }

    fn typeshed(&self) -> &Typeshed {
        self.typeshed.typeshed()
    }

    fn join(&self, directory: &Directory, name: &str) -> Directory {
        match directory {
            Directory::System(path) => Directory::System(path.join(name)),
            Directory::Typeshed(path) => Directory::Typeshed(format!("{path}/{name}")),
        }
    }

    fn is_dir(&self, directory: &Directory) -> bool {
        match directory {
            Directory::System(path) => self.db.system().is_dir(path),
            Directory::Typeshed(path) => self.typeshed().is_directory(path),
        }
    }

    /// Whether `directory` holds a compiled extension module `name` (see `compiled_extensions`).
    fn has_compiled_extension(&self, directory: &Directory, name: &str) -> bool {
        let Directory::System(path) = directory else { return false };
        compiled_extensions(self.db, DirectoryKey::new(self.db, path.clone())).contains(name)
    }

    /// `py.typed` in `directory` says `partial` (a partial stub package).
    fn is_partial(&self, directory: &Directory) -> bool {
        let Directory::System(path) = directory else { return false };
        let marker = path.join("py.typed");
        self.db
            .system()
            .read_bytes(&marker)
            .is_ok_and(|bytes| String::from_utf8_lossy(&bytes).lines().any(|line| line.trim() == "partial"))
    }

    /// The `File` for `directory/name` if it exists.
    fn file(&self, directory: &Directory, name: &str) -> Option<File> {
        match directory {
            Directory::System(path) => {
                let path = path.join(name);
                self.db.system().is_file(&path).then(|| Files::system(self.db, &path))
            }
            Directory::Typeshed(path) => {
                let path = format!("{path}/{name}");
                let text = self.typeshed().read(&path)?;
                Some(match self.typeshed().directory() {
                    Some(root) => Files::system(self.db, &root.join(&path)),
                    None => Files::get_or_create(self.db, FilePath::Vendored(path), || FileSource::Text(text.into())),
                })
            }
        }
    }
}

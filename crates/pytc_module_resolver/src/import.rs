//! Resolving an import statement as written (absolute or relative) from a given file, and
//! the reverse: which module a file is.

use std::fmt;
use std::path::{Path, PathBuf};

use pytc_db::{Db, File, FilePath};

use crate::search_paths::{SearchPaths, SearchRoot, search_paths};
use crate::resolve::resolve_stdlib_module;
use crate::suggest::similar_top_level_module;
use crate::{Module, ModuleKind, ModuleName, SearchPathKind, resolve_module};

/// Why an import did not resolve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnresolvedReason {
    /// No search path has the module.
    NotFound,
    /// A relative import climbs above the top-level package.
    BeyondTopLevelPackage,
    /// A relative import in a file that has no module name: it is under no search path, or
    /// its path there is not a dotted name (a folder like `my-scripts`).
    NotInPackage,
    /// The name is not a valid dotted identifier.
    InvalidName,
}

/// An import that did not resolve: a message naming the module, and notes saying where pytc
/// looked. The message holds no file-system path, so it reads the same on every machine (a
/// baseline written on one matches on another); paths and environment facts go in `notes`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct UnresolvedImport {
    /// The module as written, e.g. `..utils` or `requests`.
    pub module: String,
    pub reason: UnresolvedReason,
    pub message: String,
    pub notes: Vec<String>,
}

impl fmt::Display for UnresolvedImport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// Resolve `from <dots><module> import ...` / `import <module>` written in `importing_file`:
/// `level` is the number of leading dots, `module` the dotted name after them (if any).
pub fn resolve_import(
    db: &dyn Db,
    importing_file: File,
    module: Option<&str>,
    level: u32,
) -> Result<Module, UnresolvedImport> {
    let written = format!("{}{}", ".".repeat(level as usize), module.unwrap_or(""));
    let unresolved = |reason, (message, notes): (String, Vec<String>)| UnresolvedImport {
        module: written.clone(),
        reason,
        message,
        notes,
    };
    let name = if level == 0 {
        module
            .and_then(ModuleName::new)
            .ok_or_else(|| unresolved(UnresolvedReason::InvalidName, (format!("`{written}` is not a valid module name"), vec![])))?
    } else {
        let Some(own_name) = module_name_of_file(db, importing_file) else {
            return Err(unresolved(
                UnresolvedReason::NotInPackage,
                (
                    format!(
                        "relative import `{written}` in a file that is not part of a package: the file is under no \
                         search path, or its path there is not a dotted module name"
                    ),
                    vec![format!("the file is {}", importing_file.path(db).display())],
                ),
            ));
        };
        let package = relative_base(db, importing_file, own_name, level).ok_or_else(|| {
            unresolved(
                UnresolvedReason::BeyondTopLevelPackage,
                (format!("relative import `{written}` goes beyond the top-level package"), vec![]),
            )
        })?;
        match module {
            None => package,
            Some(module) => package.join(module).ok_or_else(|| {
                unresolved(UnresolvedReason::InvalidName, (format!("`{written}` is not a valid module name"), vec![]))
            })?,
        }
    };
    is_stdlib_stub(db, importing_file)
        .then(|| resolve_stdlib_module(db, &name))
        .flatten()
        .or_else(|| resolve_module(db, &name))
        .ok_or_else(|| unresolved(UnresolvedReason::NotFound, not_found_message(db, &name)))
}

/// Whether `file` is a stub of the configured typeshed's standard library.
pub fn is_stdlib_stub(db: &dyn Db, file: File) -> bool {
    match file.path(db) {
        FilePath::Vendored(path) => path.starts_with("stdlib/"),
        FilePath::System(path) => search_paths(db)
            .typeshed
            .typeshed()
            .directory()
            .is_some_and(|root| path.starts_with(root.join("stdlib"))),
    }
}

/// The package a relative import with `level` dots in `file` (named `own_name`) starts from.
fn relative_base(db: &dyn Db, file: File, own_name: ModuleName, level: u32) -> Option<ModuleName> {
    let mut package = if is_package_init(file.path(db)) { Some(own_name) } else { own_name.parent() };
    for _ in 1..level {
        package = package?.parent();
    }
    package
}

/// Why `name` was not found (a message free of paths) and where pytc looked (notes).
fn not_found_message(db: &dyn Db, name: &ModuleName) -> (String, Vec<String>) {
    let paths = search_paths(db);
    let mut notes = Vec::new();
    let mut message = match name.parent().and_then(|parent| resolve_module(db, &parent)) {
        // The package resolved, so the search paths are not the problem: say where it is.
        Some(parent) if parent.is_package() => {
            notes.push(format!("package `{}` is {}", parent.name, module_location(db, &parent)));
            format!("cannot find module `{name}`: package `{}` has no submodule `{}`", parent.name, name.last())
        }
        Some(parent) => {
            notes.push(format!("module `{}` is {}", parent.name, module_location(db, &parent)));
            format!("cannot find module `{name}`: `{}` is a module, not a package", parent.name)
        }
        None => {
            notes.push(format!("searched: {}", paths.summary()));
            if !paths.paths.iter().any(|path| path.kind == SearchPathKind::SitePackages) {
                notes.push(
                    "no Python environment was found, so installed packages were not searched \
                     (pass --python or activate a virtual environment)"
                        .to_owned(),
                );
            }
            let mut message = format!("cannot find module `{name}`");
            if name.parent().is_none()
                && let Some(similar) = similar_top_level_module(db, name.as_str())
            {
                message.push_str(&format!("; did you mean `{similar}`?"));
            }
            message
        }
    };
    let version = *db.settings().python_version(db);
    if let Some(range) = paths.typeshed.typeshed().versions().range(name.as_str())
        && !range.contains(version)
    {
        message.push_str(&format!(
            "; `{name}` is in the standard library only in Python {range}, and the target is {version}"
        ));
    }
    (message, notes)
}

/// Where a module was found, for messages: its file, or its kind for one without a file.
fn module_location(db: &dyn Db, module: &Module) -> String {
    match (module.file, module.kind) {
        (Some(file), _) => file.path(db).display(),
        (None, ModuleKind::CompiledExtension) => format!("a compiled extension on the {} path", module.search_path),
        (None, _) => format!("a namespace package on the {} path", module.search_path),
    }
}

/// The module `file` is, if it is the one its name resolves to (a shadowed file is none;
/// a typeshed stdlib stub is looked up in the stdlib).
/// A query because every relative import and every "go to module" asks it, and it walks
/// the search paths.
#[salsa::tracked(returns(ref))]
pub fn file_to_module(db: &dyn Db, file: File) -> Option<Module> {
    let name = module_name_of_file(db, file)?;
    // A stdlib stub is the module its name means inside the stdlib, where its imports resolve.
    let module = if is_stdlib_stub(db, file) { resolve_stdlib_module(db, &name) } else { resolve_module(db, &name) };
    module.filter(|module| module.file == Some(file))
}

/// The module name `file` has by its location under the most specific search path that
/// contains it, whether or not another file shadows it.
pub fn module_name_of_file(db: &dyn Db, file: File) -> Option<ModuleName> {
    let paths = search_paths(db);
    match file.path(db) {
        FilePath::Vendored(path) => name_from_components(path.strip_prefix("stdlib/")?.split('/'), false),
        FilePath::System(path) => system_module_name(paths, path, |root| root.to_path_buf()).or_else(|| {
            // The file or a root may have been named through a symlink.
            let system = db.system();
            system_module_name(paths, &system.canonicalize(path), |root| system.canonicalize(root))
        }),
    }
}

/// The name of the file at `path` under the deepest search path (as mapped by `root_of`)
/// containing it.
fn system_module_name(paths: &SearchPaths, path: &Path, root_of: impl Fn(&Path) -> PathBuf) -> Option<ModuleName> {
    paths
        .paths
        .iter()
        .filter_map(|search_path| {
            let root = match &search_path.root {
                SearchRoot::Directory(dir) => root_of(dir),
                SearchRoot::Typeshed => root_of(&paths.typeshed.typeshed().directory()?.join("stdlib")),
            };
            let relative = path.strip_prefix(&root).ok()?.to_path_buf();
            Some((root.components().count(), relative, search_path.kind))
        })
        .max_by_key(|(depth, _, _)| *depth)
        .and_then(|(_, relative, kind)| {
            let components = relative.components().map(|c| c.as_os_str().to_str()).collect::<Option<Vec<_>>>()?;
            name_from_components(components.into_iter(), kind == SearchPathKind::SitePackages)
        })
}

/// `a/b/__init__.pyi` → `a.b`, `a/c.py` → `a.c`; `foo-stubs/x.pyi` → `foo.x` in site-packages.
fn name_from_components<'a>(components: impl Iterator<Item = &'a str>, strip_stubs_suffix: bool) -> Option<ModuleName> {
    let mut parts: Vec<&str> = components.collect();
    let last = parts.pop()?;
    let stem = last.strip_suffix(".pyi").or_else(|| last.strip_suffix(".py"))?;
    if stem != "__init__" {
        parts.push(stem);
    }
    if strip_stubs_suffix && let Some(first) = parts.first_mut() {
        *first = first.strip_suffix("-stubs").unwrap_or(first);
    }
    ModuleName::from_components(parts)
}

fn is_package_init(path: &FilePath) -> bool {
    let file_name = match path {
        FilePath::System(path) => path.file_name().and_then(|name| name.to_str()),
        FilePath::Vendored(path) => Path::new(path).file_name().and_then(|name| name.to_str()),
    };
    matches!(file_name, Some("__init__.py" | "__init__.pyi"))
}

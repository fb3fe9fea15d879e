//! Module resolution: name → `Module`, following the typing spec's import resolution order
//! (extra paths, project, typeshed stdlib honouring `VERSIONS`, then site-packages with
//! `-stubs` packages first), with namespace packages merged across search paths and partial
//! stub packages overlaid on their runtime package.

use std::borrow::Cow;

use pytc_db::{Db, File};
use pytc_syntax::PythonVersion;

use crate::location::{Directory, Location, Lookup, Probe, Prober};
use crate::search_paths::{SearchPaths, SearchRoot, search_paths};
use crate::{Module, ModuleKind, ModuleName, SearchPathKind};

/// A module name as a salsa key, and whether only the standard library is searched.
#[salsa::interned(debug, revisions = usize::MAX)]
struct ModuleNameKey<'db> {
    #[returns(ref)]
    name: ModuleName,
    stdlib_only: bool,
}

/// A resolved module plus the directories its submodules are looked up in (its `__path__`).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Resolution {
    module: Module,
    submodule_locations: Vec<Location>,
}

/// Resolve a dotted module name, or `None` when no search path has it.
pub fn resolve_module(db: &dyn Db, name: &ModuleName) -> Option<Module> {
    resolution(db, ModuleNameKey::new(db, name.clone(), false)).as_ref().map(|resolution| resolution.module.clone())
}

/// Resolve a name in the typeshed standard library alone: what an import written inside a
/// stdlib stub means, whatever the project's own modules are called (a project `types.py`
/// must not replace the `types` that `builtins.pyi` imports).
pub fn resolve_stdlib_module(db: &dyn Db, name: &ModuleName) -> Option<Module> {
    resolution(db, ModuleNameKey::new(db, name.clone(), true)).as_ref().map(|resolution| resolution.module.clone())
}

/// The directories the modules directly below `parent` are looked up in (the top-level
/// search locations for `None`), or nothing when `parent` does not resolve.
pub(crate) fn child_locations(db: &dyn Db, parent: Option<&ModuleName>) -> Vec<Location> {
    match parent {
        Some(parent) => resolution(db, ModuleNameKey::new(db, parent.clone(), false))
            .as_ref()
            .map(|resolution| resolution.submodule_locations.clone())
            .unwrap_or_default(),
        None => top_level_locations(search_paths(db), false),
    }
}

/// Resolution probes the file system along every search path; a query so each name is
/// resolved once and shared by every importer (and by its own submodules' resolutions).
#[salsa::tracked(returns(ref))]
fn resolution<'db>(db: &'db dyn Db, key: ModuleNameKey<'db>) -> Option<Resolution> {
    let name = key.name(db);
    let stdlib_only = *key.stdlib_only(db);
    let paths = search_paths(db);
    let locations: Cow<[Location]> = match name.parent() {
        Some(parent) => {
            let parent = resolution(db, ModuleNameKey::new(db, parent, stdlib_only)).as_ref()?;
            Cow::Borrowed(&parent.submodule_locations)
        }
        None => Cow::Owned(top_level_locations(paths, stdlib_only)),
    };
    let prober = Prober { db, typeshed: &paths.typeshed };
    let version = db.settings().python_version(db);
    find(&prober, paths, *version, name, &locations)
}

/// Where top-level names are looked up: every search path in order (or only the stdlib),
/// with site-packages directories asked for `name-stubs` before `name`.
fn top_level_locations(paths: &SearchPaths, stdlib_only: bool) -> Vec<Location> {
    let mut locations = Vec::with_capacity(paths.paths.len() + 2);
    for path in paths.paths.iter().filter(|path| !stdlib_only || path.kind == SearchPathKind::StandardLibrary) {
        let directory = match &path.root {
            SearchRoot::Directory(dir) => Directory::System(dir.clone()),
            SearchRoot::Typeshed => Directory::Typeshed("stdlib".to_string()),
        };
        if path.kind == SearchPathKind::SitePackages {
            locations.push(Location::new(directory.clone(), path.kind, Lookup::StubPackages));
        }
        locations.push(Location::new(directory, path.kind, Lookup::Modules));
    }
    locations
}

/// Look `name`'s last component up in `locations`: the first module or regular package wins;
/// namespace portions are collected and used only when nothing else is found.
fn find(
    prober: &Prober,
    paths: &SearchPaths,
    version: PythonVersion,
    name: &ModuleName,
    locations: &[Location],
) -> Option<Resolution> {
    let last = name.last();
    let mut namespace_portions: Vec<Location> = Vec::new();
    for (index, location) in locations.iter().enumerate() {
        if location.search_path == SearchPathKind::StandardLibrary
            && !paths.typeshed.typeshed().versions().is_available(name.as_str(), version)
        {
            continue;
        }
        match prober.probe(location, last) {
            None => {}
            Some(Probe::Namespace { directory }) => namespace_portions.push(directory),
            Some(Probe::Module { file }) => {
                return Some(found(name, Some(file), ModuleKind::Module, location, Vec::new()));
            }
            Some(Probe::CompiledExtension) => {
                return Some(found(name, None, ModuleKind::CompiledExtension, location, Vec::new()));
            }
            Some(Probe::Package { init, directory }) => {
                // A stub-only namespace portion seen first still comes first for submodules.
                let mut submodule_locations: Vec<Location> =
                    namespace_portions.into_iter().filter(|portion| portion.in_stub_package).collect();
                let overlay_runtime = directory.partial;
                let from_stub_package = directory.in_stub_package;
                submodule_locations.push(directory);
                if overlay_runtime {
                    submodule_locations.extend(runtime_portions(prober, last, &locations[index + 1..]));
                }
                let mut resolution = found(name, Some(init), ModuleKind::Package, location, submodule_locations);
                resolution.module.from_stub_package = from_stub_package;
                return Some(resolution);
            }
        }
    }
    let first = namespace_portions.first()?;
    let mut resolution = found(name, None, ModuleKind::NamespacePackage, first, Vec::new());
    resolution.module.from_stub_package = namespace_portions.iter().all(|portion| portion.in_stub_package);
    resolution.submodule_locations = namespace_portions;
    Some(resolution)
}

/// The runtime directories a partial stub package is overlaid on: namespace portions and the
/// first regular package of the same name in the remaining locations.
fn runtime_portions(prober: &Prober, name: &str, rest: &[Location]) -> Vec<Location> {
    let mut portions = Vec::new();
    for location in rest.iter().filter(|location| location.lookup == Lookup::Modules && !location.in_stub_package) {
        match prober.probe(location, name) {
            Some(Probe::Namespace { directory }) => portions.push(directory),
            Some(Probe::Package { directory, .. }) => {
                portions.push(directory);
                break;
            }
            Some(Probe::Module { .. } | Probe::CompiledExtension) | None => {}
        }
    }
    portions
}

fn found(
    name: &ModuleName,
    file: Option<File>,
    kind: ModuleKind,
    location: &Location,
    submodule_locations: Vec<Location>,
) -> Resolution {
    Resolution {
        module: Module {
            name: name.clone(),
            file,
            kind,
            search_path: location.search_path,
            from_stub_package: location.in_stub_package,
        },
        submodule_locations,
    }
}

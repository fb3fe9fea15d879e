//! Import cycles of module-level values, cut where they cross modules.
//!
//! `x0 = x1` in `m0` (which imports `x1` from `m1`), `x1 = x2` in `m1`, and so on back to
//! `m0`: the type of each name asks for the next one's, all around. Left to salsa, that is
//! one cycle of every module's queries, and salsa gives each query of a cycle a copy of the
//! dependencies of the queries below it: memory grew with the square of the cycle's length
//! (2,000 modules 2.4 GB; 10,000 over 23 GB).
//!
//! Instead the cycles are found first, in a graph built from the syntax and the use-def maps
//! alone (`edges`): module-level names point to the names and `from m import x` imports their
//! values read, and an import points to the name it imports. An import in the same strongly
//! connected component as the name it imports is *cut*: it binds `Unknown`, as the cycle
//! would have, without asking for that name. No query then depends on itself across
//! modules, and each module of the cycle is inferred on its own, in linear time and memory.
//!
//! What a cut gives: a cycle of names with no value of their own is `Unknown` throughout (as
//! salsa's cycle recovery made it); a name with a value of its own keeps it (`x1 = 1 if c
//! else x0` is `int | Unknown`, where the whole cycle used to be `Unknown`). The graph reads
//! every name of a value and every definition reaching it, so the cycles it finds are the
//! ones inference would run into. Cycles through what it does not follow (function bodies,
//! class bodies and decorators, attributes of imported modules, star imports) are left to
//! salsa's cycle handling, as before.
//!
//! The components come from a search from the file's own imports, on the file's checking
//! thread; when that reaches too far (a long cycle), from one search over everything
//! reachable from the files being checked ([`set_import_cycle_roots`]). A component does not
//! depend on where the search started, so both give the same cuts.

mod components;
mod edges;

use pytc_db::{Db, File};
use pytc_semantic::DefinitionId;
use rustc_hash::{FxHashMap, FxHashSet};

use components::cyclic_components;
use edges::{Node, file_edges};

/// The files a check starts from: the search for cycles covers everything reachable from
/// their imports at once.
#[salsa::input(singleton)]
pub struct ImportCycleRoots {
    #[returns(ref)]
    files: Box<[File]>,
}

/// Make `files` the start of the search for import cycles (call before checking them).
/// Checking other files stays correct without it, only slower on long cycles.
pub fn set_import_cycle_roots(db: &mut dyn Db, files: &[File]) {
    use salsa::Setter;
    match ImportCycleRoots::try_get(db) {
        Some(roots) => {
            if **roots.files(db) != *files {
                roots.set_files(db).to(files.into());
            }
        }
        None => {
            ImportCycleRoots::new(db, files.into());
        }
    }
}

/// True when the module-level `from m import x` `definition` of `file` lies on a cycle of
/// module-level values through `x` of `m`: it binds `Unknown`.
pub(crate) fn is_cut_import(db: &dyn Db, file: File, definition: DefinitionId) -> bool {
    cut_imports(db, file).binary_search(&definition.as_u32()).is_ok()
}

/// The module-level imports of `file` that are cut (definition ids, sorted). A query: every
/// import of the file asks, and the answer changes only when a cycle through the file does.
#[salsa::tracked(returns(ref))]
fn cut_imports(db: &dyn Db, file: File) -> Box<[u32]> {
    let edges = file_edges(db, file);
    if edges.imports().next().is_none() {
        return Box::default();
    }
    // Searching from the file alone is quick and runs on the file's own checking thread;
    // past `FILE_SEARCH_LIMIT` nodes, one search from all the roots serves every file.
    let from_file = search(db, &[file], Some(FILE_SEARCH_LIMIT));
    let components = match &from_file {
        Some(components) => components,
        None if root_files(db).contains(&file) => root_components(db),
        None => &search(db, &[file], None).unwrap_or_default(),
    };
    let mut cut: Vec<u32> = edges
        .imports()
        .filter(|(definition, target)| {
            let own = components.get(&Node::Import(file, *definition));
            own.is_some() && own == components.get(target)
        })
        .map(|(definition, _)| definition)
        .collect();
    cut.sort_unstable();
    cut.into()
}

/// How many nodes a search from one file visits before it leaves the work to the search from
/// all the roots.
const FILE_SEARCH_LIMIT: usize = 256;

/// The roots as a set (empty when no check set them).
#[salsa::tracked(returns(ref))]
fn root_files(db: &dyn Db) -> FxHashSet<File> {
    ImportCycleRoots::try_get(db).map(|roots| roots.files(db).iter().copied().collect()).unwrap_or_default()
}

/// The cyclic components of everything reachable from the roots' imports.
#[salsa::tracked(returns(ref))]
fn root_components<'db>(db: &'db dyn Db) -> FxHashMap<Node<'db>, u32> {
    let files: Vec<File> = ImportCycleRoots::try_get(db).map(|roots| roots.files(db).to_vec()).unwrap_or_default();
    search(db, &files, None).unwrap_or_default()
}

/// The cyclic components of everything reachable from the imports of `files`; `None` past
/// `limit` nodes.
fn search<'db>(db: &'db dyn Db, files: &[File], limit: Option<usize>) -> Option<FxHashMap<Node<'db>, u32>> {
    let roots = files.iter().flat_map(|file| file_edges(db, *file).imports().map(|(definition, _)| Node::Import(*file, definition)));
    let successors = |node| {
        let file = match node {
            Node::Symbol(file, _) | Node::Import(file, _) => file,
        };
        file_edges(db, file).successors(node)
    };
    cyclic_components(roots, successors, limit)
}

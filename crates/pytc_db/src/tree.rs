//! `ReleasableTree`: a file's syntax tree that the command line can drop between batches of
//! files and that is parsed again, from the same text, when a node of it is next needed.
//!
//! The semantic index of a file, and every `AstNodeRef` into it, hold one of these instead
//! of the tree itself. Parsing is deterministic, so a re-parse numbers every node as the
//! first parse did and a `NodeIndex` finds the same node (see `pytc_syntax::NodeTable`).
//!
//! Releasing is the only mutation, and it must not race with any use of the tree: only
//! [`TreeRegistry::release_all`] does it, and its caller guarantees exclusive access to the
//! database (see `ProjectDatabase::release_trees`, which holds `&mut` and has made salsa wait
//! for every other handle to be dropped). A database without a registry never releases.

use std::cell::UnsafeCell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock, Weak};

use pytc_syntax::ast::NodeIndex;
use pytc_syntax::{NodeTable, ParsedModule, PythonVersion, SourceKind, TableNode, TableSlot};

/// A tree that is loaded on demand, with its node table.
pub struct ReleasableTree {
    source: Arc<str>,
    kind: SourceKind,
    version: PythonVersion,
    loaded: UnsafeCell<OnceLock<LoadedTree>>,
    /// The nodes holders refer to (set by [`Self::take_nodes`]), found again after a re-parse.
    nodes: OnceLock<Arc<[u32]>>,
    registry: Option<Arc<TreeRegistry>>,
}

// SAFETY: apart from `release`, the tree is reached only through `OnceLock`, which is `Sync`;
// `release` (the one `&self` mutation outside it) requires by contract that no other access,
// from any thread, happens during it or uses a reference obtained before it.
unsafe impl Sync for ReleasableTree {}

impl ReleasableTree {
    /// A handle on `parsed`, the tree of `source` parsed as `kind` for `version`. Registered
    /// with `registry` (if any) so that it can be released.
    pub fn new(
        parsed: ParsedModule,
        source: Arc<str>,
        kind: SourceKind,
        version: PythonVersion,
        registry: Option<&Arc<TreeRegistry>>,
    ) -> Arc<Self> {
        let tree = Arc::new(Self {
            source,
            kind,
            version,
            loaded: UnsafeCell::new(OnceLock::from(LoadedTree::new(parsed))),
            nodes: OnceLock::new(),
            registry: registry.cloned(),
        });
        if let Some(registry) = registry {
            registry.trees.lock().expect("no panic while holding the registry").push(Arc::downgrade(&tree));
        }
        tree
    }

    fn loaded(&self) -> &LoadedTree {
        // SAFETY: only `release` mutates the cell other than through `OnceLock`, and it runs
        // with no other access alive (see the type's contract).
        let cell = unsafe { &*self.loaded.get() };
        cell.get_or_init(|| {
            if let Some(registry) = &self.registry {
                registry.reparses.fetch_add(1, Ordering::Relaxed);
            }
            LoadedTree::new(pytc_syntax::parse(&self.source, self.kind, self.version))
        })
    }

    /// The parsed module, parsed again if it was released.
    pub fn parsed(&self) -> &ParsedModule {
        &self.loaded().parsed
    }

    /// Run `take` on the tree; the nodes it returns (with their indices) are the ones
    /// [`Self::node`] finds, in this parse and in any later one. Called once, by the
    /// semantic index builder, before any node is read.
    pub fn take_nodes<R>(&self, take: impl for<'p> FnOnce(&'p ParsedModule) -> (R, Vec<(u32, TableSlot<'p>)>)) -> R {
        let loaded = self.loaded();
        let (result, nodes) = take(&loaded.parsed);
        let table = NodeTable::from_nodes(nodes);
        assert!(self.nodes.set(Arc::clone(table.indices())).is_ok(), "the nodes of a tree are taken once");
        // SAFETY: `take` returned nodes borrowed from `loaded.parsed` (the only tree it was
        // given), which owns them at a fixed address for as long as `loaded` lives; the table
        // is only handed out with the lifetime of a borrow of `loaded` (`LoadedTree::table`).
        let table = unsafe { std::mem::transmute::<NodeTable<'_>, NodeTable<'static>>(table) };
        // No node was read before (the table would be empty): the set cannot fail.
        let _ = loaded.table.set(table);
        result
    }

    /// The node of type `T` at `index`. Panics when the tree has no such node: every index
    /// a holder keeps was taken (`take_nodes`) from a parse of the same text.
    pub fn node<T: TableNode>(&self, index: NodeIndex) -> &T {
        debug_assert!(self.nodes.get().is_some(), "a node is read before the tree's nodes are taken");
        self.loaded().table(&self.nodes).get(index).expect("a node index taken from a parse of the same source")
    }

    /// Drop the tree (it is parsed again when next needed).
    ///
    /// # Safety
    /// No other access to this tree may happen during the call, and no reference obtained
    /// from it before the call may be used after it.
    unsafe fn release(&self) {
        // SAFETY: the caller guarantees exclusive access.
        unsafe { (*self.loaded.get()).take() };
    }
}

/// A parsed module and, built on first lookup, the table of its nodes.
struct LoadedTree {
    parsed: ParsedModule,
    /// The nodes holders refer to. Borrows the nodes of `parsed` (whose tree sits behind an
    /// `Arc` and never moves), not `'static`: handed out only with the lifetime of a borrow
    /// of `self`.
    table: OnceLock<NodeTable<'static>>,
}

impl LoadedTree {
    fn new(parsed: ParsedModule) -> Self {
        Self { parsed, table: OnceLock::new() }
    }

    /// The table of the nodes taken (`nodes`), found by one walk of the tree the first time.
    fn table(&self, nodes: &OnceLock<Arc<[u32]>>) -> &NodeTable<'_> {
        self.table.get_or_init(|| {
            let nodes = nodes.get().map_or_else(|| Arc::from([]), Arc::clone);
            let table = NodeTable::find(self.parsed.syntax(), nodes);
            // SAFETY: the table borrows the tree owned (through an `Arc`, so at a fixed
            // address) by `self.parsed`, which is dropped no earlier than the table, and the
            // table is only returned with the lifetime of `&self`.
            unsafe { std::mem::transmute::<NodeTable<'_>, NodeTable<'static>>(table) }
        })
    }
}

/// Every releasable tree of one database, and how often a released one was parsed again.
#[derive(Default)]
pub struct TreeRegistry {
    trees: Mutex<Vec<Weak<ReleasableTree>>>,
    reparses: AtomicUsize,
}

impl TreeRegistry {
    /// Drop every registered tree that is loaded; forget the handles that are gone.
    ///
    /// # Safety
    /// Nothing may use any tree of this registry during the call, and no reference into one
    /// obtained before it may be used after it: the caller has exclusive access to the
    /// database that owns the registry (no other handle on it, no query running, no node
    /// reference kept outside the database).
    pub unsafe fn release_all(&self) {
        let mut trees = self.trees.lock().expect("no panic while holding the registry");
        trees.retain(|tree| match tree.upgrade() {
            Some(tree) => {
                // SAFETY: the caller guarantees exclusive access to every tree.
                unsafe { tree.release() };
                true
            }
            None => false,
        });
    }

    /// How many times a released tree was parsed again.
    pub fn reparses(&self) -> usize {
        self.reparses.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use pytc_syntax::ast::{self, HasNodeIndex};

    use super::*;

    #[test]
    fn a_released_tree_is_parsed_again_with_the_same_nodes() {
        let source: Arc<str> = "def f(x):\n    return x\n".into();
        let registry = Arc::new(TreeRegistry::default());
        let parsed = pytc_syntax::parse(&source, SourceKind::Python, PythonVersion::PY312);
        let ast::Stmt::FunctionDef(function) = &parsed.syntax().body[0] else { panic!() };
        let index = function.node_index().load();
        let tree = ReleasableTree::new(parsed.clone(), source, SourceKind::Python, PythonVersion::PY312, Some(&registry));
        tree.take_nodes(|parsed| {
            let ast::Stmt::FunctionDef(function) = &parsed.syntax().body[0] else { panic!() };
            ((), vec![(index.as_u32().unwrap(), function.to_slot())])
        });
        assert_eq!(tree.node::<ast::StmtFunctionDef>(index).name.as_str(), "f");
        // SAFETY: no reference into the tree is alive.
        unsafe { registry.release_all() };
        assert_eq!(registry.reparses(), 0);
        assert_eq!(tree.node::<ast::StmtFunctionDef>(index).name.as_str(), "f");
        assert_eq!(registry.reparses(), 1);
    }
}

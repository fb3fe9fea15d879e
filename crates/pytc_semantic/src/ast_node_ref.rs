//! `AstNodeRef`: a handle on one node of a file's tree, kept by its `NodeIndex`, so the
//! semantic index can hand the type layer the very nodes it has to infer without keeping
//! the tree alive: the tree (a `ReleasableTree`) may be dropped between batches of files
//! and is parsed again, with the same numbering, when a node of it is next read.

use std::marker::PhantomData;
use std::sync::Arc;

use pytc_db::ReleasableTree;
use pytc_syntax::ast::NodeIndex;
use pytc_syntax::{ParsedModule, TableNode};

/// A reference to a node of type `T` of a file's tree.
pub struct AstNodeRef<T> {
    tree: Arc<ReleasableTree>,
    index: NodeIndex,
    node: PhantomData<fn() -> T>,
}

impl<T: TableNode> AstNodeRef<T> {
    /// The handle on `node`, a node of type `T` of `tree`.
    pub(crate) fn new(tree: &Arc<ReleasableTree>, index: NodeIndex) -> Self {
        Self { tree: Arc::clone(tree), index, node: PhantomData }
    }

    /// The node (its tree is parsed again if it was released).
    pub fn node(&self) -> &T {
        self.tree.node(self.index)
    }

    /// The module the node belongs to.
    pub fn parsed_module(&self) -> &ParsedModule {
        self.tree.parsed()
    }

    pub fn node_index(&self) -> NodeIndex {
        self.index
    }
}

impl<T> Clone for AstNodeRef<T> {
    fn clone(&self) -> Self {
        Self { tree: self.tree.clone(), index: self.index, node: PhantomData }
    }
}

impl<T: TableNode> std::ops::Deref for AstNodeRef<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.node()
    }
}

impl<T: TableNode + std::fmt::Debug> std::fmt::Debug for AstNodeRef<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.node().fmt(f)
    }
}

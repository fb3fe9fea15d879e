//! `AstNodeRef`: a handle on one node of a parsed module that keeps the tree alive, so the
//! semantic index can hand the type layer the very nodes it has to infer.

use std::ptr::NonNull;
use std::sync::Arc;

use pytc_syntax::ParsedModule;
use pytc_syntax::ast::{HasNodeIndex, NodeIndex};

/// A reference to a node of type `T` inside a `ParsedModule`, owning a share of the module.
pub struct AstNodeRef<T> {
    /// Keeps the tree (and so the node) alive and unmoved: the tree is immutable behind an `Arc`.
    parsed: Arc<ParsedModule>,
    node: NonNull<T>,
}

impl<T> AstNodeRef<T> {
    /// # Safety
    /// `node` must be a node owned by `parsed`'s tree.
    pub(crate) unsafe fn new(parsed: &Arc<ParsedModule>, node: &T) -> Self {
        Self { parsed: Arc::clone(parsed), node: NonNull::from(node) }
    }

    /// The node.
    pub fn node(&self) -> &T {
        // SAFETY: `self.parsed` keeps the immutable tree that owns the node alive, and nodes of
        // an `Arc`-shared tree never move.
        unsafe { self.node.as_ref() }
    }

    /// The module the node belongs to.
    pub fn parsed_module(&self) -> &ParsedModule {
        &self.parsed
    }
}

impl<T: HasNodeIndex> AstNodeRef<T> {
    pub fn node_index(&self) -> NodeIndex {
        self.node().node_index().load()
    }
}

impl<T> Clone for AstNodeRef<T> {
    fn clone(&self) -> Self {
        Self { parsed: self.parsed.clone(), node: self.node }
    }
}

impl<T> std::ops::Deref for AstNodeRef<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.node()
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for AstNodeRef<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.node().fmt(f)
    }
}

// SAFETY: the handle only gives shared access to an immutable node, and the owning module
// (`ParsedModule`, an `Arc`) is itself `Send + Sync`.
unsafe impl<T: Sync> Send for AstNodeRef<T> {}
// SAFETY: as above.
unsafe impl<T: Sync> Sync for AstNodeRef<T> {}

//! `NodeTable`: the nodes a holder of a tree refers to, by their `NodeIndex`.
//!
//! Nodes are numbered in source order when a module is parsed (see `parse`), and the same
//! source always gets the same numbering, so an index taken from one parse finds the same
//! node in a later parse of the same text. Holders of a node that may outlive its tree keep
//! the index; the table of the nodes they keep is filled when they take the nodes, and
//! filled again by one walk of a later parse ([`NodeTable::find`]).

use ruff_python_ast::visitor::source_order::{
    SourceOrderVisitor, TraversalSignal, walk_expr, walk_pattern, walk_type_param,
};
use std::sync::Arc;

use ruff_python_ast::{self as ast, AnyNodeRef, HasNodeIndex, ModModule, NodeIndex};

/// What the table holds for one node: the node, or for an expression, pattern or type
/// parameter the enum that wraps it (its variant shares its index), so both the enum and
/// the variant can be looked up.
#[derive(Clone, Copy)]
pub enum TableSlot<'a> {
    Missing,
    Node(AnyNodeRef<'a>),
    Expr(&'a ast::Expr),
    Pattern(&'a ast::Pattern),
    TypeParam(&'a ast::TypeParam),
}

impl<'a> TableSlot<'a> {
    fn any(self) -> Option<AnyNodeRef<'a>> {
        match self {
            TableSlot::Missing => None,
            TableSlot::Node(node) => Some(node),
            TableSlot::Expr(expr) => Some(AnyNodeRef::from(expr)),
            TableSlot::Pattern(pattern) => Some(AnyNodeRef::from(pattern)),
            TableSlot::TypeParam(type_param) => Some(AnyNodeRef::from(type_param)),
        }
    }
}

/// A node type that can be looked up in a [`NodeTable`].
pub trait TableNode {
    fn from_slot(slot: TableSlot<'_>) -> Option<&Self>;
    fn to_slot(&self) -> TableSlot<'_>;
}

/// The node enums a slot holds as such (their variants are looked up through `AnyNodeRef`).
macro_rules! enum_table_nodes {
    ($($enum:ident),* $(,)?) => {$(
        impl TableNode for ast::$enum {
            fn from_slot(slot: TableSlot<'_>) -> Option<&Self> {
                match slot {
                    TableSlot::$enum(node) => Some(node),
                    _ => None,
                }
            }
            fn to_slot(&self) -> TableSlot<'_> {
                TableSlot::$enum(self)
            }
        }
    )*};
}

enum_table_nodes!(Expr, Pattern, TypeParam);

macro_rules! table_nodes {
    ($($variant:ident),* $(,)?) => {$(
        impl TableNode for ast::$variant {
            fn from_slot(slot: TableSlot<'_>) -> Option<&Self> {
                match slot.any()? {
                    AnyNodeRef::$variant(node) => Some(node),
                    _ => None,
                }
            }
            fn to_slot(&self) -> TableSlot<'_> {
                TableSlot::Node(AnyNodeRef::from(self))
            }
        }
    )*};
}

table_nodes!(
    StmtFunctionDef,
    StmtClassDef,
    StmtTypeAlias,
    StmtAugAssign,
    StmtImport,
    StmtImportFrom,
    StmtAssign,
    StmtAnnAssign,
    StmtFor,
    StmtWith,
    StmtMatch,
    ExprCall,
    ExprNamed,
    Alias,
    ExceptHandlerExceptHandler,
    Comprehension,
    Parameter,
    MatchCase,
);

/// Some nodes of one tree, by their `NodeIndex`.
pub struct NodeTable<'a> {
    /// Sorted, distinct.
    indices: Arc<[u32]>,
    slots: Box<[TableSlot<'a>]>,
}

impl<'a> NodeTable<'a> {
    /// The table of `nodes` (in any order, repeats allowed), given with their indices.
    pub fn from_nodes(mut nodes: Vec<(u32, TableSlot<'a>)>) -> Self {
        // An expression, pattern or type parameter may be taken both as the enum and as its
        // variant: keep the enum, which gives both.
        nodes.sort_by_key(|(index, slot)| (*index, matches!(slot, TableSlot::Node(_))));
        nodes.dedup_by_key(|(index, _)| *index);
        let (indices, slots): (Vec<u32>, Vec<TableSlot<'a>>) = nodes.into_iter().unzip();
        Self { indices: indices.into(), slots: slots.into_boxed_slice() }
    }

    /// The table of the nodes at `indices` (an earlier table's [`Self::indices`]) in a numbered
    /// tree, by one walk of it.
    pub fn find(module: &'a ModModule, indices: Arc<[u32]>) -> Self {
        let mut finder = Finder { indices: &indices, slots: Vec::with_capacity(indices.len()) };
        if !indices.is_empty() {
            finder.visit_body(&module.body);
        }
        let slots = finder.slots.into_boxed_slice();
        assert_eq!(slots.len(), indices.len(), "every node is found again in a parse of the same text");
        Self { indices, slots }
    }

    /// The indices of the nodes of the table, sorted.
    pub fn indices(&self) -> &Arc<[u32]> {
        &self.indices
    }

    /// The node at `index`, if the table has one of type `T` there.
    pub fn get<T: TableNode>(&self, index: NodeIndex) -> Option<&'a T> {
        let position = self.indices.binary_search(&index.as_u32()?).ok()?;
        T::from_slot(self.slots[position])
    }
}

/// Walks a tree in source order (which is index order) and takes the wanted nodes.
struct Finder<'a, 'w> {
    indices: &'w [u32],
    slots: Vec<TableSlot<'a>>,
}

impl<'a> Finder<'a, '_> {
    fn take(&mut self, index: NodeIndex, slot: TableSlot<'a>) {
        if index.as_u32().is_some_and(|index| self.indices.get(self.slots.len()) == Some(&index)) {
            self.slots.push(slot);
        }
    }

    fn done(&self) -> bool {
        self.slots.len() == self.indices.len()
    }
}

impl<'a> SourceOrderVisitor<'a> for Finder<'a, '_> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        // The enum of an expression, pattern or type parameter was offered first (below).
        self.take(node.node_index().load(), TableSlot::Node(node));
        if self.done() { TraversalSignal::Skip } else { TraversalSignal::Traverse }
    }

    fn visit_expr(&mut self, expr: &'a ast::Expr) {
        self.take(expr.node_index().load(), TableSlot::Expr(expr));
        crate::ensure_stack(|| walk_expr(self, expr));
    }

    fn visit_pattern(&mut self, pattern: &'a ast::Pattern) {
        self.take(pattern.node_index().load(), TableSlot::Pattern(pattern));
        walk_pattern(self, pattern);
    }

    fn visit_type_param(&mut self, type_param: &'a ast::TypeParam) {
        self.take(type_param.node_index().load(), TableSlot::TypeParam(type_param));
        walk_type_param(self, type_param);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SourceKind, parse};
    use ruff_python_ast::PythonVersion;

    fn entry<T: TableNode + HasNodeIndex>(node: &T) -> (u32, TableSlot<'_>) {
        (node.node_index().load().as_u32().unwrap(), node.to_slot())
    }

    #[test]
    fn finds_the_same_nodes_in_a_later_parse() {
        let source = "def f[T](x: int = 1) -> T:\n    return g(x)\nmatch y:\n    case [a]: pass\n";
        let first = parse(source, SourceKind::Python, PythonVersion::PY312);
        let ast::Stmt::FunctionDef(function) = &first.syntax().body[0] else { panic!() };
        let ast::Stmt::Return(ret) = &function.body[0] else { panic!() };
        let value = ret.value.as_deref().unwrap();
        let call = value.as_call_expr().unwrap();
        let type_param = &function.type_params.as_ref().unwrap().type_params[0];
        // The call is taken both as a call and as an expression, in no particular order.
        let nodes = vec![entry(call), entry(type_param), entry(function), entry(value)];
        let taken = NodeTable::from_nodes(nodes);
        assert_eq!(taken.indices().len(), 3);
        assert!(std::ptr::eq(taken.get::<ast::Expr>(value.node_index().load()).unwrap(), value));
        assert!(std::ptr::eq(taken.get::<ast::ExprCall>(value.node_index().load()).unwrap(), call));

        let again = parse(source, SourceKind::Python, PythonVersion::PY312);
        let table = NodeTable::find(again.syntax(), taken.indices().clone());
        let found: &ast::StmtFunctionDef = table.get(function.node_index.load()).unwrap();
        assert_eq!(found.range, function.range);
        assert_eq!(table.get::<ast::Expr>(value.node_index().load()), Some(value));
        assert_eq!(table.get::<ast::ExprCall>(value.node_index().load()), Some(call));
        assert_eq!(table.get::<ast::TypeParam>(type_param.node_index().load()), Some(type_param));
        // The wrong type at an index, or an index not taken, is no node.
        assert!(table.get::<ast::StmtClassDef>(function.node_index.load()).is_none());
        assert!(table.get::<ast::Expr>(call.func.node_index().load()).is_none());
    }
}

//! `NodeTable`: every node of a tree by its `NodeIndex`, in constant time.
//!
//! Nodes are numbered in source order when a module is parsed (see `parse`), and the same
//! source always gets the same numbering, so an index taken from one parse finds the same
//! node in a later parse of the same text. Holders of a node that may outlive its tree keep
//! the index and look the node up again through this table.

use ruff_python_ast::visitor::source_order::{
    SourceOrderVisitor, TraversalSignal, walk_expr, walk_pattern, walk_type_param,
};
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
}

impl TableNode for ast::Expr {
    fn from_slot(slot: TableSlot<'_>) -> Option<&Self> {
        match slot {
            TableSlot::Expr(expr) => Some(expr),
            _ => None,
        }
    }
}

impl TableNode for ast::Pattern {
    fn from_slot(slot: TableSlot<'_>) -> Option<&Self> {
        match slot {
            TableSlot::Pattern(pattern) => Some(pattern),
            _ => None,
        }
    }
}

impl TableNode for ast::TypeParam {
    fn from_slot(slot: TableSlot<'_>) -> Option<&Self> {
        match slot {
            TableSlot::TypeParam(type_param) => Some(type_param),
            _ => None,
        }
    }
}

macro_rules! table_nodes {
    ($($variant:ident),* $(,)?) => {$(
        impl TableNode for ast::$variant {
            fn from_slot(slot: TableSlot<'_>) -> Option<&Self> {
                match slot.any()? {
                    AnyNodeRef::$variant(node) => Some(node),
                    _ => None,
                }
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

/// Every node of one tree, indexed by its `NodeIndex`.
pub struct NodeTable<'a> {
    slots: Box<[TableSlot<'a>]>,
}

impl<'a> NodeTable<'a> {
    /// The table of a numbered tree (every tree `parse` returns is numbered).
    pub fn new(module: &'a ModModule) -> Self {
        let mut builder = TableBuilder { slots: Vec::new() };
        builder.visit_body(&module.body);
        Self { slots: builder.slots.into_boxed_slice() }
    }

    /// The node at `index`, if the tree has one of type `T` there.
    pub fn get<T: TableNode>(&self, index: NodeIndex) -> Option<&'a T> {
        let slot = *self.slots.get(index.as_u32()? as usize)?;
        T::from_slot(slot)
    }
}

struct TableBuilder<'a> {
    slots: Vec<TableSlot<'a>>,
}

impl<'a> TableBuilder<'a> {
    /// Record `slot` for `index` unless a wrapping enum already took it.
    fn record(&mut self, index: NodeIndex, slot: TableSlot<'a>) {
        let Some(index) = index.as_u32() else { return };
        let index = index as usize;
        if self.slots.len() <= index {
            self.slots.resize(index + 1, TableSlot::Missing);
        }
        if matches!(self.slots[index], TableSlot::Missing) {
            self.slots[index] = slot;
        }
    }
}

impl<'a> SourceOrderVisitor<'a> for TableBuilder<'a> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        self.record(node.node_index().load(), TableSlot::Node(node));
        TraversalSignal::Traverse
    }

    fn visit_expr(&mut self, expr: &'a ast::Expr) {
        self.record(expr.node_index().load(), TableSlot::Expr(expr));
        crate::ensure_stack(|| walk_expr(self, expr));
    }

    fn visit_pattern(&mut self, pattern: &'a ast::Pattern) {
        self.record(pattern.node_index().load(), TableSlot::Pattern(pattern));
        walk_pattern(self, pattern);
    }

    fn visit_type_param(&mut self, type_param: &'a ast::TypeParam) {
        self.record(type_param.node_index().load(), TableSlot::TypeParam(type_param));
        walk_type_param(self, type_param);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{SourceKind, parse};
    use ruff_python_ast::PythonVersion;

    #[test]
    fn finds_each_node_by_its_index_in_a_later_parse() {
        let source = "def f[T](x: int = 1) -> T:\n    return g(x)\nmatch y:\n    case [a]: pass\n";
        let first = parse(source, SourceKind::Python, PythonVersion::PY312);
        let again = parse(source, SourceKind::Python, PythonVersion::PY312);
        let ast::Stmt::FunctionDef(function) = &first.syntax().body[0] else { panic!() };
        let table = NodeTable::new(again.syntax());
        let found: &ast::StmtFunctionDef = table.get(function.node_index.load()).unwrap();
        assert_eq!(found.range, function.range);
        let ast::Stmt::Return(ret) = &function.body[0] else { panic!() };
        let value = ret.value.as_deref().unwrap();
        let expr: &ast::Expr = table.get(value.node_index().load()).unwrap();
        assert_eq!(expr, value);
        let call: &ast::ExprCall = table.get(value.node_index().load()).unwrap();
        assert_eq!(Some(call), value.as_call_expr());
        // The wrong type at an index is no node.
        assert!(table.get::<ast::StmtClassDef>(function.node_index.load()).is_none());
        let type_param = &function.type_params.as_ref().unwrap().type_params[0];
        assert_eq!(table.get::<ast::TypeParam>(type_param.node_index().load()), Some(type_param));
    }
}

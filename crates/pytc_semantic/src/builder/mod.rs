//! Builds a `SemanticIndex` in one walk over a module's AST: scopes and symbol tables,
//! definitions, flow-sensitive use-def maps with narrowing predicates, and reachability.
//!
//! The walk threads a `FlowState` (the live bindings of every symbol and place) through the
//! control flow of each scope, snapshotting and joining it at branches; loops get a
//! loop-header placeholder that is replaced by the back-edge bindings when the scope ends.

mod condition_aliases;
mod conditions;
mod definition_point;
mod dunder_all;
mod expressions;
mod finish;
mod flow;
mod loop_bindings;
mod places;
mod reach_marks;
mod scope_builder;
mod statements;
mod targets;

use std::cell::RefCell;
use std::sync::Arc;

use pytc_syntax::ast::name::Name;
use pytc_syntax::ast::{self, HasNodeIndex, NodeIndex};
use pytc_db::ReleasableTree;
use pytc_syntax::{ParsedModule, TableNode, TableSlot, TextRange};
use rustc_hash::FxHashMap;
use smallvec::SmallVec;

use self::dunder_all::DunderAllCollector;
use self::flow::{FlowBinding, FlowState, Slot};
use self::reach_marks::ReachMarks;
use self::scope_builder::ScopeBuilder;
use crate::ast_node_ref::AstNodeRef;
use crate::definition::{Definition, DefinitionKind, DefinitionTarget};
use crate::ids::{ConstraintId, DefinitionId, IndexVec, PlaceId, PredicateId, ScopeId, SymbolId};
use crate::index::SemanticIndex;
use crate::predicate::{Predicate, PredicateKind};
use crate::scope::{Scope, ScopeKind};
use crate::static_truth::StaticTruth;
use crate::symbol::{SymbolFlags, SymbolTable};
use crate::units::{IdBases, Units, compute_units};
use crate::use_def::UseDefMap;

/// Build the index of `tree` for the given target.
pub(crate) fn build_index(tree: &Arc<ReleasableTree>, source: &str, is_stub: bool, truth: StaticTruth) -> SemanticIndex {
    // The nodes the index refers to are known once it is built; none is read before.
    let (mut index, bases) = tree.take_nodes(|parsed| build_with_nodes(tree, parsed, is_stub, truth));
    index.units = compute_units(&index, &bases, source);
    index
}

/// The index of `parsed` (the tree of `tree`), the ids allocated before each top-level
/// statement, and the nodes the index refers to.
fn build_with_nodes<'a>(
    tree: &Arc<ReleasableTree>,
    parsed: &'a ParsedModule,
    is_stub: bool,
    truth: StaticTruth,
) -> ((SemanticIndex, Vec<IdBases>), Vec<(u32, TableSlot<'a>)>) {
    let module = parsed.syntax();
    // Rough sizes from typeshed and typical code, to avoid regrowing the big tables.
    let source_length = usize::from(module.range.len());
    let mut builder = IndexBuilder {
        tree: Arc::clone(tree),
        nodes: RefCell::default(),
        truth,
        is_stub,
        scopes: IndexVec::new(),
        stack: Vec::new(),
        finished: Vec::new(),
        definitions: IndexVec::with_capacity(source_length / 48),
        predicates: IndexVec::new(),
        scopes_by_node: FxHashMap::default(),
        definitions_by_node: FxHashMap::with_capacity_and_hasher(source_length / 48, Default::default()),
        node_scopes: Vec::with_capacity(source_length / 6),
        reach_marks: ReachMarks::default(),
        dunder_all: DunderAllCollector::default(),
        has_future_annotations: false,
        star_imports: FxHashMap::default(),
        condition_aliases: FxHashMap::default(),
    };
    builder.push_scope(ScopeKind::Module, None, None, module.range);
    // Each top-level statement is a check unit: note the ids allocated before it.
    let mut bases = Vec::with_capacity(module.body.len());
    for statement in &module.body {
        bases.push(IdBases {
            scopes: builder.scopes.len(),
            definitions: builder.definitions.len(),
            predicates: builder.predicates.len(),
        });
        builder.visit_body_statement(statement);
    }
    builder.pop_scope();
    let nodes = builder.nodes.take();
    ((builder.finish(), bases), nodes)
}

pub(crate) struct IndexBuilder<'a> {
    /// The handle on the tree for every `AstNodeRef` the index hands out.
    tree: Arc<ReleasableTree>,
    /// The nodes of those `AstNodeRef`s, by index: the tree's node table.
    nodes: RefCell<Vec<(u32, TableSlot<'a>)>>,
    truth: StaticTruth,
    is_stub: bool,
    scopes: IndexVec<ScopeId, Scope>,
    /// The scopes being visited, innermost last.
    stack: Vec<ScopeBuilder>,
    finished: Vec<Option<(SymbolTable, UseDefMap)>>,
    definitions: IndexVec<DefinitionId, Definition>,
    predicates: IndexVec<PredicateId, Predicate>,
    scopes_by_node: FxHashMap<NodeIndex, ScopeId>,
    definitions_by_node: FxHashMap<NodeIndex, SmallVec<[DefinitionId; 1]>>,
    node_scopes: Vec<(u32, ScopeId)>,
    reach_marks: ReachMarks,
    dunder_all: DunderAllCollector,
    has_future_annotations: bool,
    star_imports: FxHashMap<ScopeId, Vec<DefinitionId>>,
    /// The value of each `name = <test>` assignment (a comparison, call, `not` or boolean
    /// operation): a later `if name:` narrows what the test would (an aliased condition).
    condition_aliases: FxHashMap<DefinitionId, condition_aliases::ConditionAlias<'a>>,
}

/// How a definition changes the flow state of its target.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum BindingEffect {
    /// Replaces the live bindings.
    Bind,
    /// Adds one possibility (a walrus inside a comprehension).
    BindMaybe,
    /// Declares without binding (`x: int`).
    DeclareOnly,
    /// Unbinds (`del x`).
    Delete,
}

impl<'a> IndexBuilder<'a> {
    fn node_ref<T: HasNodeIndex + TableNode>(&self, node: &'a T) -> AstNodeRef<T> {
        let index = node.node_index().load();
        let position = index.as_u32().expect("the builder visits only numbered nodes");
        self.nodes.borrow_mut().push((position, node.to_slot()));
        AstNodeRef::new(&self.tree, index)
    }

    fn current(&mut self) -> &mut ScopeBuilder {
        self.stack.last_mut().expect("a scope is always open while visiting")
    }

    fn current_scope_id(&self) -> ScopeId {
        self.stack.last().expect("a scope is always open while visiting").id
    }

    /// Note the scope a node is evaluated in (for `scope_of_node`).
    fn note_node(&mut self, node: &impl HasNodeIndex) {
        if let Some(index) = node.node_index().load().as_u32() {
            let scope = self.current_scope_id();
            self.node_scopes.push((index, scope));
        }
    }

    fn push_scope(&mut self, kind: ScopeKind, node: Option<NodeIndex>, name: Option<Name>, range: TextRange) -> ScopeId {
        let reachable = self.stack.last().is_none_or(|scope| !scope.flow.is_unreachable());
        let parent = self.stack.last().map(|scope| scope.id);
        let id = self.scopes.push(Scope { kind, parent, node, name, range, reachable });
        self.finished.push(None);
        if let Some(node) = node {
            self.scopes_by_node.insert(node, id);
        }
        let reach = if reachable { ConstraintId::ALWAYS_TRUE } else { ConstraintId::ALWAYS_FALSE };
        self.stack.push(ScopeBuilder::new(id, reach));
        id
    }

    fn pop_scope(&mut self) {
        let scope = self.stack.pop().expect("pop matches push");
        let id = scope.id;
        let is_function = matches!(self.scopes[id].kind, ScopeKind::Function | ScopeKind::Lambda);
        self.finished[id.as_u32() as usize] = Some(finish::finish_scope(scope, is_function));
    }

    fn finish(self) -> SemanticIndex {
        let mut symbol_tables = IndexVec::new();
        let mut use_def_maps = IndexVec::new();
        for finished in self.finished {
            let (table, use_def) = finished.expect("every scope is finished");
            symbol_tables.push(Arc::new(table));
            use_def_maps.push(Arc::new(use_def));
        }
        let mut node_scopes = self.node_scopes;
        node_scopes.sort_unstable_by_key(|(index, _)| *index);
        node_scopes.dedup_by(|next, previous| next.1 == previous.1);
        let dunder_all = self.dunder_all.finish();
        let mut symbol_tables: IndexVec<ScopeId, Arc<SymbolTable>> = symbol_tables;
        if let Some(names) = &dunder_all {
            let module = Arc::make_mut(&mut symbol_tables[ScopeId::MODULE]);
            for name in names.iter() {
                if let Some(symbol) = module.symbol_id(name) {
                    module.add_flags(symbol, SymbolFlags::IN_DUNDER_ALL);
                }
            }
        }
        let mut definitions = self.definitions;
        definitions.shrink_to_fit();
        let mut children: IndexVec<ScopeId, Vec<ScopeId>> = self.scopes.iter().map(|_| Vec::new()).collect();
        for (id, scope) in self.scopes.iter_enumerated() {
            if let Some(parent) = scope.parent {
                children[parent].push(id);
            }
        }
        SemanticIndex {
            tree: self.tree,
            is_stub: self.is_stub,
            scopes: self.scopes,
            children: children.iter().map(|list| Box::from(list.as_slice())).collect(),
            symbol_tables,
            use_def_maps,
            definitions,
            predicates: self.predicates,
            scopes_by_node: self.scopes_by_node,
            definitions_by_node: self.definitions_by_node,
            node_scopes: node_scopes.into_boxed_slice(),
            reachability: self.reach_marks.finish(),
            dunder_all,
            has_future_annotations: self.has_future_annotations,
            annotations_deferred: self.has_future_annotations || self.truth.defers_annotations(),
            star_imports: self.star_imports.into_iter().map(|(scope, list)| (scope, list.into_boxed_slice())).collect(),
            units: Units::default(),
        }
    }

    fn add_predicate(&mut self, kind: PredicateKind) -> PredicateId {
        let scope = self.current_scope_id();
        self.predicates.push(Predicate { scope, kind })
    }

    /// Add a definition of `slot` in the scope at `depth` of the stack and apply it to that
    /// scope's flow.
    fn add_definition(
        &mut self,
        depth: usize,
        slot: Slot,
        kind: DefinitionKind,
        node: NodeIndex,
        name_range: TextRange,
        effect: BindingEffect,
    ) -> DefinitionId {
        let scope = &self.stack[depth];
        let reachable = !scope.flow.is_unreachable();
        let target = match slot {
            Slot::Symbol(index) => DefinitionTarget::Symbol(SymbolId::from_u32(index)),
            Slot::Place(index) => DefinitionTarget::Place(PlaceId::from_u32(index)),
        };
        let definition = Definition { scope: scope.id, target, kind, node, name_range, reachable };
        let is_declaration = definition.is_declaration();
        let id = self.definitions.push(definition);
        self.definitions_by_node.entry(node).or_default().push(id);
        let scope = &mut self.stack[depth];
        if let Slot::Symbol(index) = slot {
            if effect != BindingEffect::DeclareOnly {
                scope.forget_definition_point_uses(index);
            }
            let symbol = SymbolId::from_u32(index);
            let mut flags = match effect {
                BindingEffect::DeclareOnly => SymbolFlags::empty(),
                _ => SymbolFlags::BOUND,
            };
            if is_declaration {
                flags |= SymbolFlags::DECLARED;
            }
            scope.table.add_flags(symbol, flags);
            if is_declaration && reachable {
                scope.record_declaration(symbol, id);
            }
        }
        match effect {
            BindingEffect::Bind => scope.bind(slot, FlowBinding::Definition(id)),
            BindingEffect::BindMaybe => scope.bind_maybe(slot, FlowBinding::Definition(id)),
            BindingEffect::DeclareOnly => {}
            BindingEffect::Delete => scope.bind(slot, FlowBinding::Deleted(id)),
        }
        id
    }

    /// Define a plain name in the current scope.
    fn define_name(
        &mut self,
        name: &Name,
        flags: SymbolFlags,
        kind: DefinitionKind,
        node: NodeIndex,
        name_range: TextRange,
        effect: BindingEffect,
    ) -> DefinitionId {
        let symbol = self.current().add_symbol(name, flags);
        let depth = self.stack.len() - 1;
        self.add_definition(depth, Slot::Symbol(symbol.as_u32()), kind, node, name_range, effect)
    }

    /// Join states of the current scope; an empty list is unreachable.
    fn merge_states(&mut self, states: Vec<FlowState>) -> FlowState {
        let mut states = states.into_iter();
        match states.next() {
            Some(first) => self.current().merge_all(first, states),
            None => self.current().flow.unreachable(),
        }
    }

    /// Record a load of a name in the current scope.
    fn record_name_load(&mut self, name: &ast::ExprName) {
        let symbol = self.current().add_symbol(&name.id, SymbolFlags::USED);
        let node = name.node_index.load();
        self.current().record_use(node, Slot::Symbol(symbol.as_u32()));
        self.record_enclosing_snapshot(&name.id, node);
        self.record_definition_point_snapshot(&name.id, node);
        // Past a load of a function's local (a name the function has bound by this point),
        // the local is bound: a possibly unbound name is reported once per path, not at every
        // later use. A name not bound yet may be a closure variable or a global, and in a
        // module or class body an unbound name falls back to the builtins or the module.
        let kind = self.scopes[self.current_scope_id()].kind;
        let symbol_data = self.current().table.symbol(symbol);
        let local = symbol_data.is_bound() && !symbol_data.is_global() && !symbol_data.is_nonlocal();
        if matches!(kind, ScopeKind::Function | ScopeKind::Lambda) && local {
            self.current().assume_bound_after_load(Slot::Symbol(symbol.as_u32()));
        }
    }

    /// A comprehension, class body or type-parameter list runs as soon as it is reached, so
    /// a name it reads from an enclosing scope has the value (and narrowing) of that point,
    /// not the enclosing scope's final one. Record the enclosing scope's bindings there, as
    /// a use (keyed by the inner load) in the enclosing scope's use-def map.
    fn record_enclosing_snapshot(&mut self, name: &Name, node: NodeIndex) {
        let current = self.stack.len() - 1;
        let mut child_kind = self.scopes[self.stack[current].id].kind;
        if !matches!(child_kind, ScopeKind::Comprehension | ScopeKind::Class | ScopeKind::TypeParams) {
            return;
        }
        let bound_here = self.stack[current].table.symbol_by_name(name).is_some_and(|symbol| symbol.is_bound());
        if child_kind == ScopeKind::Comprehension && bound_here {
            return;
        }
        for depth in (0..current).rev() {
            let kind = self.scopes[self.stack[depth].id].kind;
            let visible = kind != ScopeKind::Class || child_kind.is_annotation_scope();
            // A function may bind the name only later: then it is unbound where the inner
            // scope runs (a symbol the function never binds is ignored by name resolution).
            let runs_later = kind.is_function_like() && !kind.is_eager();
            if visible {
                match self.stack[depth].table.symbol_id(name) {
                    Some(symbol) => {
                        let symbol_data = self.stack[depth].table.symbol(symbol);
                        if symbol_data.is_global() || symbol_data.is_nonlocal() {
                            return;
                        }
                        if symbol_data.is_local() || runs_later {
                            self.stack[depth].record_use(node, Slot::Symbol(symbol.as_u32()));
                            return;
                        }
                    }
                    None if runs_later => {
                        let symbol = self.stack[depth].add_symbol(name, SymbolFlags::empty());
                        self.stack[depth].record_use(node, Slot::Symbol(symbol.as_u32()));
                        return;
                    }
                    None => {}
                }
            }
            if !kind.is_eager() || kind == ScopeKind::Module {
                return;
            }
            child_kind = kind;
        }
    }

    fn is_unreachable(&self) -> bool {
        self.stack.last().is_some_and(|scope| scope.flow.is_unreachable())
    }
}

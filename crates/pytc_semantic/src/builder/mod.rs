//! Builds a `SemanticIndex` in one walk over a module's AST: scopes and symbol tables,
//! definitions, flow-sensitive use-def maps with narrowing predicates, and reachability.
//!
//! The walk threads a `FlowState` (the live bindings of every symbol and place) through the
//! control flow of each scope, snapshotting and joining it at branches; loops get a
//! loop-header placeholder that is replaced by the back-edge bindings when the scope ends.

mod dunder_all;
mod expressions;
mod finish;
mod flow;
mod reach_marks;
mod scope_builder;
mod statements;
mod targets;

use std::sync::Arc;

use pytc_syntax::ast::name::Name;
use pytc_syntax::ast::{self, Expr, HasNodeIndex, NodeIndex};
use pytc_syntax::{ParsedModule, TextRange};
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
use crate::symbol::{Place, PlaceSegment, SymbolFlags, SymbolTable};
use crate::use_def::UseDefMap;

/// Build the index of `parsed` for the given target.
pub(crate) fn build_index(parsed: &ParsedModule, is_stub: bool, truth: StaticTruth) -> SemanticIndex {
    let module = parsed.syntax();
    // Rough sizes from typeshed and typical code, to avoid regrowing the big tables.
    let source_length = usize::from(module.range.len());
    let mut builder = IndexBuilder {
        parsed,
        shared_parsed: Arc::new(parsed.clone()),
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
    };
    builder.push_scope(ScopeKind::Module, None, None, module.range);
    builder.visit_body(&module.body);
    builder.pop_scope();
    builder.finish()
}

pub(crate) struct IndexBuilder<'a> {
    parsed: &'a ParsedModule,
    /// One shared handle on the module for every `AstNodeRef` the index hands out.
    shared_parsed: Arc<ParsedModule>,
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
    fn node_ref<T>(&self, node: &'a T) -> AstNodeRef<T> {
        // SAFETY: every node the builder visits is borrowed from `self.parsed`'s tree, which
        // `shared_parsed` shares.
        unsafe { AstNodeRef::new(&self.shared_parsed, node) }
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
        SemanticIndex {
            parsed: self.parsed.clone(),
            is_stub: self.is_stub,
            scopes: self.scopes,
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
            star_imports: self.star_imports.into_iter().map(|(scope, list)| (scope, list.into_boxed_slice())).collect(),
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

    /// The place an expression names (`x.y`, `x[0]`, `x.y["k"]`), registering it in the
    /// current scope; `None` for anything else (and for a bare name).
    fn place_of(&mut self, expr: &Expr) -> Option<PlaceId> {
        let place = self.place_expression(expr)?;
        Some(self.current().add_place(place))
    }

    /// Like `place_of`, without registering: `None` unless the place already exists.
    fn existing_place_of(&mut self, expr: &Expr) -> Option<PlaceId> {
        let place = self.place_expression(expr)?;
        self.current().table.place_id(&place)
    }

    fn place_expression(&mut self, expr: &Expr) -> Option<Place> {
        let mut segments: SmallVec<[PlaceSegment; 2]> = SmallVec::new();
        let mut current = expr;
        loop {
            match current {
                Expr::Attribute(attribute) => {
                    segments.push(PlaceSegment::Attribute(attribute.attr.id.clone()));
                    current = &attribute.value;
                }
                Expr::Subscript(subscript) => {
                    let segment = match &*subscript.slice {
                        Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(int), .. }) => {
                            PlaceSegment::IntSubscript(int.as_i64()?)
                        }
                        Expr::UnaryOp(ast::ExprUnaryOp { op: ast::UnaryOp::USub, operand, .. }) => match &**operand {
                            Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(int), .. }) => {
                                PlaceSegment::IntSubscript(-int.as_i64()?)
                            }
                            _ => return None,
                        },
                        Expr::StringLiteral(literal) => PlaceSegment::StrSubscript(literal.value.to_str().into()),
                        _ => return None,
                    };
                    segments.push(segment);
                    current = &subscript.value;
                }
                Expr::Name(name) => {
                    if segments.is_empty() {
                        return None;
                    }
                    segments.reverse();
                    let root = self.current().add_symbol(&name.id, SymbolFlags::empty());
                    return Some(Place { root, segments });
                }
                _ => return None,
            }
        }
    }

    /// The symbols and places a test expression may narrow: every name and place in it
    /// (outside nested scopes), including walrus targets.
    fn narrowing_slots(&mut self, test: &Expr) -> SmallVec<[Slot; 4]> {
        let mut slots = SmallVec::new();
        let mut pending: Vec<&Expr> = vec![test];
        while let Some(expr) = pending.pop() {
            match expr {
                Expr::Name(name) => {
                    if let Some(symbol) = self.current().table.symbol_id(&name.id) {
                        push_unique(&mut slots, Slot::Symbol(symbol.as_u32()));
                    }
                }
                Expr::Attribute(_) | Expr::Subscript(_) => {
                    if let Some(place) = self.place_of(expr) {
                        push_unique(&mut slots, Slot::Place(place.as_u32()));
                    }
                    match expr {
                        Expr::Attribute(attribute) => pending.push(&attribute.value),
                        Expr::Subscript(subscript) => {
                            pending.push(&subscript.value);
                            pending.push(&subscript.slice);
                        }
                        _ => {}
                    }
                }
                Expr::Lambda(_) | Expr::ListComp(_) | Expr::SetComp(_) | Expr::DictComp(_) | Expr::Generator(_) => {}
                Expr::Named(named) => {
                    pending.push(&named.target);
                    pending.push(&named.value);
                }
                Expr::Call(call) => {
                    pending.push(&call.func);
                    pending.extend(call.arguments.args.iter());
                    pending.extend(call.arguments.keywords.iter().map(|keyword| &keyword.value));
                }
                Expr::Compare(compare) => {
                    pending.push(&compare.left);
                    pending.extend(compare.comparators.iter());
                }
                Expr::UnaryOp(unary) => pending.push(&unary.operand),
                Expr::BoolOp(bool_op) => pending.extend(bool_op.values.iter()),
                Expr::BinOp(bin_op) => {
                    pending.push(&bin_op.left);
                    pending.push(&bin_op.right);
                }
                Expr::Tuple(tuple) => pending.extend(tuple.elts.iter()),
                Expr::List(list) => pending.extend(list.elts.iter()),
                Expr::Set(set) => pending.extend(set.elts.iter()),
                Expr::Starred(starred) => pending.push(&starred.value),
                Expr::Await(await_expr) => pending.push(&await_expr.value),
                _ => {}
            }
        }
        slots
    }

    /// Split the current flow into the states where `test` is true and false, visiting the
    /// test on the way. `and`/`or`/`not` are followed structurally, so later operands see the
    /// narrowing of earlier ones; statically known conditions prune a branch.
    fn visit_test(&mut self, test: &'a Expr) -> (FlowState, FlowState) {
        match test {
            Expr::UnaryOp(unary) if unary.op == ast::UnaryOp::Not => {
                self.note_node(test);
                let (when_true, when_false) = self.visit_test(&unary.operand);
                (when_false, when_true)
            }
            Expr::BoolOp(bool_op) => {
                self.note_node(test);
                let is_and = bool_op.op == ast::BoolOp::And;
                let mut exits = Vec::new();
                for (position, value) in bool_op.values.iter().enumerate() {
                    let (when_true, when_false) = self.visit_test(value);
                    let last = position + 1 == bool_op.values.len();
                    let (continue_with, exit) = if is_and { (when_true, when_false) } else { (when_false, when_true) };
                    exits.push(exit);
                    if last {
                        let short_circuit = self.merge_states(exits);
                        return if is_and { (continue_with, short_circuit) } else { (short_circuit, continue_with) };
                    }
                    self.current().flow = continue_with;
                }
                // A boolean operation always has operands; an empty one is truthy-unknown.
                let flow = self.take_flow();
                (flow.clone(), flow)
            }
            _ => {
                self.visit_expr_node(test);
                let flow = self.take_flow();
                match self.truth.evaluate(test) {
                    Some(true) => {
                        let unreachable = flow.unreachable();
                        (flow, unreachable)
                    }
                    Some(false) => {
                        let unreachable = flow.unreachable();
                        (unreachable, flow)
                    }
                    None => {
                        let predicate = self.add_predicate(PredicateKind::Test(self.node_ref(test)));
                        let slots = self.narrowing_slots(test);
                        self.split_on_predicate(flow, predicate, &slots)
                    }
                }
            }
        }
    }

    /// The states after `predicate` holds and after it does not, narrowing `slots`.
    fn split_on_predicate(&mut self, flow: FlowState, predicate: PredicateId, slots: &[Slot]) -> (FlowState, FlowState) {
        let scope = self.current();
        let positive = scope.constraints.atom(predicate, false);
        let negative = scope.constraints.atom(predicate, true);
        let mut when_true = flow.clone();
        let mut when_false = flow;
        scope.restrict_slots(&mut when_true, slots, positive);
        scope.restrict_slots(&mut when_false, slots, negative);
        (when_true, when_false)
    }

    /// Join states of the current scope; an empty list is unreachable.
    fn merge_states(&mut self, states: Vec<FlowState>) -> FlowState {
        let mut states = states.into_iter();
        match states.next() {
            Some(first) => self.current().merge_all(first, states),
            None => self.current().flow.unreachable(),
        }
    }

    /// Join the ends of the branches of a test (`if`/`elif`/`else`, a conditional
    /// expression, a boolean operation used as a value). `before` is the state before the
    /// test (`None` when the test is statically known); each branch is its start state
    /// (`None` when nothing ran in it) and its end state. A slot that no branch touched gets
    /// its state from before the test back: the branch conditions together are exhaustive,
    /// so their narrowings cancel out.
    fn merge_branches(&mut self, before: Option<FlowState>, branches: Vec<(Option<FlowState>, FlowState)>) -> FlowState {
        let restorable = before.as_ref().is_some_and(|before| {
            !before.is_unreachable() && branches.iter().all(|(_, end)| end.reach == before.reach)
        });
        let Some(mut before) = before.filter(|_| restorable) else {
            let ends = branches.into_iter().map(|(_, end)| end).collect();
            return self.merge_states(ends);
        };
        let scope = self.current();
        scope.complete(&mut before);
        let slot_count = before.symbols.len() + before.places.len();
        let slots = || {
            (0..before.symbols.len() as u32).map(Slot::Symbol).chain((0..before.places.len() as u32).map(Slot::Place))
        };
        // Which slots kept, through every branch, the bindings they had before the test.
        let mut untouched = vec![true; slot_count];
        let mut ends = Vec::with_capacity(branches.len());
        for (start, mut end) in branches {
            scope.complete(&mut end);
            let mut start = start.unwrap_or_else(|| end.clone());
            scope.complete(&mut start);
            for (position, slot) in slots().enumerate() {
                if untouched[position] {
                    let start_state = start.slot(slot).expect("completed");
                    untouched[position] = start_state == end.slot(slot).expect("completed")
                        && same_bindings(start_state, before.slot(slot).expect("completed"));
                }
            }
            ends.push(end);
        }
        let mut merged = self.merge_states(ends);
        if merged.is_unreachable() {
            return merged;
        }
        self.current().complete(&mut merged);
        for (position, slot) in slots().enumerate() {
            if untouched[position] {
                *merged.slot_mut(slot) = before.slot(slot).expect("completed").clone();
            }
        }
        merged
    }

    /// Record a load of a name in the current scope.
    fn record_name_load(&mut self, name: &ast::ExprName) {
        let symbol = self.current().add_symbol(&name.id, SymbolFlags::USED);
        let node = name.node_index.load();
        self.current().record_use(node, Slot::Symbol(symbol.as_u32()));
        self.record_enclosing_snapshot(&name.id, node);
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
            if visible && let Some(symbol) = self.stack[depth].table.symbol_id(name) {
                let symbol_data = self.stack[depth].table.symbol(symbol);
                if symbol_data.is_global() || symbol_data.is_nonlocal() {
                    return;
                }
                if symbol_data.is_local() {
                    self.stack[depth].record_use(node, Slot::Symbol(symbol.as_u32()));
                    return;
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

/// True when two slot states hold the same bindings (whatever their constraints).
fn same_bindings(a: &flow::SlotState, b: &flow::SlotState) -> bool {
    a.bindings.len() == b.bindings.len()
        && a.bindings.iter().all(|entry| b.bindings.iter().any(|other| other.binding == entry.binding))
}

fn push_unique(slots: &mut SmallVec<[Slot; 4]>, slot: Slot) {
    if !slots.contains(&slot) {
        slots.push(slot);
    }
}

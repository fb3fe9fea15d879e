//! The attributes a class's methods reach through their receiver (`self.x`, or `cls.x` in a
//! class method, which sets an attribute of the class object), found in one
//! pass over the class: where each appears (so inferring one reads only its own places, not
//! every method's table once per attribute), and which of them are assigned from one
//! another in rings too large to follow.
//!
//! A ring (`self.a = self.b` in one method, `self.b = self.a` in another) makes the inference
//! of each member wait on the others: the members are iterated together to a fixpoint
//! (`member_fixpoint`), at a cost that grows with the square of the ring's length (each
//! member of the cycle keeps the dependencies of those it waited on). A ring of more than
//! `MAX_FOLLOWED_RING` attributes is not followed: its members are `Unknown` unless declared.
//! The rings are read from the syntax, each assignment's value naming the attributes and
//! local names it reads (`self.a = self.b + 1` reads `b`, as do `self.a = other.b` and
//! `t = self.b; self.a = t`), so finding them infers nothing.

use pytc_db::Db;
use pytc_semantic::{DefinitionId, DefinitionKind, PlaceId, PlaceSegment, ScopeId, ScopeKind};
use pytc_syntax::ast::{self, HasNodeIndex};
use ruff_python_ast::visitor::{Visitor, walk_expr, walk_stmt};
use rustc_hash::FxHashMap;

use crate::types::ClassLiteral;

/// The most attributes a ring of assignments may hold and still be inferred. Real classes
/// have rings of a few attributes (state swapped between two fields); iterating one of this
/// size to its fixpoint takes a few milliseconds.
const MAX_FOLLOWED_RING: usize = 64;

/// One attribute reached through the receiver of a class's methods.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub(crate) struct SelfAttribute {
    pub(crate) name: Box<str>,
    /// The places `<receiver>.<name>` as (scope, place) of each method or nested function
    /// that has one, in the order of the scopes.
    pub(crate) places: Vec<(u32, u32)>,
    /// Whether a method itself (not a function nested in it) has such a place.
    pub(crate) in_method: bool,
    /// Assigned in a ring of more than `MAX_FOLLOWED_RING` attributes.
    pub(crate) in_unfollowed_ring: bool,
    /// Assigned through the class object a class method or `__new__` receives
    /// (`cls.lock = RLock()`): an attribute of the class itself, not only of its instances.
    pub(crate) assigned_through_class: bool,
    /// The definitions of the annotations without a value a method writes for it
    /// (`self.protocol: ClientProtocol` before `super().__init__(protocol)`): declarations
    /// that bind nothing, so no use or end of the method sees them.
    pub(crate) bare_declarations: Vec<u32>,
}

impl SelfAttribute {
    /// The places as ids.
    pub(crate) fn place_ids(&self) -> impl Iterator<Item = (ScopeId, PlaceId)> + '_ {
        self.places.iter().map(|&(scope, place)| (ScopeId::from_u32(scope), PlaceId::from_u32(place)))
    }

    /// The bare declarations as ids.
    pub(crate) fn bare_declaration_ids(&self) -> impl Iterator<Item = DefinitionId> + '_ {
        self.bare_declarations.iter().map(|&definition| DefinitionId::from_u32(definition))
    }
}

/// Every attribute a class's methods reach through their receiver, in order of first
/// appearance.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, salsa::SalsaValue)]
pub(crate) struct SelfAttributes {
    attributes: Vec<SelfAttribute>,
    /// Positions in `attributes`, sorted by name.
    by_name: Vec<u32>,
}

impl SelfAttributes {
    pub(crate) fn get(&self, name: &str) -> Option<&SelfAttribute> {
        let position = self.by_name.binary_search_by(|&i| (*self.attributes[i as usize].name).cmp(name)).ok()?;
        Some(&self.attributes[self.by_name[position] as usize])
    }

    pub(crate) fn iter(&self) -> impl Iterator<Item = &SelfAttribute> {
        self.attributes.iter()
    }
}

/// The receiver attributes of `class`'s methods. A query: every member lookup reads it.
#[salsa::tracked(returns(ref))]
pub(crate) fn self_attributes<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> SelfAttributes {
    let Some(class_scope) = crate::class::members::class_body_scope(db, class) else { return SelfAttributes::default() };
    let file = class.file(db);
    let index = crate::semantic::class_index(db, class);
    let mut attributes: Vec<SelfAttribute> = Vec::new();
    let mut positions: FxHashMap<Box<str>, usize> = FxHashMap::default();
    let mut ring_edges = RingEdges::default();
    // The places reached through a class method's receiver, with their attribute's position.
    let mut class_receiver_places: FxHashMap<(ScopeId, PlaceId), usize> = FxHashMap::default();
    // `<receiver>.<name>: T` without a value in the methods, as (name, target node).
    let mut bare_declarations: Vec<(&str, ast::NodeIndex)> = Vec::new();
    for method_scope in index.child_scopes(class_scope) {
        if index.scope(method_scope).kind != ScopeKind::Function {
            continue;
        }
        let Some((receiver, function)) = receiver_of(db, file, method_scope) else { continue };
        let receives_class = receives_class(function);
        ring_edges.walk_method(receiver.clone(), &function.body);
        let bare = receiver_declarations(&receiver, &function.body).into_iter().filter(|declaration| declaration.value.is_none());
        bare_declarations.extend(bare.filter_map(|declaration| {
            let ast::Expr::Attribute(attribute) = &*declaration.target else { return None };
            Some((attribute.attr.as_str(), declaration.target.node_index().load()))
        }));
        // The method and the functions nested in it that use its receiver as a free variable
        // (`def try_body(): self.next_reg = ...` inside a method).
        let mut pending = vec![method_scope];
        while let Some(scope) = pending.pop() {
            let table = index.symbol_table(scope);
            if let Some(root) = table.symbol_id(&receiver) {
                for (place_id, place) in table.places() {
                    if place.root != root || place.segments.len() != 1 {
                        continue;
                    }
                    let PlaceSegment::Attribute(attribute) = &place.segments[0] else { continue };
                    let position = *positions.entry(Box::from(attribute.as_str())).or_insert_with(|| {
                        attributes.push(SelfAttribute {
                            name: Box::from(attribute.as_str()),
                            places: Vec::new(),
                            in_method: false,
                            in_unfollowed_ring: false,
                            assigned_through_class: false,
                            bare_declarations: Vec::new(),
                        });
                        attributes.len() - 1
                    });
                    if receives_class {
                        class_receiver_places.insert((scope, place_id), position);
                    }
                    attributes[position].places.push((scope.as_u32(), place_id.as_u32()));
                    attributes[position].in_method |= scope == method_scope;
                }
            }
            for nested in index.child_scopes(scope) {
                let table = index.symbol_table(nested);
                let free_receiver = table.symbol_id(&receiver).is_some_and(|symbol| !table.symbol(symbol).is_local());
                if matches!(index.scope(nested).kind, ScopeKind::Function | ScopeKind::Lambda) && free_receiver {
                    pending.push(nested);
                }
            }
        }
    }
    if !class_receiver_places.is_empty() {
        for (_, definition) in index.definitions() {
            if let pytc_semantic::DefinitionTarget::Place(place) = definition.target
                && let Some(&position) = class_receiver_places.get(&(definition.scope, place))
            {
                attributes[position].assigned_through_class = true;
            }
        }
    }
    for (name, node) in bare_declarations {
        let Some(&position) = positions.get(name) else { continue };
        for &definition in index.definitions_for_node(node) {
            if index.definition(definition).reachable {
                attributes[position].bare_declarations.push(definition.as_u32());
            }
        }
    }
    for position in ring_edges.members_of_large_rings(&positions) {
        attributes[position].in_unfollowed_ring = true;
    }
    let mut by_name: Vec<u32> = (0..attributes.len() as u32).collect();
    by_name.sort_unstable_by(|&a, &b| attributes[a as usize].name.cmp(&attributes[b as usize].name));
    SelfAttributes { attributes, by_name }
}

/// The name of the receiver (the first parameter) of the method that opens `scope`, with its
/// definition; `None` for a static method or one without parameters.
pub(crate) fn receiver_of(db: &dyn Db, file: pytc_db::File, scope: ScopeId) -> Option<(String, &ast::StmtFunctionDef)> {
    let index = pytc_semantic::scope_index(db, file, scope);
    let node = index.scope(scope).node?;
    let definition = *index.definitions_for_node(node).first()?;
    let DefinitionKind::Function(function) = &index.definition(definition).kind else { return None };
    let function = function.node();
    let parameters = &function.parameters;
    let first = parameters.posonlyargs.first().or_else(|| parameters.args.first())?;
    let is_static = function.decorator_list.iter().any(|d| matches!(&d.expression, ast::Expr::Name(n) if n.id.as_str() == "staticmethod"));
    if is_static {
        return None;
    }
    Some((first.parameter.name.to_string(), function))
}

/// Whether a method's receiver is the class object: a `@classmethod`, or a method Python
/// makes one implicitly (`__init_subclass__`, `__class_getitem__`), or `__new__`.
fn receives_class(function: &ast::StmtFunctionDef) -> bool {
    matches!(function.name.as_str(), "__new__" | "__init_subclass__" | "__class_getitem__")
        || function.decorator_list.iter().any(|d| matches!(&d.expression, ast::Expr::Name(n) if n.id.as_str() == "classmethod"))
}

/// The annotations a method body writes through its receiver (`self.x: int`, with a value
/// or without), outside the functions and classes nested in it.
pub(crate) fn receiver_declarations<'a>(receiver: &str, body: &'a [ast::Stmt]) -> Vec<&'a ast::StmtAnnAssign> {
    let mut declarations = ReceiverDeclarations { receiver, found: Vec::new() };
    declarations.visit_body(body);
    declarations.found
}

struct ReceiverDeclarations<'r, 'a> {
    receiver: &'r str,
    found: Vec<&'a ast::StmtAnnAssign>,
}

impl<'a> Visitor<'a> for ReceiverDeclarations<'_, 'a> {
    fn visit_stmt(&mut self, statement: &'a ast::Stmt) {
        match statement {
            ast::Stmt::FunctionDef(_) | ast::Stmt::ClassDef(_) => {}
            ast::Stmt::AnnAssign(assign) => {
                if let ast::Expr::Attribute(attribute) = &*assign.target
                    && matches!(&*attribute.value, ast::Expr::Name(name) if name.id.as_str() == self.receiver)
                {
                    self.found.push(assign);
                }
            }
            _ => pytc_syntax::ensure_stack(|| walk_stmt(self, statement)),
        }
    }

    fn visit_expr(&mut self, _expression: &'a ast::Expr) {}
}

/// What each assignment in the methods reads: the attributes a statement assigns through
/// the receiver, and the local names it assigns (`t = self.b; self.a = t` passes `b` to
/// `a` through `t`), depend on the attribute and local names its value mentions.
#[derive(Default)]
struct RingEdges {
    receiver: String,
    /// Counts the methods walked, so local names of different methods are different nodes.
    method: u32,
    statements: Vec<AssignmentNames>,
}

/// The names one assignment statement writes and reads.
struct AssignmentNames {
    method: u32,
    assigned_attributes: Vec<Box<str>>,
    assigned_locals: Vec<Box<str>>,
    read_attributes: Vec<Box<str>>,
    read_locals: Vec<Box<str>>,
}

impl RingEdges {
    /// Walk one method's body.
    fn walk_method(&mut self, receiver: String, body: &[ast::Stmt]) {
        self.receiver = receiver;
        self.method += 1;
        self.visit_body(body);
    }

    fn record(&mut self, targets: &[&ast::Expr], value: Option<&ast::Expr>) {
        let mut statement = AssignmentNames {
            method: self.method,
            assigned_attributes: Vec::new(),
            assigned_locals: Vec::new(),
            read_attributes: Vec::new(),
            read_locals: Vec::new(),
        };
        for target in targets {
            self.assigned_names(target, &mut statement);
        }
        if let Some(value) = value {
            let mut read = ReadNames { statement: &mut statement };
            read.visit_expr(value);
        }
        self.statements.push(statement);
    }

    /// The attributes (`self.x`) and local names `target` assigns.
    fn assigned_names(&self, target: &ast::Expr, out: &mut AssignmentNames) {
        match target {
            ast::Expr::Attribute(attribute) if matches!(&*attribute.value, ast::Expr::Name(name) if name.id.as_str() == self.receiver) => {
                out.assigned_attributes.push(Box::from(attribute.attr.as_str()));
            }
            ast::Expr::Name(name) => out.assigned_locals.push(Box::from(name.id.as_str())),
            ast::Expr::Tuple(tuple) => tuple.elts.iter().for_each(|element| self.assigned_names(element, out)),
            ast::Expr::List(list) => list.elts.iter().for_each(|element| self.assigned_names(element, out)),
            ast::Expr::Starred(starred) => self.assigned_names(&starred.value, out),
            _ => {}
        }
    }

    /// The positions of the attributes in strongly connected groups of more than
    /// `MAX_FOLLOWED_RING` (Tarjan's algorithm, without recursion).
    fn members_of_large_rings(&self, positions: &FxHashMap<Box<str>, usize>) -> Vec<usize> {
        // Attributes are nodes `0..attributes`, then each statement and each local name a
        // method assigns (so a statement assigning many names from many others adds edges in
        // proportion).
        let attributes = positions.len();
        let mut count = attributes + self.statements.len();
        let mut locals: FxHashMap<(u32, &str), usize> = FxHashMap::default();
        for statement in &self.statements {
            for name in &statement.assigned_locals {
                locals.entry((statement.method, name)).or_insert_with(|| {
                    count += 1;
                    count - 1
                });
            }
        }
        let mut successors: Vec<Vec<usize>> = vec![Vec::new(); count];
        for (position, statement) in self.statements.iter().enumerate() {
            let node = attributes + position;
            let assigned_attributes = statement.assigned_attributes.iter().filter_map(|name| positions.get(name).copied());
            let assigned_locals = statement.assigned_locals.iter().filter_map(|name| locals.get(&(statement.method, &**name)).copied());
            for target in assigned_attributes.chain(assigned_locals) {
                successors[target].push(node);
            }
            successors[node].extend(statement.read_attributes.iter().filter_map(|name| positions.get(name).copied()));
            successors[node].extend(statement.read_locals.iter().filter_map(|name| locals.get(&(statement.method, &**name)).copied()));
        }
        const UNVISITED: usize = usize::MAX;
        let mut order = vec![UNVISITED; count];
        let mut lowlink = vec![0; count];
        let mut on_stack = vec![false; count];
        let mut stack = Vec::new();
        let mut next_order = 0;
        let mut large = Vec::new();
        for root in 0..count {
            if order[root] != UNVISITED {
                continue;
            }
            // (node, index of the next successor to look at)
            let mut walk = vec![(root, 0)];
            order[root] = next_order;
            lowlink[root] = next_order;
            next_order += 1;
            stack.push(root);
            on_stack[root] = true;
            while let Some(&mut (node, ref mut next)) = walk.last_mut() {
                if let Some(&successor) = successors[node].get(*next) {
                    *next += 1;
                    if order[successor] == UNVISITED {
                        order[successor] = next_order;
                        lowlink[successor] = next_order;
                        next_order += 1;
                        stack.push(successor);
                        on_stack[successor] = true;
                        walk.push((successor, 0));
                    } else if on_stack[successor] {
                        lowlink[node] = lowlink[node].min(order[successor]);
                    }
                    continue;
                }
                walk.pop();
                if let Some(&(parent, _)) = walk.last() {
                    lowlink[parent] = lowlink[parent].min(lowlink[node]);
                }
                if lowlink[node] == order[node] {
                    let start = stack.iter().rposition(|&member| member == node).expect("a node being walked is on the stack");
                    let group = stack.split_off(start);
                    for &member in &group {
                        on_stack[member] = false;
                    }
                    if group.iter().filter(|&&member| member < attributes).count() > MAX_FOLLOWED_RING {
                        large.extend(group.into_iter().filter(|&member| member < attributes));
                    }
                }
            }
        }
        large
    }
}

impl<'a> Visitor<'a> for RingEdges {
    fn visit_stmt(&mut self, statement: &'a ast::Stmt) {
        match statement {
            ast::Stmt::Assign(assign) => self.record(&assign.targets.iter().collect::<Vec<_>>(), Some(&assign.value)),
            ast::Stmt::AugAssign(assign) => self.record(&[&assign.target], Some(&assign.value)),
            ast::Stmt::AnnAssign(assign) => self.record(&[&assign.target], assign.value.as_deref()),
            ast::Stmt::For(for_statement) => self.record(&[&for_statement.target], Some(&for_statement.iter)),
            ast::Stmt::With(with) => {
                for item in &with.items {
                    if let Some(target) = &item.optional_vars {
                        self.record(&[target], Some(&item.context_expr));
                    }
                }
            }
            _ => {}
        }
        pytc_syntax::ensure_stack(|| walk_stmt(self, statement));
    }

    // Expressions assign no attribute; their reads are collected per statement.
    fn visit_expr(&mut self, _expression: &'a ast::Expr) {}
}

/// The attribute names (`x.name`, at any depth) and plain names an expression reads.
struct ReadNames<'s> {
    statement: &'s mut AssignmentNames,
}

impl<'a> Visitor<'a> for ReadNames<'_> {
    fn visit_expr(&mut self, expression: &'a ast::Expr) {
        match expression {
            ast::Expr::Attribute(attribute) => self.statement.read_attributes.push(Box::from(attribute.attr.as_str())),
            ast::Expr::Name(name) => self.statement.read_locals.push(Box::from(name.id.as_str())),
            _ => {}
        }
        pytc_syntax::ensure_stack(|| walk_expr(self, expression));
    }
}

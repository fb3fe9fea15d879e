//! Check units: the pieces of a file whose inference can be reused across edits.
//!
//! Each top-level statement of a module is a unit, together with every scope nested in it
//! (a class and its methods, a function and its closures). The module's own tables — the
//! symbol table, the use-def map, the text of the module-level narrowing conditions, and
//! the file-wide facts (`__all__`, `from __future__ import annotations`, star imports,
//! stub-ness) — form the *skeleton*, which every unit can see.
//!
//! A unit's fingerprint hashes everything the type layer may read from the index while
//! inferring that unit: its source text, the first node index and the first scope,
//! definition and predicate id allocated in it, the static reachability of its range
//! (measured from the unit's start), and the skeleton's fingerprint. Two indexes whose
//! fingerprints for a unit agree answer every lookup about that unit alike, up to where the
//! unit starts, so a query that read only that unit (and the skeleton) through `unit_index`
//! keeps its result.
//!
//! Where the unit starts is left out: text that only moves (a line above it grew) leaves
//! the fingerprint as it was. The price is that a value kept across edits must not hold an
//! absolute position: it holds a [`UnitRange`] (a range measured from the start of the unit
//! it lies in), made absolute only when it is reported. Ids are still absolute: an edit that
//! adds or removes nodes, scopes, definitions or predicates changes the fingerprint of every
//! unit after it.

use std::hash::{DefaultHasher, Hash, Hasher};

use pytc_syntax::ast::{HasNodeIndex, NodeIndex};
use pytc_syntax::{Ranged, TextRange, TextSize};

use crate::ids::{Idx, ScopeId};
use crate::index::SemanticIndex;
use crate::predicate::PredicateKind;

/// A check unit of one file: a top-level statement, or the module's skeleton.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnitId(u32);

impl UnitId {
    /// The module's own tables and file-wide facts, without any statement's text.
    pub const SKELETON: UnitId = UnitId(u32::MAX);

    /// The unit of the `index`-th top-level statement.
    pub const fn statement(index: u32) -> Self {
        Self(index)
    }

    /// The top-level statement's position in the module body; `None` for the skeleton.
    pub fn statement_index(self) -> Option<usize> {
        (self != Self::SKELETON).then_some(self.0 as usize)
    }
}

/// A source range measured from the start of the check unit it lies in: what a value kept
/// across edits holds instead of an absolute range, so that it stays equal when the unit
/// only moves. [`UnitRange::absolute`] gives the range in the index it is read with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct UnitRange {
    pub unit: UnitId,
    pub relative: TextRange,
}

impl UnitRange {
    /// The unit-relative form of the absolute `range` of `index`'s file.
    pub fn new(index: &SemanticIndex, range: TextRange) -> Self {
        let unit = index.unit_at(range.start());
        Self { unit, relative: range - index.unit_start(unit) }
    }

    /// The absolute range in `index` (an index of the same file as the one it was made
    /// with, where the unit's text is unchanged).
    pub fn absolute(self, index: &SemanticIndex) -> TextRange {
        self.relative + index.unit_start(self.unit)
    }
}

/// Where each top-level statement starts, and the fingerprint of every unit.
#[derive(Debug, Default)]
pub(crate) struct Units {
    statement_starts: Box<[TextSize]>,
    /// The node index of each top-level statement (nodes are numbered in source order, a
    /// statement before its descendants).
    statement_nodes: Box<[u32]>,
    fingerprints: Box<[u128]>,
    skeleton: u128,
}

/// The ids allocated before one top-level statement was indexed.
#[derive(Debug, Clone, Copy, Hash)]
pub(crate) struct IdBases {
    pub scopes: usize,
    pub definitions: usize,
    pub predicates: usize,
}

impl Units {
    /// The unit a source position belongs to.
    pub(crate) fn unit_at(&self, offset: TextSize) -> UnitId {
        statement_before(self.statement_starts.partition_point(|start| *start <= offset))
    }

    /// The unit a node belongs to.
    pub(crate) fn unit_of_node(&self, node: NodeIndex) -> UnitId {
        let Some(node) = node.as_u32() else { return UnitId::SKELETON };
        statement_before(self.statement_nodes.partition_point(|first| *first <= node))
    }

    /// Where a unit starts: its statement's start, or the file's start for the skeleton.
    pub(crate) fn start(&self, unit: UnitId) -> TextSize {
        unit.statement_index().and_then(|index| self.statement_starts.get(index).copied()).unwrap_or_default()
    }

    pub(crate) fn fingerprint(&self, unit: UnitId) -> u128 {
        match unit.statement_index() {
            None => self.skeleton,
            // An id from an older index of the file: no statement has it now.
            Some(index) => self.fingerprints.get(index).copied().unwrap_or(0),
        }
    }

    pub(crate) fn count(&self) -> usize {
        self.statement_starts.len()
    }
}

/// The unit of the last statement among the first `count` (the skeleton when none).
fn statement_before(count: usize) -> UnitId {
    match count {
        0 => UnitId::SKELETON,
        after => UnitId::statement(u32::try_from(after - 1).expect("fewer than 2^32 statements")),
    }
}

/// A 128-bit hash from two differently-seeded SipHash states, so an accidental collision
/// between two versions of a unit is out of reach.
struct Fingerprinter {
    low: DefaultHasher,
    high: DefaultHasher,
}

impl Fingerprinter {
    fn new() -> Self {
        let mut high = DefaultHasher::new();
        0x9e37_79b9_7f4a_7c15_u64.hash(&mut high);
        Self { low: DefaultHasher::new(), high }
    }

    fn add<T: Hash + ?Sized>(&mut self, value: &T) {
        value.hash(&mut self.low);
        value.hash(&mut self.high);
    }

    fn finish(&self) -> u128 {
        (u128::from(self.high.finish()) << 64) | u128::from(self.low.finish())
    }
}

/// Fingerprint every unit of a freshly built index. `bases[i]` are the ids allocated before
/// statement `i` was indexed.
pub(crate) fn compute_units(index: &SemanticIndex, bases: &[IdBases], source: &str) -> Units {
    let parsed = index.parsed_module();
    let body = &parsed.syntax().body;
    let starts: Vec<TextSize> = body.iter().map(|statement| statement.range().start()).collect();
    let skeleton = skeleton_fingerprint(index, &starts, source);
    let mut statement_nodes = Vec::with_capacity(body.len());
    let mut fingerprints = Vec::with_capacity(body.len());
    for (position, statement) in body.iter().enumerate() {
        let range = statement.range();
        let mut hasher = Fingerprinter::new();
        hasher.add(&skeleton);
        hasher.add(&position);
        hasher.add(&statement.node_index().load());
        hasher.add(&bases[position]);
        hasher.add(&source[range]);
        hash_reachability(index, range, &mut hasher);
        statement_nodes.push(statement.node_index().load().as_u32().unwrap_or(u32::MAX));
        fingerprints.push(hasher.finish());
    }
    Units {
        statement_starts: starts.into_boxed_slice(),
        statement_nodes: statement_nodes.into_boxed_slice(),
        fingerprints: fingerprints.into_boxed_slice(), skeleton }
}

/// What any unit may read about the module scope and the file as a whole.
fn skeleton_fingerprint(index: &SemanticIndex, statement_starts: &[TextSize], source: &str) -> u128 {
    let mut hasher = Fingerprinter::new();
    hasher.add(&index.is_stub());
    hasher.add(&index.annotations_deferred());
    hasher.add(&index.dunder_all());
    hasher.add(&index.star_imports(ScopeId::MODULE));
    hasher.add(index.symbol_table(ScopeId::MODULE).as_ref());
    hasher.add(index.use_def_map(ScopeId::MODULE).as_ref());
    // Module-level conditions narrow names for every later statement: their text counts,
    // and where each lies within its statement (not where that statement starts).
    for (id, predicate) in index.predicates() {
        if predicate.scope == ScopeId::MODULE {
            hasher.add(&id.index());
            for (range, node) in predicate_ranges(index, &predicate.kind) {
                let unit = statement_before(statement_starts.partition_point(|start| *start <= range.start()));
                let start = unit.statement_index().map_or(TextSize::default(), |position| statement_starts[position]);
                hasher.add(&unit);
                hasher.add(&(range - start));
                hasher.add(&node);
                hasher.add(&source[range]);
            }
        }
    }
    hasher.finish()
}

/// The source ranges a predicate's evaluation reads, with the node index each starts at.
pub(crate) fn predicate_ranges(index: &SemanticIndex, kind: &PredicateKind) -> Vec<(TextRange, NodeIndex)> {
    fn of(node: &(impl HasNodeIndex + Ranged)) -> (TextRange, NodeIndex) {
        (node.range(), node.node_index().load())
    }
    match kind {
        PredicateKind::Test(test) => vec![of(test.node())],
        PredicateKind::Pattern { subject, case } => {
            let earlier_patterns = case.earlier_cases().iter().map(|earlier| of(&earlier.pattern));
            [of(subject.node()), of(case.case())].into_iter().chain(earlier_patterns).collect()
        }
        PredicateKind::CallReturns { call, .. } => vec![of(call.node())],
        PredicateKind::StarImportProvides(definition) => {
            let definition = index.definition(*definition);
            vec![(definition.name_range, definition.node)]
        }
        PredicateKind::WithSwallowsExceptions(with) => with.items.iter().map(|item| of(&item.context_expr)).collect(),
    }
}

/// The static reachability in force at the start of `range` and every change inside it,
/// at offsets from the start of `range`.
fn hash_reachability(index: &SemanticIndex, range: TextRange, hasher: &mut Fingerprinter) {
    hasher.add(&index.reachability(TextRange::empty(range.start())));
    for (offset, reachability) in index.reachability_marks_within(range) {
        hasher.add(&(*offset - range.start()));
        hasher.add(reachability);
    }
}

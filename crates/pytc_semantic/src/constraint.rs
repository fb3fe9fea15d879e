//! Constraints: hash-consed boolean formulas over predicates, attached to reaching bindings
//! (which narrowing applies on the way) and to reachability.
//!
//! The type layer evaluates a binding's constraint against the binding's type:
//! `Atom` narrows by the predicate (or its negation), `And` applies both in turn, `Or` is the
//! union of both sides; `True` leaves the type alone and `False` is `Never`. `Path` asks
//! only whether a path exists: it is `Never` when its formula rules out every path and
//! leaves the type alone otherwise (it never narrows).

use rustc_hash::FxHashMap;

use crate::ids::{ConstraintId, IndexVec, PredicateId};

/// One node of a constraint formula.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Constraint {
    True,
    False,
    /// The predicate holds (or, when `negated`, does not hold).
    Atom { predicate: PredicateId, negated: bool },
    /// Both hold; `left` was established first on the path.
    And(ConstraintId, ConstraintId),
    /// Either holds (two paths joined).
    Or(ConstraintId, ConstraintId),
    /// A path on which the formula holds exists. Joins attach a path's reachability to the
    /// bindings that came along it this way: the formula's tests say whether the path can
    /// run, but must not narrow a binding made after them.
    Path(ConstraintId),
}

/// How far simplification looks down a chain of `And`s; keeps building linear.
const MAX_SIMPLIFICATION_STEPS: usize = 16;

/// The constraint formulas of one scope.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Constraints {
    nodes: IndexVec<ConstraintId, Constraint>,
}

impl Constraints {
    pub fn get(&self, id: ConstraintId) -> Constraint {
        self.nodes[id]
    }

    pub fn len(&self) -> usize {
        self.nodes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// Every predicate the formula mentions, each once.
    pub fn predicates(&self, id: ConstraintId) -> Vec<PredicateId> {
        let mut found = Vec::new();
        let mut stack = vec![id];
        let mut seen = rustc_hash::FxHashSet::default();
        while let Some(id) = stack.pop() {
            if !seen.insert(id) {
                continue;
            }
            match self.nodes[id] {
                Constraint::True | Constraint::False => {}
                Constraint::Atom { predicate, .. } => {
                    if !found.contains(&predicate) {
                        found.push(predicate);
                    }
                }
                Constraint::And(a, b) | Constraint::Or(a, b) => {
                    stack.push(b);
                    stack.push(a);
                }
                Constraint::Path(inner) => stack.push(inner),
            }
        }
        found
    }
}

/// Builds a scope's constraints, sharing identical sub-formulas and simplifying the
/// patterns control-flow joins produce.
#[derive(Debug)]
pub(crate) struct ConstraintsBuilder {
    nodes: IndexVec<ConstraintId, Constraint>,
    interned: FxHashMap<Constraint, ConstraintId>,
}

impl ConstraintsBuilder {
    pub(crate) fn new() -> Self {
        // `ALWAYS_TRUE` and `ALWAYS_FALSE` are never looked up: `and`/`or` handle them first.
        Self { nodes: [Constraint::True, Constraint::False].into_iter().collect(), interned: FxHashMap::default() }
    }

    fn intern(&mut self, constraint: Constraint) -> ConstraintId {
        if let Some(id) = self.interned.get(&constraint) {
            return *id;
        }
        let id = self.nodes.push(constraint);
        self.interned.insert(constraint, id);
        id
    }

    pub(crate) fn atom(&mut self, predicate: PredicateId, negated: bool) -> ConstraintId {
        self.intern(Constraint::Atom { predicate, negated })
    }

    pub(crate) fn and(&mut self, left: ConstraintId, right: ConstraintId) -> ConstraintId {
        match (left, right) {
            (ConstraintId::ALWAYS_FALSE, _) | (_, ConstraintId::ALWAYS_FALSE) => ConstraintId::ALWAYS_FALSE,
            (ConstraintId::ALWAYS_TRUE, other) | (other, ConstraintId::ALWAYS_TRUE) => other,
            _ if left == right => left,
            _ if self.contradicts(left, right) => ConstraintId::ALWAYS_FALSE,
            _ => self.intern(Constraint::And(left, right)),
        }
    }

    /// "A path where `reach` holds exists" (see [`Constraint::Path`]).
    pub(crate) fn path(&mut self, reach: ConstraintId) -> ConstraintId {
        match reach {
            ConstraintId::ALWAYS_TRUE | ConstraintId::ALWAYS_FALSE => reach,
            _ if matches!(self.nodes[reach], Constraint::Path(_)) => reach,
            _ => self.intern(Constraint::Path(reach)),
        }
    }

    /// Whether every path where `formula` holds is one where `prefix` holds, as far as the
    /// formula's shape shows (`prefix` is `True`, `formula` itself or a conjunct prefix of it).
    pub(crate) fn implies(&self, formula: ConstraintId, prefix: ConstraintId) -> bool {
        prefix == ConstraintId::ALWAYS_TRUE || formula == prefix || self.conjunct_prefix(formula, prefix)
    }

    pub(crate) fn or(&mut self, left: ConstraintId, right: ConstraintId) -> ConstraintId {
        match (left, right) {
            (ConstraintId::ALWAYS_TRUE, _) | (_, ConstraintId::ALWAYS_TRUE) => return ConstraintId::ALWAYS_TRUE,
            (ConstraintId::ALWAYS_FALSE, other) | (other, ConstraintId::ALWAYS_FALSE) => return other,
            _ if left == right => return left,
            _ => {}
        }
        // Absorption: `a or (a and b)` is `a`.
        if self.conjunct_prefix(right, left) {
            return left;
        }
        if self.conjunct_prefix(left, right) {
            return right;
        }
        // Complementary branches: `(c and p) or (c and not p)` is `c`.
        if let (Constraint::And(c1, p1), Constraint::And(c2, p2)) = (self.nodes[left], self.nodes[right])
            && c1 == c2
            && self.are_complementary(p1, p2)
        {
            return c1;
        }
        if self.are_complementary(left, right) {
            return ConstraintId::ALWAYS_TRUE;
        }
        self.intern(Constraint::Or(left, right))
    }

    /// True when `formula` is `prefix and ...` (following left-nested `And`s).
    fn conjunct_prefix(&self, formula: ConstraintId, prefix: ConstraintId) -> bool {
        let mut current = formula;
        for _ in 0..MAX_SIMPLIFICATION_STEPS {
            let Constraint::And(left, _) = self.nodes[current] else { return false };
            if left == prefix {
                return true;
            }
            current = left;
        }
        false
    }

    fn are_complementary(&self, a: ConstraintId, b: ConstraintId) -> bool {
        matches!(
            (self.nodes[a], self.nodes[b]),
            (Constraint::Atom { predicate: p1, negated: n1 }, Constraint::Atom { predicate: p2, negated: n2 })
                if p1 == p2 && n1 != n2
        )
    }

    /// `x and not x` (including `(c and p) and not p`).
    fn contradicts(&self, left: ConstraintId, right: ConstraintId) -> bool {
        let Constraint::Atom { .. } = self.nodes[right] else { return false };
        let mut current = left;
        for _ in 0..MAX_SIMPLIFICATION_STEPS {
            if self.are_complementary(current, right) {
                return true;
            }
            match self.nodes[current] {
                Constraint::And(inner, last) => {
                    if self.are_complementary(last, right) {
                        return true;
                    }
                    current = inner;
                }
                _ => return false,
            }
        }
        false
    }

    pub(crate) fn finish(self) -> Constraints {
        let mut nodes = self.nodes;
        nodes.shrink_to_fit();
        Constraints { nodes }
    }
}

//! `match (left, op, right):` — a tuple display as the subject narrows the names and places
//! it is made of, one position at a time: where `case (str(), "in", str()):` matches, `left`
//! and `right` are `str`; where a case fails whose other positions match anything
//! (`case (int(), _, _):`), `left` is not an `int`.

use pytc_syntax::ast;

use super::expression_is;
use crate::infer::InferContext;
use crate::types::Type;

impl<'db> InferContext<'db> {
    /// `ty` (the type of `target`, one element of the tuple display `subject`) narrowed by
    /// whether `case` was taken; `None` when `subject` is not a tuple display holding
    /// `target` once, without starred elements.
    pub(super) fn narrow_by_tuple_subject_pattern(&mut self, subject: &ast::Expr, case: &ast::MatchCase, positive: bool, ty: Type<'db>, target: &str) -> Option<Type<'db>> {
        let ast::Expr::Tuple(tuple) = subject else { return None };
        if tuple.elts.iter().any(ast::Expr::is_starred_expr) {
            return None;
        }
        let mut positions = tuple.elts.iter().enumerate().filter(|(_, element)| expression_is(element, target)).map(|(index, _)| index);
        let position = positions.next()?;
        if positions.next().is_some() {
            return None;
        }
        let length = tuple.elts.len();
        Some(if positive {
            self.element_where_matched(&case.pattern, length, position, ty)
        } else if case.guard.is_some() {
            ty
        } else {
            self.element_where_failed(&case.pattern, length, position, ty)
        })
    }

    /// The element at `position` of a `length`-tuple where `pattern` matched the tuple.
    fn element_where_matched(&mut self, pattern: &ast::Pattern, length: usize, position: usize, ty: Type<'db>) -> Type<'db> {
        match pattern {
            ast::Pattern::MatchAs(ast::PatternMatchAs { pattern: Some(inner), .. }) => self.element_where_matched(inner, length, position, ty),
            ast::Pattern::MatchOr(or) => {
                let alternatives: Vec<Type<'db>> = or.patterns.iter().map(|alternative| self.element_where_matched(alternative, length, position, ty)).collect();
                Type::union_of(self.db, alternatives)
            }
            ast::Pattern::MatchSequence(sequence) => match element_pattern(sequence, length, position) {
                ElementPattern::Pattern(element) => self.narrow_by_pattern(element, false, true, ty),
                ElementPattern::Any => ty,
                ElementPattern::NeverMatches => Type::Never,
            },
            // A class pattern (`tuple()`), a value, a mapping: nothing said of one element.
            _ => ty,
        }
    }

    /// The element at `position` where `pattern` failed on the tuple: narrowed only when
    /// every other position of the pattern matches anything, so its own sub-pattern failed.
    fn element_where_failed(&mut self, pattern: &ast::Pattern, length: usize, position: usize, ty: Type<'db>) -> Type<'db> {
        match pattern {
            ast::Pattern::MatchAs(ast::PatternMatchAs { pattern: Some(inner), .. }) => self.element_where_failed(inner, length, position, ty),
            // Every alternative failed.
            ast::Pattern::MatchOr(or) => or.patterns.iter().fold(ty, |narrowed, alternative| self.element_where_failed(alternative, length, position, narrowed)),
            ast::Pattern::MatchSequence(sequence) if sequence.patterns.iter().all(|p| !p.is_match_star()) && sequence.patterns.len() == length => {
                let others_match_anything = sequence.patterns.iter().enumerate().all(|(index, other)| index == position || other.is_irrefutable());
                if others_match_anything { self.narrow_by_pattern(&sequence.patterns[position], false, false, ty) } else { ty }
            }
            _ => ty,
        }
    }
}

/// What a sequence pattern asks of one position of a tuple of known length.
enum ElementPattern<'a> {
    /// The sub-pattern at that position.
    Pattern(&'a ast::Pattern),
    /// The position falls in the pattern's starred part: anything.
    Any,
    /// The pattern's length does not fit the tuple's.
    NeverMatches,
}

fn element_pattern(sequence: &ast::PatternMatchSequence, length: usize, position: usize) -> ElementPattern<'_> {
    let patterns = &sequence.patterns;
    match patterns.iter().position(ast::Pattern::is_match_star) {
        None if patterns.len() == length => ElementPattern::Pattern(&patterns[position]),
        None => ElementPattern::NeverMatches,
        Some(star) => {
            let after = patterns.len() - star - 1;
            if star + after > length {
                ElementPattern::NeverMatches
            } else if position < star {
                ElementPattern::Pattern(&patterns[position])
            } else if position >= length - after {
                ElementPattern::Pattern(&patterns[star + 1 + position - (length - after)])
            } else {
                ElementPattern::Any
            }
        }
    }
}

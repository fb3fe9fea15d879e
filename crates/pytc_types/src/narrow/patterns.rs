//! `match` patterns as narrowing predicates (PEP 634): the subject's type where a pattern
//! matches and where it fails, and the types its captures bind. Class patterns look at
//! attributes (keyword sub-patterns, positional ones through `__match_args__`, builtins
//! that match their own value), sequence patterns at tuple shapes and sequence elements,
//! mapping patterns at TypedDict items and mapping values. A pattern removes a member from
//! what falls through only when it matches every value of that member.

use pytc_syntax::ast;

use super::shapes;
use super::{builtin_never_equals, expand_finite, is_literal_like, member_is_literal_class, narrow_to_singleton};
use crate::infer::InferContext;
use crate::types::{ClassType, Type};

/// Patterns nested deeper than this neither narrow nor bind precise types.
const MAX_PATTERN_DEPTH: u32 = 32;

impl<'db> InferContext<'db> {
    /// `ty` narrowed by a `case` pattern: where it matches (`positive`) or where the case is
    /// not taken. A guard keeps what falls through as it was.
    pub(crate) fn narrow_by_pattern(&mut self, pattern: &ast::Pattern, has_guard: bool, positive: bool, ty: Type<'db>) -> Type<'db> {
        if positive {
            self.pattern_matches(pattern, ty, 0)
        } else if has_guard {
            ty
        } else {
            self.pattern_fails(pattern, ty, 0)
        }
    }

    /// The part of `ty` that `pattern` can match.
    fn pattern_matches(&mut self, pattern: &ast::Pattern, ty: Type<'db>, depth: u32) -> Type<'db> {
        let db = self.db;
        if depth > MAX_PATTERN_DEPTH || ty.is_never() {
            return ty;
        }
        match pattern {
            ast::Pattern::MatchAs(match_as) => match &match_as.pattern {
                Some(inner) => self.pattern_matches(inner, ty, depth + 1),
                None => ty,
            },
            ast::Pattern::MatchStar(_) => ty,
            ast::Pattern::MatchValue(value) => {
                let value_type = self.infer_expression(&value.value);
                ty.map_union(db, |member| {
                    if member.is_dynamic() || !is_literal_like(value_type) {
                        return member;
                    }
                    let kept: Vec<Type<'db>> = expand_finite(db, member)
                        .into_iter()
                        .filter_map(|part| {
                            if is_literal_like(part) {
                                (part == value_type).then_some(part)
                            } else if value_type.is_assignable_to(db, part) {
                                Some(if member_is_literal_class(db, part) { value_type } else { part })
                            } else {
                                (!builtin_never_equals(db, part, value_type)).then_some(part)
                            }
                        })
                        .collect();
                    Type::union_of(db, kept)
                })
            }
            ast::Pattern::MatchSingleton(singleton) => narrow_to_singleton(db, ty, singleton_type(singleton)),
            ast::Pattern::MatchOr(or) => {
                let parts: Vec<Type<'db>> = or.patterns.iter().map(|p| self.pattern_matches(p, ty, depth + 1)).collect();
                Type::union_of(db, parts)
            }
            ast::Pattern::MatchClass(match_class) => {
                let Type::ClassObject(class) = self.infer_expression(&match_class.cls) else { return ty };
                let narrowed = self.narrow_isinstance(ty, &[class], true);
                narrowed.map_union(db, |member| {
                    let Some(sub_patterns) = self.class_sub_patterns(match_class, class, member) else { return member };
                    for (sub_pattern, attribute) in sub_patterns {
                        if self.pattern_matches(sub_pattern, attribute, depth + 1).is_never() {
                            return Type::Never;
                        }
                    }
                    member
                })
            }
            ast::Pattern::MatchSequence(sequence) => {
                let (before, star, after) = sequence_shape(sequence);
                ty.map_union(db, |member| {
                    if member.is_dynamic() {
                        return member;
                    }
                    if shapes::may_be_sequence(db, member) == Some(false) {
                        return Type::Never;
                    }
                    let member = if star {
                        let Some(long_enough) = shapes::with_minimum_length(db, member, before + after) else { return Type::Never };
                        long_enough
                    } else {
                        let Some(exact) = shapes::with_length(db, member, before + after) else { return Type::Never };
                        exact
                    };
                    let Some(elements) = shapes::sequence_elements(db, member, before, star, after) else { return Type::Never };
                    let narrowed: Vec<Type<'db>> = sequence.patterns.iter().zip(elements).map(|(p, element)| self.pattern_matches(p, element, depth + 1)).collect();
                    if narrowed.iter().any(|element| element.is_never()) {
                        return Type::Never;
                    }
                    if !star && matches!(member, Type::Tuple(_)) && shapes::tuple_length(db, member).is_some() { shapes::fixed_tuple(db, narrowed) } else { member }
                })
            }
            ast::Pattern::MatchMapping(mapping) => ty.map_union(db, |member| {
                if member.is_dynamic() {
                    return member;
                }
                if shapes::may_be_mapping(db, member) == Some(false) {
                    return Type::Never;
                }
                for (key, value_pattern) in mapping.keys.iter().zip(&mapping.patterns) {
                    if let Some(value) = self.mapping_value(member, key)
                        && self.pattern_matches(value_pattern, value, depth + 1).is_never()
                    {
                        return Type::Never;
                    }
                }
                member
            }),
        }
    }

    /// The part of `ty` left when `pattern` does not match: members every value of which
    /// the pattern matches are removed.
    fn pattern_fails(&mut self, pattern: &ast::Pattern, ty: Type<'db>, depth: u32) -> Type<'db> {
        let db = self.db;
        if depth > MAX_PATTERN_DEPTH || ty.is_never() {
            return ty;
        }
        match pattern {
            ast::Pattern::MatchAs(match_as) => match &match_as.pattern {
                Some(inner) => self.pattern_fails(inner, ty, depth + 1),
                None => Type::Never,
            },
            ast::Pattern::MatchStar(_) => Type::Never,
            ast::Pattern::MatchValue(value) => {
                let value_type = self.infer_expression(&value.value);
                if !is_literal_like(value_type) {
                    return ty;
                }
                ty.map_union(db, |member| Type::union_of(db, expand_finite(db, member).into_iter().filter(|p| *p != value_type)))
            }
            ast::Pattern::MatchSingleton(singleton) => {
                let singleton = singleton_type(singleton);
                ty.map_union(db, |member| Type::union_of(db, expand_finite(db, member).into_iter().filter(|p| *p != singleton)))
            }
            ast::Pattern::MatchOr(or) => {
                let mut current = ty;
                for p in &or.patterns {
                    current = self.pattern_fails(p, current, depth + 1);
                }
                current
            }
            ast::Pattern::MatchClass(match_class) => {
                let Type::ClassObject(class) = self.infer_expression(&match_class.cls) else { return ty };
                ty.map_union(db, |member| {
                    // Expanded first, so `case Color.R` style members of an enum or the
                    // literals of `bool` are removed one by one.
                    let parts: Vec<Type<'db>> = expand_finite(db, member).into_iter().filter(|part| !self.class_pattern_covers(match_class, class, *part, depth)).collect();
                    if parts.len() == expand_finite(db, member).len() { member } else { Type::union_of(db, parts) }
                })
            }
            ast::Pattern::MatchSequence(sequence) => {
                let (before, star, after) = sequence_shape(sequence);
                ty.map_union(db, |member| {
                    if shapes::may_be_sequence(db, member) != Some(true) {
                        return member;
                    }
                    // Only a tuple of a fixed length, or any sequence against `[*_]`, is
                    // matched by every value.
                    let all_lengths = star && before == 0 && after == 0;
                    let fits = match (shapes::tuple_length(db, member), shapes::tuple_minimum_length(db, member)) {
                        (Some(length), _) => if star { length >= before + after } else { length == before + after },
                        (None, Some(minimum)) => star && minimum >= before + after,
                        (None, None) => all_lengths,
                    };
                    if !fits {
                        return member;
                    }
                    let Some(elements) = shapes::sequence_elements(db, member, before, star, after) else { return member };
                    let left: Vec<Type<'db>> = sequence.patterns.iter().zip(&elements).map(|(p, element)| self.pattern_fails(p, *element, depth + 1)).collect();
                    let mut refutable = left.iter().enumerate().filter(|(_, left)| !left.is_never());
                    match (refutable.next(), refutable.next()) {
                        (None, _) => Type::Never,
                        // A fixed tuple whose other positions always match keeps the values
                        // that one position's pattern leaves (`case x, str()` leaves
                        // `tuple[int | str, int]` of `tuple[int | str, int | str]`).
                        (Some((index, remaining)), None) if !star && matches!(member, Type::Tuple(_)) && shapes::tuple_length(db, member).is_some() => {
                            let mut narrowed = elements.clone();
                            narrowed[index] = *remaining;
                            shapes::fixed_tuple(db, narrowed)
                        }
                        _ => member,
                    }
                })
            }
            ast::Pattern::MatchMapping(mapping) => ty.map_union(db, |member| {
                if shapes::may_be_mapping(db, member) != Some(true) {
                    return member;
                }
                let covered = mapping.keys.iter().zip(&mapping.patterns).all(|(key, value_pattern)| {
                    self.required_typed_dict_value(member, key).is_some_and(|value| self.pattern_fails(value_pattern, value, depth + 1).is_never())
                });
                if covered { Type::Never } else { member }
            }),
        }
    }

    /// The value type of `key` in `member` when every value of `member` has that key: a
    /// required item of a TypedDict. (A `dict[str, int]` may lack any key.)
    fn required_typed_dict_value(&mut self, member: Type<'db>, key: &ast::Expr) -> Option<Type<'db>> {
        let db = self.db;
        let Type::Instance(instance) = member else { return None };
        if !crate::class::is_typed_dict(db, instance.class(db)) {
            return None;
        }
        let Type::StringLiteral(name) = self.infer_expression(key) else { return None };
        crate::typed_dict::typed_dict_item(db, instance, name.value(db)).filter(|item| item.required).map(|item| item.ty)
    }

    /// Whether the class pattern matches every value of `member`.
    fn class_pattern_covers(&mut self, match_class: &ast::PatternMatchClass, class: ClassType<'db>, member: Type<'db>, depth: u32) -> bool {
        if member.is_dynamic() || !self.narrow_isinstance(member, &[class], false).is_never() {
            return false;
        }
        let Some(sub_patterns) = self.class_sub_patterns(match_class, class, member) else { return false };
        sub_patterns.into_iter().all(|(sub_pattern, attribute)| self.pattern_fails(sub_pattern, attribute, depth + 1).is_never())
    }

    /// Each sub-pattern of a class pattern with the type it is matched against in `member`:
    /// the attribute a keyword names, the attribute `__match_args__` names for a positional
    /// one, or the value itself for the builtins that match their own value. `None` when a
    /// positional sub-pattern has no known attribute (a malformed or missing
    /// `__match_args__`).
    fn class_sub_patterns<'p>(&mut self, match_class: &'p ast::PatternMatchClass, class: ClassType<'db>, member: Type<'db>) -> Option<Vec<(&'p ast::Pattern, Type<'db>)>> {
        let db = self.db;
        let arguments = &match_class.arguments;
        let mut sub_patterns = Vec::with_capacity(arguments.patterns.len() + arguments.keywords.len());
        if !arguments.patterns.is_empty() {
            if shapes::matches_own_value(db, class.class(db)) {
                if arguments.patterns.len() != 1 {
                    return None;
                }
                sub_patterns.push((&arguments.patterns[0], member));
            } else {
                let names = match_args(db, class)?;
                if names.len() < arguments.patterns.len() {
                    return None;
                }
                for (pattern, name) in arguments.patterns.iter().zip(names) {
                    sub_patterns.push((pattern, attribute_type(db, member, &name)));
                }
            }
        }
        for keyword in &arguments.keywords {
            sub_patterns.push((&keyword.pattern, attribute_type(db, member, keyword.attr.as_str())));
        }
        Some(sub_patterns)
    }

    /// The type a mapping pattern's key sees in `member`: a TypedDict item, or the value
    /// type of a mapping. `None` when unknown.
    fn mapping_value(&mut self, member: Type<'db>, key: &ast::Expr) -> Option<Type<'db>> {
        let db = self.db;
        let key_type = self.infer_expression(key);
        if let Type::Instance(instance) = member
            && crate::class::is_typed_dict(db, instance.class(db))
        {
            let Type::StringLiteral(name) = key_type else { return None };
            return crate::typed_dict::typed_dict_item(db, instance, name.value(db)).map(|item| item.ty);
        }
        self.call_dunder_checked(member, "__getitem__", &[key_type])
    }

    /// The type the capture `target` (a node inside `pattern`) binds when `pattern` matches a
    /// subject of type `ty`; `None` when `target` is not inside `pattern`.
    pub(crate) fn capture_type(&mut self, pattern: &ast::Pattern, target: &ast::Pattern, ty: Type<'db>, depth: u32) -> Option<Type<'db>> {
        let db = self.db;
        if depth > MAX_PATTERN_DEPTH {
            return contains(pattern, target).then_some(Type::UNKNOWN);
        }
        if std::ptr::eq(pattern, target) {
            return Some(match pattern {
                ast::Pattern::MatchAs(match_as) => match &match_as.pattern {
                    Some(inner) => self.pattern_matches(inner, ty, depth + 1),
                    None => ty,
                },
                ast::Pattern::MatchStar(_) => crate::infer::definition::list_of(db, ty),
                // `**rest`: a new dict of the items the keys did not name.
                ast::Pattern::MatchMapping(_) => {
                    let narrowed = self.pattern_matches(pattern, ty, depth);
                    let parts: Vec<Type<'db>> = narrowed.union_elements(db).into_iter().map(|member| shapes::mapping_rest(db, member)).collect();
                    if parts.is_empty() { shapes::mapping_rest(db, Type::UNKNOWN) } else { Type::union_of(db, parts) }
                }
                _ => Type::UNKNOWN,
            });
        }
        match pattern {
            ast::Pattern::MatchAs(match_as) => {
                let inner = match_as.pattern.as_deref()?;
                self.capture_type(inner, target, ty, depth + 1)
            }
            // An alternative is tried only when the ones before it failed.
            ast::Pattern::MatchOr(or) => {
                let mut remaining = ty;
                for p in &or.patterns {
                    if contains(p, target) {
                        let narrowed = self.pattern_matches(p, remaining, depth + 1);
                        return self.capture_type(p, target, narrowed, depth + 1);
                    }
                    remaining = self.pattern_fails(p, remaining, depth + 1);
                }
                None
            }
            ast::Pattern::MatchClass(match_class) => {
                let narrowed = self.pattern_matches(pattern, ty, depth);
                let class = match self.infer_expression(&match_class.cls) {
                    Type::ClassObject(class) => Some(class),
                    _ => None,
                };
                let arguments = &match_class.arguments;
                let mut all_sub_patterns = arguments.patterns.iter().chain(arguments.keywords.iter().map(|keyword| &keyword.pattern));
                let position = all_sub_patterns.clone().position(|p| contains(p, target))?;
                let sub_pattern = all_sub_patterns.nth(position)?;
                let Some(class) = class else { return self.capture_type(sub_pattern, target, Type::UNKNOWN, depth + 1) };
                let mut parts = Vec::new();
                for member in narrowed.union_elements(db) {
                    let attribute = match self.class_sub_patterns(match_class, class, member) {
                        Some(sub_patterns) => sub_patterns.get(position).map_or(Type::UNKNOWN, |(_, attribute)| *attribute),
                        None => Type::UNKNOWN,
                    };
                    parts.extend(self.capture_type(sub_pattern, target, attribute, depth + 1));
                }
                if parts.is_empty() { Some(Type::UNKNOWN) } else { Some(Type::union_of(db, parts)) }
            }
            ast::Pattern::MatchSequence(sequence) => {
                let position = sequence.patterns.iter().position(|p| contains(p, target))?;
                let (before, star, after) = sequence_shape(sequence);
                let narrowed = self.pattern_matches(pattern, ty, depth);
                let mut parts = Vec::new();
                for member in narrowed.union_elements(db) {
                    let element = if member.is_dynamic() {
                        member
                    } else {
                        match shapes::sequence_elements(db, member, before, star, after) {
                            Some(elements) => elements[position],
                            None => continue,
                        }
                    };
                    parts.extend(self.capture_type(&sequence.patterns[position], target, element, depth + 1));
                }
                if parts.is_empty() { Some(Type::UNKNOWN) } else { Some(Type::union_of(db, parts)) }
            }
            ast::Pattern::MatchMapping(mapping) => {
                let position = mapping.patterns.iter().position(|p| contains(p, target))?;
                let key = &mapping.keys[position];
                let narrowed = self.pattern_matches(pattern, ty, depth);
                let mut parts = Vec::new();
                for member in narrowed.union_elements(db) {
                    let value = if member.is_dynamic() { member } else { self.mapping_value(member, key).unwrap_or(Type::UNKNOWN) };
                    parts.extend(self.capture_type(&mapping.patterns[position], target, value, depth + 1));
                }
                if parts.is_empty() { Some(Type::UNKNOWN) } else { Some(Type::union_of(db, parts)) }
            }
            ast::Pattern::MatchValue(_) | ast::Pattern::MatchSingleton(_) | ast::Pattern::MatchStar(_) => None,
        }
    }
}

/// Whether `target` is `pattern` or inside it.
fn contains(pattern: &ast::Pattern, target: &ast::Pattern) -> bool {
    if std::ptr::eq(pattern, target) {
        return true;
    }
    let mut pending = vec![pattern];
    while let Some(current) = pending.pop() {
        if std::ptr::eq(current, target) {
            return true;
        }
        match current {
            ast::Pattern::MatchAs(match_as) => pending.extend(match_as.pattern.as_deref()),
            ast::Pattern::MatchOr(or) => pending.extend(or.patterns.iter()),
            ast::Pattern::MatchSequence(sequence) => pending.extend(sequence.patterns.iter()),
            ast::Pattern::MatchMapping(mapping) => pending.extend(mapping.patterns.iter()),
            ast::Pattern::MatchClass(class) => {
                pending.extend(class.arguments.patterns.iter());
                pending.extend(class.arguments.keywords.iter().map(|keyword| &keyword.pattern));
            }
            ast::Pattern::MatchValue(_) | ast::Pattern::MatchSingleton(_) | ast::Pattern::MatchStar(_) => {}
        }
    }
    false
}

/// The sub-patterns before a star, whether there is one, and the sub-patterns after it.
fn sequence_shape(sequence: &ast::PatternMatchSequence) -> (usize, bool, usize) {
    match sequence.patterns.iter().position(|p| matches!(p, ast::Pattern::MatchStar(_))) {
        Some(star) => (star, true, sequence.patterns.len() - star - 1),
        None => (sequence.patterns.len(), false, 0),
    }
}

fn singleton_type<'db>(singleton: &ast::PatternMatchSingleton) -> Type<'db> {
    match singleton.value {
        ast::Singleton::None => Type::None,
        ast::Singleton::True => Type::BoolLiteral(true),
        ast::Singleton::False => Type::BoolLiteral(false),
    }
}

/// The names a class's `__match_args__` lists; `None` when it is not a tuple of string
/// literals.
fn match_args<'db>(db: &'db dyn pytc_db::Db, class: ClassType<'db>) -> Option<Vec<String>> {
    let value = crate::infer::attribute::member_access(db, Type::ClassObject(class), "__match_args__").found()?;
    let Type::Tuple(tuple) = value else { return None };
    tuple
        .fixed_elements(db)?
        .iter()
        .map(|element| match element {
            Type::StringLiteral(name) => Some(name.value(db).to_string()),
            _ => None,
        })
        .collect()
}

/// The type of attribute `name` on a value of type `member` (unknown when missing).
fn attribute_type<'db>(db: &'db dyn pytc_db::Db, member: Type<'db>, name: &str) -> Type<'db> {
    if member.is_dynamic() {
        return member;
    }
    crate::infer::attribute::member_access(db, member, name).found().unwrap_or(Type::UNKNOWN)
}

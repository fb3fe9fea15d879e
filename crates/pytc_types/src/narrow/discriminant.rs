//! Discriminated unions and lengths: `x.tag == "a"` / `x["kind"] == "a"` / `x[0] == "a"`
//! (`is`, `!=`, `is not` too) keep the members of `x`'s union whose literal-typed tag can
//! have that value, `match x.tag:` those whose tag a case's pattern can match, and
//! `if x.tag:` those whose tag can have that truth; `len(t) == n` (`!=`, `<`, `<=`, `>`, `>=`) keeps the tuple shapes of that length.

use pytc_semantic::MatchCaseRef;
use pytc_syntax::ast;

use super::{expand_finite, expression_is, is_literal_like, literals_may_equal, shapes};
use crate::infer::InferContext;
use crate::types::Type;

impl<'db> InferContext<'db> {
    /// `ty` (the type of `target`) narrowed by `left op right` where `left` is a tag of
    /// `target` (`target.attr`, `target["key"]`); `None` when `left` is not one.
    pub(super) fn narrow_by_discriminant(&mut self, left: &ast::Expr, op: ast::CmpOp, right: &ast::Expr, positive: bool, ty: Type<'db>, target: &str) -> Option<Type<'db>> {
        let equal = match op {
            ast::CmpOp::Eq | ast::CmpOp::Is => positive,
            ast::CmpOp::NotEq | ast::CmpOp::IsNot => !positive,
            _ => return None,
        };
        let tag = tag_of(left, target)?;
        // Only a type with a literal-typed tag is narrowed, against a literal or a dotted
        // name (an enum member): looking at anything else would infer far more than it
        // narrows, on every test of every attribute.
        if !matches!(right, ast::Expr::StringLiteral(_) | ast::Expr::NumberLiteral(_) | ast::Expr::BooleanLiteral(_) | ast::Expr::NoneLiteral(_) | ast::Expr::BytesLiteral(_) | ast::Expr::Attribute(_)) {
            return None;
        }
        let mut tags = literal_tags(self.db, ty, &tag)?;
        let value = self.infer_expression(right);
        if !is_literal_like(value) {
            return None;
        }
        // `x[0] is None`: a member whose tag is never `None` (a tuple, a class instance)
        // fails it, literal-typed or not.
        if equal && op == ast::CmpOp::Is && value == Type::None {
            for (member, parts) in &mut tags {
                if parts.is_none() && tag_type(self.db, *member, &tag).is_some_and(|tag_type| is_never_none(self.db, tag_type)) {
                    *parts = Some(Vec::new());
                }
            }
        }
        Some(keep_members(self.db, tags, |part| if equal { literals_may_equal(part, value) } else { part != value }))
    }

    /// `ty` (the type of `target`) narrowed by a `case` pattern on its tag `subject`
    /// (`match x.kind:`, `match x["tag"]:`): where the case is taken, the members whose tag
    /// the pattern can match; where it is not, the members whose tag it does not always
    /// match. Either way the cases before it without a guard failed, so a member's tag is
    /// first narrowed by their failing: cases that together cover every value of a member's
    /// tag remove it. `None` when `subject` is not a tag of `target`.
    pub(super) fn narrow_by_tag_pattern(&mut self, subject: &ast::Expr, case: &MatchCaseRef, positive: bool, ty: Type<'db>, target: &str) -> Option<Type<'db>> {
        let db = self.db;
        let tag = tag_of(subject, target)?;
        let this_case = case.case();
        let kept: Vec<Type<'db>> = ty
            .union_elements(db)
            .into_iter()
            .map(|member| {
                let Some(mut tag_type) = tag_type(db, member, &tag).filter(|tag_type| !tag_type.is_dynamic()) else { return member };
                for earlier in case.earlier_cases().iter().filter(|earlier| earlier.guard.is_none()) {
                    tag_type = self.narrow_by_pattern(&earlier.pattern, false, false, tag_type);
                }
                if self.narrow_by_pattern(&this_case.pattern, this_case.guard.is_some(), positive, tag_type).is_never() { Type::Never } else { member }
            })
            .collect();
        Some(Type::union_of(db, kept))
    }

    /// `ty` (the type of `target`) narrowed by the truth of its tag `test` (`if x.ok:` with
    /// `ok: Literal[True]` in one member and `Literal[False]` in the other); `None` when
    /// `test` is not a literal-typed tag of a union.
    pub(super) fn narrow_by_tag_truthiness(&mut self, test: &ast::Expr, positive: bool, ty: Type<'db>, target: &str) -> Option<Type<'db>> {
        let db = self.db;
        let tag = tag_of(test, target)?;
        // A single type is left alone: `if self.handler:` with `handler = None` in the class
        // body would make the branch unreachable although subclasses assign it.
        if ty.union_elements(db).len() < 2 {
            return None;
        }
        let tags = literal_tags(db, ty, &tag)?;
        Some(keep_members(db, tags, |part| crate::infer::operators::static_truthiness(db, part).is_none_or(|truthy| truthy == positive)))
    }

    /// `ty` narrowed by `len(target) op n`; `None` when the test is not one.
    pub(super) fn narrow_by_length(&mut self, left: &ast::Expr, op: ast::CmpOp, right: &ast::Expr, positive: bool, ty: Type<'db>, target: &str) -> Option<Type<'db>> {
        let db = self.db;
        let ast::Expr::Call(call) = left else { return None };
        if call.arguments.args.len() != 1 || !call.arguments.keywords.is_empty() || !expression_is(&call.arguments.args[0], target) {
            return None;
        }
        let ast::Expr::Name(name) = &*call.func else { return None };
        // Only a number or a named constant can be an int literal: inferring any other
        // right side (`len(a) != len(b)`) would narrow its own names, and theirs, for
        // every such test on the path, without ever narrowing here.
        let number = match right {
            ast::Expr::UnaryOp(unary) if matches!(unary.op, ast::UnaryOp::USub | ast::UnaryOp::UAdd) => &*unary.operand,
            other => other,
        };
        if !matches!(number, ast::Expr::NumberLiteral(_) | ast::Expr::Name(_) | ast::Expr::Attribute(_)) {
            return None;
        }
        if name.id.as_str() != "len" || !matches!(self.infer_expression(&call.func), Type::Function(function) if crate::modules::KnownModule::Builtins.is(db, function.file(db))) {
            return None;
        }
        let Type::IntLiteral(n) = self.infer_expression(right) else { return None };
        let holds = |length: usize| -> bool {
            let length = i64::try_from(length).unwrap_or(i64::MAX);
            match op {
                ast::CmpOp::Eq => length == n,
                ast::CmpOp::NotEq => length != n,
                ast::CmpOp::Lt => length < n,
                ast::CmpOp::LtE => length <= n,
                ast::CmpOp::Gt => length > n,
                ast::CmpOp::GtE => length >= n,
                _ => true,
            }
        };
        if !matches!(op, ast::CmpOp::Eq | ast::CmpOp::NotEq | ast::CmpOp::Lt | ast::CmpOp::LtE | ast::CmpOp::Gt | ast::CmpOp::GtE) {
            return None;
        }
        let exactly = match op {
            ast::CmpOp::Eq => positive,
            ast::CmpOp::NotEq => !positive,
            _ => false,
        };
        Some(ty.map_union(db, |member| {
            if exactly && let Ok(length) = usize::try_from(n) {
                return shapes::with_length(db, member, length).unwrap_or(Type::Never);
            }
            match (shapes::tuple_length(db, member), shapes::tuple_minimum_length(db, member)) {
                (Some(length), _) if holds(length) != positive => Type::Never,
                // A variadic tuple has every length from its minimum up: it is removed only
                // when none of them passes the test.
                (None, Some(minimum)) if !representative_lengths(minimum, n).any(|length| holds(length) == positive) => Type::Never,
                _ => member,
            }
        }))
    }
}

/// Lengths from `minimum` up that stand for every answer a comparison with `n` gives: the
/// answer changes only around `n`.
fn representative_lengths(minimum: usize, n: i64) -> impl Iterator<Item = usize> {
    let around_n = usize::try_from(n).ok().map(|n| [n.saturating_sub(1), n, n.saturating_add(1)]);
    [minimum, minimum.saturating_add(1)].into_iter().chain(around_n.into_iter().flatten()).filter(move |length| *length >= minimum)
}

/// What names a discriminating tag.
enum Tag<'a> {
    Attribute(&'a str),
    Key(&'a str),
    /// A tuple position (`t[0]`; negative counts from the end).
    Index(i64),
}

/// The tag `expression` names on `target` (`target.kind`, `target["kind"]`, `target[0]`).
fn tag_of<'a>(expression: &'a ast::Expr, target: &str) -> Option<Tag<'a>> {
    match expression {
        ast::Expr::Attribute(attribute) if expression_is(&attribute.value, target) => Some(Tag::Attribute(attribute.attr.as_str())),
        ast::Expr::Subscript(subscript) if expression_is(&subscript.value, target) => match &*subscript.slice {
            ast::Expr::StringLiteral(key) => Some(Tag::Key(key.value.to_str())),
            ast::Expr::NumberLiteral(number) => number.value.as_int().and_then(|n| n.as_i64()).map(Tag::Index),
            ast::Expr::UnaryOp(unary) if unary.op == ast::UnaryOp::USub => match &*unary.operand {
                ast::Expr::NumberLiteral(number) => number.value.as_int().and_then(|n| n.as_i64()).map(|n| Tag::Index(-n)),
                _ => None,
            },
            _ => None,
        },
        _ => None,
    }
}

/// Each member of `ty` (a union, or one type: the last member left by an `elif` chain)
/// with the literal values its `tag` can have (`None` for a member whose tag is not
/// literal-typed); `None` when no member has such a tag.
fn literal_tags<'db>(db: &'db dyn pytc_db::Db, ty: Type<'db>, tag: &Tag<'_>) -> Option<Vec<(Type<'db>, Option<Vec<Type<'db>>>)>> {
    let members = ty.union_elements(db);
    let tags: Vec<(Type<'db>, Option<Vec<Type<'db>>>)> = members
        .into_iter()
        .map(|member| {
            let parts = tag_type(db, member, tag).and_then(|tag_type| {
                let parts: Vec<Type<'db>> = tag_type.union_elements(db).into_iter().flat_map(|part| expand_finite(db, part)).collect();
                parts.iter().all(|part| is_literal_like(*part)).then_some(parts)
            });
            (member, parts)
        })
        .collect();
    tags.iter().any(|(_, parts)| parts.is_some()).then_some(tags)
}

/// Whether no value of `ty` is `None`: each member is a tuple, a literal or an instance of a
/// class other than `object` and the protocols (which `None` may satisfy).
fn is_never_none<'db>(db: &'db dyn pytc_db::Db, ty: Type<'db>) -> bool {
    ty.union_elements(db).into_iter().all(|member| match member {
        Type::Tuple(_) | Type::IntLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::BoolLiteral(_) | Type::LiteralString => true,
        Type::Instance(instance) => {
            let class = instance.class(db);
            !crate::class::known::is_known(db, class, crate::class::KnownClass::Object) && !crate::class::is_protocol(db, class)
        }
        _ => false,
    })
}

/// The union of the members some value of whose tag passes `passes` (a member without a
/// literal tag is kept).
fn keep_members<'db>(db: &'db dyn pytc_db::Db, tags: Vec<(Type<'db>, Option<Vec<Type<'db>>>)>, passes: impl Fn(Type<'db>) -> bool) -> Type<'db> {
    Type::union_of(
        db,
        tags.into_iter().map(|(member, parts)| match parts {
            Some(parts) if !parts.iter().any(|part| passes(*part)) => Type::Never,
            _ => member,
        }),
    )
}

/// The declared type of the tag in a union member; `None` when the member has none that
/// narrowing can use. An attribute whose type is inferred from its assignments
/// (`mode = "fast"` in the class body) is no tag: a subclass may assign it another value
/// (`mode = "slow"`), so a test of it says nothing about which class the object is.
fn tag_type<'db>(db: &'db dyn pytc_db::Db, member: Type<'db>, tag: &Tag<'_>) -> Option<Type<'db>> {
    match (member, tag) {
        (Type::Instance(instance), Tag::Attribute(name)) if crate::class::class_member(db, instance, name).is_some_and(|found| !found.declared) => None,
        (Type::Instance(instance), Tag::Key(key)) if crate::class::is_typed_dict(db, instance.class(db)) => {
            crate::typed_dict::typed_dict_item(db, instance, key).map(|item| item.ty)
        }
        (Type::Instance(_) | Type::Tuple(_), Tag::Attribute(name)) => crate::infer::attribute::member_access(db, member, name).found(),
        (_, Tag::Index(index)) => shapes::tuple_element(db, member, *index),
        _ => None,
    }
}

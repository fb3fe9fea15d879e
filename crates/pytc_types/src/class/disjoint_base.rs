//! Disjoint bases (`@disjoint_base`, PEP 800): classes whose instances have a memory layout
//! no other unrelated class can share. A class is a disjoint base when it is decorated
//! `@disjoint_base`, lists a non-empty `__slots__` (a `slots=True` dataclass too), or is
//! `object`. Every class must have exactly one disjoint base: among its bases' disjoint bases
//! (a base that is one counts as itself) one must be a subclass of all the others. A class
//! without one cannot exist, and two classes whose disjoint bases are unrelated have no
//! common subclass, which narrowing uses.

use pytc_db::{Db, declare_rule};
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::class::{self, ClassFlags, KnownClass};
use crate::infer::InferContext;
use crate::types::ClassLiteral;

declare_rule! {
    /// A class whose bases have unrelated disjoint bases (their instances would need two
    /// incompatible memory layouts, so the class fails at runtime), or `@disjoint_base` on
    /// a `TypedDict` or a protocol.
    ///
    /// ```python
    /// class A:
    ///     __slots__ = ("a",)
    /// class B:
    ///     __slots__ = ("b",)
    /// class C(A, B): ...  # error: [invalid-disjoint-base]
    /// ```
    pub static INVALID_DISJOINT_BASE = {
        name: "invalid-disjoint-base",
        summary: "a class has no valid disjoint base, or `@disjoint_base` decorates what cannot be one",
        level: Error,
    }
}

/// A class's disjoint base, as far as pytc can tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum DisjointBase<'db> {
    /// The one disjoint base every instance's layout comes from.
    Known(ClassLiteral<'db>),
    /// A base pytc cannot see into, a cyclic hierarchy, or a base that is itself in conflict.
    Unknown,
    /// Two candidates neither of which derives from the other: the class cannot exist.
    Conflict(ClassLiteral<'db>, ClassLiteral<'db>),
}

/// Whether instances of `class` have a layout of their own that subclasses keep.
pub fn is_disjoint_base(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    ClassFlags::from_bits_truncate(class::header::class_header(db, class).flags).contains(ClassFlags::DISJOINT_BASE)
        || class::slots::own_slots(db, class).as_ref().is_some_and(|slots| !slots.is_empty())
        || class::known::is_known(db, class, KnownClass::Object)
}

/// The disjoint base of `class`, from its direct bases' (one read per base, so a deep
/// hierarchy costs a read per class).
#[salsa::tracked(returns(copy), cycle_result = unknown_in_cycle)]
pub fn disjoint_base<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> DisjointBase<'db> {
    let mro = class::class_mro(db, class);
    if mro.has_dynamic_base || mro.error.is_some() {
        return DisjointBase::Unknown;
    }
    let bases = &class::header::class_header(db, class).bases;
    let mut candidates = Vec::new();
    for base in bases {
        let base = base.class(db);
        let candidate = if is_disjoint_base(db, base) {
            base
        } else {
            match disjoint_base(db, base) {
                DisjointBase::Known(candidate) => candidate,
                DisjointBase::Unknown | DisjointBase::Conflict(..) => return DisjointBase::Unknown,
            }
        };
        if !candidates.contains(&candidate) {
            candidates.push(candidate);
        }
    }
    let Some(&first) = candidates.first() else {
        return KnownClass::Object.class(db).map_or(DisjointBase::Unknown, DisjointBase::Known);
    };
    if let Some(&lowest) = candidates.iter().find(|candidate| candidates.iter().all(|other| class::is_subclass(db, **candidate, *other))) {
        return DisjointBase::Known(lowest);
    }
    let other = candidates.iter().copied().find(|other| !class::is_subclass(db, first, *other) && !class::is_subclass(db, *other, first));
    DisjointBase::Conflict(first, other.unwrap_or(candidates[1]))
}

fn unknown_in_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> DisjointBase<'db> {
    DisjointBase::Unknown
}

/// Whether a common subclass of `a` and `b` may exist as far as their layouts go: false when
/// their disjoint bases are known and neither derives from the other.
pub fn may_share_subclass<'db>(db: &'db dyn Db, a: ClassLiteral<'db>, b: ClassLiteral<'db>) -> bool {
    let own_or_inherited = |class: ClassLiteral<'db>| if is_disjoint_base(db, class) { DisjointBase::Known(class) } else { disjoint_base(db, class) };
    match (own_or_inherited(a), own_or_inherited(b)) {
        (DisjointBase::Known(a), DisjointBase::Known(b)) => class::is_subclass(db, a, b) || class::is_subclass(db, b, a),
        _ => true,
    }
}

/// Report a class without a valid disjoint base, and `@disjoint_base` on a `TypedDict` or
/// a protocol.
pub(crate) fn check_disjoint_base(context: &mut InferContext<'_>, literal: ClassLiteral<'_>, class: &ast::StmtClassDef) {
    let db = context.db;
    if let DisjointBase::Conflict(first, second) = disjoint_base(db, literal) {
        context.report(
            class.name.range,
            &INVALID_DISJOINT_BASE,
            format!(
                "Class `{}` cannot exist: its bases have the unrelated disjoint bases `{}` and `{}`, whose instance layouts conflict",
                class.name,
                first.name(db),
                second.name(db)
            ),
        );
    }
    let own = ClassFlags::from_bits_truncate(class::header::class_header(db, literal).flags);
    if own.contains(ClassFlags::DISJOINT_BASE) {
        let flags = class::flags(db, literal);
        let kind = if flags.contains(ClassFlags::TYPED_DICT) {
            Some("a TypedDict")
        } else if flags.contains(ClassFlags::PROTOCOL) {
            Some("a protocol")
        } else {
            None
        };
        if let Some(kind) = kind {
            let decorator = class.decorator_list.iter().find(|decorator| decorator_name(&decorator.expression) == Some("disjoint_base"));
            let range = decorator.map_or(class.name.range, |decorator| decorator.range());
            context.report(range, &INVALID_DISJOINT_BASE, format!("`@disjoint_base` cannot be used on `{}`, which is {kind}", class.name));
        }
    }
}

/// The name a decorator expression ends in (`disjoint_base` in `typing.disjoint_base`).
fn decorator_name(expression: &ast::Expr) -> Option<&str> {
    match expression {
        ast::Expr::Name(name) => Some(name.id.as_str()),
        ast::Expr::Attribute(attribute) => Some(attribute.attr.as_str()),
        _ => None,
    }
}

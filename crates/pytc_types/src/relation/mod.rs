//! Type relations: assignability (the gradual relation, `Any` both ways), subtyping and
//! equivalence, including literals, promotions, tuples, callables, protocols and variance.

mod alias;
pub(crate) mod callable;
mod callable_equivalence;
mod explain;
pub(crate) mod protocol;
mod protocol_query;
mod trailing_positional;
mod type_form;

pub(crate) use type_form::type_form_denoted;

pub(crate) use explain::explain_unassignable;
pub(crate) use protocol::has_data_members;

use pytc_db::Db;

use crate::class::{self, KnownClass};
use crate::types::{ClassType, GuardKind, TupleType, Type, TypeVarType, Variance};

/// How deep nested relation checks may go before pytc assumes "yes" (recursive protocols
/// and aliases must terminate; erring towards "assignable" avoids false errors).
const MAX_RELATION_DEPTH: u32 = 24;

/// Which relation to check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// Gradual: a dynamic type is assignable to and from everything.
    Assignability,
    /// Fully static: a dynamic type is a subtype only of itself (and `object`).
    Subtyping,
}

impl<'db> Type<'db> {
    pub fn is_assignable_to(self, db: &'db dyn Db, target: Type<'db>) -> bool {
        has_relation(db, self, target, Relation::Assignability, 0)
    }

    pub fn is_subtype_of(self, db: &'db dyn Db, target: Type<'db>) -> bool {
        has_relation(db, self, target, Relation::Subtyping, 0)
    }

    /// Mutual subtypes, or the same gradual type (`assert_type` needs this).
    pub fn is_equivalent_to(self, db: &'db dyn Db, other: Type<'db>) -> bool {
        if self == other {
            return true;
        }
        if self.is_dynamic() || other.is_dynamic() {
            return self.is_dynamic() && other.is_dynamic();
        }
        if self.contains_dynamic(db) || other.contains_dynamic(db) {
            return gradual_equivalent(db, self, other);
        }
        self.is_subtype_of(db, other) && other.is_subtype_of(db, self)
    }
}

/// Equivalence for types with dynamic parts: the same shape with `Any` in the same places.
fn gradual_equivalent<'db>(db: &'db dyn Db, a: Type<'db>, b: Type<'db>) -> bool {
    match (a, b) {
        (Type::Dynamic(_), Type::Dynamic(_)) => true,
        (Type::Instance(x), Type::Instance(y)) if x.class(db) != y.class(db) => callable_equivalence::callables_equivalent(db, a, b).unwrap_or(false),
        (Type::Callable(_) | Type::Instance(_), Type::Callable(_) | Type::Instance(_)) if let Some(equivalent) = callable_equivalence::callables_equivalent(db, a, b) => {
            equivalent
        }
        (Type::Instance(x), Type::Instance(y))
        | (Type::ClassObject(x), Type::ClassObject(y))
        | (Type::SubclassOf(x), Type::SubclassOf(y)) => {
            // A bare generic class has unknown arguments.
            let bare_matches = |bare: &[Type<'db>], other: &[Type<'db>]| bare.is_empty() && other.iter().all(|t| t.is_dynamic());
            x.class(db) == y.class(db)
                && ((x.arguments(db).len() == y.arguments(db).len()
                    && x.arguments(db).iter().zip(y.arguments(db)).all(|(p, q)| p.is_equivalent_to(db, *q)))
                    || bare_matches(x.arguments(db), y.arguments(db))
                    || bare_matches(y.arguments(db), x.arguments(db)))
        }
        (Type::Union(x), Type::Union(y)) => {
            let (x, y) = (x.elements(db), y.elements(db));
            x.len() == y.len() && x.iter().all(|p| y.iter().any(|q| p.is_equivalent_to(db, *q)))
        }
        (Type::Tuple(x), Type::Tuple(y)) => {
            x.prefix(db).len() == y.prefix(db).len()
                && x.suffix(db).len() == y.suffix(db).len()
                && x.prefix(db).iter().zip(y.prefix(db)).all(|(p, q)| p.is_equivalent_to(db, *q))
                && x.suffix(db).iter().zip(y.suffix(db)).all(|(p, q)| p.is_equivalent_to(db, *q))
                && match (x.variadic(db), y.variadic(db)) {
                    (None, None) => true,
                    (Some(p), Some(q)) => p.is_equivalent_to(db, q),
                    _ => false,
                }
        }
        (Type::TypeFormOf(x), Type::TypeFormOf(y)) => x.denoted(db).is_equivalent_to(db, y.denoted(db)),
        _ => false,
    }
}

pub(crate) fn has_relation<'db>(db: &'db dyn Db, source: Type<'db>, target: Type<'db>, relation: Relation, depth: u32) -> bool {
    pytc_syntax::ensure_stack(|| relation_at(db, source, target, relation, depth))
}

fn relation_at<'db>(db: &'db dyn Db, source: Type<'db>, target: Type<'db>, relation: Relation, depth: u32) -> bool {
    if depth > MAX_RELATION_DEPTH || source == target {
        return true;
    }
    let depth = depth + 1;
    let related = |s: Type<'db>, t: Type<'db>| has_relation(db, s, t, relation, depth);
    match (source, target) {
        (Type::AliasRef(_), _) | (_, Type::AliasRef(_)) => alias::alias_relation(db, source, target, relation, depth),
        (_, Type::Dynamic(_)) | (Type::Dynamic(_), _) => relation == Relation::Assignability || is_object(db, target),
        (Type::Never, _) => true,
        (Type::Union(union), _) => union.elements(db).iter().all(|element| related(*element, target)),
        // A member of the union itself first: one comparison each, so a narrowed copy of a
        // `Literal[...]` of thousands of values is checked against it in time linear per value.
        (_, Type::Union(union)) => {
            union.elements(db).contains(&source)
                || union.elements(db).iter().any(|element| related(source, *element))
                // `bool` is `Literal[True, False]` and an enum is the union of its members.
                || (matches!(source, Type::Instance(_))
                    && union.elements(db).iter().any(|element| matches!(element, Type::BoolLiteral(_) | Type::EnumLiteral(_)))
                    && match crate::narrow::expand_finite(db, source).as_slice() {
                        [single] if *single == source => false,
                        members => members.iter().all(|member| related(*member, target)),
                    })
                // A type variable is what its bound or each of its constraints is: the bound
                // `int | str` is covered by the union as a whole, not by one member.
                || matches!(source, Type::TypeVar(typevar) if typevar_upper_bounds(db, typevar).into_iter().all(|bound| related(bound, target)))
        }
        (_, Type::Never) => false,
        // An enum is the union of its members (enums chapter): one with a single member is
        // that member's literal.
        (Type::Instance(_), Type::EnumLiteral(_)) => match crate::narrow::expand_finite(db, source).as_slice() {
            [single] if *single == source => false,
            members => members.iter().all(|member| related(*member, target)),
        },
        (Type::TypeVar(typevar), _) => typevar_upper_bounds(db, typevar).into_iter().all(|bound| related(bound, target)),
        // An instance of a class with a base pytc cannot see into (`Any`, as typeshed declares
        // `NotImplementedType`) may be whatever the variable stands for, as it may be any class.
        (Type::Instance(class), Type::TypeVar(_)) => relation == Relation::Assignability && class::has_dynamic_base(db, class.class(db)),
        (_, Type::TypeVar(_)) => false,
        // Only `type[T]` itself (handled above) is known to be the class of a `T`.
        (_, Type::SubclassOfTypeVar(_)) => false,
        (Type::TypeGuard(source_guard), Type::TypeGuard(target_guard)) => {
            let (source_guarded, target_guarded) = (source_guard.guarded(db), target_guard.guarded(db));
            source_guard.kind(db) == target_guard.kind(db)
                && related(source_guarded, target_guarded)
                && (target_guard.kind(db) == GuardKind::TypeGuard || related(target_guarded, source_guarded))
        }
        // A guard is a `bool` to everything but another guard; no plain `bool` is a guard.
        (Type::TypeGuard(_), _) => related(KnownClass::Bool.instance(db), target),
        (_, Type::TypeGuard(_)) => false,
        (_, Type::TypeFormOf(form)) => type_form::relation_to_type_form(db, source, form, relation, depth),
        (Type::TypeFormOf(_), _) => related(KnownClass::Object.instance(db), target),
        (_, Type::Instance(class)) if is_object_class(db, class) => true,
        (Type::Instance(class), Type::Instance(target_class))
            if let Some(sequence) = crate::class::namedtuple::named_tuple_as_sequence(db, class, target_class.class(db)) =>
        {
            related(Type::Instance(sequence), target)
        }
        (_, Type::Instance(class)) if class::is_protocol(db, class.class(db)) => {
            protocol_query::satisfies_protocol(db, source, class, relation, depth)
        }
        // Calling `type[T]` makes a `T`; otherwise it is one of its upper bound's classes.
        (Type::SubclassOfTypeVar(typevar), Type::Callable(_)) => match crate::call::typevar_constructor_callable(db, typevar) {
            Some(callable) => related(callable, target),
            None => relation == Relation::Assignability,
        },
        (Type::SubclassOfTypeVar(typevar), _) => related(crate::types::typevar_class_object_bound(db, typevar), target),
        (Type::None, Type::Instance(class)) => class.name(db) == "NoneType",
        (Type::None, _) => false,
        (Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::EnumLiteral(_) | Type::Sentinel(_), _) => {
            if target == Type::LiteralString {
                return matches!(source, Type::StringLiteral(_));
            }
            if matches!(
                target,
                Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::EnumLiteral(_) | Type::Sentinel(_)
            ) {
                return false;
            }
            match source.literal_fallback_instance(db) {
                Some(instance) => related(instance, target),
                None => relation == Relation::Assignability,
            }
        }
        (Type::LiteralString, _) => match source.literal_fallback_instance(db) {
            Some(str_instance) => related(str_instance, target),
            None => relation == Relation::Assignability,
        },
        (Type::Instance(source_class), Type::Instance(target_class)) if class::is_typed_dict(db, target_class.class(db)) => {
            class::is_typed_dict(db, source_class.class(db))
                && crate::typed_dict::typed_dict_relation(db, source_class, target_class, relation, depth)
        }
        (Type::Instance(source_class), Type::Instance(target_class)) if class::is_typed_dict(db, source_class.class(db)) => {
            if let Some(related) = crate::typed_dict::typed_dict_mapping_relation(db, source_class, target_class, relation, depth) {
                return related;
            }
            match crate::typed_dict::typed_dict_fallback_instance(db) {
                Some(fallback) => related(fallback, target),
                None => relation == Relation::Assignability,
            }
        }
        (Type::Instance(source_class), Type::Instance(target_class)) => {
            nominal_instance_relation(db, source_class, target_class, relation, depth)
        }
        (Type::Tuple(tuple), Type::Tuple(target_tuple)) => tuple_relation(db, tuple, target_tuple, relation, depth),
        (Type::Tuple(tuple), _) => related(class::tuple_instance(db, tuple.element_union(db)), target),
        (Type::Instance(class), Type::Tuple(_)) if let Some(tuple) = crate::class::namedtuple::tuple_of_instance(db, class) => {
            related(Type::Tuple(tuple), target)
        }
        (Type::Instance(class), Type::Tuple(target_tuple)) => {
            // `tuple[int, ...]` spelled as the class, or a subclass of it (`class Token(tuple)`),
            // to a tuple type.
            let Some(tuple_ancestor) = KnownClass::Tuple.class(db).and_then(|tuple| class::find_ancestor(db, class, tuple)) else {
                return false;
            };
            let element = tuple_ancestor.arguments(db).first().copied().unwrap_or(Type::UNKNOWN);
            (target_tuple.fixed_elements(db).is_none() || (element.is_dynamic() && relation == Relation::Assignability))
                && related(element, target_tuple.element_union(db))
        }
        (Type::ClassObject(source_class) | Type::SubclassOf(source_class), Type::SubclassOf(target_class))
            if class::is_protocol(db, target_class.class(db)) =>
        {
            // `type[Proto]` accepts concrete classes that satisfy the protocol, not protocols.
            !(matches!(source, Type::ClassObject(_)) && class::is_protocol(db, source_class.class(db)))
                && related(Type::Instance(source_class), Type::Instance(target_class))
        }
        // A NewType is a callable, not a class: it is no `type[...]`.
        (Type::ClassObject(source_class), Type::SubclassOf(_)) if crate::class::new_type::is_new_type(db, source_class.class(db)) => false,
        (Type::ClassObject(source_class), Type::SubclassOf(target_class)) => {
            // A bare generic class object is its default specialization.
            let source_class = crate::generics::defaults::with_default_arguments(db, source_class);
            nominal_instance_relation(db, source_class, target_class, relation, depth)
        }
        (Type::SubclassOf(source_class), Type::SubclassOf(target_class)) => {
            nominal_instance_relation(db, source_class, target_class, relation, depth)
        }
        // Plain `type` is `type[Any]` (its arguments unknown); any other instance of a
        // metaclass is some class, so at least a `type[object]`.
        (Type::Instance(source_class), Type::SubclassOf(target_class)) if class::is_subclass_of_known(db, source_class, KnownClass::Type) => {
            let plain_type = class::known::is_known(db, source_class.class(db), KnownClass::Type) && source_class.arguments(db).iter().all(|a| a.is_dynamic());
            (plain_type && relation == Relation::Assignability) || is_object_class(db, target_class)
        }
        (Type::ClassObject(a), Type::ClassObject(b)) => a.class(db) == b.class(db),
        // `list[int]` as a value is a generic alias object, not the class itself.
        (Type::ClassObject(class), Type::Instance(target_class)) if !class.arguments(db).is_empty() && is_generic_alias_class(db, target_class) => true,
        (Type::ClassObject(class) | Type::SubclassOf(class), Type::Instance(target_class)) => {
            let metaclass = class::metaclass_instance(db, class.class(db));
            related(metaclass, Type::Instance(target_class))
        }
        (Type::ClassObject(_) | Type::SubclassOf(_), Type::Callable(_)) => match crate::call::constructor_conversion(db, source) {
            Some(callable) => related(callable, target),
            None => relation == Relation::Assignability,
        },
        (_, Type::Function(_) | Type::BoundMethod(_)) => match crate::call::signatures_of(db, target) {
            Some(signatures) => related(source, crate::call::callable_of(db, signatures)),
            None => false,
        },
        (Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_), Type::Callable(target_callable)) => {
            callable::callable_relation(db, source, target_callable, relation, depth)
        }
        (Type::Instance(_), Type::Callable(_)) => match crate::call::dunder_call_callable(db, source) {
            Some(callable) => related(callable, target),
            None => false,
        },
        (Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_) | Type::Module(_), Type::Instance(class)) => {
            match class::known::fallback_class_for(db, source) {
                Some(fallback) => nominal_instance_relation(db, fallback, class, relation, depth),
                None => relation == Relation::Assignability,
            }
        }
        // A union, `Annotated[...]`, `Literal[...]` or `Callable[...]` as a value is a typing
        // object, not a class: it cannot stand where a class object is expected.
        (Type::TypeForm(form), Type::SubclassOf(_)) if !form_is_class_object(db, form) => false,
        (Type::TypeForm(form), Type::Instance(class)) if !form_is_class_object(db, form) && class::is_subclass_of_known(db, class, KnownClass::Type) => false,
        (Type::SpecialForm(_) | Type::TypeVarObject(_) | Type::TypeAlias(_) | Type::TypeForm(_), _) => relation == Relation::Assignability,
        _ => false,
    }
}

/// Whether a type-form value may be a class object at run time: `tuple[int, str]` (a
/// generic alias of `tuple`, which passes for the class) or a form pytc does not know.
fn form_is_class_object(db: &dyn Db, form: crate::types::TypeFormType<'_>) -> bool {
    matches!(form.denoted(db), Type::Tuple(_) | Type::Dynamic(_))
}

fn is_generic_alias_class(db: &dyn Db, class: ClassType<'_>) -> bool {
    class.name(db) == "GenericAlias" && crate::modules::KnownModule::Types.is(db, class.class(db).file(db))
}

fn is_object(db: &dyn Db, ty: Type<'_>) -> bool {
    matches!(ty, Type::Instance(class) if is_object_class(db, class))
}

fn is_object_class(db: &dyn Db, class: ClassType<'_>) -> bool {
    class::known::is_known(db, class.class(db), KnownClass::Object)
}

/// The types a TypeVar may stand for, from the point of view of the code that uses it:
/// its bound, each constraint, or `object`.
fn typevar_upper_bounds<'db>(db: &'db dyn Db, typevar: TypeVarType<'db>) -> Vec<Type<'db>> {
    if let Some(bound) = typevar.bound(db) {
        return vec![bound];
    }
    let constraints = typevar.constraints(db);
    if !constraints.is_empty() {
        return constraints.to_vec();
    }
    vec![KnownClass::Object.instance(db)]
}

/// `A[...]` to `B[...]`: `B` must be in `A`'s MRO (or a numeric promotion applies), and the
/// type arguments of `B` as seen from `A` must match by `B`'s variance.
fn nominal_instance_relation<'db>(
    db: &'db dyn Db,
    source: ClassType<'db>,
    target: ClassType<'db>,
    relation: Relation,
    depth: u32,
) -> bool {
    let target_class = target.class(db);
    let Some(ancestor) = class::find_ancestor(db, source, target_class) else {
        return is_promotion(db, source, target)
            || (relation == Relation::Assignability && class::has_dynamic_base(db, source.class(db)));
    };
    let target_arguments = target.arguments(db);
    if target_arguments.is_empty() {
        return true;
    }
    let ancestor_arguments = ancestor.arguments(db);
    if ancestor_arguments.is_empty() {
        return relation == Relation::Assignability;
    }
    let parameters = class::type_parameters(db, target_class);
    ancestor_arguments.iter().zip(target_arguments.iter()).enumerate().all(|(index, (from, to))| {
        // `...` is consistent with every parameter list, a ParamSpec's included.
        if relation == Relation::Assignability
            && parameters.get(index).is_some_and(|p| p.kind(db) == crate::types::TypeVarKind::ParamSpec)
            && (crate::generics::paramspec::is_gradual_parameter_list(db, *from) || crate::generics::paramspec::is_gradual_parameter_list(db, *to))
        {
            return true;
        }
        let variance = parameters.get(index).map_or(Variance::Invariant, |p| class::variance_of(db, target_class, *p));
        // Parameter lists (a ParamSpec's arguments) are ordered like the types they list,
        // the opposite of the callables that carry them: `[int]` is below `[object]`.
        let variance = match parameters.get(index) {
            Some(parameter) if parameter.kind(db) == crate::types::TypeVarKind::ParamSpec => match variance {
                Variance::Covariant => Variance::Contravariant,
                Variance::Contravariant => Variance::Covariant,
                other => other,
            },
            _ => variance,
        };
        match variance {
            Variance::Covariant => has_relation(db, *from, *to, relation, depth),
            Variance::Contravariant => has_relation(db, *to, *from, relation, depth),
            Variance::Invariant | Variance::Inferred => {
                // Assignability asks for consistency both ways, which gradual parts satisfy
                // wherever they are (`Item` not specialized is `Item[Unknown]`: `list[Item[str]]`
                // is a `list[Item]`).
                if relation == Relation::Assignability {
                    return mutually_assignable(db, *from, *to, depth);
                }
                from.is_equivalent_to(db, *to)
            }
        }
    })
}

/// `a` and `b` assignable to each other (an invariant argument with dynamic parts). Arguments
/// of one generic class are compared pairwise, in one walk: checking each direction in full
/// would check both directions again at every nested level, exponential in the nesting
/// (`list[list[...[Any]]]`). The pairwise walk is as deep as the types, which are finite,
/// so it needs no depth limit (and gets no imprecise "yes" from one).
fn mutually_assignable<'db>(db: &'db dyn Db, a: Type<'db>, b: Type<'db>, depth: u32) -> bool {
    if a == b || a.is_dynamic() || b.is_dynamic() {
        return true;
    }
    match (a, b) {
        (Type::Instance(x), Type::Instance(y)) if x.class(db) == y.class(db) && x.arguments(db).len() == y.arguments(db).len() && !x.arguments(db).is_empty() => {
            x.arguments(db).iter().zip(y.arguments(db)).all(|(p, q)| pytc_syntax::ensure_stack(|| mutually_assignable(db, *p, *q, depth)))
        }
        _ => has_relation(db, a, b, Relation::Assignability, depth) && has_relation(db, b, a, Relation::Assignability, depth),
    }
}

/// PEP 484's numeric tower shortcut: `int` is acceptable where `float` is expected, and
/// `int`/`float` where `complex` is.
fn is_promotion(db: &dyn Db, source: ClassType<'_>, target: ClassType<'_>) -> bool {
    let target_class = target.class(db);
    let is = |known| class::known::is_known(db, target_class, known);
    (is(KnownClass::Float) && class::is_subclass_of_known(db, source, KnownClass::Int))
        || (is(KnownClass::Complex)
            && (class::is_subclass_of_known(db, source, KnownClass::Int)
                || class::is_subclass_of_known(db, source, KnownClass::Float)))
}

fn tuple_relation<'db>(db: &'db dyn Db, source: TupleType<'db>, target: TupleType<'db>, relation: Relation, depth: u32) -> bool {
    let related = |s: Type<'db>, t: Type<'db>| has_relation(db, s, t, relation, depth);
    match (source.variadic(db), target.variadic(db)) {
        (None, None) => {
            let (s, t) = (source.prefix(db), target.prefix(db));
            s.len() == t.len() && s.iter().zip(t).all(|(a, b)| related(*a, *b))
        }
        (None, Some(variadic)) => {
            let (s, prefix, suffix) = (source.prefix(db), target.prefix(db), target.suffix(db));
            if s.len() < prefix.len() + suffix.len() {
                return false;
            }
            let middle = &s[prefix.len()..s.len() - suffix.len()];
            s.iter().zip(prefix).all(|(a, b)| related(*a, *b))
                && s[s.len() - suffix.len()..].iter().zip(suffix).all(|(a, b)| related(*a, *b))
                && middle.iter().all(|a| related(*a, variadic))
        }
        (Some(source_variadic), Some(target_variadic)) => {
            let (sp, ss, tp, ts) = (source.prefix(db), source.suffix(db), target.prefix(db), target.suffix(db));
            if sp.len() < tp.len() || ss.len() < ts.len() {
                return relation == Relation::Assignability
                    && source_variadic.is_dynamic()
                    && gradual_tuple_fits(sp, ss, tp, Some(target_variadic), ts, &related);
            }
            sp.iter().zip(tp).all(|(a, b)| related(*a, *b))
                && sp[tp.len()..].iter().all(|a| related(*a, target_variadic))
                && ss[..ss.len() - ts.len()].iter().all(|a| related(*a, target_variadic))
                && ss[ss.len() - ts.len()..].iter().zip(ts).all(|(a, b)| related(*a, *b))
                && related(source_variadic, target_variadic)
        }
        (Some(source_variadic), None) => {
            relation == Relation::Assignability
                && source_variadic.is_dynamic()
                && gradual_tuple_fits(source.prefix(db), source.suffix(db), target.prefix(db), None, &[], &related)
        }
    }
}

/// Whether a tuple with a gradual middle (`tuple[int, *tuple[Any, ...], str]`) is assignable to
/// a tuple shaped `prefix, *variadic, suffix` (or of fixed length when `variadic` is `None`):
/// the middle may stand for any elements, so only the elements the source names are
/// compared, each with the target element at its position counted from its own end (the
/// target's unbounded part when it reaches past the target's prefix or suffix). A target of
/// fixed length must have room for them.
fn gradual_tuple_fits<'db>(
    source_prefix: &[Type<'db>],
    source_suffix: &[Type<'db>],
    target_prefix: &[Type<'db>],
    target_variadic: Option<Type<'db>>,
    target_suffix: &[Type<'db>],
    related: &dyn Fn(Type<'db>, Type<'db>) -> bool,
) -> bool {
    if target_variadic.is_none() && source_prefix.len() + source_suffix.len() > target_prefix.len() {
        return false;
    }
    // For a fixed-length target its elements serve both ends; `target_suffix` is then empty.
    let (front, back): (&[Type<'db>], &[Type<'db>]) = match target_variadic {
        Some(_) => (target_prefix, target_suffix),
        None => (target_prefix, target_prefix),
    };
    let prefix_fits = source_prefix.iter().enumerate().all(|(index, element)| match front.get(index) {
        Some(target) => related(*element, *target),
        None => target_variadic.is_some_and(|variadic| related(*element, variadic)),
    });
    let suffix_fits = source_suffix.iter().rev().enumerate().all(|(index, element)| match back.len().checked_sub(index + 1).map(|at| back[at]) {
        Some(target) => related(*element, target),
        None => target_variadic.is_some_and(|variadic| related(*element, variadic)),
    });
    prefix_fits && suffix_fits
}

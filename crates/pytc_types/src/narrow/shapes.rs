//! The shapes narrowing looks into: the element types a sequence pattern or `len()` sees
//! in a tuple or a sequence, and the classes that decide whether a value can be a sequence
//! or a mapping at all. Tuple code stays here, behind small helpers.

use pytc_db::Db;

use crate::class;
use crate::modules::KnownModule;
use crate::types::{TupleType, Type};

/// Whether values of `member` can match a sequence pattern: `Some(false)` for `str`,
/// `bytes`, `bytearray`, mappings and literals, `Some(true)` for tuples and `Sequence`
/// instances, `None` when unknown (a class that a sequence may subclass).
pub(super) fn may_be_sequence<'db>(db: &'db dyn Db, member: Type<'db>) -> Option<bool> {
    match member {
        Type::Tuple(_) => Some(true),
        Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::LiteralString | Type::EnumLiteral(_) | Type::None => Some(false),
        Type::Instance(instance) => {
            let literal = instance.class(db);
            if ["str", "bytes", "bytearray"].iter().any(|name| is_builtin_named(db, literal, name)) || is_typing_subclass(db, literal, "Mapping") {
                return Some(false);
            }
            if is_typing_subclass(db, literal, "Sequence") {
                return Some(true);
            }
            if class::cannot_be_subclassed(db, literal) { Some(false) } else { None }
        }
        Type::Function(_) | Type::BoundMethod(_) | Type::ClassObject(_) | Type::SubclassOf(_) | Type::SubclassOfTypeVar(_) | Type::Module(_) => Some(false),
        _ => None,
    }
}

/// Whether values of `member` can match a mapping pattern (same answers as
/// [`may_be_sequence`]).
pub(super) fn may_be_mapping<'db>(db: &'db dyn Db, member: Type<'db>) -> Option<bool> {
    match member {
        Type::Tuple(_) => Some(false),
        Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::LiteralString | Type::EnumLiteral(_) | Type::None => Some(false),
        Type::Instance(instance) => {
            let literal = instance.class(db);
            if is_typing_subclass(db, literal, "Mapping") || class::is_typed_dict(db, literal) {
                return Some(true);
            }
            if is_typing_subclass(db, literal, "Sequence")
                || ["str", "bytes", "bytearray", "int", "float", "complex", "set", "frozenset"].iter().any(|name| is_builtin_named(db, literal, name))
                || class::cannot_be_subclassed(db, literal)
            {
                return Some(false);
            }
            None
        }
        Type::Function(_) | Type::BoundMethod(_) | Type::ClassObject(_) | Type::SubclassOf(_) | Type::SubclassOfTypeVar(_) | Type::Module(_) => Some(false),
        _ => None,
    }
}

/// The type `**rest` of a mapping pattern binds for a subject of type `member`: a `dict`
/// of the mapping's key and value types (`dict[str, object]` for a TypedDict, whose other
/// items may be of any type), `dict[Unknown, Unknown]` when they are not known.
pub(super) fn mapping_rest<'db>(db: &'db dyn Db, member: Type<'db>) -> Type<'db> {
    let Some(dict) = class::known::KnownClass::Dict.class(db) else { return Type::UNKNOWN };
    let (key, value) = match member {
        Type::Instance(instance) if class::is_typed_dict(db, instance.class(db)) => (class::known::KnownClass::Str.instance(db), class::known::KnownClass::Object.instance(db)),
        Type::Instance(instance) => crate::class::known::module_class(db, KnownModule::Typing, "Mapping")
            .and_then(|mapping| class::find_ancestor(db, instance, mapping))
            .and_then(|ancestor| match &**ancestor.arguments(db) {
                [key, value] => Some((*key, *value)),
                _ => None,
            })
            .unwrap_or((Type::UNKNOWN, Type::UNKNOWN)),
        _ => (Type::UNKNOWN, Type::UNKNOWN),
    };
    Type::Instance(crate::types::ClassType::new(db, dict, Box::from([key, value])))
}

/// The element types a sequence pattern of `before` sub-patterns, an optional star and
/// `after` sub-patterns sees in `member`, one per sub-pattern (the star's entry is the
/// type of one element it collects). `None` when no value of `member` has a matching
/// length; an unknown member gives unknown elements.
pub(super) fn sequence_elements<'db>(db: &'db dyn Db, member: Type<'db>, before: usize, star: bool, after: usize) -> Option<Vec<Type<'db>>> {
    let count = before + after + usize::from(star);
    match tuple_view(db, member) {
        Some(tuple) => tuple_elements(db, tuple, before, star, after),
        None => {
            let element = crate::infer::stmt::iteration_type_of(db, member).unwrap_or(Type::UNKNOWN);
            Some(vec![element; count])
        }
    }
}

/// [`sequence_elements`] for a tuple.
fn tuple_elements<'db>(db: &'db dyn Db, tuple: TupleType<'db>, before: usize, star: bool, after: usize) -> Option<Vec<Type<'db>>> {
    if !star
        && tuple.fixed_elements(db).is_none()
        && let Some(Type::Tuple(exact)) = with_length(db, Type::Tuple(tuple), before + after)
        && exact.fixed_elements(db).is_some()
    {
        return tuple_elements(db, exact, before, star, after);
    }
    match tuple.fixed_elements(db) {
        Some(elements) => {
            let length = elements.len();
            let fits = if star { length >= before + after } else { length == before + after };
            if !fits {
                return None;
            }
            let mut types: Vec<Type<'db>> = elements[..before].to_vec();
            if star {
                types.push(Type::union_of(db, elements[before..length - after].iter().copied()));
            }
            types.extend_from_slice(&elements[length - after..]);
            Some(types)
        }
        None => {
            // A variadic tuple: the leading sub-patterns see its fixed prefix, the trailing
            // ones its fixed suffix, the others any of its element types.
            if !star && before + after < minimum_length(db, tuple) {
                return None;
            }
            let any = tuple.element_union(db);
            let mut types: Vec<Type<'db>> = (0..before).map(|at| tuple.prefix(db).get(at).copied().unwrap_or(any)).collect();
            let suffix = tuple.suffix(db);
            if star {
                // The star takes what the others leave: the prefix after the leading
                // sub-patterns, the unbounded part and the suffix before the trailing ones
                // (`case (n, s, *rest)` on `tuple[int, *tuple[str, ...]]` binds `list[str]`).
                let prefix = tuple.prefix(db);
                let left_of_prefix = prefix.iter().skip(before).copied();
                let left_of_suffix = suffix[..suffix.len().saturating_sub(after)].iter().copied();
                types.push(Type::union_of(db, left_of_prefix.chain(tuple.variadic(db)).chain(left_of_suffix)));
            }
            types.extend((0..after).map(|at| {
                let from_end = after - at;
                if from_end <= suffix.len() { suffix[suffix.len() - from_end] } else { any }
            }));
            Some(types)
        }
    }
}

/// Variadic tuples are spelled out to at most this many elements when a length narrows them.
const MAX_SPELLED_LENGTH: usize = 16;

/// The values of `member` that have exactly `length` elements: a fixed tuple of that
/// length, a variadic tuple spelled out to it (`tuple[int, *tuple[str, ...], int]` of
/// length 3 is `tuple[int, str, int]`), `None` when no value has that length. Other types
/// (and TypeVarTuple middles) stay as they are.
pub(super) fn with_length<'db>(db: &'db dyn Db, member: Type<'db>, length: usize) -> Option<Type<'db>> {
    let Type::Tuple(tuple) = member else { return instance_with_length(db, member, length, false) };
    if let Some(elements) = tuple.fixed_elements(db) {
        return (elements.len() == length).then_some(member);
    }
    let minimum = minimum_length(db, tuple);
    if length < minimum {
        return None;
    }
    if tuple.variadic_typevar(db).is_some() || length > MAX_SPELLED_LENGTH {
        return Some(member);
    }
    let middle = tuple.variadic(db).unwrap_or(Type::UNKNOWN);
    let elements = tuple.prefix(db).iter().copied().chain(std::iter::repeat_n(middle, length - minimum)).chain(tuple.suffix(db).iter().copied());
    Some(Type::Tuple(TupleType::fixed(db, elements)))
}

/// `member` narrowed to values with at least `length` elements: an unbounded tuple
/// spells out the elements it must then have (`tuple[int, ...]` with at least two is
/// `tuple[int, int, *tuple[int, ...]]`); `None` when a fixed tuple is shorter.
pub(super) fn with_minimum_length<'db>(db: &'db dyn Db, member: Type<'db>, length: usize) -> Option<Type<'db>> {
    let Type::Tuple(tuple) = member else { return instance_with_length(db, member, length, true) };
    let Some(middle) = tuple.variadic(db) else {
        return (tuple.prefix(db).len() >= length).then_some(member);
    };
    let minimum = minimum_length(db, tuple);
    if length <= minimum || tuple.variadic_typevar(db).is_some() || length > MAX_SPELLED_LENGTH {
        return Some(member);
    }
    let prefix: Vec<Type<'db>> = tuple.prefix(db).iter().copied().chain(std::iter::repeat_n(middle, length - minimum)).collect();
    Some(Type::Tuple(TupleType::new(db, prefix.into_boxed_slice(), Some(middle), tuple.suffix(db).clone())))
}

/// An instance of a tuple class (a named tuple, a subclass of `tuple[int, str]`) stays
/// itself when its tuple can have `length` elements (at least `length` when `minimum`);
/// `None` when it cannot. Other types stay as they are.
fn instance_with_length<'db>(db: &'db dyn Db, member: Type<'db>, length: usize, minimum: bool) -> Option<Type<'db>> {
    let Some(tuple) = tuple_view(db, member) else { return Some(member) };
    let fits = match tuple.fixed_elements(db) {
        Some(elements) if minimum => elements.len() >= length,
        Some(elements) => elements.len() == length,
        None => minimum || length >= minimum_length(db, tuple),
    };
    fits.then_some(member)
}

/// The tuple a value of `member` is: a tuple type, or an instance of a named tuple or of a
/// class with a `tuple[...]` base (whose elements a sequence pattern sees).
fn tuple_view<'db>(db: &'db dyn Db, member: Type<'db>) -> Option<TupleType<'db>> {
    match member {
        Type::Tuple(tuple) => Some(tuple),
        Type::Instance(class) => class::namedtuple::tuple_of_instance(db, class),
        _ => None,
    }
}

/// The element at `index` (negative from the end) of every value of `member`, a tuple or a
/// tuple class's instance; `None` when the position is not one fixed element.
pub(super) fn tuple_element<'db>(db: &'db dyn Db, member: Type<'db>, index: i64) -> Option<Type<'db>> {
    let tuple = tuple_view(db, member)?;
    // A variadic tuple's leading positions are its prefix, its trailing ones its suffix.
    let elements: &[Type<'db>] = match tuple.fixed_elements(db) {
        Some(fixed) => fixed,
        None if index >= 0 => tuple.prefix(db),
        None => tuple.suffix(db),
    };
    let position = if index >= 0 { usize::try_from(index).ok()? } else { elements.len().checked_sub(usize::try_from(index.unsigned_abs()).ok()?)? };
    elements.get(position).copied()
}

/// The fewest elements a value of the tuple type has.
fn minimum_length(db: &dyn Db, tuple: TupleType<'_>) -> usize {
    tuple.prefix(db).len() + tuple.suffix(db).len()
}

/// A tuple type with exactly the given elements (the narrowed form of a fixed tuple a
/// sequence pattern matched).
pub(super) fn fixed_tuple<'db>(db: &'db dyn Db, elements: Vec<Type<'db>>) -> Type<'db> {
    Type::Tuple(TupleType::fixed(db, elements))
}

/// The fewest elements a value of `member` has, when it is a tuple or a tuple class's
/// instance.
pub(super) fn tuple_minimum_length<'db>(db: &'db dyn Db, member: Type<'db>) -> Option<usize> {
    tuple_view(db, member).map(|tuple| minimum_length(db, tuple))
}

/// The fixed length of a tuple type or a tuple class's instance, if it has one.
pub(super) fn tuple_length<'db>(db: &'db dyn Db, member: Type<'db>) -> Option<usize> {
    tuple_view(db, member).and_then(|tuple| tuple.fixed_elements(db).map(<[_]>::len))
}

fn is_builtin_named(db: &dyn Db, class: crate::types::ClassLiteral<'_>, name: &str) -> bool {
    &**class.name(db) == name && KnownModule::Builtins.is(db, class.file(db))
}

/// Whether `class` inherits from `typing.<name>` (`Sequence`, `Mapping`).
fn is_typing_subclass(db: &dyn Db, class: crate::types::ClassLiteral<'_>, name: &str) -> bool {
    crate::class::known::module_class(db, KnownModule::Typing, name).is_some_and(|target| class::is_subclass(db, class, target))
}

/// Builtins whose class pattern with one positional sub-pattern matches the subject itself
/// (`int(x)`, `str()`), as PEP 634 lists them.
pub(crate) fn matches_own_value(db: &dyn Db, class: crate::types::ClassLiteral<'_>) -> bool {
    ["bool", "bytearray", "bytes", "dict", "float", "frozenset", "int", "list", "set", "str", "tuple"]
        .iter()
        .any(|name| is_builtin_named(db, class, name))
}

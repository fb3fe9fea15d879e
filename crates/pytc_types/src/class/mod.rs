//! Classes: headers (bases, metaclass, type parameters, flags), the C3 MRO, ancestors with
//! substituted type arguments, members and variance.

pub mod dataclass;
mod dataclass_options;
pub(crate) mod enum_constructor;
pub(crate) mod enum_members;
pub mod enum_values;
pub(crate) mod functional;
pub(crate) mod abstract_class;
pub(crate) mod assigned_call;
pub(crate) mod decorated_method;
pub mod disjoint_base;
pub(crate) mod header;
pub mod known;
pub(crate) mod lineage;
pub(crate) mod member_fixpoint;
pub(crate) mod members;
pub(crate) mod self_attributes;
mod mro;
pub(crate) mod synthesized_checks;
pub mod namedtuple;
pub(crate) mod new_type;
pub mod slots;
mod total_ordering;

pub(crate) use abstract_class::abstract_members;
pub use header::{ClassFlags, class_header};
pub use known::KnownClass;
pub use members::{ClassMember, class_member, class_member_names, own_class_member, synthesized_constructor};
pub use mro::{MroError, class_mro};

use pytc_db::Db;

use crate::generics::Specialization;
use crate::types::{ClassLiteral, ClassType, Type, TypeVarType, Variance};

/// The class's type parameters, in order.
pub fn type_parameters<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> &'db [TypeVarType<'db>] {
    &class_header(db, class).type_params
}

/// The class's own flags and those it inherits (`TYPED_DICT`, `NAMED_TUPLE`) from its MRO.
pub fn flags(db: &dyn Db, class: ClassLiteral<'_>) -> ClassFlags {
    ClassFlags::from_bits_truncate(class_header(db, class).flags) | lineage::inherited_flags(db, class)
}

/// Whether no class can derive from `class`: it is `@final`, or an enum that defines
/// members (implicitly final). Its instances are then exactly its own.
pub fn cannot_be_subclassed(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    flags(db, class).contains(ClassFlags::FINAL) || (crate::infer::literal::is_enum_class(db, class) && !crate::infer::literal::enum_members(db, class).is_empty())
}

pub fn is_protocol(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    flags(db, class).contains(ClassFlags::PROTOCOL)
}

pub fn is_typed_dict(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    flags(db, class).contains(ClassFlags::TYPED_DICT)
}

/// Whether the class or an ancestor has a base pytc cannot see into.
pub fn has_dynamic_base(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    let mro = class_mro(db, class);
    mro.has_dynamic_base || mro.error.is_some()
}

/// The variance of one type parameter of `class`: as declared, or inferred from how the
/// class uses it (PEP 695 parameters and `infer_variance=True`).
pub fn variance_of<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, parameter: TypeVarType<'db>) -> Variance {
    match parameter.variance(db) {
        Variance::Inferred => crate::generics::variance::inferred_variance(db, class, parameter),
        declared => declared,
    }
}

/// The specialization of `class`'s own type parameters that `class_type` carries.
pub fn specialization_of<'db>(db: &'db dyn Db, class_type: ClassType<'db>) -> Specialization<'db> {
    let parameters = type_parameters(db, class_type.class(db));
    let arguments = class_type.arguments(db);
    Specialization::from_pairs(
        parameters
            .iter()
            .enumerate()
            .map(|(index, parameter)| (*parameter, arguments.get(index).copied().unwrap_or(Type::UNKNOWN))),
    )
}

/// The entry of `target` in `source`'s MRO, with type arguments as seen from `source`
/// (`list[int]`'s ancestor `Sequence` is `Sequence[int]`).
pub fn find_ancestor<'db>(db: &'db dyn Db, source: ClassType<'db>, target: ClassLiteral<'db>) -> Option<ClassType<'db>> {
    if source.class(db) == target {
        return Some(source);
    }
    let entry = class_mro(db, source.class(db)).classes.iter().find(|entry| entry.class(db) == target)?;
    Some(ancestor_as_seen_from(db, source, *entry))
}

/// Every entry of `source`'s MRO (without `source` itself), with type arguments as seen
/// from `source`: one walk, where `find_ancestor` per entry would search the MRO each time.
pub fn ancestors<'db>(db: &'db dyn Db, source: ClassType<'db>) -> impl Iterator<Item = ClassType<'db>> + 'db {
    class_mro(db, source.class(db)).classes.iter().map(move |entry| ancestor_as_seen_from(db, source, *entry))
}

/// `entry`, an entry of `source`'s MRO, with `source`'s type arguments substituted in.
pub(crate) fn ancestor_as_seen_from<'db>(db: &'db dyn Db, source: ClassType<'db>, entry: ClassType<'db>) -> ClassType<'db> {
    if entry.arguments(db).is_empty() {
        return entry;
    }
    match specialization_of(db, source).apply(db, Type::Instance(entry)) {
        Type::Instance(specialized) => specialized,
        _ => entry,
    }
}

/// Whether `class` is `known` or a subclass of it.
pub fn is_subclass_of_known(db: &dyn Db, class: ClassType<'_>, known: KnownClass) -> bool {
    let literal = class.class(db);
    known::is_known(db, literal, known) || class_mro(db, literal).classes.iter().any(|entry| known::is_known(db, entry.class(db), known))
}

/// Whether `source` is `target` or inherits from it (ignoring type arguments).
pub fn is_subclass<'db>(db: &'db dyn Db, source: ClassLiteral<'db>, target: ClassLiteral<'db>) -> bool {
    source == target || class_mro(db, source).classes.iter().any(|entry| entry.class(db) == target)
}

/// `tuple[element, ...]` as an instance of the `tuple` class.
pub fn tuple_instance<'db>(db: &'db dyn Db, element: Type<'db>) -> Type<'db> {
    match KnownClass::Tuple.class(db) {
        Some(tuple) => Type::Instance(ClassType::new(db, tuple, Box::from([element]))),
        None => Type::UNKNOWN,
    }
}

/// The instance type of `class`'s metaclass (`type` unless declared or inherited).
/// The first class of `[class] + MRO` that declares a metaclass decides it.
pub fn metaclass_instance<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Type<'db> {
    let declared = lineage::metaclass_owner(db, class).and_then(|owner| class_header(db, owner).metaclass);
    match declared {
        Some(Type::ClassObject(meta)) => Type::Instance(meta),
        Some(other) if other.is_dynamic() => other,
        Some(_) => Type::UNKNOWN,
        None => KnownClass::Type.instance(db),
    }
}

//! Structural checks against protocols: every member the protocol declares must exist on
//! the source type with a compatible type (methods compared as bound callables).

use pytc_db::Db;

use crate::class::{self, KnownClass};
use crate::infer::attribute::{MemberLookup, instance_member_with_self, member_access};
use crate::protocol::ProtocolMemberKind;
use crate::relation::{Relation, has_relation};
use crate::types::{ClassType, Type};

/// Members every object has, or that protocols inherit from `object`/`Protocol`/`Generic`.
/// The ones a source may still lack are the ones it sets to `None` (`removes_object_member`).
const IGNORED_MEMBERS: &[&str] = &[
    "__init__", "__new__", "__slots__", "__class_getitem__", "__init_subclass__", "__module__", "__qualname__", "__doc__",
    "__annotations__", "__dict__", "__weakref__", "__parameters__", "__orig_bases__", "__abstractmethods__", "__protocol_attrs__",
    "__non_callable_proto_members__", "__match_args__", "__hash__", "__eq__", "__ne__",
];

pub(super) fn satisfies_protocol<'db>(db: &'db dyn Db, source: Type<'db>, protocol: ClassType<'db>, relation: Relation, depth: u32) -> bool {
    if let Type::Instance(source_class) = source
        && class::find_ancestor(db, source_class, protocol.class(db)).is_some()
    {
        return nominal_protocol_subclass(db, source_class, protocol, relation, depth);
    }
    structural_mismatch(db, source, protocol, relation, depth).is_none()
}

/// Why a type does not satisfy a protocol structurally: the first member that fails.
pub(crate) struct ProtocolMismatch<'db> {
    pub member: String,
    pub reason: MismatchReason<'db>,
}

pub(crate) enum MismatchReason<'db> {
    /// The source sets a member every object has, and the protocol declares, to `None`.
    SetToNone,
    Missing,
    PossiblyMissing,
    /// The source's member cannot stand for a member of this kind (it cannot be written,
    /// or it lives only on instances).
    Kind(ProtocolMemberKind),
    /// The source's member has a type that does not fit; `invariant` when the member may be
    /// written, so the types must match both ways.
    Type { expected: Type<'db>, actual: Type<'db>, invariant: bool },
}

/// The first member of `protocol` that `source` does not provide as the protocol declares
/// it, or `None` when it provides them all.
pub(crate) fn structural_mismatch<'db>(
    db: &'db dyn Db,
    source: Type<'db>,
    protocol: ClassType<'db>,
    relation: Relation,
    depth: u32,
) -> Option<ProtocolMismatch<'db>> {
    if let Some(member) = removed_object_member(db, source, protocol) {
        return Some(ProtocolMismatch { member, reason: MismatchReason::SetToNone });
    }
    let mismatch = |name: &str, reason| Some(ProtocolMismatch { member: name.to_string(), reason });
    for name in protocol_members(db, protocol) {
        // `Self` in the protocol's members stands for the source.
        let Some(expected) = instance_member_with_self(db, protocol, source, &name).found() else { continue };
        let actual = match source_member(db, source, &name) {
            MemberLookup::Found(ty) => ty,
            MemberLookup::PossiblyMissing(_) => return mismatch(&name, MismatchReason::PossiblyMissing),
            MemberLookup::Missing => return mismatch(&name, MismatchReason::Missing),
        };
        let kind = crate::protocol::protocol_member_kind(db, protocol, &name);
        if !crate::protocol::source_member_fits(db, source, &name, kind) {
            return mismatch(&name, MismatchReason::Kind(kind));
        }
        // A writable member is compared with what the source's attribute holds: its declared
        // type, or for an undeclared one (`timeout = 100`) the inferred type widened.
        let actual = if kind.is_invariant() && crate::protocol::source_member_widens(db, source, &name) {
            crate::infer::expr_widen(db, actual)
        } else {
            actual
        };
        // A member whose type only contains a dynamic part is still compared when assigning
        // (gradually: a lambda's unannotated parameters keep their names and kinds); a
        // subtype proof needs fully known member types.
        let partly_dynamic = expected.contains_dynamic(db) || actual.contains_dynamic(db);
        if expected.is_dynamic() || actual.is_dynamic() || (partly_dynamic && relation != Relation::Assignability) {
            continue;
        }
        let invariant = kind.is_invariant() && !partly_dynamic;
        if !has_relation(db, actual, expected, relation, depth) || (invariant && !has_relation(db, expected, actual, relation, depth)) {
            return mismatch(&name, MismatchReason::Type { expected, actual, invariant });
        }
    }
    None
}

/// The member of the source type a protocol member is compared with. A module provides
/// the names it defines (`ModuleType.__getattr__` answers every other name with `Any`,
/// which must not satisfy a protocol); a class object is called through its constructor.
pub(crate) fn source_member<'db>(db: &'db dyn Db, source: Type<'db>, name: &str) -> MemberLookup<'db> {
    match source {
        Type::Module(file) => match crate::infer::public::module_symbol(db, file, name) {
            Some(ty) => MemberLookup::Found(ty),
            None => MemberLookup::Missing,
        },
        // Calling a class runs its constructor (a metaclass `__call__`, `__new__`, `__init__`),
        // not the `__call__` its instances have.
        Type::ClassObject(_) | Type::SubclassOf(_) if name == "__call__" => match crate::call::constructor_conversion(db, source) {
            Some(constructor) => MemberLookup::Found(constructor),
            None => member_access(db, source, name),
        },
        Type::SubclassOfTypeVar(typevar) if name == "__call__" => match crate::call::typevar_constructor_callable(db, typevar) {
            Some(constructor) => MemberLookup::Found(constructor),
            None => member_access(db, source, name),
        },
        other => member_access(db, other, name),
    }
}

fn nominal_protocol_subclass<'db>(db: &'db dyn Db, source: ClassType<'db>, protocol: ClassType<'db>, relation: Relation, depth: u32) -> bool {
    let Some(ancestor) = class::find_ancestor(db, source, protocol.class(db)) else { return false };
    if protocol.arguments(db).is_empty() || ancestor.arguments(db).is_empty() {
        return true;
    }
    let parameters = class::type_parameters(db, protocol.class(db));
    ancestor.arguments(db).iter().zip(protocol.arguments(db)).enumerate().all(|(i, (a, b))| {
        match parameters.get(i).map(|p| class::variance_of(db, protocol.class(db), *p)) {
            Some(crate::types::Variance::Covariant) => has_relation(db, *a, *b, relation, depth),
            Some(crate::types::Variance::Contravariant) => has_relation(db, *b, *a, relation, depth),
            _ => a.is_dynamic() || b.is_dynamic() || (has_relation(db, *a, *b, relation, depth) && has_relation(db, *b, *a, relation, depth)),
        }
    })
}

/// Whether a protocol declares members other than methods, properties included (such a
/// protocol cannot be used with `issubclass`).
pub(crate) fn has_data_members<'db>(db: &'db dyn Db, protocol: ClassType<'db>) -> bool {
    protocol_members(db, protocol)
        .iter()
        .any(|name| class::class_member(db, protocol, name).is_some_and(|member| match member.ty {
            // A property is read as a value: a data member.
            Type::Function(function) => function.has(db, crate::function::FunctionFlags::PROPERTY),
            _ => true,
        }))
}

/// Whether the source sets to `None` a member every object has and the protocol declares
/// (`__hash__ = None` in `list`: a list is not `Hashable`).
pub(crate) fn removes_object_member<'db>(db: &'db dyn Db, source: Type<'db>, protocol: ClassType<'db>) -> bool {
    removed_object_member(db, source, protocol).is_some()
}

/// The member every object has that the protocol declares and the source sets to `None`.
fn removed_object_member<'db>(db: &'db dyn Db, source: Type<'db>, protocol: ClassType<'db>) -> Option<String> {
    let Type::Instance(source_class) = source else { return None };
    let mro = class::class_mro(db, protocol.class(db));
    let protocol_classes = std::iter::once(protocol.class(db)).chain(mro.classes.iter().map(|c| c.class(db)));
    let declared: Vec<String> = protocol_classes
        .filter(|class| class::is_protocol(db, *class) && !class::known::is_known(db, *class, KnownClass::Object))
        .flat_map(|class| class::class_member_names(db, class).into_iter().filter(move |name| IGNORED_MEMBERS.contains(&name.as_str()) && crate::protocol::is_declared_member(db, class, name)))
        .collect();
    declared.into_iter().find(|name| class::class_member(db, source_class, name).is_some_and(|member| member.ty == Type::None))
}

/// The members a protocol declares (its own and its protocol bases').
pub(crate) fn protocol_members<'db>(db: &'db dyn Db, protocol: ClassType<'db>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    let literal = protocol.class(db);
    let mro = class::class_mro(db, literal);
    for class in std::iter::once(literal).chain(mro.classes.iter().map(|c| c.class(db))) {
        if !class::is_protocol(db, class) || class::known::is_known(db, class, KnownClass::Object) {
            continue;
        }
        for name in class::class_member_names(db, class) {
            if !IGNORED_MEMBERS.contains(&name.as_str()) && !names.contains(&name) && crate::protocol::is_declared_member(db, class, &name) {
                names.push(name);
            }
        }
    }
    names
}

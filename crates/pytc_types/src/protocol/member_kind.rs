//! What a protocol member promises (a method, a read-only property, a settable attribute or
//! a class variable) and whether a source type's member can be written, so structural
//! checks compare settable members invariantly.

use pytc_db::Db;

use crate::class::{self, ClassFlags};
use crate::function::FunctionFlags;
use crate::types::{ClassType, Type};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ProtocolMemberKind {
    /// A method, or anything else only read (compared covariantly).
    Method,
    /// `@property` without a setter: read on instances.
    ReadOnlyProperty,
    /// An annotated attribute or a property with a setter: read and written on instances.
    Settable,
    /// `ClassVar[...]`: read and written on the class, read on instances.
    ClassVar,
}

impl ProtocolMemberKind {
    /// Whether a source member must have exactly the declared type (it may be written).
    pub(crate) fn is_invariant(self) -> bool {
        matches!(self, ProtocolMemberKind::Settable | ProtocolMemberKind::ClassVar)
    }
}

pub(crate) fn protocol_member_kind<'db>(db: &'db dyn Db, protocol: ClassType<'db>, name: &str) -> ProtocolMemberKind {
    let Some(member) = class::class_member(db, protocol, name) else { return ProtocolMemberKind::Method };
    match member.ty {
        Type::Function(function) if crate::infer::property_accessors::property_setter(db, function).is_some() => ProtocolMemberKind::Settable,
        Type::Function(function) if function.has(db, FunctionFlags::PROPERTY) => ProtocolMemberKind::ReadOnlyProperty,
        Type::Function(_) | Type::Callable(_) => ProtocolMemberKind::Method,
        _ if member.class_var => ProtocolMemberKind::ClassVar,
        _ => ProtocolMemberKind::Settable,
    }
}

/// Whether the source's member `name` can stand for a protocol member of `kind`, as far as
/// where it lives and whether it can be written (types are compared separately).
pub(crate) fn source_member_fits<'db>(db: &'db dyn Db, source: Type<'db>, name: &str, kind: ProtocolMemberKind) -> bool {
    if let Type::ClassObject(class_object) = source {
        return class_object_member_fits(db, class_object, name, kind);
    }
    let Type::Instance(source_class) = source else { return true };
    let Some(member) = class::class_member(db, source_class, name) else { return true };
    match kind {
        ProtocolMemberKind::Method | ProtocolMemberKind::ReadOnlyProperty => true,
        // A class variable must be visible on the class object, not only set on instances,
        // and an attribute the class declares as an instance variable (`y: int = 0`) is not
        // one. Undeclared class-body values, methods and synthesized members are let through.
        ProtocolMemberKind::ClassVar => !member.instance_only && !is_declared_instance_variable(db, &member, name),
        ProtocolMemberKind::Settable => {
            let read_only_property = matches!(member.ty, Type::Function(function)
                if function.has(db, FunctionFlags::PROPERTY) && crate::infer::property_accessors::property_setter(db, function).is_none());
            // NamedTuple fields and the fields of frozen dataclasses are read-only.
            let named_tuple_field = class::flags(db, member.owner).contains(ClassFlags::NAMED_TUPLE);
            let frozen_field = crate::class::synthesized_checks::frozen_dataclass_refusing(db, source_class, name).is_some();
            !read_only_property && !member.class_var && !named_tuple_field && !frozen_field
        }
    }
}

/// Whether the source's member `name` has a declared type (an annotation, a `def`, a
/// synthesized field) rather than one inferred from the values assigned to it.
pub(crate) fn source_member_declared<'db>(db: &'db dyn Db, source: Type<'db>, name: &str) -> bool {
    match source {
        Type::Instance(class) | Type::ClassObject(class) => class::class_member(db, class, name).is_none_or(|member| member.declared),
        Type::Module(file) => crate::infer::public::module_symbol_declared(db, file, name),
        _ => true,
    }
}

/// Whether the source's member `name` holds the widened type of the values assigned to it
/// (`timeout = 100` holds `int`): an undeclared class-body or module variable. Attributes
/// assigned through `self` are widened where they are collected, except a parameter copied
/// as it is (`self.mode = mode` keeps `mode`'s declared literals).
pub(crate) fn source_member_widens<'db>(db: &'db dyn Db, source: Type<'db>, name: &str) -> bool {
    match source {
        Type::Instance(class) | Type::ClassObject(class) => class::class_member(db, class, name).is_some_and(|member| !member.declared && !member.instance_only),
        _ => !source_member_declared(db, source, name),
    }
}

/// A class object standing for a protocol instance: a protocol class variable describes
/// the class of the instance (here the metaclass), and a protocol attribute must be a class
/// variable of the class or an attribute of its metaclass.
fn class_object_member_fits<'db>(db: &'db dyn Db, class_object: ClassType<'db>, name: &str, kind: ProtocolMemberKind) -> bool {
    match kind {
        ProtocolMemberKind::Method | ProtocolMemberKind::ReadOnlyProperty => true,
        ProtocolMemberKind::ClassVar => false,
        ProtocolMemberKind::Settable => class::class_member(db, class_object, name).is_none_or(|member| member.class_var),
    }
}

/// Whether `name` is a member the protocol declares in its class body (attributes set only
/// through `self` in a method are not protocol members).
pub(crate) fn is_declared_member<'db>(db: &'db dyn Db, protocol_class: crate::types::ClassLiteral<'db>, name: &str) -> bool {
    class::own_class_member(db, protocol_class, name).is_some_and(|member| !member.instance_only)
}

/// Whether the class that defines `member` declares `name` in its body as an instance
/// variable: an annotation without `ClassVar` (`y: int = 0`, `y: int`), not a method, a
/// nested class, an unannotated value or a member synthesized for the class.
fn is_declared_instance_variable<'db>(db: &'db dyn Db, member: &class::ClassMember<'db>, name: &str) -> bool {
    if member.class_var || !member.declared {
        return false;
    }
    let Some(body) = class::members::class_body(db, member.owner) else { return false };
    body.iter().any(|statement| {
        matches!(statement, pytc_syntax::ast::Stmt::AnnAssign(assignment)
            if matches!(&*assignment.target, pytc_syntax::ast::Expr::Name(target) if target.id.as_str() == name))
    })
}

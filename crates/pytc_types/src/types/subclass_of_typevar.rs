//! `type[T]` for a type variable `T` (`type[Self]`, an unannotated `cls`): the class of
//! whatever `T` stands for. Code that uses it sees the class objects of `T`'s upper bound
//! (its bound, each constraint, or `object`), except that what constructing one of them
//! makes is a `T`; substituting `T` gives the class object type of its value.

use pytc_db::Db;

use super::{ClassType, Type, TypeVarKind, TypeVarType};
use crate::class::KnownClass;

/// `type[X]` for any type `X`: the class object type a value of type `X` has (what `type(x)`
/// returns). A class's class is its metaclass; a value whose class is unknown has `type`.
pub fn class_of_instance<'db>(db: &'db dyn Db, ty: Type<'db>) -> Type<'db> {
    pytc_syntax::ensure_stack(|| match ty {
        Type::Instance(class) => Type::SubclassOf(class),
        Type::TypeVar(typevar) if typevar.kind(db) == TypeVarKind::TypeVar => Type::SubclassOfTypeVar(typevar),
        // `type(e)` for `e: A | B` is `type[A] | type[B]`.
        Type::Union(_) => ty.map_union(db, |member| class_of_instance(db, member)),
        // The class of an unknown value is unknown too.
        Type::Dynamic(_) | Type::Never => ty,
        Type::None => KnownClass::NoneType.class(db).map_or(Type::UNKNOWN, |c| Type::ClassObject(ClassType::bare(db, c))),
        Type::Tuple(tuple) => class_of_instance(db, crate::class::tuple_instance(db, tuple.element_union(db))),
        Type::ClassObject(class) | Type::SubclassOf(class) => {
            crate::class::metaclass_instance(db, class.class(db)).map_union(db, |meta| match meta {
                Type::Instance(meta) => Type::SubclassOf(meta),
                other => other,
            })
        }
        Type::SubclassOfTypeVar(typevar) => class_of_instance(db, typevar_class_object_bound(db, typevar)),
        Type::AliasRef(_) => class_of_instance(db, ty.expand_top(db)),
        other => match other.literal_fallback_instance(db) {
            Some(Type::Instance(class)) => Type::SubclassOf(class),
            _ => KnownClass::Type.instance(db),
        },
    })
}

/// What `type[T]` is to the code that uses it: the class object type of `T`'s bound, the
/// union of those of its constraints, or `type[object]`.
pub fn typevar_class_object_bound<'db>(db: &'db dyn Db, typevar: TypeVarType<'db>) -> Type<'db> {
    class_of_instance(db, typevar_instance_bound(db, typevar))
}

/// The instance type `T` is at most: its bound, the union of its constraints, or `object`.
fn typevar_instance_bound<'db>(db: &'db dyn Db, typevar: TypeVarType<'db>) -> Type<'db> {
    if let Some(bound) = typevar.bound(db) {
        return bound;
    }
    let constraints = typevar.constraints(db);
    if constraints.is_empty() { KnownClass::Object.instance(db) } else { Type::union_of(db, constraints.iter().copied()) }
}

/// What calling `type[T]` makes, given what calling its upper bound's class objects makes:
/// an instance of one of those classes is a `T` (the call constructs the class `T` is);
/// anything else a constructor returns instead (`__new__` returning another class) stays.
pub fn typevar_instance_of_result<'db>(db: &'db dyn Db, typevar: TypeVarType<'db>, returned: Type<'db>) -> Type<'db> {
    let bound = typevar_instance_bound(db, typevar);
    let bound_classes: Vec<_> = bound.union_elements(db).into_iter().filter_map(|member| match member {
        Type::Instance(class) => Some(class.class(db)),
        _ => None,
    }).collect();
    returned.map_union(db, |member| match member {
        Type::Instance(class) if bound_classes.contains(&class.class(db)) => Type::TypeVar(typevar),
        other => other,
    })
}

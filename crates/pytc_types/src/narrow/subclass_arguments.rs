//! The type arguments of a subclass that an `isinstance` check narrows a generic value to:
//! read off the value's own arguments through the subclass's bases (`isinstance(x, list)`
//! with `x: Sequence[int]` is a `list[int]`, since `list[T]` is a `Sequence[T]`).

use pytc_db::Db;

use crate::class;
use crate::types::{ClassType, Type, TypeVarKind};

/// `subclass` (a class object's bare type) with each of its type parameters solved from
/// `member`, an instance of one of its bases: a parameter the base passes on as itself takes
/// the member's argument at that position. When any parameter is left open (the base does
/// not pass it on, passes it on inside another type, or at two positions with different
/// arguments), every argument is `Unknown`: half an answer (`dict[tuple[str, int], Unknown]`
/// for an `Iterable[tuple[str, int]]`) describes a value the code rarely means and would make
/// its later uses errors.
pub(super) fn subclass_with_member_arguments<'db>(db: &'db dyn Db, subclass: ClassType<'db>, member: ClassType<'db>) -> ClassType<'db> {
    let parameters = class::type_parameters(db, subclass.class(db));
    let unknown = || ClassType::new(db, subclass.class(db), parameters.iter().map(|_| Type::UNKNOWN).collect::<Box<[_]>>());
    if parameters.is_empty() || !subclass.arguments(db).is_empty() {
        return subclass;
    }
    if parameters.iter().any(|parameter| parameter.kind(db) != TypeVarKind::TypeVar) {
        return unknown();
    }
    let as_itself = ClassType::new(db, subclass.class(db), parameters.iter().map(|parameter| Type::TypeVar(*parameter)).collect::<Box<[_]>>());
    let Some(base) = class::find_ancestor(db, as_itself, member.class(db)) else { return unknown() };
    let (base_arguments, member_arguments) = (base.arguments(db), member.arguments(db));
    if base_arguments.len() != member_arguments.len() {
        return unknown();
    }
    let mut solved: Vec<Option<Type<'db>>> = vec![None; parameters.len()];
    let mut conflicting = vec![false; parameters.len()];
    for (base_argument, member_argument) in base_arguments.iter().zip(member_arguments.iter()) {
        let Type::TypeVar(typevar) = base_argument else { continue };
        let Some(position) = parameters.iter().position(|parameter| parameter == typevar) else { continue };
        match solved[position] {
            Some(earlier) if earlier != *member_argument => conflicting[position] = true,
            _ => solved[position] = Some(*member_argument),
        }
    }
    if conflicting.contains(&true) {
        return unknown();
    }
    match solved.into_iter().collect::<Option<Box<[_]>>>() {
        Some(arguments) => ClassType::new(db, subclass.class(db), arguments),
        None => unknown(),
    }
}

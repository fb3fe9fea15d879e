//! Whether literals of one class give the same result for a method call: a union of many
//! literals (`Literal[E.A, E.B, ...]`, the subject of a long `elif x == E.M` chain) then
//! needs one call per class, not one per member.

use pytc_db::Db;

use crate::function::FunctionFlags;
use crate::types::{ClassType, Type};

/// Whether `literal.<name>(...)` is the same call for every literal whose fallback instance
/// is of `class` (`Literal[1]` and `Literal[2]` for `int`): the member is a plain method
/// whose signatures mention no type variable except an implicit `self` (`Self`, solved to
/// the receiver and then dropped), and whose `self` takes any instance of the class. Binding
/// then removes the only place the receiver appears, so every literal of the class gets the
/// same bound signatures.
pub(crate) fn literal_receivers_agree<'db>(db: &'db dyn Db, class: ClassType<'db>, name: &str) -> bool {
    if crate::class::is_typed_dict(db, class.class(db)) {
        return false;
    }
    let Some(member) = crate::class::class_member(db, class, name) else { return false };
    let Type::Function(function) = member.ty else { return false };
    if member.instance_only || function.has(db, FunctionFlags::STATICMETHOD | FunctionFlags::CLASSMETHOD | FunctionFlags::PROPERTY) {
        return false;
    }
    let Some(owner) = crate::infer::function::owner_class(db, function) else { return false };
    let implicit_self = Type::TypeVar(crate::infer::annotation::self_typevar(db, owner));
    let instance = Type::Instance(class);
    crate::function::inferred_signatures(db, function).iter().all(|signature| {
        let Some((first, rest)) = signature.parameters.split_first() else { return false };
        let takes_any_instance = first.annotated == implicit_self
            || (!crate::generics::has_typevars(db, first.annotated) && instance.is_assignable_to(db, first.annotated));
        first.accepts_positional()
            && first.kind != crate::types::ParameterKind::Variadic
            && takes_any_instance
            && rest.iter().all(|parameter| !crate::generics::has_typevars(db, parameter.annotated))
            && !crate::generics::has_typevars(db, signature.return_type)
    })
}

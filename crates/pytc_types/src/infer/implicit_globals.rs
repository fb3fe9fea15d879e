//! The names every module has before its first statement runs (`__name__`, `__file__`,
//! `__doc__`, `__spec__`, ...). Python's lookup finds them after the module's own bindings and
//! before builtins, so a module that rebinds one (`__spec__ = cast(..., __spec__)`) still reads
//! the implicit value before the assignment, and a class body without a docstring reads the
//! module's `__doc__`.

use crate::class::known::{builtin_instance, module_class};
use crate::modules::KnownModule;
use crate::types::{ClassType, Type};

/// The type of the implicit module global `name`, `None` when no such global exists. Values a
/// module's loader decides (`__spec__`, `__loader__`, `__builtins__`) are `Any`. `__package__`
/// is `str`: the import system sets it on every imported module (`""` at the top level); only
/// a script run directly has `None`, and code written for import passes it on as a string.
pub(crate) fn implicit_module_global<'db>(db: &'db dyn pytc_db::Db, name: &str) -> Option<Type<'db>> {
    let str_instance = || builtin_instance(db, "str").unwrap_or(Type::UNKNOWN);
    let optional_str = || Type::union(db, str_instance(), Type::None);
    let str_to_any = || match builtin_instance(db, "dict") {
        Some(Type::Instance(dict)) => Type::Instance(ClassType::new(db, dict.class(db), Box::from([str_instance(), Type::ANY]))),
        _ => Type::UNKNOWN,
    };
    Some(match name {
        "__name__" | "__file__" | "__cached__" | "__package__" => str_instance(),
        "__doc__" => optional_str(),
        "__dict__" | "__annotations__" => str_to_any(),
        "__path__" => match module_class(db, KnownModule::Typing, "MutableSequence") {
            Some(sequence) => Type::Instance(ClassType::new(db, sequence, Box::from([str_instance()]))),
            None => Type::UNKNOWN,
        },
        "__spec__" | "__loader__" | "__builtins__" => Type::ANY,
        _ => return None,
    })
}

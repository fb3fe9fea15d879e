//! Classes with special meaning (`object`, `int`, `tuple`, ...), found by their definition
//! in `builtins`/`types`, never by a user's name.

use pytc_db::Db;

use crate::infer::public::module_symbol_type;
use crate::modules::KnownModule;
use crate::types::{ClassLiteral, ClassType, Type};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KnownClass {
    Object,
    Int,
    Float,
    Complex,
    Bool,
    Str,
    Bytes,
    Tuple,
    List,
    Dict,
    Set,
    Type,
    NoneType,
    Property,
}

impl KnownClass {
    pub fn name(self) -> &'static str {
        match self {
            Self::Object => "object",
            Self::Int => "int",
            Self::Float => "float",
            Self::Complex => "complex",
            Self::Bool => "bool",
            Self::Str => "str",
            Self::Bytes => "bytes",
            Self::Tuple => "tuple",
            Self::List => "list",
            Self::Dict => "dict",
            Self::Set => "set",
            Self::Type => "type",
            Self::NoneType => "NoneType",
            Self::Property => "property",
        }
    }

    fn module(self) -> KnownModule {
        match self {
            Self::NoneType => KnownModule::Types,
            _ => KnownModule::Builtins,
        }
    }

    pub fn class<'db>(self, db: &'db dyn Db) -> Option<ClassLiteral<'db>> {
        module_class(db, self.module(), self.name())
    }

    pub fn instance<'db>(self, db: &'db dyn Db) -> Type<'db> {
        self.class(db).map_or(Type::UNKNOWN, |class| Type::Instance(ClassType::bare(db, class)))
    }
}

/// The class `builtins.<name>`.
pub fn builtin_class<'db>(db: &'db dyn Db, name: &str) -> Option<ClassLiteral<'db>> {
    module_class(db, KnownModule::Builtins, name)
}

/// An instance of `builtins.<name>` (unspecialized).
pub fn builtin_instance<'db>(db: &'db dyn Db, name: &str) -> Option<Type<'db>> {
    builtin_class(db, name).map(|class| Type::Instance(ClassType::bare(db, class)))
}

/// A class of a known module by name.
pub fn module_class<'db>(db: &'db dyn Db, module: KnownModule, name: &str) -> Option<ClassLiteral<'db>> {
    let file = module.file(db)?;
    match module_symbol_type(db, file, name) {
        Type::ClassObject(class) => Some(class.class(db)),
        _ => None,
    }
}

pub fn is_known(db: &dyn Db, class: ClassLiteral<'_>, known: KnownClass) -> bool {
    &**class.name(db) == known.name() && known.module().is(db, class.file(db))
}

/// The class whose instances a non-class value behaves like for attribute lookup and
/// nominal relations (functions are `types.FunctionType`, ...).
pub fn fallback_class_for<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<ClassType<'db>> {
    let class = match ty {
        Type::Function(_) => module_class(db, KnownModule::Types, "FunctionType")?,
        Type::BoundMethod(_) => module_class(db, KnownModule::Types, "MethodType")?,
        Type::Callable(_) => builtin_class(db, "object")?,
        Type::Module(_) => module_class(db, KnownModule::Types, "ModuleType")?,
        _ => return None,
    };
    Some(ClassType::bare(db, class))
}

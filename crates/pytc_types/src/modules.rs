//! Modules as the type layer sees them: resolving names to files through the resolver and
//! naming the well-known modules whose definitions have special meaning.

use pytc_db::{Db, File};
use pytc_module_resolver::{
    ModuleName, file_to_module, module_name_of_file, resolve_module, resolve_stdlib_module,
};

/// The file of a module by its dotted name (`None` when it cannot be found or is a
/// namespace package).
pub fn module_file(db: &dyn Db, name: &str) -> Option<File> {
    resolve_module(db, &ModuleName::new(name)?)?.file
}

/// The dotted name of the module a file is, for display.
pub fn module_name_of(db: &dyn Db, file: File) -> Option<String> {
    module_name_of_file(db, file).map(|name| name.as_str().to_string())
}

/// Modules whose definitions pytc gives special meaning.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KnownModule {
    Builtins,
    Typing,
    TypingExtensions,
    Types,
    Enum,
    Dataclasses,
    Abc,
    Functools,
    Sys,
    Collections,
}

impl KnownModule {
    pub fn name(self) -> &'static str {
        match self {
            Self::Builtins => "builtins",
            Self::Typing => "typing",
            Self::TypingExtensions => "typing_extensions",
            Self::Types => "types",
            Self::Enum => "enum",
            Self::Dataclasses => "dataclasses",
            Self::Abc => "abc",
            Self::Functools => "functools",
            Self::Sys => "sys",
            Self::Collections => "collections",
        }
    }

    /// The module's file, always from the standard library (typeshed), so that a user's
    /// `types.py` or `enum.py` never takes the place of the real one.
    pub fn file(self, db: &dyn Db) -> Option<File> {
        resolve_stdlib_module(db, &ModuleName::new(self.name())?)?.file
    }

    /// Whether `file` is this module (as resolved, so a user's shadowing file is not).
    pub fn is(self, db: &dyn Db, file: File) -> bool {
        known_module(db, file) == Some(self)
    }
}

/// The well-known module `file` is, if any.
pub fn known_module(db: &dyn Db, file: File) -> Option<KnownModule> {
    let module = file_to_module(db, file).as_ref()?;
    Some(match module.name.as_str() {
        "builtins" => KnownModule::Builtins,
        "typing" => KnownModule::Typing,
        "typing_extensions" => KnownModule::TypingExtensions,
        "types" => KnownModule::Types,
        "enum" => KnownModule::Enum,
        "dataclasses" => KnownModule::Dataclasses,
        "abc" => KnownModule::Abc,
        "functools" => KnownModule::Functools,
        "sys" => KnownModule::Sys,
        "collections" => KnownModule::Collections,
        _ => return None,
    })
}

//! Typing special forms: names from `typing`, `typing_extensions` and `builtins` that are
//! not ordinary classes or functions. They are recognized by the module and name of their
//! *definition*, never by the name a user happens to bind.

/// A special form used as a value (e.g. the object `typing.Union`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum SpecialForm {
    Any,
    Union,
    Optional,
    Literal,
    Final,
    ClassVar,
    Annotated,
    Callable,
    Protocol,
    Generic,
    Concatenate,
    SelfType,
    Never,
    NoReturn,
    LiteralString,
    TypeGuard,
    TypeIs,
    TypeAlias,
    Required,
    NotRequired,
    ReadOnly,
    Unpack,
    /// `typing.Tuple`
    Tuple,
    /// `typing.Type`
    Type,
    /// `typing.TypedDict` (the class-syntax base and the functional form).
    TypedDict,
    /// `typing.NamedTuple`
    NamedTuple,
    /// `typing.TYPE_CHECKING`
    TypeChecking,
    /// Aliases of builtin generics: `typing.List` and friends, naming the builtins class.
    BuiltinAlias(GenericAlias),
}

impl SpecialForm {
    /// The special form a name in `typing`/`typing_extensions` denotes, if any.
    pub fn from_typing_name(name: &str) -> Option<Self> {
        Some(match name {
            "Any" => Self::Any,
            "Union" => Self::Union,
            "Optional" => Self::Optional,
            "Literal" => Self::Literal,
            "Final" => Self::Final,
            "ClassVar" => Self::ClassVar,
            "Annotated" => Self::Annotated,
            "Callable" => Self::Callable,
            "Protocol" => Self::Protocol,
            "Generic" => Self::Generic,
            "Concatenate" => Self::Concatenate,
            "Self" => Self::SelfType,
            "Never" => Self::Never,
            "NoReturn" => Self::NoReturn,
            "LiteralString" => Self::LiteralString,
            "TypeGuard" => Self::TypeGuard,
            "TypeIs" => Self::TypeIs,
            "TypeAlias" => Self::TypeAlias,
            "Required" => Self::Required,
            "NotRequired" => Self::NotRequired,
            "ReadOnly" => Self::ReadOnly,
            "Unpack" => Self::Unpack,
            "Tuple" => Self::Tuple,
            "Type" => Self::Type,
            "TypedDict" => Self::TypedDict,
            "NamedTuple" => Self::NamedTuple,
            "TYPE_CHECKING" => Self::TypeChecking,
            "List" => Self::BuiltinAlias(GenericAlias::List),
            "Dict" => Self::BuiltinAlias(GenericAlias::Dict),
            "Set" => Self::BuiltinAlias(GenericAlias::Set),
            "FrozenSet" => Self::BuiltinAlias(GenericAlias::FrozenSet),
            _ => return None,
        })
    }

    /// How the form is spelled in source.
    pub fn name(self) -> &'static str {
        match self {
            Self::Any => "Any",
            Self::Union => "Union",
            Self::Optional => "Optional",
            Self::Literal => "Literal",
            Self::Final => "Final",
            Self::ClassVar => "ClassVar",
            Self::Annotated => "Annotated",
            Self::Callable => "Callable",
            Self::Protocol => "Protocol",
            Self::Generic => "Generic",
            Self::Concatenate => "Concatenate",
            Self::SelfType => "Self",
            Self::Never => "Never",
            Self::NoReturn => "NoReturn",
            Self::LiteralString => "LiteralString",
            Self::TypeGuard => "TypeGuard",
            Self::TypeIs => "TypeIs",
            Self::TypeAlias => "TypeAlias",
            Self::Required => "Required",
            Self::NotRequired => "NotRequired",
            Self::ReadOnly => "ReadOnly",
            Self::Unpack => "Unpack",
            Self::Tuple => "Tuple",
            Self::Type => "Type",
            Self::TypedDict => "TypedDict",
            Self::NamedTuple => "NamedTuple",
            Self::TypeChecking => "TYPE_CHECKING",
            Self::BuiltinAlias(alias) => alias.builtin_name(),
        }
    }
}

/// `typing` aliases of builtin generic classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GenericAlias {
    List,
    Dict,
    Set,
    FrozenSet,
}

impl GenericAlias {
    /// The name of the `builtins` class the alias stands for.
    pub fn builtin_name(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Dict => "dict",
            Self::Set => "set",
            Self::FrozenSet => "frozenset",
        }
    }
}

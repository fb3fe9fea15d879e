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
    /// `TypeForm` (PEP 747): `TypeForm[T]` in a type expression, `TypeForm(x)` as a call.
    TypeForm,
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
    /// Aliases of standard generic classes: `typing.List`, `typing.DefaultDict` and friends,
    /// naming the `builtins` or `collections` class.
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
            "TypeForm" => Self::TypeForm,
            "Tuple" => Self::Tuple,
            "Type" => Self::Type,
            "TypedDict" => Self::TypedDict,
            "NamedTuple" => Self::NamedTuple,
            "TYPE_CHECKING" => Self::TypeChecking,
            "List" => Self::BuiltinAlias(GenericAlias::List),
            "Dict" => Self::BuiltinAlias(GenericAlias::Dict),
            "Set" => Self::BuiltinAlias(GenericAlias::Set),
            "FrozenSet" => Self::BuiltinAlias(GenericAlias::FrozenSet),
            "DefaultDict" => Self::BuiltinAlias(GenericAlias::DefaultDict),
            "OrderedDict" => Self::BuiltinAlias(GenericAlias::OrderedDict),
            "Counter" => Self::BuiltinAlias(GenericAlias::Counter),
            "Deque" => Self::BuiltinAlias(GenericAlias::Deque),
            "ChainMap" => Self::BuiltinAlias(GenericAlias::ChainMap),
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
            Self::TypeForm => "TypeForm",
            Self::Tuple => "Tuple",
            Self::Type => "Type",
            Self::TypedDict => "TypedDict",
            Self::NamedTuple => "NamedTuple",
            Self::TypeChecking => "TYPE_CHECKING",
            Self::BuiltinAlias(alias) => alias.class_name(),
        }
    }
}

/// `typing` aliases of generic classes of `builtins` and `collections` (`typing.pyi` declares
/// them as `_Alias()` objects; PEP 585 deprecates them in favour of the classes themselves).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum GenericAlias {
    List,
    Dict,
    Set,
    FrozenSet,
    DefaultDict,
    OrderedDict,
    Counter,
    Deque,
    ChainMap,
}

impl GenericAlias {
    /// The name of the class the alias stands for, in `self.module()`.
    pub fn class_name(self) -> &'static str {
        match self {
            Self::List => "list",
            Self::Dict => "dict",
            Self::Set => "set",
            Self::FrozenSet => "frozenset",
            Self::DefaultDict => "defaultdict",
            Self::OrderedDict => "OrderedDict",
            Self::Counter => "Counter",
            Self::Deque => "deque",
            Self::ChainMap => "ChainMap",
        }
    }

    /// The module defining the class the alias stands for.
    pub fn module(self) -> crate::modules::KnownModule {
        match self {
            Self::List | Self::Dict | Self::Set | Self::FrozenSet => crate::modules::KnownModule::Builtins,
            Self::DefaultDict | Self::OrderedDict | Self::Counter | Self::Deque | Self::ChainMap => {
                crate::modules::KnownModule::Collections
            }
        }
    }

    /// The class the alias stands for.
    pub fn class<'db>(self, db: &'db dyn pytc_db::Db) -> Option<crate::types::ClassLiteral<'db>> {
        crate::class::known::module_class(db, self.module(), self.class_name())
    }
}

//! The plain values the public API is made of. Types are kept next to their display so a
//! comparison can use the type relation; everything else is text, flags and locations.

use pytc_db::File;
use pytc_syntax::TextRange;

use super::Knownness;
use crate::types::{ClassLiteral, Type};

/// The public API of one module.
#[derive(Debug, Clone)]
pub struct ApiModule<'db> {
    pub file: File,
    pub symbols: Vec<ApiSymbol<'db>>,
    /// Names `__all__` lists that the module never binds.
    pub missing_from_module: Vec<String>,
}

/// Where a symbol is defined (or, for a re-export, imported).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ApiLocation {
    pub file: File,
    pub range: TextRange,
}

/// One public name.
#[derive(Debug, Clone)]
pub struct ApiSymbol<'db> {
    pub name: String,
    pub location: ApiLocation,
    pub kind: ApiSymbolKind<'db>,
    /// For a class or function, the file whose `class`/`def` made it (another module's for
    /// a re-export).
    pub defined_in: Option<File>,
}

#[derive(Debug, Clone)]
pub enum ApiSymbolKind<'db> {
    Class(ApiClass<'db>),
    Function(ApiFunction<'db>),
    /// A `@property` (or `@cached_property`): its getter's return type, settable when it has
    /// a setter (or is a cached property, which instances may assign).
    Property { ty: Option<ApiType<'db>>, settable: bool },
    Variable(ApiVariable<'db>),
    /// `type X = ...`, `X: TypeAlias = ...` or an implicit alias `X = int | str`.
    TypeAlias(ApiType<'db>),
    TypeVar(ApiTypeVar<'db>),
    /// A module re-exported under this name.
    Module(String),
}

impl ApiSymbolKind<'_> {
    /// The kind as a word: `class`, `function`, `property`, ...
    pub fn name(&self) -> &'static str {
        match self {
            Self::Class(_) => "class",
            Self::Function(_) => "function",
            Self::Property { .. } => "property",
            Self::Variable(_) => "variable",
            Self::TypeAlias(_) => "type alias",
            Self::TypeVar(_) => "type variable",
            Self::Module(_) => "module",
        }
    }
}

/// A type as declared, with its display and how much of it is known.
#[derive(Debug, Clone, Copy)]
pub struct ApiType<'db> {
    pub ty: Type<'db>,
    pub knownness: Knownness,
}

impl<'db> ApiType<'db> {
    pub fn new(db: &'db dyn pytc_db::Db, ty: Type<'db>) -> Self {
        Self { ty, knownness: Knownness::of(db, ty) }
    }

    pub fn display(&self, db: &'db dyn pytc_db::Db) -> String {
        self.ty.display(db)
    }
}

#[derive(Debug, Clone)]
pub struct ApiClass<'db> {
    /// The explicit bases as written (`Generic`/`Protocol` not included).
    pub bases: Vec<ApiType<'db>>,
    pub is_final: bool,
    pub is_protocol: bool,
    pub is_typed_dict: bool,
    /// A TypedDict's keys (its own and inherited), in order; they are not members.
    pub typed_dict_keys: Vec<ApiTypedDictKey<'db>>,
    /// An enum's member names, in definition order (they are also in `members`).
    pub enum_members: Vec<String>,
    /// The class's public members: methods, properties, attributes, nested classes.
    pub members: Vec<ApiSymbol<'db>>,
    /// The public member names its bases (other than `object`) provide.
    pub inherited_members: Vec<String>,
    /// The class itself, to look up what it inherits (`inherited_member_api`).
    pub(crate) literal: ClassLiteral<'db>,
}

/// One key of a TypedDict and what it promises.
#[derive(Debug, Clone)]
pub struct ApiTypedDictKey<'db> {
    pub name: String,
    pub ty: ApiType<'db>,
    pub required: bool,
    pub read_only: bool,
}

/// How a function in a class body is called.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MethodKind {
    /// A module-level function.
    Function,
    Instance,
    Class,
    Static,
}

#[derive(Debug, Clone)]
pub struct ApiFunction<'db> {
    /// One signature, or every overload in order.
    pub overloads: Vec<ApiSignature<'db>>,
    pub is_overloaded: bool,
    pub is_async: bool,
    pub is_abstract: bool,
    pub is_final: bool,
    pub method_kind: MethodKind,
}

#[derive(Debug, Clone)]
pub struct ApiSignature<'db> {
    /// The parameters callers pass (without the receiver of a method).
    pub parameters: Vec<ApiParameter<'db>>,
    /// The declared return type; `None` when it is not annotated.
    pub returns: Option<ApiType<'db>>,
    /// Without a return annotation: the type pytc infers from the body (another checker may
    /// infer differently).
    pub inferred_return: Option<ApiType<'db>>,
    /// `(...)`: a signature pytc could not read, taking anything.
    pub gradual: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiParameterKind {
    PositionalOnly,
    PositionalOrKeyword,
    Variadic,
    KeywordOnly,
    KeywordVariadic,
}

#[derive(Debug, Clone)]
pub struct ApiParameter<'db> {
    pub name: String,
    pub kind: ApiParameterKind,
    /// The declared type; `None` when the parameter is not annotated.
    pub annotation: Option<ApiType<'db>>,
    pub has_default: bool,
}

#[derive(Debug, Clone)]
pub struct ApiVariable<'db> {
    pub ty: ApiType<'db>,
    /// Declared with an annotation (or `Final`), rather than inferred from its value.
    pub declared: bool,
    /// `ClassVar[...]` (class members only).
    pub class_var: bool,
    /// Declared `Final`: it cannot be assigned (or overridden in a subclass).
    pub is_final: bool,
    /// Bound only by imports: a re-export (an `Unknown` one is an import pytc cannot resolve).
    pub imported: bool,
}

#[derive(Debug, Clone)]
pub struct ApiTypeVar<'db> {
    /// `TypeVar`, `ParamSpec` or `TypeVarTuple`.
    pub kind: &'static str,
    pub bound: Option<ApiType<'db>>,
    pub constraints: Vec<ApiType<'db>>,
    /// `covariant`, `contravariant`, `invariant` or `inferred`.
    pub variance: &'static str,
}

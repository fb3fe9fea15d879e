//! The catalogue of API-change rules: each has a kebab-case name, the semantic-version bump
//! a release making the change requires, and documentation with an example.

/// The version bump a change requires.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    None,
    Minor,
    Major,
    /// pytc cannot decide whether the change breaks callers (a type it cannot compare).
    Undecided,
}

impl Bump {
    pub fn name(self) -> &'static str {
        match self {
            Self::None => "none",
            Self::Minor => "minor",
            Self::Major => "major",
            Self::Undecided => "undecided",
        }
    }
}

macro_rules! diff_rules {
    ($($variant:ident => ($name:literal, $bump:ident, $summary:literal, $example:literal)),* $(,)?) => {
        /// A kind of API change.
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum DiffRule { $($variant),* }

        impl DiffRule {
            pub const ALL: &'static [DiffRule] = &[$(DiffRule::$variant),*];

            pub fn name(self) -> &'static str {
                match self { $(Self::$variant => $name),* }
            }

            pub fn bump(self) -> Bump {
                match self { $(Self::$variant => Bump::$bump),* }
            }

            pub fn summary(self) -> &'static str {
                match self { $(Self::$variant => $summary),* }
            }

            /// An example of the change, old version then new.
            pub fn example(self) -> &'static str {
                match self { $(Self::$variant => $example),* }
            }

            pub fn find(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|rule| rule.name() == name)
            }
        }
    };
}

diff_rules! {
    ModuleRemoved => ("module-removed", Major, "A public module was removed or made private; its importers fail.",
        "old: pkg/io.py exists\nnew: pkg/io.py removed (or renamed pkg/_io.py)"),
    SymbolRemoved => ("symbol-removed", Major, "A public name was removed from a module or made private.",
        "old: def parse(text: str) -> Doc\nnew: (no `parse`; or `_parse`)"),
    MemberRemoved => ("member-removed", Major, "A public member (method, property, attribute, nested class) was removed from a class.",
        "old: class Doc: def render(self) -> str\nnew: class Doc: (no `render`)"),
    SymbolKindChanged => ("symbol-kind-changed", Major, "A public name now denotes another kind of thing (a function became a class, a property a method, ...).",
        "old: def connect() -> Conn\nnew: class connect: ..."),
    SymbolAdded => ("symbol-added", Minor, "A public name, module or class member was added.",
        "old: (no `dump`)\nnew: def dump(doc: Doc) -> str"),
    ParameterRemoved => ("parameter-removed", Major, "A parameter callers could pass was removed (or renamed, when it was passable by keyword).",
        "old: def f(x: int, y: int) -> None\nnew: def f(x: int) -> None"),
    ParameterAddedRequired => ("parameter-added-required", Major, "A parameter without a default was added: existing calls miss it.",
        "old: def f(x: int) -> None\nnew: def f(x: int, y: int) -> None"),
    ParameterAddedOptional => ("parameter-added-optional", Minor, "A parameter with a default (or *args/**kwargs) was added.",
        "old: def f(x: int) -> None\nnew: def f(x: int, y: int = 0) -> None"),
    ParameterMadeRequired => ("parameter-made-required", Major, "A parameter lost its default: calls that left it out fail.",
        "old: def f(x: int = 0) -> None\nnew: def f(x: int) -> None"),
    ParameterKindChanged => ("parameter-kind-changed", Major, "A parameter can no longer be passed the way it could (made keyword-only or positional-only).",
        "old: def f(x: int) -> None\nnew: def f(*, x: int) -> None"),
    ParameterMoved => ("parameter-moved", Major, "A parameter passable by position moved to another position.",
        "old: def f(x: int, y: str) -> None\nnew: def f(y: str, x: int) -> None"),
    ParameterTypeNarrowed => ("parameter-type-narrowed", Major, "A parameter's type no longer accepts every value the old type accepted.",
        "old: def f(x: int | str) -> None\nnew: def f(x: int) -> None"),
    ParameterTypeWidened => ("parameter-type-widened", None, "A parameter's type accepts more than before (compatible).",
        "old: def f(x: int) -> None\nnew: def f(x: int | str) -> None"),
    ReturnTypeWidened => ("return-type-widened", Major, "A return type now includes values callers did not expect.",
        "old: def f() -> int\nnew: def f() -> int | None"),
    ReturnTypeNarrowed => ("return-type-narrowed", None, "A return type is narrower than before (compatible: `int` to `bool`).",
        "old: def f() -> int\nnew: def f() -> bool"),
    AttributeTypeChanged => ("attribute-type-changed", Major, "The type of a variable, attribute or property changed incompatibly (settable ones are invariant; read-only ones may only narrow).",
        "old: class C: x: int\nnew: class C: x: str"),
    AttributeTypeNarrowed => ("attribute-type-narrowed", None, "A read-only variable or property now has a narrower type (compatible).",
        "old: @property def size(self) -> float\nnew: @property def size(self) -> int"),
    OverloadRemoved => ("overload-removed", Major, "An overloaded function lost overloads: calls that matched them fail.",
        "old: @overload def f(x: int) -> int / @overload def f(x: str) -> str\nnew: def f(x: int) -> int"),
    BaseClassRemoved => ("base-class-removed", Major, "A class no longer derives from a base: its instances stop being assignable to it.",
        "old: class Doc(Mapping[str, str])\nnew: class Doc"),
    ClassMadeFinal => ("class-made-final", Major, "A class became `@final`: subclasses of it are errors.",
        "old: class Doc\nnew: @final class Doc"),
    AbstractMethodAdded => ("abstract-method-added", Major, "A class gained an abstract method (or a protocol a member): existing subclasses or implementations no longer qualify.",
        "old: class Base(ABC): ...\nnew: class Base(ABC): @abstractmethod def run(self) -> None"),
    OverloadAdded => ("overload-added", Minor, "An overloaded function gained overloads (compatible: calls that matched before still match the same one, unless it was inserted before them).",
        "old: @overload def f(x: int) -> int / @overload def f(x: str) -> str\nnew: the same, then @overload def f(x: bytes) -> bytes"),
    OverloadReordered => ("overload-reordered", Major, "The same overloads now come in another order: a call matching several picks another one (and its return type).",
        "old: @overload def f(x: int) -> int / @overload def f(x: object) -> str\nnew: @overload def f(x: object) -> str / @overload def f(x: int) -> int"),
    LiteralValueRemoved => ("literal-value-removed", Major, "A parameter's `Literal` type no longer allows values callers could pass.",
        "old: def open(mode: Literal[\"r\", \"w\", \"a\"]) -> File\nnew: def open(mode: Literal[\"r\", \"w\"]) -> File"),
    EnumMemberRemoved => ("enum-member-removed", Major, "An enum lost a member: code naming it fails.",
        "old: class Color(Enum): RED = 1; GREEN = 2\nnew: class Color(Enum): RED = 1"),
    TypedDictKeyRemoved => ("typed-dict-key-removed", Major, "A TypedDict lost a key: code reading or writing it fails.",
        "old: class Movie(TypedDict): title: str; year: int\nnew: class Movie(TypedDict): title: str"),
    TypedDictKeyAddedRequired => ("typed-dict-key-added-required", Major, "A TypedDict gained a required key: dictionaries built without it no longer fit.",
        "old: class Movie(TypedDict): title: str\nnew: class Movie(TypedDict): title: str; year: int"),
    TypedDictKeyTypeChanged => ("typed-dict-key-type-changed", Major, "The value type of a TypedDict key changed (keys are invariant: writers and readers both see it).",
        "old: class Movie(TypedDict): year: int\nnew: class Movie(TypedDict): year: str"),
    TypedDictKeyRequiredChanged => ("typed-dict-key-required-changed", Major, "A TypedDict key became required (builders must give it) or not required (readers must check for it).",
        "old: class Movie(TypedDict): year: NotRequired[int]\nnew: class Movie(TypedDict): year: int"),
    TypedDictKeyReadOnlyChanged => ("typed-dict-key-read-only-changed", Major, "A TypedDict key became `ReadOnly` (writers fail) or writable (TypedDicts with a narrower key no longer fit).",
        "old: class Movie(TypedDict): title: str\nnew: class Movie(TypedDict): title: ReadOnly[str]"),
    AttributeMadeFinal => ("attribute-made-final", Major, "A variable or attribute was declared `Final`: assigning it, or overriding it in a subclass, fails.",
        "old: class Config: retries: int = 3\nnew: class Config: retries: Final = 3"),
    AttributeFinalRemoved => ("attribute-final-removed", None, "A variable or attribute is no longer `Final` (compatible: more code is allowed).",
        "old: LIMIT: Final = 10\nnew: LIMIT: int = 10"),
    ClassVarChanged => ("class-var-changed", Major, "A class attribute became a `ClassVar` (instances can no longer assign it) or stopped being one.",
        "old: class C: cache: dict[str, int]\nnew: class C: cache: ClassVar[dict[str, int]]"),
    TypeVariableBoundChanged => ("type-variable-bound-changed", Major, "A type variable's bound no longer accepts every type the old one did (or a bound was added).",
        "old: T = TypeVar(\"T\", bound=Hashable)\nnew: T = TypeVar(\"T\", bound=str)"),
    TypeVariableBoundWidened => ("type-variable-bound-widened", None, "A type variable's bound accepts more types than before, or was removed (compatible).",
        "old: T = TypeVar(\"T\", bound=str)\nnew: T = TypeVar(\"T\", bound=Hashable)"),
    TypeVariableConstraintRemoved => ("type-variable-constraint-removed", Major, "A constrained type variable lost a constraint: uses solving to it fail.",
        "old: S = TypeVar(\"S\", str, bytes)\nnew: S = TypeVar(\"S\", str)"),
    TypeVariableConstraintAdded => ("type-variable-constraint-added", None, "A constrained type variable gained a constraint (compatible).",
        "old: S = TypeVar(\"S\", str)\nnew: S = TypeVar(\"S\", str, bytes)"),
    TypeVariableVarianceChanged => ("type-variable-variance-changed", Major, "A type variable's declared variance changed: subtyping between specializations of the classes using it changes.",
        "old: T_co = TypeVar(\"T_co\", covariant=True)\nnew: T_co = TypeVar(\"T_co\")"),
    TypeChangeUndecided => ("type-change-undecided", Undecided, "A declared type changed in a way pytc cannot compare (unknown parts, type variables, classes it cannot find in the new version).",
        "old: def f(x: T) -> T\nnew: def f(x: Sequence[T]) -> T"),
}

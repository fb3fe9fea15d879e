//! The type model: `Type<'db>`, a small `Copy` enum whose variants carry interned payloads,
//! plus the building blocks every other module uses (unions, literals, tuples).

mod alias_reference;
mod callable;
mod class_type;
mod sentinel;
mod special_form;
mod subclass_of_typevar;
mod type_guard;
mod typevar;
mod tuple_concat;
mod tuple_positions;
mod union;

pub use alias_reference::AliasReference;
pub use callable::{CallableType, Parameter, ParameterKind, Signature, unpacked_variadic_parameters};
pub use class_type::{ClassLiteral, ClassType};
pub use sentinel::SentinelType;
pub use special_form::SpecialForm;
pub use subclass_of_typevar::{class_of_instance, typevar_class_object_bound, typevar_instance_of_result};
pub use type_guard::{GuardKind, TypeGuardType};
pub use typevar::{TypeVarBounds, TypeVarKind, TypeVarSource, TypeVarType, Variance};
pub use union::{UnionBuilder, UnionType};

use pytc_db::File;

use crate::function::{BoundMethodType, FunctionType};

/// A type pytc cannot (or chooses not to) know precisely. All three behave like `Any`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum DynamicType {
    /// `Any` written by the user.
    Any,
    /// A type pytc could not infer (missing annotation, unresolved import, error recovery).
    Unknown,
    /// A feature pytc does not model yet; the string names it so tests show the gap.
    Todo(TodoFeature),
}

/// A typing feature pytc does not model yet (shown as `@Todo(...)`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TodoFeature {
    Concatenate,
    ParamSpecArgument,
    TypeAliasType,
    SpecialFormAsType,
    TemplateString,
}

impl TodoFeature {
    pub fn description(self) -> &'static str {
        match self {
            Self::Concatenate => "Concatenate",
            Self::ParamSpecArgument => "ParamSpec argument",
            Self::TypeAliasType => "TypeAliasType",
            Self::SpecialFormAsType => "special form as a type",
            Self::TemplateString => "template strings",
        }
    }
}

/// A Python type. Small and `Copy`: structured payloads are interned.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum Type<'db> {
    Dynamic(DynamicType),
    /// The empty type: no value has it (`Never`, `NoReturn`).
    Never,
    /// The `None` object (the only instance of `NoneType`).
    None,
    /// An instance of a (possibly specialized) class.
    Instance(ClassType<'db>),
    /// A class object itself, e.g. the value of the name `int` (or `list[int]`).
    ClassObject(ClassType<'db>),
    /// `type[C]`: the class `C` or any subclass of it.
    SubclassOf(ClassType<'db>),
    /// `type[T]` for a type variable `T` (`type[Self]` included): the class of whatever `T`
    /// stands for. Substituting `T` gives the class object type of its value.
    SubclassOfTypeVar(TypeVarType<'db>),
    Union(UnionType<'db>),
    IntLiteral(i64),
    BoolLiteral(bool),
    StringLiteral(StringLiteral<'db>),
    BytesLiteral(BytesLiteral<'db>),
    /// One member of an enum class.
    EnumLiteral(EnumLiteral<'db>),
    /// A sentinel object (PEP 661), which is its own type.
    Sentinel(SentinelType<'db>),
    LiteralString,
    Tuple(TupleType<'db>),
    Callable(CallableType<'db>),
    /// A function defined with `def` (its literal type: it knows its definition).
    Function(FunctionType<'db>),
    BoundMethod(BoundMethodType<'db>),
    Module(File),
    TypeVar(TypeVarType<'db>),
    /// A typing special form used as a value (`Union`, `Literal`, `Protocol`, ...).
    SpecialForm(SpecialForm),
    /// The object a `TypeVar(...)`/`ParamSpec(...)` call or a PEP 695 type parameter creates.
    TypeVarObject(TypeVarType<'db>),
    /// A type alias object (`type X = ...`), whose value is a type.
    TypeAlias(TypeAliasType<'db>),
    /// A runtime value that spells a type: `int | str`, `Optional[int]`, `Literal[1]`
    /// (what an implicit alias such as `IntOrStr = int | str` binds).
    TypeForm(TypeFormType<'db>),
    /// `TypeForm[T]` (PEP 747): any type form object that spells a type assignable to `T`
    /// (`TypeForm(int | None)`, a parameter annotated `TypeForm[T]`).
    TypeFormOf(TypeFormType<'db>),
    /// `TypeGuard[T]` / `TypeIs[T]` as the return type of a guard function or callable.
    TypeGuard(TypeGuardType<'db>),
    /// A use of a recursive type alias (`Json` inside `list[Json]`), kept by name and
    /// expanded on demand: never at the top of a value's type, only inside another type.
    AliasRef(AliasReference<'db>),
}

/// The type a type-form value denotes.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct TypeFormType<'db> {
    #[returns(copy)]
    pub denoted: Type<'db>,
}

const _: () = assert!(std::mem::size_of::<Type<'static>>() <= 16);

#[salsa::interned(debug, revisions = usize::MAX)]
pub struct StringLiteral<'db> {
    #[returns(ref)]
    pub value: Box<str>,
}

#[salsa::interned(debug, revisions = usize::MAX)]
pub struct BytesLiteral<'db> {
    #[returns(ref)]
    pub value: Box<[u8]>,
}

/// One enum member: its class and name.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct EnumLiteral<'db> {
    #[returns(copy)]
    pub class: ClassLiteral<'db>,
    #[returns(ref)]
    pub name: Box<str>,
}

/// A tuple type: fixed elements, optionally with one variadic element in the middle
/// (`tuple[int, *tuple[str, ...], bytes]`); `tuple[int, ...]` is `prefix = [], variadic = int`.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct TupleType<'db> {
    #[returns(ref)]
    pub prefix: Box<[Type<'db>]>,
    #[returns(copy)]
    pub variadic: Option<Type<'db>>,
    #[returns(ref)]
    pub suffix: Box<[Type<'db>]>,
}

/// A `type X = ...` alias: its name and the definition whose value is evaluated lazily.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct TypeAliasType<'db> {
    #[returns(ref)]
    pub name: Box<str>,
    #[returns(copy)]
    pub file: File,
    /// The `DefinitionId` of the `type` statement.
    #[returns(copy)]
    pub definition: u32,
}

impl<'db> TupleType<'db> {
    pub fn fixed(db: &'db dyn pytc_db::Db, elements: impl IntoIterator<Item = Type<'db>>) -> Self {
        TupleType::new(db, elements.into_iter().collect::<Box<[_]>>(), None, Box::default())
    }

    pub fn homogeneous(db: &'db dyn pytc_db::Db, element: Type<'db>) -> Self {
        TupleType::new(db, Box::default(), Some(element), Box::default())
    }

    /// The element types when the length is known.
    pub fn fixed_elements(self, db: &'db dyn pytc_db::Db) -> Option<&'db [Type<'db>]> {
        if self.variadic(db).is_none() { Some(self.prefix(db)) } else { None }
    }

    /// The TypeVarTuple in the variadic slot (`tuple[int, *Ts]`), if that is what it holds.
    pub fn variadic_typevar(self, db: &'db dyn pytc_db::Db) -> Option<TypeVarType<'db>> {
        self.variadic(db).and_then(|variadic| variadic.as_typevar_tuple(db))
    }

    /// The tuple `prefix, *middle, suffix`: the middle's own elements are spliced in, so a
    /// TypeVarTuple replaced by a tuple stays one flat tuple. A middle that is no tuple is
    /// the element of an unbounded middle (`*tuple[middle, ...]`).
    pub fn spliced(db: &'db dyn pytc_db::Db, prefix: &[Type<'db>], middle: Type<'db>, suffix: &[Type<'db>]) -> Self {
        match middle {
            Type::Tuple(inner) => {
                let mut prefix: Vec<_> = prefix.iter().chain(inner.prefix(db)).copied().collect();
                let suffix = inner.suffix(db).iter().chain(suffix).copied();
                match inner.variadic(db) {
                    Some(variadic) => TupleType::new(db, prefix.into_boxed_slice(), Some(variadic), suffix.collect::<Box<[_]>>()),
                    None => {
                        prefix.extend(suffix);
                        TupleType::fixed(db, prefix)
                    }
                }
            }
            other => TupleType::new(db, Box::from(prefix), Some(other), Box::from(suffix)),
        }
    }

    /// The union of every element type (what iterating the tuple yields).
    pub fn element_union(self, db: &'db dyn pytc_db::Db) -> Type<'db> {
        let mut builder = UnionBuilder::new(db);
        for element in self.prefix(db).iter().chain(self.variadic(db).iter()).chain(self.suffix(db).iter()) {
            builder.add(*element);
        }
        builder.build()
    }
}

impl<'db> Type<'db> {
    pub const ANY: Self = Type::Dynamic(DynamicType::Any);
    pub const UNKNOWN: Self = Type::Dynamic(DynamicType::Unknown);

    pub fn todo(what: TodoFeature) -> Self {
        Type::Dynamic(DynamicType::Todo(what))
    }

    pub fn string_literal(db: &'db dyn pytc_db::Db, value: &str) -> Self {
        Type::StringLiteral(StringLiteral::new(db, value))
    }

    /// The TypeVarTuple this type is, if it is one (only ever found unpacked: in a tuple's
    /// variadic slot or as the annotation of `*args`).
    pub fn as_typevar_tuple(self, db: &'db dyn pytc_db::Db) -> Option<TypeVarType<'db>> {
        match self {
            Type::TypeVar(typevar) if typevar.kind(db) == TypeVarKind::TypeVarTuple => Some(typevar),
            _ => None,
        }
    }

    pub fn is_dynamic(self) -> bool {
        matches!(self, Type::Dynamic(_))
    }

    /// A literal, `None`, a function, a module or a type-form value (`int | str`,
    /// `Optional[int]`, which are `types.UnionType` or `typing` alias objects at run time): a
    /// value that is never a class object and never an instance of a class someone could
    /// subclass (so never an exception either).
    pub(crate) fn is_plain_value(self) -> bool {
        matches!(
            self,
            Type::TypeForm(_)
                | Type::IntLiteral(_)
                | Type::BoolLiteral(_)
                | Type::StringLiteral(_)
                | Type::BytesLiteral(_)
                | Type::LiteralString
                | Type::EnumLiteral(_)
                | Type::None
                | Type::Function(_)
                | Type::BoundMethod(_)
                | Type::Module(_)
        )
    }

    pub fn is_never(self) -> bool {
        matches!(self, Type::Never)
    }

    /// Whether this is the plain `type` (an instance of `builtins.type` itself), which the
    /// spec makes the same as `type[Any]`: some class, which one unknown.
    pub fn is_type_of_any(self, db: &'db dyn pytc_db::Db) -> bool {
        matches!(self, Type::Instance(class) if class.arguments(db).is_empty() && crate::class::known::is_known(db, class.class(db), crate::class::KnownClass::Type))
    }

    pub fn is_unknown(self) -> bool {
        matches!(self, Type::Dynamic(DynamicType::Unknown | DynamicType::Todo(_)))
    }

    /// The instance type a literal falls back to (`Literal[1]` is an `int`), or `None` for
    /// types that are not literals.
    pub fn literal_fallback_instance(self, db: &'db dyn pytc_db::Db) -> Option<Type<'db>> {
        let name = match self {
            Type::IntLiteral(_) => "int",
            Type::BoolLiteral(_) => "bool",
            Type::StringLiteral(_) | Type::LiteralString => "str",
            Type::BytesLiteral(_) => "bytes",
            Type::EnumLiteral(member) => return Some(Type::Instance(ClassType::bare(db, member.class(db)))),
            Type::Sentinel(sentinel) => return Some(Type::Instance(ClassType::bare(db, sentinel.class(db)))),
            _ => return None,
        };
        crate::class::known::builtin_instance(db, name)
    }

    /// True when the type is or contains a dynamic part anywhere (used to stay quiet when
    /// pytc does not know enough to be sure of an error).
    pub fn contains_dynamic(self, db: &'db dyn pytc_db::Db) -> bool {
        self.contains_dynamic_at_depth(db, 0, |_| true)
    }

    /// Whether a part of the type is a feature pytc does not model yet (a `Todo`).
    pub fn contains_todo(self, db: &'db dyn pytc_db::Db) -> bool {
        self.contains_dynamic_at_depth(db, 0, |dynamic| matches!(dynamic, DynamicType::Todo(_)))
    }

    /// Whether a part of the type is dynamic for a reason other than an `Any` the user wrote
    /// (a missing annotation, an unresolved import, a `Todo`), or a callable's `...`.
    pub fn contains_inferred_dynamic(self, db: &'db dyn pytc_db::Db) -> bool {
        self.contains_dynamic_at_depth(db, 0, |dynamic| !matches!(dynamic, DynamicType::Any))
    }

    fn contains_dynamic_at_depth(self, db: &'db dyn pytc_db::Db, depth: u32, counts: fn(DynamicType) -> bool) -> bool {
        if depth > 32 {
            return true;
        }
        let nested = |ty: Type<'db>| ty.contains_dynamic_at_depth(db, depth + 1, counts);
        match self {
            Type::Dynamic(dynamic) => counts(dynamic),
            Type::Union(union) => union.elements(db).iter().any(|ty| nested(*ty)),
            Type::Instance(class) | Type::ClassObject(class) | Type::SubclassOf(class) => {
                class.arguments(db).iter().any(|ty| nested(*ty))
            }
            Type::AliasRef(reference) => reference.arguments(db).iter().any(|ty| nested(*ty)),
            Type::Tuple(tuple) => {
                tuple.prefix(db).iter().chain(tuple.suffix(db)).any(|ty| nested(*ty))
                    || tuple.variadic(db).is_some_and(nested)
            }
            Type::Callable(callable) => callable.signatures(db).iter().any(|signature| {
                signature.gradual_parameters
                    || signature.parameters.iter().any(|p| nested(p.annotated))
                    || nested(signature.return_type)
            }),
            Type::TypeGuard(guard) => nested(guard.guarded(db)),
            Type::TypeFormOf(form) => nested(form.denoted(db)),
            _ => false,
        }
    }

    /// The members of a union, or the type itself.
    pub fn union_elements(self, db: &'db dyn pytc_db::Db) -> Vec<Type<'db>> {
        match self {
            Type::Union(union) => union.elements(db).to_vec(),
            other => vec![other],
        }
    }

    /// Apply `f` to each member of a union, rebuilding the union.
    pub fn map_union(self, db: &'db dyn pytc_db::Db, mut f: impl FnMut(Type<'db>) -> Type<'db>) -> Type<'db> {
        match self {
            Type::Union(union) => {
                let mut builder = UnionBuilder::new(db);
                for element in union.elements(db) {
                    builder.add(f(*element));
                }
                builder.build()
            }
            other => f(other),
        }
    }

    pub fn union(db: &'db dyn pytc_db::Db, a: Type<'db>, b: Type<'db>) -> Type<'db> {
        let mut builder = UnionBuilder::new(db);
        builder.add(a);
        builder.add(b);
        builder.build()
    }

    pub fn union_of(db: &'db dyn pytc_db::Db, types: impl IntoIterator<Item = Type<'db>>) -> Type<'db> {
        let mut builder = UnionBuilder::new(db);
        for ty in types {
            builder.add(ty);
        }
        builder.build()
    }
}

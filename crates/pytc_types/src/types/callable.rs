//! Signatures and callable types: `(x: int, /, *, y: str = ...) -> str`.

use super::{TupleType, Type};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum ParameterKind {
    PositionalOnly,
    PositionalOrKeyword,
    /// `*args`
    Variadic,
    KeywordOnly,
    /// `**kwargs`
    KeywordVariadic,
    /// `**kwargs: Unpack[TD]` (PEP 692), after the keyword-only parameters its keys stand
    /// for; `annotated` is the TypedDict. Callers may pass no other keyword, yet the function
    /// takes any at run time (its own `**kwargs`), which matters when it is assigned to or
    /// from another callable.
    UnpackedKeywords,
}

/// One parameter of a signature.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct Parameter<'db> {
    /// `None` for the nameless parameters of `Callable[[int], str]`.
    pub name: Option<Box<str>>,
    pub kind: ParameterKind,
    /// The declared type (`Unknown` when unannotated). For `*args: int` this is `int`.
    pub annotated: Type<'db>,
    /// Whether the parameter is annotated at all.
    pub has_annotation: bool,
    pub has_default: bool,
    /// For the parameters `*args: *tuple[int, *Ts]` stands for (the positional-only ones and
    /// the `*args` of the unbounded element), the name of that `*args`: the signature is
    /// shown, and kept, as the user wrote it. `None` for every other parameter.
    pub unpacked_args: Option<Box<str>>,
}

impl<'db> Parameter<'db> {
    pub fn positional(annotated: Type<'db>) -> Self {
        Self { name: None, kind: ParameterKind::PositionalOnly, annotated, has_annotation: true, has_default: false, unpacked_args: None }
    }

    pub fn accepts_positional(&self) -> bool {
        matches!(self.kind, ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword)
    }

    pub fn accepts_keyword(&self, keyword: &str) -> bool {
        matches!(self.kind, ParameterKind::PositionalOrKeyword | ParameterKind::KeywordOnly)
            && self.name.as_deref() == Some(keyword)
    }
}

/// A full signature: parameters in order and the return type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct Signature<'db> {
    pub parameters: Vec<Parameter<'db>>,
    pub return_type: Type<'db>,
    /// `(...) -> R`: accepts any arguments (gradual callable, `Callable[..., R]`).
    pub gradual_parameters: bool,
}

impl<'db> Signature<'db> {
    pub fn gradual(return_type: Type<'db>) -> Self {
        Self { parameters: Vec::new(), return_type, gradual_parameters: true }
    }

    /// The signature without its first positional parameter (binding `self`/`cls`).
    pub fn without_first_parameter(&self) -> Self {
        let mut bound = self.clone();
        if let Some(first) = bound.parameters.first()
            && first.accepts_positional()
        {
            bound.parameters.remove(0);
        }
        bound
    }
}

/// A callable described only by its signature(s); more than one means overloaded.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct CallableType<'db> {
    #[returns(ref)]
    pub signatures: Box<[Signature<'db>]>,
}

impl<'db> CallableType<'db> {
    pub fn single(db: &'db dyn pytc_db::Db, signature: Signature<'db>) -> Self {
        CallableType::new(db, Box::from([signature]))
    }
}

/// The positional parameters `*args: *tuple[...]` (or a `Callable` list's `*tuple[...]`)
/// stands for: one positional-only parameter per fixed element before the unbounded one,
/// then `*args` of the unbounded element (`*Ts` stays a TypeVarTuple), then one
/// positional-only parameter per fixed element after it, which take the last arguments.
/// With a name (a `def`'s `*args`), each remembers it came from that `*args`.
pub fn unpacked_variadic_parameters<'db>(db: &'db dyn pytc_db::Db, name: Option<Box<str>>, tuple: TupleType<'db>) -> Vec<Parameter<'db>> {
    let element = |annotated| Parameter { unpacked_args: name.clone(), ..Parameter::positional(annotated) };
    let mut parameters: Vec<Parameter<'db>> = tuple.prefix(db).iter().map(|ty| element(*ty)).collect();
    let Some(variadic) = tuple.variadic(db) else { return parameters };
    parameters.push(Parameter { name: name.clone(), kind: ParameterKind::Variadic, annotated: variadic, has_annotation: true, has_default: false, unpacked_args: name.clone() });
    parameters.extend(tuple.suffix(db).iter().map(|ty| element(*ty)));
    parameters
}

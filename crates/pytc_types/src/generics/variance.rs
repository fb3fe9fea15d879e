//! Variance inference for PEP 695 type parameters and `TypeVar(..., infer_variance=True)`.
//!
//! The spec defines the variance by asking whether `C[T]` is assignable to `C[object]`
//! (covariant) or the reverse (contravariant). Comparing the two specializations member by
//! member comes down to the positions the parameter occurs in, so pytc computes it as a
//! polarity walk: a method's parameters are inputs, its return type an output, a mutable
//! attribute both, a read-only attribute (`Final`, a field of a frozen dataclass or a named
//! tuple) or a read-only property an output; bases contribute
//! through their own variance. `__init__`, `__new__` and private names (`_x`) are not part
//! of the public interface and do not count.

use pytc_db::Db;

use crate::function::{FunctionFlags, FunctionType};
use crate::types::{ClassLiteral, Type, TypeVarType, Variance};

/// How deep the walk descends into nested types.
const MAX_DEPTH: u32 = 16;

/// The inferred variance of `parameter` in `class`. A query: every relation check between
/// two specializations of the class asks for it, and it reads every member of the class.
#[salsa::tracked(returns(copy), cycle_result = inferred_variance_cycle)]
pub fn inferred_variance<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, parameter: TypeVarType<'db>) -> Variance {
    let mut walk = PolarityWalk { db, class, parameter, usage: Usage::default() };
    for base in &crate::class::class_header(db, class).bases {
        walk.visit(Type::Instance(*base), Polarity::Positive, 0);
    }
    for name in crate::class::class_member_names(db, class) {
        if !is_public_interface(&name) {
            continue;
        }
        let Some(member) = crate::class::own_class_member(db, class, &name) else { continue };
        match member.ty {
            Type::Function(function) => walk.visit_method(function),
            ty if is_read_only_attribute(db, class, &name) => walk.visit(ty, Polarity::Positive, 0),
            ty => walk.visit(ty, Polarity::Invariant, 0),
        }
    }
    walk.usage.variance()
}

/// Where `parameter` of `class` occurs in `ty`, a type that sits in an output position of
/// the class's interface (`output`, a return type) or an input one (a parameter type): the
/// variance that single use implies, `None` when it does not occur.
pub(crate) fn variance_of_use<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, parameter: TypeVarType<'db>, ty: Type<'db>, output: bool) -> Option<Variance> {
    let mut walk = PolarityWalk { db, class, parameter, usage: Usage::default() };
    walk.visit(ty, if output { Polarity::Positive } else { Polarity::Negative }, 0);
    (walk.usage.positive || walk.usage.negative).then(|| walk.usage.variance())
}

/// A cycle (inferring the variance needs a relation that needs the variance): assume the
/// strictest answer.
fn inferred_variance_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>, _parameter: TypeVarType<'db>) -> Variance {
    Variance::Invariant
}

/// Whether a member takes part in variance inference.
fn is_public_interface(name: &str) -> bool {
    if name == "__init__" || name == "__new__" {
        return false;
    }
    let is_dunder = name.starts_with("__") && name.ends_with("__");
    is_dunder || !name.starts_with('_')
}

/// Whether an attribute can only be read (so it is only an output): declared `Final`, a
/// field of a frozen dataclass, or a field of a named tuple. `Final` may be declared in the
/// class body or on `self` in a method (`self.x: Final = x`).
fn is_read_only_attribute<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> bool {
    let frozen = crate::class::dataclass::dataclass_params(db, class).as_ref().is_some_and(|params| params.frozen);
    frozen || crate::class::namedtuple::defines_named_tuple(db, class) || crate::definitions::final_reassignment::declares_final_attribute(db, class, name)
}

/// Where an occurrence sits: in an output (covariant), an input (contravariant) or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Polarity {
    Positive,
    Negative,
    Invariant,
}

impl Polarity {
    fn flip(self) -> Self {
        match self {
            Self::Positive => Self::Negative,
            Self::Negative => Self::Positive,
            Self::Invariant => Self::Invariant,
        }
    }

    /// The polarity of a type argument whose parameter has `variance`, inside a position
    /// of polarity `self`.
    fn compose(self, variance: Variance) -> Self {
        match variance {
            Variance::Covariant => self,
            Variance::Contravariant => self.flip(),
            Variance::Invariant | Variance::Inferred => Self::Invariant,
        }
    }
}

/// The positions seen so far.
#[derive(Debug, Default, Clone, Copy)]
struct Usage {
    positive: bool,
    negative: bool,
    /// The class names itself with the parameter in its own slot in an input position
    /// (`def merge(self, other: C[T])`).
    recursive_input: bool,
}

impl Usage {
    fn record(&mut self, polarity: Polarity) {
        match polarity {
            Polarity::Positive => self.positive = true,
            Polarity::Negative => self.negative = true,
            Polarity::Invariant => {
                self.positive = true;
                self.negative = true;
            }
        }
    }

    /// Unused parameters are bivariant; the spec's test (is `C[T]` assignable to
    /// `C[object]`?) then says covariant.
    ///
    /// A use of `C[T]` itself at some position puts `T` there composed with the variance
    /// being decided: as an output it agrees with either answer, as an input it flips it
    /// (`C[T]` taken by a covariant `C` asks `C[object]` to fit `C[T]`), so a parameter
    /// used in any other way is then invariant.
    fn variance(self) -> Variance {
        match (self.positive, self.negative) {
            (true, true) => Variance::Invariant,
            (true, false) | (false, true) if self.recursive_input => Variance::Invariant,
            (false, true) => Variance::Contravariant,
            _ => Variance::Covariant,
        }
    }
}

struct PolarityWalk<'db> {
    db: &'db dyn Db,
    class: ClassLiteral<'db>,
    parameter: TypeVarType<'db>,
    usage: Usage,
}

impl<'db> PolarityWalk<'db> {
    fn visit_method(&mut self, function: FunctionType<'db>) {
        let db = self.db;
        if function.has(db, FunctionFlags::PROPERTY) {
            // The getter's return is read; the setter's parameters are written.
            let accessors = crate::infer::property_accessors::property_accessors(db, function);
            if let Some(getter) = accessors.getter {
                self.visit(getter.declared_return_type(db), Polarity::Positive, 0);
            }
            if let Some(setter) = accessors.setter {
                self.visit_signatures(setter, false);
            }
            return;
        }
        self.visit_signatures(function, true);
    }

    /// The parameters (after the receiver) as inputs and, when `with_return`, the return
    /// type as an output, for every overload.
    fn visit_signatures(&mut self, function: FunctionType<'db>, with_return: bool) {
        let db = self.db;
        let skip = usize::from(!function.has(db, FunctionFlags::STATICMETHOD));
        for signature in crate::function::declared_signatures(db, function) {
            for parameter in signature.parameters.iter().skip(skip) {
                self.visit(parameter.annotated, Polarity::Negative, 0);
            }
            if with_return {
                self.visit(signature.return_type, Polarity::Positive, 0);
            }
        }
    }

    fn visit(&mut self, ty: Type<'db>, polarity: Polarity, depth: u32) {
        if depth > MAX_DEPTH {
            return;
        }
        let db = self.db;
        let depth = depth + 1;
        match ty {
            Type::TypeVar(typevar) | Type::SubclassOfTypeVar(typevar) if typevar == self.parameter => self.usage.record(polarity),
            Type::Instance(class) | Type::ClassObject(class) | Type::SubclassOf(class) => {
                let parameters = crate::class::type_parameters(db, class.class(db));
                for (index, argument) in class.arguments(db).iter().enumerate() {
                    let Some(parameter) = parameters.get(index) else { continue };
                    let variance = if class.class(db) == self.class && *parameter == self.parameter {
                        // The class refers to itself with the parameter in its own slot: that
                        // use depends on the variance being decided (see `Usage::variance`).
                        if matches!(argument, Type::TypeVar(t) if *t == self.parameter) {
                            self.usage.recursive_input |= polarity != Polarity::Positive;
                            continue;
                        }
                        Variance::Invariant
                    } else {
                        crate::class::variance_of(db, class.class(db), *parameter)
                    };
                    self.visit(*argument, polarity.compose(variance), depth);
                }
            }
            Type::Union(union) => {
                for element in union.elements(db) {
                    self.visit(*element, polarity, depth);
                }
            }
            Type::Tuple(tuple) => {
                for element in tuple.prefix(db).iter().chain(tuple.variadic(db).iter()).chain(tuple.suffix(db)) {
                    self.visit(*element, polarity, depth);
                }
            }
            Type::Callable(callable) => {
                for signature in callable.signatures(db) {
                    for parameter in &signature.parameters {
                        self.visit(parameter.annotated, polarity.flip(), depth);
                    }
                    self.visit(signature.return_type, polarity, depth);
                }
            }
            Type::TypeGuard(guard) => {
                let variance = if guard.kind(db) == crate::types::GuardKind::TypeIs { Variance::Invariant } else { Variance::Covariant };
                self.visit(guard.guarded(db), polarity.compose(variance), depth);
            }
            Type::TypeFormOf(form) => self.visit(form.denoted(db), polarity, depth),
            _ => {}
        }
    }
}

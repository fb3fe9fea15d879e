//! Variance of a generic protocol's type variables as its members use them, checked against
//! the declared variance: a variable only returned should be covariant, one only accepted
//! contravariant, and a declared covariant (contravariant) variable must not be accepted
//! (returned).

use pytc_db::{Db, declare_rule};
use pytc_syntax::ast;

use crate::class;
use crate::function::FunctionFlags;
use crate::infer::InferContext;
use crate::types::{ClassLiteral, Type, TypeVarKind, TypeVarType, Variance};

declare_rule! {
    /// A generic protocol declares a type variable with a variance that does not match how
    /// its members use it.
    ///
    /// ```python
    /// T = TypeVar("T")
    ///
    /// class Box(Protocol[T]):  # error: [invalid-protocol-variance]
    ///     def content(self) -> T: ...  # `T` is only returned: it should be covariant
    /// ```
    pub static INVALID_PROTOCOL_VARIANCE = {
        name: "invalid-protocol-variance",
        summary: "a protocol's type variable is declared with a variance its members contradict",
        level: Error,
    }
}

/// Where a type variable occurs: in an output (covariant) or input (contravariant) position.
#[derive(Debug, Clone, Copy, Default)]
struct Usage {
    output: bool,
    input: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Polarity {
    Output,
    Input,
    Both,
}

impl Polarity {
    fn flipped(self) -> Self {
        match self {
            Polarity::Output => Polarity::Input,
            Polarity::Input => Polarity::Output,
            Polarity::Both => Polarity::Both,
        }
    }

    fn through(self, variance: Variance) -> Self {
        match variance {
            Variance::Covariant => self,
            Variance::Contravariant => self.flipped(),
            Variance::Invariant | Variance::Inferred => Polarity::Both,
        }
    }
}

/// Report the declared type variables of the protocol class `literal` whose variance
/// disagrees with their use.
pub(crate) fn check_protocol_variance<'db>(context: &mut InferContext<'db>, literal: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    if !class::is_protocol(db, literal) {
        return;
    }
    let parameters: Vec<TypeVarType<'db>> = class::type_parameters(db, literal)
        .iter()
        .copied()
        .filter(|parameter| parameter.kind(db) == TypeVarKind::TypeVar && parameter.variance(db) != Variance::Inferred)
        .collect();
    if parameters.is_empty() {
        return;
    }
    let mut usages: Vec<(TypeVarType<'db>, Usage)> = parameters.iter().map(|parameter| (*parameter, Usage::default())).collect();
    for name in class::class_member_names(db, literal) {
        if matches!(name.as_str(), "__init__" | "__new__") {
            continue;
        }
        let Some(member) = class::own_class_member(db, literal, &name) else { continue };
        member_usage(db, member.ty, &mut usages);
    }
    // Inherited members use the variables as the bases' own variance says (`Future[T]`
    // makes `T` invariant even in a protocol with no members of its own).
    for base in &class::class_header(db, literal).bases {
        walk(db, Type::Instance(*base), Polarity::Output, &mut usages, 0);
    }
    for (parameter, usage) in usages {
        let declared = parameter.variance(db);
        let name = parameter.name(db);
        let message = match declared {
            Variance::Invariant if !usage.input => format!("Type variable `{name}` is used only covariantly in the protocol: it should be covariant"),
            Variance::Invariant if !usage.output => {
                format!("Type variable `{name}` is used only contravariantly in the protocol: it should be contravariant")
            }
            Variance::Covariant if usage.input => format!("Covariant type variable `{name}` is used in an input position (a parameter or a mutable attribute)"),
            Variance::Contravariant if usage.output => {
                format!("Contravariant type variable `{name}` is used in an output position (a return type or an attribute)")
            }
            _ => continue,
        };
        context.report(node.name.range, &INVALID_PROTOCOL_VARIANCE, message);
    }
}

/// Record how one member of the protocol uses the type variables.
fn member_usage<'db>(db: &'db dyn Db, member: Type<'db>, usages: &mut [(TypeVarType<'db>, Usage)]) {
    let Type::Function(function) = member else {
        // A mutable attribute is read and written.
        walk(db, member, Polarity::Both, usages, 0);
        return;
    };
    if function.has(db, FunctionFlags::PROPERTY) {
        // Read through the getter; written as well when there is a setter.
        let accessors = crate::infer::property_accessors::property_accessors(db, function);
        let getter_return = accessors.getter.map_or(Type::UNKNOWN, |getter| getter.declared_return_type(db));
        walk(db, getter_return, if accessors.setter.is_some() { Polarity::Both } else { Polarity::Output }, usages, 0);
        return;
    }
    for signature in crate::function::declared_signatures(db, function) {
        walk(db, signature.return_type, Polarity::Output, usages, 0);
        if function.has(db, FunctionFlags::PROPERTY) {
            continue;
        }
        // The receiver (`self`/`cls`) does not count.
        let skip = usize::from(!function.has(db, FunctionFlags::STATICMETHOD));
        for parameter in signature.parameters.iter().skip(skip) {
            walk(db, parameter.annotated, Polarity::Input, usages, 0);
        }
    }
}

fn walk<'db>(db: &'db dyn Db, ty: Type<'db>, polarity: Polarity, usages: &mut [(TypeVarType<'db>, Usage)], depth: u32) {
    if depth > 32 {
        return;
    }
    let depth = depth + 1;
    match ty {
        Type::TypeVar(typevar) | Type::SubclassOfTypeVar(typevar) => {
            if let Some((_, usage)) = usages.iter_mut().find(|(parameter, _)| *parameter == typevar) {
                usage.output |= polarity != Polarity::Input;
                usage.input |= polarity != Polarity::Output;
            }
        }
        Type::Union(union) => {
            for element in union.elements(db) {
                walk(db, *element, polarity, usages, depth);
            }
        }
        Type::Instance(class) | Type::SubclassOf(class) | Type::ClassObject(class) => {
            let literal = class.class(db);
            let parameters = class::type_parameters(db, literal);
            for (index, argument) in class.arguments(db).iter().enumerate() {
                let variance = parameters.get(index).map_or(Variance::Invariant, |parameter| class::variance_of(db, literal, *parameter));
                walk(db, *argument, polarity.through(variance), usages, depth);
            }
        }
        Type::Tuple(tuple) => {
            for element in tuple.prefix(db).iter().chain(tuple.variadic(db).iter()).chain(tuple.suffix(db)) {
                walk(db, *element, polarity, usages, depth);
            }
        }
        Type::Callable(callable) => {
            for signature in callable.signatures(db) {
                walk(db, signature.return_type, polarity, usages, depth);
                for parameter in &signature.parameters {
                    walk(db, parameter.annotated, polarity.flipped(), usages, depth);
                }
            }
        }
        Type::TypeGuard(guard) => {
            let variance = if guard.kind(db) == crate::types::GuardKind::TypeIs { Variance::Invariant } else { Variance::Covariant };
            walk(db, guard.guarded(db), polarity.through(variance), usages, depth);
        }
        Type::TypeFormOf(form) => walk(db, form.denoted(db), polarity, usages, depth),
        _ => {}
    }
}

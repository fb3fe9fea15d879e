//! PEP 696 defaults where type arguments are left out: a generic alias used bare or with
//! too few arguments, and a bare generic class object (`Bar` is `type[Bar[str]]` when its
//! parameter defaults to `str`). Each missing argument is the parameter's default, with
//! the earlier parameters' arguments substituted into it, or `Unknown` without one.

use pytc_db::Db;
use pytc_syntax::TextRange;
use pytc_syntax::ast;

use crate::generics::Specialization;
use crate::infer::InferContext;
use crate::infer::annotation::{INVALID_TYPE_ARGUMENT, INVALID_TYPE_FORM};
use crate::types::{ClassType, Type, TypeVarKind, TypeVarType};

/// `parameters` mapped to `arguments`, the missing ones to their defaults (or `Unknown`).
pub(crate) fn specialization_with_defaults<'db>(db: &'db dyn Db, parameters: &[TypeVarType<'db>], arguments: &[Type<'db>]) -> Specialization<'db> {
    let mut specialization = Specialization::default();
    for (index, parameter) in parameters.iter().enumerate() {
        let argument = match arguments.get(index) {
            Some(argument) => *argument,
            None => match parameter.default(db) {
                Some(default) => specialization.apply(db, default),
                None => unknown_argument(db, *parameter),
            },
        };
        specialization.insert(*parameter, argument);
    }
    specialization
}

/// The argument a parameter without a default takes when left out: `Unknown`, or any
/// number of them for a TypeVarTuple.
fn unknown_argument<'db>(db: &'db dyn Db, parameter: TypeVarType<'db>) -> Type<'db> {
    match parameter.kind(db) {
        TypeVarKind::TypeVarTuple => Type::Tuple(crate::types::TupleType::homogeneous(db, Type::UNKNOWN)),
        _ => Type::UNKNOWN,
    }
}

/// A bare generic class object seen as its default specialization, when any of its
/// parameters has a default (otherwise it stays bare: every argument unknown).
pub(crate) fn with_default_arguments<'db>(db: &'db dyn Db, class: ClassType<'db>) -> ClassType<'db> {
    if !class.arguments(db).is_empty() {
        return class;
    }
    let parameters = crate::class::type_parameters(db, class.class(db));
    if parameters.is_empty() || parameters.iter().all(|p| p.default(db).is_none()) {
        return class;
    }
    let specialization = specialization_with_defaults(db, parameters, &[]);
    let arguments: Box<[Type<'db>]> = parameters.iter().map(|p| specialization.apply(db, Type::TypeVar(*p))).collect();
    ClassType::new(db, class.class(db), arguments)
}

/// A bare generic class with every argument spelled out: its parameters' defaults, or
/// `Unknown` (a TypeVarTuple's `*tuple[Unknown, ...]`) without one. A class that is not
/// generic is unchanged.
pub(crate) fn with_every_argument<'db>(db: &'db dyn Db, class: ClassType<'db>) -> ClassType<'db> {
    let parameters = crate::class::type_parameters(db, class.class(db));
    if !class.arguments(db).is_empty() || parameters.is_empty() {
        return class;
    }
    let specialization = specialization_with_defaults(db, parameters, &[]);
    let arguments: Box<[Type<'db>]> = parameters.iter().map(|parameter| specialization.apply(db, Type::TypeVar(*parameter))).collect();
    ClassType::new(db, class.class(db), arguments)
}

/// The type a bare reference to a generic alias (`value`, resolved to `ty`) spells: its
/// type variables replaced by their defaults (or `Unknown`). Other names are unchanged.
pub(crate) fn bare_alias_type<'db>(db: &'db dyn Db, value: Type<'db>, ty: Type<'db>) -> Type<'db> {
    let is_alias = match value {
        Type::ClassObject(class) => !class.arguments(db).is_empty(),
        Type::TypeForm(_) => true,
        _ => false,
    };
    if !is_alias {
        return ty;
    }
    let parameters = alias_parameters(db, ty);
    if parameters.is_empty() {
        return ty;
    }
    specialization_with_defaults(db, &parameters, &[]).apply(db, ty)
}

/// The type a bare generic class in a type expression spells (`x: Old`, `value` resolved to
/// `ty`): its default specialization, like the class object's. Other types are unchanged.
pub(crate) fn bare_class_type<'db>(db: &'db dyn Db, value: Type<'db>, ty: Type<'db>) -> Type<'db> {
    match (value, ty) {
        (Type::ClassObject(object), Type::Instance(class)) if object == class => Type::Instance(with_default_arguments(db, class)),
        _ => ty,
    }
}

/// The type variables of a generic alias's value, in order of first appearance (`Self`
/// excluded: it belongs to the class the alias is used in).
pub(crate) fn alias_parameters<'db>(db: &'db dyn Db, denoted: Type<'db>) -> Vec<TypeVarType<'db>> {
    let mut parameters = Vec::new();
    crate::class::header::collect_typevars(db, denoted, &mut parameters);
    parameters.retain(|p| &**p.name(db) != "Self");
    parameters
}

impl<'db> InferContext<'db> {
    /// Report a number of type arguments a generic alias does not take (more than its
    /// parameters, or fewer than those without a default; any for an alias of a type with
    /// no type variables), and an argument outside its parameter's bound or constraints (a
    /// quiet context, which may be evaluating one of these bounds, skips that check).
    pub(crate) fn check_alias_arity(&mut self, alias: &ast::Expr, denoted: Type<'db>, arguments: &[Type<'db>], range: TextRange) {
        let db = self.db;
        let argument_count = arguments.len();
        // A part pytc does not model (a ParamSpec in `Callable[P, R]`, an unpacked
        // TypeVarTuple) may hide parameters.
        if denoted.contains_todo(db) {
            return;
        }
        let parameters = alias_parameters(db, denoted);
        if parameters.iter().any(|p| p.kind(db) != TypeVarKind::TypeVar) {
            return;
        }
        let name = crate::infer::annotation::expression_text(alias);
        let required = parameters.iter().rposition(|p| p.default(db).is_none()).map_or(0, |last| last + 1);
        let expected = if required == parameters.len() { format!("{required}") } else { format!("{required} to {}", parameters.len()) };
        let message = if parameters.is_empty() {
            Some(format!("`{name}` is an alias of `{}`, which has no type variables: it takes no type arguments", denoted.display(db)))
        } else if argument_count > parameters.len() {
            Some(format!("Too many type arguments for generic alias `{name}`: expected {expected}, got {argument_count}"))
        } else if argument_count < required {
            Some(format!("Too few type arguments for generic alias `{name}`: expected {expected}, got {argument_count}"))
        } else {
            None
        };
        if let Some(message) = message {
            self.report(range, &INVALID_TYPE_FORM, message);
            return;
        }
        if !self.is_reporting() {
            return;
        }
        for (parameter, argument) in parameters.iter().zip(arguments) {
            if !crate::generics::argument_bounds::fits_parameter(db, *parameter, *argument) {
                self.report(
                    range,
                    &INVALID_TYPE_ARGUMENT,
                    format!("Type argument `{}` does not satisfy type variable `{}` of the generic alias", argument.display(db), parameter.name(db)),
                );
            }
        }
    }
}

//! `NewType("UserId", int)`: a distinct nominal subtype of a class. pytc models it as a
//! class whose identity is the assignment `UserId = NewType(...)`, whose only base is the
//! given class, whose constructor takes one argument of the base type, and whose metaclass
//! is `typing.NewType` (the runtime object is not a class: it cannot be subclassed, tested
//! with `isinstance`, or assigned to `type`).

use pytc_db::{Db, declare_rule};
use pytc_semantic::DefinitionKind;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::class::header::{ClassFlags, ClassHeader};
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, ClassType, Parameter, ParameterKind, Signature, Type};

declare_rule! {
    /// A malformed `NewType(...)` call: a name that differs from the variable, a base that
    /// is not a plain class (a union, a literal, a protocol, a TypedDict, `Any`, a generic
    /// with type variables), or the wrong number of arguments.
    ///
    /// ```python
    /// from typing import NewType
    /// UserId = NewType("UserID", int)  # error: [invalid-newtype]
    /// Number = NewType("Number", int | float)  # error: [invalid-newtype]
    /// ```
    pub static INVALID_NEWTYPE = {
        name: "invalid-newtype",
        summary: "a `NewType(...)` definition is malformed",
        level: Error,
    }
}

/// Whether `class` was created by a `NewType(...)` call rather than a `class` statement.
pub(crate) fn is_new_type(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    matches!(definition.definition(db).kind, DefinitionKind::Assignment(_))
        && crate::class::functional::functional_kind(db, class) == Some(crate::class::functional::FunctionalKind::NewType)
}

/// The base type a NewType was given (its second argument as a type expression). A query:
/// the class header, the constructor and every relation of the new type read it.
#[salsa::tracked(returns(copy), cycle_result = base_cycle)]
pub(crate) fn new_type_base<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Type<'db> {
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    let Some(base) = crate::class::assigned_call::assigned_call(db, definition).and_then(|call| call.arguments.args.get(1)) else {
        return Type::UNKNOWN;
    };
    let mut context = InferContext::for_definition(db, definition);
    context.type_expression(base)
}

fn base_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> Type<'db> {
    Type::UNKNOWN
}

/// The header of a NewType class: its base class, no type parameters, `typing.NewType` as
/// its metaclass. `None` when `class` is not a NewType.
pub(crate) fn new_type_header<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<ClassHeader<'db>> {
    if !is_new_type(db, class) {
        return None;
    }
    let mut header = ClassHeader { bases: Vec::new(), metaclass: None, type_params: Vec::new(), flags: 0, invalid_bases: Vec::new(), tuple_base: None };
    match new_type_base(db, class) {
        Type::Instance(base) => header.bases.push(base),
        Type::Tuple(tuple) => {
            if let Type::Instance(tuple_class) = crate::class::tuple_instance(db, tuple.element_union(db)) {
                header.bases.push(tuple_class);
            }
            header.tuple_base = Some(tuple);
        }
        // An invalid base (reported at the call) leaves a class pytc cannot see into.
        _ => header.flags |= ClassFlags::DYNAMIC_BASE.bits(),
    }
    header.metaclass = crate::class::known::module_class(db, KnownModule::Typing, "NewType").map(|new_type| Type::ClassObject(ClassType::bare(db, new_type)));
    Some(header)
}

/// The members a NewType synthesizes: `__init__(item: Base, /)`, so that constructing it
/// takes exactly one value of the base type.
pub(crate) fn synthesized_member<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<Type<'db>> {
    if name != "__init__" || !is_new_type(db, class) {
        return None;
    }
    let base = match new_type_base(db, class) {
        base @ (Type::Instance(_) | Type::Tuple(_)) => base,
        _ => return None,
    };
    let item = Parameter { name: Some(Box::from("item")), kind: ParameterKind::PositionalOnly, annotated: base, has_annotation: true, has_default: false, unpacked_args: None };
    Some(crate::call::callable_of(db, vec![Signature { parameters: vec![item], return_type: Type::None, gradual_parameters: false }]))
}

/// Why a type cannot be the base of a NewType, or `None` when it can.
fn invalid_base_reason<'db>(db: &'db dyn Db, base: Type<'db>) -> Option<String> {
    let mut typevar = None;
    crate::generics::walk_typevars(db, base, &mut |found| {
        typevar.get_or_insert(found);
    });
    if let Some(typevar) = typevar {
        return Some(format!("The base of a NewType cannot be generic (it uses type variable `{}`)", typevar.name(db)));
    }
    match base {
        Type::Instance(class) => {
            let literal = class.class(db);
            if crate::class::is_protocol(db, literal) {
                Some(format!("The base of a NewType cannot be a protocol class (`{}`)", literal.name(db)))
            } else if crate::class::is_typed_dict(db, literal) {
                Some(format!("The base of a NewType cannot be a TypedDict (`{}`)", literal.name(db)))
            } else {
                None
            }
        }
        Type::Tuple(_) => None,
        Type::Dynamic(crate::types::DynamicType::Any) => Some("The base of a NewType cannot be `Any`".to_string()),
        Type::Dynamic(_) => None,
        Type::Union(_) => Some(format!("The base of a NewType cannot be a union (`{}`)", base.display(db))),
        Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::EnumLiteral(_) | Type::LiteralString => {
            Some(format!("The base of a NewType cannot be a literal type (`{}`)", base.display(db)))
        }
        other => Some(format!("The base of a NewType must be a class, not `{}`", other.display(db))),
    }
}

impl<'db> InferContext<'db> {
    /// `Name = NewType("Name", Base)`: the NewType class, after checking the call's form.
    pub(crate) fn new_type_call(&mut self, call: &ast::ExprCall) -> Type<'db> {
        let db = self.db;
        let definition = crate::class::assigned_call::assignment_of_call(db, self.file, call);
        let variable = definition.and_then(|definition| crate::class::assigned_call::assigned_name(db, definition));
        if self.is_reporting() {
            self.check_new_type_arguments(call, variable.as_deref());
        }
        let (Some(definition), Some(variable)) = (definition, variable) else { return Type::UNKNOWN };
        let class = ClassLiteral::new(db, self.file, definition.id(db), Box::<str>::from(variable.as_str()));
        Type::ClassObject(ClassType::bare(db, class))
    }

    fn check_new_type_arguments(&mut self, call: &ast::ExprCall, variable: Option<&str>) {
        let arguments = &call.arguments;
        for keyword in &arguments.keywords {
            self.infer_expression(&keyword.value);
            self.report(keyword.range(), &INVALID_NEWTYPE, "`NewType` takes its name and base class as positional arguments");
        }
        let [name, base, extra @ ..] = &arguments.args[..] else {
            for argument in &arguments.args {
                self.infer_expression(argument);
            }
            self.report(call.range(), &INVALID_NEWTYPE, "`NewType` takes exactly two arguments: a name and a base class");
            return;
        };
        self.infer_expression(name);
        match (name, variable) {
            (ast::Expr::StringLiteral(literal), Some(variable)) if literal.value.to_str() != variable => self.report(
                name.range(),
                &INVALID_NEWTYPE,
                format!("The name of a NewType (`{}`) must match the variable it is assigned to (`{variable}`)", literal.value.to_str()),
            ),
            (ast::Expr::StringLiteral(_), _) => {}
            _ => self.report(name.range(), &INVALID_NEWTYPE, "The first argument of `NewType` must be a string literal"),
        }
        if variable.is_none() {
            self.report(call.range(), &INVALID_NEWTYPE, "A `NewType(...)` must be assigned to a variable of the same name");
        }
        let base_type = self.type_expression(base);
        if let Some(reason) = invalid_base_reason(self.db, base_type) {
            self.report(base.range(), &INVALID_NEWTYPE, reason);
        }
        for argument in extra {
            self.infer_expression(argument);
        }
        if !extra.is_empty() {
            self.report(call.range(), &INVALID_NEWTYPE, "`NewType` takes exactly two arguments: a name and a base class");
        }
    }
}

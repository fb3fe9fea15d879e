//! Dataclasses (`@dataclass` and PEP 681 `dataclass_transform`): their options, fields and
//! the members the decorator synthesizes (`__init__`, ordering methods, `__hash__`,
//! `__match_args__`, `__slots__`, `__dataclass_fields__`).

mod converter;
mod fields;
mod params;

pub use converter::ConverterProblem;
pub use fields::{DataclassField, all_fields, own_fields};
pub use params::{DataclassParams, dataclass_params, is_dataclass};

use pytc_db::Db;

use crate::class::KnownClass;
use crate::types::{ClassLiteral, ClassType, Parameter, ParameterKind, Signature, TupleType, Type};

/// The member the dataclass machinery gives `class` under `name`, when its body does not
/// define one.
pub fn synthesized_member<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<Type<'db>> {
    let params = dataclass_params(db, class).as_ref()?;
    let self_type = Type::Instance(crate::class::members::specialized_by_own_parameters(db, class));
    let bool_type = KnownClass::Bool.instance(db);
    match name {
        "__init__" if params.init => Some(method(db, init_parameters(db, class), Type::None)),
        "__lt__" | "__le__" | "__gt__" | "__ge__" if params.order => {
            let other = Parameter { name: Some(Box::from("other")), kind: ParameterKind::PositionalOnly, annotated: self_type, has_annotation: true, has_default: false, unpacked_args: None };
            Some(method(db, vec![other], bool_type))
        }
        "__hash__" => {
            if params.unsafe_hash || (params.eq && params.frozen) {
                Some(method(db, Vec::new(), KnownClass::Int.instance(db)))
            } else if params.eq {
                Some(Type::None)
            } else {
                None
            }
        }
        "__match_args__" if params.match_args => {
            let names = all_fields(db, class).iter().filter(|field| field.init && !field.kw_only).map(|field| Type::string_literal(db, field.parameter_name()));
            Some(Type::Tuple(TupleType::fixed(db, names.collect::<Vec<_>>())))
        }
        "__slots__" if params.slots => {
            let names = all_fields(db, class).iter().filter(|field| !field.init_var).map(|field| Type::string_literal(db, &field.name));
            Some(Type::Tuple(TupleType::fixed(db, names.collect::<Vec<_>>())))
        }
        "__dataclass_fields__" => {
            let field_class = crate::class::known::module_class(db, crate::modules::KnownModule::Dataclasses, "Field")?;
            let field = Type::Instance(ClassType::new(db, field_class, Box::from([Type::ANY])));
            let dict = KnownClass::Dict.class(db)?;
            Some(Type::Instance(ClassType::new(db, dict, Box::from([KnownClass::Str.instance(db), field]))))
        }
        _ => None,
    }
}

/// A synthesized method as a callable already bound to its receiver.
fn method<'db>(db: &'db dyn Db, parameters: Vec<Parameter<'db>>, return_type: Type<'db>) -> Type<'db> {
    crate::call::callable_of(db, vec![Signature { parameters, return_type, gradual_parameters: false }])
}

/// The parameters of the synthesized `__init__`: positional fields in order, then the
/// keyword-only ones.
fn init_parameters<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<Parameter<'db>> {
    let fields = all_fields(db, class);
    let parameter = |field: &DataclassField<'db>, kind| {
        // Base-class fields are seen through the type arguments the class gives its bases.
        let owner_view = crate::class::find_ancestor(db, crate::class::members::specialized_by_own_parameters(db, class), field.owner);
        let annotated = owner_view.map_or(field.init_type, |owner| crate::class::specialization_of(db, owner).apply(db, field.init_type));
        Parameter { name: Some(Box::from(field.parameter_name())), kind, annotated, has_annotation: true, has_default: field.has_default, unpacked_args: None }
    };
    let positional = fields.iter().filter(|field| field.init && !field.kw_only).map(|field| parameter(field, ParameterKind::PositionalOrKeyword));
    let keyword = fields.iter().filter(|field| field.init && field.kw_only).map(|field| parameter(field, ParameterKind::KeywordOnly));
    positional.chain(keyword).collect()
}

/// Whether `class` or an ancestor is decorated by a function named `dataclass` that pytc
/// cannot model (neither the standard one nor a `dataclass_transform`): its constructor
/// and members are then unknown rather than wrong.
pub fn has_unmodeled_dataclass(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    is_unmodeled_dataclass(db, class) || ancestor_is_unmodeled_dataclass(db, class)
}

/// Whether a class of `class`'s MRO (not `class` itself) is an unmodeled dataclass.
#[salsa::tracked(returns(copy), cycle_result = crate::class::lineage::no_ancestor)]
fn ancestor_is_unmodeled_dataclass<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> bool {
    crate::class::lineage::any_ancestor(db, class, ancestor_is_unmodeled_dataclass, |ancestor| is_unmodeled_dataclass(db, ancestor))
}

fn is_unmodeled_dataclass(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    crate::class::flags(db, class).contains(crate::class::ClassFlags::DATACLASS) && !is_dataclass(db, class)
}

/// What `obj.<name> = value` accepts for a field of dataclass `class` (as its instances see
/// it) that has a converter: the converter's input rather than the field's declared type.
pub fn converted_field_input<'db>(db: &'db dyn Db, class: ClassType<'db>, name: &str) -> Option<Type<'db>> {
    let literal = class.class(db);
    dataclass_params(db, literal).as_ref()?;
    let field = all_fields(db, literal).iter().find(|field| &*field.name == name)?;
    let input = field.converter.as_ref()?.input;
    let owner_view = crate::class::find_ancestor(db, class, field.owner)?;
    Some(crate::class::specialization_of(db, owner_view).apply(db, input))
}

/// A declared `InitVar[T]` declares `T` (the value `__init__` receives).
pub fn unwrap_init_var<'db>(db: &'db dyn Db, declared: Type<'db>) -> Type<'db> {
    match declared {
        Type::Instance(class) if class.name(db) == "InitVar" && crate::modules::KnownModule::Dataclasses.is(db, class.class(db).file(db)) => {
            class.arguments(db).first().copied().unwrap_or(Type::UNKNOWN)
        }
        other => other,
    }
}

/// Whether `name` is an `InitVar` field of `class` without a default: an `__init__`
/// parameter only, never an attribute of the class or its instances.
pub fn is_init_only_field(db: &dyn Db, class: ClassLiteral<'_>, name: &str) -> bool {
    dataclass_params(db, class).is_some() && fields::own_fields(db, class).iter().any(|field| field.init_var && !field.has_default && &*field.name == name)
}

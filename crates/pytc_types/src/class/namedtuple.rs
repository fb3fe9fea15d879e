//! Named tuples defined with the class syntax (`class P(NamedTuple): x: int`) or by a call
//! (`class::functional`): their
//! fields, the members `NamedTuple` synthesizes (`__new__`, `_fields`, `_replace`,
//! `_asdict`, `_make`, `_field_defaults`, `__match_args__`) and the fixed-length tuple an instance is.

use pytc_db::Db;
use pytc_semantic::{DefinitionKind, UnitRange};
use pytc_syntax::ast::{self, HasNodeIndex};
use pytc_syntax::Ranged;

use crate::class::{ClassFlags, KnownClass};
use crate::infer::InferContext;
use crate::infer::annotation::Declared;
use crate::modules::KnownModule;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, ClassType, Parameter, ParameterKind, Signature, TupleType, Type};

/// One field of a named tuple.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct NamedTupleField<'db> {
    pub name: Box<str>,
    pub ty: Type<'db>,
    pub has_default: bool,
    /// The field's statement.
    pub range: UnitRange,
}

/// Whether `class` lists `NamedTuple` among its own bases (rather than inheriting from a
/// named tuple class).
pub fn defines_named_tuple(db: &dyn Db, class: ClassLiteral<'_>) -> bool {
    ClassFlags::from_bits_truncate(crate::class::class_header(db, class).flags).contains(ClassFlags::NAMED_TUPLE)
}

/// The fields of a class that lists `NamedTuple` as a base, in order. A query: every
/// construction, index and unpacking of the tuple reads them.
#[salsa::tracked(returns(ref), cycle_result = fields_cycle)]
pub fn named_tuple_fields<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<NamedTupleField<'db>> {
    if !defines_named_tuple(db, class) {
        return Vec::new();
    }
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    let DefinitionKind::Class(node) = &definition.definition(db).kind else {
        return crate::class::functional::functional_named_tuple_fields(db, class);
    };
    let Some(scope) = definition.index(db).scope_defined_by(node.node().node_index().load()) else { return Vec::new() };
    let mut context = InferContext::quiet(db, class.file(db), scope);
    let mut fields = Vec::new();
    collect_fields(&mut context, &node.body, &mut fields);
    fields
}

fn fields_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> Vec<NamedTupleField<'db>> {
    Vec::new()
}

fn collect_fields<'db>(context: &mut InferContext<'db>, body: &[ast::Stmt], fields: &mut Vec<NamedTupleField<'db>>) {
    for stmt in body {
        if !context.index.is_node_reachable(stmt) {
            continue;
        }
        match stmt {
            ast::Stmt::AnnAssign(assign) => {
                let ast::Expr::Name(target) = &*assign.target else { continue };
                let ty = match context.annotation_declared_type(&assign.annotation) {
                    Declared::Type(ty) => ty,
                    Declared::InferFromValue => Type::UNKNOWN,
                };
                fields.push(NamedTupleField { name: Box::from(target.id.as_str()), ty, has_default: assign.value.is_some(), range: UnitRange::new(context.index, assign.range()) });
            }
            ast::Stmt::If(if_stmt) => {
                collect_fields(context, &if_stmt.body, fields);
                for clause in &if_stmt.elif_else_clauses {
                    collect_fields(context, &clause.body, fields);
                }
            }
            _ => {}
        }
    }
}

/// The class (itself or an ancestor, with type arguments as `class` sees it) that defines
/// the named tuple `class` is or derives from.
pub(crate) fn defining_class<'db>(db: &'db dyn Db, class: ClassType<'db>) -> Option<ClassType<'db>> {
    if !crate::class::flags(db, class.class(db)).contains(ClassFlags::NAMED_TUPLE) {
        return None;
    }
    if defines_named_tuple(db, class.class(db)) {
        return Some(class);
    }
    let ancestor = crate::class::class_mro(db, class.class(db)).classes.iter().find(|entry| defines_named_tuple(db, entry.class(db)))?.class(db);
    crate::class::find_ancestor(db, class, ancestor)
}

/// A named tuple instance seen as `target`, `tuple` or one of its ancestors (`Iterable`,
/// `Sequence`): the `tuple[...]` of its fields' union. Its MRO has `tuple` as written, without
/// arguments (the fields are read from the body), so the MRO alone does not say what it holds.
pub fn named_tuple_as_sequence<'db>(db: &'db dyn Db, class: ClassType<'db>, target: ClassLiteral<'db>) -> Option<ClassType<'db>> {
    // Asked of every instance an assignability check meets: the class's flag rules out most
    // at once, before `tuple`'s ancestors are searched for `target`.
    defining_class(db, class)?;
    let tuple_class = KnownClass::Tuple.class(db)?;
    if target != tuple_class && !crate::class::is_subclass(db, tuple_class, target) {
        return None;
    }
    let tuple = tuple_of_instance(db, class)?;
    match crate::class::tuple_instance(db, tuple.element_union(db)) {
        Type::Instance(instance) => Some(instance),
        _ => None,
    }
}

/// The tuple an instance of a named tuple class, or of a class with a `tuple[...]` base,
/// is (`tuple[int, int, str]`).
pub fn tuple_of_instance<'db>(db: &'db dyn Db, class: ClassType<'db>) -> Option<TupleType<'db>> {
    let Some(defining) = defining_class(db, class) else { return tuple_base_of_instance(db, class) };
    let specialization = crate::class::specialization_of(db, defining);
    let elements: Vec<Type<'db>> = named_tuple_fields(db, defining.class(db)).iter().map(|field| specialization.apply(db, field.ty)).collect();
    Some(TupleType::fixed(db, elements))
}

/// The `tuple[...]` base of `class` or its nearest ancestor with one, as `class` sees it
/// (`sys.version_info` is a `tuple[int, int, int, str, int]`).
fn tuple_base_of_instance<'db>(db: &'db dyn Db, class: ClassType<'db>) -> Option<TupleType<'db>> {
    let literal = class.class(db);
    let owner = std::iter::once(literal)
        .chain(crate::class::class_mro(db, literal).classes.iter().map(|entry| entry.class(db)))
        .find(|candidate| crate::class::class_header(db, *candidate).tuple_base.is_some())?;
    // A class that redefines indexing or iteration is not read as its tuple.
    let from_tuple = |name: &str| {
        crate::class::class_member(db, class, name).is_none_or(|member| crate::class::known::is_known(db, member.owner, crate::class::KnownClass::Tuple))
    };
    if !from_tuple("__getitem__") || !from_tuple("__iter__") {
        return None;
    }
    let tuple = crate::class::class_header(db, owner).tuple_base?;
    let seen_as = crate::class::find_ancestor(db, class, owner)?;
    match crate::class::specialization_of(db, seen_as).apply(db, Type::Tuple(tuple)) {
        Type::Tuple(specialized) => Some(specialized),
        _ => Some(tuple),
    }
}

/// A named tuple instance as its tuple type; other types unchanged.
pub fn as_tuple<'db>(db: &'db dyn Db, ty: Type<'db>) -> Type<'db> {
    match ty {
        Type::Instance(class) => tuple_of_instance(db, class).map_or(ty, Type::Tuple),
        other => other,
    }
}

/// The member `NamedTuple` synthesizes for the class that defines the tuple.
pub fn synthesized_member<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<Type<'db>> {
    if !defines_named_tuple(db, class) {
        return None;
    }
    let fields = named_tuple_fields(db, class);
    let self_type = Type::Instance(crate::class::members::specialized_by_own_parameters(db, class));
    let parameter = |field: &NamedTupleField<'db>, kind, has_default| Parameter {
        name: Some(field.name.clone()),
        kind,
        annotated: field.ty,
        has_annotation: true,
        has_default,
        unpacked_args: None,
    };
    let names = || Type::Tuple(TupleType::fixed(db, fields.iter().map(|field| Type::string_literal(db, &field.name)).collect::<Vec<_>>()));
    let callable = |parameters, return_type| crate::call::callable_of(db, vec![Signature { parameters, return_type, gradual_parameters: false }]);
    match name {
        "__new__" => Some(callable(fields.iter().map(|field| parameter(field, ParameterKind::PositionalOrKeyword, field.has_default)).collect(), self_type)),
        // A copy of the receiver, whatever subclass it is (`SplitResult` from
        // `_SplitResultBase`): `Self`, which member access binds to the receiver.
        "_replace" => Some(callable(
            fields.iter().map(|field| parameter(field, ParameterKind::KeywordOnly, true)).collect(),
            Type::TypeVar(crate::infer::annotation::self_typevar(db, class)),
        )),
        "_fields" | "__match_args__" => Some(names()),
        "_asdict" => Some(callable(Vec::new(), str_to_any_dict(db)?)),
        "_field_defaults" => str_to_any_dict(db),
        // A classmethod building an instance from any iterable of the field values.
        "_make" => {
            let iterable = crate::class::known::module_class(db, KnownModule::Typing, "Iterable")?;
            let iterable = Parameter {
                name: Some(Box::from("iterable")),
                kind: ParameterKind::PositionalOrKeyword,
                annotated: Type::Instance(ClassType::new(db, iterable, Box::from([Type::ANY]))),
                has_annotation: true,
                has_default: false,
                unpacked_args: None,
            };
            Some(callable(vec![iterable], self_type))
        }
        // The fields themselves (a class statement's fields are its own members already).
        _ => fields.iter().find(|field| &*field.name == name).map(|field| field.ty),
    }
}

/// `dict[str, Any]`: what `_asdict()` returns and `_field_defaults` is.
fn str_to_any_dict<'db>(db: &'db dyn Db) -> Option<Type<'db>> {
    let dict = KnownClass::Dict.class(db)?;
    Some(Type::Instance(ClassType::new(db, dict, Box::from([KnownClass::Str.instance(db), Type::ANY]))))
}

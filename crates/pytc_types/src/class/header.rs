//! A class's header: everything the `class` line says (bases, metaclass, type parameters,
//! decorators), evaluated lazily and separately from the class body.

use bitflags::bitflags;
use pytc_db::Db;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, ClassType, SpecialForm, TupleType, Type, TypeVarType};

bitflags! {
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
    pub struct ClassFlags: u16 {
        const PROTOCOL = 1 << 0;
        const TYPED_DICT = 1 << 1;
        const FINAL = 1 << 2;
        const RUNTIME_CHECKABLE = 1 << 3;
        const NAMED_TUPLE = 1 << 4;
        const DATACLASS = 1 << 5;
        /// A base pytc cannot see into (`Any`, an unresolved import): unknown attributes
        /// are then not errors.
        const DYNAMIC_BASE = 1 << 6;
        /// `TypedDict` with `total=False`.
        const NOT_TOTAL = 1 << 7;
        /// Decorated `@disjoint_base` (PEP 800).
        const DISJOINT_BASE = 1 << 8;
        /// Decorated `@functools.total_ordering`.
        const TOTAL_ORDERING = 1 << 9;
    }
}

/// What the `class` line declares.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct ClassHeader<'db> {
    /// Explicit class bases (specialized, e.g. `list[T]`), in order; special bases like
    /// `Generic[T]` and `Protocol` are not included.
    pub bases: Vec<ClassType<'db>>,
    pub metaclass: Option<Type<'db>>,
    pub type_params: Vec<TypeVarType<'db>>,
    /// `ClassFlags` bits of the class's own header (its bases, keywords and decorators).
    /// What it inherits (`class::flags`) comes from its MRO, so a header never depends on
    /// another class's header and a cyclic hierarchy still has its bases recorded.
    pub flags: u16,
    /// Bases that are not classes: (index of the base expression, its type).
    pub invalid_bases: Vec<(u32, Type<'db>)>,
    /// A `tuple[...]` base, kept whole (`class V(tuple[int, str])` indexes like that tuple).
    pub tuple_base: Option<TupleType<'db>>,
}

/// The header of a class. A query: every attribute lookup and relation walks the MRO,
/// which is built from headers, and a header only changes when the `class` line does.
#[salsa::tracked(returns(ref), cycle_result = header_cycle)]
pub fn class_header<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> ClassHeader<'db> {
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    let pytc_semantic::DefinitionKind::Class(node) = &definition.definition(db).kind else {
        return crate::class::new_type::new_type_header(db, class).or_else(|| functional_class_header(db, class)).unwrap_or_else(empty_header);
    };
    let mut context = InferContext::for_definition(db, definition);
    // Stubs may name classes defined later in their bases.
    context.in_annotation = context.index.is_stub();
    context.in_class_header = true;
    let mut header = empty_header();
    let mut flags = ClassFlags::empty();
    let mut legacy_params: Vec<TypeVarType<'db>> = Vec::new();
    let mut generic_params: Option<Vec<TypeVarType<'db>>> = None;
    if let Some(type_params) = &node.type_params {
        for type_param in &type_params.type_params {
            if let Type::TypeVarObject(typevar) = context.type_param_type(type_param) {
                header.type_params.push(typevar);
            }
        }
    }
    if let Some(arguments) = &node.arguments {
        for (index, base) in arguments.args.iter().enumerate() {
            // `Generic[T, ...]` and `Protocol[T, ...]` declare the type parameters.
            if let ast::Expr::Subscript(subscript) = base
                && let Type::SpecialForm(form @ (SpecialForm::Generic | SpecialForm::Protocol)) = context.infer_expression(&subscript.value)
            {
                let mut params = Vec::new();
                let arguments: Vec<&ast::Expr> = match &*subscript.slice {
                    ast::Expr::Tuple(tuple) => tuple.elts.iter().collect(),
                    other => vec![other],
                };
                for argument in arguments {
                    // `*Ts` and `Unpack[Ts]` name the TypeVarTuple itself.
                    let ty = match context.unpacked_operand(argument) {
                        Some(operand) => match context.infer_expression(operand) {
                            Type::TypeVarObject(typevar) => Type::TypeVar(typevar),
                            other => other,
                        },
                        None => match context.param_spec_type_argument(argument) {
                            Some(param_spec @ Type::TypeVar(_)) => param_spec,
                            _ => context.type_expression(argument),
                        },
                    };
                    collect_typevars(db, ty, &mut params);
                }
                if form == SpecialForm::Protocol {
                    flags |= ClassFlags::PROTOCOL;
                }
                generic_params = Some(params);
                continue;
            }
            let base_type = context.infer_expression(base);
            // `class C(*bases)`: classes computed at runtime, which ones is not known.
            if matches!(base, ast::Expr::Starred(_)) {
                flags |= ClassFlags::DYNAMIC_BASE;
                continue;
            }
            match base_type {
                // A NewType is not a class at runtime: it cannot be subclassed.
                Type::ClassObject(base_class) if crate::class::new_type::is_new_type(db, base_class.class(db)) => header.invalid_bases.push((index as u32, base_type)),
                Type::ClassObject(base_class) => {
                    for argument in base_class.arguments(db) {
                        collect_typevars(db, *argument, &mut legacy_params);
                    }
                    header.bases.push(base_class);
                }
                Type::Dynamic(_) | Type::SpecialForm(SpecialForm::Any) => flags |= ClassFlags::DYNAMIC_BASE,
                // Some class, not known which (`class M(type(obj))`, a `type[C]` value): a
                // valid base whose members are unknown.
                Type::Instance(instance) if crate::class::known::is_known(db, instance.class(db), crate::class::KnownClass::Type) => {
                    flags |= ClassFlags::DYNAMIC_BASE;
                }
                Type::SubclassOf(_) | Type::SubclassOfTypeVar(_) => flags |= ClassFlags::DYNAMIC_BASE,
                Type::SpecialForm(SpecialForm::Protocol) => flags |= ClassFlags::PROTOCOL,
                Type::SpecialForm(SpecialForm::TypedDict) => flags |= ClassFlags::TYPED_DICT,
                Type::SpecialForm(SpecialForm::Generic) => {}
                Type::SpecialForm(SpecialForm::NamedTuple) => {
                    flags |= ClassFlags::NAMED_TUPLE;
                    if let Some(tuple) = crate::class::KnownClass::Tuple.class(db) {
                        header.bases.push(ClassType::bare(db, tuple));
                    }
                }
                Type::SpecialForm(SpecialForm::BuiltinAlias(alias)) => {
                    if let Some(class) = alias.class(db) {
                        header.bases.push(ClassType::bare(db, class));
                    }
                }
                Type::TypeForm(form) => match form.denoted(db) {
                    Type::Instance(base_class) => {
                        // `class Stack(List[T])`: the alias's arguments declare parameters too.
                        for argument in base_class.arguments(db) {
                            collect_typevars(db, *argument, &mut legacy_params);
                        }
                        header.bases.push(base_class);
                    }
                    Type::Tuple(tuple) => push_tuple_base(db, &mut header, tuple, &mut legacy_params),
                    Type::Dynamic(_) => flags |= ClassFlags::DYNAMIC_BASE,
                    _ => header.invalid_bases.push((index as u32, base_type)),
                },
                Type::Tuple(tuple) => push_tuple_base(db, &mut header, tuple, &mut legacy_params),
                Type::Union(union) => match union_base(db, union.elements(db)) {
                    Some(UnionBase { class, dynamic }) => {
                        if dynamic {
                            flags |= ClassFlags::DYNAMIC_BASE;
                        }
                        if let Some(base_class) = class {
                            for argument in base_class.arguments(db) {
                                collect_typevars(db, *argument, &mut legacy_params);
                            }
                            header.bases.push(base_class);
                        }
                    }
                    None => header.invalid_bases.push((index as u32, base_type)),
                },
                _ => header.invalid_bases.push((index as u32, base_type)),
            }
        }
        for keyword in &arguments.keywords {
            let Some(name) = &keyword.arg else { continue };
            match name.as_str() {
                "metaclass" => header.metaclass = Some(context.infer_expression(&keyword.value)),
                "total" => {
                    if matches!(&keyword.value, ast::Expr::BooleanLiteral(b) if !b.value) {
                        flags |= ClassFlags::NOT_TOTAL;
                    }
                }
                _ => {}
            }
        }
    }
    for decorator in &node.decorator_list {
        let callee = match &decorator.expression {
            ast::Expr::Call(call) => &*call.func,
            other => other,
        };
        if let Type::Function(function) = context.infer_expression(callee) {
            let is_typing = crate::infer::function::is_typing_function(db, function);
            match function.name(db).as_ref() {
                "final" if is_typing => flags |= ClassFlags::FINAL,
                "runtime_checkable" if is_typing => flags |= ClassFlags::RUNTIME_CHECKABLE,
                "disjoint_base" if is_typing => flags |= ClassFlags::DISJOINT_BASE,
                "dataclass" => flags |= ClassFlags::DATACLASS,
                "total_ordering" if crate::modules::KnownModule::Functools.is(db, function.file(db)) => flags |= ClassFlags::TOTAL_ORDERING,
                _ => {}
            }
        }
    }
    if header.type_params.is_empty() {
        header.type_params = generic_params.unwrap_or(legacy_params);
    }
    // A class that lists `Protocol` among its bases is made by typing's `_ProtocolMeta` (an
    // `ABCMeta`) unless it names a metaclass, and its subclasses inherit it:
    // `Sequence.register(C)` is `ABCMeta.register`.
    if header.metaclass.is_none() && flags.contains(ClassFlags::PROTOCOL) {
        header.metaclass = crate::class::known::module_class(db, crate::modules::KnownModule::Typing, "_ProtocolMeta")
            .filter(|meta| *meta != class)
            .map(|meta| Type::ClassObject(ClassType::bare(db, meta)));
    }
    header.flags = flags.bits();
    header
}

/// What a base whose value depends on the path taken is (`try: from fast import Base
/// except ImportError: Base = Fallback`, a class defined in both branches of an `if`).
struct UnionBase<'db> {
    /// The class every path gives, when all give the same one.
    class: Option<ClassType<'db>>,
    /// Some path gives a class pytc cannot see (an unresolved import, two different
    /// classes): its members are unknown.
    dynamic: bool,
}

/// A union of class objects (and unknown values) used as a base: the class when every
/// element is the same one, else a class whose members are unknown. `None` when an element
/// is not a class at all (`int | None`): that base is invalid.
fn union_base<'db>(db: &'db dyn Db, elements: &[Type<'db>]) -> Option<UnionBase<'db>> {
    let mut classes: Vec<ClassType<'db>> = Vec::new();
    let mut dynamic = false;
    for element in elements {
        match element {
            Type::ClassObject(class) if !crate::class::new_type::is_new_type(db, class.class(db)) => {
                if !classes.contains(class) {
                    classes.push(*class);
                }
            }
            Type::Dynamic(_) | Type::SpecialForm(SpecialForm::Any) | Type::SubclassOf(_) => dynamic = true,
            _ => return None,
        }
    }
    match classes.as_slice() {
        [class] => Some(UnionBase { class: Some(*class), dynamic }),
        _ => Some(UnionBase { class: None, dynamic: true }),
    }
}

/// A `tuple[...]` base: the class `tuple` of its elements, and the tuple kept whole. Its type
/// variables make the class generic, like any base's (`class Pair(tuple[list[T], int])`).
fn push_tuple_base<'db>(db: &'db dyn Db, header: &mut ClassHeader<'db>, tuple: TupleType<'db>, legacy_params: &mut Vec<TypeVarType<'db>>) {
    collect_typevars(db, Type::Tuple(tuple), legacy_params);
    if let Type::Instance(tuple_class) = crate::class::tuple_instance(db, tuple.element_union(db)) {
        header.bases.push(tuple_class);
    }
    header.tuple_base = Some(tuple);
}

/// Every TypeVar in `ty`, in order of first appearance.
pub(crate) fn collect_typevars<'db>(db: &'db dyn Db, ty: Type<'db>, found: &mut Vec<TypeVarType<'db>>) {
    crate::generics::walk_typevars(db, ty, &mut |typevar| {
        if !found.contains(&typevar) {
            found.push(typevar);
        }
    });
}

/// The header of a named tuple, TypedDict or enum class a call created: a `tuple` subclass
/// marked as a named tuple, a TypedDict (total unless `total=False`), or a subclass of the
/// enum class called; the call gives the fields or members.
fn functional_class_header<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<ClassHeader<'db>> {
    use crate::class::functional::{FunctionalKind, functional_kind};
    let mut header = empty_header();
    match functional_kind(db, class)? {
        FunctionalKind::NamedTupleFactory | FunctionalKind::TypedNamedTuple => {
            header.flags = ClassFlags::NAMED_TUPLE.bits();
            header.bases.push(ClassType::bare(db, crate::class::KnownClass::Tuple.class(db)?));
        }
        FunctionalKind::TypedDict => {
            let (_, call) = crate::class::functional::typed_dict_call(db, class)?;
            let mut flags = ClassFlags::TYPED_DICT;
            if crate::class::functional::is_not_total(call) {
                flags |= ClassFlags::NOT_TOTAL;
            }
            header.flags = flags.bits();
        }
        FunctionalKind::Enum => header.bases.push(crate::class::functional::functional_enum_base(db, class)?),
        FunctionalKind::NewType => return None,
    }
    Some(header)
}

fn empty_header<'db>() -> ClassHeader<'db> {
    ClassHeader { bases: Vec::new(), metaclass: None, type_params: Vec::new(), flags: 0, invalid_bases: Vec::new(), tuple_base: None }
}

fn header_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> ClassHeader<'db> {
    let mut header = empty_header();
    header.flags = ClassFlags::DYNAMIC_BASE.bits();
    header
}

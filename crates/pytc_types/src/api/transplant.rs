//! Comparing a type of one version of a library with a type of another, with the real type
//! relation. The two versions live in two databases, so the old type is rebuilt in the new
//! database: a class is found again by its module and qualified name (`pkg.mod.Outer.Inner`),
//! and literals, unions, tuples and callables are rebuilt around what their parts become.
//! A type that cannot be rebuilt (a class that no longer exists, a local class, a type
//! variable, a function object) makes the comparison undecided, never a silent pass.

use pytc_db::Db;
use pytc_semantic::{ScopeKind, semantic_index};

use crate::class::own_class_member;
use crate::infer::public::module_symbol;
use crate::types::{
    BytesLiteral, CallableType, ClassLiteral, ClassType, EnumLiteral, Parameter, Signature, StringLiteral, TupleType, Type, UnionBuilder,
};

/// Nesting beyond this is not rebuilt (the comparison is undecided).
const MAX_DEPTH: u32 = 32;

/// How a type of the old version and a type of the new one relate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CrossComparison {
    /// A value of the old type is assignable to the new type (a parameter accepting the new
    /// type still accepts what callers passed).
    pub old_assignable_to_new: bool,
    /// A value of the new type is assignable to the old type (a return of the new type still
    /// fits what callers expected).
    pub new_assignable_to_old: bool,
}

/// Compares `old` (of `old_db`) with `new` (of `new_db`), or `None` when the old type cannot
/// be rebuilt in the new database or either side is (partly) unknown, so the relation
/// cannot say anything.
pub fn compare_across<'a, 'b>(old_db: &'a dyn Db, old: Type<'a>, new_db: &'b dyn Db, new: Type<'b>) -> Option<CrossComparison> {
    if super::Knownness::of(old_db, old) != super::Knownness::Known || super::Knownness::of(new_db, new) != super::Knownness::Known {
        return None;
    }
    // A type variable stands for what each use makes of it: whether `T` fits `int` depends
    // on the caller, so a change to or from one is undecided.
    if mentions_typevar(old_db, old) || mentions_typevar(new_db, new) {
        return None;
    }
    let rebuilt = transplant(old_db, old, new_db, 0)?;
    Some(CrossComparison {
        old_assignable_to_new: rebuilt.is_assignable_to(new_db, new),
        new_assignable_to_old: new.is_assignable_to(new_db, rebuilt),
    })
}

fn mentions_typevar<'db>(db: &'db dyn Db, ty: Type<'db>) -> bool {
    let mut found = false;
    crate::generics::walk_typevars(db, ty, &mut |_| found = true);
    found
}

fn transplant<'a, 'b>(from: &'a dyn Db, ty: Type<'a>, to: &'b dyn Db, depth: u32) -> Option<Type<'b>> {
    if depth > MAX_DEPTH {
        return None;
    }
    pytc_syntax::ensure_stack(|| transplant_at(from, ty, to, depth + 1))
}

fn transplant_at<'a, 'b>(from: &'a dyn Db, ty: Type<'a>, to: &'b dyn Db, depth: u32) -> Option<Type<'b>> {
    let each = |types: &[Type<'a>]| types.iter().map(|ty| transplant(from, *ty, to, depth)).collect::<Option<Box<[Type<'b>]>>>();
    Some(match ty {
        Type::Dynamic(dynamic) => Type::Dynamic(dynamic),
        Type::Never => Type::Never,
        Type::None => Type::None,
        Type::LiteralString => Type::LiteralString,
        Type::IntLiteral(value) => Type::IntLiteral(value),
        Type::BoolLiteral(value) => Type::BoolLiteral(value),
        Type::StringLiteral(literal) => Type::StringLiteral(StringLiteral::new(to, literal.value(from).clone())),
        Type::BytesLiteral(literal) => Type::BytesLiteral(BytesLiteral::new(to, literal.value(from).clone())),
        Type::EnumLiteral(member) => {
            Type::EnumLiteral(EnumLiteral::new(to, find_class(from, member.class(from), to)?, member.name(from).clone()))
        }
        Type::Instance(class) => Type::Instance(transplant_class(from, class, to, depth)?),
        Type::ClassObject(class) => Type::ClassObject(transplant_class(from, class, to, depth)?),
        Type::SubclassOf(class) => Type::SubclassOf(transplant_class(from, class, to, depth)?),
        Type::Union(union) => {
            let mut builder = UnionBuilder::new(to);
            for element in each(union.elements(from))? {
                builder.add(element);
            }
            builder.build()
        }
        Type::Tuple(tuple) => {
            let variadic = match tuple.variadic(from) {
                Some(variadic) => Some(transplant(from, variadic, to, depth)?),
                None => None,
            };
            Type::Tuple(TupleType::new(to, each(tuple.prefix(from))?, variadic, each(tuple.suffix(from))?))
        }
        Type::Callable(callable) => {
            let signatures = callable
                .signatures(from)
                .iter()
                .map(|signature| transplant_signature(from, signature, to, depth))
                .collect::<Option<Box<[_]>>>()?;
            Type::Callable(CallableType::new(to, signatures))
        }
        _ => return None,
    })
}

fn transplant_signature<'a, 'b>(from: &'a dyn Db, signature: &Signature<'a>, to: &'b dyn Db, depth: u32) -> Option<Signature<'b>> {
    let parameters = signature
        .parameters
        .iter()
        .map(|parameter| {
            Some(Parameter {
                name: parameter.name.clone(),
                kind: parameter.kind,
                annotated: transplant(from, parameter.annotated, to, depth)?,
                has_annotation: parameter.has_annotation,
                has_default: parameter.has_default,
                unpacked_args: parameter.unpacked_args.clone(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    Some(Signature {
        parameters,
        return_type: transplant(from, signature.return_type, to, depth)?,
        gradual_parameters: signature.gradual_parameters,
    })
}

fn transplant_class<'a, 'b>(from: &'a dyn Db, class: ClassType<'a>, to: &'b dyn Db, depth: u32) -> Option<ClassType<'b>> {
    let literal = find_class(from, class.class(from), to)?;
    let arguments =
        class.arguments(from).iter().map(|argument| transplant(from, *argument, to, depth)).collect::<Option<Box<[_]>>>()?;
    Some(ClassType::new(to, literal, arguments))
}

/// The class of `to` with the module and qualified name `class` has in `from`.
fn find_class<'a, 'b>(from: &'a dyn Db, class: ClassLiteral<'a>, to: &'b dyn Db) -> Option<ClassLiteral<'b>> {
    let module = crate::modules::module_name_of(from, class.file(from))?;
    let path = qualified_path(from, class)?;
    let file = crate::modules::module_file(to, &module)?;
    let (first, rest) = path.split_first()?;
    let Type::ClassObject(mut found) = module_symbol(to, file, first)? else { return None };
    for name in rest {
        let Type::ClassObject(nested) = own_class_member(to, found.class(to), name)?.ty else { return None };
        found = nested;
    }
    Some(found.class(to))
}

/// The names from the module down to `class` (`["Outer", "Inner"]`), or `None` for a class
/// defined in a function.
fn qualified_path(db: &dyn Db, class: ClassLiteral<'_>) -> Option<Vec<String>> {
    let index = semantic_index(db, class.file(db));
    let mut scope = index.definition(pytc_semantic::DefinitionId::from_u32(class.definition(db))).scope;
    let mut path = vec![class.name(db).to_string()];
    loop {
        let info = index.scope(scope);
        match info.kind {
            ScopeKind::Module => break,
            ScopeKind::Class => path.push(info.name.as_ref()?.to_string()),
            _ => return None,
        }
        scope = info.parent?;
    }
    path.reverse();
    Some(path)
}

/// When `old` (of `old_db`) stops fitting `new` only because literal values it allowed are
/// gone (`Literal["r", "w", "a"]` to `Literal["r", "w"]`), those values as written;
/// `None` when something else was lost too, or nothing was, or pytc cannot compare.
pub fn literals_lost<'a, 'b>(old_db: &'a dyn Db, old: Type<'a>, new_db: &'b dyn Db, new: Type<'b>) -> Option<Vec<String>> {
    let elements: Vec<Type<'a>> = match old {
        Type::Union(union) => union.elements(old_db).to_vec(),
        single => vec![single],
    };
    let mut lost = Vec::new();
    for element in elements {
        if compare_across(old_db, element, new_db, new)?.old_assignable_to_new {
            continue;
        }
        let is_literal = matches!(
            element,
            Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::EnumLiteral(_)
        );
        if !is_literal {
            return None;
        }
        lost.push(element.display(old_db));
    }
    (!lost.is_empty()).then_some(lost)
}

//! The members a value offers after `.`, for completion: every name its class and the
//! classes of its MRO define (or a module's names), kept when an attribute lookup on the
//! value finds it — so what is offered is what `value.name` accepts, with the type it reads.

use pytc_db::{Db, File};
use pytc_semantic::ScopeId;
use pytc_syntax::TextRange;
use pytc_syntax::ast::NodeIndex;

use super::{definition_of_type, expression_type};
use crate::class::KnownClass;
use crate::function::FunctionFlags;
use crate::infer::attribute::{MemberLookup, member_access};
use crate::types::{ClassType, Type};

/// What kind of member a name is, as the editor labels it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberKind {
    Method,
    Function,
    Property,
    Class,
    Module,
    /// A data attribute or module variable.
    Variable,
}

/// One member of a value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Member {
    pub name: String,
    pub kind: MemberKind,
    /// The type `value.name` reads, displayed.
    pub type_display: String,
    /// Where the member's value is defined, when it is a function, class or module.
    pub definition: Option<(File, TextRange)>,
}

/// The members of the value of the expression `node` of `file`, in order of definition (the
/// value's own class first); empty when its type is unknown. Names starting with `_` are
/// left out of another module's names (but not dunders of classes).
pub fn expression_members(db: &dyn Db, file: File, node: NodeIndex) -> Vec<Member> {
    let Some(value) = expression_type(db, file, node) else { return Vec::new() };
    let mut names: Vec<String> = Vec::new();
    member_names(db, value, file, &mut names, 0);
    names
        .into_iter()
        .filter_map(|name| {
            let MemberLookup::Found(ty) = member_access(db, value, &name) else { return None };
            let kind = member_kind(db, value, &name, ty);
            let definition = definition_of_type(db, ty);
            Some(Member { type_display: ty.display(db), name, kind, definition })
        })
        .collect()
}

/// How deep aliases, unions and type variables are followed for their names.
const MAX_DEPTH: usize = 8;

/// The candidate names of `value`'s members, without repeats.
fn member_names<'db>(db: &'db dyn Db, value: Type<'db>, file: File, names: &mut Vec<String>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let push = |name: &str, names: &mut Vec<String>| {
        if !names.iter().any(|known| known == name) {
            names.push(name.to_string());
        }
    };
    let class_names = |class: ClassType<'db>, names: &mut Vec<String>| {
        let literal = class.class(db);
        let mro = crate::class::class_mro(db, literal);
        let ancestors = std::iter::once(literal).chain(mro.classes.iter().map(|ancestor| ancestor.class(db)));
        for ancestor in ancestors {
            for name in crate::class::class_member_names(db, ancestor) {
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
    };
    match value {
        Type::Instance(class) | Type::ClassObject(class) | Type::SubclassOf(class) => class_names(class, names),
        Type::Module(module) => {
            let index = pytc_semantic::semantic_index(db, module);
            let foreign = module != file;
            for (_, symbol) in index.symbol_table(ScopeId::MODULE).symbols() {
                let name = symbol.name.as_str();
                let private = name.starts_with('_') && !(name.starts_with("__") && name.ends_with("__"));
                if (symbol.is_bound() || symbol.is_declared()) && !(foreign && private) {
                    push(name, names);
                }
            }
        }
        Type::AliasRef(_) => member_names(db, value.expand_top(db), file, names, depth + 1),
        Type::Union(union) => {
            for element in union.elements(db) {
                member_names(db, *element, file, names, depth + 1);
            }
        }
        Type::TypeVar(typevar) | Type::SubclassOfTypeVar(typevar) => {
            let bounds = match typevar.bound(db) {
                Some(bound) => vec![bound],
                None if typevar.constraints(db).is_empty() => vec![KnownClass::Object.instance(db)],
                None => typevar.constraints(db).to_vec(),
            };
            for bound in bounds {
                let bound = match (value, bound) {
                    (Type::SubclassOfTypeVar(_), Type::Instance(class)) => Type::SubclassOf(class),
                    _ => bound,
                };
                member_names(db, bound, file, names, depth + 1);
            }
        }
        Type::None => {
            if let Some(none_type) = KnownClass::NoneType.class(db) {
                class_names(ClassType::bare(db, none_type), names);
            }
        }
        Type::Tuple(tuple) => {
            if let Type::Instance(class) = crate::class::tuple_instance(db, tuple.element_union(db)) {
                class_names(class, names);
            }
        }
        Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::LiteralString | Type::EnumLiteral(_) => {
            if let Some(Type::Instance(class)) = value.literal_fallback_instance(db) {
                class_names(class, names);
            }
        }
        Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_) => {
            if let Some(class) = crate::class::known::fallback_class_for(db, value) {
                class_names(class, names);
            }
        }
        _ => {}
    }
}

/// The kind of `value.name`: a property by its getter, a method or function by its value.
fn member_kind<'db>(db: &'db dyn Db, value: Type<'db>, name: &str, ty: Type<'db>) -> MemberKind {
    let owner = match value {
        Type::Instance(class) | Type::ClassObject(class) | Type::SubclassOf(class) => Some(class),
        _ => None,
    };
    if let Some(class) = owner
        && let Some(member) = crate::class::class_member(db, class, name)
        && let Type::Function(function) = member.ty
        && function.has(db, FunctionFlags::PROPERTY)
    {
        return MemberKind::Property;
    }
    match ty {
        Type::BoundMethod(_) => MemberKind::Method,
        Type::Function(_) | Type::Callable(_) if owner.is_some() => MemberKind::Method,
        Type::Function(_) | Type::Callable(_) => MemberKind::Function,
        Type::ClassObject(_) | Type::SubclassOf(_) => MemberKind::Class,
        Type::Module(_) => MemberKind::Module,
        _ => MemberKind::Variable,
    }
}

//! Which definition an attribute reads, for find references and rename: the class whose
//! member it is, taken as the most basic class of the MRO (other than `object`) that
//! defines the name — so a member, the overrides of it and the `self.x = ...` assignments of
//! subclasses are one symbol — or the module whose global it is.

use pytc_db::{Db, File};
use pytc_semantic::{ScopeId, ScopeKind};
use pytc_syntax::ast::NodeIndex;

use super::expression_type;
use crate::class::KnownClass;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, Type};

/// Where `value.name` is defined: a file and the scope (a class body, or the module scope
/// of a module) that binds `name`.
pub fn member_owner(db: &dyn Db, file: File, value: NodeIndex, name: &str) -> Option<(File, ScopeId)> {
    owner_in(db, expression_type(db, file, value)?, name, 0)
}

/// The root owner of `name` bound in the class body `scope` of `file` (see the module
/// docs); `None` when `scope` is not a class body.
pub fn class_member_root(db: &dyn Db, file: File, scope: ScopeId, name: &str) -> Option<(File, ScopeId)> {
    let index = pytc_semantic::semantic_index(db, file);
    let info = index.scope(scope);
    if info.kind != ScopeKind::Class {
        return None;
    }
    let definition = *index.definitions_for_node(info.node?).first()?;
    let Type::ClassObject(class) = crate::infer::definition::binding_type(db, DefinitionRef::of(db, file, definition)) else { return None };
    root_owner(db, class.class(db), name)
}

/// How deep unions, aliases and type variables are followed.
const MAX_DEPTH: usize = 8;

fn owner_in<'db>(db: &'db dyn Db, value: Type<'db>, name: &str, depth: usize) -> Option<(File, ScopeId)> {
    if depth > MAX_DEPTH {
        return None;
    }
    let class = match value {
        Type::Instance(class) | Type::ClassObject(class) | Type::SubclassOf(class) => class,
        Type::Module(module) => return Some((module, ScopeId::MODULE)),
        Type::AliasRef(_) => return owner_in(db, value.expand_top(db), name, depth + 1),
        Type::Union(union) => return union.elements(db).iter().find_map(|element| owner_in(db, *element, name, depth + 1)),
        Type::TypeVar(typevar) | Type::SubclassOfTypeVar(typevar) => {
            let bound = typevar.bound(db).or_else(|| typevar.constraints(db).first().copied())?;
            let bound = match (value, bound) {
                (Type::SubclassOfTypeVar(_), Type::Instance(class)) => Type::SubclassOf(class),
                _ => bound,
            };
            return owner_in(db, bound, name, depth + 1);
        }
        _ => match value.literal_fallback_instance(db) {
            Some(Type::Instance(class)) => class,
            _ => return None,
        },
    };
    root_owner(db, class.class(db), name)
}

/// The most basic class of `class`'s MRO (itself included) other than `object` that
/// defines `name`, else `object` when only it does; as a file and class-body scope.
fn root_owner<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Option<(File, ScopeId)> {
    let mro = crate::class::class_mro(db, class);
    let ancestors = std::iter::once(class).chain(mro.classes.iter().map(|ancestor| ancestor.class(db)));
    let defining: Vec<ClassLiteral<'db>> =
        ancestors.filter(|ancestor| crate::class::class_member_names(db, *ancestor).iter().any(|member| member == name)).collect();
    let root = defining
        .iter()
        .rev()
        .find(|ancestor| !crate::class::known::is_known(db, **ancestor, KnownClass::Object))
        .or(defining.last())?;
    Some((root.file(db), crate::class::members::class_body_scope_public(db, *root)?))
}

//! Go to type definition: where the type of the name or expression under the cursor is
//! defined — the class of an instance (each class of a union), the class itself for a
//! class object, a function's or module's own definition.

use pytc_db::{Db, File};
use pytc_syntax::{TextRange, TextSize};

use super::definition_of_type;
use super::hover_type::typed_position;
use crate::class::KnownClass;
use crate::types::{ClassType, Type};

/// The definitions of the type at `offset` (as hover finds it), without repeats.
pub fn type_definitions_at_position(db: &dyn Db, file: File, offset: TextSize) -> Vec<(File, TextRange)> {
    let Some((_, ty)) = typed_position(db, file, offset) else { return Vec::new() };
    let mut found = Vec::new();
    collect(db, ty, &mut found, 0);
    found
}

/// How deep unions, aliases and type variables are followed.
const MAX_DEPTH: usize = 8;

fn collect<'db>(db: &'db dyn Db, ty: Type<'db>, found: &mut Vec<(File, TextRange)>, depth: usize) {
    if depth > MAX_DEPTH {
        return;
    }
    let class = |class: ClassType<'db>| definition_of_type(db, Type::ClassObject(class));
    let target = match ty {
        Type::Instance(instance) | Type::ClassObject(instance) | Type::SubclassOf(instance) => class(instance),
        Type::Union(union) => {
            for element in union.elements(db) {
                collect(db, *element, found, depth + 1);
            }
            return;
        }
        Type::AliasRef(_) => return collect(db, ty.expand_top(db), found, depth + 1),
        Type::TypeVar(typevar) | Type::SubclassOfTypeVar(typevar) => {
            if let Some(bound) = typevar.bound(db) {
                collect(db, bound, found, depth + 1);
            }
            for constraint in typevar.constraints(db).iter() {
                collect(db, *constraint, found, depth + 1);
            }
            return;
        }
        Type::None => KnownClass::NoneType.class(db).and_then(|none_type| class(ClassType::bare(db, none_type))),
        Type::Tuple(tuple) => match crate::class::tuple_instance(db, tuple.element_union(db)) {
            Type::Instance(instance) => class(instance),
            _ => None,
        },
        Type::Function(_) | Type::BoundMethod(_) | Type::Module(_) => definition_of_type(db, ty),
        _ => match ty.literal_fallback_instance(db) {
            Some(Type::Instance(instance)) => class(instance),
            _ => None,
        },
    };
    if let Some(target) = target
        && !found.contains(&target)
    {
        found.push(target);
    }
}

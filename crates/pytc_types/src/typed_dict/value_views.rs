//! What a TypedDict that is not open (PEP 728: `closed=True` or `extra_items=T`) knows about
//! its values: `items()` and `values()` hold the union of its item types and extra items
//! type instead of `object`, and one whose every item is mutable and not required, with
//! mutable extra items of the same type `V`, is a `dict[str, V]` and has `dict`'s other
//! methods too (`clear()`, `popitem()`).

use pytc_db::Db;
use pytc_syntax::ast;

use crate::class::KnownClass;
use crate::infer::InferContext;
use crate::relation::Relation;
use crate::types::{ClassType, Type};

use super::items::typed_dict_items;
use super::openness::{Openness, typed_dict_openness};

/// The union of every value a TypedDict that is not open may hold; `None` for an open one
/// (whose other keys may hold anything).
pub(crate) fn known_value_type<'db>(db: &'db dyn Db, class: ClassType<'db>) -> Option<Type<'db>> {
    let extra = match typed_dict_openness(db, class) {
        Openness::Open => return None,
        Openness::Closed => Type::Never,
        Openness::Extra { ty, .. } => ty,
    };
    Some(Type::union_of(db, typed_dict_items(db, class).into_iter().map(|item| item.ty).chain([extra])))
}

/// `dict[str, V]` when the TypedDict is assignable to it (mutable extra items of type `V`,
/// every item mutable, not required and of type `V`).
pub(crate) fn as_dict<'db>(db: &'db dyn Db, class: ClassType<'db>) -> Option<ClassType<'db>> {
    let Openness::Extra { ty, read_only: false } = typed_dict_openness(db, class) else { return None };
    let dict = ClassType::new(db, KnownClass::Dict.class(db)?, Box::from([KnownClass::Str.instance(db), ty]));
    super::relation::typed_dict_mapping_relation(db, class, dict, Relation::Assignability, 0)?.then_some(dict)
}

impl<'db> InferContext<'db> {
    /// `td.items()` and `td.values()` of a TypedDict that is not open: the stub's view with
    /// `object` replaced by the union of the values it may hold.
    pub(crate) fn typed_dict_view_call(&mut self, callee: Type<'db>, call: &ast::ExprCall) -> Option<Type<'db>> {
        let db = self.db;
        let (receiver, _) = super::typed_dict_method_receiver(db, callee, &["items", "values"])?;
        if !call.arguments.is_empty() {
            return None;
        }
        let value = known_value_type(db, receiver)?;
        let Type::BoundMethod(method) = callee else { return None };
        let Type::Instance(view) = crate::function::declared_signatures(db, method.function(db)).first()?.return_type else { return None };
        let [key, _] = view.arguments(db)[..] else { return None };
        Some(Type::Instance(ClassType::new(db, view.class(db), Box::from([key, value]))))
    }
}

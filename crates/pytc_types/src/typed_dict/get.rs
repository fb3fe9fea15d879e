//! `td.get(key)` and `td.get(key, default)`: for a key naming items (a string literal or a
//! union of them), each item's type (with `None`, or the default, when the key may be
//! absent) instead of `Mapping.get`'s `object`; for any other `str` key, the union of every
//! value the TypedDict may hold (`object` when it is open), or the default. A literal key the
//! TypedDict does not declare may be absent, or hold what its other keys may hold.

use pytc_syntax::ast;

use crate::class::KnownClass;
use crate::infer::InferContext;
use crate::types::{ClassType, Type};

use super::items::typed_dict_item;
use super::openness::{Openness, typed_dict_openness};

impl<'db> InferContext<'db> {
    /// The type of a `get` call on a TypedDict; `None` for calls left to the stub's
    /// `Mapping.get` (a key that is not a `str`, keyword arguments).
    pub(crate) fn typed_dict_get_call(&mut self, callee: Type<'db>, call: &ast::ExprCall) -> Option<Type<'db>> {
        let db = self.db;
        let (receiver, _) = super::typed_dict_method_receiver(db, callee, &["get"])?;
        if !call.arguments.keywords.is_empty() {
            return None;
        }
        let (key, default) = match &call.arguments.args[..] {
            [key] => (key, None),
            [key, default] => (key, Some(default)),
            _ => return None,
        };
        let was = self.suspend_reporting();
        let key_type = self.infer_expression(key);
        self.resume_reporting(was);
        let values = match super::keyed_methods::literal_names(db, key_type) {
            Some(names) => named_values(db, receiver, &names),
            None if key_type.is_assignable_to(db, KnownClass::Str.instance(db)) && !key_type.is_dynamic() => {
                // Any key may be absent.
                let present = super::value_views::known_value_type(db, receiver).unwrap_or_else(|| KnownClass::Object.instance(db));
                Values { present, may_be_absent: true }
            }
            None => return None,
        };
        self.infer_expression(key);
        let expected = default.map(|_| values.present);
        let absent = match default {
            Some(default) => self.infer_expression_with(default, expected),
            None => Type::None,
        };
        Some(if values.may_be_absent { Type::union(db, values.present, absent) } else { values.present })
    }
}

/// What reading some keys may give.
struct Values<'db> {
    present: Type<'db>,
    may_be_absent: bool,
}

/// The values the keys `names` may hold.
fn named_values<'db>(db: &'db dyn pytc_db::Db, receiver: ClassType<'db>, names: &[String]) -> Values<'db> {
    let mut present = Vec::new();
    let mut may_be_absent = false;
    for name in names {
        match typed_dict_item(db, receiver, name) {
            Some(item) => {
                present.push(item.ty);
                may_be_absent |= !item.required;
            }
            None => {
                present.push(undeclared_key_value(db, receiver));
                may_be_absent = true;
            }
        }
    }
    Values { present: Type::union_of(db, present), may_be_absent }
}

/// What a key the TypedDict does not declare may hold: anything when it is open (a
/// structural subtype may have the key), its extra items' type, nothing when it is closed.
fn undeclared_key_value<'db>(db: &'db dyn pytc_db::Db, receiver: ClassType<'db>) -> Type<'db> {
    match typed_dict_openness(db, receiver) {
        Openness::Open => KnownClass::Object.instance(db),
        Openness::Closed => Type::Never,
        Openness::Extra { ty, .. } => ty,
    }
}

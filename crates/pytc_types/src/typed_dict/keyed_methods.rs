//! The methods of a TypedDict that take a key: `td.pop("k")`, `td.pop("k", default)`,
//! `td.setdefault("k", value)`, and merging a dict display with `td | {...}` and
//! `td |= {...}`. The stub gives these methods a key of type `Never` (no key is safe for
//! every TypedDict), so pytc checks them against the items instead: the key must name an
//! item, `pop` only a writable, non-required one, and values must fit the item.

use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::{ClassType, Type};

use super::construct::{INVALID_TYPED_DICT_KEY, INVALID_TYPED_DICT_VALUE};
use super::items::{TypedDictItem, typed_dict_item};
use super::subscript::INVALID_TYPED_DICT_WRITE;

impl<'db> InferContext<'db> {
    /// A call of `pop` or `setdefault` on a TypedDict with literal keys; `None` for any other
    /// call (a key that is not a string literal keeps the stub's signature, and its error).
    pub(crate) fn typed_dict_keyed_call(&mut self, callee: Type<'db>, call: &ast::ExprCall) -> Option<Type<'db>> {
        let db = self.db;
        let (receiver, name) = super::typed_dict_method_receiver(db, callee, &["pop", "setdefault"])?;
        if !call.arguments.keywords.is_empty() {
            return None;
        }
        let (key, second) = match &call.arguments.args[..] {
            [key] if name == "pop" => (key, None),
            [key, second] => (key, Some(second)),
            _ => return None,
        };
        let key_names = self.literal_key_names(key)?;
        let mut results = Vec::new();
        for key_name in &key_names {
            let Some(item) = self.typed_dict_method_item(receiver, key_name, key) else {
                results.push(Type::UNKNOWN);
                continue;
            };
            results.push(if name == "pop" { self.check_pop(receiver, &item, key) } else { item.ty });
        }
        let items: Vec<TypedDictItem<'db>> = key_names.iter().filter_map(|key_name| typed_dict_item(db, receiver, key_name)).collect();
        if let Some(second) = second {
            let expected = (items.len() == 1).then(|| items[0].ty);
            let value = self.infer_expression_with(second, expected);
            if name == "pop" {
                results.push(value);
            } else if let Some(item) = items.iter().find(|item| !value.is_assignable_to(db, item.ty)) {
                self.report(
                    second.range(),
                    &INVALID_TYPED_DICT_VALUE,
                    format!("Default of type `{}` is not assignable to key `{}` (expected `{}`)", value.display(db), item.name, item.ty.display(db)),
                );
            }
        }
        Some(Type::union_of(db, results))
    }

    /// `td |= {...}` (`in_place`) and `td | {...}` with a dict display: checked like
    /// `td.update({...})`, the result is the TypedDict (`td |= other_td` is checked like
    /// `td.update(other_td)`, then as an ordinary operator). `td | {...}` builds a new dict, so
    /// a display that does not fit the TypedDict (another key, another value type) is no
    /// error: the operator's other overload makes a `dict[str, object]`, and `None` leaves
    /// it to the ordinary operator. `None` also when `left` is not a TypedDict or `right`
    /// is not a dict display.
    pub(crate) fn typed_dict_merge(&mut self, left: Type<'db>, right: &ast::Expr, in_place: bool) -> Option<Type<'db>> {
        let db = self.db;
        let Type::Instance(receiver) = left else { return None };
        if !crate::class::is_typed_dict(db, receiver.class(db)) {
            return None;
        }
        let ast::Expr::Dict(dict) = right else {
            // `td |= other_td` writes each of `other_td`'s items, as `update` does; the
            // operator itself is checked as usual.
            if in_place {
                self.check_update_from_typed_dict(receiver, right);
            }
            return None;
        };
        if !in_place {
            let was_reporting = self.suspend_reporting();
            let fits = self.check_update_display(receiver, dict);
            self.resume_reporting(was_reporting);
            if !fits {
                return None;
            }
        }
        self.check_update_display(receiver, dict);
        Some(left)
    }

    /// The names a key expression may have (see `literal_names`); `None` for any other key.
    pub(crate) fn literal_key_names(&mut self, key: &ast::Expr) -> Option<Vec<String>> {
        let db = self.db;
        let was = self.suspend_reporting();
        let key_type = self.infer_expression(key);
        self.resume_reporting(was);
        let names = literal_names(db, key_type)?;
        self.infer_expression(key);
        Some(names)
    }

    /// The item `key_name` names, reporting an unknown key at `key`.
    fn typed_dict_method_item(&mut self, receiver: ClassType<'db>, key_name: &str, key: &ast::Expr) -> Option<TypedDictItem<'db>> {
        let db = self.db;
        let item = typed_dict_item(db, receiver, key_name);
        if item.is_none() {
            self.report(key.range(), &INVALID_TYPED_DICT_KEY, format!("`{}` has no key `{key_name}`", Type::Instance(receiver).display(db)));
        }
        item
    }

    /// `td.pop("k")`: only a non-required, writable key may be removed.
    fn check_pop(&mut self, receiver: ClassType<'db>, item: &TypedDictItem<'db>, key: &ast::Expr) -> Type<'db> {
        let db = self.db;
        let reason = if item.read_only {
            Some("read-only")
        } else if item.required {
            Some("required")
        } else {
            None
        };
        if let Some(reason) = reason {
            self.report(
                key.range(),
                &INVALID_TYPED_DICT_WRITE,
                format!("Cannot pop {reason} key `{}` of `{}`", item.name, Type::Instance(receiver).display(db)),
            );
        }
        item.ty
    }
}

/// The names a key of type `key` may have: one string literal, or a union of them
/// (`key: Literal["a", "b"]`). `None` for any other key type.
pub(crate) fn literal_names(db: &dyn pytc_db::Db, key: Type<'_>) -> Option<Vec<String>> {
    let name = |member: &Type<'_>| match member {
        Type::StringLiteral(literal) => Some(literal.value(db).to_string()),
        _ => None,
    };
    match key {
        Type::Union(union) => union.elements(db).iter().map(name).collect(),
        other => Some(vec![name(&other)?]),
    }
}

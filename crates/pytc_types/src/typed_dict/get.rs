//! `td.get("key")` and `td.get("key", default)` with a literal key: the item's type (or
//! `None`, or the default, when the key may be absent) instead of `Mapping.get`'s `object`.

use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::Type;

use super::items::typed_dict_item;

impl<'db> InferContext<'db> {
    /// The type of a `get` call on a TypedDict with a literal key; `None` for other calls
    /// (unknown keys and non-literal keys keep `Mapping.get`).
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
        let ast::Expr::StringLiteral(literal) = key else { return None };
        let item = typed_dict_item(db, receiver, literal.value.to_str())?;
        self.infer_expression(key);
        let absent = match default {
            Some(default) => self.infer_expression_with(default, Some(item.ty)),
            None => Type::None,
        };
        Some(if item.required { item.ty } else { Type::union(db, item.ty, absent) })
    }
}

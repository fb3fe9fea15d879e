//! `td.get("key")` and `td.get("key", default)` with a literal key: the item's type (or
//! `None`, or the default, when the key may be absent) instead of `Mapping.get`'s `object`.

use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::types::Type;

use super::items::typed_dict_item;

impl<'db> InferContext<'db> {
    /// The type of a `get` call on a TypedDict with a literal key; `None` for other calls
    /// (unknown keys and non-literal keys keep `Mapping.get`).
    pub(crate) fn typed_dict_get_call(&mut self, callee: Type<'db>, call: &ast::ExprCall) -> Option<Type<'db>> {
        let db = self.db;
        let Type::BoundMethod(method) = callee else { return None };
        let function = method.function(db);
        let file = function.file(db);
        if &**function.name(db) != "get" || !(KnownModule::Typing.is(db, file) || KnownModule::TypingExtensions.is(db, file)) {
            return None;
        }
        let Type::Instance(receiver) = method.receiver(db) else { return None };
        if !crate::class::is_typed_dict(db, receiver.class(db)) || !call.arguments.keywords.is_empty() {
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

//! `"key" in td` and `"key" not in td` over a union with TypedDict members. A TypedDict
//! without the key in its required items may lack it; one that does not declare the key may
//! still hold it unless it is closed (an open TypedDict's value can be a subtype that adds
//! the key, and extra items are keys it does not name). So a failed test removes the members
//! where the key is required, and a passed test removes the closed members that do not
//! declare it.

use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::Type;

impl<'db> InferContext<'db> {
    /// `ty` narrowed by `key in target` (`positive`) or its negation; `None` when `key` is not
    /// a string literal (or a name of a single string literal type).
    pub(super) fn narrow_by_key_presence(&mut self, key: &ast::Expr, positive: bool, ty: Type<'db>) -> Option<Type<'db>> {
        let db = self.db;
        // Looking at the key only pays when some member is a TypedDict.
        if !ty.union_elements(db).into_iter().any(|member| typed_dict_class(db, member).is_some()) {
            return None;
        }
        let key: String = match key {
            ast::Expr::StringLiteral(literal) => literal.value.to_str().to_owned(),
            ast::Expr::Name(_) | ast::Expr::Attribute(_) => match self.infer_expression(key) {
                Type::StringLiteral(literal) => literal.value(db).to_string(),
                _ => return None,
            },
            _ => return None,
        };
        Some(ty.map_union(db, |member| {
            let Some(class) = typed_dict_class(db, member) else { return member };
            let item = crate::typed_dict::typed_dict_item(db, class, &key);
            let present = if positive {
                item.is_some() || !is_closed(db, class)
            } else {
                !item.is_some_and(|item| item.required)
            };
            if present { member } else { Type::Never }
        }))
    }
}

fn typed_dict_class<'db>(db: &'db dyn pytc_db::Db, member: Type<'db>) -> Option<crate::types::ClassType<'db>> {
    match member {
        Type::Instance(instance) if crate::class::is_typed_dict(db, instance.class(db)) => Some(instance),
        _ => None,
    }
}

/// No key but the declared ones can be present: `closed=True`, or extra items of type `Never`.
fn is_closed<'db>(db: &'db dyn pytc_db::Db, class: crate::types::ClassType<'db>) -> bool {
    let (extra, _) = crate::typed_dict::typed_dict_openness(db, class).as_extra_items(db);
    extra.is_never()
}

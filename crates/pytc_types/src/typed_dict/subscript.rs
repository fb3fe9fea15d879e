//! Indexing a TypedDict by a literal key: reading an item, assigning it (the key must exist,
//! be writable and get a value of its type) and deleting it (only optional, writable keys).

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::{ClassType, Type};

use super::construct::{INVALID_TYPED_DICT_KEY, INVALID_TYPED_DICT_VALUE};
use super::items::{TypedDictItem, typed_dict_item};

declare_rule! {
    /// Writing to a read-only TypedDict item, or deleting a required one.
    ///
    /// ```python
    /// class Movie(TypedDict):
    ///     title: ReadOnly[str]
    ///
    /// def rename(m: Movie) -> None:
    ///     m["title"] = "Alien"  # error: [invalid-typed-dict-write]
    ///     del m["title"]  # error: [invalid-typed-dict-write]
    /// ```
    pub static INVALID_TYPED_DICT_WRITE = {
        name: "invalid-typed-dict-write",
        summary: "an assignment or deletion a TypedDict item does not allow",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// `td["key"]` with a literal key: the item's type, or an error for an unknown key.
    /// `None` when the key is not a string literal (the general `__getitem__` applies).
    pub(crate) fn typed_dict_subscript(&mut self, class: ClassType<'db>, key: Type<'db>, subscript: &ast::ExprSubscript) -> Option<Type<'db>> {
        let item = self.typed_dict_key(class, key, subscript)?;
        Some(item.map_or(Type::UNKNOWN, |item| item.ty))
    }

    /// `td["key"] = value`: the key must exist, be writable and accept the value.
    /// Returns false when `target` is not a TypedDict item assignment.
    pub(crate) fn check_typed_dict_store(&mut self, subscript: &ast::ExprSubscript, value: Type<'db>, value_expression: &ast::Expr) -> bool {
        let db = self.db;
        let Some(target) = self.typed_dict_target(subscript) else { return false };
        let Some((class, item)) = target else { return true };
        if item.read_only {
            self.report(
                subscript.range(),
                &INVALID_TYPED_DICT_WRITE,
                format!("Cannot assign to read-only key `{}` of `{}`", item.name, Type::Instance(class).display(db)),
            );
        } else if !value.is_assignable_to(db, item.ty) {
            self.report(
                value_expression.range(),
                &INVALID_TYPED_DICT_VALUE,
                format!("Value of type `{}` is not assignable to key `{}` (expected `{}`)", value.display(db), item.name, item.ty.display(db)),
            );
        }
        true
    }

    /// `del td["key"]`: only an optional, writable key may be deleted.
    /// Returns false when `target` is not a TypedDict item.
    pub(crate) fn check_typed_dict_delete(&mut self, subscript: &ast::ExprSubscript) -> bool {
        let db = self.db;
        let Some(target) = self.typed_dict_target(subscript) else { return false };
        let Some((class, item)) = target else { return true };
        let reason = if item.read_only {
            "read-only"
        } else if item.required {
            "required"
        } else {
            return true;
        };
        self.report(
            subscript.range(),
            &INVALID_TYPED_DICT_WRITE,
            format!("Cannot delete {reason} key `{}` of `{}`", item.name, Type::Instance(class).display(db)),
        );
        true
    }

    /// The TypedDict and item a `td["key"]` target names: `None` when the subscripted value
    /// is not a TypedDict, `Some(None)` when the key names no item (or is not a literal).
    fn typed_dict_target(&mut self, subscript: &ast::ExprSubscript) -> Option<Option<(ClassType<'db>, TypedDictItem<'db>)>> {
        let Type::Instance(class) = self.infer_expression(&subscript.value) else { return None };
        if !crate::class::is_typed_dict(self.db, class.class(self.db)) {
            return None;
        }
        let key = self.infer_expression(&subscript.slice);
        Some(self.typed_dict_key(class, key, subscript).flatten().map(|item| (class, item)))
    }

    /// The item a literal key names: `None` for a key that is not a string literal,
    /// `Some(None)` (after reporting) for an unknown key.
    fn typed_dict_key(&mut self, class: ClassType<'db>, key: Type<'db>, subscript: &ast::ExprSubscript) -> Option<Option<TypedDictItem<'db>>> {
        let db = self.db;
        let Type::StringLiteral(literal) = key else { return None };
        let name: &str = literal.value(db);
        let item = typed_dict_item(db, class, name);
        if item.is_none() {
            self.report(
                subscript.slice.range(),
                &INVALID_TYPED_DICT_KEY,
                format!("`{}` has no key `{name}`", Type::Instance(class).display(db)),
            );
        }
        Some(item)
    }
}

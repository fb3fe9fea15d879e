//! Indexing a TypedDict by a literal key (or a union of literal keys): reading an item,
//! assigning it (the key must exist, be writable and get a value of its type) and deleting
//! it (only optional, writable keys). A `str` key that is not a literal is an error.

use pytc_db::declare_rule;
use pytc_syntax::{Ranged, TextRange};
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::{ClassType, Type};

use super::construct::{INVALID_TYPED_DICT_KEY, INVALID_TYPED_DICT_VALUE};
use super::items::{TypedDictItem, typed_dict_item};
use super::keyed_methods::literal_names;

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
    /// `td[key]`: the type of the item a literal key names (the union of the items a union
    /// of literal keys names), with an error for an unknown key or a key that is a `str` but
    /// not a literal. `None` for other keys (the general `__getitem__` applies).
    pub(crate) fn typed_dict_subscript(&mut self, class: ClassType<'db>, key: Type<'db>, subscript: &ast::ExprSubscript) -> Option<Type<'db>> {
        let items = self.typed_dict_keys(class, key, subscript, Access::Read)?;
        if items.is_empty() {
            return Some(Type::UNKNOWN);
        }
        Some(Type::union_of(self.db, items.into_iter().map(|item| item.map_or(Type::UNKNOWN, |item| item.ty))))
    }

    /// `td[key] = value`: each key must exist, be writable and accept the value.
    /// Returns false when `target` is not a TypedDict item assignment.
    pub(crate) fn check_typed_dict_store(&mut self, subscript: &ast::ExprSubscript, value: Type<'db>, value_range: TextRange) -> bool {
        let db = self.db;
        let Some(targets) = self.typed_dict_targets(subscript) else { return false };
        for (class, items) in targets {
            for item in items.into_iter().flatten() {
                if item.read_only {
                    self.report(
                        subscript.range(),
                        &INVALID_TYPED_DICT_WRITE,
                        format!("Cannot assign to read-only key `{}` of `{}`", item.name, Type::Instance(class).display(db)),
                    );
                } else if !value.is_assignable_to(db, item.ty) {
                    self.report(
                        value_range,
                        &INVALID_TYPED_DICT_VALUE,
                        format!("Value of type `{}` is not assignable to key `{}` (expected `{}`)", value.display(db), item.name, item.ty.display(db)),
                    );
                }
            }
        }
        true
    }

    /// `del td[key]`: only optional, writable keys may be deleted.
    /// Returns false when `target` is not a TypedDict item.
    pub(crate) fn check_typed_dict_delete(&mut self, subscript: &ast::ExprSubscript) -> bool {
        let db = self.db;
        let Some(targets) = self.typed_dict_targets(subscript) else { return false };
        for (class, items) in targets {
            for item in items.into_iter().flatten() {
                let reason = if item.read_only {
                    "read-only"
                } else if item.required {
                    "required"
                } else {
                    continue;
                };
                self.report(
                    subscript.range(),
                    &INVALID_TYPED_DICT_WRITE,
                    format!("Cannot delete {reason} key `{}` of `{}`", item.name, Type::Instance(class).display(db)),
                );
            }
        }
        true
    }

    /// The TypedDicts and items a `td[key]` target names, one entry per member when the
    /// subscripted value is a union of TypedDicts (each must allow the write): `None` when
    /// the value is not a TypedDict or has a member that is not one; an empty item list
    /// when the key is not a string at all.
    fn typed_dict_targets(&mut self, subscript: &ast::ExprSubscript) -> Option<Vec<(ClassType<'db>, Vec<Option<TypedDictItem<'db>>>)>> {
        let db = self.db;
        let object = self.infer_expression(&subscript.value);
        let classes = object
            .union_elements(db)
            .iter()
            .map(|member| match member {
                Type::Instance(class) if crate::class::is_typed_dict(db, class.class(db)) => Some(*class),
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        let key = self.infer_expression(&subscript.slice);
        if classes.len() > 1 && literal_names(db, key).is_none() && is_non_literal_string(db, key) {
            // One answer for the union, not one per member.
            let open: Option<Vec<_>> = classes
                .iter()
                .map(|class| any_key_items(db, *class, Access::Write).map(|items| (*class, items.into_iter().map(Some).collect())))
                .collect();
            if open.is_none() {
                self.report(
                    subscript.slice.range(),
                    &INVALID_TYPED_DICT_KEY,
                    format!("`{}` can only be indexed by a string literal key, not `{}`", object.display(db), key.display(db)),
                );
            }
            return Some(open.unwrap_or_default());
        }
        Some(classes.into_iter().map(|class| (class, self.typed_dict_keys(class, key, subscript, Access::Write).unwrap_or_default())).collect())
    }

    /// The items the literal keys of `key` name (`None` entries, after reporting, for unknown
    /// keys); for a `str` key that is not a literal, every item and the extra items where
    /// `access` to any key is safe (see `any_key_items`), else an error and no items. `None`
    /// for a key of any other type.
    fn typed_dict_keys(&mut self, class: ClassType<'db>, key: Type<'db>, subscript: &ast::ExprSubscript, access: Access) -> Option<Vec<Option<TypedDictItem<'db>>>> {
        let db = self.db;
        let Some(names) = literal_names(db, key) else {
            if is_non_literal_string(db, key) {
                if let Some(items) = any_key_items(db, class, access) {
                    return Some(items.into_iter().map(Some).collect());
                }
                self.report(
                    subscript.slice.range(),
                    &INVALID_TYPED_DICT_KEY,
                    format!("`{}` can only be indexed by a string literal key, not `{}`", Type::Instance(class).display(db), key.display(db)),
                );
                return Some(Vec::new());
            }
            return None;
        };
        let mut items = Vec::new();
        for name in names {
            let item = typed_dict_item(db, class, &name);
            if item.is_none() {
                self.report(
                    subscript.slice.range(),
                    &INVALID_TYPED_DICT_KEY,
                    format!("`{}` has no key `{name}`", Type::Instance(class).display(db)),
                );
            }
            items.push(item);
        }
        Some(items)
    }
}

/// Reading or writing a TypedDict item.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Access {
    Read,
    Write,
}

/// What a key that may be any `str` can name (PEP 728), when that is safe: for reading, a
/// TypedDict that is not open (its every item, and its extra items); for writing and
/// deleting, one with mutable extra items whose items are all mutable and non-required.
fn any_key_items<'db>(db: &'db dyn pytc_db::Db, class: ClassType<'db>, access: Access) -> Option<Vec<TypedDictItem<'db>>> {
    use super::openness::Openness;
    let mut items = super::items::typed_dict_items(db, class);
    let openness = super::openness::typed_dict_openness(db, class);
    let safe = match (access, openness) {
        (_, Openness::Open) => false,
        (Access::Read, _) => true,
        (Access::Write, Openness::Extra { read_only: false, .. }) => items.iter().all(|item| !item.read_only && !item.required),
        (Access::Write, _) => false,
    };
    if !safe {
        return None;
    }
    if let Openness::Extra { ty, read_only } = openness {
        items.push(TypedDictItem { name: "(extra items)".into(), ty, required: false, read_only });
    }
    Some(items)
}

/// `str` (or a subclass) or `LiteralString`, but not a literal: a key whose value pytc
/// cannot know.
fn is_non_literal_string(db: &dyn pytc_db::Db, key: Type<'_>) -> bool {
    match key {
        Type::LiteralString => true,
        Type::Instance(class) => crate::class::is_subclass_of_known(db, class, crate::class::KnownClass::Str),
        _ => false,
    }
}

//! Building a TypedDict: a dict display (or a keyword-only `dict(...)` call) checked against
//! an expected TypedDict type (missing required keys, unknown keys, value types) and the
//! synthesized keyword-only constructor.

use pytc_db::{Db, declare_rule};
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::{ClassType, Signature, Type};

use super::items::typed_dict_items;

declare_rule! {
    /// A dict display or constructor call of a TypedDict that lacks a required key.
    ///
    /// ```python
    /// class Movie(TypedDict):
    ///     name: str
    ///     year: int
    ///
    /// m: Movie = {"name": "Alien"}  # error: [missing-typed-dict-key]
    /// ```
    pub static MISSING_TYPED_DICT_KEY = {
        name: "missing-typed-dict-key",
        summary: "a required TypedDict key is missing",
        level: Error,
    }
}

declare_rule! {
    /// A key that the TypedDict does not declare, used in a dict display or an index.
    ///
    /// ```python
    /// class Movie(TypedDict):
    ///     name: str
    ///
    /// m: Movie = {"name": "Alien", "director": "Scott"}  # error: [invalid-typed-dict-key]
    /// ```
    pub static INVALID_TYPED_DICT_KEY = {
        name: "invalid-typed-dict-key",
        summary: "a key the TypedDict does not declare",
        level: Error,
    }
}

declare_rule! {
    /// A TypedDict value of the wrong type in a dict display or an item assignment.
    ///
    /// ```python
    /// class Movie(TypedDict):
    ///     year: int
    ///
    /// m: Movie = {"year": "1982"}  # error: [invalid-typed-dict-value]
    /// ```
    pub static INVALID_TYPED_DICT_VALUE = {
        name: "invalid-typed-dict-value",
        summary: "a TypedDict value does not match the item's declared type",
        level: Error,
    }
}

/// The one TypedDict an expected type names (`Movie` or `Movie | None`), and whether it is
/// the only type the expected type offers a dict display (`None` aside).
pub(crate) fn expected_typed_dict<'db>(db: &'db dyn Db, expected: Option<Type<'db>>) -> Option<(ClassType<'db>, bool)> {
    let mut found = None;
    let mut alone = true;
    for member in expected?.union_elements(db) {
        if let Type::Instance(class) = member
            && crate::class::is_typed_dict(db, class.class(db))
        {
            if found.is_some() {
                return None;
            }
            found = Some(class);
        } else if member != Type::None {
            alone = false;
        }
    }
    found.map(|class| (class, alone))
}

/// `dict(name=..., year=...)` where a TypedDict is expected (and nothing else but `None`)
/// builds that TypedDict, as a dict display would (typeddict.rst): the call is the
/// TypedDict's own constructor, which checks the keywords against its items. Only a bare
/// `dict` called with keyword arguments alone; anything else stays a `dict` call.
pub(crate) fn dict_call_as_typed_dict<'db>(db: &'db dyn Db, callee: Type<'db>, call: &ast::ExprCall, expected: Option<Type<'db>>) -> Option<Type<'db>> {
    let Type::ClassObject(called) = callee else { return None };
    if called.class(db) != crate::class::KnownClass::Dict.class(db)? || !called.arguments(db).is_empty() {
        return None;
    }
    if !call.arguments.args.is_empty() || call.arguments.keywords.iter().any(|keyword| keyword.arg.is_none()) {
        return None;
    }
    match expected_typed_dict(db, expected)? {
        (class, true) => Some(Type::ClassObject(class)),
        _ => None,
    }
}

impl<'db> InferContext<'db> {
    /// Whether a dict display builds the TypedDict `class` without a problem: every key a
    /// string literal naming one of its items (or an extra item), every value assignable to
    /// its item, every required item given. Inferred quietly: used where another expected
    /// type (`Movie | dict[str, int]`) may take the display instead.
    pub(crate) fn display_fits_typed_dict(&mut self, dict: &ast::ExprDict, class: ClassType<'db>) -> bool {
        let db = self.db;
        let items = typed_dict_items(db, class);
        let was = self.suspend_reporting();
        let mut seen: Vec<&str> = Vec::new();
        let fits = dict.items.iter().all(|entry| {
            let Some(key) = &entry.key else { return false };
            let Type::StringLiteral(literal) = self.infer_expression(key) else { return false };
            let name: &str = literal.value(db);
            let declared = items.iter().find(|item| &*item.name == name);
            let extra = super::items::extra_item(db, class, name);
            let Some(item) = declared.or(extra.as_ref()) else { return false };
            if !self.infer_expression_with(&entry.value, Some(item.ty)).is_assignable_to(db, item.ty) {
                return false;
            }
            if let Some(declared) = declared {
                seen.push(&declared.name);
            }
            true
        });
        self.resume_reporting(was);
        fits && items.iter().all(|item| !item.required || seen.contains(&&*item.name))
    }

    /// A dict display whose expected type is the TypedDict `class`: each value is inferred
    /// against its item's type and the keys are checked. The display has the TypedDict type.
    pub(crate) fn infer_typed_dict_display(&mut self, dict: &ast::ExprDict, class: ClassType<'db>) -> Type<'db> {
        let db = self.db;
        let items = typed_dict_items(db, class);
        let mut seen: Vec<Box<str>> = Vec::new();
        let mut keys_known = true;
        for entry in &dict.items {
            let Some(key) = &entry.key else {
                // `**other`: the keys it brings are not tracked.
                self.infer_expression(&entry.value);
                keys_known = false;
                continue;
            };
            let key_type = self.infer_expression(key);
            let Type::StringLiteral(literal) = key_type else {
                self.infer_expression(&entry.value);
                keys_known = false;
                if let Some(problem) = non_literal_key_problem(db, class, key_type) {
                    self.report(key.range(), &INVALID_TYPED_DICT_KEY, problem);
                }
                continue;
            };
            let name: &str = literal.value(db);
            let extra = super::items::extra_item(db, class, name);
            let Some(item) = items.iter().find(|item| &*item.name == name).or(extra.as_ref()) else {
                self.infer_expression(&entry.value);
                self.report(
                    key.range(),
                    &INVALID_TYPED_DICT_KEY,
                    format!("`{}` has no key `{name}`", class_name(db, class)),
                );
                continue;
            };
            let value = self.infer_expression_with(&entry.value, Some(item.ty));
            if !value.is_assignable_to(db, item.ty) {
                self.report(
                    entry.value.range(),
                    &INVALID_TYPED_DICT_VALUE,
                    format!(
                        "Value of type `{}` is not assignable to key `{name}` of `{}` (expected `{}`)",
                        value.display(db),
                        class_name(db, class),
                        item.ty.display(db)
                    ),
                );
            }
            seen.push(name.into());
        }
        if keys_known {
            let missing: Vec<&str> =
                items.iter().filter(|item| item.required && !seen.contains(&item.name)).map(|item| &*item.name).collect();
            if !missing.is_empty() {
                self.report(
                    dict.range(),
                    &MISSING_TYPED_DICT_KEY,
                    format!("Missing required key{} {} of `{}`", if missing.len() == 1 { "" } else { "s" }, crate::quoted_list::quoted_list(&missing), class_name(db, class)),
                );
            }
        }
        Type::Instance(class)
    }
}

/// Why a key that is not one string literal cannot build the TypedDict `class`: any key
/// that is not a union of string literals (its value is unknown, so it may name any item or
/// none), unless the TypedDict takes extra items, where an arbitrary `str` key may be one.
fn non_literal_key_problem<'db>(db: &'db dyn Db, class: ClassType<'db>, key: Type<'db>) -> Option<String> {
    if key.is_dynamic() || super::keyed_methods::literal_names(db, key).is_some() {
        return None;
    }
    if matches!(super::openness::typed_dict_openness(db, class), super::openness::Openness::Extra { .. }) {
        return None;
    }
    Some(format!("The keys of a `{}` display must be string literals, not `{}`", class_name(db, class), key.display(db)))
}

/// The constructor of a TypedDict: one keyword-only parameter per item, optional items
/// with a default.
pub(crate) fn typed_dict_constructor_signature<'db>(db: &'db dyn Db, class: ClassType<'db>) -> Signature<'db> {
    let parameters = super::unpack_kwargs::unpacked_keyword_parameters(db, class).collect();
    Signature { parameters, return_type: Type::Instance(class), gradual_parameters: false }
}

fn class_name(db: &dyn Db, class: ClassType<'_>) -> String {
    Type::Instance(class).display(db).to_string()
}

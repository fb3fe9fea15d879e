//! `td.update(...)`, `td | {...}` and `td |= {...}`: every key the argument brings (another TypedDict's items, a dict
//! display's literal keys, keyword arguments) must be a writable key of `td` with a
//! compatible value; a read-only key may only come with the value type `Never`.

use pytc_syntax::Ranged;
use pytc_syntax::TextRange;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::{ClassType, Type};

use super::construct::{INVALID_TYPED_DICT_KEY, INVALID_TYPED_DICT_VALUE};
use super::items::{typed_dict_item, typed_dict_items};
use super::subscript::INVALID_TYPED_DICT_WRITE;

impl<'db> InferContext<'db> {
    /// A call of `update` on a TypedDict, checked item by item (instead of against the
    /// stub's `update(self, m: Self)`, which would demand every required key).
    /// `None` when the call is something else.
    pub(crate) fn typed_dict_update_call(&mut self, callee: Type<'db>, call: &ast::ExprCall) -> Option<Type<'db>> {
        let db = self.db;
        let (receiver, _) = super::typed_dict_method_receiver(db, callee, &["update"])?;
        for argument in &call.arguments.args {
            match argument {
                ast::Expr::Dict(dict) => {
                    self.check_update_display(receiver, dict);
                }
                other => {
                    let source = self.infer_expression(other);
                    self.check_update_items(receiver, source, other.range());
                }
            }
        }
        for keyword in &call.arguments.keywords {
            let value = self.infer_expression(&keyword.value);
            if let Some(name) = &keyword.arg {
                self.check_update_item(receiver, name.as_str(), value, keyword.range());
            }
        }
        Some(Type::None)
    }

    /// `td |= other` for an `other` that is no dict display: when it is a TypedDict, each
    /// of its items is written as by `td.update(other)` (inferred quietly: the operator
    /// infers it again).
    pub(crate) fn check_update_from_typed_dict(&mut self, receiver: ClassType<'db>, other: &ast::Expr) {
        let was_reporting = self.suspend_reporting();
        let source = self.infer_expression(other);
        self.resume_reporting(was_reporting);
        self.check_update_items(receiver, source, other.range());
    }

    /// Each item of the TypedDict `source` written into `receiver`; nothing for another type.
    fn check_update_items(&mut self, receiver: ClassType<'db>, source: Type<'db>, range: TextRange) {
        let db = self.db;
        let Type::Instance(source) = source else { return };
        if !crate::class::is_typed_dict(db, source.class(db)) {
            return;
        }
        for item in typed_dict_items(db, source) {
            self.check_update_item(receiver, &item.name, item.ty, range);
        }
    }

    /// A dict display merged into a TypedDict (`td.update({...})`, `td |= {...}`, and
    /// `td | {...}` when it fits): each literal key must be a writable key of `receiver`
    /// and its value must fit; keys it leaves out keep their values. Whether every entry
    /// has a literal key and fits.
    pub(crate) fn check_update_display(&mut self, receiver: ClassType<'db>, dict: &ast::ExprDict) -> bool {
        let db = self.db;
        let mut fits = true;
        for entry in &dict.items {
            let key = entry.key.as_ref().map(|key| self.infer_expression(key));
            match key {
                Some(Type::StringLiteral(literal)) => {
                    let name: &str = literal.value(db);
                    let target = typed_dict_item(db, receiver, name).map(|item| item.ty);
                    let value = self.infer_expression_with(&entry.value, target);
                    fits &= self.check_update_item(receiver, name, value, entry.value.range());
                }
                _ => {
                    self.infer_expression(&entry.value);
                    fits = false;
                }
            }
        }
        fits
    }

    /// Writing `value` to the key `name` of `receiver` through `update`; whether it may.
    fn check_update_item(&mut self, receiver: ClassType<'db>, name: &str, value: Type<'db>, range: TextRange) -> bool {
        let db = self.db;
        let receiver_name = Type::Instance(receiver).display(db).to_string();
        let Some(target) = typed_dict_item(db, receiver, name) else {
            self.report(range, &INVALID_TYPED_DICT_KEY, format!("`{receiver_name}` has no key `{name}`"));
            return false;
        };
        if value.is_never() {
            return true;
        }
        if target.read_only {
            self.report(range, &INVALID_TYPED_DICT_WRITE, format!("Merging would write the read-only key `{name}` of `{receiver_name}`"));
            false
        } else if !value.is_assignable_to(db, target.ty) {
            self.report(
                range,
                &INVALID_TYPED_DICT_VALUE,
                format!("Key `{name}` gets a value of type `{}`, not assignable to `{}`", value.display(db), target.ty.display(db)),
            );
            false
        } else {
            true
        }
    }
}

//! `target op= value` stores its result back into the target, so the target must accept it
//! as a plain assignment would: an attribute must be writable through its receiver (not a
//! class variable through an instance, a frozen dataclass field, a named tuple field or a
//! property without a setter) and take the result's type; a TypedDict key must be writable
//! and take it. A missing attribute is reported once, where the target is read.

use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::infer::attribute::member_access;
use crate::types::Type;

impl<'db> InferContext<'db> {
    /// Check that the target of `augmented` accepts `result`, the value the operation gives.
    pub(crate) fn check_augmented_store(&mut self, augmented: &ast::StmtAugAssign, result: Type<'db>) {
        match &*augmented.target {
            ast::Expr::Attribute(attribute) => {
                let was = self.suspend_reporting();
                let object = self.infer_expression(&attribute.value);
                self.resume_reporting(was);
                if self.check_read_only_attribute(object, attribute, false) {
                    return;
                }
                self.check_class_var_instance_assignment(object, attribute);
                let name = attribute.attr.as_str();
                let every_receiver_has_it = object.union_elements(self.db).iter().all(|receiver| member_access(self.db, *receiver, name).found().is_some());
                if every_receiver_has_it && !result.is_dynamic() {
                    self.check_attribute_store(object, attribute, result, augmented.range);
                } else {
                    self.check_deprecated_property(attribute.attr.range, object, name, true);
                }
            }
            ast::Expr::Subscript(subscript) => {
                if !result.is_dynamic() {
                    self.check_typed_dict_store(subscript, result, augmented.range);
                }
            }
            _ => {}
        }
    }
}

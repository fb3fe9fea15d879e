//! `target op= value` stores its result back into the target, so the target must accept it
//! as a plain assignment would: an attribute must be writable through its receiver (not a
//! class variable through an instance, a frozen dataclass field, a named tuple field or a
//! property without a setter) and take the result's type; a TypedDict key must be writable
//! and take it. A missing attribute is reported once, where the target is read, and a
//! `Final` one once, as a reassignment.

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
                // A `Final` target is reported as a reassignment; its type says nothing more.
                if every_receiver_has_it && !result.is_dynamic() && !is_final_target(self.db, object, name) {
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

/// Whether `object.name` is declared `Final` for some type `object` may have (a class's
/// attribute through an instance, `self` or the class; a module's variable).
fn is_final_target<'db>(db: &'db dyn pytc_db::Db, object: Type<'db>, name: &str) -> bool {
    use crate::definitions::final_reassignment::{is_declared_final, is_final_attribute};
    object.union_elements(db).into_iter().any(|receiver| match receiver {
        Type::TypeVar(typevar) => typevar.bound(db).is_some_and(|bound| is_final_attribute(db, bound, name)),
        Type::SubclassOf(class) => is_final_attribute(db, Type::ClassObject(class), name),
        Type::Module(file) => is_declared_final(db, file, pytc_semantic::ScopeId::MODULE, name),
        other => is_final_attribute(db, other, name),
    })
}

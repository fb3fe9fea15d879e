//! `**kwargs: Unpack[TD]` (PEP 692): the keyword arguments a TypedDict describes. In the
//! signature the items become keyword-only parameters; in the body `kwargs` is the
//! TypedDict itself.

use pytc_db::Db;
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::{ClassType, Parameter, ParameterKind, SpecialForm, Type};

use super::items::typed_dict_items;

impl<'db> InferContext<'db> {
    /// The TypedDict of a `**kwargs` annotation spelled `Unpack[TD]`.
    pub(crate) fn unpacked_typed_dict(&mut self, annotation: &ast::Expr) -> Option<ClassType<'db>> {
        let db = self.db;
        let ast::Expr::Subscript(subscript) = annotation else { return None };
        let was_reporting = self.suspend_reporting();
        let head = self.infer_expression(&subscript.value);
        let unpacked = if head == Type::SpecialForm(SpecialForm::Unpack) { Some(self.type_expression(&subscript.slice)) } else { None };
        self.resume_reporting(was_reporting);
        match unpacked? {
            Type::Instance(class) if crate::class::is_typed_dict(db, class.class(db)) => Some(class),
            _ => None,
        }
    }
}

/// The keyword-only parameters `**kwargs: Unpack[TD]` stands for.
pub(crate) fn unpacked_keyword_parameters<'db>(db: &'db dyn Db, class: ClassType<'db>) -> impl Iterator<Item = Parameter<'db>> {
    typed_dict_items(db, class).into_iter().map(|item| Parameter {
        name: Some(item.name),
        kind: ParameterKind::KeywordOnly,
        annotated: item.ty,
        has_annotation: true,
        has_default: !item.required,
    })
}

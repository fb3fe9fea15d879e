//! `**kwargs: Unpack[TD]` (PEP 692): the keyword arguments a TypedDict describes. In the
//! signature the items become keyword-only parameters; in the body `kwargs` is the
//! TypedDict itself.

use pytc_db::Db;
use pytc_syntax::ast;

use pytc_syntax::Ranged;

use crate::call::{Argument, ArgumentKind};
use crate::infer::InferContext;
use crate::infer::annotation::INVALID_TYPE_FORM;
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

impl<'db> InferContext<'db> {
    /// `**kwargs: Unpack[X]`: `X` must be a TypedDict (not a type variable bound to one),
    /// and its keys must not name a parameter that can be passed by keyword, since such an
    /// argument would always bind to that parameter.
    pub(crate) fn check_unpacked_kwargs(&mut self, function: &ast::StmtFunctionDef, operand: &ast::Expr) {
        let db = self.db;
        let class = match self.type_expression(operand) {
            Type::Instance(class) if crate::class::is_typed_dict(db, class.class(db)) => class,
            ty if ty.is_dynamic() => return,
            ty => {
                self.report(operand.range(), &INVALID_TYPE_FORM, format!("`**kwargs` can only unpack a TypedDict, not `{}`", ty.display(db)));
                return;
            }
        };
        let parameters = &function.parameters;
        let by_keyword = parameters.args.iter().chain(&parameters.kwonlyargs).map(|p| &p.parameter);
        for parameter in by_keyword {
            if let Some(item) = typed_dict_items(db, class).into_iter().find(|item| *item.name == *parameter.name.as_str()) {
                self.report(
                    parameter.range(),
                    &INVALID_TYPE_FORM,
                    format!("Parameter `{}` overlaps with key `{}` of the TypedDict `{}` unpacked into `**kwargs`", parameter.name, item.name, class.name(db)),
                );
            }
        }
    }
}

/// The arguments `**mapping` passes. A TypedDict passes each required key as a keyword
/// argument of the key's type (so a key that is also given by name, or that no parameter
/// takes, is an error); its other keys may be missing, and pass on as a mapping of unknown
/// values. Any other mapping stays one `**` argument.
pub(crate) fn unpacked_typed_dict_arguments<'db>(db: &'db dyn Db, mapping: Type<'db>, range: pytc_syntax::TextRange) -> Vec<Argument<'db>> {
    let Type::Instance(class) = mapping else {
        return vec![Argument { kind: ArgumentKind::UnpackedMapping, ty: mapping, range, literals: crate::call::LiteralOrigin::Written }];
    };
    if !crate::class::is_typed_dict(db, class.class(db)) {
        return vec![Argument { kind: ArgumentKind::UnpackedMapping, ty: mapping, range, literals: crate::call::LiteralOrigin::Written }];
    }
    let items = typed_dict_items(db, class);
    let mut arguments: Vec<Argument<'db>> = items
        .iter()
        .filter(|item| item.required)
        .map(|item| Argument { kind: ArgumentKind::Keyword(item.name.to_string()), ty: item.ty, range, literals: crate::call::LiteralOrigin::Written })
        .collect();
    if items.iter().any(|item| !item.required) {
        arguments.push(Argument { kind: ArgumentKind::UnpackedMapping, ty: Type::UNKNOWN, range, literals: crate::call::LiteralOrigin::Written });
    }
    arguments
}

/// The keyword-only parameters `**kwargs: Unpack[TD]` stands for, and `**kwargs: T` for a
/// TypedDict with extra items of type `T` (PEP 728): other keywords of that type.
pub(crate) fn unpacked_keyword_parameters<'db>(db: &'db dyn Db, class: ClassType<'db>) -> impl Iterator<Item = Parameter<'db>> {
    let extra = match super::openness::typed_dict_openness(db, class) {
        super::openness::Openness::Extra { ty, .. } => Some(Parameter {
            name: Some(Box::from("kwargs")),
            kind: ParameterKind::KeywordVariadic,
            annotated: ty,
            has_annotation: true,
            has_default: false,
            unpacked_args: None,
        }),
        _ => None,
    };
    typed_dict_items(db, class).into_iter().map(|item| Parameter {
        name: Some(item.name),
        kind: ParameterKind::KeywordOnly,
        annotated: item.ty,
        has_annotation: true,
        has_default: !item.required,
        unpacked_args: None,
    })
    .chain(extra)
}

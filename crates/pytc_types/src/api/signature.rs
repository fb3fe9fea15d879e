//! Functions and methods of the public API: one signature per overload (the implementation
//! of an overloaded function is not part of its API), parameters as callers pass them.

use pytc_db::Db;

use super::model::{ApiFunction, ApiParameter, ApiParameterKind, ApiSignature, ApiType, MethodKind};
use crate::function::{FunctionFlags, FunctionType};
use crate::types::{ParameterKind, Signature};

/// The API of a `def` (the last one bound to its name: the implementation of an overload
/// group, or the only one).
pub(super) fn function_api<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> ApiFunction<'db> {
    let method_kind = method_kind(db, function);
    let group: Vec<FunctionType<'db>> = crate::infer::function::overload_group(db, function)
        .into_iter()
        .filter(|overload| overload.has(db, FunctionFlags::OVERLOAD))
        .collect();
    let is_overloaded = !group.is_empty();
    let defs = if is_overloaded { group } else { vec![function] };
    let overloads = defs.iter().map(|def| signature_api(db, *def, method_kind)).collect();
    ApiFunction {
        overloads,
        is_overloaded,
        is_async: function.has(db, FunctionFlags::ASYNC),
        is_abstract: function.has(db, FunctionFlags::ABSTRACT),
        is_final: function.has(db, FunctionFlags::FINAL),
        method_kind,
    }
}

fn method_kind(db: &dyn Db, function: FunctionType<'_>) -> MethodKind {
    if !function.has(db, FunctionFlags::METHOD) {
        MethodKind::Function
    } else if function.has(db, FunctionFlags::STATICMETHOD) && function.name(db).as_ref() != "__new__" {
        MethodKind::Static
    } else if function.has(db, FunctionFlags::CLASSMETHOD) {
        MethodKind::Class
    } else {
        MethodKind::Instance
    }
}

/// The signature of one `def` as its annotations declare it, without a method's receiver.
fn signature_api<'db>(db: &'db dyn Db, function: FunctionType<'db>, method_kind: MethodKind) -> ApiSignature<'db> {
    let declared: Signature<'db> = crate::infer::function::own_signature(db, function);
    let binds_receiver = matches!(method_kind, MethodKind::Instance | MethodKind::Class) || function.name(db).as_ref() == "__new__";
    let annotated_return = !function.has(db, FunctionFlags::INFERRED_RETURN);
    let inferred_return = (!annotated_return)
        .then(|| crate::infer::return_inference::inferred_return_type(db, function))
        .flatten()
        .map(|ty| ApiType::new(db, ty));
    api_signature(db, declared, binds_receiver, annotated_return, inferred_return)
}

/// A method `@dataclass`, `NamedTuple` and the like synthesize (`__init__`), from its
/// callable type (receiver included).
pub(super) fn synthesized_method_api<'db>(db: &'db dyn Db, signatures: &[Signature<'db>]) -> ApiFunction<'db> {
    ApiFunction {
        overloads: signatures.iter().map(|signature| api_signature(db, signature.clone(), true, true, None)).collect(),
        is_overloaded: signatures.len() > 1,
        is_async: false,
        is_abstract: false,
        is_final: false,
        method_kind: MethodKind::Instance,
    }
}

fn api_signature<'db>(
    db: &'db dyn Db,
    declared: Signature<'db>,
    binds_receiver: bool,
    annotated_return: bool,
    inferred_return: Option<ApiType<'db>>,
) -> ApiSignature<'db> {
    let signature = if binds_receiver { declared.without_first_parameter() } else { declared };
    // `**kwargs: Unpack[TD]` stands for the keyword-only parameters of its keys, which are
    // listed before it; callers can pass no other keyword.
    let parameters = signature.parameters.iter().filter(|parameter| parameter.kind != ParameterKind::UnpackedKeywords).map(|parameter| ApiParameter {
        name: parameter.name.as_deref().unwrap_or_default().to_string(),
        kind: match parameter.kind {
            ParameterKind::PositionalOnly => ApiParameterKind::PositionalOnly,
            ParameterKind::PositionalOrKeyword => ApiParameterKind::PositionalOrKeyword,
            ParameterKind::Variadic => ApiParameterKind::Variadic,
            ParameterKind::KeywordOnly => ApiParameterKind::KeywordOnly,
            ParameterKind::KeywordVariadic | ParameterKind::UnpackedKeywords => ApiParameterKind::KeywordVariadic,
        },
        annotation: parameter.has_annotation.then(|| ApiType::new(db, parameter.annotated)),
        has_default: parameter.has_default,
    });
    ApiSignature {
        parameters: parameters.collect(),
        returns: annotated_return.then(|| ApiType::new(db, signature.return_type)),
        inferred_return,
        gradual: signature.gradual_parameters,
    }
}

//! `dataclasses.replace(obj, **changes)`: the changes are the keyword arguments of a new
//! call of `obj`'s class, one for each field `__init__` takes. typeshed's `replace` takes
//! `**changes: Any` and sees none of this, so the keywords are checked against a signature
//! made of the dataclass's fields: each `__init__` field is an optional keyword (its value
//! is copied from `obj` when left out), a field with `init=False` is no keyword at all (the
//! run-time `replace` raises for it), and an `InitVar` without a default is required (it
//! cannot be copied).
//!
//! Held to what can be judged: `obj` an instance of a dataclass whose fields take their
//! own names (no `alias`, no `converter`), keywords without `**` unpacking.

use pytc_db::Db;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use super::bind::{Argument, ArgumentKind};
use super::{CallOutcome, evaluate_call};
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::types::{CallableType, Parameter, ParameterKind, Signature, Type};

impl<'db> InferContext<'db> {
    /// After a call of `dataclasses.replace`, report changes a new call of the object's
    /// class would reject.
    pub(super) fn check_dataclass_replace(&mut self, callee: Type<'db>, arguments: &[Argument<'db>], call: &ast::ExprCall) {
        let db = self.db;
        if !is_dataclasses_replace(db, callee) {
            return;
        }
        let Some((object, changes)) = arguments.split_first() else { return };
        if object.kind != ArgumentKind::Positional || !changes.iter().all(|change| matches!(change.kind, ArgumentKind::Keyword(_))) {
            return;
        }
        let Some(signature) = replace_signature(db, object.ty) else { return };
        let changes_callable = Type::Callable(CallableType::new(db, vec![signature].into_boxed_slice()));
        let outcome = evaluate_call(db, changes_callable, changes);
        if matches!(outcome, CallOutcome::Errors { .. }) {
            self.report_call_outcome(callee, &outcome, call.func.range(), call.range());
        }
    }
}

/// The keywords `replace` takes for an instance of a dataclass (see the module doc).
fn replace_signature<'db>(db: &'db dyn Db, object: Type<'db>) -> Option<Signature<'db>> {
    let Type::Instance(class) = object else { return None };
    let literal = class.class(db);
    if !crate::class::dataclass::is_dataclass(db, literal) {
        return None;
    }
    let fields = crate::class::dataclass::all_fields(db, literal);
    if fields.iter().any(|field| field.alias.is_some() || field.converter.is_some()) {
        return None;
    }
    let mut parameters = Vec::new();
    for field in fields.iter().filter(|field| field.init) {
        let owner_view = crate::class::find_ancestor(db, class, field.owner)?;
        let annotated = crate::class::specialization_of(db, owner_view).apply(db, field.init_type);
        parameters.push(Parameter {
            name: Some(field.name.clone()),
            kind: ParameterKind::KeywordOnly,
            annotated,
            has_annotation: true,
            has_default: !field.init_var || field.has_default,
            unpacked_args: None,
        });
    }
    Some(Signature { parameters, return_type: object, gradual_parameters: false })
}

/// The function `dataclasses.replace`.
fn is_dataclasses_replace<'db>(db: &'db dyn Db, callee: Type<'db>) -> bool {
    let Type::Function(function) = callee else { return false };
    &**function.name(db) == "replace" && KnownModule::Dataclasses.is(db, function.file(db))
}

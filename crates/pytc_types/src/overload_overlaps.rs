//! Overlapping overloads: an overload whose every argument list an earlier overload already
//! accepts is never used (it fully overlaps), and an earlier overload whose argument lists a
//! later one also accepts (they partially overlap) must return a type assignable to the
//! later one's, or a call the two share could be typed by either.
//!
//! Each pair is compared through the callable relation with both return types set aside:
//! overload `a` accepts every argument list of `b` exactly when `a`'s input signature is
//! assignable to `b`'s. Pairs are left alone (so nothing is reported) when a signature
//! mentions type variables (that needs solving one against the other), a parameter or a
//! return type is gradual (a call with `Any` may pick either), or the receiver is annotated
//! (overloads that differ by `self` alone).

use pytc_db::declare_rule;

use crate::class::known::KnownClass;
use crate::function::{FunctionFlags, FunctionType};
use crate::infer::InferContext;
use crate::overload_definitions::GroupMember;
use crate::types::{CallableType, ParameterKind, Signature, Type};

declare_rule! {
    /// An overload that can never be chosen because an earlier overload accepts every
    /// argument list it accepts, or two overloads that accept a common argument list where
    /// the earlier one's return type is not assignable to the later one's.
    ///
    /// ```python
    /// from typing import Literal, overload
    /// @overload
    /// def is_one(x: Literal[1]) -> Literal[True]: ...  # error: [overlapping-overload]
    /// @overload
    /// def is_one(x: int) -> Literal[False]: ...
    /// def is_one(x: int) -> bool: return x == 1
    /// ```
    pub static OVERLAPPING_OVERLOAD = {
        name: "overlapping-overload",
        summary: "an overload is never used, or overlaps a later one with an incompatible return type",
        level: Error,
    }
}

/// Report the overloads of a group that fully or unsafely overlap.
pub(crate) fn check_overload_overlaps(context: &mut InferContext<'_>, name: &str, overloads: &[&GroupMember<'_, '_>]) {
    let db = context.db;
    let signatures: Vec<Option<Signature<'_>>> = overloads.iter().map(|overload| overlap_signature(context, overload)).collect();
    let mut never_used = vec![false; overloads.len()];
    for later in 1..overloads.len() {
        let Some(later_signature) = &signatures[later] else { continue };
        for earlier in 0..later {
            let Some(earlier_signature) = &signatures[earlier] else { continue };
            if never_used[earlier] {
                continue;
            }
            if accepts_every_argument_list(db, earlier_signature, later_signature) {
                never_used[later] = true;
                context.report(
                    overloads[later].node.name.range,
                    &OVERLAPPING_OVERLOAD,
                    format!(
                        "Overload {} of `{name}` is never used: overload {} accepts every argument list it accepts",
                        later + 1,
                        earlier + 1
                    ),
                );
                break;
            }
        }
    }
    for earlier in 0..overloads.len() {
        let Some(earlier_signature) = &signatures[earlier] else { continue };
        if never_used[earlier] {
            continue;
        }
        for later in earlier + 1..overloads.len() {
            let Some(later_signature) = &signatures[later] else { continue };
            if never_used[later] || !accepts_every_argument_list(db, later_signature, earlier_signature) {
                continue;
            }
            if !earlier_signature.return_type.is_assignable_to(db, later_signature.return_type) {
                context.report(
                    overloads[earlier].node.name.range,
                    &OVERLAPPING_OVERLOAD,
                    format!(
                        "Overload {} of `{name}` overlaps overload {} and returns `{}`, which is not assignable to `{}`",
                        earlier + 1,
                        later + 1,
                        earlier_signature.return_type.display(db),
                        later_signature.return_type.display(db)
                    ),
                );
                break;
            }
        }
    }
}

/// Whether `accepting` accepts every argument list `accepted` accepts.
fn accepts_every_argument_list<'db>(db: &'db dyn pytc_db::Db, accepting: &Signature<'db>, accepted: &Signature<'db>) -> bool {
    let inputs = |signature: &Signature<'db>| Type::Callable(CallableType::single(db, Signature { return_type: KnownClass::Object.instance(db), ..signature.clone() }));
    inputs(accepting).is_assignable_to(db, inputs(accepted))
}

/// An overload's signature without its receiver, when it can be compared with the others:
/// no type variables, nothing gradual, no annotated receiver.
fn overlap_signature<'db>(context: &InferContext<'db>, overload: &GroupMember<'_, 'db>) -> Option<Signature<'db>> {
    let db = context.db;
    let function: FunctionType<'db> = overload.function?;
    let mut signature = crate::infer::function::own_signature(db, function);
    let is_method = overload.flags.contains(FunctionFlags::METHOD) && !overload.flags.contains(FunctionFlags::STATICMETHOD);
    if is_method {
        let receiver = signature.parameters.first()?;
        if receiver.has_annotation || !matches!(receiver.kind, ParameterKind::PositionalOnly | ParameterKind::PositionalOrKeyword) {
            return None;
        }
        signature.parameters.remove(0);
    }
    let comparable = |ty: Type<'db>| !crate::generics::has_typevars(db, ty) && !ty.contains_dynamic(db) && !ty.contains_todo(db);
    let parameters_comparable = signature.parameters.iter().all(|p| comparable(p.annotated) && p.unpacked_args.is_none());
    (parameters_comparable && comparable(signature.return_type) && !signature.gradual_parameters).then_some(signature)
}

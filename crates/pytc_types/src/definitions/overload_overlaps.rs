//! Overlapping overloads: an overload whose every argument list an earlier overload already
//! accepts is never used (it fully overlaps), and an earlier overload whose argument lists a
//! later one also accepts (they partially overlap) must return a type assignable to the
//! later one's, or a call the two share could be typed by either.
//!
//! Each pair is compared through the callable relation with both return types set aside:
//! overload `a` accepts every argument list of `b` exactly when `a`'s input signature is
//! assignable to `b`'s. The partial overlap is judged as mypy and pyright do in their common
//! cases: between overloads of the same parameter list, with `float`/`complex` promotions not
//! counted as overlaps. Stubs are not checked. Pairs are left alone (so nothing is reported) when a signature
//! mentions type variables (except an earlier overload generic in variables of its own, which
//! never-used checks solve from the later one's parameters), a parameter or a return type is
//! gradual (a call with `Any` may pick either; only an earlier overload's parameters written
//! as `Any` are compared, for never-used checks), or the receiver is annotated (overloads that
//! differ by `self` alone).

use pytc_db::declare_rule;

use crate::class::known::KnownClass;
use crate::function::{FunctionFlags, FunctionType};
use crate::infer::InferContext;
use crate::definitions::overload_definitions::GroupMember;
use crate::types::{CallableType, ParameterKind, Signature, Type, TypeVarKind, TypeVarSource, TypeVarType};

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
    // Stubs describe what a runtime function does, overlaps included (typeshed marks them).
    if context.index.is_stub() {
        return;
    }
    let db = context.db;
    let receiverless: Vec<Option<Signature<'_>>> = overloads.iter().map(|overload| receiverless_signature(context, overload)).collect();
    let signatures: Vec<Option<Signature<'_>>> = receiverless.iter().map(|signature| signature.clone().filter(|s| is_comparable(db, s))).collect();
    let class_parameters = context.enclosing_class().map_or(&[][..], |class| crate::class::type_parameters(db, class));
    let accepting: Vec<Option<Signature<'_>>> = receiverless
        .iter()
        .zip(&signatures)
        .map(|(receiverless, comparable)| {
            comparable.clone().or_else(|| {
                let receiverless = receiverless.as_ref()?;
                solvable_generic(db, receiverless, class_parameters).or_else(|| accepting_with_any(db, receiverless))
            })
        })
        .collect();
    let mut never_used = vec![false; overloads.len()];
    for later in 1..overloads.len() {
        let Some(later_signature) = &signatures[later] else { continue };
        for earlier in 0..later {
            let Some(earlier_signature) = &accepting[earlier] else { continue };
            if never_used[earlier] || has_protocol_parameter(db, earlier_signature) {
                continue;
            }
            let Some(earlier_instance) = instance_accepting(db, earlier_signature, later_signature) else { continue };
            if accepts_every_argument_list(db, &earlier_instance, later_signature) {
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
            if never_used[later] || !same_shape(earlier_signature, later_signature) || promotes(db, later_signature) {
                continue;
            }
            if !accepts_every_argument_list(db, later_signature, earlier_signature) {
                continue;
            }
            // A guard returns a `bool` to its caller; each overload narrows by its own guard.
            if !earlier_signature.return_type.as_call_result(db).is_assignable_to(db, later_signature.return_type.as_call_result(db)) {
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

/// Whether two signatures list the same parameters (names, kinds, defaults) and differ only
/// in their types: only then is a shared argument list sure to be one a caller writes (a
/// call with fewer arguments, or through `*args`, may pick one overload by its arity alone).
fn same_shape(first: &Signature<'_>, second: &Signature<'_>) -> bool {
    first.parameters.len() == second.parameters.len()
        && first.parameters.iter().zip(&second.parameters).all(|(a, b)| {
            a.kind == b.kind && a.has_default == b.has_default && (a.kind == ParameterKind::PositionalOnly || a.name == b.name)
        })
}

/// Whether a parameter of `signature` is `float` or `complex`, which accept `int` (and
/// `float`) by promotion rather than as subclasses: an `int` overload before a `float` one
/// narrows the type, it does not overlap it unsafely.
fn promotes<'db>(db: &'db dyn pytc_db::Db, signature: &Signature<'db>) -> bool {
    let promoted = |ty: Type<'db>| match ty {
        Type::Instance(class) => {
            crate::class::known::is_known(db, class.class(db), KnownClass::Float) || crate::class::known::is_known(db, class.class(db), KnownClass::Complex)
        }
        _ => false,
    };
    signature.parameters.iter().any(|parameter| match parameter.annotated {
        Type::Union(union) => union.elements(db).iter().any(|member| promoted(*member)),
        other => promoted(other),
    })
}

/// Whether a parameter of `signature` is a protocol: a class matches it structurally, which
/// may rest on a `__getattr__` that answers for any member, so an overload of that class
/// after it is not judged unreachable.
fn has_protocol_parameter<'db>(db: &'db dyn pytc_db::Db, signature: &Signature<'db>) -> bool {
    let is_protocol = |ty: Type<'db>| matches!(ty, Type::Instance(class) if crate::class::is_protocol(db, class.class(db)));
    signature.parameters.iter().any(|parameter| match parameter.annotated {
        Type::Union(union) => union.elements(db).iter().any(|member| is_protocol(*member)),
        other => is_protocol(other),
    })
}

/// `accepting` as the instance that a call with `accepted`'s parameter types would solve it
/// to (itself when it is not generic). `None` when no instance fits or a variable stays
/// unsolved (it would be `Unknown`, which accepts anything).
fn instance_accepting<'db>(db: &'db dyn pytc_db::Db, accepting: &Signature<'db>, accepted: &Signature<'db>) -> Option<Signature<'db>> {
    if !accepting.parameters.iter().any(|p| crate::generics::has_typevars(db, p.annotated)) {
        return Some(accepting.clone());
    }
    let instance = crate::relation::callable::instantiate_generic_source(db, accepting, accepted)?;
    let solved = instance.parameters.iter().all(|p| !p.annotated.contains_dynamic(db) && !crate::generics::has_typevars(db, p.annotated));
    solved.then_some(instance)
}

/// Whether `accepting` accepts every argument list `accepted` accepts.
fn accepts_every_argument_list<'db>(db: &'db dyn pytc_db::Db, accepting: &Signature<'db>, accepted: &Signature<'db>) -> bool {
    let inputs = |signature: &Signature<'db>| Type::Callable(CallableType::single(db, Signature { return_type: KnownClass::Object.instance(db), ..signature.clone() }));
    inputs(accepting).is_assignable_to(db, inputs(accepted))
}

/// An overload's signature without its receiver; `None` when the receiver is annotated.
fn receiverless_signature<'db>(context: &InferContext<'db>, overload: &GroupMember<'_, 'db>) -> Option<Signature<'db>> {
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
    Some(signature)
}

/// An overload whose parameters are annotated with `Any` (in whole or in part), as it accepts
/// argument lists: an argument of any type fits such a parameter, so a later overload that
/// accepts no more than it is never used (a call the two share picks the first, since every
/// materialization of the argument fits `Any`). `None` when a parameter is gradual for any
/// other reason (not annotated, an unresolved import, a part pytc does not model, `...`) or
/// the signature is generic.
fn accepting_with_any<'db>(db: &'db dyn pytc_db::Db, signature: &Signature<'db>) -> Option<Signature<'db>> {
    let explicit = |p: &crate::types::Parameter<'db>| {
        p.has_annotation && p.unpacked_args.is_none() && !p.annotated.contains_inferred_dynamic(db) && !crate::generics::has_typevars(db, p.annotated)
    };
    (!signature.gradual_parameters && signature.parameters.iter().all(explicit))
        .then(|| Signature { return_type: KnownClass::Object.instance(db), ..signature.clone() })
}

/// Whether a signature can be compared with the others as it is: no type variables, nothing
/// gradual.
fn is_comparable<'db>(db: &'db dyn pytc_db::Db, signature: &Signature<'db>) -> bool {
    let generic = signature.parameters.iter().any(|p| crate::generics::has_typevars(db, p.annotated)) || crate::generics::has_typevars(db, signature.return_type);
    !generic && !has_gradual_parts(db, signature)
}

/// Whether a parameter or the return type is gradual (`Any`, a `Todo`, `...` parameters or
/// unpacked `*args`), so a call may pick either overload.
fn has_gradual_parts<'db>(db: &'db dyn pytc_db::Db, signature: &Signature<'db>) -> bool {
    let gradual = |ty: Type<'db>| ty.contains_dynamic(db) || ty.contains_todo(db);
    signature.gradual_parameters || gradual(signature.return_type) || signature.parameters.iter().any(|p| gradual(p.annotated) || p.unpacked_args.is_some())
}

/// A generic overload as it accepts argument lists: with type variables that a call solves
/// (the function's own, not the class's, which the receiver fixes; not `ParamSpec` or
/// `TypeVarTuple`). They are solved from the other overload's parameters
/// (`instance_accepting`), so `def f(x: list[T])` accepts what `def f(x: list[int])` does; an
/// instance never accepts more than the generic overload does. `None` when a variable is not
/// of that kind or something is gradual.
fn solvable_generic<'db>(db: &'db dyn pytc_db::Db, signature: &Signature<'db>, class_parameters: &[TypeVarType<'db>]) -> Option<Signature<'db>> {
    let mut solvable = true;
    for parameter in &signature.parameters {
        crate::generics::walk_typevars(db, parameter.annotated, &mut |typevar| {
            solvable &= typevar.kind(db) == TypeVarKind::TypeVar && matches!(typevar.source(db), TypeVarSource::Declared(_)) && !class_parameters.contains(&typevar);
        });
    }
    let inputs = Signature { return_type: KnownClass::Object.instance(db), ..signature.clone() };
    (solvable && !has_gradual_parts(db, &inputs)).then_some(inputs)
}

//! Why one type is not assignable to another, in a sentence for a diagnostic's note, where
//! the two types alone do not say it: for a protocol, the first member the source does not
//! provide as declared (missing, read-only where it must be settable, of another type).
//! `None` when there is nothing to add to the types.

use pytc_db::Db;

use crate::class::ClassFlags;
use crate::function::FunctionFlags;
use crate::protocol::ProtocolMemberKind;
use crate::relation::protocol::{MismatchReason, structural_mismatch};
use crate::relation::Relation;
use crate::types::Type;

/// A note explaining why `source` is not assignable to `target`.
pub(crate) fn explain_unassignable<'db>(db: &'db dyn Db, source: Type<'db>, target: Type<'db>) -> Option<String> {
    // A union fails through its first element that fails.
    if let Type::Union(union) = source {
        let failing = union.elements(db).iter().copied().find(|element| !element.is_assignable_to(db, target))?;
        return explain_unassignable(db, failing, target);
    }
    let Type::Instance(protocol) = target else { return None };
    if !crate::class::is_protocol(db, protocol.class(db)) {
        return None;
    }
    if let Type::Instance(source_class) = source
        && crate::class::find_ancestor(db, source_class, protocol.class(db)).is_some()
    {
        return None;
    }
    let mismatch = structural_mismatch(db, source, protocol, Relation::Assignability, 0)?;
    let (member, source_shown, protocol_shown) = (mismatch.member, source.display(db), target.display(db));
    Some(match mismatch.reason {
        MismatchReason::SetToNone => format!("`{source_shown}` sets `{member}` to `None`, and protocol `{protocol_shown}` needs it"),
        MismatchReason::Missing => format!("`{source_shown}` has no attribute `{member}`, which protocol `{protocol_shown}` needs"),
        MismatchReason::PossiblyMissing => format!("`{source_shown}` may not have attribute `{member}`, which protocol `{protocol_shown}` needs"),
        MismatchReason::Kind(ProtocolMemberKind::ClassVar) => {
            format!("protocol `{protocol_shown}` needs `{member}` to be a class variable; `{source_shown}` sets it only on instances")
        }
        MismatchReason::Kind(_) => {
            let why = why_not_settable(db, source, &member);
            format!("protocol `{protocol_shown}` needs `{member}` to be a settable attribute; on `{source_shown}` {why}")
        }
        MismatchReason::Type { expected, actual, invariant } => {
            let exactly = if invariant { " (a settable member must have exactly its type)" } else { "" };
            format!(
                "`{member}` of `{source_shown}` has type `{}`, not assignable to `{}` that protocol `{protocol_shown}` declares{exactly}",
                actual.display(db),
                expected.display(db)
            )
        }
    })
}

/// Why instances of `source` cannot assign `member`, as the end of a sentence.
fn why_not_settable<'db>(db: &'db dyn Db, source: Type<'db>, member: &str) -> &'static str {
    let Type::Instance(class) = source else { return "it cannot be assigned" };
    let Some(found) = crate::class::class_member(db, class, member) else { return "it cannot be assigned" };
    match found.ty {
        _ if found.class_var => "it is a `ClassVar`",
        Type::Function(function) if function.has(db, FunctionFlags::PROPERTY) => "it is a property without a setter",
        _ if crate::class::flags(db, found.owner).contains(ClassFlags::NAMED_TUPLE) => "it is a named tuple field",
        _ if crate::class::dataclass::dataclass_params(db, found.owner).as_ref().is_some_and(|params| params.frozen) => "it is a field of a frozen dataclass",
        _ => "it cannot be assigned",
    }
}

//! Solving type variables from an argument that satisfies a generic protocol structurally
//! (`zip[tuple[str, int]]` passed for `Iterable[T]`, an object with `keys` and
//! `__getitem__` for `SupportsKeysAndGetItem[K, V]`): each member the protocol declares is
//! matched with the argument's member of that name, methods by their bound signatures.

use crate::generics::TypeVarSolver;
use crate::infer::attribute::member_access;
use crate::types::{ClassType, Type};

impl<'db> TypeVarSolver<'db> {
    /// Solve the variables of `protocol`'s arguments from the members of `argument`.
    pub(super) fn infer_from_protocol_members(&mut self, protocol: ClassType<'db>, argument: Type<'db>, depth: u32) {
        let db = self.db;
        if !crate::generics::has_typevars(db, Type::Instance(protocol)) || self.protocol_matches.contains(&(protocol, argument)) {
            return;
        }
        self.protocol_matches.push((protocol, argument));
        for name in crate::relation::protocol::protocol_members(db, protocol) {
            let Some(expected) = member_access(db, Type::Instance(protocol), &name).found() else { continue };
            // A method is matched as the callable its binding gives (return and parameters).
            let expected = match expected {
                // An overloaded member (`SupportsRound.__round__`) says nothing certain.
                Type::BoundMethod(_) | Type::Function(_) => match crate::call::signatures_of(db, expected) {
                    Some(signatures) if signatures.len() == 1 => crate::call::callable_of(db, signatures),
                    _ => continue,
                },
                other => other,
            };
            if !crate::generics::has_typevars(db, expected) {
                continue;
            }
            let Some(actual) = crate::relation::protocol::source_member(db, argument, &name).found() else { continue };
            self.infer_at(expected, actual, depth);
        }
        self.protocol_matches.pop();
    }
}

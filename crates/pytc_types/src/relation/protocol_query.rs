//! Protocol satisfaction as a query. Checking a type against a protocol compares every
//! member of the protocol, and the same few questions (`str` against `Sized`, `int` against
//! `SupportsAdd[...]`) come up in every call to `len`, `sum` or `sorted`: answered once per
//! revision, and kept across edits of files they do not depend on.

use pytc_db::Db;

use crate::relation::Relation;
use crate::types::{ClassType, Type};

/// One protocol check, as a query key. `depth` is part of the question: deep checks give
/// up (answer "yes") sooner, so the same pair can have different answers at different depths.
#[salsa::interned(debug, revisions = usize::MAX)]
struct ProtocolQuestion<'db> {
    #[returns(copy)]
    source: Type<'db>,
    #[returns(copy)]
    protocol: ClassType<'db>,
    #[returns(copy)]
    subtyping: bool,
    #[returns(copy)]
    depth: u32,
}

/// Whether `source` satisfies `protocol` under `relation`, checked `depth` levels down a
/// relation check.
pub(super) fn satisfies_protocol<'db>(db: &'db dyn Db, source: Type<'db>, protocol: ClassType<'db>, relation: Relation, depth: u32) -> bool {
    let subtyping = relation == Relation::Subtyping;
    satisfies_protocol_query(db, ProtocolQuestion::new(db, source, protocol, subtyping, depth))
}

/// A query: see the module documentation.
#[salsa::tracked(returns(copy), cycle_result = assume_satisfied)]
fn satisfies_protocol_query<'db>(db: &'db dyn Db, question: ProtocolQuestion<'db>) -> bool {
    let relation = if question.subtyping(db) { Relation::Subtyping } else { Relation::Assignability };
    super::protocol::satisfies_protocol(db, question.source(db), question.protocol(db), relation, question.depth(db))
}

/// A protocol whose check depends on itself (a recursive protocol) is assumed satisfied,
/// as the depth limit of relation checks does.
fn assume_satisfied<'db>(_db: &'db dyn Db, _id: salsa::Id, _question: ProtocolQuestion<'db>) -> bool {
    true
}

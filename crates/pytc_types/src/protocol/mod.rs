//! Protocols (PEP 544) beyond the structural relation itself: what kind of member each
//! protocol member is, the checks of a protocol's body and the declared-variance check of
//! generic protocols.

mod definition;
mod member_kind;
mod variance;

pub(crate) use definition::{check_protocol_bases, check_protocol_body};
pub(crate) use member_kind::{ProtocolMemberKind, is_declared_member, protocol_member_kind, source_member_fits, source_member_widens};
pub(crate) use variance::check_protocol_variance;

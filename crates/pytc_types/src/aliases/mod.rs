//! Type aliases beyond the plain `X = int` spelling: aliases as runtime objects
//! (`TypeAliasType(...)` and `type X = ...`) and aliases whose value refers to themselves.

pub(crate) mod recursive_alias;
pub(crate) mod type_alias_type;

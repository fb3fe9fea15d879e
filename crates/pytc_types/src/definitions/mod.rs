//! Whole-definition checks: rules that judge a function, an overload group or a class member
//! as a definition, once, rather than an expression where it is used. Method and attribute overrides and
//! `@final` (and `@final` classes that leave abstract members), assignments to `Final` names, overload groups and their overlaps, `TypeGuard`/
//! `TypeIs` function signatures, and what a generator's declared return type asks of its body.

pub(crate) mod attribute_overrides;
pub(crate) mod final_class;
pub(crate) mod final_reassignment;
pub(crate) mod generator_body;
pub(crate) mod overload_definitions;
pub(crate) mod overload_overlaps;
pub(crate) mod overrides;
mod type_guard_definition;

//! The keyword arguments of a class statement (`class Plugin(Base, name="csv")`), other than
//! `metaclass`: `type.__new__` passes them on to `__init_subclass__` of the nearest base that
//! defines it, so they are checked as a call of that method, bound to the new class.
//!
//! Quiet wherever the keywords may go elsewhere or the receiving method is unknown: a
//! metaclass with its own `__new__` or `__init__` (it may consume them: an enum's
//! `boundary=`), a TypedDict (its keywords are its own), a `**mapping` among the keywords,
//! a base of unknown type, and `object.__init_subclass__` (which takes none, but
//! `dataclass_transform` libraries spell their options as class keywords without declaring
//! them).

use pytc_syntax::ast::{self, HasNodeIndex};

use crate::call::{Argument, CallOutcome};
use crate::class::{self, KnownClass};
use crate::infer::InferContext;
use crate::types::{ClassLiteral, ClassType, Type};

impl<'db> InferContext<'db> {
    /// Check the class keywords `keywords` (already inferred) of the class statement `node`
    /// against the `__init_subclass__` that receives them.
    pub(crate) fn check_class_keywords(&mut self, node: &ast::StmtClassDef, keywords: &[Argument<'db>], has_unpacked: bool) {
        let db = self.db;
        let Some(definition) = self.index.definitions_for_node(node.node_index().load()).first().copied() else { return };
        let literal = ClassLiteral::new(db, self.file, definition.as_u32(), Box::<str>::from(node.name.as_str()));
        if has_unpacked || class::is_typed_dict(db, literal) || !metaclass_forwards_keywords(db, literal) {
            return;
        }
        let class_type = ClassType::bare(db, literal);
        let Some(member) = class::members::class_member_after(db, class_type, literal, "__init_subclass__") else { return };
        if member.is_object_member || !matches!(member.ty, Type::Function(_)) {
            return;
        }
        let Some(method) = super::attribute::member_after(db, literal, Type::ClassObject(class_type), "__init_subclass__").found() else {
            return;
        };
        let outcome = crate::call::evaluate_call(db, method, keywords);
        if !matches!(outcome, CallOutcome::Success(_)) {
            self.report_call_outcome(method, &outcome, node.name.range, node.name.range);
        }
    }
}

/// Whether the class's metaclass creates it with `type`'s own `__new__` and `__init__`,
/// which hand every class keyword to `__init_subclass__`.
fn metaclass_forwards_keywords<'db>(db: &'db dyn pytc_db::Db, literal: ClassLiteral<'db>) -> bool {
    let Type::Instance(metaclass) = class::metaclass_instance(db, literal) else { return false };
    ["__new__", "__init__"].iter().all(|name| {
        class::class_member(db, metaclass, name).is_some_and(|member| class::known::is_known(db, member.owner, KnownClass::Type))
    })
}

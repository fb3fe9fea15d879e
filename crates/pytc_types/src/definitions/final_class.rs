//! A `@final` class must implement every abstract member it has: it cannot be subclassed, so
//! a member left abstract is one nothing can ever implement, and the class can never be
//! instantiated.

use pytc_db::declare_rule;
use pytc_syntax::ast;

use crate::class::{self, ClassFlags};
use crate::infer::InferContext;
use crate::types::ClassLiteral;

declare_rule! {
    /// A class marked `@final` that leaves abstract methods (or protocol members it
    /// explicitly inherits) unimplemented: no subclass may implement them, so the class can
    /// never be instantiated.
    ///
    /// ```python
    /// from abc import ABC, abstractmethod
    /// from typing import final
    /// class Shape(ABC):
    ///     @abstractmethod
    ///     def area(self) -> float: ...
    /// @final
    /// class Square(Shape):  # error: [final-class-with-abstract-members]
    ///     pass
    /// ```
    pub static FINAL_CLASS_WITH_ABSTRACT_MEMBERS = {
        name: "final-class-with-abstract-members",
        summary: "a `@final` class leaves abstract members unimplemented",
        level: Error,
    }
}

/// Report a `@final` class statement whose class has abstract members. A protocol's own
/// members are its interface, not unimplemented methods, so a protocol is not judged.
pub(crate) fn check_final_class_abstract_members(context: &mut InferContext<'_>, class: ClassLiteral<'_>, node: &ast::StmtClassDef) {
    let db = context.db;
    if !class::flags(db, class).contains(ClassFlags::FINAL) || class::is_protocol(db, class) {
        return;
    }
    let members = class::abstract_class::abstract_members(db, class);
    let Some(first) = members.first() else { return };
    let listed = if members.len() == 1 {
        format!("member `{first}`")
    } else {
        format!("members {}", crate::quoted_list::quoted_list(&members))
    };
    context.report(
        node.name.range,
        &FINAL_CLASS_WITH_ABSTRACT_MEMBERS,
        format!("Class `{}` is `@final` but leaves abstract {listed} unimplemented", node.name),
    );
}

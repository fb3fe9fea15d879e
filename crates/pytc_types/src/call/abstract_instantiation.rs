//! Calling a class object that cannot be instantiated: a protocol class, or a class with
//! abstract members (`@abstractmethod`, or protocol members nothing implements).

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::class;
use crate::infer::InferContext;
use crate::types::Type;

declare_rule! {
    /// Instantiating a protocol class or a class that has abstract members.
    ///
    /// ```python
    /// class Shape(Protocol):
    ///     def area(self) -> float: ...
    ///
    /// class Square(Shape): ...
    ///
    /// Square()  # error: [abstract-instantiation]
    /// ```
    pub static ABSTRACT_INSTANTIATION = {
        name: "abstract-instantiation",
        summary: "a protocol class or a class with abstract members is instantiated",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// Report a call of `callee` that instantiates an abstract class.
    pub(crate) fn check_abstract_instantiation(&mut self, callee: Type<'db>, call: &ast::ExprCall) {
        let db = self.db;
        // `type[C]` may hold a concrete subclass: only the class object itself is checked.
        let Type::ClassObject(class) = callee else { return };
        let literal = class.class(db);
        if class::is_protocol(db, literal) {
            self.report(call.range(), &ABSTRACT_INSTANTIATION, format!("Cannot instantiate protocol class `{}`", literal.name(db)));
            return;
        }
        let missing = class::abstract_members(db, literal);
        if missing.is_empty() {
            return;
        }
        self.report(
            call.range(),
            &ABSTRACT_INSTANTIATION,
            format!("Cannot instantiate abstract class `{}`: {} not implemented", literal.name(db), crate::quoted_list::quoted_list(&missing)),
        );
    }
}

//! Generic instance variables read or written through the class object: `label: T` in the
//! body of `class Node(Generic[T])` declares an attribute of each instance, whose type
//! depends on the instance's type argument, so `Node.label` and `Node[int].label` have no
//! meaningful type (type arguments are erased at runtime).

use pytc_db::{Db, declare_rule};
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::{ClassLiteral, Type};

declare_rule! {
    /// An instance variable whose type mentions the class's type parameters, accessed
    /// through the class object rather than an instance.
    ///
    /// ```python
    /// from typing import Generic, TypeVar
    /// T = TypeVar("T")
    /// class Node(Generic[T]):
    ///     label: T
    /// Node[int].label  # error: [generic-instance-variable-on-class]
    /// ```
    pub static GENERIC_INSTANCE_VARIABLE_ON_CLASS = {
        name: "generic-instance-variable-on-class",
        summary: "a generic instance variable is accessed through the class object",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// Report `attribute` when `object` is a class object and the attribute is an instance
    /// variable whose declared type uses the owning class's type parameters.
    pub(crate) fn check_generic_instance_variable_access(&mut self, object: Type<'db>, attribute: &ast::ExprAttribute) {
        let db = self.db;
        let Type::ClassObject(class) = object else { return };
        let name = attribute.attr.as_str();
        let Some(member) = crate::class::class_member(db, crate::types::ClassType::bare(db, class.class(db)), name) else { return };
        if member.instance_only || member.class_var || !is_declared_without_value(db, member.owner, name) {
            return;
        }
        let Some(declared) = crate::class::own_class_member(db, member.owner, name) else { return };
        let parameters = crate::class::type_parameters(db, member.owner);
        let mut uses_parameter = false;
        crate::generics::walk_typevars(db, declared.ty, &mut |typevar| uses_parameter |= parameters.contains(&typevar));
        if uses_parameter {
            self.report(
                attribute.attr.range,
                &GENERIC_INSTANCE_VARIABLE_ON_CLASS,
                format!("Generic instance variable `{name}` cannot be accessed through the class `{}`", class.name(db)),
            );
        }
    }
}

/// Whether the body of `class` declares `name` with an annotation but binds no value.
fn is_declared_without_value(db: &dyn Db, class: ClassLiteral<'_>, name: &str) -> bool {
    let Some(scope) = crate::class::members::class_body_scope(db, class) else { return false };
    let index = crate::semantic::class_index(db, class);
    let table = index.symbol_table(scope);
    table.symbol_id(name).is_some_and(|symbol| {
        let symbol = table.symbol(symbol);
        symbol.is_declared() && !symbol.is_bound()
    })
}

//! Members reached through `super()` in a method: calling a method its class declares
//! without an implementation (an abstract method or a protocol member whose body is only
//! `...`, `pass` or a docstring) runs that empty body, so it is an error. In a class that is
//! itself still abstract (a mixin) the method only runs on instances of subclasses, whose
//! MRO may place an implementation between the two, so nothing is reported there.

use pytc_db::declare_rule;
use pytc_semantic::ScopeKind;
use pytc_syntax::ast;

use crate::function::FunctionType;
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::types::{ClassLiteral, Type};

declare_rule! {
    /// A method reached through `super()` has no implementation: it is abstract (or a
    /// protocol member) and its body is only `...`, `pass` or a docstring.
    ///
    /// ```python
    /// class Shape(Protocol):
    ///     @abstractmethod
    ///     def area(self) -> float: ...
    ///
    /// class Square(Shape):
    ///     def area(self) -> float:
    ///         return super().area()  # error: [unimplemented-super-call]
    /// ```
    pub static UNIMPLEMENTED_SUPER_CALL = {
        name: "unimplemented-super-call",
        summary: "a method reached through `super()` is abstract and has no implementation",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// Report `super().name` in a method of a class when the next class in the MRO that
    /// defines `name` declares it without an implementation.
    pub(super) fn check_super_member(&mut self, attribute: &ast::ExprAttribute) {
        let db = self.db;
        let ast::Expr::Call(call) = &*attribute.value else { return };
        if !call.arguments.is_empty() || !matches!(&*call.func, ast::Expr::Name(name) if name.id.as_str() == "super") {
            return;
        }
        if !self.names_builtin_super(&call.func) {
            return;
        }
        let Some(class) = self.class_of_method() else { return };
        if !crate::class::abstract_members(db, class).is_empty() {
            return;
        }
        let name = attribute.attr.as_str();
        let Some((owner, function)) = next_definition(db, class, name) else { return };
        if crate::class::abstract_class::is_unimplemented(db, owner, function) {
            self.report(
                attribute.attr.range,
                &UNIMPLEMENTED_SUPER_CALL,
                format!("Method `{name}` of `{}` has no implementation to call through `super()`", owner.name(db)),
            );
        }
    }

    fn names_builtin_super(&mut self, callee: &ast::Expr) -> bool {
        let was = self.suspend_reporting();
        let ty = self.infer_expression(callee);
        self.resume_reporting(was);
        let db = self.db;
        matches!(ty, Type::ClassObject(class) if &**class.class(db).name(db) == "super" && KnownModule::Builtins.is(db, class.class(db).file(db)))
    }

    /// The class whose body directly holds the function being checked.
    fn class_of_method(&self) -> Option<ClassLiteral<'db>> {
        let scope = self.index.scope(self.scope);
        if scope.kind != ScopeKind::Function {
            return None;
        }
        let parent = self.index.scope(scope.parent?);
        if parent.kind != ScopeKind::Class {
            return None;
        }
        self.enclosing_class()
    }
}

/// The first class after `class` in its MRO that defines `name`, with that definition when
/// it is a plain function.
fn next_definition<'db>(db: &'db dyn pytc_db::Db, class: ClassLiteral<'db>, name: &str) -> Option<(ClassLiteral<'db>, FunctionType<'db>)> {
    let mro = crate::class::class_mro(db, class);
    if mro.has_dynamic_base {
        return None;
    }
    for entry in &mro.classes {
        let owner = entry.class(db);
        if owner == class {
            continue;
        }
        let Some(member) = crate::class::own_class_member(db, owner, name) else { continue };
        return match member.ty {
            Type::Function(function) => Some((owner, function)),
            _ => None,
        };
    }
    None
}

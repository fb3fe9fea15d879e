//! Members reached through `super()`: `super().name` in a method (or `super(C, x).name`
//! anywhere) is the member of the first class after the method's class (`C`) in the MRO
//! of the receiver's class, bound to the receiver (`self` or `cls`, `x`).
//!
//! Calling a method its class declares without an implementation (an abstract method or a
//! protocol member whose body is only `...`, `pass` or a docstring) runs that empty body,
//! so it is an error. In a class that is itself still abstract (a mixin) the method only
//! runs on instances of subclasses, whose MRO may place an implementation between the two,
//! so nothing is reported there.

use pytc_db::declare_rule;
use pytc_semantic::ScopeKind;
use pytc_syntax::ast;

use crate::function::FunctionType;
use crate::infer::InferContext;
use crate::infer::attribute::MemberLookup;
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

    /// The type of `super().name` or `super(C, x).name`; `None` when `attribute` reads no
    /// member through a call of the builtin `super` of one of those forms (the one-argument,
    /// unbound form is not modelled).
    pub(super) fn super_attribute(&mut self, attribute: &ast::ExprAttribute) -> Option<Type<'db>> {
        let ast::Expr::Call(call) = &*attribute.value else { return None };
        if !matches!(&*call.func, ast::Expr::Name(name) if name.id.as_str() == "super") || !call.arguments.keywords.is_empty() || !self.names_builtin_super(&call.func) {
            return None;
        }
        let (pivot, receiver) = match &call.arguments.args[..] {
            [] => (self.class_of_method()?, self.method_receiver()?),
            [class, receiver] => match self.infer_expression(class) {
                Type::ClassObject(class) => (class.class(self.db), self.infer_expression(receiver)),
                _ => return None,
            },
            _ => return None,
        };
        let name = attribute.attr.as_str();
        match super::attribute::member_after(self.db, pivot, receiver, name) {
            MemberLookup::Found(ty) | MemberLookup::PossiblyMissing(ty) => Some(ty),
            MemberLookup::Missing => {
                let message = format!("No class after `{}` in the MRO defines `{name}` for `super()` to find", pivot.name(self.db));
                self.report(attribute.attr.range, &super::attribute::UNRESOLVED_ATTRIBUTE, message);
                Some(Type::UNKNOWN)
            }
        }
    }

    /// The type of the first parameter of the method being checked (`self` or `cls`, what a
    /// bare `super()` binds to); `None` when it has none.
    fn method_receiver(&mut self) -> Option<Type<'db>> {
        let node = self.index.scope(self.scope).node?;
        let definition = *self.index.definitions_for_node(node).first()?;
        let pytc_semantic::DefinitionKind::Function(function) = &self.index.definition(definition).kind else { return None };
        let parameters = &function.parameters;
        let first = parameters.posonlyargs.first().or_else(|| parameters.args.first())?;
        let parameter = *self.index.definitions_for_node(first.parameter.node_index.load()).first()?;
        Some(crate::infer::definition::binding_type(self.db, crate::semantic::DefinitionRef::of(self.db, self.file, parameter)))
    }

    fn names_builtin_super(&mut self, callee: &ast::Expr) -> bool {
        let was = self.suspend_reporting();
        let ty = self.infer_expression(callee);
        self.resume_reporting(was);
        let db = self.db;
        matches!(ty, Type::ClassObject(class) if &**class.class(db).name(db) == "super" && KnownModule::Builtins.is(db, class.class(db).file(db)))
    }

    /// The class whose body directly holds the function being checked.
    pub(crate) fn class_of_method(&self) -> Option<ClassLiteral<'db>> {
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

//! Attribute overrides: a class that redeclares an attribute one of its bases declares. Code
//! written against the base reads (and writes) the attribute with the base's type, so:
//!
//! - a class-body declaration (`x: T`) or a declaration through `self` in a method
//!   (`self.x: T = ...`) must declare a type assignable to the base's: the attribute's
//!   declared type, a property's getter type or a method's bound callable type;
//! - a class variable (`ClassVar[...]`) cannot be redeclared as an instance variable, nor
//!   an instance variable as a class variable;
//! - a class-body assignment without a declaration (`x = value`) must give a value the
//!   type a base's class body declares accepts.
//!
//! A mutable attribute narrowed in the subclass (`float` to `int`) is not reported, as mypy
//! reads it. Stubs are not judged (a stub describes what the runtime does), nor private or
//! dunder names, enums, typed dicts, named tuple fields (`invalid-named-tuple` judges them),
//! `Final` base attributes (`override-of-final-variable`), a bare `Final` redeclaration (its
//! type is its value's) or unknown types.

use pytc_db::{Db, declare_rule};
use pytc_syntax::ast::{self, HasNodeIndex};
use pytc_syntax::{Ranged, TextRange};

use crate::class::{self, ClassMember};
use crate::function::FunctionFlags;
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, Type};

declare_rule! {
    /// An attribute redeclared in a subclass in a way code written against the base class
    /// cannot rely on: with a type not assignable to the base's (its declared type, a
    /// property's getter type or a method's type), as an instance variable where the base
    /// declares a class variable (or the reverse), or as a property without a setter where
    /// the base declares a writable attribute. Narrowing a mutable attribute (`float` to
    /// `int`) is not reported.
    ///
    /// ```python
    /// from typing import ClassVar
    /// class A:
    ///     size: int
    ///     limit: ClassVar[int] = 10
    ///     name: str
    /// class B(A):
    ///     size: str  # error: [invalid-attribute-override]
    ///     limit: int = 20  # error: [invalid-attribute-override]
    ///     @property
    ///     def name(self) -> str:  # error: [invalid-attribute-override]
    ///         return "b"
    /// ```
    pub static INVALID_ATTRIBUTE_OVERRIDE = {
        name: "invalid-attribute-override",
        summary: "an attribute is redeclared incompatibly with a base class",
        level: Error,
    }
}

/// One redeclaration of a name by the class being checked.
struct Redeclaration<'db> {
    range: TextRange,
    ty: Type<'db>,
    class_var: bool,
    /// Declared `Final`: a class variable when given a value in the body (but an instance
    /// field of a dataclass), so either kind of base variable may be made final.
    is_final: bool,
}

/// Check the attributes `node` (the definition of `class`) declares or assigns in its body
/// and declares through `self` in its methods.
pub(crate) fn check_attribute_overrides<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    if context.index.is_stub()
        || class::class_mro(db, class).error.is_some()
        || class::is_typed_dict(db, class)
        || crate::infer::literal::is_enum_class(db, class)
    {
        return;
    }
    let mut checked: Vec<&str> = Vec::new();
    for stmt in &node.body {
        match stmt {
            ast::Stmt::AnnAssign(assign) => {
                let ast::Expr::Name(target) = &*assign.target else { continue };
                let name = target.id.as_str();
                if checked.contains(&name) || !is_checked_name(name) {
                    continue;
                }
                checked.push(name);
                let Some(definition) = context.index.definitions_for_node(target.node_index().load()).first().copied() else { continue };
                let definition = DefinitionRef::of(db, context.file, definition);
                let Some(ty) = crate::infer::definition::declared_type(db, definition) else { continue };
                let class_var = crate::infer::annotation::is_class_var_annotation(db, definition, &assign.annotation);
                let is_final = crate::definitions::final_reassignment::annotation_is_final(db, definition, &assign.annotation);
                // A bare `Final` takes its value's type, which no one means as the declared type.
                if is_final && !matches!(&*assign.annotation, ast::Expr::Subscript(_)) {
                    continue;
                }
                check_redeclaration(context, class, name, Redeclaration { range: target.range(), ty, class_var, is_final });
            }
            ast::Stmt::Assign(assign) => {
                for target in &assign.targets {
                    let ast::Expr::Name(target) = target else { continue };
                    if is_checked_name(target.id.as_str()) {
                        check_body_assignment(context, class, target);
                    }
                }
            }
            _ => {}
        }
    }
    let Some(class_scope) = class::members::class_body_scope(db, class) else { return };
    let index = crate::semantic::class_index(db, class);
    let mut through_receiver: Vec<(&str, TextRange)> = Vec::new();
    for method_scope in index.child_scopes(class_scope) {
        let Some((receiver, method)) = class::self_attributes::receiver_of(db, context.file, method_scope) else { continue };
        for declaration in class::self_attributes::receiver_declarations(&receiver, &method.body) {
            if let ast::Expr::Attribute(attribute) = &*declaration.target {
                through_receiver.push((attribute.attr.as_str(), attribute.range()));
            }
        }
    }
    for (name, range) in through_receiver {
        if checked.contains(&name) || !is_checked_name(name) {
            continue;
        }
        checked.push(name);
        // A declaration in the body wins over one through `self`.
        let Some(own) = class::own_class_member(db, class, name).filter(|own| own.instance_only && own.declared) else { continue };
        check_redeclaration(context, class, name, Redeclaration { range, ty: own.ty, class_var: false, is_final: false });
    }
}

/// Names whose overrides are judged: not private (each class has its own) or dunder (the
/// runtime and typeshed give those their own meanings).
pub(crate) fn is_checked_name(name: &str) -> bool {
    !name.starts_with("__")
}

/// A declaration of `name` against what the nearest base that defines it says.
fn check_redeclaration<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, name: &str, own: Redeclaration<'db>) {
    let db = context.db;
    let Some((base, member)) = crate::definitions::overrides::overridden_member(db, class, name) else { return };
    if skips_base(db, base, name) {
        return;
    }
    let instance = class::members::specialized_by_own_parameters(db, class);
    let (base_type, what) = match member.ty {
        Type::Function(function) if function.has(db, FunctionFlags::PROPERTY) => {
            let Some(getter) = crate::definitions::overrides::getter_type(db, function, instance) else { return };
            (getter, "property")
        }
        Type::Function(function) => {
            // A class variable holding a callable is bound as a method is: left alone.
            if own.class_var {
                return;
            }
            let Some(callable) = crate::definitions::overrides::method_as_callable(db, function, instance) else { return };
            if !crate::definitions::overrides::is_annotated_callable(db, callable) {
                return;
            }
            (callable, "method")
        }
        Type::ClassObject(_) => return,
        _ if !member.declared => return,
        _ => {
            if report_class_var_mismatch(context, class, name, &own, base, &member) {
                return;
            }
            (member.ty, "attribute")
        }
    };
    let base_type = comparable(db, base_type, class, member.owner);
    let own_type = comparable(db, own.ty, class, class);
    if base_type.is_dynamic() || own_type.is_dynamic() || own_type.is_assignable_to(db, base_type) {
        return;
    }
    context.report(
        own.range,
        &INVALID_ATTRIBUTE_OVERRIDE,
        format!(
            "`{}.{name}` of type `{}` is not assignable to the overridden {what} `{}.{name}` of type `{}`",
            class.name(db),
            own_type.display(db),
            base.name(db),
            base_type.display(db)
        ),
    );
}

/// A class variable redeclared as an instance variable, or the reverse; whether it was.
fn report_class_var_mismatch<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, name: &str, own: &Redeclaration<'db>, base: ClassLiteral<'db>, member: &ClassMember<'db>) -> bool {
    let db = context.db;
    if own.is_final {
        return false;
    }
    let message = match (member.class_var, own.class_var) {
        (true, false) => format!("Instance variable `{}.{name}` overrides class variable `{}.{name}`", class.name(db), base.name(db)),
        (false, true) => format!("Class variable `{}.{name}` overrides instance variable `{}.{name}`", class.name(db), base.name(db)),
        _ => return false,
    };
    context.report(own.range, &INVALID_ATTRIBUTE_OVERRIDE, message);
    true
}

/// A class-body assignment without a declaration (`x = value`) of an attribute a base
/// declares: the value must be one the base's declaration accepts.
fn check_body_assignment<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, target: &ast::ExprName) {
    let db = context.db;
    let name = target.id.as_str();
    if class::own_class_member(db, class, name).is_none_or(|own| own.declared) {
        return;
    }
    let Some((base, member)) = crate::definitions::overrides::overridden_member(db, class, name) else { return };
    // A declaration through `self` in a base's method leaves the class attribute free.
    if !member.declared || member.instance_only || matches!(member.ty, Type::Function(_) | Type::ClassObject(_)) || skips_base(db, base, name) {
        return;
    }
    let Some(definition) = context.index.definitions_for_node(target.node_index().load()).first().copied() else { return };
    let value = crate::infer::definition::binding_type(db, DefinitionRef::of(db, context.file, definition));
    let base_type = comparable(db, member.ty, class, member.owner);
    if base_type.is_dynamic() || value.is_dynamic() || value.is_assignable_to(db, base_type) {
        return;
    }
    context.report(
        target.range(),
        &crate::infer::stmt::INVALID_ASSIGNMENT,
        format!(
            "Object of type `{}` is not assignable to attribute `{name}` of type `{}` declared by `{}`",
            value.display(db),
            base_type.display(db),
            base.name(db)
        ),
    );
}

/// Bases whose attribute is judged by another rule: a named tuple's fields and `Final`
/// attributes.
pub(crate) fn skips_base(db: &dyn Db, base: ClassLiteral<'_>, name: &str) -> bool {
    class::namedtuple::defines_named_tuple(db, base) || crate::definitions::final_reassignment::declares_final_attribute(db, base, name)
}

/// A member's type as compared: `Self` of the class that declares it read as the class being
/// checked, and type parameters the class leaves unspecialized as unknown.
fn comparable<'db>(db: &'db dyn Db, ty: Type<'db>, class: ClassLiteral<'db>, owner: ClassLiteral<'db>) -> Type<'db> {
    let instance = Type::Instance(class::members::specialized_by_own_parameters(db, class));
    let selves = crate::generics::Specialization::from_pairs([(crate::infer::annotation::self_typevar(db, owner), instance)]);
    crate::definitions::overrides::with_bare_parameters_unknown(db, selves.apply(db, ty), class)
}

//! Where `typing.Self` may be used: inside a class (not at module level, nor in a class's
//! bases or a module-level alias), not in a type alias (a `type` statement or an explicit
//! `TypeAlias` in a class body), not in a metaclass, not in a static method, and not in a
//! method whose receiver is annotated with another type.

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::function::FunctionFlags;
use crate::infer::InferContext;
use crate::types::{Type, TypeVarType};

declare_rule! {
    /// `Self` used where it has no meaning: outside a class, in a metaclass, in a static
    /// method or in a method whose `self` is annotated with another type.
    ///
    /// ```python
    /// from typing import Self
    /// def f(x: Self) -> None: ...  # error: [invalid-self-usage]
    /// ```
    pub static INVALID_SELF_USAGE = {
        name: "invalid-self-usage",
        summary: "`Self` is used outside a class, in a metaclass or a static method",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// Called for a name in a type expression that spelled `Self` (`spelled`) and resolved
    /// to `resolved` here: report it when there is no class to bind it or the class is a
    /// metaclass.
    pub(crate) fn check_self_placement(&mut self, expression: &ast::Expr, spelled: Type<'db>, resolved: Type<'db>) {
        let db = self.db;
        if !is_self_placeholder(db, spelled) {
            return;
        }
        match self.enclosing_class() {
            None if resolved.is_unknown() => {
                self.report(expression.range(), &INVALID_SELF_USAGE, "`Self` cannot be used outside a class");
            }
            None => {}
            Some(_) if self.in_type_alias_value() => {
                self.report(expression.range(), &INVALID_SELF_USAGE, "`Self` cannot be used in a type alias");
            }
            Some(class) => {
                let is_metaclass = crate::class::class_mro(db, class)
                    .classes
                    .iter()
                    .any(|ancestor| crate::class::known::is_known(db, ancestor.class(db), crate::class::KnownClass::Type));
                if is_metaclass {
                    self.report(expression.range(), &INVALID_SELF_USAGE, "`Self` cannot be used in a metaclass");
                }
            }
        }
    }

    /// Whether the scope being inferred is (inside) the value of a `type` statement.
    fn in_type_alias_value(&self) -> bool {
        self.index
            .ancestor_scopes(self.scope)
            .map(|scope| self.index.scope(scope).kind)
            .take_while(|kind| *kind != pytc_semantic::ScopeKind::Class)
            .any(|kind| kind == pytc_semantic::ScopeKind::TypeAlias)
    }

    /// Report `Self` in the value of an explicit `TypeAlias` declared in a class body, whose
    /// type `value_type` is.
    pub(crate) fn check_self_in_alias_value(&mut self, value: &ast::Expr, value_type: Type<'db>) {
        let db = self.db;
        let Some(class) = self.enclosing_class() else { return };
        if mentions(db, value_type, crate::infer::annotation::self_typevar(db, class)) {
            self.report(value.range(), &INVALID_SELF_USAGE, "`Self` cannot be used in a type alias");
        }
    }

    /// Report `Self` in the annotations of a static method, or of a method whose first
    /// parameter is annotated with a type other than `Self`.
    pub(crate) fn check_self_in_method(&mut self, function: &ast::StmtFunctionDef) {
        let db = self.db;
        let Some(class) = self.enclosing_class_of_def(function) else { return };
        let self_type = crate::infer::annotation::self_typevar(db, class);
        let is_static = match self.function_definition_type(function) {
            Some(Type::Function(function_type)) => function_type.has(db, FunctionFlags::STATICMETHOD) && function.name.as_str() != "__new__",
            _ => false,
        };
        let receiver_annotation = if is_static {
            None
        } else {
            function.parameters.posonlyargs.iter().chain(function.parameters.args.iter()).next().and_then(|p| p.parameter.annotation.as_deref())
        };
        let receiver_is_other = receiver_annotation.is_some_and(|annotation| {
            let ty = self.quiet_type_expression(annotation);
            !ty.is_dynamic() && !mentions(db, ty, self_type)
        });
        if !is_static && !receiver_is_other {
            return;
        }
        let annotations = function.parameters.iter().filter_map(|p| p.annotation()).chain(function.returns.as_deref());
        for annotation in annotations {
            if matches!(annotation, ast::Expr::Starred(_)) {
                continue;
            }
            let ty = self.quiet_type_expression(annotation);
            if mentions(db, ty, self_type) {
                let message = if is_static {
                    "`Self` cannot be used in a static method"
                } else {
                    "`Self` cannot be used in a method whose `self` parameter has another annotation"
                };
                self.report(annotation.range(), &INVALID_SELF_USAGE, message);
            }
        }
    }

    fn quiet_type_expression(&mut self, expression: &ast::Expr) -> Type<'db> {
        let was = self.suspend_reporting();
        let ty = self.type_expression(expression);
        self.resume_reporting(was);
        ty
    }

    /// The class whose body directly defines `function`.
    fn enclosing_class_of_def(&self, function: &ast::StmtFunctionDef) -> Option<crate::types::ClassLiteral<'db>> {
        use pytc_syntax::ast::HasNodeIndex;
        let definition = *self.index.definitions_for_node(function.node_index().load()).first()?;
        let scope = self.index.definition(definition).scope;
        if self.index.scope(scope).kind != pytc_semantic::ScopeKind::Class {
            return None;
        }
        self.enclosing_class()
    }

    /// The type the `def` statement binds.
    fn function_definition_type(&self, function: &ast::StmtFunctionDef) -> Option<Type<'db>> {
        use pytc_syntax::ast::HasNodeIndex;
        let definition = *self.index.definitions_for_node(function.node_index().load()).first()?;
        let definition = crate::semantic::DefinitionRef::of(self.db, self.file, definition);
        Some(crate::infer::definition::binding_type(self.db, definition))
    }
}

/// Whether `ty` is the unbound `Self` placeholder of a type expression.
fn is_self_placeholder(db: &dyn pytc_db::Db, ty: Type<'_>) -> bool {
    matches!(ty, Type::TypeVar(typevar) if &**typevar.name(db) == "Self" && typevar.node(db) == crate::infer::annotation::SELF_MARKER)
}

/// Whether `ty` mentions the type variable `target`.
fn mentions<'db>(db: &'db dyn pytc_db::Db, ty: Type<'db>, target: TypeVarType<'db>) -> bool {
    let mut found = false;
    crate::generics::walk_typevars(db, ty, &mut |typevar| found |= typevar == target);
    found
}

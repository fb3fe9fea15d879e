//! Where `Final` may appear and what it requires: at the top of a variable's annotation
//! (not nested in a type, not on a parameter or return), not on TypedDict items or NamedTuple
//! fields, on `self.x` only in `__init__` and only when the class body does not declare `x`
//! `Final` too, and with a value (a class variable may get it in `__init__` instead; stubs
//! need none).

use pytc_db::declare_rule;
use pytc_semantic::ScopeKind;
use pytc_syntax::{Ranged, TextRange};
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::{SpecialForm, Type};

declare_rule! {
    /// `Final` used where it is not allowed, or a `Final` variable without a value.
    ///
    /// ```python
    /// from typing import Final
    /// LIMIT: Final[int]  # error: [invalid-final]
    /// ```
    pub static INVALID_FINAL = {
        name: "invalid-final",
        summary: "`Final` is used where it is not allowed, or without a value",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// The placement and value rules of an annotated assignment whose annotation starts
    /// with `Final`.
    pub(crate) fn check_final_placement(&mut self, assign: &ast::StmtAnnAssign) {
        let db = self.db;
        if !self.annotation_starts_with_final(&assign.annotation) {
            return;
        }
        let range = assign.annotation.range();
        let scope_kind = self.index.scope(self.scope).kind;
        match &*assign.target {
            ast::Expr::Attribute(attribute) => {
                let in_init = scope_kind == ScopeKind::Function && self.enclosing_function_name().as_deref() == Some("__init__");
                if !in_init {
                    self.report(range, &INVALID_FINAL, "`Final` attributes of `self` may only be declared in `__init__`");
                    return;
                }
                let name = attribute.attr.as_str();
                // One `Final` declaration per attribute: the class body's, or this one.
                if let Some(class) = self.class_of_method()
                    && crate::definitions::final_reassignment::declares_final_in_body(db, class, name)
                {
                    self.report(range, &INVALID_FINAL, format!("`{name}` is already declared `Final` in the body of class `{}`", class.name(db)));
                } else if assign.value.is_none() && !self.index.is_stub() {
                    self.report(range, &INVALID_FINAL, format!("`Final` attribute `{name}` has no value"));
                }
            }
            ast::Expr::Name(name) => {
                if scope_kind == ScopeKind::Class
                    && let Some(class) = self.enclosing_class()
                {
                    if crate::class::is_typed_dict(db, class) {
                        self.report(range, &INVALID_FINAL, "`Final` is not allowed on a TypedDict item");
                        return;
                    }
                    if crate::class::namedtuple::defines_named_tuple(db, class) {
                        self.report(range, &INVALID_FINAL, "`Final` is not allowed on a NamedTuple field");
                        return;
                    }
                    // Dataclass fields get their value from the synthesized `__init__`.
                    if assign.value.is_none()
                        && !self.index.is_stub()
                        && !crate::class::dataclass::is_dataclass(db, class)
                        && !crate::class::dataclass::has_unmodeled_dataclass(db, class)
                        && !crate::class::members::assigned_through_self(db, class, name.id.as_str())
                    {
                        self.report(range, &INVALID_FINAL, format!("`Final` class variable `{}` has no value", name.id));
                    }
                } else if assign.value.is_none() && !self.index.is_stub() {
                    self.report(range, &INVALID_FINAL, format!("`Final` variable `{}` has no value", name.id));
                }
            }
            _ => {}
        }
    }

    /// `Final[...]` reached inside a type expression (nested in another type, or in a
    /// parameter or return annotation).
    pub(crate) fn report_nested_final(&mut self, range: TextRange) {
        self.report(range, &INVALID_FINAL, "`Final` is only allowed at the top of a variable's annotation");
    }

    fn annotation_starts_with_final(&mut self, annotation: &ast::Expr) -> bool {
        if let ast::Expr::StringLiteral(_) = annotation {
            return self.unquoted_annotation(annotation, |this, inner| !inner.is_string_literal_expr() && this.annotation_starts_with_final(inner)) == Some(true);
        }
        let head = match annotation {
            ast::Expr::Subscript(subscript) => &*subscript.value,
            other => other,
        };
        if !matches!(head, ast::Expr::Name(_) | ast::Expr::Attribute(_)) {
            return false;
        }
        let was_reporting = self.suspend_reporting();
        let head_type = self.infer_expression(head);
        self.resume_reporting(was_reporting);
        head_type == Type::SpecialForm(SpecialForm::Final)
    }

    /// The name of the function whose body the current scope is.
    fn enclosing_function_name(&self) -> Option<String> {
        let node = self.index.scope(self.scope).node?;
        let definition = *self.index.definitions_for_node(node).first()?;
        match &self.index.definition(definition).kind {
            pytc_semantic::DefinitionKind::Function(function) => Some(function.name.to_string()),
            _ => None,
        }
    }
}

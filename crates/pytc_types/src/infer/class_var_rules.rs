//! Where `ClassVar` may appear: at the top of an annotation of a variable assigned in a class
//! body (not of a TypedDict or NamedTuple, not inside `Final` or another type), and a class
//! variable is assigned through the class, never through an instance. Its type may not use
//! type variables.

use pytc_db::declare_rule;
use pytc_semantic::ScopeKind;
use pytc_syntax::{Ranged, TextRange};
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::{SpecialForm, Type};

declare_rule! {
    /// `ClassVar` used where it has no meaning: outside a class body, nested in another
    /// type, or on a TypedDict or NamedTuple field.
    ///
    /// ```python
    /// from typing import ClassVar
    /// x: ClassVar[int] = 1  # error: [invalid-class-var]
    /// ```
    pub static INVALID_CLASS_VAR = {
        name: "invalid-class-var",
        summary: "`ClassVar` is used where it is not allowed",
        level: Error,
    }
}

declare_rule! {
    /// `ClassVar[Final[T]]` outside a dataclass: a `Final` attribute assigned in a class body
    /// is a class variable already. The spec lets checkers flag the redundancy; it is no
    /// error (only a dataclass needs the spelling, and a bare `ClassVar[Final]`, which
    /// names no type, still is an error).
    ///
    /// ```python
    /// from typing import ClassVar, Final
    /// class C:
    ///     LIMIT: ClassVar[Final[int]] = 10  # warning: [redundant-final-class-var]
    /// ```
    pub static REDUNDANT_FINAL_CLASS_VAR = {
        name: "redundant-final-class-var",
        summary: "`ClassVar` wraps a `Final` that is a class variable already",
        level: Warn,
    }
}

declare_rule! {
    /// Assigning a class variable (declared `ClassVar`) through an instance.
    ///
    /// ```python
    /// from typing import ClassVar
    /// class C:
    ///     x: ClassVar[int] = 1
    /// C().x = 2  # error: [invalid-attribute-access]
    /// ```
    pub static INVALID_ATTRIBUTE_ACCESS = {
        name: "invalid-attribute-access",
        summary: "a class variable is assigned through an instance",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// The qualifier an annotation starts with (`ClassVar[...]`, bare `Final`...), if any,
    /// and its argument.
    fn leading_qualifier<'a>(&mut self, annotation: &'a ast::Expr) -> Option<(SpecialForm, Option<&'a ast::Expr>)> {
        self.infer_qualifier(annotation).filter(|(form, _)| matches!(form, SpecialForm::ClassVar | SpecialForm::Final))
    }

    /// `ClassVar` at the top of an annotated assignment: only on a name in a class body
    /// (not a TypedDict or NamedTuple), and never inside `Final` or itself; `Final` inside it
    /// only in a dataclass.
    pub(crate) fn check_class_var_placement(&mut self, assign: &ast::StmtAnnAssign) {
        if let ast::Expr::StringLiteral(string) = &*assign.annotation {
            self.inside_string_annotation(string, |this, inner| {
                if !inner.is_string_literal_expr() {
                    this.check_qualifier_placement(assign, inner);
                }
            });
            return;
        }
        self.check_qualifier_placement(assign, &assign.annotation);
    }

    /// `check_class_var_placement` on the annotation `annotation` of `assign`, unquoted.
    fn check_qualifier_placement(&mut self, assign: &ast::StmtAnnAssign, annotation: &ast::Expr) {
        let db = self.db;
        match self.leading_qualifier(annotation) {
            Some((SpecialForm::ClassVar, argument)) => {
                let in_class_body = self.index.scope(self.scope).kind == ScopeKind::Class && matches!(&*assign.target, ast::Expr::Name(_));
                let range = annotation.range();
                // A dataclass needs `ClassVar[Final[T]]` for a final class variable (a bare
                // `Final` annotation there declares a field).
                let in_dataclass = self.enclosing_class().is_some_and(|class| crate::class::dataclass::is_dataclass(db, class));
                if let Some(argument) = argument
                    && !in_dataclass
                    && let Some((SpecialForm::Final, final_argument)) = self.leading_qualifier(argument)
                {
                    if final_argument.is_some() {
                        self.report(argument.range(), &REDUNDANT_FINAL_CLASS_VAR, "`Final` attributes of a class body are class variables already: `ClassVar` is redundant");
                    } else {
                        self.report(argument.range(), &INVALID_CLASS_VAR, "`Final` cannot be nested inside `ClassVar`");
                    }
                }
                if let Some(argument) = argument
                    && matches!(self.leading_qualifier(argument), Some((SpecialForm::ClassVar, _)))
                {
                    self.report(argument.range(), &INVALID_CLASS_VAR, "`ClassVar` cannot be nested inside `ClassVar`");
                }
                if argument.is_some_and(|argument| self.names_type_variable(argument)) {
                    // The same diagnostic the declared type's check gives for type variables it
                    // can see (ParamSpecs and TypeVarTuples it may not).
                    self.report(range, &crate::infer::annotation::INVALID_TYPE_FORM, "`ClassVar` cannot contain type variables");
                }
                if !in_class_body {
                    self.report(range, &INVALID_CLASS_VAR, "`ClassVar` is only allowed on variables of a class body");
                } else if let Some(class) = self.enclosing_class() {
                    if crate::class::is_typed_dict(db, class) {
                        self.report(range, &INVALID_CLASS_VAR, "`ClassVar` is not allowed on a TypedDict item");
                    } else if crate::class::namedtuple::defines_named_tuple(db, class) {
                        self.report(range, &INVALID_CLASS_VAR, "`ClassVar` is not allowed on a NamedTuple field");
                    }
                }
            }
            Some((SpecialForm::Final, Some(inner))) => {
                if matches!(self.leading_qualifier(inner), Some((SpecialForm::ClassVar, _))) {
                    self.report(inner.range(), &INVALID_CLASS_VAR, "`ClassVar` cannot be nested inside `Final`");
                }
            }
            _ => {}
        }
    }

    /// Whether a type expression names a type variable, `ParamSpec` or `TypeVarTuple`
    /// anywhere in it.
    fn names_type_variable(&mut self, expression: &ast::Expr) -> bool {
        match expression {
            ast::Expr::Name(_) => {
                let was_reporting = self.suspend_reporting();
                let ty = self.infer_expression(expression);
                self.resume_reporting(was_reporting);
                matches!(ty, Type::TypeVarObject(_))
            }
            ast::Expr::Subscript(subscript) => self.names_type_variable(&subscript.value) || self.names_type_variable(&subscript.slice),
            ast::Expr::Tuple(tuple) => tuple.elts.iter().any(|element| self.names_type_variable(element)),
            ast::Expr::List(list) => list.elts.iter().any(|element| self.names_type_variable(element)),
            ast::Expr::Starred(starred) => self.names_type_variable(&starred.value),
            ast::Expr::BinOp(binary) => self.names_type_variable(&binary.left) || self.names_type_variable(&binary.right),
            _ => false,
        }
    }

    /// `ClassVar[...]` reached inside a type expression (nested in another type, or in a
    /// parameter or return annotation).
    pub(crate) fn report_nested_class_var(&mut self, range: TextRange) {
        self.report(range, &INVALID_CLASS_VAR, "`ClassVar` is only allowed at the top of a class variable's annotation");
    }

    /// `instance.name = value` where `name` is a class variable.
    pub(crate) fn check_class_var_instance_assignment(&mut self, object: Type<'db>, attribute: &ast::ExprAttribute) {
        let db = self.db;
        let Type::Instance(class) = object else { return };
        if let Some(member) = crate::class::class_member(db, class, attribute.attr.as_str())
            && member.class_var
        {
            self.report(
                attribute.range,
                &INVALID_ATTRIBUTE_ACCESS,
                format!("Cannot assign to class variable `{}` through an instance of `{}`", attribute.attr, class.name(db)),
            );
        }
    }
}

//! Annotations Python evaluates when their definition runs (parameters and returns of a
//! `def`, variables at module and class level) must evaluate without an exception. A quoted
//! forward reference joined with `|` to a class, `None` or another string (`"Node" | None`)
//! raises `TypeError` there: `type.__or__` does not accept a string. `typing`'s special
//! forms do (`Optional["Node"]`), and nothing is evaluated in stubs, under
//! `from __future__ import annotations`, inside a string or from Python 3.14 on (PEP 649).

use pytc_db::declare_rule;
use pytc_syntax::{PythonVersion, Ranged};
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::types::Type;

declare_rule! {
    /// A quoted type joined with `|` in an annotation that Python evaluates at run time:
    /// `str | type` is a `TypeError` when the definition runs. Quote the whole annotation
    /// instead, or add `from __future__ import annotations`.
    ///
    /// ```python
    /// def link(next: "Node" | None) -> None: ...  # error: [string-in-runtime-union]
    /// class Node: ...
    /// ```
    pub static STRING_IN_RUNTIME_UNION = {
        name: "string-in-runtime-union",
        summary: "a quoted annotation is combined with `|` where the annotation is evaluated at run time",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// Report each `"X" | Y` in an annotation evaluated when its definition runs.
    pub(crate) fn check_runtime_union_operands(&mut self, annotation: &ast::Expr) {
        if self.deferred_annotations || self.in_string_annotation || *self.db.settings().python_version(self.db) >= PythonVersion::PY314 {
            return;
        }
        self.visit_runtime_annotation(annotation);
    }

    fn visit_runtime_annotation(&mut self, expression: &ast::Expr) {
        match expression {
            ast::Expr::BinOp(binary) if binary.op == ast::Operator::BitOr => {
                let string_with_class = (is_string(&binary.left) && self.evaluates_to_runtime_union_operand(&binary.right))
                    || (is_string(&binary.right) && self.evaluates_to_runtime_union_operand(&binary.left));
                if string_with_class {
                    self.report(
                        binary.range(),
                        &STRING_IN_RUNTIME_UNION,
                        "A quoted type cannot be combined with `|` here: the annotation is evaluated at run time, where `str | type` raises `TypeError`",
                    );
                    return;
                }
                self.visit_runtime_annotation(&binary.left);
                self.visit_runtime_annotation(&binary.right);
            }
            ast::Expr::Subscript(subscript) => self.visit_runtime_annotation(&subscript.slice),
            ast::Expr::Tuple(ast::ExprTuple { elts, .. }) | ast::Expr::List(ast::ExprList { elts, .. }) => {
                for element in elts {
                    self.visit_runtime_annotation(element);
                }
            }
            _ => {}
        }
    }

    /// Whether `expression`'s run-time value rejects a string operand of `|`: a string,
    /// `None`, a class named directly (not `typing.List` and other special aliases, whose
    /// `|` accepts forward references) or a `|` union of those.
    fn evaluates_to_runtime_union_operand(&mut self, expression: &ast::Expr) -> bool {
        match expression {
            ast::Expr::StringLiteral(_) | ast::Expr::NoneLiteral(_) => true,
            ast::Expr::BinOp(binary) if binary.op == ast::Operator::BitOr => {
                self.evaluates_to_runtime_union_operand(&binary.left) && self.evaluates_to_runtime_union_operand(&binary.right)
            }
            ast::Expr::Name(_) | ast::Expr::Attribute(_) => {
                let spelled = match expression {
                    ast::Expr::Name(name) => name.id.as_str(),
                    ast::Expr::Attribute(attribute) => attribute.attr.as_str(),
                    _ => return false,
                };
                let was = self.suspend_reporting();
                let value = self.infer_expression(expression);
                self.resume_reporting(was);
                matches!(value, Type::ClassObject(class) if class.arguments(self.db).is_empty() && class.name(self.db) == spelled)
            }
            _ => false,
        }
    }
}

fn is_string(expression: &ast::Expr) -> bool {
    matches!(expression, ast::Expr::StringLiteral(_))
}

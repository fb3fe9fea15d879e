//! Inlay hints: `: type` after the target of an unannotated single-name assignment, `-> type`
//! after the parameters of a function without a return annotation (the return type its
//! callers see), and, when asked for, `name=` before a positional argument (the parameter it
//! goes to). A type hint carries the annotation to insert when the type can be written
//! (nothing unknown in it, no function literal), with literals widened as a user writes them.

use pytc_db::{Db, File};
use pytc_syntax::ast::visitor::source_order::{self, SourceOrderVisitor};
use pytc_syntax::ast::{self, HasNodeIndex};
use pytc_syntax::{Ranged, TextRange, TextSize};

use crate::semantic::DefinitionRef;
use crate::types::Type;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InlayHintKind {
    VariableType,
    ReturnType,
    ParameterName,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeHint {
    pub offset: TextSize,
    /// The text shown: `: list[int]`, `-> str`, `name=`.
    pub label: String,
    pub kind: InlayHintKind,
    /// The text that writes the hint into the code (inserted at `offset`), when it can be.
    pub insert: Option<String>,
}

/// The hints whose place is inside `range`; parameter names only when `parameter_names`.
pub fn inlay_hints(db: &dyn Db, file: File, range: TextRange, parameter_names: bool) -> Vec<TypeHint> {
    let parsed = pytc_db::parsed_module(db, file);
    let mut collector = Collector { range, assignments: Vec::new(), functions: Vec::new(), calls: Vec::new() };
    pytc_syntax::ensure_stack(|| collector.visit_body(&parsed.syntax().body));
    let mut hints = Vec::new();
    for name in collector.assignments {
        hints.extend(variable_hint(db, file, name));
    }
    for function in collector.functions {
        hints.extend(return_hint(db, file, function));
    }
    if parameter_names {
        for call in collector.calls {
            hints.extend(super::signature_help::positional_parameter_names(db, file, call).into_iter().map(|(offset, name)| TypeHint {
                offset,
                label: format!("{name}="),
                kind: InlayHintKind::ParameterName,
                insert: None,
            }));
        }
    }
    hints.retain(|hint| range.contains_inclusive(hint.offset));
    hints.sort_by_key(|hint| hint.offset);
    hints
}

/// What the hints are about, in statements that overlap the range.
struct Collector<'a> {
    range: TextRange,
    assignments: Vec<&'a ast::ExprName>,
    functions: Vec<&'a ast::StmtFunctionDef>,
    calls: Vec<&'a ast::ExprCall>,
}

impl<'a> SourceOrderVisitor<'a> for Collector<'a> {
    fn visit_stmt(&mut self, stmt: &'a ast::Stmt) {
        if self.range.intersect(stmt.range()).is_none() {
            return;
        }
        match stmt {
            ast::Stmt::Assign(assign) => {
                if let [ast::Expr::Name(name)] = &assign.targets[..] {
                    self.assignments.push(name);
                }
            }
            ast::Stmt::FunctionDef(function) if function.returns.is_none() => self.functions.push(function),
            _ => {}
        }
        pytc_syntax::ensure_stack(|| source_order::walk_stmt(self, stmt));
    }

    fn visit_expr(&mut self, expr: &'a ast::Expr) {
        if let ast::Expr::Call(call) = expr
            && self.range.intersect(call.arguments.range).is_some()
        {
            self.calls.push(call);
        }
        pytc_syntax::ensure_stack(|| source_order::walk_expr(self, expr));
    }
}

fn variable_hint(db: &dyn Db, file: File, name: &ast::ExprName) -> Option<TypeHint> {
    let index = pytc_semantic::semantic_index(db, file);
    let definition = index.definitions_for_node(name.node_index().load()).first()?;
    let ty = crate::infer::definition::binding_type(db, DefinitionRef::of(db, file, *definition));
    if ty.is_unknown() {
        return None;
    }
    Some(TypeHint {
        offset: name.range.end(),
        label: format!(": {}", ty.display(db)),
        kind: InlayHintKind::VariableType,
        insert: annotation(db, ty).map(|written| format!(": {written}")),
    })
}

fn return_hint(db: &dyn Db, file: File, function: &ast::StmtFunctionDef) -> Option<TypeHint> {
    let index = pytc_semantic::semantic_index(db, file);
    let definition = index.definitions_for_node(function.node_index().load()).first()?;
    let Type::Function(literal) = crate::infer::definition::binding_type(db, DefinitionRef::of(db, file, *definition)) else { return None };
    let returned = crate::infer::return_inference::inferred_return_type(db, literal)?;
    if returned.is_unknown() {
        return None;
    }
    Some(TypeHint {
        offset: function.parameters.range.end(),
        label: format!("-> {}", returned.display(db)),
        kind: InlayHintKind::ReturnType,
        insert: annotation(db, returned).map(|written| format!(" -> {written}")),
    })
}

/// The annotation a user would write for a value of type `ty`: literals widened to their
/// classes (`Literal["a"] | None` is written `str | None`); `None` when the type has unknown
/// parts or a function literal, which no annotation spells.
fn annotation<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<String> {
    let written = crate::infer::expr_widen(db, ty);
    (!crate::call::special::contains_unknown(db, written)).then(|| written.display(db))
}

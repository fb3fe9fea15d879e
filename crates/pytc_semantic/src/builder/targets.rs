//! Binding targets: assignment, `for`, `with` and comprehension targets (with their unpack
//! paths), parameters, and the captures of `case` patterns.

use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, Expr, HasNodeIndex, NodeIndex, Pattern};

use super::flow::Slot;
use super::{BindingEffect, IndexBuilder};
use crate::definition::{
    AssignmentDefinition, ComprehensionDefinition, DefinitionKind, ForDefinition, MatchCaptureDefinition,
    ParameterDefinition, ParameterKind, UnpackStep, WithDefinition,
};
use crate::symbol::SymbolFlags;

/// The construct a target belongs to.
pub(super) enum TargetContext<'a> {
    Assign(&'a ast::StmtAssign),
    For(&'a ast::StmtFor),
    /// The statement and the index of the item binding the target.
    With(&'a ast::StmtWith, u32),
    /// The clause and whether it is the first `for` of the comprehension.
    Comprehension(&'a ast::Comprehension, bool),
}

impl<'a> IndexBuilder<'a> {
    pub(super) fn visit_target(&mut self, target: &'a Expr, context: &TargetContext<'a>) {
        let mut path = Vec::new();
        self.visit_target_at(target, context, &mut path);
    }

    fn visit_target_at(&mut self, target: &'a Expr, context: &TargetContext<'a>, path: &mut Vec<UnpackStep>) {
        self.note_node(target);
        match target {
            Expr::Name(name) => {
                let kind = self.target_kind(context, target, path);
                let definition = self.define_name(&name.id, SymbolFlags::empty(), kind, name.node_index.load(), name.range, BindingEffect::Bind);
                if let TargetContext::Assign(stmt) = context
                    && stmt.targets.len() == 1
                    && path.is_empty()
                    && matches!(&*stmt.value, Expr::Compare(_) | Expr::Call(_) | Expr::BoolOp(_) | Expr::UnaryOp(ast::ExprUnaryOp { op: ast::UnaryOp::Not, .. }))
                {
                    self.record_condition_alias(definition, &stmt.value);
                }
            }
            Expr::Tuple(ast::ExprTuple { elts, .. }) | Expr::List(ast::ExprList { elts, .. }) => {
                let length = elts.len() as u32;
                let starred = elts.iter().position(Expr::is_starred_expr).map(|index| index as u32);
                for (index, element) in elts.iter().enumerate() {
                    path.push(UnpackStep { index: index as u32, length, starred });
                    self.visit_target_at(element, context, path);
                    path.pop();
                }
            }
            Expr::Starred(starred) => self.visit_target_at(&starred.value, context, path),
            Expr::Attribute(_) | Expr::Subscript(_) => {
                self.visit_target_children(target);
                if let Some(place) = self.place_of(target) {
                    let kind = self.target_kind(context, target, path);
                    let depth = self.stack.len() - 1;
                    let node = target.node_index().load();
                    self.add_definition(depth, Slot::Place(place.as_u32()), kind, node, target.range(), BindingEffect::Bind);
                }
            }
            other => self.visit_expr_node(other),
        }
    }

    /// Visit what an attribute or subscript target reads: `x` in `x.y = ...`, `x` and `i` in
    /// `x[i] = ...`.
    pub(super) fn visit_target_children(&mut self, target: &'a Expr) {
        match target {
            Expr::Attribute(attribute) => self.visit_expr_node(&attribute.value),
            Expr::Subscript(subscript) => {
                self.visit_expr_node(&subscript.value);
                self.visit_expr_node(&subscript.slice);
            }
            _ => {}
        }
    }

    fn target_kind(&self, context: &TargetContext<'a>, target: &'a Expr, path: &[UnpackStep]) -> DefinitionKind {
        let unpack = path.to_vec().into_boxed_slice();
        let target = self.node_ref(target);
        match context {
            TargetContext::Assign(stmt) => {
                DefinitionKind::Assignment(AssignmentDefinition { stmt: self.node_ref(*stmt), target, unpack })
            }
            TargetContext::For(stmt) => DefinitionKind::For(ForDefinition { stmt: self.node_ref(*stmt), target, unpack }),
            TargetContext::With(stmt, item_index) => DefinitionKind::With(WithDefinition {
                stmt: self.node_ref(*stmt),
                item_index: *item_index,
                target,
                unpack,
            }),
            TargetContext::Comprehension(comprehension, is_first) => DefinitionKind::Comprehension(ComprehensionDefinition {
                comprehension: self.node_ref(*comprehension),
                target,
                unpack,
                is_first: *is_first,
            }),
        }
    }

    /// Define the parameters of a function or lambda in the current (new) scope.
    pub(super) fn define_parameters(&mut self, parameters: &'a ast::Parameters, function: NodeIndex) {
        let mut index = 0;
        let mut define = |builder: &mut Self, parameter: &'a ast::Parameter, default: Option<&'a Expr>, kind| {
            builder.define_parameter(parameter, default, kind, index, function);
            index += 1;
        };
        for parameter in &parameters.posonlyargs {
            define(self, &parameter.parameter, parameter.default.as_deref(), ParameterKind::PositionalOnly);
        }
        for parameter in &parameters.args {
            define(self, &parameter.parameter, parameter.default.as_deref(), ParameterKind::PositionalOrKeyword);
        }
        if let Some(parameter) = &parameters.vararg {
            define(self, parameter, None, ParameterKind::VarPositional);
        }
        for parameter in &parameters.kwonlyargs {
            define(self, &parameter.parameter, parameter.default.as_deref(), ParameterKind::KeywordOnly);
        }
        if let Some(parameter) = &parameters.kwarg {
            define(self, parameter, None, ParameterKind::VarKeyword);
        }
    }

    fn define_parameter(
        &mut self,
        parameter: &'a ast::Parameter,
        default: Option<&'a Expr>,
        kind: ParameterKind,
        index: u32,
        function: NodeIndex,
    ) {
        self.note_node(parameter);
        let definition = DefinitionKind::Parameter(ParameterDefinition {
            parameter: self.node_ref(parameter),
            annotated: parameter.annotation.is_some(),
            default: default.map(|default| self.node_ref(default)),
            kind,
            index,
            function,
        });
        let node = parameter.node_index.load();
        self.define_name(&parameter.name.id, SymbolFlags::PARAMETER, definition, node, parameter.name.range, BindingEffect::Bind);
    }

    /// Visit a `case` pattern: the expressions it reads and the names it captures.
    pub(super) fn visit_pattern(&mut self, pattern: &'a Pattern, statement: &'a ast::StmtMatch, case_index: usize) {
        self.note_node(pattern);
        match pattern {
            Pattern::MatchValue(value) => self.visit_expr_node(&value.value),
            Pattern::MatchSingleton(_) => {}
            Pattern::MatchSequence(sequence) => {
                for element in &sequence.patterns {
                    self.visit_pattern(element, statement, case_index);
                }
            }
            Pattern::MatchMapping(mapping) => {
                for key in &mapping.keys {
                    self.visit_expr_node(key);
                }
                for value in &mapping.patterns {
                    self.visit_pattern(value, statement, case_index);
                }
                if let Some(rest) = &mapping.rest {
                    self.define_capture(&rest.id, rest.range, pattern, statement, case_index);
                }
            }
            Pattern::MatchClass(class) => {
                self.visit_expr_node(&class.cls);
                for argument in &class.arguments.patterns {
                    self.visit_pattern(argument, statement, case_index);
                }
                for keyword in &class.arguments.keywords {
                    self.visit_pattern(&keyword.pattern, statement, case_index);
                }
            }
            Pattern::MatchStar(star) => {
                if let Some(name) = &star.name {
                    self.define_capture(&name.id, name.range, pattern, statement, case_index);
                }
            }
            Pattern::MatchAs(as_pattern) => {
                if let Some(inner) = &as_pattern.pattern {
                    self.visit_pattern(inner, statement, case_index);
                }
                if let Some(name) = &as_pattern.name {
                    self.define_capture(&name.id, name.range, pattern, statement, case_index);
                }
            }
            Pattern::MatchOr(or_pattern) => {
                // Each alternative binds the same names on its own path.
                let start = self.current().flow.clone();
                let mut ends = Vec::new();
                for alternative in &or_pattern.patterns {
                    self.current().flow = start.clone();
                    self.visit_pattern(alternative, statement, case_index);
                    ends.push(self.take_flow());
                }
                self.current().flow = self.merge_states(ends);
            }
        }
    }

    fn define_capture(
        &mut self,
        name: &ast::name::Name,
        name_range: pytc_syntax::TextRange,
        pattern: &'a Pattern,
        statement: &'a ast::StmtMatch,
        case_index: usize,
    ) {
        let kind = DefinitionKind::MatchCapture(MatchCaptureDefinition {
            statement: self.node_ref(statement),
            pattern: self.node_ref(pattern),
            case_index,
        });
        let node = pattern.node_index().load();
        self.define_name(name, SymbolFlags::empty(), kind, node, name_range, BindingEffect::Bind);
    }
}

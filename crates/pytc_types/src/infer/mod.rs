//! Inference: the `InferContext` that infers expressions and statements of one scope, and
//! the queries built on it (definition types, public symbol types, per-scope checks).

pub mod annotation;
pub mod attribute;
pub(crate) mod attribute_assignment;
mod augmented_store;
mod binding_fixpoint;
mod class_keywords;
mod class_pattern;
mod class_var_rules;
mod decided_branches;
pub mod definition;
mod exceptions;
mod explicit_alias;
mod expr;
pub(crate) mod final_rules;
pub mod function;
mod implicit_globals;
pub(crate) mod implicit_alias;
mod import;
pub(crate) mod import_cycles;
pub(crate) mod lambda_parameters;
pub mod literal;
pub(crate) mod name;
pub mod operators;
mod per_constraint;
pub mod property_accessors;
pub mod public;
pub(crate) mod runtime_annotation;
pub mod return_inference;
pub mod stmt;
mod subscript;
mod super_access;
pub(crate) mod target_checks;
mod tuple_expression;
mod type_form;
pub(crate) mod union_attribute;
mod unpacked;
pub(crate) mod typevar_declaration;

pub(crate) use type_form::expects_type_form;

use pytc_db::{Db, Diagnostic, File, Rule};
use pytc_semantic::{ScopeId, SemanticIndex, UnitId, definition_index, scope_index, semantic_index, unit_index};
use pytc_syntax::ast::{self, HasNodeIndex, NodeIndex};
use pytc_syntax::TextRange;

use rustc_hash::FxHashMap;

use crate::semantic::DefinitionRef;
use crate::types::Type;

/// Expressions nested deeper than this are inferred as `Unknown` instead of recursing
/// further, so pathological input cannot exhaust the stack.
const MAX_EXPRESSION_DEPTH: u32 = 400;

/// Infers the expressions of one file, resolving names through the semantic index.
/// In checking mode it records diagnostics and the type of every expression; in quiet
/// mode (declaration-level queries) it only computes types.
pub struct InferContext<'db> {
    pub(crate) db: &'db dyn Db,
    pub(crate) file: File,
    pub(crate) index: &'db SemanticIndex,
    /// The scope the inferred code belongs to (names are resolved per node, this is the
    /// fallback for nodes the index does not know, such as parsed string annotations).
    pub(crate) scope: ScopeId,
    reporting: bool,
    diagnostics: Vec<Diagnostic>,
    expression_types: FxHashMap<NodeIndex, Type<'db>>,
    depth: u32,
    /// The declared return type of the function whose body is being checked.
    pub(crate) return_type: Option<Type<'db>>,
    /// That body contains `yield`: what its declared return type fixes of the generator
    /// (its `return` gives the generator's return value).
    pub(crate) generator: Option<crate::definitions::generator_body::GeneratorParts<'db>>,
    /// Inferring a string annotation, a stub or a module with `from __future__ import
    /// annotations`: names in annotations see the whole scope (forward references).
    pub(crate) deferred_annotations: bool,
    /// Inside a string annotation: nodes have no index, so names are looked up by name.
    pub(crate) in_string_annotation: bool,
    /// Where the string annotation being inferred starts in the file, when it is one the
    /// source holds (names in it are read there); `None` for a type quoted elsewhere.
    pub(crate) string_annotation_start: Option<pytc_syntax::TextSize>,
    /// Inside a type expression.
    pub(crate) in_annotation: bool,
    /// Evaluating a class's bases: a bare generic class there stays bare, since its
    /// defaults need its type parameters, which may need this very header
    /// (`class str(Sequence[str])`).
    pub(crate) in_class_header: bool,
    /// How many type arguments, tuple elements or callable parts enclose the type
    /// expression being evaluated: a recursive alias named there stays a reference.
    pub(crate) type_argument_depth: u32,
    /// How many predicate evaluations are nested (see `narrow`).
    pub(crate) narrowing_depth: u32,
    /// Constraints already applied in this context (see `narrow::NarrowingMemo`).
    pub(crate) narrowings: crate::narrow::NarrowingMemo<'db>,
    /// The binding of a plain name whose type is being narrowed, so a test of an aliased
    /// condition (`ok = x is not None` ... `if ok:`) narrows it only when the alias read
    /// that very binding.
    pub(crate) narrowed_binding: Option<pytc_semantic::DefinitionId>,
    /// How many aliased conditions are being followed, one inside another.
    pub(crate) aliased_condition_depth: u32,
    /// Whether a join's bindings ask if their path is ruled out by exhaustion (inferring the
    /// subjects of the tests on the path): only a checking context does. The quiet contexts
    /// of definitions are what those subjects' own types are inferred in, so asking there
    /// would chain one definition's inference to the next along every join of a function
    /// (without end around a loop); they only rule out paths a call ends.
    pub(crate) asks_path_subjects: bool,
    /// Whether a subject of a path's tests is being inferred for an exhaustion question:
    /// the names it reads ask only whether a call ends their paths. Without this, each
    /// subject's bindings would ask about the subjects of their own paths, which around a
    /// loop lead back to the first: exponential in the nesting of loops and branches.
    pub(crate) inferring_path_subject: bool,
    /// Whether the paths of a reach are ruled out: (scope, reach, outermost question).
    pub(crate) ruled_out_paths: rustc_hash::FxHashMap<(ScopeId, pytc_semantic::ConstraintId, bool), bool>,
    /// The display (by node) about to be inferred as a call's argument whose parameter type
    /// is not known before the call is matched (a parameter of an overload, or a generic
    /// one): the call is its context, so its elements keep their union (see
    /// `display_element`). Read and cleared by the next display inferred, so neither the
    /// displays nested in it nor a later one (had this display not been reached) see it.
    pub(crate) argument_display: Option<NodeIndex>,
    /// The parameter types of the lambdas whose bodies are being inferred with a context
    /// (`lambda_parameters`), by the lambda's scope: its parameters' names read these.
    pub(crate) contextual_lambda_parameters: Vec<(ScopeId, Vec<(Box<str>, Type<'db>)>)>,
    /// The constraints chosen for the constrained type variables while a statement is
    /// checked once per constraint (see `per_constraint`): names and places are read with them.
    pub(crate) constraint_choice: Option<crate::generics::Specialization<'db>>,
    /// The local assignments whose values are being inferred again for that choice.
    pub(crate) choice_assignments: Vec<pytc_semantic::DefinitionId>,
}

impl<'db> InferContext<'db> {
    fn new(db: &'db dyn Db, file: File, index: &'db SemanticIndex, scope: ScopeId, reporting: bool) -> Self {
        Self {
            db,
            file,
            index,
            scope,
            reporting,
            diagnostics: Vec::new(),
            expression_types: FxHashMap::default(),
            depth: 0,
            return_type: None,
            generator: None,
            deferred_annotations: index.is_stub() || index.annotations_deferred(),
            in_string_annotation: false,
            string_annotation_start: None,
            in_annotation: false,
            in_class_header: false,
            type_argument_depth: 0,
            narrowing_depth: 0,
            narrowings: Default::default(),
            narrowed_binding: None,
            aliased_condition_depth: 0,
            asks_path_subjects: reporting,
            inferring_path_subject: false,
            ruled_out_paths: Default::default(),
            argument_display: None,
            contextual_lambda_parameters: Vec::new(),
            constraint_choice: None,
            choice_assignments: Vec::new(),
        }
    }

    /// A context reading the index on behalf of `unit` (see `pytc_semantic::unit_index`):
    /// the code it infers must belong to that unit or the module skeleton.
    fn in_unit(db: &'db dyn Db, file: File, unit: UnitId, scope: ScopeId, reporting: bool) -> Self {
        Self::new(db, file, unit_index(db, file, unit), scope, reporting)
    }

    /// A quiet context for inferring the parts of one definition.
    pub fn for_definition(db: &'db dyn Db, definition: DefinitionRef<'db>) -> Self {
        let scope = definition.definition(db).scope;
        let file = definition.file(db);
        Self::new(db, file, definition_index(db, file, definition.definition_id(db)), scope, false)
    }

    /// A quiet context in `scope` of `file`, for code of the unit `scope` belongs to (the
    /// module skeleton for the module scope).
    pub fn quiet(db: &'db dyn Db, file: File, scope: ScopeId) -> Self {
        Self::new(db, file, scope_index(db, file, scope), scope, false)
    }

    /// A quiet context in `scope` for code of `unit`.
    pub fn quiet_in_unit(db: &'db dyn Db, file: File, unit: UnitId, scope: ScopeId) -> Self {
        Self::in_unit(db, file, unit, scope, false)
    }

    /// A checking context (diagnostics are recorded) for the body of a non-module scope.
    pub fn checking(db: &'db dyn Db, file: File, scope: ScopeId) -> Self {
        Self::new(db, file, scope_index(db, file, scope), scope, true)
    }

    /// A checking context for one top-level statement of the module.
    pub fn checking_statement(db: &'db dyn Db, file: File, unit: UnitId) -> Self {
        Self::in_unit(db, file, unit, ScopeId::MODULE, true)
    }

    /// A checking context in the module scope that may read the whole file (for checks that
    /// span several top-level statements). Its query re-runs on every edit of the file.
    pub fn checking_whole_module(db: &'db dyn Db, file: File) -> Self {
        Self::new(db, file, semantic_index(db, file), ScopeId::MODULE, true)
    }

    /// Stop reporting (for speculative inference); returns the previous state.
    pub(crate) fn suspend_reporting(&mut self) -> bool {
        std::mem::replace(&mut self.reporting, false)
    }

    /// Whether diagnostics are being recorded (a checking context, not suspended).
    pub(crate) fn is_reporting(&self) -> bool {
        self.reporting
    }

    pub(crate) fn resume_reporting(&mut self, previous: bool) {
        self.reporting = previous;
    }

    /// Report a diagnostic (dropped in quiet mode).
    pub(crate) fn report(&mut self, range: TextRange, rule: &'static Rule, message: impl Into<String>) {
        if self.reporting {
            self.diagnostics.push(Diagnostic::new(self.file, range, rule, message));
        }
    }

    /// Report that `actual` is not assignable to `expected`, with a note saying why when the
    /// types alone do not (a protocol member that does not fit).
    pub(crate) fn report_unassignable(&mut self, range: TextRange, rule: &'static Rule, message: String, actual: Type<'db>, expected: Type<'db>) {
        if !self.reporting {
            return;
        }
        let mut diagnostic = Diagnostic::new(self.file, range, rule, message);
        if let Some(reason) = crate::relation::explain_unassignable(self.db, actual, expected) {
            diagnostic = diagnostic.with_note(reason);
        }
        self.diagnostics.push(diagnostic);
    }

    pub fn into_results(self) -> (Vec<Diagnostic>, FxHashMap<NodeIndex, Type<'db>>) {
        (self.diagnostics, self.expression_types)
    }

    /// The type of an expression, inferred in this context (each call re-infers: callers
    /// that need a type twice keep it).
    pub fn infer_expression(&mut self, expression: &ast::Expr) -> Type<'db> {
        if self.depth > MAX_EXPRESSION_DEPTH {
            return Type::UNKNOWN;
        }
        self.depth += 1;
        let ty = pytc_syntax::ensure_stack(|| self.infer_expression_inner(expression, None)).expand_top(self.db);
        self.depth -= 1;
        self.record(expression, ty);
        ty
    }

    /// Infer with an expected type (bidirectional inference of displays and calls).
    pub fn infer_expression_with(&mut self, expression: &ast::Expr, expected: Option<Type<'db>>) -> Type<'db> {
        if self.depth > MAX_EXPRESSION_DEPTH {
            return Type::UNKNOWN;
        }
        self.depth += 1;
        let expected = expected.map(|expected| expected.expand_top(self.db));
        let mut ty = pytc_syntax::ensure_stack(|| self.infer_expression_inner(expression, expected)).expand_top(self.db);
        if let Some(expected) = expected
            && type_form::expects_type_form(self.db, expected)
        {
            ty = self.value_in_type_form_context(expression, ty, expected);
        }
        self.depth -= 1;
        self.record(expression, ty);
        ty
    }

    fn record(&mut self, expression: &ast::Expr, ty: Type<'db>) {
        if self.reporting && self.constraint_choice.is_none() && !self.in_string_annotation && self.db.keeps_expression_types() {
            let node = expression.node_index().load();
            if node.as_u32().is_some() {
                self.expression_types.insert(node, ty);
            }
        }
    }

}


/// Literal types widened to their class (what an inferred attribute or container holds).
pub(crate) fn expr_widen<'db>(db: &'db dyn Db, ty: Type<'db>) -> Type<'db> {
    expr::widen_literal(db, ty)
}

//! Statements checked once per constraint of a constrained type variable (`AnyStr =
//! TypeVar("AnyStr", str, bytes)`). Each time a function generic over such a variable runs,
//! the variable is exactly one of its constraints. A simple statement that reports
//! something where such variables are bound is checked again, quietly, for each choice of
//! their constraints: every name or place it reads starts from its type with the variables
//! replaced, before the narrowing on the way applies, and a `return` or an annotation
//! targets its type with them replaced too. Under `isinstance(x, str)` a parameter
//! `x: AnyStr` is then `str` for the constraint `str` and `Never` for `bytes` (that branch
//! does not run then). A diagnostic stays only when some choice reports it again (same
//! rule, same range): one no constraint reproduces holds for none of the types the variable
//! can be when the code runs.
//!
//! A local assignment of one name is read with its value inferred again for the choice when
//! that is narrower than the type its definition was inferred with: `Never` when the choice
//! rules out the paths it runs on (`y = x.upper()` under `isinstance(x, str)` runs only for
//! `str`), so a later `return y` is not checked for `bytes`.

use pytc_semantic::DefinitionKind;
use pytc_syntax::ast;

use crate::generics::Specialization;
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{Type, TypeVarType};

/// How many local assignments, one reading another, are inferred again for a choice.
const MAX_ASSIGNMENT_DEPTH: usize = 4;

/// The most constraint choices tried for one statement (the product of the constraints of
/// every constrained variable in scope); with more, nothing is checked again.
const MAX_CHOICES: usize = 16;

impl<'db> InferContext<'db> {
    /// Check `stmt`, then keep only the diagnostics it reported that some choice of
    /// constraints reproduces (see the module doc). Compound statements are left alone:
    /// the statements in their blocks are checked this way one by one.
    pub(super) fn check_statement_per_constraint(&mut self, stmt: &ast::Stmt) {
        let before = self.diagnostics.len();
        self.check_statement(stmt);
        if self.diagnostics.len() == before || !self.is_reporting() || self.constraint_choice.is_some() || is_compound(stmt) {
            return;
        }
        let db = self.db;
        let mut variables: Vec<TypeVarType<'db>> = Vec::new();
        for typevar in self.typevars_bound_at(self.scope) {
            if !typevar.constraints(db).is_empty() && !variables.contains(&typevar) {
                variables.push(typevar);
            }
        }
        let Some(choices) = constraint_choices(db, &variables) else { return };
        let reported = self.diagnostics.split_off(before);
        let mut reproduced = vec![false; reported.len()];
        let narrowings = std::mem::take(&mut self.narrowings);
        let ruled_out_paths = std::mem::take(&mut self.ruled_out_paths);
        for choice in choices {
            self.constraint_choice = Some(choice);
            self.narrowings.clear();
            self.ruled_out_paths.clear();
            self.check_statement(stmt);
            let again = self.diagnostics.split_off(before);
            for (diagnostic, seen) in reported.iter().zip(reproduced.iter_mut()) {
                *seen |= again.iter().any(|other| reproduces(other, diagnostic));
            }
        }
        self.constraint_choice = None;
        self.narrowings = narrowings;
        self.ruled_out_paths = ruled_out_paths;
        self.diagnostics.extend(reported.into_iter().zip(reproduced).filter_map(|(diagnostic, seen)| seen.then_some(diagnostic)));
    }

    /// During a per-constraint check, the type the local assignment `definition` (of one
    /// name, no unpacking) stores for the chosen constraints, when its value inferred again
    /// is `Never` (it runs only on paths the choice rules out) or fits what its definition
    /// was inferred with (`text = os.fspath(path)` is `str` for `str`); `None` otherwise.
    pub(crate) fn assigned_for_choice(&mut self, definition: DefinitionRef<'db>) -> Option<Type<'db>> {
        let db = self.db;
        let id = definition.definition_id(db);
        if self.constraint_choice.is_none()
            || definition.file(db) != self.file
            || self.choice_assignments.len() >= MAX_ASSIGNMENT_DEPTH
            || self.choice_assignments.contains(&id)
        {
            return None;
        }
        let DefinitionKind::Assignment(assignment) = &definition.definition(db).kind else { return None };
        if !assignment.unpack.is_empty() || !matches!(&*assignment.target, ast::Expr::Name(_)) {
            return None;
        }
        self.choice_assignments.push(id);
        let was_reporting = self.suspend_reporting();
        let value = self.infer_expression(&assignment.stmt.value);
        self.resume_reporting(was_reporting);
        self.choice_assignments.pop();
        let inferred = self.with_chosen_constraints(crate::infer::definition::binding_type(db, definition));
        (value.is_never() || value.is_assignable_to(db, inferred)).then_some(value)
    }

    /// `ty` with the constraints chosen for a per-constraint check put in place of their
    /// variables (the type a name or place is read with before narrowing, and the target
    /// of a `return` or an annotated assignment). `Self` of a generic class over such a
    /// variable becomes its class specialized with the choice (`self` of `Box[AnyStr]`
    /// reads as `Box[str]`).
    pub(crate) fn with_chosen_constraints(&self, ty: Type<'db>) -> Type<'db> {
        let Some(choice) = &self.constraint_choice else { return ty };
        let db = self.db;
        let chosen_self = |member: Type<'db>| match member {
            Type::TypeVar(typevar) if crate::generics::scoping::is_self(db, typevar) => match typevar.bound(db) {
                Some(bound) => choice.apply(db, bound),
                None => member,
            },
            _ => choice.apply(db, member),
        };
        match ty {
            Type::Union(union) => Type::union_of(db, union.elements(db).iter().map(|member| chosen_self(*member))),
            _ => chosen_self(ty),
        }
    }
}

/// Whether `again`, reported for one choice of constraints, reproduces `reported`: the same
/// rule at the same range, or, for an attribute some constraints lack, that attribute
/// missing outright on the chosen constraint.
fn reproduces(again: &pytc_db::Diagnostic, reported: &pytc_db::Diagnostic) -> bool {
    let missing_on_choice = reported.rule == crate::infer::union_attribute::POSSIBLY_MISSING_ATTRIBUTE.name
        && again.rule == crate::infer::attribute::UNRESOLVED_ATTRIBUTE.name;
    again.range == reported.range && (again.rule == reported.rule || missing_on_choice)
}

/// Statements with blocks of their own, and definitions (checked as scopes of their own).
fn is_compound(stmt: &ast::Stmt) -> bool {
    matches!(
        stmt,
        ast::Stmt::If(_)
            | ast::Stmt::For(_)
            | ast::Stmt::While(_)
            | ast::Stmt::With(_)
            | ast::Stmt::Try(_)
            | ast::Stmt::Match(_)
            | ast::Stmt::FunctionDef(_)
            | ast::Stmt::ClassDef(_)
    )
}

/// Every way of choosing one constraint for each variable; `None` when there is no
/// variable or more than `MAX_CHOICES` ways.
fn constraint_choices<'db>(db: &'db dyn pytc_db::Db, variables: &[TypeVarType<'db>]) -> Option<Vec<Specialization<'db>>> {
    if variables.is_empty() {
        return None;
    }
    let mut choices: Vec<Vec<(TypeVarType<'db>, Type<'db>)>> = vec![Vec::new()];
    for variable in variables {
        let constraints = variable.constraints(db);
        if choices.len() * constraints.len() > MAX_CHOICES {
            return None;
        }
        choices = choices.into_iter().flat_map(|chosen| constraints.iter().map(move |constraint| [chosen.clone(), vec![(*variable, *constraint)]].concat())).collect();
    }
    Some(choices.into_iter().map(Specialization::from_pairs).collect())
}

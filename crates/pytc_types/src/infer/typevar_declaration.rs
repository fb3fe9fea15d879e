//! A declared type variable's bound, constraints and default, evaluated on first use rather
//! than when the variable is created: `_L = TypeVar("_L", bound="LoggerAdapter[Any]")` with
//! `class LoggerAdapter(Generic[_L])` is fine, but evaluating the bound while building the
//! class's header would need that very header.

use pytc_db::Db;
use pytc_syntax::ast::visitor::source_order::{SourceOrderVisitor, TraversalSignal};
use pytc_syntax::ast::{self, AnyNodeRef, HasNodeIndex};
use pytc_syntax::{Ranged, TextRange};

use crate::infer::InferContext;
use crate::types::{Type, TypeVarBounds, TypeVarKind, TypeVarSource, TypeVarType};

/// The bound and constraints of a declared type variable. A query: they are asked for at
/// every call that solves the variable and every relation that meets it, and must not be
/// evaluated while the header of a class they name is being built.
///
/// A bound or constraint that names a type variable (`def f[T: T]`, `TypeVar("T",
/// bound="U")` with `U` bounded by `T`, `TypeVar("T", "T", int)`) is invalid — the
/// declaration checks report it — and is `Unknown` here. So no variable's bound ever leads
/// to another variable, and every walk that goes from a variable to its bound (member
/// lookup, operators, relations, solving) ends.
#[salsa::tracked(returns(ref), cycle_result = declared_bounds_cycle)]
pub(crate) fn declared_bounds<'db>(db: &'db dyn Db, typevar: TypeVarType<'db>) -> TypeVarBounds<'db> {
    evaluate_declaration(db, typevar, |context, declaration| match declaration {
        AnyNodeRef::ExprCall(call) => context.typevar_call_bound(call),
        AnyNodeRef::TypeParamTypeVar(typevar) => context.type_param_bound(typevar.bound.as_deref()),
        _ => TypeVarBounds::default(),
    })
    .unwrap_or_default()
    .without_type_variables(db)
}

/// A variable whose bound needs itself (`T = TypeVar("T", bound="list[T]")`) is unbounded.
fn declared_bounds_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _typevar: TypeVarType<'db>) -> TypeVarBounds<'db> {
    TypeVarBounds::default()
}

/// The default of a declared type variable. A query apart from the bound: a class's arity
/// depends on its parameters' defaults, and a bound may name the class.
#[salsa::tracked(returns(copy), cycle_result = declared_default_cycle)]
pub(crate) fn declared_default<'db>(db: &'db dyn Db, typevar: TypeVarType<'db>) -> Option<Type<'db>> {
    evaluate_declaration(db, typevar, |context, declaration| match declaration {
        AnyNodeRef::ExprCall(call) => context.typevar_call_default(call, typevar.kind(db)),
        AnyNodeRef::TypeParamTypeVar(typevar) => context.type_param_default(typevar.default.as_deref()),
        AnyNodeRef::TypeParamParamSpec(param_spec) => context.type_param_default(param_spec.default.as_deref()),
        AnyNodeRef::TypeParamTypeVarTuple(tuple) => context.type_param_default(tuple.default.as_deref()),
        _ => None,
    })
    .flatten()
}

fn declared_default_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _typevar: TypeVarType<'db>) -> Option<Type<'db>> {
    None
}

/// Run `evaluate` on the node that declares `typevar`, in a quiet context of its scope.
fn evaluate_declaration<'db, T>(
    db: &'db dyn Db,
    typevar: TypeVarType<'db>,
    evaluate: impl FnOnce(&mut InferContext<'db>, AnyNodeRef<'_>) -> T,
) -> Option<T> {
    let TypeVarSource::Declared(range) = typevar.source(db) else { return None };
    let file = typevar.file(db);
    let unit = range.unit;
    let index = pytc_semantic::unit_index(db, file, unit);
    let statement = index.parsed_module().syntax().body.get(unit.statement_index()?)?;
    let declaration = find_declaration(statement, range.absolute(index), typevar.node(db))?;
    let mut context = InferContext::quiet_in_unit(db, file, unit, index.scope_of_node(declaration.node_index().load()));
    Some(evaluate(&mut context, declaration))
}

/// The node at `range` numbered `node` in a top-level statement: a `TypeVar(...)` call or a
/// type parameter.
fn find_declaration(statement: &ast::Stmt, range: TextRange, node: u32) -> Option<AnyNodeRef<'_>> {
    struct Finder<'a> {
        range: TextRange,
        node: u32,
        found: Option<AnyNodeRef<'a>>,
    }
    impl<'a> SourceOrderVisitor<'a> for Finder<'a> {
        fn enter_node(&mut self, candidate: AnyNodeRef<'a>) -> TraversalSignal {
            if self.found.is_some() || !candidate.range().contains_range(self.range) {
                return TraversalSignal::Skip;
            }
            if candidate.range() == self.range && candidate.node_index().load().as_u32() == Some(self.node) {
                self.found = Some(candidate);
                return TraversalSignal::Skip;
            }
            TraversalSignal::Traverse
        }
    }
    let mut finder = Finder { range, node, found: None };
    finder.visit_stmt(statement);
    finder.found
}

impl<'db> InferContext<'db> {
    /// The bound and constraints a `TypeVar(...)` (or `ParamSpec`/`TypeVarTuple`) call
    /// declares, reporting a generic bound when checking.
    pub(crate) fn typevar_call_bound(&mut self, call: &ast::ExprCall) -> TypeVarBounds<'db> {
        let db = self.db;
        let constraints = call.arguments.args.iter().skip(1).map(|argument| self.type_expression(argument)).collect();
        let mut bounds = TypeVarBounds { bound: None, constraints, default: None };
        if let Some(keyword) = call.arguments.find_keyword("bound") {
            let ty = self.type_expression(&keyword.value);
            if crate::generics::has_typevars(db, ty) {
                self.report(keyword.value.range(), &crate::call::special::INVALID_TYPE_VARIABLE, "A type variable's bound cannot be generic");
            }
            bounds.bound = Some(ty);
        }
        bounds
    }

    /// The default a `TypeVar(...)` (or `ParamSpec`/`TypeVarTuple`) call declares, reporting
    /// a default of the wrong form for the kind of variable when checking.
    pub(crate) fn typevar_call_default(&mut self, call: &ast::ExprCall, kind: TypeVarKind) -> Option<Type<'db>> {
        let keyword = call.arguments.find_keyword("default")?;
        let rule = &crate::call::special::INVALID_TYPE_VARIABLE;
        Some(match kind {
            // A ParamSpec's default is a parameter list (`declared_param_spec_default`).
            TypeVarKind::ParamSpec => {
                self.check_param_spec_default_form(&keyword.value, rule);
                Type::todo(crate::types::TodoFeature::ParamSpecArgument)
            }
            TypeVarKind::TypeVarTuple => {
                self.check_typevar_tuple_default_form(&keyword.value, rule);
                self.default_type_expression(&keyword.value)
            }
            TypeVarKind::TypeVar => self.default_type_expression(&keyword.value),
        })
    }

    /// The bound (or constraint tuple) of a PEP 695 type parameter.
    fn type_param_bound(&mut self, bound: Option<&ast::Expr>) -> TypeVarBounds<'db> {
        let (bound, constraints) = match bound {
            Some(ast::Expr::Tuple(tuple)) => (None, tuple.elts.iter().map(|e| self.type_expression(e)).collect::<Box<[_]>>()),
            Some(bound) => (Some(self.type_expression(bound)), Box::default()),
            None => (None, Box::default()),
        };
        TypeVarBounds { bound, constraints, default: None }
    }

    fn type_param_default(&mut self, default: Option<&ast::Expr>) -> Option<Type<'db>> {
        default.map(|d| self.default_type_expression(d))
    }

    /// A declared default: a type, or for a TypeVarTuple an unpacked tuple (`*tuple[int, str]`,
    /// `Unpack[tuple[int, str]]`, `*Ts`), taken as that tuple.
    fn default_type_expression(&mut self, value: &ast::Expr) -> Type<'db> {
        match self.unpacked_operand(value) {
            Some(operand) => Type::Tuple(self.unpacked_tuple(operand)),
            None => self.type_expression(value),
        }
    }
}

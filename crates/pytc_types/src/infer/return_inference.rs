//! Return types of functions without a return annotation, inferred from their bodies: the
//! union of what the reachable `return` statements return, plus `None` when the end of the
//! body can be reached; `Never` when no path returns; `Generator`/`AsyncGenerator` for
//! generators and `Coroutine` for other `async def`s.
//!
//! Only calls (and what is built on them: properties, operators, decorators applied to the
//! function, hover) read the inferred type; the function's declared signature, which
//! override and variance checks use, keeps `Unknown`.
//!
//! A function whose inference runs into itself (recursion, mutual recursion) is iterated to a
//! fixpoint: the recursive calls first return `Never` (no value has come back through them
//! yet), each round joins what the function returned before with what it returns now, with
//! literals widened from the second round on, and a return type still changing after
//! `MAX_ROUNDS` rounds is `Unknown`. `def fact(n: int)` returning `1` or `n * fact(n - 1)` is
//! `Literal[1]`, then `int`, then `int` again: `int`. A recursion that settles on `Never`
//! although its body can return (no base case: it returns only what it returns itself) is
//! `Unknown`, so the code after its calls stays checked.

use pytc_db::Db;
use pytc_semantic::{DefinitionKind, Reachability};
use pytc_syntax::ast::visitor::Visitor;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::function::{FunctionFlags, FunctionType};
use crate::infer::InferContext;
use crate::infer::function::{function_is_stub_body, is_generator};
use crate::modules::KnownModule;
use crate::types::{ClassType, Type};

/// The return type calls of `function` see when it has no return annotation, or `None` when
/// its declared signatures apply (an overload group, a stub, a body that only declares, an
/// abstract method, a function with unannotated parameters, a function pytc is told not to
/// check, `__new__`, and the code of an installed package that does not declare itself typed
/// with `py.typed`).
pub fn inferred_return_type<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Option<Type<'db>> {
    let BodyResults { kind, returned, yielded } = body_results(db, function)?;
    Some(match kind {
        BodyKind::Plain => returned,
        BodyKind::Async => coroutine_type(db, returned),
        BodyKind::Generator => generator_type(db, false, yielded, returned),
        BodyKind::AsyncGenerator => generator_type(db, true, yielded, returned),
    })
}

/// What an unannotated body gives back, before its kind makes a coroutine or a generator of
/// it: recursive calls see these wrapped, and rounds join only the values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct BodyResults<'db> {
    kind: BodyKind,
    /// The union of what the reachable `return`s return (`None` for a reachable end).
    returned: Type<'db>,
    /// The union of what the `yield`s produce (`Never` outside generators).
    yielded: Type<'db>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum BodyKind {
    Plain,
    Async,
    Generator,
    AsyncGenerator,
}

impl BodyKind {
    fn of(node: &ast::StmtFunctionDef) -> Self {
        match (is_generator(&node.body), node.is_async) {
            (false, false) => Self::Plain,
            (false, true) => Self::Async,
            (true, false) => Self::Generator,
            (true, true) => Self::AsyncGenerator,
        }
    }
}

/// The results of an unannotated body (see `inferred_return_type`). A query, iterated to a
/// fixpoint when the body calls the function again.
#[salsa::tracked(returns(copy), cycle_fn = next_round, cycle_initial = first_round)]
pub fn body_results<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Option<BodyResults<'db>> {
    let node = inferable_body(db, function)?;
    let definition = function.definition_ref(db);
    let index = definition.index(db);
    let scope = index.scope_defined_by(HasNodeIndex::node_index(node).load())?;
    let mut context = InferContext::quiet(db, definition.file(db), scope);
    let mut collected = ReturnsAndYields::default();
    for statement in &node.body {
        collected.visit_stmt(statement);
    }
    let mut returned = Vec::new();
    for return_stmt in &collected.returns {
        if !context.statement_is_reachable(return_stmt.range) {
            continue;
        }
        returned.push(match &return_stmt.value {
            Some(value) => context.infer_expression(value),
            None => Type::None,
        });
    }
    if crate::infer::stmt::end_is_reachable(&mut context, scope) {
        returned.push(Type::None);
    }
    let kind = BodyKind::of(node);
    let generator = matches!(kind, BodyKind::Generator | BodyKind::AsyncGenerator);
    // A method that always raises may be overridden by one that returns: its callers
    // through the base class are not cut off.
    let returned = if returned.is_empty() && !generator && function.has(db, FunctionFlags::METHOD) {
        Type::UNKNOWN
    } else {
        Type::union_of(db, returned)
    };
    let yielded = Type::union_of(db, collected.yields.iter().map(|yielded| context.yielded_type(yielded)));
    Some(BodyResults { kind, returned, yielded })
}

/// The definition of `function` when its return type is inferred from its body.
fn inferable_body<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Option<&'db ast::StmtFunctionDef> {
    if function.has(db, FunctionFlags::OVERLOAD) || function.has(db, FunctionFlags::NO_TYPE_CHECK) || function.has(db, FunctionFlags::ABSTRACT) {
        return None;
    }
    let definition = function.definition_ref(db);
    if definition.index(db).is_stub() || pytc_module_resolver::is_untyped_installed_file(db, definition.file(db)) {
        return None;
    }
    let DefinitionKind::Function(node) = &definition.definition(db).kind else { return None };
    if node.returns.is_some() || function_is_stub_body(&node.body) || raises_not_implemented(&node.body) {
        return None;
    }
    if function.has(db, FunctionFlags::METHOD) && node.name.as_str() == "__new__" {
        return None;
    }
    if has_unannotated_parameter(db, function, node) || !crate::infer::function::overload_group(db, function).is_empty() {
        return None;
    }
    Some(node)
}

/// Whether a parameter other than a method's implicit `self`/`cls` lacks an annotation. What
/// such a function returns depends on what each caller passes (every path of a body written
/// for several kinds of argument, say a descriptor's `if obj is None: return self`); pytc
/// does not infer per call site, so the declared `Unknown` stays.
fn has_unannotated_parameter<'db>(db: &'db dyn Db, function: FunctionType<'db>, node: &ast::StmtFunctionDef) -> bool {
    let implicit_receiver = function.has(db, FunctionFlags::METHOD) && !function.has(db, FunctionFlags::STATICMETHOD);
    let parameters = &node.parameters;
    let mut positional = parameters.posonlyargs.iter().chain(&parameters.args).map(|parameter| &parameter.parameter);
    if implicit_receiver {
        positional.next();
    }
    positional
        .chain(parameters.kwonlyargs.iter().map(|parameter| &parameter.parameter))
        .chain(parameters.vararg.as_deref())
        .chain(parameters.kwarg.as_deref())
        .any(|parameter| parameter.annotation.is_none())
}

/// Rounds after which a recursive function whose return type still changes (each round
/// nests it once more: `return [f(n - 1)]`) gives up as `Unknown`. A recursion settles in
/// three: its base cases, then what the recursive calls make of them widened, then the same.
const MAX_ROUNDS: u32 = 3;

fn first_round<'db>(db: &'db dyn Db, _id: salsa::Id, function: FunctionType<'db>) -> Option<BodyResults<'db>> {
    let node = inferable_body(db, function)?;
    let kind = BodyKind::of(node);
    Some(BodyResults { kind, returned: Type::Never, yielded: Type::Never })
}

/// What the next round assumes the body gives back: the join of the last assumption and the
/// new result, widened from the second round on.
fn next_round<'db>(
    db: &'db dyn Db,
    cycle: &salsa::Cycle,
    last: &Option<BodyResults<'db>>,
    value: Option<BodyResults<'db>>,
    function: FunctionType<'db>,
) -> Option<BodyResults<'db>> {
    let (Some(last), Some(value)) = (*last, value) else { return value };
    let join = |last: Type<'db>, value: Type<'db>| {
        if cycle.iteration() >= MAX_ROUNDS {
            return Type::UNKNOWN;
        }
        let joined = Type::union_of(db, [last, value]);
        if joined == last || cycle.iteration() == 0 { joined } else { crate::infer::expr_widen(db, joined) }
    };
    let mut returned = join(last.returned, value.returned);
    if returned.is_never() && matches!(value.kind, BodyKind::Plain | BodyKind::Async) && may_return_without_inference(db, function) {
        returned = Type::UNKNOWN;
    }
    Some(BodyResults { kind: value.kind, returned, yielded: join(last.yielded, value.yielded) })
}

/// Whether the body has a `return` or an end that only inference can cut off (a call that
/// never returns, a recursive call among them), not its syntax (`raise`, a false static
/// condition). A recursion returning nothing but what it returns itself (`def f(n: int):
/// return g(n)` with `g` returning `f(n)`) would settle on `Never` and silence every line
/// after its calls; such a cycle is `Unknown` instead, while a body that only raises stays
/// `Never`.
fn may_return_without_inference<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> bool {
    let Some(node) = inferable_body(db, function) else { return false };
    let index = function.definition_ref(db).index(db);
    let Some(scope) = index.scope_defined_by(HasNodeIndex::node_index(node).load()) else { return false };
    let mut collected = ReturnsAndYields::default();
    for statement in &node.body {
        collected.visit_stmt(statement);
    }
    collected.returns.iter().any(|return_stmt| index.reachability(return_stmt.range) != Reachability::Unreachable)
        || index.use_def_map(scope).end_reachability() != pytc_semantic::ConstraintId::ALWAYS_FALSE
}

/// A body that only raises `NotImplementedError` (after an optional docstring): a method
/// meant to be overridden, whose callers should not be cut off.
fn raises_not_implemented(body: &[ast::Stmt]) -> bool {
    let mut statements = body.iter().skip_while(|stmt| matches!(stmt, ast::Stmt::Expr(e) if matches!(&*e.value, ast::Expr::StringLiteral(_))));
    let Some(ast::Stmt::Raise(raise)) = statements.next() else { return false };
    let raised = match raise.exc.as_deref() {
        Some(ast::Expr::Call(call)) => &*call.func,
        Some(other) => other,
        None => return false,
    };
    statements.next().is_none() && matches!(raised, ast::Expr::Name(name) if name.id.as_str() == "NotImplementedError")
}

/// `Coroutine[Any, Any, T]`, what calling an `async def` returning `T` gives.
fn coroutine_type<'db>(db: &'db dyn Db, returned: Type<'db>) -> Type<'db> {
    match crate::class::known::module_class(db, KnownModule::Typing, "Coroutine") {
        Some(class) => Type::Instance(ClassType::new(db, class, Box::from([Type::ANY, Type::ANY, returned]))),
        None => Type::UNKNOWN,
    }
}

/// `Generator[Y, Any, R]`, or `AsyncGenerator[Y, Any]` for an `async def`.
fn generator_type<'db>(db: &'db dyn Db, is_async: bool, yielded: Type<'db>, returned: Type<'db>) -> Type<'db> {
    let (name, arguments): (&str, Box<[Type<'db>]>) =
        if is_async { ("AsyncGenerator", Box::from([yielded, Type::ANY])) } else { ("Generator", Box::from([yielded, Type::ANY, returned])) };
    match crate::class::known::module_class(db, KnownModule::Typing, name) {
        Some(class) => Type::Instance(ClassType::new(db, class, arguments)),
        None => Type::UNKNOWN,
    }
}

/// The `return` statements and `yield` expressions of a body, outside nested scopes.
#[derive(Default)]
struct ReturnsAndYields<'a> {
    returns: Vec<&'a ast::StmtReturn>,
    yields: Vec<&'a ast::Expr>,
}

impl<'a> Visitor<'a> for ReturnsAndYields<'a> {
    fn visit_stmt(&mut self, stmt: &'a ast::Stmt) {
        match stmt {
            ast::Stmt::FunctionDef(_) | ast::Stmt::ClassDef(_) => {}
            ast::Stmt::Return(return_stmt) => {
                self.returns.push(return_stmt);
                if let Some(value) = &return_stmt.value {
                    self.visit_expr(value);
                }
            }
            _ => pytc_syntax::ensure_stack(|| ast::visitor::walk_stmt(self, stmt)),
        }
    }

    fn visit_expr(&mut self, expr: &'a ast::Expr) {
        match expr {
            ast::Expr::Lambda(_) | ast::Expr::ListComp(_) | ast::Expr::SetComp(_) | ast::Expr::DictComp(_) | ast::Expr::Generator(_) => {}
            ast::Expr::Yield(_) | ast::Expr::YieldFrom(_) => {
                self.yields.push(expr);
                pytc_syntax::ensure_stack(|| ast::visitor::walk_expr(self, expr));
            }
            _ => pytc_syntax::ensure_stack(|| ast::visitor::walk_expr(self, expr)),
        }
    }
}

impl<'db> InferContext<'db> {
    /// Whether a statement of the scope being inferred can run: not after a `return` or
    /// `raise` or in a statically false branch, nor after a call that never returns.
    fn statement_is_reachable(&mut self, range: pytc_syntax::TextRange) -> bool {
        match self.index.reachability(range) {
            Reachability::Reachable => true,
            Reachability::Unreachable => false,
            Reachability::Conditional { scope, constraint } => !self.constraint_is_never(scope, constraint),
        }
    }

    /// What a `yield` or `yield from` expression produces to the generator's consumer.
    fn yielded_type(&mut self, expression: &ast::Expr) -> Type<'db> {
        match expression {
            ast::Expr::Yield(yield_expr) => match &yield_expr.value {
                Some(value) => self.infer_expression(value),
                None => Type::None,
            },
            ast::Expr::YieldFrom(yield_from) => {
                let iterable = self.infer_expression(&yield_from.value);
                self.iteration_type(iterable).unwrap_or(Type::UNKNOWN)
            }
            _ => Type::UNKNOWN,
        }
    }
}

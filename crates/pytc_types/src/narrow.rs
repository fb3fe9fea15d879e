//! Narrowing: evaluating the semantic index's constraints against a binding's type.
//! Supports `isinstance`/`issubclass`, `is None`, `==`/`!=` with literals, truthiness,
//! `in` with literal containers, `callable()`, `type(x) is C`, match patterns,
//! `TypeGuard`/`TypeIs`, and paths ended by `NoReturn` calls.

use pytc_db::{Db, File};
use pytc_semantic::{Constraint, ConstraintId, DefinitionId, PredicateKind, ScopeId, SymbolId};
use pytc_syntax::ast;

use crate::class::{self, KnownClass};
use crate::infer::InferContext;
use crate::types::{ClassType, GuardKind, TupleType, Type, TypeGuardType, UnionBuilder};

mod aliased_condition;
mod classinfo;
mod discriminant;
mod exhaustive;
mod path_predicates;
mod patterns;
pub(crate) mod shapes;
mod subclass_arguments;
mod tuple_subject;
mod type_guard_call;
mod typed_dict_keys;

/// Constraint nodes already evaluated for an input type, during one evaluation.
type ConstraintMemo<'db> = rustc_hash::FxHashMap<(ConstraintId, Type<'db>), Type<'db>>;

/// Every constraint applied in one context: (scope, constraint, input type, target, nesting
/// depth, whether a path's subject is being inferred, the binding narrowed when an aliased
/// condition may read it) to the narrowed type. A predicate's operand is inferred with its own narrowing
/// (`if x == y:` narrows `y` by `x`'s type there, itself narrowed by earlier `x == y`
/// tests), so without this the same constraint is evaluated again for every path that
/// reaches it, exponentially in the number of tests. The depth is part of the key because
/// evaluation stops at `MAX_NARROWING_DEPTH`: a result is the same whenever it is reused.
pub(crate) type NarrowingMemo<'db> = rustc_hash::FxHashMap<(ScopeId, ConstraintId, Type<'db>, Box<str>, u32, bool, Option<DefinitionId>), Type<'db>>;

/// Nested predicate evaluation beyond this depth stops narrowing (loops can make
/// predicates refer to each other).
const MAX_NARROWING_DEPTH: u32 = 6;

/// Constraint formulas nested deeper than this (not counting chains of conjunctions) leave
/// the type as it is.
const MAX_CONSTRAINT_NESTING: u32 = 64;

impl<'db> InferContext<'db> {
    /// `ty` narrowed by `constraint` for the name `target`, whose `binding` (the definition
    /// of a plain name, if it is one) `ty` is the type of; during a per-constraint check,
    /// `ty` with the chosen constraints in place of their variables first.
    pub(crate) fn apply_constraint(&mut self, scope: ScopeId, constraint: ConstraintId, ty: Type<'db>, target: &str, binding: Option<DefinitionId>) -> Type<'db> {
        let ty = self.with_chosen_constraints(ty);
        if constraint == ConstraintId::ALWAYS_TRUE {
            return ty;
        }
        if self.narrowing_depth >= MAX_NARROWING_DEPTH {
            return ty;
        }
        let ty = ty.expand_top(self.db);
        let outer_binding = std::mem::replace(&mut self.narrowed_binding, binding);
        let narrowed = self.memoised_constraint(scope, constraint, ty, target);
        self.narrowed_binding = outer_binding;
        narrowed
    }

    /// `apply_constraint_inner` once per (constraint, input, target, depth) in this context,
    /// apart for the answers given while a path's subject is inferred, which rule out fewer
    /// paths (see `inferring_path_subject`).
    fn memoised_constraint(&mut self, scope: ScopeId, constraint: ConstraintId, ty: Type<'db>, target: &str) -> Type<'db> {
        let key = (scope, constraint, ty, Box::<str>::from(target), self.narrowing_depth, self.inferring_path_subject, self.narrowed_binding);
        if let Some(known) = self.narrowings.get(&key) {
            return *known;
        }
        self.narrowing_depth += 1;
        let was_reporting = self.suspend_reporting();
        let result = self.apply_constraint_inner(scope, constraint, ty, target, 0, &mut ConstraintMemo::default());
        self.resume_reporting(was_reporting);
        self.narrowing_depth -= 1;
        self.narrowings.insert(key, result);
        result
    }

    /// Whether the constraint rules its paths out entirely (e.g. after `sys.exit()`).
    pub(crate) fn constraint_is_never(&mut self, scope: ScopeId, constraint: ConstraintId) -> bool {
        if self.narrowing_depth >= MAX_NARROWING_DEPTH {
            return false;
        }
        let mut splits = exhaustive::MAX_SPLITS;
        self.paths_ruled_out(scope, constraint, &mut splits)
    }

    /// Evaluate a constraint formula. Formulas share sub-formulas (every join of paths
    /// repeats what both paths had before the split), so each (node, input type) pair is
    /// evaluated once: walking the formula as a tree would be exponential in the joins.
    /// `depth` counts nesting other than along a chain of conjunctions (which is walked
    /// with a loop); past `MAX_CONSTRAINT_NESTING` the type is left as it is.
    fn apply_constraint_inner(
        &mut self,
        scope: ScopeId,
        constraint: ConstraintId,
        ty: Type<'db>,
        target: &str,
        depth: u32,
        memo: &mut ConstraintMemo<'db>,
    ) -> Type<'db> {
        if depth > MAX_CONSTRAINT_NESTING {
            return ty;
        }
        let constraints = self.index.use_def_map(scope).constraints();
        match constraints.get(constraint) {
            Constraint::True => ty,
            Constraint::False => Type::Never,
            Constraint::Atom { predicate, negated } => self.apply_predicate(predicate, negated, ty, target),
            Constraint::And(..) => self.apply_conjunction(scope, constraint, ty, target, depth, memo),
            Constraint::Path(reach) => {
                if self.path_ruled_out(scope, reach) {
                    Type::Never
                } else {
                    ty
                }
            }
            Constraint::Or(left, right) => {
                if let Some(known) = memo.get(&(constraint, ty)) {
                    return *known;
                }
                let a = pytc_syntax::ensure_stack(|| self.apply_constraint_inner(scope, left, ty, target, depth + 1, memo));
                let b = pytc_syntax::ensure_stack(|| self.apply_constraint_inner(scope, right, ty, target, depth + 1, memo));
                // A path that leaves the type as it was makes the join that type: the other
                // paths only narrow it. (For `Any`, whose narrowings refine a gradual type
                // rather than name a subtype, the join is `Any` again, not `Any | X`.)
                let result = if a == ty || b == ty { ty } else { Type::union(self.db, a, b) };
                memo.insert((constraint, ty), result);
                result
            }
        }
    }

    /// A conjunction, walked down its left spine with a loop: the builder adds one conjunct
    /// per failed `case` or test (`And(And(And(a, b), c), d)`), so a `match` over thousands
    /// of enum members nests that deep. Every node of the spine takes the same input type;
    /// each is memoised on the way back up.
    fn apply_conjunction(
        &mut self,
        scope: ScopeId,
        constraint: ConstraintId,
        ty: Type<'db>,
        target: &str,
        depth: u32,
        memo: &mut ConstraintMemo<'db>,
    ) -> Type<'db> {
        let constraints = self.index.use_def_map(scope).constraints();
        // A spine at the top of an evaluation is evaluated just as a top-level call for one of
        // its nodes would be: share its nodes' results with later calls. Each test of an
        // `if`/`elif` chain narrows its subject by the chain's failed tests so far, one
        // conjunct more than the test before, so this makes the chain linear in its tests.
        let shared_depth = (depth == 0).then(|| self.narrowing_depth - 1);
        let inferring_path_subject = self.inferring_path_subject;
        let narrowed_binding = self.narrowed_binding;
        let shared_key = |node: ConstraintId| (scope, node, ty, Box::<str>::from(target), shared_depth.unwrap_or_default(), inferring_path_subject, narrowed_binding);
        let mut spine = Vec::new();
        let mut node = constraint;
        let mut narrowed = loop {
            if let Some(known) = memo.get(&(node, ty)) {
                break *known;
            }
            if node != constraint
                && shared_depth.is_some()
                && let Some(known) = self.narrowings.get(&shared_key(node))
            {
                break *known;
            }
            match constraints.get(node) {
                Constraint::And(left, _) => {
                    spine.push(node);
                    node = left;
                }
                _ => break pytc_syntax::ensure_stack(|| self.apply_constraint_inner(scope, node, ty, target, depth + 1, memo)),
            }
        };
        while let Some(node) = spine.pop() {
            if let Constraint::And(_, right) = constraints.get(node) {
                narrowed = pytc_syntax::ensure_stack(|| self.apply_constraint_inner(scope, right, narrowed, target, depth + 1, memo));
            }
            memo.insert((node, ty), narrowed);
            if node != constraint && shared_depth.is_some() {
                self.narrowings.insert(shared_key(node), narrowed);
            }
        }
        narrowed
    }

    fn apply_predicate(&mut self, predicate: pytc_semantic::PredicateId, negated: bool, ty: Type<'db>, target: &str) -> Type<'db> {
        let index = self.index;
        match &index.predicate(predicate).kind {
            PredicateKind::Test(expression) => self.narrow_by_test(expression, !negated, ty, target),
            PredicateKind::Pattern { subject, case } => {
                if subject_is(subject, target) {
                    let case = case.case();
                    self.narrow_by_pattern(&case.pattern, case.guard.is_some(), !negated, ty)
                } else {
                    self.narrow_by_tag_pattern(subject, case, !negated, ty, target)
                        .or_else(|| self.narrow_by_tuple_subject_pattern(subject, case.case(), !negated, ty, target))
                        .unwrap_or(ty)
                }
            }
            PredicateKind::CallReturns { .. } => {
                if negated || self.path_predicate_may_hold(predicate) { ty } else { Type::Never }
            }
            // TODO: evaluate whether the star import provides the name, so it replaces earlier
            // bindings instead of joining them.
            PredicateKind::StarImportProvides(_) => ty,
            PredicateKind::WithSwallowsExceptions(_) => {
                if negated || self.path_predicate_may_hold(predicate) { ty } else { Type::Never }
            }
        }
    }

    fn path_predicate_may_hold(&self, predicate: pytc_semantic::PredicateId) -> bool {
        crate::narrow::path_predicates::path_predicate_may_hold(self.db, crate::narrow::path_predicates::PredicateRef::of(self.db, self.file, predicate))
    }

    /// Whether a context manager of the `with` statement may swallow an exception: its
    /// `__exit__` (or `__aexit__`) is declared to return `bool` or `Literal[True]`. Managers whose exit returns
    /// `None`, `Literal[False]` or an unknown type let exceptions propagate, as in the spec's
    /// treatment of context managers.
    pub(crate) fn with_may_swallow_exceptions(&mut self, with: &ast::StmtWith) -> bool {
        let db = self.db;
        let exit = if with.is_async { "__aexit__" } else { "__exit__" };
        let none = Type::None;
        let boolean = KnownClass::Bool.instance(db);
        with.items.iter().any(|item| {
            let manager = self.infer_expression(&item.context_expr);
            let Some(returned) = self.call_dunder_checked(manager, exit, &[none, none, none]) else {
                return false;
            };
            let returned = if with.is_async { self.await_type(returned) } else { returned };
            returned == boolean || returned == Type::BoolLiteral(true)
        })
    }

    pub(crate) fn call_never_returns(&mut self, callee: Type<'db>, call: &ast::ExprCall, awaited: bool) -> bool {
        match callee {
            Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_) | Type::Instance(_) => {
                let returned = self.infer_call_quiet(callee, call);
                if awaited { self.await_type(returned).is_never() } else { returned.is_never() }
            }
            _ => false,
        }
    }

    fn narrow_by_test(&mut self, test: &ast::Expr, positive: bool, ty: Type<'db>, target: &str) -> Type<'db> {
        let db = self.db;
        match test {
            ast::Expr::Name(_) | ast::Expr::Attribute(_) if expression_is(test, target) => narrow_truthiness(db, ty, positive),
            ast::Expr::Named(named) if expression_is(&named.target, target) => narrow_truthiness(db, ty, positive),
            ast::Expr::Name(alias) => self.narrow_by_aliased_condition(alias, positive, ty, target).unwrap_or(ty),
            ast::Expr::UnaryOp(unary) if unary.op == ast::UnaryOp::Not => self.narrow_by_test(&unary.operand, !positive, ty, target),
            ast::Expr::BoolOp(bool_op) => {
                // Split `and`/`or` conservatively: `a and b` true means both true.
                match (bool_op.op, positive) {
                    (ast::BoolOp::And, true) => {
                        let mut current = ty;
                        for value in &bool_op.values {
                            current = self.narrow_by_test(value, true, current, target);
                        }
                        current
                    }
                    (ast::BoolOp::Or, false) => {
                        let mut current = ty;
                        for value in &bool_op.values {
                            current = self.narrow_by_test(value, false, current, target);
                        }
                        current
                    }
                    (ast::BoolOp::Or, true) => {
                        let parts: Vec<Type<'db>> = bool_op.values.iter().map(|v| self.narrow_by_test(v, true, ty, target)).collect();
                        Type::union_of(db, parts)
                    }
                    (ast::BoolOp::And, false) => {
                        let parts: Vec<Type<'db>> = bool_op.values.iter().map(|v| self.narrow_by_test(v, false, ty, target)).collect();
                        Type::union_of(db, parts)
                    }
                }
            }
            ast::Expr::Compare(compare) => {
                // A chain `a op1 b op2 c` holds when each link does (`a op1 b and b op2 c`).
                let operands: Vec<&ast::Expr> = std::iter::once(&*compare.left).chain(compare.comparators.iter()).collect();
                let links = compare.ops.iter().zip(operands.windows(2));
                if positive {
                    links.fold(ty, |narrowed, (op, pair)| self.narrow_by_comparison_link(pair[0], *op, pair[1], true, narrowed, target))
                } else {
                    let failed: Vec<Type<'db>> = links.map(|(op, pair)| self.narrow_by_comparison_link(pair[0], *op, pair[1], false, ty, target)).collect();
                    Type::union_of(db, failed)
                }
            }
            ast::Expr::Call(call) => self.narrow_by_call(call, positive, ty, target),
            ast::Expr::Attribute(_) | ast::Expr::Subscript(_) => self.narrow_by_tag_truthiness(test, positive, ty, target).unwrap_or(ty),
            _ => ty,
        }
    }

    /// `ty` (the type of `target`) narrowed by one comparison `left op right`, where it holds
    /// (`positive`) or where it fails.
    fn narrow_by_comparison_link(&mut self, left: &ast::Expr, op: ast::CmpOp, right: &ast::Expr, positive: bool, ty: Type<'db>, target: &str) -> Type<'db> {
        if expression_is(left, target) {
            self.narrow_by_comparison(op, right, positive, ty)
        } else if expression_is(right, target)
            && matches!(op, ast::CmpOp::In | ast::CmpOp::NotIn)
            && let Some(narrowed) = self.narrow_by_key_presence(left, positive == (op == ast::CmpOp::In), ty)
        {
            narrowed
        } else if expression_is(right, target) && matches!(op, ast::CmpOp::Eq | ast::CmpOp::NotEq | ast::CmpOp::Is | ast::CmpOp::IsNot) {
            self.narrow_by_comparison(op, left, positive, ty)
        } else if let Some(narrowed) = self.narrow_by_discriminant(left, op, right, positive, ty, target) {
            narrowed
        } else if let Some(narrowed) = self.narrow_by_length(left, op, right, positive, ty, target) {
            narrowed
        } else if matches!(op, ast::CmpOp::Is | ast::CmpOp::Eq | ast::CmpOp::IsNot | ast::CmpOp::NotEq) && self.is_class_of(left, target) {
            // `type(x) is C`, `x.__class__ is C`
            let positive = positive == matches!(op, ast::CmpOp::Is | ast::CmpOp::Eq);
            let class_type = self.infer_expression(right);
            if positive {
                match class_type {
                    Type::ClassObject(class) => self.narrow_isinstance(ty, &[class], true),
                    _ => ty,
                }
            } else {
                ty
            }
        } else {
            ty
        }
    }

    /// Whether `expression` is the class of `target`: `type(target)` or `target.__class__`.
    fn is_class_of(&mut self, expression: &ast::Expr, target: &str) -> bool {
        let db = self.db;
        match expression {
            ast::Expr::Attribute(attribute) => attribute.attr.as_str() == "__class__" && expression_is(&attribute.value, target),
            ast::Expr::Call(call) => {
                call.arguments.args.len() == 1
                    && call.arguments.keywords.is_empty()
                    && expression_is(&call.arguments.args[0], target)
                    && matches!(self.infer_expression(&call.func), Type::ClassObject(c) if class::known::is_known(db, c.class(db), KnownClass::Type))
            }
            _ => false,
        }
    }

    fn narrow_by_call(&mut self, call: &ast::ExprCall, positive: bool, ty: Type<'db>, target: &str) -> Type<'db> {
        let db = self.db;
        if positive && ty.is_never() && is_hasattr_of(call, target) {
            return Type::UNKNOWN;
        }
        let Some(first) = call.arguments.args.first() else { return self.narrow_by_guard_keyword(call, positive, ty, target) };
        if !expression_is(first, target) {
            return ty;
        }
        let callee = self.infer_expression(&call.func);
        // `bool(x)` is the truth of `x`.
        if let Type::ClassObject(class) = callee
            && class::known::is_known(db, class.class(db), KnownClass::Bool)
            && call.arguments.args.len() == 1
            && call.arguments.keywords.is_empty()
        {
            return narrow_truthiness(db, ty, positive);
        }
        if let Type::Function(function) = callee {
            let name = function.name(db);
            let is_builtin = crate::modules::KnownModule::Builtins.is(db, function.file(db));
            if is_builtin && (&**name == "isinstance" || &**name == "issubclass") && call.arguments.args.len() == 2 {
                let Some(info) = self.classinfo_of(&call.arguments.args[1]) else { return ty };
                let is_instance = &**name == "isinstance";
                // Only the classes named as themselves rule a value out.
                let classes = if positive { info.all() } else { info.exact() };
                let narrowed = if is_instance {
                    self.narrow_isinstance(ty, &classes, positive)
                } else {
                    self.narrow_issubclass(ty, &classes, positive)
                };
                return match info.typevar {
                    // What passes a check against `type[T]` is a `T`, where `T` is narrower.
                    Some(typevar) if is_instance && positive => narrowed.map_union(db, |member| {
                        if Type::TypeVar(typevar).is_assignable_to(db, member) { Type::TypeVar(typevar) } else { member }
                    }),
                    // A class nothing tells may be any class: what passes it is unknown.
                    _ if info.dynamic && positive => Type::union_of(db, [narrowed, Type::UNKNOWN]),
                    _ => narrowed,
                };
            }
            if is_builtin
                && &**name == "hasattr"
                && positive
                && call.arguments.keywords.is_empty()
                && let [_, ast::Expr::StringLiteral(attribute)] = &call.arguments.args[..]
            {
                return narrow_hasattr(db, ty, attribute.value.to_str());
            }
            if is_builtin && &**name == "callable" {
                return ty.map_union(db, |member| {
                    // Any object may be a callable one: `object` passes as a callable of
                    // unknown signature.
                    if positive && member == KnownClass::Object.instance(db) {
                        return Type::Callable(crate::types::CallableType::single(db, crate::types::Signature::gradual(Type::UNKNOWN)));
                    }
                    let is_callable = match member {
                        Type::Function(_) | Type::BoundMethod(_) | Type::Callable(_) | Type::ClassObject(_) | Type::SubclassOf(_) | Type::SubclassOfTypeVar(_) => Some(true),
                        Type::None | Type::IntLiteral(_) | Type::StringLiteral(_) | Type::BoolLiteral(_) | Type::BytesLiteral(_) => Some(false),
                        Type::Instance(_) => Some(crate::infer::attribute::instance_has_member(db, member, "__call__")),
                        _ => None,
                    };
                    match is_callable {
                        Some(is) if is != positive => Type::Never,
                        _ => member,
                    }
                });
            }
        }
        // User-defined `TypeGuard[T]` / `TypeIs[T]`.
        if let Some(guard) = self.overload_type_guard(callee, call).or_else(|| self.type_guard_of(callee)) {
            return self.narrow_by_guard(callee, guard, call, positive, ty);
        }
        ty
    }

    /// What a `TypeGuard[T]`/`TypeIs[T]` call says of the argument it judges.
    fn narrow_by_guard(&mut self, callee: Type<'db>, guard: TypeGuardType<'db>, call: &ast::ExprCall, positive: bool, ty: Type<'db>) -> Type<'db> {
        let db = self.db;
        let guarded = self.specialize_type_guard(callee, call, guard.guarded(db));
        if guard.kind(db) == GuardKind::TypeIs {
            return if positive {
                narrow_to(db, ty, guarded)
            } else {
                ty.map_union(db, |member| {
                    let gradual = member.is_dynamic() || member.is_type_of_any(db);
                    if !gradual && member.is_assignable_to(db, guarded) { Type::Never } else { member }
                })
            };
        }
        if positive { guarded } else { ty }
    }

    /// A guard call without positional arguments (`is_text(value=x)`): the argument the
    /// guard judges is the one bound to its first positional parameter, here by keyword.
    fn narrow_by_guard_keyword(&mut self, call: &ast::ExprCall, positive: bool, ty: Type<'db>, target: &str) -> Type<'db> {
        let db = self.db;
        let callee = self.infer_expression(&call.func);
        let Some(guard) = self.type_guard_of(callee) else { return ty };
        let Some(signature) = crate::call::single_signature(db, callee) else { return ty };
        let Some(subject) = signature.parameters.iter().find(|parameter| parameter.accepts_positional()) else { return ty };
        let Some(name) = subject.name.as_deref().filter(|_| subject.kind == crate::types::ParameterKind::PositionalOrKeyword) else { return ty };
        let judged = call.arguments.keywords.iter().find(|keyword| keyword.arg.as_ref().is_some_and(|arg| arg.as_str() == name));
        match judged {
            Some(keyword) if expression_is(&keyword.value, target) => self.narrow_by_guard(callee, guard, call, positive, ty),
            _ => ty,
        }
    }

    fn narrow_by_comparison(&mut self, op: ast::CmpOp, other: &ast::Expr, positive: bool, ty: Type<'db>) -> Type<'db> {
        let db = self.db;
        match op {
            ast::CmpOp::Is | ast::CmpOp::IsNot => {
                let positive = positive == (op == ast::CmpOp::Is);
                let other_type = singleton_value(db, self.infer_expression(other));
                if is_singleton(other_type) {
                    if positive {
                        narrow_to_singleton(db, ty, other_type)
                    } else {
                        ty.map_union(db, |member| if member == other_type { Type::Never } else { remove_singleton(db, member, other_type) })
                    }
                } else if let Type::ClassObject(class) = other_type
                    && class::cannot_be_subclassed(db, class.class(db))
                {
                    // A final class is the only value of its `type[...]` (a sentinel class).
                    let is_the_class = |member: Type<'db>| matches!(member, Type::ClassObject(c) | Type::SubclassOf(c) if c.class(db) == class.class(db));
                    if positive {
                        ty.map_union(db, |member| if is_the_class(member) { other_type } else { member })
                    } else {
                        ty.map_union(db, |member| if is_the_class(member) { Type::Never } else { member })
                    }
                } else if positive && !other_type.is_dynamic() && !crate::generics::has_typevars(db, other_type) {
                    // The same object as a value of a known type: a `None` or a literal the
                    // other side cannot hold is not it (`task is self._owner` for an owner
                    // `Task | None` and a `Task`). Not being it says nothing.
                    ty.map_union(db, |member| if is_literal_like(member) && !member.is_assignable_to(db, other_type) { Type::Never } else { member })
                } else {
                    ty
                }
            }
            ast::CmpOp::Eq | ast::CmpOp::NotEq => {
                let positive = positive == (op == ast::CmpOp::Eq);
                let other_type = self.infer_expression(other);
                if !is_literal_like(other_type) {
                    return ty;
                }
                if positive {
                    ty.map_union(db, |member| {
                        if member == other_type || member.is_dynamic() {
                            return if member.is_dynamic() { member } else { other_type };
                        }
                        if is_literal_like(member) {
                            return if literals_may_equal(member, other_type) { member } else { Type::Never };
                        }
                        if other_type.is_assignable_to(db, member) && is_literal_like(other_type) && member_is_literal_class(db, member) && !is_enum_member_of_other_class(db, other_type, member) {
                            other_type
                        } else if builtin_never_equals(db, member, other_type) {
                            Type::Never
                        } else {
                            member
                        }
                    })
                } else {
                    ty.map_union(db, |member| {
                        let expanded = expand_finite(db, member);
                        Type::union_of(db, expanded.into_iter().filter(|part| *part != other_type))
                    })
                }
            }
            ast::CmpOp::In | ast::CmpOp::NotIn => {
                let positive = positive == (op == ast::CmpOp::In);
                let elements: Vec<Type<'db>> = match other {
                    ast::Expr::Tuple(t) => t.elts.iter().map(|e| self.infer_expression(e)).collect(),
                    ast::Expr::List(l) => l.elts.iter().map(|e| self.infer_expression(e)).collect(),
                    ast::Expr::Set(s) => s.elts.iter().map(|e| self.infer_expression(e)).collect(),
                    // A container of literals (`names: frozenset[Literal["a", "b"]]`) narrows
                    // what is found in it; not finding it says nothing (it may hold fewer).
                    _ if positive => {
                        let container = self.infer_expression(other);
                        match crate::infer::stmt::iteration_type_of(db, container) {
                            Some(element) if !element.is_dynamic() => match element {
                                Type::Union(union) => union.elements(db).to_vec(),
                                single => vec![single],
                            },
                            _ => return ty,
                        }
                    }
                    _ => return ty,
                };
                if !elements.iter().all(|e| is_literal_like(*e)) {
                    // Found among values of known types that are never `None`: not `None`.
                    let can_be_none = elements.iter().any(|e| e.is_dynamic() || Type::None.is_assignable_to(db, *e));
                    return if positive && !can_be_none { ty.map_union(db, |member| if member == Type::None { Type::Never } else { member }) } else { ty };
                }
                if positive {
                    ty.map_union(db, |member| {
                        if member.is_dynamic() {
                            return member;
                        }
                        let expanded = expand_finite(db, member);
                        let kept: Vec<Type<'db>> = expanded
                            .into_iter()
                            .flat_map(|part| {
                                if is_literal_like(part) {
                                    if elements.contains(&part) { vec![part] } else { vec![] }
                                } else {
                                    // A value of a class whose equality is by value (`int`, `str`,
                                    // `bytes`, an enum) found among literals is one of those of
                                    // its own class, and is not there when none is.
                                    let matching: Vec<Type<'db>> = elements.iter().copied().filter(|e| e.is_assignable_to(db, part)).collect();
                                    if member_is_literal_class(db, part) { matching } else { vec![part] }
                                }
                            })
                            .collect();
                        Type::union_of(db, kept)
                    })
                } else {
                    ty.map_union(db, |member| {
                        let expanded = expand_finite(db, member);
                        Type::union_of(db, expanded.into_iter().filter(|part| !(is_literal_like(*part) && elements.contains(part))))
                    })
                }
            }
            _ => ty,
        }
    }

    pub(crate) fn narrow_isinstance(&mut self, ty: Type<'db>, classes: &[ClassType<'db>], positive: bool) -> Type<'db> {
        let db = self.db;
        ty.map_union(db, |member| {
            // A declared `float` also holds `int` values, a `complex` `float` and `int` ones
            // (the numeric promotion): a passing check may select any of them. A member every
            // part of which the check leaves as it is stays as written. A failing check keeps
            // the member as the class it names: a `float` narrowed to `not int` is written
            // `float` again, so reading `int` back out of it at the next failing check would
            // undo the earlier one (`isinstance` chains over `int`, `str`, `float`).
            let parts = promoted_parts(db, member);
            if parts.len() == 1 || !positive {
                return self.narrow_member_isinstance(member, classes, positive);
            }
            let narrowed: Vec<Type<'db>> = parts.iter().map(|part| self.narrow_member_isinstance(*part, classes, positive)).collect();
            if narrowed == parts { member } else { Type::union_of(db, narrowed) }
        })
    }

    /// `isinstance` narrowing of one member of a union.
    fn narrow_member_isinstance(&mut self, member: Type<'db>, classes: &[ClassType<'db>], positive: bool) -> Type<'db> {
        let db = self.db;
        if member.is_dynamic() {
            return if positive {
                Type::union_of(db, classes.iter().map(|c| narrowed_instance(db, class_with_unknown_arguments(db, *c))))
            } else {
                member
            };
        }
        let member_class = instance_class_of(db, member);
        let mut builder = UnionBuilder::new(db);
        // A member with no class of its own (a type variable) passes when whatever it stands
        // for is one of the classes: `AnyStr` against `(str, bytes)` stays `AnyStr`.
        let mut fully_matched = member_class.is_none()
            && classes.len() > 1
            && member.is_assignable_to(db, Type::union_of(db, classes.iter().map(|class| Type::Instance(class_with_unknown_arguments(db, *class)))));
        for class in classes {
            let target = class_with_unknown_arguments(db, *class);
            let target_instance = narrowed_instance(db, target);
            match member_class {
                Some(member_class) => {
                    if class::is_subclass(db, member_class.class(db), class.class(db)) || implements_protocol(db, member, target) {
                        fully_matched = true;
                    } else if class::is_subclass(db, class.class(db), member_class.class(db)) {
                        builder.add(narrowed_instance(db, subclass_arguments::subclass_with_member_arguments(db, *class, member_class)));
                    } else if !class::cannot_be_subclassed(db, class.class(db))
                        && !class::cannot_be_subclassed(db, member_class.class(db))
                        && class::disjoint_base::may_share_subclass(db, class.class(db), member_class.class(db))
                    {
                        // An unrelated class: a common subclass may exist. Keep the
                        // checked class as the narrowed type.
                        builder.add(target_instance);
                    }
                }
                None => {
                    if member.is_assignable_to(db, target_instance) {
                        fully_matched = true;
                    } else if let Type::TypeVar(_) = member {
                        builder.add(target_instance);
                    } else if matches!(member, Type::Callable(_)) {
                        builder.add(target_instance);
                    }
                }
            }
        }
        // A member that passes the check whatever it is stays as it is: what the other
        // classes add (a subclass of the member, a common subclass with an unrelated
        // class) is a subtype of it. Keeping them would make the same check narrow again
        // when it is applied a second time (`N | M` for an `M` checked against `(N, M)`).
        match (positive, fully_matched) {
            (true, true) => member,
            (true, false) => builder.build(),
            (false, true) => Type::Never,
            (false, false) => member,
        }
    }

    fn narrow_issubclass(&mut self, ty: Type<'db>, classes: &[ClassType<'db>], positive: bool) -> Type<'db> {
        let db = self.db;
        ty.map_union(db, |member| {
            let member_class = match member {
                Type::ClassObject(class) | Type::SubclassOf(class) => class,
                Type::Dynamic(_) if positive => {
                    return Type::union_of(db, classes.iter().map(|c| Type::SubclassOf(*c)));
                }
                // `type` (any class): the classes checked against.
                Type::Instance(class) if positive && class::known::is_known(db, class.class(db), KnownClass::Type) => {
                    return Type::union_of(db, classes.iter().map(|c| Type::SubclassOf(*c)));
                }
                _ => return member,
            };
            let matched = classes
                .iter()
                .any(|c| class::is_subclass(db, member_class.class(db), c.class(db)) || implements_protocol(db, Type::Instance(member_class), *c));
            if matched {
                if positive { member } else { Type::Never }
            } else if positive {
                // As for `isinstance`: a subclass of the member's class narrows it; an
                // unrelated class may still share a subclass with it unless either is final
                // or their layouts conflict; otherwise the member cannot pass.
                let may_share_subclass = |c: &ClassType<'db>| {
                    let is_final = |class: ClassType<'db>| class::cannot_be_subclassed(db, class.class(db));
                    !is_final(*c) && !is_final(member_class) && class::disjoint_base::may_share_subclass(db, c.class(db), member_class.class(db))
                };
                let narrower: Vec<Type<'db>> = classes
                    .iter()
                    .filter(|c| class::is_subclass(db, c.class(db), member_class.class(db)) || may_share_subclass(c))
                    .map(|c| Type::SubclassOf(*c))
                    .collect();
                Type::union_of(db, narrower)
            } else {
                member
            }
        })
    }

    /// The guard `callee` returns when it returns `TypeGuard[T]` or `TypeIs[T]`: a guard
    /// function or method, or a callable or callback-protocol object declared to return one.
    pub(super) fn type_guard_of(&mut self, callee: Type<'db>) -> Option<TypeGuardType<'db>> {
        match callee {
            Type::Function(function) => crate::infer::function::function_type_guard(self.db, function),
            Type::BoundMethod(method) => crate::infer::function::function_type_guard(self.db, method.function(self.db)),
            Type::Callable(_) | Type::Instance(_) => match crate::call::single_signature(self.db, callee)?.return_type {
                Type::TypeGuard(guard) => Some(guard),
                _ => None,
            },
            _ => None,
        }
    }
}

/// The star-import filter for public bindings: a star import provides only the names
/// the imported module exports (pytc keeps the type; exporting is checked at the import).
pub(crate) fn public_star_import_filter<'db>(_db: &'db dyn Db, _file: File, _scope: ScopeId, _symbol: SymbolId, _constraint: ConstraintId, ty: Type<'db>) -> Type<'db> {
    ty
}

/// A name, attribute or literal-subscript chain as text (`self.x.y`, `args[0]`,
/// `d["k"].y`), the key narrowing matches on. Chains longer than the semantic index tracks
/// have none.
pub(crate) fn place_text(expression: &ast::Expr) -> Option<String> {
    chain_text(expression, Vec::new())
}

/// The text of `attribute` (`self.x.y` for the node `.y`).
pub(crate) fn attribute_place_text(attribute: &ast::ExprAttribute) -> Option<String> {
    chain_text(&attribute.value, vec![format!(".{}", attribute.attr)])
}

/// The text of `subscript` (`args[0]` for the node `[0]`), if its subscript is a literal.
pub(crate) fn subscript_place_text(subscript: &ast::ExprSubscript) -> Option<String> {
    chain_text(&subscript.value, vec![format!("[{}]", literal_subscript_text(&subscript.slice)?)])
}

/// The text of `pieces` (innermost first) preceded by the chain `expression`.
fn chain_text(expression: &ast::Expr, mut pieces: Vec<String>) -> Option<String> {
    let mut current = expression;
    loop {
        if pieces.len() > pytc_semantic::MAX_PLACE_SEGMENTS {
            return None;
        }
        match current {
            ast::Expr::Name(name) => {
                pieces.push(name.id.to_string());
                break;
            }
            ast::Expr::Attribute(attribute) => {
                pieces.push(format!(".{}", attribute.attr));
                current = &attribute.value;
            }
            ast::Expr::Subscript(subscript) => {
                pieces.push(format!("[{}]", literal_subscript_text(&subscript.slice)?));
                current = &subscript.value;
            }
            _ => return None,
        }
    }
    pieces.reverse();
    Some(pieces.concat())
}

/// `0`, `-1` or `"k"`: the subscripts the semantic index tracks as places.
fn literal_subscript_text(slice: &ast::Expr) -> Option<String> {
    match slice {
        ast::Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(int), .. }) => Some(int.as_i64()?.to_string()),
        ast::Expr::UnaryOp(ast::ExprUnaryOp { op: ast::UnaryOp::USub, operand, .. }) => match &**operand {
            ast::Expr::NumberLiteral(ast::ExprNumberLiteral { value: ast::Number::Int(int), .. }) => Some(format!("-{}", int.as_i64()?)),
            _ => None,
        },
        ast::Expr::StringLiteral(literal) => Some(format!("{:?}", literal.value.to_str())),
        _ => None,
    }
}

fn expression_is(expression: &ast::Expr, target: &str) -> bool {
    match expression {
        ast::Expr::Name(name) => name.id.as_str() == target,
        ast::Expr::Named(named) => expression_is(&named.target, target),
        ast::Expr::Attribute(_) | ast::Expr::Subscript(_) => place_text(expression).as_deref() == Some(target),
        _ => false,
    }
}

/// What passes `hasattr(x, "name")`: `x` less its members that cannot have the attribute,
/// `None`, literals and instances of classes nothing may derive from that lack it. Any
/// other member may be an instance of a subclass that has it, and stays.
fn narrow_hasattr<'db>(db: &'db dyn Db, ty: Type<'db>, name: &str) -> Type<'db> {
    ty.map_union(db, |member| {
        let exact = match member {
            Type::None | Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) => true,
            Type::Instance(class) => class::cannot_be_subclassed(db, class.class(db)),
            _ => false,
        };
        let lacks = || matches!(crate::infer::attribute::member_access(db, member, name), crate::infer::attribute::MemberLookup::Missing);
        if exact && lacks() { Type::Never } else { member }
    })
}

/// Whether `call` is `hasattr(x, "name")` for the place `target` = `x.name`. Where it holds
/// the attribute exists, though its type is not known: an attribute the type does not
/// declare (looked up as `Never`, see `missing_attribute_where_tested`) is `Unknown` there.
fn is_hasattr_of(call: &ast::ExprCall, target: &str) -> bool {
    let ast::Expr::Name(callee) = &*call.func else { return false };
    let [object, ast::Expr::StringLiteral(attribute)] = &call.arguments.args[..] else { return false };
    callee.id.as_str() == "hasattr"
        && call.arguments.keywords.is_empty()
        && target.strip_suffix(attribute.value.to_str()).and_then(|owner| owner.strip_suffix('.')).is_some_and(|owner| expression_is(object, owner))
}

fn subject_is(subject: &ast::Expr, target: &str) -> bool {
    expression_is(subject, target) || tuple_display_text(subject).as_deref() == Some(target)
}

/// The text a `match` subject is known by when its patterns narrow it: a place's text, or
/// for a tuple display of places (`match (a, self.b):`) the display's own text, so the
/// failed cases of the match can exhaust the tuple's type as they do a tuple variable's.
pub(super) fn match_subject_text(subject: &ast::Expr) -> Option<String> {
    place_text(subject).or_else(|| tuple_display_text(subject))
}

/// `(a, self.b)` for a tuple display whose elements are all places (not starred).
fn tuple_display_text(subject: &ast::Expr) -> Option<String> {
    let ast::Expr::Tuple(tuple) = subject else { return None };
    let elements: Option<Vec<String>> = tuple.elts.iter().map(place_text).collect();
    Some(format!("({})", elements?.join(", ")))
}

/// The one value a type holds when it is an enum of a single member (`x: Sentinel` with
/// `class Sentinel(Enum): token = 0` can only be `Sentinel.token`), else `ty` itself.
fn singleton_value<'db>(db: &'db dyn Db, ty: Type<'db>) -> Type<'db> {
    match expand_finite(db, ty).as_slice() {
        [only @ Type::EnumLiteral(_)] => *only,
        _ => ty,
    }
}

fn is_singleton(ty: Type<'_>) -> bool {
    matches!(ty, Type::None | Type::BoolLiteral(_) | Type::EnumLiteral(_) | Type::Sentinel(_))
}

fn is_literal_like(ty: Type<'_>) -> bool {
    matches!(ty, Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::EnumLiteral(_) | Type::Sentinel(_) | Type::None)
}

fn literals_may_equal(a: Type<'_>, b: Type<'_>) -> bool {
    match (a, b) {
        (Type::IntLiteral(x), Type::BoolLiteral(y)) | (Type::BoolLiteral(y), Type::IntLiteral(x)) => x == i64::from(y),
        _ => a == b,
    }
}

/// Whether no value of `member` equals the literal `value` because both are of the builtin
/// classes `int`, `str` and `bytes`, but not the same one: their `==` compares values of its
/// own class only (`bool` counts as `int`: `True == 1`). A `str` is never `1`.
fn builtin_never_equals<'db>(db: &'db dyn Db, member: Type<'db>, value: Type<'db>) -> bool {
    let Type::Instance(instance) = member else { return false };
    let class = instance.class(db);
    let member_family = if class::known::is_known(db, class, KnownClass::Int) || class::known::is_known(db, class, KnownClass::Bool) {
        KnownClass::Int
    } else if class::known::is_known(db, class, KnownClass::Str) {
        KnownClass::Str
    } else if class::known::is_known(db, class, KnownClass::Bytes) {
        KnownClass::Bytes
    } else {
        return false;
    };
    let value_family = match value {
        Type::IntLiteral(_) | Type::BoolLiteral(_) => KnownClass::Int,
        Type::StringLiteral(_) => KnownClass::Str,
        Type::BytesLiteral(_) => KnownClass::Bytes,
        // An enum member compares by identity unless its class (or a base such as `int`
        // under `IntEnum`) defines `__eq__`: no `int`, `str` or `bytes` equals it.
        Type::EnumLiteral(enum_member) => return compares_by_identity(db, enum_member.class(db)),
        _ => return false,
    };
    member_family != value_family
}

/// Whether `==` on instances of the enum class `class` is identity: no class of its MRO
/// but `object` and those of the `enum` module defines `__eq__`.
fn compares_by_identity(db: &dyn Db, class: crate::types::ClassLiteral<'_>) -> bool {
    class::class_member(db, ClassType::bare(db, class), "__eq__").is_none_or(|member| {
        member.is_object_member || class::known::is_known(db, member.owner, KnownClass::Object) || crate::modules::KnownModule::Enum.is(db, member.owner.file(db))
    })
}

/// Whether `value` is a member of an enum and `member` an instance of another class (an
/// `int` against an `IntEnum` member): a value of `member` may equal the enum member
/// without being it, so `==` does not narrow it to the member.
fn is_enum_member_of_other_class<'db>(db: &'db dyn Db, value: Type<'db>, member: Type<'db>) -> bool {
    match (value, member) {
        (Type::EnumLiteral(enum_member), Type::Instance(instance)) => instance.class(db) != enum_member.class(db),
        (Type::EnumLiteral(_), _) => true,
        _ => false,
    }
}

/// Whether `ty` is a class whose values literals can spell (`int`, `str`, `bool`, enums).
fn member_is_literal_class(db: &dyn Db, ty: Type<'_>) -> bool {
    match ty {
        Type::Instance(class) => {
            let literal = class.class(db);
            [KnownClass::Int, KnownClass::Str, KnownClass::Bool, KnownClass::Bytes]
                .iter()
                .any(|known| class::known::is_known(db, literal, *known))
                || crate::infer::literal::is_enum_class(db, literal)
        }
        _ => false,
    }
}

/// `bool` as `Literal[True, False]`, an enum as its members; other types as themselves.
pub(crate) fn expand_finite<'db>(db: &'db dyn Db, ty: Type<'db>) -> Vec<Type<'db>> {
    match ty {
        Type::Instance(class) if class::known::is_known(db, class.class(db), KnownClass::Bool) => {
            vec![Type::BoolLiteral(true), Type::BoolLiteral(false)]
        }
        Type::Instance(class) if crate::infer::literal::is_enum_class(db, class.class(db)) && !crate::class::enum_members::is_flag_enum(db, class.class(db)) => {
            let members = crate::infer::literal::enum_members(db, class.class(db));
            if members.is_empty() { vec![ty] } else { members.iter().copied().map(Type::EnumLiteral).collect() }
        }
        other => vec![other],
    }
}

fn narrow_to_singleton<'db>(db: &'db dyn Db, ty: Type<'db>, singleton: Type<'db>) -> Type<'db> {
    ty.map_union(db, |member| {
        if member == singleton || member.is_dynamic() {
            return if member.is_dynamic() { singleton } else { member };
        }
        let expanded = expand_finite(db, member);
        if expanded.contains(&singleton) {
            return singleton;
        }
        if singleton.is_assignable_to(db, member) && !matches!(member, Type::Instance(_) if singleton == Type::None) {
            singleton
        } else if singleton == Type::None && singleton.is_assignable_to(db, member) {
            Type::None
        } else {
            Type::Never
        }
    })
}

/// `member` without the value `singleton`: a finite type loses that value (`bool` without
/// `True` is `Literal[False]`; an enum with the one member `token` without it is `Never`); a
/// type that cannot hold it is kept as written.
fn remove_singleton<'db>(db: &'db dyn Db, member: Type<'db>, singleton: Type<'db>) -> Type<'db> {
    let expanded = expand_finite(db, member);
    if expanded.contains(&singleton) {
        Type::union_of(db, expanded.into_iter().filter(|p| *p != singleton))
    } else {
        member
    }
}

/// Narrow for `TypeIs[T]`: the intersection of `ty` with `T`, approximated per member as
/// `isinstance` does. Assignability, not subtyping, decides: a gradual argument in either
/// (`Awaitable[int]` checked by a `TypeIs[Awaitable[Any]]`) passes, the member kept. A
/// member that meets no part of `T` leaves the branch; when no member is left, the branch
/// is `T` if some member may still share a value with it (an intersection pytc cannot
/// spell), and `Never` when none can (different literals, classes no class can inherit from
/// together, tuples whose lengths or elements disagree).
fn narrow_to<'db>(db: &'db dyn Db, ty: Type<'db>, target: Type<'db>) -> Type<'db> {
    let mut some_overlap = false;
    let narrowed = ty.map_union(db, |member| {
        if member.is_dynamic() {
            target
        } else if member.is_type_of_any(db) && target.union_elements(db).iter().all(|part| is_class_object_form(*part)) {
            // `type` is `type[Any]`: like `Any`, it becomes the class objects asked for.
            target
        } else if member.is_assignable_to(db, target) {
            member
        } else if target.is_assignable_to(db, member) {
            target
        } else {
            target.map_union(db, |part| {
                if member.is_assignable_to(db, part) {
                    member
                } else if part.is_assignable_to(db, member) {
                    part
                } else {
                    some_overlap |= may_overlap(db, member, part);
                    Type::Never
                }
            })
        }
    });
    if narrowed.is_never() && some_overlap { target } else { narrowed }
}

/// Whether `ty` is a type of class objects (`type[C]`, a class, `type[T]`).
fn is_class_object_form(ty: Type<'_>) -> bool {
    matches!(ty, Type::SubclassOf(_) | Type::ClassObject(_) | Type::SubclassOfTypeVar(_))
}

/// Whether two types, neither assignable to the other, may still have a value in common:
/// false for two literal values, and for instances of classes that no class can inherit
/// from together (a final class, conflicting layouts); true when pytc cannot tell.
fn may_overlap<'db>(db: &'db dyn Db, left: Type<'db>, right: Type<'db>) -> bool {
    let is_value = |ty: Type<'db>| {
        matches!(
            ty,
            Type::None | Type::IntLiteral(_) | Type::BoolLiteral(_) | Type::StringLiteral(_) | Type::BytesLiteral(_) | Type::EnumLiteral(_) | Type::Sentinel(_)
        )
    };
    if is_value(left) && is_value(right) {
        return false;
    }
    if let (Type::Tuple(left_tuple), Type::Tuple(right_tuple)) = (left, right) {
        return tuples_may_overlap(db, left_tuple, right_tuple);
    }
    let (Some(left_class), Some(right_class)) = (instance_class_of(db, left), instance_class_of(db, right)) else {
        return true;
    };
    let (left_class, right_class) = (left_class.class(db), right_class.class(db));
    if class::is_subclass(db, left_class, right_class) || class::is_subclass(db, right_class, left_class) {
        return true;
    }
    !class::cannot_be_subclassed(db, left_class)
        && !class::cannot_be_subclassed(db, right_class)
        && class::disjoint_base::may_share_subclass(db, left_class, right_class)
}

/// Whether two tuple types may hold the same tuple: no when their lengths cannot agree or
/// elements at the same position cannot share a value. Two unbounded tuples are compared
/// by the positions both name.
fn tuples_may_overlap<'db>(db: &'db dyn Db, left: TupleType<'db>, right: TupleType<'db>) -> bool {
    let may_meet = |a: Type<'db>, b: Type<'db>| a.is_assignable_to(db, b) || b.is_assignable_to(db, a) || may_overlap(db, a, b);
    match (left.fixed_elements(db), right.fixed_elements(db)) {
        (Some(left), Some(right)) => left.len() == right.len() && left.iter().zip(right).all(|(a, b)| may_meet(*a, *b)),
        (Some(fixed), None) => fixed_meets_unbounded(db, fixed, right, may_meet),
        (None, Some(fixed)) => fixed_meets_unbounded(db, fixed, left, may_meet),
        (None, None) => [false, true].into_iter().all(|from_end| {
            let named = |tuple: TupleType<'db>| if from_end { tuple.suffix(db) } else { tuple.prefix(db) };
            let positions = named(left).len().max(named(right).len());
            (0..positions).all(|index| match (element_at(db, left, index, from_end), element_at(db, right, index, from_end)) {
                (Some(a), Some(b)) => may_meet(a, b),
                _ => true,
            })
        }),
    }
}

/// The element of every value of the unbounded tuple at `index`, counted from the start or
/// (`from_end`) from the end: a named element, or past them the unbounded element when no
/// element is named at the other end (which a short value would bring there).
fn element_at<'db>(db: &'db dyn Db, tuple: TupleType<'db>, index: usize, from_end: bool) -> Option<Type<'db>> {
    let (named, opposite) = if from_end { (tuple.suffix(db), tuple.prefix(db)) } else { (tuple.prefix(db), tuple.suffix(db)) };
    if index < named.len() {
        return Some(if from_end { named[named.len() - 1 - index] } else { named[index] });
    }
    if opposite.is_empty() { tuple.variadic(db).filter(|variadic| variadic.as_typevar_tuple(db).is_none()) } else { None }
}

/// Whether the fixed-length elements `fixed` fit the unbounded tuple `unbounded`: enough of
/// them for its named elements, each meeting the element at its position.
fn fixed_meets_unbounded<'db>(
    db: &'db dyn Db,
    fixed: &[Type<'db>],
    unbounded: TupleType<'db>,
    may_meet: impl Fn(Type<'db>, Type<'db>) -> bool,
) -> bool {
    let (prefix, suffix) = (unbounded.prefix(db), unbounded.suffix(db));
    if fixed.len() < prefix.len() + suffix.len() {
        return false;
    }
    let middle = &fixed[prefix.len()..fixed.len() - suffix.len()];
    let middle_meets = match unbounded.variadic(db).filter(|variadic| variadic.as_typevar_tuple(db).is_none()) {
        Some(element) => middle.iter().all(|a| may_meet(*a, element)),
        None => true,
    };
    middle_meets
        && fixed.iter().zip(prefix.iter()).all(|(a, b)| may_meet(*a, *b))
        && fixed.iter().rev().zip(suffix.iter().rev()).all(|(a, b)| may_meet(*a, *b))
}

/// Truthiness narrowing: `if x:` removes `None` and falsy literals; `if not x:` keeps
/// only what can be falsy.
pub(crate) fn narrow_truthiness<'db>(db: &'db dyn Db, ty: Type<'db>, positive: bool) -> Type<'db> {
    ty.map_union(db, |member| {
        let parts = expand_finite(db, member);
        let kept: Vec<Type<'db>> = parts
            .into_iter()
            .filter(|part| match crate::infer::operators::static_truthiness(db, *part) {
                Some(truthy) => truthy == positive,
                None => true,
            })
            .collect();
        if kept.len() == 2 && kept.contains(&Type::BoolLiteral(true)) && kept.contains(&Type::BoolLiteral(false)) {
            return member;
        }
        Type::union_of(db, kept)
    })
}

/// The classes whose values a declared `float` or `complex` holds under the numeric
/// promotion (`float`: `float` and `int`; `complex`: `complex`, `float` and `int`); any other
/// type as itself.
fn promoted_parts<'db>(db: &'db dyn Db, ty: Type<'db>) -> Vec<Type<'db>> {
    let Type::Instance(class) = ty else { return vec![ty] };
    let is = |known| class::known::is_known(db, class.class(db), known);
    if is(KnownClass::Float) {
        vec![ty, KnownClass::Int.instance(db)]
    } else if is(KnownClass::Complex) {
        vec![ty, KnownClass::Float.instance(db), KnownClass::Int.instance(db)]
    } else {
        vec![ty]
    }
}

/// The class a value is an instance of (literals and tuples included).
fn instance_class_of<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<ClassType<'db>> {
    match ty {
        Type::Instance(class) => Some(class),
        Type::None => KnownClass::NoneType.class(db).map(|c| ClassType::bare(db, c)),
        Type::Tuple(tuple) => match class::tuple_instance(db, tuple.element_union(db)) {
            Type::Instance(class) => Some(class),
            _ => None,
        },
        Type::ClassObject(class) | Type::SubclassOf(class) => match class::metaclass_instance(db, class.class(db)) {
            Type::Instance(meta) => Some(meta),
            _ => None,
        },
        Type::Function(_) | Type::BoundMethod(_) | Type::Module(_) => class::known::fallback_class_for(db, ty),
        other => match other.literal_fallback_instance(db) {
            Some(Type::Instance(class)) => Some(class),
            _ => None,
        },
    }
}

/// Whether `member` always passes an `isinstance` check against the protocol `target`: it
/// implements every member (so the positive branch keeps it as it is, and the negative
/// branch drops it).
fn implements_protocol<'db>(db: &'db dyn Db, member: Type<'db>, target: ClassType<'db>) -> bool {
    class::is_protocol(db, target.class(db)) && member.is_assignable_to(db, Type::Instance(target))
}

/// An instance of `class` as `isinstance` narrows to it: the builtin `tuple` is the tuple
/// type of unknown length (`tuple[Unknown, ...]`), which length tests and unpacking see as
/// a tuple.
fn narrowed_instance<'db>(db: &'db dyn Db, class: ClassType<'db>) -> Type<'db> {
    if class::known::is_known(db, class.class(db), KnownClass::Tuple) {
        let element = class.arguments(db).first().copied().unwrap_or(Type::UNKNOWN);
        return Type::Tuple(crate::types::TupleType::homogeneous(db, element));
    }
    Type::Instance(class)
}

fn class_with_unknown_arguments<'db>(db: &'db dyn Db, class: ClassType<'db>) -> ClassType<'db> {
    if !class.arguments(db).is_empty() {
        return class;
    }
    let parameters = class::type_parameters(db, class.class(db));
    if parameters.is_empty() {
        class
    } else {
        ClassType::new(db, class.class(db), parameters.iter().map(|_| Type::UNKNOWN).collect::<Box<[_]>>())
    }
}

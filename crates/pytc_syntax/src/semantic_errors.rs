//! Syntax errors that the parser accepts but CPython's compiler rejects: `return` or `yield`
//! outside a function, `break`/`continue` outside a loop, `await` outside an async function,
//! duplicate parameters or keyword arguments, `nonlocal` without a binding, a name used before
//! its `global` declaration, an irrefutable `case` before the last, and the rest of what ruff's
//! `SemanticSyntaxChecker` knows. The checker judges one node at a time; this module walks the
//! tree and answers its questions about the enclosing scopes.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use ruff_python_ast::visitor::{Visitor, walk_comprehension, walk_except_handler, walk_expr, walk_pattern, walk_stmt};
use ruff_python_ast::{self as ast, Expr, ExprContext, ModModule, PythonVersion, Stmt};
use ruff_python_parser::semantic_errors::{
    LazyImportContext, SemanticSyntaxChecker, SemanticSyntaxContext, SemanticSyntaxError,
};
use ruff_text_size::{Ranged, TextRange};

use crate::SourceKind;

/// Every compile-time syntax error of `module`, in the order found, one per range.
pub(crate) fn semantic_syntax_errors(
    module: &ModModule,
    source: &str,
    kind: SourceKind,
    target: PythonVersion,
) -> Vec<SemanticSyntaxError> {
    let mut walker = Walker {
        checker: SemanticSyntaxChecker::new(),
        context: Context {
            source,
            target,
            is_stub: kind == SourceKind::Stub,
            future_annotations: false,
            try_depth: 0,
            scopes: vec![Scope::new(ScopeKind::Module, &module.body, &[])],
            errors: RefCell::default(),
        },
    };
    walker.visit_body(&module.body);
    let mut errors = walker.context.errors.into_inner();
    // `await` at module level is both "outside a function" and "outside an async function":
    // one message per place is enough.
    let mut seen = HashSet::new();
    errors.retain(|error| seen.insert(error.range));
    errors
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ScopeKind {
    Module,
    Class,
    Function { is_async: bool },
    Lambda,
    Comprehension { is_async: bool, is_generator: bool },
}

/// What the checker may ask about one scope.
struct Scope<'a> {
    kind: ScopeKind,
    parameters: Vec<&'a str>,
    /// Where each name declared `global` in this scope is first declared.
    globals: HashMap<&'a str, TextRange>,
    /// Every name this scope binds (a superset: comprehension targets count too, so a
    /// `nonlocal` is never reported for a name that has a binding).
    bindings: HashSet<&'a str>,
    /// How many `for`/`while` bodies of this scope enclose the current statement.
    loop_depth: u32,
}

impl<'a> Scope<'a> {
    fn new(kind: ScopeKind, body: &'a [Stmt], parameters: &[&'a str]) -> Self {
        let mut names = NameCollector::default();
        names.visit_body(body);
        names.bindings.extend(parameters.iter().copied());
        Self { kind, parameters: parameters.to_vec(), globals: names.globals, bindings: names.bindings, loop_depth: 0 }
    }

    fn expression(kind: ScopeKind, parameters: Vec<&'a str>) -> Self {
        let bindings = parameters.iter().copied().collect();
        Self { kind, parameters, globals: HashMap::new(), bindings, loop_depth: 0 }
    }

    fn is_comprehension(&self) -> bool {
        matches!(self.kind, ScopeKind::Comprehension { .. })
    }
}

fn parameter_names(parameters: &ast::Parameters) -> Vec<&str> {
    parameters.iter().map(|parameter| parameter.name().as_str()).collect()
}

struct Context<'a> {
    source: &'a str,
    target: PythonVersion,
    is_stub: bool,
    future_annotations: bool,
    /// How many `try` statements enclose the current statement.
    try_depth: u32,
    /// Innermost last; never empty.
    scopes: Vec<Scope<'a>>,
    errors: RefCell<Vec<SemanticSyntaxError>>,
}

impl<'a> Context<'a> {
    fn current(&self) -> &Scope<'a> {
        self.scopes.last().expect("the module scope is never popped")
    }

    fn current_mut(&mut self) -> &mut Scope<'a> {
        self.scopes.last_mut().expect("the module scope is never popped")
    }

    /// The innermost scope that is not a comprehension.
    fn enclosing_non_comprehension(&self) -> ScopeKind {
        self.scopes.iter().rev().find(|scope| !scope.is_comprehension()).map_or(ScopeKind::Module, |scope| scope.kind)
    }

    /// Whether some comprehension enclosing the current position (before any other kind of
    /// scope) satisfies `test`.
    fn in_comprehension_where(&self, test: impl Fn(ScopeKind) -> bool) -> bool {
        self.scopes.iter().rev().take_while(|scope| scope.is_comprehension()).any(|scope| test(scope.kind))
    }
}

impl SemanticSyntaxContext for Context<'_> {
    fn future_annotations_or_stub(&self) -> bool {
        self.is_stub || self.future_annotations
    }

    fn lazy_import_context(&self) -> Option<LazyImportContext> {
        let has = |test: fn(ScopeKind) -> bool| self.scopes.iter().any(|scope| test(scope.kind));
        if has(|kind| matches!(kind, ScopeKind::Function { .. } | ScopeKind::Lambda)) {
            Some(LazyImportContext::Function)
        } else if has(|kind| kind == ScopeKind::Class) {
            Some(LazyImportContext::Class)
        } else if self.try_depth > 0 {
            Some(LazyImportContext::TryExceptBlocks)
        } else {
            None
        }
    }

    fn python_version(&self) -> PythonVersion {
        self.target
    }

    fn source(&self) -> &str {
        self.source
    }

    fn global(&self, name: &str) -> Option<TextRange> {
        self.current().globals.get(name).copied()
    }

    fn has_nonlocal_binding(&self, name: &str) -> bool {
        self.scopes
            .iter()
            .rev()
            .skip(1)
            .filter(|scope| matches!(scope.kind, ScopeKind::Function { .. }))
            .any(|scope| scope.bindings.contains(name))
    }

    fn in_async_context(&self) -> bool {
        self.enclosing_non_comprehension() == ScopeKind::Function { is_async: true }
    }

    fn in_await_allowed_context(&self) -> bool {
        matches!(self.enclosing_non_comprehension(), ScopeKind::Function { .. } | ScopeKind::Lambda)
    }

    fn in_yield_allowed_context(&self) -> bool {
        matches!(self.current().kind, ScopeKind::Function { .. } | ScopeKind::Lambda)
    }

    fn in_sync_comprehension(&self) -> bool {
        self.in_comprehension_where(|kind| matches!(kind, ScopeKind::Comprehension { is_async: false, .. }))
    }

    fn in_class_body_comprehension(&self) -> bool {
        self.enclosing_non_comprehension() == ScopeKind::Class
    }

    fn in_module_scope(&self) -> bool {
        self.current().kind == ScopeKind::Module
    }

    fn in_function_scope(&self) -> bool {
        matches!(self.current().kind, ScopeKind::Function { .. })
    }

    fn in_generator_context(&self) -> bool {
        self.in_comprehension_where(|kind| matches!(kind, ScopeKind::Comprehension { is_generator: true, .. }))
    }

    fn in_notebook(&self) -> bool {
        false
    }

    fn report_semantic_error(&self, error: SemanticSyntaxError) {
        self.errors.borrow_mut().push(error);
    }

    fn in_loop_context(&self) -> bool {
        self.current().loop_depth > 0
    }

    fn is_bound_parameter(&self, name: &str) -> bool {
        self.current().parameters.contains(&name)
    }
}

/// Visits every statement and expression in source order, each in the scope it runs in.
struct Walker<'a> {
    checker: SemanticSyntaxChecker,
    context: Context<'a>,
}

impl<'a> Walker<'a> {
    fn in_scope(&mut self, scope: Scope<'a>, visit: impl FnOnce(&mut Self)) {
        self.context.scopes.push(scope);
        visit(self);
        self.context.scopes.pop();
    }

    fn loop_body(&mut self, body: &'a [Stmt]) {
        self.context.current_mut().loop_depth += 1;
        self.visit_body(body);
        self.context.current_mut().loop_depth -= 1;
    }

    /// A comprehension: its first iterable runs in the enclosing scope, the rest in its own.
    fn comprehension(&mut self, generators: &'a [ast::Comprehension], elements: &[&'a Expr], is_generator: bool) {
        let Some((first, rest)) = generators.split_first() else { return };
        self.visit_expr(&first.iter);
        let is_async = generators.iter().any(|generator| generator.is_async);
        let scope = Scope::expression(ScopeKind::Comprehension { is_async, is_generator }, Vec::new());
        self.in_scope(scope, |walker| {
            walker.visit_expr(&first.target);
            for condition in &first.ifs {
                walker.visit_expr(condition);
            }
            for generator in rest {
                walk_comprehension(walker, generator);
            }
            for element in elements {
                walker.visit_expr(element);
            }
        });
    }
}

impl<'a> Visitor<'a> for Walker<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        crate::ensure_stack(|| {
            self.checker.visit_stmt(stmt, &self.context);
            match stmt {
                Stmt::FunctionDef(function) => {
                    for decorator in &function.decorator_list {
                        self.visit_decorator(decorator);
                    }
                    if let Some(type_params) = &function.type_params {
                        self.visit_type_params(type_params);
                    }
                    self.visit_parameters(&function.parameters);
                    if let Some(returns) = &function.returns {
                        self.visit_annotation(returns);
                    }
                    let kind = ScopeKind::Function { is_async: function.is_async };
                    let scope = Scope::new(kind, &function.body, &parameter_names(&function.parameters));
                    self.in_scope(scope, |walker| walker.visit_body(&function.body));
                }
                Stmt::ClassDef(class) => {
                    for decorator in &class.decorator_list {
                        self.visit_decorator(decorator);
                    }
                    if let Some(type_params) = &class.type_params {
                        self.visit_type_params(type_params);
                    }
                    if let Some(arguments) = &class.arguments {
                        self.visit_arguments(arguments);
                    }
                    let scope = Scope::new(ScopeKind::Class, &class.body, &[]);
                    self.in_scope(scope, |walker| walker.visit_body(&class.body));
                }
                Stmt::For(for_loop) => {
                    self.visit_expr(&for_loop.target);
                    self.visit_expr(&for_loop.iter);
                    self.loop_body(&for_loop.body);
                    self.visit_body(&for_loop.orelse);
                }
                Stmt::While(while_loop) => {
                    self.visit_expr(&while_loop.test);
                    self.loop_body(&while_loop.body);
                    self.visit_body(&while_loop.orelse);
                }
                Stmt::Try(_) => {
                    self.context.try_depth += 1;
                    walk_stmt(self, stmt);
                    self.context.try_depth -= 1;
                }
                Stmt::ImportFrom(import) => {
                    let is_future = import.module.as_ref().is_some_and(|module| module.as_str() == "__future__");
                    if is_future && import.names.iter().any(|alias| alias.name.as_str() == "annotations") {
                        self.context.future_annotations = true;
                    }
                    walk_stmt(self, stmt);
                }
                _ => walk_stmt(self, stmt),
            }
        });
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        crate::ensure_stack(|| {
            self.checker.visit_expr(expr, &self.context);
            match expr {
                Expr::Lambda(lambda) => {
                    let parameters = lambda.parameters.as_deref();
                    if let Some(parameters) = parameters {
                        self.visit_parameters(parameters);
                    }
                    let names = parameters.map(parameter_names).unwrap_or_default();
                    let scope = Scope::expression(ScopeKind::Lambda, names);
                    self.in_scope(scope, |walker| walker.visit_expr(&lambda.body));
                }
                Expr::ListComp(list) => self.comprehension(&list.generators, &[&list.elt], false),
                Expr::SetComp(set) => self.comprehension(&set.generators, &[&set.elt], false),
                Expr::DictComp(dict) => {
                    let elements: Vec<&Expr> = dict.key.as_deref().into_iter().chain([&*dict.value]).collect();
                    self.comprehension(&dict.generators, &elements, false);
                }
                Expr::Generator(generator) => self.comprehension(&generator.generators, &[&generator.elt], true),
                _ => walk_expr(self, expr),
            }
        });
    }
}

/// The names one scope declares `global` and binds, without looking into nested functions,
/// classes or lambdas (whose names are their own).
#[derive(Default)]
struct NameCollector<'a> {
    globals: HashMap<&'a str, TextRange>,
    bindings: HashSet<&'a str>,
}

impl<'a> Visitor<'a> for NameCollector<'a> {
    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        crate::ensure_stack(|| match stmt {
            Stmt::FunctionDef(function) => {
                self.bindings.insert(function.name.as_str());
                for decorator in &function.decorator_list {
                    self.visit_decorator(decorator);
                }
            }
            Stmt::ClassDef(class) => {
                self.bindings.insert(class.name.as_str());
                for decorator in &class.decorator_list {
                    self.visit_decorator(decorator);
                }
                if let Some(arguments) = &class.arguments {
                    self.visit_arguments(arguments);
                }
            }
            Stmt::Global(global) => {
                for name in &global.names {
                    self.globals.entry(name.as_str()).or_insert(global.range());
                }
            }
            Stmt::Nonlocal(nonlocal) => self.bindings.extend(nonlocal.names.iter().map(ast::Identifier::as_str)),
            Stmt::Import(import) => {
                for alias in &import.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name).as_str();
                    self.bindings.insert(bound.split('.').next().unwrap_or(bound));
                }
            }
            Stmt::ImportFrom(import) => {
                self.bindings.extend(import.names.iter().map(|alias| alias.asname.as_ref().unwrap_or(&alias.name).as_str()));
            }
            _ => walk_stmt(self, stmt),
        });
    }

    fn visit_expr(&mut self, expr: &'a Expr) {
        crate::ensure_stack(|| match expr {
            Expr::Name(name) if matches!(name.ctx, ExprContext::Store | ExprContext::Del) => {
                self.bindings.insert(name.id.as_str());
            }
            Expr::Lambda(lambda) => {
                let defaults = lambda.parameters.iter().flat_map(|parameters| parameters.iter());
                for default in defaults.filter_map(|parameter| parameter.default()) {
                    self.visit_expr(default);
                }
            }
            _ => walk_expr(self, expr),
        });
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(handler_node) = handler;
        if let Some(name) = &handler_node.name {
            self.bindings.insert(name.as_str());
        }
        walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a ast::Pattern) {
        let bound = match pattern {
            ast::Pattern::MatchAs(pattern) => pattern.name.as_ref(),
            ast::Pattern::MatchStar(pattern) => pattern.name.as_ref(),
            ast::Pattern::MatchMapping(pattern) => pattern.rest.as_ref(),
            _ => None,
        };
        self.bindings.extend(bound.map(ast::Identifier::as_str));
        walk_pattern(self, pattern);
    }
}

#[cfg(test)]
mod tests {
    use crate::{SourceKind, parse};
    use ruff_python_ast::PythonVersion;

    /// `(line, message)` of every error in `source`, parsed for 3.12.
    fn errors(source: &str) -> Vec<(usize, String)> {
        let parsed = parse(source, SourceKind::Python, PythonVersion::PY312);
        parsed
            .errors()
            .iter()
            .map(|error| (source[..error.range.start().to_usize()].matches('\n').count() + 1, error.message.clone()))
            .collect()
    }

    #[test]
    fn statements_outside_their_block() {
        let found = errors("return 1\nbreak\ncontinue\nyield 2\nawait f()\nfor x in y:\n    pass\nelse:\n    break\n");
        let lines: Vec<usize> = found.iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [1, 2, 3, 4, 5, 9], "{found:#?}");
        assert!(found[0].1.contains("`return` statement outside of a function"), "{found:#?}");
        assert!(found[1].1.contains("`break` outside loop"), "{found:#?}");
    }

    #[test]
    fn valid_uses_are_not_reported() {
        let source = "\
from __future__ import annotations
import os.path as p
def outer(a):
    total = 0
    def inner():
        nonlocal total
        total += 1
        yield total
    for item in a:
        if item:
            continue
        while True:
            break
    return inner
async def run(items):
    await items
    async with items as ctx:
        return [await x for x in ctx]
lambda: (yield)
def gen():
    return (await x for x in [])
class C:
    values = [n for n in range(3)]
x = 1
def uses_global():
    global x
    x = 2
try:
    pass
except ValueError as error:
    pass
match x:
    case [first, *rest]:
        pass
    case _:
        pass
";
        assert_eq!(errors(source), Vec::<(usize, String)>::new());
    }

    #[test]
    fn scope_rules_need_the_enclosing_scopes() {
        let source = "\
def f(a, a):
    pass
def g():
    nonlocal missing
def h(p):
    global p
def k():
    print(x)
    global x
nonlocal at_module
async def m():
    yield from []
class C:
    def method(self):
        yield 1
    await_in_class = [(yield) for _ in ()]
def n():
    def inner():
        nonlocal later
    later = 1
";
        let lines: Vec<usize> = errors(source).iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [1, 4, 6, 8, 10, 12, 16], "{:#?}", errors(source));
    }

    #[test]
    fn calls_patterns_and_assignments() {
        let source = "\
f(x=1, x=2)
match v:
    case x:
        pass
    case 2:
        pass
*a = [1]
";
        let lines: Vec<usize> = errors(source).iter().map(|(line, _)| *line).collect();
        assert_eq!(lines, [1, 3, 7], "{:#?}", errors(source));
    }

    #[test]
    fn await_at_module_level_is_reported_once() {
        assert_eq!(errors("await f()\n").len(), 1);
    }
}

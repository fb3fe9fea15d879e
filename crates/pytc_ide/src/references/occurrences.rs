//! Every place a file names something called `name` — name expressions, attributes,
//! `def`/`class` names, parameters, import aliases, the module names of imports, keyword
//! arguments of calls, the strings of `__all__` — each with the symbol it refers to there.

use pytc_db::{Db, File, parsed_module};
use pytc_syntax::ast::visitor::source_order::{self, SourceOrderVisitor, TraversalSignal};
use pytc_syntax::ast::{self, AnyNodeRef, HasNodeIndex, StringFlags};
use pytc_syntax::TextRange;

use super::symbol::{SymbolKey, definition_key, name_key};

/// One place that names a symbol.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Occurrence {
    pub(crate) range: TextRange,
    pub(crate) key: SymbolKey,
    /// The name is bound (or declared) here rather than read.
    pub(crate) binds: bool,
}

/// Every occurrence of `name` in `file` whose symbol is known.
pub(crate) fn occurrences(db: &dyn Db, file: File, name: &str) -> Vec<Occurrence> {
    // Most files never mention the name: skip parsing them.
    if !pytc_db::source_text(db, file).contains(name) {
        return Vec::new();
    }
    let mut collector = Collector { db, file, name, found: Vec::new() };
    collector.visit_body(&parsed_module(db, file).syntax().body);
    collector.found
}

struct Collector<'a> {
    db: &'a dyn Db,
    file: File,
    name: &'a str,
    found: Vec<Occurrence>,
}

impl Collector<'_> {
    fn push(&mut self, range: TextRange, key: Option<SymbolKey>, binds: bool) {
        if let Some(key) = key {
            self.found.push(Occurrence { range, key, binds });
        }
    }

    fn index(&self) -> &pytc_semantic::SemanticIndex {
        pytc_semantic::semantic_index(self.db, self.file)
    }

    /// The components of an import statement's module names that spell `name`.
    fn push_module_components(&mut self, statement: &ast::Stmt) {
        let source = pytc_db::source_text(self.db, self.file);
        for (range, module) in crate::imports::module_components(self.db, self.file, statement) {
            if &source[range.to_std_range()] == self.name {
                self.push(range, Some(SymbolKey::Module(module)), false);
            }
        }
    }

    /// `module.name` where the module binds no `name`: the submodule `name`, when there is one.
    fn submodule(&self, module: pytc_db::File, scope: pytc_semantic::ScopeId) -> Option<SymbolKey> {
        if scope != pytc_semantic::ScopeId::MODULE || pytc_semantic::semantic_index(self.db, module).scope(scope).kind != pytc_semantic::ScopeKind::Module {
            return None;
        }
        let full = format!("{}.{}", pytc_types::module_name_of(self.db, module)?, self.name);
        pytc_types::module_file(self.db, &full).map(SymbolKey::Module)
    }
}

/// The strings a statement adds to a module's `__all__`: `__all__ = [...]` (or a tuple, or
/// annotated), `__all__ += [...]`, `__all__.extend([...])` and `__all__.append("...")`.
fn dunder_all_entries(stmt: &ast::Stmt) -> Vec<&ast::ExprStringLiteral> {
    let is_all = |target: &ast::Expr| matches!(target, ast::Expr::Name(name) if name.id.as_str() == "__all__");
    let value = match stmt {
        ast::Stmt::Assign(assign) if assign.targets.iter().any(is_all) => Some(&*assign.value),
        ast::Stmt::AnnAssign(assign) if is_all(&assign.target) => assign.value.as_deref(),
        ast::Stmt::AugAssign(assign) if is_all(&assign.target) => Some(&*assign.value),
        ast::Stmt::Expr(expression) => match &*expression.value {
            ast::Expr::Call(call) => match &*call.func {
                ast::Expr::Attribute(method) if is_all(&method.value) && matches!(method.attr.as_str(), "extend" | "append") => {
                    call.arguments.args.first()
                }
                _ => None,
            },
            _ => None,
        },
        _ => None,
    };
    match value {
        Some(ast::Expr::List(ast::ExprList { elts, .. }) | ast::Expr::Tuple(ast::ExprTuple { elts, .. })) => {
            elts.iter().filter_map(|element| element.as_string_literal_expr()).collect()
        }
        Some(ast::Expr::StringLiteral(literal)) => vec![literal],
        _ => Vec::new(),
    }
}

/// The range of a plain string literal's text, inside its quotes.
fn string_contents(literal: &ast::ExprStringLiteral) -> TextRange {
    let Some(part) = literal.value.iter().next() else { return literal.range };
    let opener = part.flags.opener_len();
    let closer = part.flags.closer_len();
    TextRange::new(part.range.start() + opener, part.range.end() - closer)
}

impl<'a> SourceOrderVisitor<'a> for Collector<'_> {
    fn enter_node(&mut self, _node: AnyNodeRef<'a>) -> TraversalSignal {
        TraversalSignal::Traverse
    }

    fn visit_stmt(&mut self, stmt: &'a ast::Stmt) {
        match stmt {
            ast::Stmt::FunctionDef(function) if function.name.as_str() == self.name => {
                let key = definition_key(self.db, self.file, function.node_index().load(), self.name);
                self.push(function.name.range, key, true);
            }
            ast::Stmt::ClassDef(class) if class.name.as_str() == self.name => {
                let key = definition_key(self.db, self.file, class.node_index().load(), self.name);
                self.push(class.name.range, key, true);
            }
            ast::Stmt::Import(_) => self.push_module_components(stmt),
            ast::Stmt::ImportFrom(import) => {
                self.push_module_components(stmt);
                for alias in &import.names {
                    let bound = alias.asname.as_ref().unwrap_or(&alias.name);
                    if bound.as_str() == self.name {
                        let key = definition_key(self.db, self.file, alias.node_index().load(), self.name);
                        self.push(bound.range, key.clone(), true);
                        // `from m import name as name`: the imported name too.
                        if alias.asname.is_some() && alias.name.as_str() == self.name {
                            self.push(alias.name.range, key, false);
                        }
                    }
                }
            }
            _ => {
                for entry in dunder_all_entries(stmt) {
                    if entry.value.to_str() == self.name {
                        let key = super::symbol::canonical(self.db, self.file, pytc_semantic::ScopeId::MODULE, self.name, 0);
                        self.push(string_contents(entry), key, false);
                    }
                }
            }
        }
        pytc_syntax::ensure_stack(|| source_order::walk_stmt(self, stmt));
    }

    fn visit_expr(&mut self, expr: &'a ast::Expr) {
        match expr {
            ast::Expr::Name(name) if name.id.as_str() == self.name => {
                let node = name.node_index().load();
                let binds = !matches!(name.ctx, ast::ExprContext::Load);
                let key = if binds && !self.index().definitions_for_node(node).is_empty() {
                    definition_key(self.db, self.file, node, self.name)
                } else {
                    let scope = self.index().scope_of_node(node);
                    name_key(self.db, self.file, scope, self.name)
                };
                self.push(name.range, key, binds);
            }
            ast::Expr::Attribute(attribute) if attribute.attr.as_str() == self.name => {
                let key = pytc_types::member_owner(self.db, self.file, attribute.value.node_index().load(), self.name).and_then(|(file, scope)| {
                    super::symbol::canonical(self.db, file, scope, self.name, 0).or_else(|| self.submodule(file, scope))
                });
                let binds = !matches!(attribute.ctx, ast::ExprContext::Load);
                self.push(attribute.attr.range, key, binds);
            }
            ast::Expr::Call(call) => {
                for keyword in &call.arguments.keywords {
                    if let Some(argument) = &keyword.arg
                        && argument.as_str() == self.name
                    {
                        let key = super::keyword_argument_key(self.db, self.file, call, self.name);
                        self.push(argument.range, key, false);
                    }
                }
            }
            _ => {}
        }
        pytc_syntax::ensure_stack(|| source_order::walk_expr(self, expr));
    }

    fn visit_parameter(&mut self, parameter: &'a ast::Parameter) {
        if parameter.name.as_str() == self.name {
            let key = definition_key(self.db, self.file, parameter.node_index().load(), self.name);
            self.push(parameter.name.range, key, true);
        }
        source_order::walk_parameter(self, parameter);
    }
}

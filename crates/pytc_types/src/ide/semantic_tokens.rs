//! Semantic tokens: what each identifier of a file names — a class, function, method,
//! parameter, type parameter, module, attribute or variable — for the editor to colour.
//! A name is classified by the definitions that reach it (a parameter, a `def`, a
//! `class`, an `import`) and, where those do not settle it (an assignment, a `from`
//! import, a builtin), by its type (a class object is a class, a function a function).
//! Modifiers: `definition` where a name is bound by `def`/`class`/a parameter, `readonly`
//! for `Final` names and attributes, `async` for `async def`, `default_library` for builtins.

use pytc_db::{Db, File};
use pytc_semantic::{Binding, DefinitionId, DefinitionKind, NameResolution, ScopeId, ScopeKind, SemanticIndex};
use pytc_syntax::ast::visitor::source_order::{self, SourceOrderVisitor};
use pytc_syntax::ast::{self, HasNodeIndex};
use pytc_syntax::{Ranged, TextRange};

use super::expression_type;
use crate::types::Type;

/// What an identifier names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TokenKind {
    Namespace,
    Class,
    TypeParameter,
    Parameter,
    Variable,
    /// An attribute that is not a method, class or module.
    Property,
    Function,
    Method,
}

/// Modifiers, as bits of `SemanticToken::modifiers`.
pub mod token_modifier {
    pub const DEFINITION: u32 = 1;
    pub const READONLY: u32 = 1 << 1;
    pub const ASYNC: u32 = 1 << 2;
    pub const DEFAULT_LIBRARY: u32 = 1 << 3;
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SemanticToken {
    pub range: TextRange,
    pub kind: TokenKind,
    pub modifiers: u32,
}

/// The tokens of the identifiers of `file` that overlap `range` (the whole file for `None`),
/// in source order, none overlapping another.
pub fn semantic_tokens(db: &dyn Db, file: File, range: Option<TextRange>) -> Vec<SemanticToken> {
    let parsed = pytc_db::parsed_module(db, file);
    let index = pytc_semantic::semantic_index(db, file);
    let mut collector = Collector { db, file, index, range, tokens: Vec::new() };
    pytc_syntax::ensure_stack(|| collector.visit_body(&parsed.syntax().body));
    let mut tokens = collector.tokens;
    tokens.sort_by_key(|token| token.range.start());
    tokens.dedup_by_key(|token| token.range.start());
    tokens
}

struct Collector<'db> {
    db: &'db dyn Db,
    file: File,
    index: &'db SemanticIndex,
    range: Option<TextRange>,
    tokens: Vec<SemanticToken>,
}

impl<'db> Collector<'db> {
    fn wanted(&self, range: TextRange) -> bool {
        self.range.is_none_or(|wanted| wanted.intersect(range).is_some())
    }

    fn push(&mut self, range: TextRange, kind: TokenKind, modifiers: u32) {
        if !range.is_empty() && self.wanted(range) {
            self.tokens.push(SemanticToken { range, kind, modifiers });
        }
    }

    fn function_definition(&mut self, function: &ast::StmtFunctionDef) {
        let scope = self.index.scope_of_node(function.node_index().load());
        let in_class = self.index.scope(scope).kind == ScopeKind::Class;
        let kind = if in_class { TokenKind::Method } else { TokenKind::Function };
        let asynchronous = if function.is_async { token_modifier::ASYNC } else { 0 };
        self.push(function.name.range, kind, token_modifier::DEFINITION | asynchronous);
    }

    fn name(&mut self, name: &ast::ExprName) {
        let node = name.node_index().load();
        let scope = self.index.scope_of_node(node);
        let (kind, mut modifiers) = match name.ctx {
            ast::ExprContext::Load => self.load_kind(name, scope),
            _ => self.store_kind(name, scope),
        };
        if let NameResolution::Symbol { scope: owner, .. } = self.index.resolve_name(scope, &name.id)
            && crate::definitions::final_reassignment::is_declared_final(self.db, self.file, owner, &name.id)
        {
            modifiers |= token_modifier::READONLY;
        }
        self.push(name.range, kind, modifiers);
    }

    /// A name read: what the definitions reaching it are, else what its type is, else what
    /// the types they bind are (an annotation's names have no recorded type).
    fn load_kind(&self, name: &ast::ExprName, scope: ScopeId) -> (TokenKind, u32) {
        let node = name.node_index().load();
        let reaching: Vec<DefinitionId> = self
            .index
            .use_def_map(scope)
            .bindings_at_use(node)
            .into_iter()
            .flat_map(|bindings| bindings.iter())
            .filter_map(|reaching| match reaching.binding {
                Binding::Definition(definition) => Some(definition),
                _ => None,
            })
            .collect();
        let kinds: Vec<&DefinitionKind> = reaching.iter().map(|definition| &self.index.definition(*definition).kind).collect();
        let by_type = || self.type_kind(node);
        let by_bindings = || agreed(reaching.iter().map(|definition| binding_kind(self.db, self.file, *definition)));
        let kind = agreed_kind(self.index, &kinds).or_else(by_type).or_else(by_bindings);
        // A builtin is a name no definition here binds, whose type is known.
        let builtin = reaching.is_empty()
            && matches!(self.index.resolve_name(scope, &name.id), NameResolution::Builtins)
            && expression_type(self.db, self.file, node).is_some_and(|ty| !ty.is_unknown());
        (kind.unwrap_or(TokenKind::Variable), if builtin { token_modifier::DEFAULT_LIBRARY } else { 0 })
    }

    /// A name bound (or deleted): what its own definition makes it; a variable of a class
    /// body is an attribute.
    fn store_kind(&self, name: &ast::ExprName, scope: ScopeId) -> (TokenKind, u32) {
        let definitions = self.index.definitions_for_node(name.node_index().load());
        let kinds: Vec<&DefinitionKind> = definitions.iter().map(|definition| &self.index.definition(*definition).kind).collect();
        let kind = match agreed_kind(self.index, &kinds) {
            Some(kind) => kind,
            None if self.index.scope(scope).kind == ScopeKind::Class => TokenKind::Property,
            None => TokenKind::Variable,
        };
        (kind, 0)
    }

    /// The kind a value's type gives its name.
    fn type_kind(&self, node: ast::NodeIndex) -> Option<TokenKind> {
        match expression_type(self.db, self.file, node)? {
            Type::ClassObject(_) | Type::SubclassOf(_) | Type::SubclassOfTypeVar(_) | Type::TypeAlias(_) | Type::SpecialForm(_) => {
                Some(TokenKind::Class)
            }
            Type::Function(_) | Type::Callable(_) => Some(TokenKind::Function),
            Type::BoundMethod(_) => Some(TokenKind::Method),
            Type::Module(_) => Some(TokenKind::Namespace),
            Type::TypeVarObject(_) => Some(TokenKind::TypeParameter),
            _ => None,
        }
    }

    /// `value.attr`: a method, class or module by its type, else an attribute.
    fn attribute(&mut self, attribute: &ast::ExprAttribute) {
        let kind = match expression_type(self.db, self.file, attribute.node_index().load()) {
            Some(Type::BoundMethod(_) | Type::Function(_)) => TokenKind::Method,
            Some(Type::ClassObject(_)) => TokenKind::Class,
            Some(Type::Module(_)) => TokenKind::Namespace,
            _ => TokenKind::Property,
        };
        let readonly = expression_type(self.db, self.file, attribute.value.node_index().load())
            .is_some_and(|value| crate::definitions::final_reassignment::is_final_attribute(self.db, value, &attribute.attr));
        self.push(attribute.attr.range, kind, if readonly { token_modifier::READONLY } else { 0 });
    }

    /// `import a.b as c`, `from m import x as y`: module paths are namespaces; a name a
    /// `from` import binds is what its binding's type makes it.
    fn import_alias(&mut self, alias: &ast::Alias, from_import: bool) {
        let node = alias.node_index().load();
        let kind = if from_import {
            self.index
                .definitions_for_node(node)
                .first()
                .and_then(|definition| binding_kind(self.db, self.file, *definition))
                .unwrap_or(TokenKind::Variable)
        } else {
            TokenKind::Namespace
        };
        match &alias.asname {
            Some(asname) => {
                let original = if from_import { kind } else { TokenKind::Namespace };
                self.dotted(&alias.name, original);
                self.push(asname.range, kind, 0);
            }
            None => self.dotted(&alias.name, kind),
        }
    }

    /// Each part of a dotted module path (`os.path`), or the one name.
    fn dotted(&mut self, identifier: &ast::Identifier, last: TokenKind) {
        let start = identifier.range.start();
        let mut offset = 0u32;
        let parts: Vec<&str> = identifier.id.split('.').collect();
        for (position, part) in parts.iter().enumerate() {
            let length = u32::try_from(part.len()).unwrap_or(0);
            let range = TextRange::at(start + pytc_syntax::TextSize::from(offset), length.into());
            let kind = if position + 1 == parts.len() { last } else { TokenKind::Namespace };
            self.push(range, kind, 0);
            offset += length + 1;
        }
    }

    fn module_path(&mut self, module: Option<&ast::Identifier>) {
        if let Some(module) = module {
            self.dotted(module, TokenKind::Namespace);
        }
    }
}

/// The kind the definitions of one name agree on, when they settle it (all parameters, all
/// `class` statements, ...); `None` when they do not (assignments, `from` imports, a mix).
fn agreed_kind(index: &SemanticIndex, kinds: &[&DefinitionKind]) -> Option<TokenKind> {
    agreed(kinds.iter().map(|kind| definition_kind(index, kind)))
}

/// The one kind every item gives, if all give the same one.
fn agreed(kinds: impl Iterator<Item = Option<TokenKind>>) -> Option<TokenKind> {
    let mut agreed = None;
    for kind in kinds {
        let this = kind?;
        if agreed.is_some_and(|known| known != this) {
            return None;
        }
        agreed = Some(this);
    }
    agreed
}

/// The kind a definition of its own makes a name, when that settles it.
fn definition_kind(index: &SemanticIndex, kind: &DefinitionKind) -> Option<TokenKind> {
    Some(match kind {
        DefinitionKind::Parameter(_) => TokenKind::Parameter,
        DefinitionKind::TypeParameter(_) => TokenKind::TypeParameter,
        DefinitionKind::Class(_) => TokenKind::Class,
        DefinitionKind::Function(function) => {
            let scope = index.scope_of_node(function.node().node_index().load());
            if index.scope(scope).kind == ScopeKind::Class { TokenKind::Method } else { TokenKind::Function }
        }
        DefinitionKind::Import(_) => TokenKind::Namespace,
        DefinitionKind::TypeAlias(_) => TokenKind::Class,
        _ => return None,
    })
}

/// The kind the type a definition binds gives its name.
fn binding_kind(db: &dyn Db, file: File, definition: DefinitionId) -> Option<TokenKind> {
    let ty = crate::infer::definition::binding_type(db, crate::semantic::DefinitionRef::of(db, file, definition));
    match ty {
        Type::ClassObject(_) | Type::TypeAlias(_) | Type::SpecialForm(_) => Some(TokenKind::Class),
        Type::Function(_) => Some(TokenKind::Function),
        Type::Module(_) => Some(TokenKind::Namespace),
        Type::TypeVarObject(_) => Some(TokenKind::TypeParameter),
        _ => None,
    }
}

impl<'a> SourceOrderVisitor<'a> for Collector<'_> {
    fn visit_stmt(&mut self, stmt: &'a ast::Stmt) {
        if let Some(range) = self.range
            && range.intersect(stmt.range()).is_none()
        {
            return;
        }
        match stmt {
            ast::Stmt::FunctionDef(function) => self.function_definition(function),
            ast::Stmt::ClassDef(class) => self.push(class.name.range, TokenKind::Class, token_modifier::DEFINITION),
            ast::Stmt::Import(import) => {
                for alias in &import.names {
                    self.import_alias(alias, false);
                }
                return;
            }
            ast::Stmt::ImportFrom(import) => {
                self.module_path(import.module.as_ref());
                for alias in &import.names {
                    if alias.name.as_str() != "*" {
                        self.import_alias(alias, true);
                    }
                }
                return;
            }
            ast::Stmt::Global(global) => {
                for name in &global.names {
                    self.push(name.range, TokenKind::Variable, 0);
                }
            }
            ast::Stmt::Nonlocal(nonlocal) => {
                for name in &nonlocal.names {
                    self.push(name.range, TokenKind::Variable, 0);
                }
            }
            _ => {}
        }
        pytc_syntax::ensure_stack(|| source_order::walk_stmt(self, stmt));
    }

    fn visit_expr(&mut self, expr: &'a ast::Expr) {
        match expr {
            ast::Expr::Name(name) => self.name(name),
            ast::Expr::Attribute(attribute) => self.attribute(attribute),
            _ => {}
        }
        pytc_syntax::ensure_stack(|| source_order::walk_expr(self, expr));
    }

    fn visit_parameter(&mut self, parameter: &'a ast::Parameter) {
        self.push(parameter.name.range, TokenKind::Parameter, token_modifier::DEFINITION);
        source_order::walk_parameter(self, parameter);
    }

    fn visit_keyword(&mut self, keyword: &'a ast::Keyword) {
        if let Some(name) = &keyword.arg {
            self.push(name.range, TokenKind::Parameter, 0);
        }
        source_order::walk_keyword(self, keyword);
    }

    fn visit_type_param(&mut self, type_param: &'a ast::TypeParam) {
        self.push(type_param.name().range, TokenKind::TypeParameter, token_modifier::DEFINITION);
        source_order::walk_type_param(self, type_param);
    }

    fn visit_except_handler(&mut self, handler: &'a ast::ExceptHandler) {
        let ast::ExceptHandler::ExceptHandler(handler_node) = handler;
        if let Some(name) = &handler_node.name {
            self.push(name.range, TokenKind::Variable, 0);
        }
        source_order::walk_except_handler(self, handler);
    }

    fn visit_pattern(&mut self, pattern: &'a ast::Pattern) {
        match pattern {
            ast::Pattern::MatchAs(ast::PatternMatchAs { name: Some(name), .. })
            | ast::Pattern::MatchStar(ast::PatternMatchStar { name: Some(name), .. })
            | ast::Pattern::MatchMapping(ast::PatternMatchMapping { rest: Some(name), .. }) => {
                self.push(name.range, TokenKind::Variable, 0);
            }
            _ => {}
        }
        pytc_syntax::ensure_stack(|| source_order::walk_pattern(self, pattern));
    }

    fn visit_pattern_keyword(&mut self, keyword: &'a ast::PatternKeyword) {
        self.push(keyword.attr.range, TokenKind::Property, 0);
        source_order::walk_pattern_keyword(self, keyword);
    }
}

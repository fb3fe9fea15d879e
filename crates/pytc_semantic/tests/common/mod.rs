//! A tiny in-memory database and helpers for asserting on semantic indexes.

#![allow(dead_code)]

use pytc_db::{File, PythonPlatform};
use pytc_semantic::{
    Binding, Bindings, Constraint, ConstraintId, DefinitionTarget, ScopeId, SemanticIndex, UseDefMap, semantic_index,
};
use pytc_syntax::ast::visitor::source_order::{SourceOrderVisitor, TraversalSignal, walk_expr};
use pytc_syntax::ast::{AnyNodeRef, Expr, ExprContext, NodeIndex};
use pytc_syntax::{LineIndex, PythonVersion, Ranged, TextSize};

pub use pytc_db::testing::TestDb;

/// A checked source: the database, the file and helpers to look into its index.
pub struct Indexed {
    pub db: TestDb,
    pub file: File,
    source: String,
}

pub fn index(source: &str) -> Indexed {
    index_with(source, "/src/test.py", PythonVersion::PY312, PythonPlatform::Named("linux".into()))
}

pub fn index_with(source: &str, path: &str, version: PythonVersion, platform: PythonPlatform) -> Indexed {
    let db = TestDb::new(version, platform);
    let file = db.file(path, source);
    Indexed { db, file, source: source.to_string() }
}

impl Indexed {
    pub fn index(&self) -> &SemanticIndex {
        semantic_index(&self.db, self.file)
    }

    /// The 1-based line of an offset.
    pub fn line(&self, offset: TextSize) -> u32 {
        LineIndex::from_source_text(&self.source).line_index(offset).get() as u32
    }

    /// Node indices of every load of `name`, in source order.
    pub fn loads(&self, name: &str) -> Vec<NodeIndex> {
        struct Finder<'n> {
            name: &'n str,
            found: Vec<NodeIndex>,
        }
        impl<'a> SourceOrderVisitor<'a> for Finder<'_> {
            fn enter_node(&mut self, _node: AnyNodeRef<'a>) -> TraversalSignal {
                TraversalSignal::Traverse
            }
            fn visit_expr(&mut self, expr: &'a Expr) {
                if let Expr::Name(name) = expr
                    && name.id.as_str() == self.name
                    && name.ctx == ExprContext::Load
                {
                    self.found.push(name.node_index.load());
                }
                walk_expr(self, expr);
            }
        }
        let parsed = pytc_db::parsed_module(&self.db, self.file);
        let mut finder = Finder { name, found: Vec::new() };
        finder.visit_body(&parsed.syntax().body);
        finder.found
    }

    /// The use-def map of the scope a node is in.
    pub fn use_def_at(&self, node: NodeIndex) -> &UseDefMap {
        let index = self.index();
        index.use_def_map(index.scope_of_node(node))
    }

    /// The bindings reaching the `occurrence`-th load (0-based) of `name`.
    pub fn bindings(&self, name: &str, occurrence: usize) -> &Bindings {
        let node = self.loads(name)[occurrence];
        self.use_def_at(node).bindings_at_use(node).unwrap_or_else(|| panic!("no use recorded for {name}#{occurrence}"))
    }

    /// The lines of the definitions reaching the `occurrence`-th load of `name`, sorted, with
    /// `0` standing for "unbound".
    pub fn reaching(&self, name: &str, occurrence: usize) -> Vec<u32> {
        let mut lines: Vec<u32> = self
            .bindings(name, occurrence)
            .iter()
            .map(|entry| match entry.binding {
                Binding::Definition(definition) => self.line(self.index().definition(definition).name_range.start()),
                Binding::Unbound | Binding::Deleted(_) => 0,
            })
            .collect();
        lines.sort_unstable();
        lines
    }

    /// The source text of the predicates in the constraint of the binding from `line` at the
    /// `occurrence`-th load of `name`, rendered as a formula.
    pub fn constraint_at(&self, name: &str, occurrence: usize, line: u32) -> String {
        let node = self.loads(name)[occurrence];
        let map = self.use_def_at(node);
        let entry = map
            .bindings_at_use(node)
            .unwrap()
            .iter()
            .find(|entry| match entry.binding {
                Binding::Definition(definition) => self.line(self.index().definition(definition).name_range.start()) == line,
                _ => line == 0,
            })
            .unwrap_or_else(|| panic!("no binding from line {line} reaches {name}#{occurrence}"));
        self.render(map, entry.constraint)
    }

    /// A constraint as text: predicates by their source, `not`, `and`, `or`.
    pub fn render(&self, map: &UseDefMap, constraint: ConstraintId) -> String {
        match map.constraints().get(constraint) {
            Constraint::True => "true".into(),
            Constraint::False => "false".into(),
            Constraint::Atom { predicate, negated } => {
                let text = self.predicate_text(predicate);
                if negated { format!("not {text}") } else { text }
            }
            Constraint::And(a, b) => format!("({} and {})", self.render(map, a), self.render(map, b)),
            Constraint::Or(a, b) => format!("({} or {})", self.render(map, a), self.render(map, b)),
            Constraint::Path(inner) => format!("path({})", self.render(map, inner)),
        }
    }

    pub fn predicate_text(&self, predicate: pytc_semantic::PredicateId) -> String {
        use pytc_semantic::PredicateKind;
        match &self.index().predicate(predicate).kind {
            PredicateKind::Test(expr) => self.source[expr.range()].to_string(),
            PredicateKind::Pattern { case, .. } => format!("case {}", &self.source[case.case().pattern.range()]),
            PredicateKind::CallReturns { call, .. } => format!("returns({})", &self.source[call.range()]),
            PredicateKind::StarImportProvides(_) => "star".into(),
            PredicateKind::WithSwallowsExceptions(_) => "swallows".into(),
        }
    }

    /// The symbol named `name` in the scope of `scope`'s table, with its flags.
    pub fn symbol_flags(&self, scope: ScopeId, name: &str) -> pytc_semantic::SymbolFlags {
        self.index().symbol_table(scope).symbol_by_name(name).unwrap_or_else(|| panic!("no symbol {name}")).flags
    }

    /// The lines of the public (end of scope) bindings of `name` in `scope`; 0 is unbound.
    pub fn public(&self, scope: ScopeId, name: &str) -> Vec<u32> {
        let index = self.index();
        let symbol = index.symbol_table(scope).symbol_id(name).unwrap();
        let mut lines: Vec<u32> = index
            .use_def_map(scope)
            .public_bindings(symbol)
            .iter()
            .map(|entry| match entry.binding {
                Binding::Definition(definition) => self.line(index.definition(definition).name_range.start()),
                _ => 0,
            })
            .collect();
        lines.sort_unstable();
        lines
    }

    /// The first function, class or alias-value scope named `name` (not its type parameters).
    pub fn scope_named(&self, name: &str) -> ScopeId {
        self.index()
            .scopes()
            .filter(|(_, scope)| scope.kind != pytc_semantic::ScopeKind::TypeParams)
            .find(|(_, scope)| scope.name.as_ref().is_some_and(|scope_name| scope_name.as_str() == name))
            .map(|(id, _)| id)
            .unwrap_or_else(|| panic!("no scope {name}"))
    }

    /// Is the statement starting on `line` reachable?
    pub fn line_reachable(&self, line: u32) -> bool {
        let line_index = LineIndex::from_source_text(&self.source);
        let start = line_index.line_start(pytc_syntax::OneIndexed::new(line as usize).unwrap(), &self.source);
        let text = &self.source[usize::from(start)..];
        let indent = text.len() - text.trim_start_matches(' ').len();
        let offset = start + TextSize::new(indent as u32);
        self.index().reachability(pytc_syntax::TextRange::empty(offset)) != pytc_semantic::Reachability::Unreachable
    }

    /// The targets of definitions in `scope`, by name, for assertions on kinds.
    pub fn definitions_named(&self, name: &str) -> Vec<&pytc_semantic::Definition> {
        let index = self.index();
        index
            .definitions()
            .filter(|(_, definition)| match definition.target {
                DefinitionTarget::Symbol(symbol) => {
                    index.symbol_table(definition.scope).symbol(symbol).name.as_str() == name
                }
                DefinitionTarget::Place(_) => false,
            })
            .map(|(_, definition)| definition)
            .collect()
    }
}

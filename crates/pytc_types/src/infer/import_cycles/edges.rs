//! The graph import cycles are found in, one file at a time: which module-level names and
//! `from m import x` imports the value of each module-level name reads, and which name of
//! which module each import reads. Built from the syntax and the use-def map alone (no
//! inference), so building it never meets a cycle itself.

use pytc_db::{Db, File};
use pytc_semantic::{Binding, ConstraintId, DefinitionId, DefinitionKind, ScopeId, SemanticIndex, UseDefMap, semantic_index};
use pytc_syntax::ast::visitor::{Visitor, walk_expr};
use pytc_syntax::ast::{self, HasNodeIndex};
use rustc_hash::FxHashMap;

use crate::infer::public::SymbolName;

/// A node of the graph.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub(crate) enum Node<'db> {
    /// A module-level name of a file: what an import of the name reads.
    Symbol(File, SymbolName<'db>),
    /// One module-level `from m import x` (by definition id): it reads `x` of `m`.
    Import(File, u32),
}

/// The edges leaving the nodes of one file.
#[derive(Debug, Default, PartialEq, Eq, salsa::SalsaValue)]
pub(crate) struct FileEdges<'db> {
    /// Each module-level name with what its definitions read: other names of the file, and
    /// the imports that reach the names read.
    symbols: FxHashMap<SymbolName<'db>, Vec<Node<'db>>>,
    /// Each module-level `from m import x` of another module, with the name it reads.
    imports: FxHashMap<u32, Node<'db>>,
}

impl<'db> FileEdges<'db> {
    /// Where edges leave `node` (a node of this file).
    pub(crate) fn successors(&self, node: Node<'db>) -> Vec<Node<'db>> {
        match node {
            Node::Symbol(_, name) => self.symbols.get(&name).cloned().unwrap_or_default(),
            Node::Import(_, definition) => self.imports.get(&definition).copied().into_iter().collect(),
        }
    }

    /// The file's imports, each with the name it reads.
    pub(crate) fn imports(&self) -> impl Iterator<Item = (u32, Node<'db>)> + '_ {
        self.imports.iter().map(|(definition, target)| (*definition, *target))
    }
}

/// The edges of `file`'s nodes. A query: every search for cycles through the file reads
/// them, and an edit that keeps them keeps every search's answer.
#[salsa::tracked(returns(ref))]
pub(crate) fn file_edges<'db>(db: &'db dyn Db, file: File) -> FileEdges<'db> {
    let index = semantic_index(db, file);
    let symbols = index.symbol_table(ScopeId::MODULE);
    let use_def = index.use_def_map(ScopeId::MODULE);
    let mut edges = FileEdges::default();
    for (id, definition) in index.definitions() {
        if definition.scope != ScopeId::MODULE || !definition.reachable {
            continue;
        }
        let Some(symbol) = definition.symbol() else { continue };
        let name = SymbolName::new(db, symbols.symbol(symbol).name.as_str());
        let mut reads = Reads { db, file, index, use_def, found: Vec::new() };
        match &definition.kind {
            DefinitionKind::ImportFrom(import) => {
                let module = import.stmt.module.as_ref().map(|module| module.as_str());
                let Ok(module) = pytc_module_resolver::resolve_import(db, file, module, import.stmt.level) else { continue };
                // A module importing from itself reads its own bindings; the inference of
                // such imports excludes them (see `module_symbol_for_self_import`).
                let Some(target) = module.file.filter(|target| *target != file) else { continue };
                let imported = SymbolName::new(db, import.alias.name.as_str());
                edges.imports.insert(id.as_u32(), Node::Symbol(target, imported));
                reads.found.push(Node::Import(file, id.as_u32()));
            }
            DefinitionKind::Assignment(assignment) => reads.visit_expr(&assignment.stmt.value),
            DefinitionKind::AnnotatedAssignment(assignment) => {
                reads.visit_expr(&assignment.stmt.annotation);
                if let Some(value) = &assignment.stmt.value {
                    reads.visit_expr(value);
                }
            }
            DefinitionKind::AugmentedAssignment(assignment) => reads.visit_expr(&assignment.value),
            DefinitionKind::For(for_loop) => reads.visit_expr(&for_loop.stmt.iter),
            DefinitionKind::With(with) => {
                if let Some(item) = with.stmt.items.get(with.item_index as usize) {
                    reads.visit_expr(&item.context_expr);
                }
            }
            DefinitionKind::NamedExpression(named) => reads.visit_expr(&named.value),
            DefinitionKind::MatchCapture(capture) => reads.visit_expr(&capture.statement.subject),
            // A `def`, a `class` and a `type` statement bind without reading other names'
            // values (their signatures, bases and bodies are read lazily, by other queries);
            // `import m` binds a module; a star import's names are found by its own query.
            _ => {}
        }
        if !reads.found.is_empty() {
            edges.symbols.entry(name).or_default().extend(reads.found);
        }
    }
    for targets in edges.symbols.values_mut() {
        targets.sort_unstable_by_key(|node| node_key(*node));
        targets.dedup();
    }
    edges
}

/// An order for a file's nodes, so equal graphs compare equal.
fn node_key(node: Node<'_>) -> (u8, u32) {
    match node {
        Node::Symbol(_, name) => (0, salsa::plumbing::AsId::as_id(&name).index()),
        Node::Import(_, definition) => (1, definition),
    }
}

/// Collects the nodes the names loaded in an expression read: for each name, the
/// module-level definitions reaching it.
struct Reads<'a, 'db> {
    db: &'db dyn Db,
    file: File,
    index: &'a SemanticIndex,
    use_def: &'a UseDefMap,
    found: Vec<Node<'db>>,
}

impl<'a, 'db> Visitor<'a> for Reads<'_, 'db> {
    fn visit_expr(&mut self, expr: &'a ast::Expr) {
        if let ast::Expr::Name(name) = expr
            && let Some(bindings) = self.use_def.bindings_at_use(name.node_index().load())
        {
            for reaching in bindings.iter() {
                if let Binding::Definition(definition) = reaching.binding
                    && reaching.constraint != ConstraintId::ALWAYS_FALSE
                    && let Some(node) = self.node_of(definition)
                {
                    self.found.push(node);
                }
            }
        }
        pytc_syntax::ensure_stack(|| walk_expr(self, expr));
    }
}

impl<'db> Reads<'_, 'db> {
    fn node_of(&self, definition: DefinitionId) -> Option<Node<'db>> {
        let semantic = self.index.definition(definition);
        if semantic.scope != ScopeId::MODULE {
            return None;
        }
        match semantic.kind {
            DefinitionKind::ImportFrom(_) => Some(Node::Import(self.file, definition.as_u32())),
            DefinitionKind::Import(_) | DefinitionKind::StarImport(_) => None,
            _ => {
                let symbol = semantic.symbol()?;
                let name = self.index.symbol_table(ScopeId::MODULE).symbol(symbol).name.as_str();
                Some(Node::Symbol(self.file, SymbolName::new(self.db, name)))
            }
        }
    }
}

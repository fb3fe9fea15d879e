//! Blaming an unknown type on a dependency. A public symbol whose declaration names
//! something imported from another distribution that pytc cannot type (missing, installed
//! without type information, or not declaring that name's type) gets its `Unknown` from
//! there, not from the library's own annotations: completeness reports it as its own kind
//! of finding, which a project can leave out of its score.

use pytc_db::{Db, File};
use pytc_syntax::TextSize;
use pytc_syntax::ast::visitor::source_order::{SourceOrderVisitor, TraversalSignal, walk_stmt};
use pytc_syntax::ast::{AnyNodeRef, Expr, Stmt};
use pytc_syntax::{Ranged, TextRange};
use pytc_types::api::{ApiLocation, UntypedImport, UntypedReason, untyped_imports};
use rustc_hash::{FxHashMap, FxHashSet};

use crate::package::ApiPackage;

/// The untyped dependency imports of the package's files, read once per file.
pub(crate) struct DependencyBlame {
    /// The package's own top-level module names: imports of them are not dependencies.
    own_top_levels: FxHashSet<String>,
    imports: FxHashMap<File, Vec<UntypedImport>>,
}

impl DependencyBlame {
    pub fn new(package: &ApiPackage) -> Self {
        let own_top_levels = package.modules.iter().filter_map(|(name, _)| name.split('.').next()).map(str::to_string).collect();
        Self { own_top_levels, imports: FxHashMap::default() }
    }

    /// The dependency import that the declaration at `location` names, if any.
    pub fn blame(&mut self, db: &dyn Db, location: ApiLocation) -> Option<UntypedImport> {
        let text = declaration_text(db, location)?;
        let own = &self.own_top_levels;
        let imports = self.imports.entry(location.file).or_insert_with(|| {
            let mut imports = untyped_imports(db, location.file);
            imports.retain(|import| !own.contains(import.module.split('.').next().unwrap_or_default()));
            imports
        });
        imports.iter().find(|import| mentions(&text, &import.local)).cloned()
    }
}

/// Why `import`'s names are unknown, as the end of a sentence.
pub(crate) fn because(import: &UntypedImport) -> String {
    let (local, module) = (&import.local, &import.module);
    match import.reason {
        UntypedReason::NotFound => format!("`{local}` comes from `{module}`, which pytc cannot find in the environment"),
        UntypedReason::NoTypeInformation => {
            format!("`{local}` comes from `{module}`, which is installed without type information (no `py.typed` marker or stubs)")
        }
        UntypedReason::UnknownName => format!("`{local}` comes from `{module}`, which does not declare its type"),
    }
}

/// The source of the statement that declares what is at `location`: a `def` or `class`
/// header (without its body), or the whole assignment.
fn declaration_text(db: &dyn Db, location: ApiLocation) -> Option<String> {
    let parsed = pytc_db::parsed_module(db, location.file);
    let source = pytc_db::source_text(db, location.file);
    let mut finder = InnermostStatement { offset: location.range.start(), found: None };
    finder.visit_body(&parsed.syntax().body);
    let statement = finder.found?;
    let range = match statement {
        Stmt::FunctionDef(function) => header(function.range(), function.body.first()),
        Stmt::ClassDef(class) => header(class.range(), class.body.first()),
        other => other.range(),
    };
    source.get(range.start().to_usize()..range.end().to_usize()).map(str::to_string)
}

/// A compound statement's range up to its body.
fn header(range: TextRange, first: Option<&Stmt>) -> TextRange {
    TextRange::new(range.start(), first.map_or(range.end(), Ranged::start))
}

/// The innermost statement holding an offset (expressions are not entered).
struct InnermostStatement<'a> {
    offset: TextSize,
    found: Option<&'a Stmt>,
}

impl<'a> SourceOrderVisitor<'a> for InnermostStatement<'a> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        if node.range().contains_inclusive(self.offset) { TraversalSignal::Traverse } else { TraversalSignal::Skip }
    }

    fn visit_stmt(&mut self, stmt: &'a Stmt) {
        if stmt.range().contains_inclusive(self.offset) {
            self.found = Some(stmt);
            pytc_syntax::ensure_stack(|| walk_stmt(self, stmt));
        }
    }

    fn visit_expr(&mut self, _: &'a Expr) {}
}

/// Whether `text` uses the name `name` as a whole identifier, not as an attribute.
fn mentions(text: &str, name: &str) -> bool {
    let is_identifier = |ch: char| ch.is_alphanumeric() || ch == '_';
    text.match_indices(name).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        !before.is_some_and(|ch| is_identifier(ch) || ch == '.') && !after.is_some_and(is_identifier)
    })
}

#[cfg(test)]
mod tests {
    use super::mentions;

    #[test]
    fn a_name_is_mentioned_as_a_whole_identifier() {
        assert!(mentions("def f(a: np.ndarray) -> None:", "np"));
        assert!(mentions("x: Thing | None = None", "Thing"));
        assert!(!mentions("def f(a: numpy_like) -> None:", "np"));
        assert!(!mentions("x: other.np = 1", "np"));
    }
}

//! Assignments to `Final` names and attributes. A name declared `Final` (in the module, a
//! class body or a function, or imported from a module that declares it `Final`) may not be
//! bound again by any statement: assignment, augmented assignment, `del`, `for`, `with`, `:=`,
//! `import`, `def` or `class`. A `Final` attribute may not be assigned through an instance or
//! the class, except that `__init__` gives a value to a class-body declaration without one;
//! and a subclass may not redefine it. A `@final` method may not be assigned through an
//! instance or the class either (that replaces it as an override would).

use pytc_db::{Db, File, declare_rule};
use pytc_semantic::{DefinitionKind, ScopeId, ScopeKind};
use pytc_syntax::Ranged;
use pytc_syntax::ast::visitor::source_order::{SourceOrderVisitor, TraversalSignal};
use pytc_syntax::ast::{self, AnyNodeRef, HasNodeIndex};

use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::infer::public::SymbolName;
use crate::types::{ClassLiteral, ClassType, SpecialForm, Type};

declare_rule! {
    /// A `Final` name or attribute assigned, augmented or deleted after its declaration, or
    /// a `@final` method replaced by assigning to it through an instance or the class. A
    /// `Final` attribute declared without a value in the class body is assigned once in
    /// `__init__`: a second assignment after one that always runs first is reported too.
    ///
    /// ```python
    /// from typing import Final, final
    /// RATE: Final = 3000
    /// RATE = 300  # error: [final-reassignment]
    ///
    /// class Account:
    ///     owner: Final[str]
    ///     def __init__(self, owner: str) -> None:
    ///         self.owner = owner
    ///         self.owner = owner.title()  # error: [final-reassignment]
    ///
    /// class Job:
    ///     @final
    ///     def run(self) -> None: ...
    ///
    /// def patch(job: Job) -> None:
    ///     job.run = lambda: None  # error: [final-reassignment]
    /// ```
    pub static FINAL_REASSIGNMENT = {
        name: "final-reassignment",
        summary: "a `Final` name or attribute is assigned again",
        level: Error,
    }
}

declare_rule! {
    /// A class attribute (or method) that redefines a `Final` attribute of a base class.
    ///
    /// ```python
    /// from typing import Final
    /// class A:
    ///     LIMIT: Final = 10
    /// class B(A):
    ///     LIMIT = 20  # error: [override-of-final-variable]
    /// ```
    pub static OVERRIDE_OF_FINAL_VARIABLE = {
        name: "override-of-final-variable",
        summary: "a subclass redefines a `Final` attribute",
        level: Error,
    }
}

/// How a name came to be `Final`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum FinalKind {
    /// `x: Final = ...` (or without a value) binding a name of its scope.
    Declared { has_value: bool },
    /// `self.x: Final = ...` in a method: `x` is an instance attribute of the class.
    SelfAttribute,
}

/// One `Final` declaration of a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
struct FinalName {
    /// The scope the declaration is in (the method's scope for `self.x: Final`).
    scope: u32,
    name: Box<str>,
    definition: u32,
    kind: FinalKind,
}

/// A `from m import x` (or `from m import *`) binding, which makes `x` `Final` when `m`
/// declares it so.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
struct ImportBinding {
    scope: u32,
    /// The name bound in the importing scope; `None` for a star import.
    bound: Option<Box<str>>,
    definition: u32,
}

/// The `Final` declarations and the `from` imports of a file.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, salsa::SalsaValue)]
struct FinalBindings {
    declarations: Vec<FinalName>,
    imports: Vec<ImportBinding>,
}

/// The `Final` declarations and `from` imports of `file`. A query: the per-name lookups
/// below read it, and importers ask whether a module-level name is `Final`.
#[salsa::tracked(returns(ref))]
fn final_bindings(db: &dyn Db, file: File) -> FinalBindings {
    let index = crate::semantic::index(db, file);
    let mut bindings = FinalBindings::default();
    // The names `Final` may be spelled with here (`from typing import Final as Constant`).
    let mut final_spellings = vec!["Final".to_string()];
    for (_, definition) in index.definitions() {
        if let DefinitionKind::ImportFrom(import) = &definition.kind
            && import.alias.name.as_str() == "Final"
            && let Some(asname) = &import.alias.asname
        {
            final_spellings.push(asname.to_string());
        }
    }
    for (id, definition) in index.definitions() {
        // A declaration in statically unreachable code (another Python version) binds nothing.
        if !definition.reachable {
            continue;
        }
        match &definition.kind {
            DefinitionKind::AnnotatedAssignment(assignment) => {
                let definition_ref = DefinitionRef::new(db, file, id.as_u32());
                if !may_spell_final(&assignment.stmt.annotation, &final_spellings) || !annotation_is_final(db, definition_ref, &assignment.stmt.annotation) {
                    continue;
                }
                let (name, kind) = match &*assignment.stmt.target {
                    ast::Expr::Name(name) => (name.id.as_str(), FinalKind::Declared { has_value: assignment.stmt.value.is_some() }),
                    ast::Expr::Attribute(attribute) => (attribute.attr.as_str(), FinalKind::SelfAttribute),
                    _ => continue,
                };
                bindings.declarations.push(FinalName { scope: definition.scope.as_u32(), name: Box::from(name), definition: id.as_u32(), kind });
            }
            DefinitionKind::ImportFrom(import) => {
                let bound = import.alias.asname.as_ref().unwrap_or(&import.alias.name);
                bindings.imports.push(ImportBinding { scope: definition.scope.as_u32(), bound: Some(Box::from(bound.as_str())), definition: id.as_u32() });
            }
            DefinitionKind::StarImport(_) => {
                bindings.imports.push(ImportBinding { scope: definition.scope.as_u32(), bound: None, definition: id.as_u32() });
            }
            _ => {}
        }
    }
    bindings
}

/// Whether an annotation may be `Final` by its spelling (so that only those are inferred):
/// its head, or the first argument of an `Annotated`/`ClassVar` head, ends in a spelling
/// of `Final`.
fn may_spell_final(annotation: &ast::Expr, spellings: &[String]) -> bool {
    let (head, argument) = match annotation {
        ast::Expr::Subscript(subscript) => (&*subscript.value, Some(&*subscript.slice)),
        other => (other, None),
    };
    let identifier = match head {
        ast::Expr::Name(name) => name.id.as_str(),
        ast::Expr::Attribute(attribute) => attribute.attr.as_str(),
        _ => return false,
    };
    if spellings.iter().any(|spelling| spelling == identifier) {
        return true;
    }
    match (identifier, argument) {
        ("Annotated", Some(ast::Expr::Tuple(tuple))) => tuple.elts.first().is_some_and(|first| may_spell_final(first, spellings)),
        ("Annotated" | "ClassVar", Some(inner)) => may_spell_final(inner, spellings),
        _ => false,
    }
}

/// Whether an annotation is `Final` or `Final[...]` (possibly inside `Annotated[...]` or
/// `ClassVar[...]`, which are errors of their own).
pub(crate) fn annotation_is_final(db: &dyn Db, definition: DefinitionRef<'_>, annotation: &ast::Expr) -> bool {
    let mut context = InferContext::for_definition(db, definition);
    let mut current = annotation;
    loop {
        let (head, argument) = match current {
            ast::Expr::Subscript(subscript) => (&*subscript.value, Some(&*subscript.slice)),
            other => (other, None),
        };
        if !matches!(head, ast::Expr::Name(_) | ast::Expr::Attribute(_)) {
            return false;
        }
        match (context.infer_expression(head), argument) {
            (Type::SpecialForm(SpecialForm::Final), _) => return true,
            (Type::SpecialForm(SpecialForm::Annotated), Some(ast::Expr::Tuple(tuple))) if !tuple.elts.is_empty() => current = &tuple.elts[0],
            (Type::SpecialForm(SpecialForm::ClassVar | SpecialForm::Annotated), Some(inner)) => current = inner,
            _ => return false,
        }
    }
}

/// Whether module `file` declares `name` `Final` at its top level.
fn is_final_module_name(db: &dyn Db, file: File, name: &str) -> bool {
    is_declared_final(db, file, ScopeId::MODULE, name)
}

/// Whether `scope` of `file` declares its name `name` `Final` (`name: Final = ...`).
pub(crate) fn is_declared_final(db: &dyn Db, file: File, scope: ScopeId, name: &str) -> bool {
    final_bindings(db, file)
        .declarations
        .iter()
        .any(|declaration| declaration.scope == scope.as_u32() && &*declaration.name == name && matches!(declaration.kind, FinalKind::Declared { .. }))
}

/// The names and attributes `file` declares `Final` anywhere, sorted. A query whose answer
/// survives most edits: checks consult it before asking about one name or attribute.
#[salsa::tracked(returns(ref))]
fn final_declared_names(db: &dyn Db, file: File) -> Vec<Box<str>> {
    let mut names: Vec<Box<str>> = final_bindings(db, file).declarations.iter().map(|declaration| declaration.name.clone()).collect();
    names.sort_unstable();
    names.dedup();
    names
}

/// A name of one scope of one file, as a query key.
#[salsa::interned(debug, revisions = usize::MAX)]
struct ScopedName<'db> {
    #[returns(copy)]
    file: File,
    #[returns(copy)]
    scope: u32,
    #[returns(ref)]
    name: Box<str>,
}

/// Why a name is `Final` in its scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Finality {
    /// The scope declares it `x: Final = ...`.
    Declared,
    /// The scope imports it from a module that declares it `Final`.
    Imported,
}

/// Whether a name is `Final` in its scope. A query: each assignment looks its target up,
/// and the answer (unlike the file's list of declarations) survives edits elsewhere, so
/// statement checks that depend on it are not re-run.
#[salsa::tracked(returns(copy))]
fn name_finality<'db>(db: &'db dyn Db, key: ScopedName<'db>) -> Option<Finality> {
    let file = key.file(db);
    let name = key.name(db);
    let bindings = final_bindings(db, file);
    let in_scope = |scope: u32| scope == key.scope(db);
    if bindings.declarations.iter().any(|declaration| in_scope(declaration.scope) && declaration.name == *name && matches!(declaration.kind, FinalKind::Declared { .. })) {
        return Some(Finality::Declared);
    }
    let imported = bindings
        .imports
        .iter()
        .any(|import| in_scope(import.scope) && import.bound.as_deref().is_none_or(|bound| bound == &**name) && imports_final_name(db, file, import.definition, name));
    imported.then_some(Finality::Imported)
}

/// Whether the import definition `import` of `file` brings in `name` from a module that
/// declares it `Final`.
fn imports_final_name(db: &dyn Db, file: File, import: u32, name: &str) -> bool {
    let definition = DefinitionRef::new(db, file, import);
    let (stmt, imported) = match &definition.definition(db).kind {
        DefinitionKind::ImportFrom(import) => (&import.stmt, import.alias.name.to_string()),
        DefinitionKind::StarImport(import) => (&import.stmt, name.to_string()),
        _ => return false,
    };
    if matches!(definition.definition(db).kind, DefinitionKind::ImportFrom(_))
        && import_bound_name(db, definition).as_deref() != Some(name)
    {
        return false;
    }
    let Ok(module) = pytc_module_resolver::resolve_import(db, file, stmt.module.as_ref().map(|m| m.as_str()), stmt.level) else {
        return false;
    };
    let Some(source) = module.file.filter(|source| *source != file) else { return false };
    if matches!(definition.definition(db).kind, DefinitionKind::StarImport(_))
        && !pytc_semantic::exported_names(db, source).names.iter().any(|exported| exported.as_str() == name)
    {
        return false;
    }
    is_final_module_name(db, source, &imported)
}

/// The name a `from m import x [as y]` definition binds.
fn import_bound_name(db: &dyn Db, definition: DefinitionRef<'_>) -> Option<String> {
    match &definition.definition(db).kind {
        DefinitionKind::ImportFrom(import) => Some(import.alias.asname.as_ref().unwrap_or(&import.alias.name).to_string()),
        _ => None,
    }
}

/// How a class declares one of its attributes `Final`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct FinalAttribute {
    /// Declared in the class body (rather than through `self` in a method).
    in_class_body: bool,
    /// Given a value where it is declared.
    has_value: bool,
}

/// Whether `class` itself declares `name` `Final`, in its body or through `self`.
fn final_attribute(db: &dyn Db, class: ClassLiteral<'_>, name: &str) -> Option<FinalAttribute> {
    if !declares_final_name(db, class.file(db), name) {
        return None;
    }
    own_final_attribute(db, class, SymbolName::new(db, name))
}

/// Whether the scope `scope` of `file` declares `name` itself `Final` (`x: Final = ...`).
/// An assignment to such a name is reported as rebinding it, not checked against its type.
pub(crate) fn is_declared_final_name(db: &dyn Db, file: File, scope: ScopeId, name: &str) -> bool {
    declares_final_name(db, file, name) && name_finality(db, ScopedName::new(db, file, scope.as_u32(), Box::from(name))) == Some(Finality::Declared)
}

/// Whether any scope of `file` declares `name` `Final` (as a name or an attribute).
fn declares_final_name(db: &dyn Db, file: File, name: &str) -> bool {
    final_declared_names(db, file).binary_search_by(|declared| (**declared).cmp(name)).is_ok()
}

/// A query: attribute assignments and subclass bodies ask it, and its answer survives
/// edits that only move the class's declarations.
#[salsa::tracked(returns(copy))]
fn own_final_attribute<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: SymbolName<'db>) -> Option<FinalAttribute> {
    let name = name.text(db);
    let class_scope = crate::class::members::class_body_scope(db, class)?;
    let index = crate::semantic::index(db, class.file(db));
    final_bindings(db, class.file(db)).declarations.iter().find_map(|declaration| {
        if declaration.name != *name {
            return None;
        }
        let scope = ScopeId::from_u32(declaration.scope);
        match declaration.kind {
            FinalKind::Declared { has_value } if scope == class_scope => Some(FinalAttribute { in_class_body: true, has_value }),
            FinalKind::SelfAttribute if index.scope(scope).parent == Some(class_scope) => Some(FinalAttribute { in_class_body: false, has_value: true }),
            _ => None,
        }
    })
}

/// Whether `class`'s body itself declares `name` `Final` (`x: Final = 1`, `x: Final[int]`).
pub(crate) fn declares_final_in_body(db: &dyn Db, class: ClassLiteral<'_>, name: &str) -> bool {
    crate::class::members::class_body_scope(db, class).is_some_and(|class_scope| is_declared_final_name(db, class.file(db), class_scope, name))
}

/// Whether `class` itself declares its attribute `name` `Final`, in its body or through
/// `self` in one of its methods.
pub(crate) fn declares_final_attribute(db: &dyn Db, class: ClassLiteral<'_>, name: &str) -> bool {
    final_attribute(db, class, name).is_some()
}

/// Whether `value.name` is an attribute some class declares `Final` (read through an
/// instance or the class).
pub(crate) fn is_final_attribute<'db>(db: &'db dyn Db, value: Type<'db>, name: &str) -> bool {
    match value {
        Type::Instance(class) | Type::ClassObject(class) => final_attribute_in_mro(db, class, name).is_some(),
        _ => false,
    }
}

/// The class in `class`'s MRO (itself first) that declares `name` `Final`.
fn final_attribute_in_mro<'db>(db: &'db dyn Db, class: ClassType<'db>, name: &str) -> Option<(ClassLiteral<'db>, FinalAttribute)> {
    let literal = class.class(db);
    let mro = crate::class::class_mro(db, literal);
    std::iter::once(literal)
        .chain(mro.classes.iter().map(|entry| entry.class(db)))
        .find_map(|candidate| final_attribute(db, candidate, name).map(|attribute| (candidate, attribute)))
}

/// The names and attributes a statement binds or deletes itself (not in nested statements).
#[derive(Default)]
struct StoredTargets<'a> {
    entered: bool,
    names: Vec<&'a ast::ExprName>,
    attributes: Vec<&'a ast::ExprAttribute>,
    aliases: Vec<&'a ast::Alias>,
}

impl<'a> SourceOrderVisitor<'a> for StoredTargets<'a> {
    fn enter_node(&mut self, node: AnyNodeRef<'a>) -> TraversalSignal {
        match node {
            _ if node.is_statement() => {
                if self.entered {
                    return TraversalSignal::Skip;
                }
                self.entered = true;
            }
            AnyNodeRef::ExprName(name) if !matches!(name.ctx, ast::ExprContext::Load) => self.names.push(name),
            AnyNodeRef::ExprAttribute(attribute) if !matches!(attribute.ctx, ast::ExprContext::Load) => self.attributes.push(attribute),
            AnyNodeRef::Alias(alias) => self.aliases.push(alias),
            // Their names belong to scopes of their own.
            AnyNodeRef::ExprLambda(_) => return TraversalSignal::Skip,
            _ => {}
        }
        TraversalSignal::Traverse
    }
}

impl<'db> InferContext<'db> {
    /// Report what `stmt` binds, deletes or redefines that is `Final`.
    pub(crate) fn check_final_rebinding(&mut self, stmt: &ast::Stmt) {
        let mut targets = StoredTargets::default();
        targets.visit_stmt(stmt);
        let mut bound: Vec<(pytc_semantic::DefinitionId, pytc_syntax::TextRange, bool)> = Vec::new();
        for name in &targets.names {
            let deleting = matches!(name.ctx, ast::ExprContext::Del);
            for definition in self.index.definitions_for_node(name.node_index().load()) {
                bound.push((*definition, name.range(), deleting));
            }
        }
        for alias in &targets.aliases {
            let range = alias.asname.as_ref().map_or(alias.range(), |asname| asname.range());
            for definition in self.index.definitions_for_node(alias.node_index().load()) {
                bound.push((*definition, range, false));
            }
        }
        if let ast::Stmt::FunctionDef(_) | ast::Stmt::ClassDef(_) = stmt {
            let range = match stmt {
                ast::Stmt::FunctionDef(function) => function.name.range(),
                ast::Stmt::ClassDef(class) => class.name.range(),
                _ => stmt.range(),
            };
            for definition in self.index.definitions_for_node(stmt.node_index().load()) {
                bound.push((*definition, range, false));
            }
        }
        for (definition, range, deleting) in bound {
            self.check_final_name_binding(definition, range, deleting);
        }
        let declaring = match stmt {
            ast::Stmt::AnnAssign(assign) => Some(&*assign.target),
            _ => None,
        };
        for attribute in targets.attributes {
            let is_declaration = declaring.is_some_and(|target| target.range() == attribute.range());
            if !is_declaration {
                self.check_final_attribute_store(attribute);
            }
        }
    }

    /// A binding (or deletion) of a name that its scope, or a module it imports it from,
    /// declares `Final`; or, in a class body, of an attribute a base declares `Final`.
    fn check_final_name_binding(&mut self, definition: pytc_semantic::DefinitionId, range: pytc_syntax::TextRange, deleting: bool) {
        let db = self.db;
        let semantic = self.index.definition(definition);
        let Some(symbol) = semantic.symbol() else { return };
        let name = self.index.symbol_table(semantic.scope).symbol(symbol).name.to_string();
        // `global x` binds the module's `x`, `nonlocal x` the `x` of the function that owns it.
        let binding_symbol = self.index.symbol_table(semantic.scope).symbol(symbol);
        let scope = if binding_symbol.is_global() {
            ScopeId::MODULE
        } else if binding_symbol.is_nonlocal() {
            self.nonlocal_owner(semantic.scope, &name).unwrap_or(semantic.scope)
        } else {
            semantic.scope
        };
        // Most bindings stop here: a name no scope of the file declares `Final` is `Final` only
        // when imported as such, and an import itself cannot rebind an imported `Final`.
        let is_import = matches!(semantic.kind, DefinitionKind::Import(_) | DefinitionKind::ImportFrom(_) | DefinitionKind::StarImport(_));
        let may_be_imported_final = !is_import
            && (self.index.symbol_table(scope).symbol_by_name(&name).is_some_and(|symbol| symbol.is_imported()) || !self.index.star_imports(scope).is_empty());
        let may_be_final = may_be_imported_final || declares_final_name(db, self.file, &name);
        let finality = if may_be_final { name_finality(db, ScopedName::new(db, self.file, scope.as_u32(), Box::from(name.as_str()))) } else { None };
        let rebinds = match finality {
            None => false,
            // Deleting an imported `Final` (`del TYPE_CHECKING`) unbinds this module's name
            // only; the declaring module's constant is untouched.
            Some(Finality::Imported) if deleting => false,
            // A bare declaration (`SIGKILL: Signals`, then the import in one branch and
            // another value in the other) binds nothing: it declares this module's own name.
            Some(Finality::Imported) if matches!(&semantic.kind, DefinitionKind::AnnotatedAssignment(assignment) if !assignment.has_value) => false,
            // A value the name had before the import made it `Final` (`FLAG = False`, then
            // `from ssl import FLAG` in a `try`) is this module's fallback, not a rebinding.
            Some(Finality::Imported) if !self.final_import_precedes(scope, &name, range.start()) => false,
            Some(finality) => !self.declares_finality(definition, scope, &name, finality),
        };
        if rebinds {
            let action = if deleting { "delete" } else { "assign to" };
            self.report(range, &FINAL_REASSIGNMENT, format!("Cannot {action} `{name}`: it is declared `Final`"));
            return;
        }
        if self.index.scope(scope).kind == ScopeKind::Class && !is_private_name(&name) && !deleting {
            // A `def` is checked with the other method overrides.
            let is_method = matches!(semantic.kind, DefinitionKind::Function(_));
            self.check_final_override(&name, range, is_method);
        }
    }

    /// Whether an import of `name` as a `Final` of its module comes before `offset` in `scope`.
    fn final_import_precedes(&self, scope: ScopeId, name: &str, offset: pytc_syntax::TextSize) -> bool {
        let db = self.db;
        final_bindings(db, self.file).imports.iter().any(|import| {
            import.scope == scope.as_u32()
                && import.bound.as_deref().is_none_or(|bound| bound == name)
                && self.index.definition(pytc_semantic::DefinitionId::from_u32(import.definition)).name_range.start() < offset
                && imports_final_name(db, self.file, import.definition, name)
        })
    }

    /// The function scope whose local `name` a `nonlocal name` in `scope` refers to: the
    /// nearest enclosing function (class bodies are skipped) where the name is local.
    fn nonlocal_owner(&self, scope: ScopeId, name: &str) -> Option<ScopeId> {
        self.index.ancestor_scopes(scope).skip(1).find(|ancestor| {
            !matches!(self.index.scope(*ancestor).kind, ScopeKind::Class | ScopeKind::Module)
                && self.index.symbol_table(*ancestor).symbol_by_name(name).is_some_and(|symbol| symbol.is_local())
        })
    }

    /// Whether `definition` is what makes `name` `Final` rather than a rebinding: the first
    /// `Final` declaration of the scope, or an import of a name its module declares `Final`.
    fn declares_finality(&self, definition: pytc_semantic::DefinitionId, scope: ScopeId, name: &str, finality: Finality) -> bool {
        let db = self.db;
        match finality {
            Finality::Declared => {
                let first = final_bindings(db, self.file).declarations.iter().find(|declaration| {
                    declaration.scope == scope.as_u32() && &*declaration.name == name && matches!(declaration.kind, FinalKind::Declared { .. })
                });
                first.is_some_and(|first| first.definition == definition.as_u32())
            }
            Finality::Imported => imports_final_name(db, self.file, definition.as_u32(), name),
        }
    }

    /// A class-body binding of `name` where a base class declares `name` `Final`, or, for a
    /// binding that is not a method, defines it as a `@final` method.
    fn check_final_override(&mut self, name: &str, range: pytc_syntax::TextRange, is_method: bool) {
        let db = self.db;
        let Some(class) = self.enclosing_class() else { return };
        let mro = crate::class::class_mro(db, class);
        let Some(base) = mro.classes.iter().map(|entry| entry.class(db)).find(|base| *base != class && final_attribute(db, *base, name).is_some()) else {
            if !is_method {
                crate::definitions::overrides::report_final_method_override(self, class, name, range);
            }
            return;
        };
        self.report(
            range,
            &OVERRIDE_OF_FINAL_VARIABLE,
            format!("`{name}` overrides a `Final` attribute of `{}`", base.name(db)),
        );
    }

    /// `obj.x = ...`, `obj.x += ...` or `del obj.x` where `x` is a `Final` attribute.
    fn check_final_attribute_store(&mut self, attribute: &ast::ExprAttribute) {
        let db = self.db;
        let was_reporting = self.suspend_reporting();
        let object = self.infer_expression(&attribute.value);
        self.resume_reporting(was_reporting);
        let name = attribute.attr.as_str();
        // `self` is `Self@C`: its bound is the class.
        let object = match object {
            Type::TypeVar(typevar) => typevar.bound(db).unwrap_or(object),
            Type::SubclassOfTypeVar(typevar) => crate::types::typevar_class_object_bound(db, typevar),
            other => other,
        };
        let action = if matches!(attribute.ctx, ast::ExprContext::Del) { "delete" } else { "assign to" };
        for member in object.union_elements(db) {
            let (class, through_instance) = match member {
                Type::Instance(class) => (class, true),
                Type::ClassObject(class) | Type::SubclassOf(class) => (class, false),
                // `module.LIMIT = ...` rebinds the module's `Final` name from outside.
                Type::Module(module) if is_declared_final(db, module, ScopeId::MODULE, name) => {
                    let module_name = crate::module_name_of(db, module).unwrap_or_default();
                    self.report(attribute.range(), &FINAL_REASSIGNMENT, format!("Cannot {action} `{name}` of module `{module_name}`: it is declared `Final`"));
                    return;
                }
                _ => continue,
            };
            let Some((owner, declaration)) = final_attribute_in_mro(db, class, name) else {
                if let Some(owner) = crate::definitions::overrides::final_method_owner(db, class, name) {
                    self.report(
                        attribute.range(),
                        &FINAL_REASSIGNMENT,
                        format!("Cannot {action} attribute `{name}` of `{}`: it is a `@final` method", owner.name(db)),
                    );
                    return;
                }
                continue;
            };
            let initializes = through_instance
                && declaration.in_class_body
                && !declaration.has_value
                && !matches!(attribute.ctx, ast::ExprContext::Del)
                && self.in_init_of(owner);
            if !initializes {
                self.report(
                    attribute.range(),
                    &FINAL_REASSIGNMENT,
                    format!("Cannot {action} attribute `{name}` of `{}`: it is declared `Final`", owner.name(db)),
                );
                return;
            }
            if self.assigned_earlier_in_function(attribute) {
                self.report(
                    attribute.range(),
                    &FINAL_REASSIGNMENT,
                    format!("Cannot assign to attribute `{name}` of `{}` again: a `Final` attribute is assigned once", owner.name(db)),
                );
                return;
            }
        }
    }

    /// Whether a statement that always runs before `attribute`'s assignment in the current
    /// function assigns the same attribute of the same receiver (`self.x = 1` then
    /// `self.x = 2`, or then `if c: self.x = 2`). Assignments in branches that may not run
    /// before it are not counted.
    fn assigned_earlier_in_function(&self, attribute: &ast::ExprAttribute) -> bool {
        let ast::Expr::Name(receiver) = &*attribute.value else { return false };
        let Some(node) = self.index.scope(self.scope).node else { return false };
        let Some(definition) = self.index.definitions_for_node(node).first() else { return false };
        let DefinitionKind::Function(function) = &self.index.definition(*definition).kind else { return false };
        let target = EarlierAssignment { receiver: receiver.id.as_str(), name: attribute.attr.as_str(), at: attribute.range() };
        target.assigned_before(&function.node().body, false).unwrap_or(false)
    }

    /// Whether the current scope is the `__init__` method of `class`.
    fn in_init_of(&self, class: ClassLiteral<'db>) -> bool {
        if class.file(self.db) != self.file {
            return false;
        }
        let scope = self.index.scope(self.scope);
        if scope.kind != ScopeKind::Function || scope.name.as_ref().is_none_or(|name| name.as_str() != "__init__") {
            return false;
        }
        scope.parent.is_some() && scope.parent == crate::class::members::class_body_scope(self.db, class)
    }
}

/// An attribute assignment (`receiver.name = ...` at `at`) looked for among the statements
/// that run before it.
struct EarlierAssignment<'a> {
    receiver: &'a str,
    name: &'a str,
    at: pytc_syntax::TextRange,
}

impl EarlierAssignment<'_> {
    /// `None` when the assignment is not inside `body`; else whether a statement of `body`
    /// (or of the blocks around it, `seen`) that always runs first assigns the attribute.
    fn assigned_before(&self, body: &[ast::Stmt], mut seen: bool) -> Option<bool> {
        for statement in body {
            if statement.range().contains_range(self.at) {
                return match self.blocks(statement) {
                    Some(blocks) => blocks.into_iter().find_map(|block| self.assigned_before(block, seen)).or(Some(seen)),
                    None => Some(seen),
                };
            }
            seen |= self.assigns(statement);
        }
        None
    }

    /// The blocks of a compound statement (its own assignment has none to look into).
    fn blocks<'s>(&self, statement: &'s ast::Stmt) -> Option<Vec<&'s [ast::Stmt]>> {
        Some(match statement {
            ast::Stmt::If(branch) => std::iter::once(&branch.body[..]).chain(branch.elif_else_clauses.iter().map(|clause| &clause.body[..])).collect(),
            ast::Stmt::For(each) => vec![&each.body[..], &each.orelse[..]],
            ast::Stmt::While(repeat) => vec![&repeat.body[..], &repeat.orelse[..]],
            ast::Stmt::With(with) => vec![&with.body[..]],
            ast::Stmt::Try(attempt) => std::iter::once(&attempt.body[..])
                .chain(attempt.handlers.iter().map(|ast::ExceptHandler::ExceptHandler(handler)| &handler.body[..]))
                .chain([&attempt.orelse[..], &attempt.finalbody[..]])
                .collect(),
            ast::Stmt::Match(matching) => matching.cases.iter().map(|case| &case.body[..]).collect(),
            _ => return None,
        })
    }

    /// Whether `statement` is an assignment whose target is the attribute.
    fn assigns(&self, statement: &ast::Stmt) -> bool {
        let is_target = |target: &ast::Expr| {
            matches!(target, ast::Expr::Attribute(attribute)
                if attribute.attr.as_str() == self.name && matches!(&*attribute.value, ast::Expr::Name(receiver) if receiver.id.as_str() == self.receiver))
        };
        match statement {
            ast::Stmt::Assign(assign) => assign.targets.iter().any(is_target),
            ast::Stmt::AnnAssign(assign) => assign.value.is_some() && is_target(&assign.target),
            ast::Stmt::AugAssign(assign) => is_target(&assign.target),
            _ => false,
        }
    }
}

/// `__x` (not a dunder): mangled per class, so a subclass's `__x` is another attribute.
fn is_private_name(name: &str) -> bool {
    name.starts_with("__") && !name.ends_with("__")
}

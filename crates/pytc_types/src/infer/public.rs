//! Public symbol types: what other scopes and modules see of a name, computed from its
//! declarations (or, without any, its bindings at the end of the scope). These queries
//! depend only on declarations and on code of the scope itself, never on function bodies
//! elsewhere, so editing a function does not re-infer importers.

use pytc_db::{Db, File};
use pytc_semantic::{ConstraintId, DefinitionKind, ScopeId, SymbolId, UnitId, scope_index, unit_index};

use crate::semantic::DefinitionRef;
use crate::types::{Type, UnionBuilder};

/// A symbol name, interned so it can key queries.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct SymbolName<'db> {
    #[returns(ref)]
    pub text: Box<str>,
}

/// The type of a module-level name of `file`, or `Unknown` when it has none... callers
/// that must distinguish "missing" use `module_symbol`.
pub fn module_symbol_type<'db>(db: &'db dyn Db, file: File, name: &str) -> Type<'db> {
    module_symbol(db, file, name).unwrap_or(Type::UNKNOWN)
}

/// The type of a module-level name of `file`, or `None` when the module does not bind it.
pub fn module_symbol<'db>(db: &'db dyn Db, file: File, name: &str) -> Option<Type<'db>> {
    module_symbol_query(db, file, SymbolName::new(db, name))
}

/// The public type of one module-level name. A query: every import and every use of a
/// builtin asks for it.
#[salsa::tracked(returns(copy), cycle_result = module_symbol_cycle)]
fn module_symbol_query<'db>(db: &'db dyn Db, file: File, name: SymbolName<'db>) -> Option<Type<'db>> {
    let index = unit_index(db, file, UnitId::SKELETON);
    let text = name.text(db);
    // Computed here rather than through `symbol_public_type`: this query already memoises
    // the name, and one query less per module cuts by a quarter what a cycle of imports through
    // module-level values records (salsa keeps, for each query in a cycle, the dependencies
    // of every query below it).
    if let Some(symbol) = index.symbol_table(ScopeId::MODULE).symbol_id(text)
        && let Some(ty) = symbol_public_type_from(db, file, ScopeId::MODULE, symbol, &|_| true)
    {
        return Some(ty);
    }
    star_imported_symbol(db, file, name)
}

/// Whether a module-level name of `file` has a declared type (`x: int = 1`, a `def`, a
/// `class`, an import) rather than one inferred from plain assignments (`x = 1`).
pub(crate) fn module_symbol_declared(db: &dyn Db, file: File, name: &str) -> bool {
    let Some(symbol) = unit_index(db, file, UnitId::SKELETON).symbol_table(ScopeId::MODULE).symbol_id(name) else { return true };
    !scope_index(db, file, ScopeId::MODULE).use_def_map(ScopeId::MODULE).declarations(symbol).is_empty()
}

/// Whether every declaration of a module-level name of `file` is an annotated assignment
/// (`retries: int = 3`): a variable whose type its module states rather than imports or
/// infers.
pub(crate) fn module_symbol_annotated(db: &dyn Db, file: File, name: &str) -> bool {
    let index = scope_index(db, file, ScopeId::MODULE);
    let Some(symbol) = index.symbol_table(ScopeId::MODULE).symbol_id(name) else { return false };
    let declarations = index.use_def_map(ScopeId::MODULE).declarations(symbol);
    !declarations.is_empty()
        && declarations.iter().all(|declaration| matches!(index.definition(*declaration).kind, DefinitionKind::AnnotatedAssignment(_)))
}

/// A name of `file` that one of its module-level `from m import *` brings in, or `None`. A
/// query apart from `module_symbol_query` because star imports re-export what they import:
/// `from a import *` in `b` and `from b import *` in `c` gives `c` the names of `a`, and two
/// modules that star-import each other make a cycle, which ends as "not provided".
#[salsa::tracked(returns(copy), cycle_result = star_imported_symbol_cycle)]
pub(crate) fn star_imported_symbol<'db>(db: &'db dyn Db, file: File, name: SymbolName<'db>) -> Option<Type<'db>> {
    let index = unit_index(db, file, UnitId::SKELETON);
    for star_import in index.star_imports(ScopeId::MODULE) {
        let definition = DefinitionRef::of(db, file, *star_import);
        if let DefinitionKind::StarImport(import) = &definition.definition(db).kind {
            let mut context = crate::infer::InferContext::quiet(db, file, ScopeId::MODULE);
            if let Some(ty) = context.star_import_member(&import.stmt, name.text(db)) {
                return Some(ty);
            }
        }
    }
    None
}

fn star_imported_symbol_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _file: File, _name: SymbolName<'db>) -> Option<Type<'db>> {
    None
}

fn module_symbol_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _file: File, _name: SymbolName<'db>) -> Option<Type<'db>> {
    Some(Type::UNKNOWN)
}

/// The public type of `symbol` in `scope`: the union of its declared types when it has
/// declarations, else of its bindings visible at the end of the scope. `None` when the
/// symbol is never bound there.
pub fn symbol_public_type<'db>(db: &'db dyn Db, file: File, scope: ScopeId, symbol: SymbolId) -> Option<Type<'db>> {
    symbol_public_type_query(db, file, scope.as_u32(), symbol.as_u32())
}

/// `symbol_public_type`, memoised per symbol. A query because every use of a name that
/// reads a whole scope (names in stubs and deferred annotations, class members, enclosing
/// scopes) asks for it: without it, each of `n` declarations `a: a` in a stub read all `n`
/// declarations of `a` itself, `n²` dependencies in one cycle, which salsa's cycle handling
/// made cubic. With it, every declaration depends on this one query, and a name whose type
/// depends on itself is `Unknown`.
#[salsa::tracked(returns(copy), cycle_result = symbol_public_type_cycle)]
fn symbol_public_type_query<'db>(db: &'db dyn Db, file: File, scope: u32, symbol: u32) -> Option<Type<'db>> {
    symbol_public_type_from(db, file, ScopeId::from_u32(scope), SymbolId::from_u32(symbol), &|_| true)
}

fn symbol_public_type_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _file: File, _scope: u32, _symbol: u32) -> Option<Type<'db>> {
    Some(Type::UNKNOWN)
}

/// A module-level name as the module itself imports it (`from .live import Live` inside
/// `live.py`): its public type from every binding except such self-imports, which would
/// otherwise depend on themselves. `None` when nothing else binds it.
pub fn module_symbol_for_self_import<'db>(db: &'db dyn Db, file: File, name: &str) -> Option<Type<'db>> {
    let symbol = unit_index(db, file, UnitId::SKELETON).symbol_table(ScopeId::MODULE).symbol_id(name)?;
    let is_self_import = |definition: DefinitionRef<'db>| match &definition.definition(db).kind {
        DefinitionKind::ImportFrom(import) => {
            let module = import.stmt.module.as_ref().map(|module| module.as_str());
            pytc_module_resolver::resolve_import(db, file, module, import.stmt.level).is_ok_and(|module| module.file == Some(file))
        }
        _ => false,
    };
    symbol_public_type_from(db, file, ScopeId::MODULE, symbol, &|definition| !is_self_import(definition))
}

/// `symbol_public_type` over the declarations and bindings `include` accepts.
fn symbol_public_type_from<'db>(
    db: &'db dyn Db,
    file: File,
    scope: ScopeId,
    symbol: SymbolId,
    include: &dyn Fn(DefinitionRef<'db>) -> bool,
) -> Option<Type<'db>> {
    let index = scope_index(db, file, scope);
    let use_def = index.use_def_map(scope);
    let declarations = use_def.declarations(symbol);
    let mut declared = UnionBuilder::new(db);
    let mut any_declared = false;
    for declaration in declarations {
        let definition = DefinitionRef::of(db, file, *declaration);
        // `def`, `class` and imports declare by binding: their public bindings say which
        // one is visible (the last overload, the branch taken).
        if !matches!(definition.definition(db).kind, DefinitionKind::AnnotatedAssignment(_)) {
            continue;
        }
        if let Some(ty) = crate::infer::definition::declared_type(db, definition) {
            declared.add(ty);
            any_declared = true;
        }
    }
    if any_declared {
        return Some(declared.build());
    }
    let bindings = use_def.public_bindings(symbol);
    let mut builder = UnionBuilder::new(db);
    let mut any = false;
    for reaching in bindings.iter() {
        if reaching.constraint == ConstraintId::ALWAYS_FALSE {
            continue;
        }
        if let pytc_semantic::Binding::Definition(definition) = reaching.binding {
            let definition_ref = DefinitionRef::of(db, file, definition);
            if !definition_ref.definition(db).is_binding() || !include(definition_ref) {
                continue;
            }
            let ty = crate::infer::definition::binding_type(db, definition_ref);
            // A star import that does not provide the name binds nothing.
            if ty.is_never() && matches!(definition_ref.definition(db).kind, DefinitionKind::StarImport(_)) {
                continue;
            }
            let ty = crate::narrow::public_star_import_filter(db, file, scope, symbol, reaching.constraint, ty);
            builder.add(ty);
            any = true;
        }
    }
    any.then(|| builder.build())
}

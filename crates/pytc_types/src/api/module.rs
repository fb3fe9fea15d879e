//! A module's public API: the names of its library interface (plus what its
//! `from m import *` statements re-export), each classified by its type.

use pytc_db::{Db, File};
use pytc_semantic::{DefinitionKind, ScopeId, semantic_index};
use pytc_syntax::TextRange;
use rustc_hash::FxHashMap;

use super::class::class_api;
use super::model::{ApiLocation, ApiModule, ApiSymbol, ApiSymbolKind, ApiType, ApiTypeVar, ApiVariable};
use super::signature::function_api;
use crate::infer::public::{module_symbol, module_symbol_declared};
use crate::semantic::DefinitionRef;
use crate::types::{Type, TypeVarKind, Variance};

/// The public API of the module `file`.
pub fn module_api<'db>(db: &'db dyn Db, file: File) -> ApiModule<'db> {
    let names = super::public_names(db, file).to_vec();
    let bindings = module_bindings(db, file);
    let mut symbols = Vec::new();
    let mut missing_from_module = Vec::new();
    for name in names {
        if is_runtime_metadata(&name) {
            continue;
        }
        let Some(ty) = module_symbol(db, file, &name) else {
            missing_from_module.push(name);
            continue;
        };
        let binding = bindings.get(name.as_str());
        let range = binding.map_or(TextRange::default(), |binding| binding.first_range);
        let location = ApiLocation { file, range };
        let declaration = Declaration {
            declared: module_symbol_declared(db, file, &name),
            class_var: false,
            is_final: crate::definitions::final_reassignment::is_declared_final(db, file, ScopeId::MODULE, &name),
            // A name only a star import brings has no binding of its own.
            imported: binding.is_none_or(|binding| binding.only_imports),
        };
        let kind = symbol_kind(db, ty, declaration, None);
        symbols.push(ApiSymbol { name, location, kind, defined_in: defining_file(db, ty) });
    }
    ApiModule { file, symbols, missing_from_module }
}

/// How a module-level name is bound: where first, and whether only by imports.
struct ModuleBinding {
    first_range: TextRange,
    only_imports: bool,
}

/// The module-level bindings of `file` by name, in one pass over its definitions (a module
/// may bind thousands of names).
fn module_bindings(db: &dyn Db, file: File) -> FxHashMap<String, ModuleBinding> {
    let index = semantic_index(db, file);
    let table = index.symbol_table(ScopeId::MODULE);
    let mut bindings: FxHashMap<String, ModuleBinding> = FxHashMap::default();
    for (_, definition) in index.definitions() {
        let Some(symbol) = definition.symbol().filter(|_| definition.scope == ScopeId::MODULE) else { continue };
        let is_import = matches!(definition.kind, DefinitionKind::Import(_) | DefinitionKind::ImportFrom(_) | DefinitionKind::StarImport(_));
        let binding = bindings
            .entry(table.symbol(symbol).name.to_string())
            .or_insert(ModuleBinding { first_range: definition.name_range, only_imports: true });
        binding.only_imports &= is_import;
    }
    bindings
}

/// Names the runtime gives a module or class for its own machinery (`__slots__`,
/// `__module__`, ...): not part of the typed API, so neither listed, scored nor compared.
/// (`__match_args__` is API: class patterns match by it.)
pub(super) fn is_runtime_metadata(name: &str) -> bool {
    matches!(
        name,
        "__slots__"
            | "__module__"
            | "__qualname__"
            | "__doc__"
            | "__dict__"
            | "__weakref__"
            | "__annotations__"
            | "__all__"
            | "__orig_bases__"
            | "__parameters__"
            | "__firstlineno__"
            | "__static_attributes__"
            | "__path__"
            | "__file__"
            | "__name__"
            | "__spec__"
            | "__loader__"
            | "__package__"
            | "__cached__"
            | "__builtins__"
    )
}

/// Where `name` is first bound in `scope` of `file` (the start of the file when nothing in
/// that scope binds it, as for a name a star import brings).
pub(super) fn name_location(db: &dyn Db, file: File, scope: ScopeId, name: &str) -> ApiLocation {
    let index = semantic_index(db, file);
    let symbol = index.symbol_table(scope).symbol_id(name);
    let range = index
        .definitions()
        .find(|(_, definition)| definition.scope == scope && symbol.is_some() && definition.symbol() == symbol)
        .map_or(TextRange::default(), |(_, definition)| definition.name_range);
    ApiLocation { file, range }
}

/// How a name is declared, beyond its type.
#[derive(Debug, Clone, Copy)]
pub(super) struct Declaration {
    /// An annotation (or `Final`) declares its type, rather than its value.
    pub declared: bool,
    pub class_var: bool,
    pub is_final: bool,
    /// Bound only by `import` statements.
    pub imported: bool,
}

/// What a public name is, from its type. `owner` is the class body a member belongs to: a
/// class defined in that body is a nested class; a class object from elsewhere held by a
/// member is an attribute.
pub(super) fn symbol_kind<'db>(
    db: &'db dyn Db,
    ty: Type<'db>,
    declaration: Declaration,
    owner: Option<(File, ScopeId)>,
) -> ApiSymbolKind<'db> {
    match ty {
        Type::ClassObject(class) if class.arguments(db).is_empty() && owner.is_none_or(|owner| defined_in(db, class.class(db), owner)) => {
            ApiSymbolKind::Class(class_api(db, class.class(db)))
        }
        Type::ClassObject(class) if !class.arguments(db).is_empty() => ApiSymbolKind::TypeAlias(ApiType::new(db, Type::Instance(class))),
        Type::Function(function) => ApiSymbolKind::Function(function_api(db, function)),
        Type::Module(file) => ApiSymbolKind::Module(crate::modules::module_name_of(db, file).unwrap_or_default()),
        Type::TypeVarObject(typevar) => ApiSymbolKind::TypeVar(ApiTypeVar {
            kind: match typevar.kind(db) {
                TypeVarKind::TypeVar => "TypeVar",
                TypeVarKind::ParamSpec => "ParamSpec",
                TypeVarKind::TypeVarTuple => "TypeVarTuple",
            },
            bound: typevar.bound(db).map(|bound| ApiType::new(db, bound)),
            constraints: typevar.constraints(db).iter().map(|constraint| ApiType::new(db, *constraint)).collect(),
            variance: match typevar.variance(db) {
                Variance::Invariant => "invariant",
                Variance::Covariant => "covariant",
                Variance::Contravariant => "contravariant",
                Variance::Inferred => "inferred",
            },
        }),
        Type::TypeAlias(alias) => ApiSymbolKind::TypeAlias(ApiType::new(db, crate::infer::stmt::type_alias_value(db, alias))),
        Type::TypeForm(form) => ApiSymbolKind::TypeAlias(ApiType::new(db, form.denoted(db))),
        _ => ApiSymbolKind::Variable(ApiVariable {
            ty: ApiType::new(db, ty),
            declared: declaration.declared,
            class_var: declaration.class_var,
            is_final: declaration.is_final,
            imported: declaration.imported,
        }),
    }
}

/// The file of the `class` or `def` a class object or function comes from.
pub(super) fn defining_file(db: &dyn Db, ty: Type<'_>) -> Option<File> {
    match ty {
        Type::ClassObject(class) => Some(class.class(db).file(db)),
        Type::Function(function) => Some(function.file(db)),
        _ => None,
    }
}

/// Whether `class` is defined directly in the scope `owner`.
fn defined_in(db: &dyn Db, class: crate::types::ClassLiteral<'_>, owner: (File, ScopeId)) -> bool {
    class.file(db) == owner.0 && DefinitionRef::new(db, class.file(db), class.definition(db)).definition(db).scope == owner.1
}

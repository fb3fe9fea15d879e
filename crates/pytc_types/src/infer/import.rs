//! Imports: the module bound by `import a.b`, the member bound by `from m import x`
//! (a module attribute or a submodule), and star imports.

use pytc_db::declare_rule;
use pytc_module_resolver::{is_fallback_import, is_optional_import, resolve_import};
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::infer::InferContext;
use crate::infer::public::{module_symbol, module_symbol_for_self_import};
use crate::modules::module_file;
use crate::types::Type;

declare_rule! {
    /// `from module import name` where the module exists but does not define `name`.
    ///
    /// ```python
    /// from os import does_not_exist  # error: [unresolved-import-member]
    /// ```
    pub static UNRESOLVED_IMPORT_MEMBER = {
        name: "unresolved-import-member",
        summary: "an imported name is not defined by the module",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// The module `import a.b.c` binds: `a` (or `a.b.c` itself with `as`).
    pub(crate) fn import_type(&mut self, alias: &ast::Alias, binds_full_module: bool) -> Type<'db> {
        let full = alias.name.as_str();
        let name = if binds_full_module { full } else { full.split('.').next().unwrap_or(full) };
        match module_file(self.db, name) {
            Some(file) => Type::Module(file),
            None => Type::UNKNOWN,
        }
    }

    /// The type `from m import x` binds to `x`.
    pub(crate) fn import_from_type(&mut self, stmt: &ast::StmtImportFrom, alias: &ast::Alias) -> Type<'db> {
        let db = self.db;
        let Ok(module) = resolve_import(db, self.file, stmt.module.as_ref().map(|m| m.as_str()), stmt.level) else {
            return Type::UNKNOWN;
        };
        let name = alias.name.as_str();
        let submodule = format!("{}.{name}", module.name.as_str());
        if let Some(file) = module.file {
            let found = if file == self.file {
                // A package's `__init__` importing from itself (`from . import path as _path`
                // in `os/__init__.pyi`): the attribute is what importing the submodule
                // creates, so the submodule wins over later bindings of the name.
                if let Some(submodule) = module_file(db, &submodule) {
                    return Type::Module(submodule);
                }
                module_symbol_for_self_import(db, file, name)
            } else if self.is_cut_import(alias) {
                // On a cycle of module-level values through other modules: see
                // `import_cycles`.
                return Type::UNKNOWN;
            } else {
                module_symbol(db, file, name)
            };
            match found {
                Some(ty) if file == self.file || pytc_semantic::is_importable_from(db, file, name) => return ty,
                // A stub's own import that it does not re-export: a submodule of the same
                // name is what the import finds, else it is an error (with the type kept).
                Some(ty) => {
                    if let Some(submodule) = module_file(db, &submodule) {
                        return Type::Module(submodule);
                    }
                    if is_optional_import(db, self.file, stmt.range) || is_fallback_import(db, self.file, stmt.range) {
                        return ty;
                    }
                    self.report(
                        alias.range,
                        &UNRESOLVED_IMPORT_MEMBER,
                        format!(
                            "Module `{}` does not export `{name}`: a stub re-exports an imported name only as `import x as x`, `from m import x as x` or through `__all__`",
                            module.name.as_str()
                        ),
                    );
                    return ty;
                }
                None => {}
            }
        }
        // A submodule of a package.
        if let Some(file) = module_file(db, &submodule) {
            return Type::Module(file);
        }
        // What every module has without binding it (`from ._impl import __doc__`); only a
        // package has `__path__`.
        if module.file.is_some()
            && (name != "__path__" || module.is_package())
            && let Some(implicit) = crate::infer::implicit_globals::implicit_module_global(db, name)
        {
            return implicit;
        }
        if let Some(file) = module.file
            && let Some(Type::Function(getattr)) = module_symbol(db, file, "__getattr__")
        {
            return getattr.return_type(db);
        }
        if let Some(file) = module.file
            && !is_optional_import(db, self.file, stmt.range)
            && !binds_only_after_module_stops(db, file, name)
        {
            self.report(
                alias.range,
                &UNRESOLVED_IMPORT_MEMBER,
                format!("Module `{}` has no member `{name}`", module.name.as_str()),
            );
        }
        Type::UNKNOWN
    }

    /// True when the module-level import that binds `alias` is cut (see `import_cycles`).
    fn is_cut_import(&self, alias: &ast::Alias) -> bool {
        self.index.definitions_for_node(alias.node_index().load()).iter().any(|definition| {
            self.index.definition(*definition).scope == pytc_semantic::ScopeId::MODULE
                && crate::infer::import_cycles::is_cut_import(self.db, self.file, *definition)
        })
    }

    /// The type `from m import *` gives the name `name`.
    /// `Never` when the module does not export the name (that path binds nothing).
    pub(crate) fn star_import_type(&mut self, stmt: &ast::StmtImportFrom, name: &str) -> Type<'db> {
        self.star_import_member(stmt, name).unwrap_or(Type::Never)
    }

    /// `name` as provided by `from m import *`, when `m` exports it.
    pub(crate) fn star_import_member(&mut self, stmt: &ast::StmtImportFrom, name: &str) -> Option<Type<'db>> {
        let db = self.db;
        let module = resolve_import(db, self.file, stmt.module.as_ref().map(|m| m.as_str()), stmt.level).ok()?;
        let file = module.file?;
        if file == self.file {
            return None;
        }
        let exported = pytc_semantic::exported_names(db, file);
        if exported.names.iter().any(|exported_name| exported_name.as_str() == name) {
            return module_symbol(db, file, name).or(Some(Type::UNKNOWN));
        }
        // Without `__all__`, the public names the module's own star imports bring in are
        // re-exported too.
        if exported.from_dunder_all || exported.star_reexports.is_empty() || name.starts_with('_') {
            return None;
        }
        let name = crate::infer::public::SymbolName::new(db, name);
        crate::infer::public::star_imported_symbol(db, file, name)
    }
}

/// True when the module `file` never finishes executing for the target version and
/// platform (its top level always raises, as a Windows-only module does elsewhere after
/// `if sys.platform != "win32": raise ImportError`) and `name` is one of its module-level
/// names: every binding of it is unreachable, but importing it cannot fail at a point the
/// importer reaches, so it is `Unknown` rather than missing.
fn binds_only_after_module_stops(db: &dyn pytc_db::Db, file: pytc_db::File, name: &str) -> bool {
    let index = pytc_semantic::unit_index(db, file, pytc_semantic::UnitId::SKELETON);
    index.use_def_map(pytc_semantic::ScopeId::MODULE).end_reachability() == pytc_semantic::ConstraintId::ALWAYS_FALSE
        && index
            .symbol_table(pytc_semantic::ScopeId::MODULE)
            .symbol_id(name)
            .is_some_and(|symbol| index.symbol_table(pytc_semantic::ScopeId::MODULE).symbol(symbol).is_bound())
}

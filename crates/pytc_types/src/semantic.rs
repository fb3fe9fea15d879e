//! Salsa handles on the semantic index's per-file ids, so queries can be keyed by one
//! definition, plus small helpers over the index.

use pytc_db::{Db, File};
use pytc_semantic::{DefinitionId, SemanticIndex, definition_index, semantic_index};

/// One definition of one file: the unit of declaration-level inference.
#[salsa::interned(debug, revisions = usize::MAX)]
pub struct DefinitionRef<'db> {
    #[returns(copy)]
    pub file: File,
    #[returns(copy)]
    pub id: u32,
}

impl<'db> DefinitionRef<'db> {
    pub fn of(db: &'db dyn Db, file: File, id: DefinitionId) -> Self {
        DefinitionRef::new(db, file, id.as_u32())
    }

    pub fn definition_id(self, db: &'db dyn Db) -> DefinitionId {
        DefinitionId::from_u32(self.id(db))
    }

    /// The index, read on behalf of the unit the definition belongs to: what the definition's
    /// node and its scope's tables say is tracked by that unit's fingerprint.
    pub fn index(self, db: &'db dyn Db) -> &'db SemanticIndex {
        definition_index(db, self.file(db), self.definition_id(db))
    }

    pub fn definition(self, db: &'db dyn Db) -> &'db pytc_semantic::Definition {
        self.index(db).definition(self.definition_id(db))
    }
}

/// The name of the symbol a definition binds (`None` for place definitions like `self.x`).
pub fn definition_symbol_name(db: &dyn Db, definition: DefinitionRef<'_>) -> Option<String> {
    let semantic = definition.definition(db);
    let symbol = semantic.symbol()?;
    Some(definition.index(db).symbol_table(semantic.scope).symbol(symbol).name.to_string())
}

/// The declared type of the symbol a (non-declaring) binding assigns to, when the symbol
/// has declarations in the same scope (annotated assignments, or an annotated parameter:
/// `def f(x: int): x = "s"` is an error, and `x = []` is inferred as the parameter's type).
pub fn symbol_declared_type<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>) -> Option<crate::types::Type<'db>> {
    let semantic = definition.definition(db);
    let symbol = semantic.symbol()?;
    let index = definition.index(db);
    let declarations = index.use_def_map(semantic.scope).declarations(symbol);
    let mut declared = Vec::new();
    for declaration in declarations {
        let declaration = DefinitionRef::of(db, definition.file(db), *declaration);
        if !matches!(declaration.definition(db).kind, pytc_semantic::DefinitionKind::AnnotatedAssignment(_) | pytc_semantic::DefinitionKind::Parameter(_)) {
            continue;
        }
        if let Some(ty) = crate::infer::definition::declared_type(db, declaration) {
            declared.push(ty);
        }
    }
    if declared.is_empty() { None } else { Some(crate::types::Type::union_of(db, declared)) }
}

/// The class object of a `class` statement that declares the symbol a binding assigns to,
/// in the same scope.
pub fn symbol_class_declaration<'db>(db: &'db dyn Db, definition: DefinitionRef<'db>) -> Option<crate::types::Type<'db>> {
    let semantic = definition.definition(db);
    let symbol = semantic.symbol()?;
    let declarations = definition.index(db).use_def_map(semantic.scope).declarations(symbol);
    declarations.iter().find_map(|declaration| {
        let declaration = DefinitionRef::of(db, definition.file(db), *declaration);
        matches!(declaration.definition(db).kind, pytc_semantic::DefinitionKind::Class(_))
            .then(|| crate::infer::definition::binding_type(db, declaration))
    })
}

/// The semantic index, read on behalf of the unit a class is defined in (its body, its
/// methods and the module skeleton are tracked by that unit).
pub fn class_index<'db>(db: &'db dyn Db, class: crate::types::ClassLiteral<'db>) -> &'db SemanticIndex {
    DefinitionRef::new(db, class.file(db), class.definition(db)).index(db)
}

/// The whole semantic index of the file (a query that reads it re-runs on every edit of
/// the file; prefer `class_index`, `pytc_semantic::scope_index` or `DefinitionRef::index`).
pub fn index(db: &dyn Db, file: File) -> &SemanticIndex {
    semantic_index(db, file)
}

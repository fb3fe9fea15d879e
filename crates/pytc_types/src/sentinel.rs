//! Which assignments create sentinel objects (PEP 661): `NAME = sentinel("NAME")` (or the
//! older spelling `Sentinel(...)`) with one name as the target, at module level or in a
//! class body that is not within a function. Elsewhere the call makes a plain `sentinel`
//! instance, which is not valid in a type expression.

use pytc_db::Db;
use pytc_semantic::{DefinitionKind, ScopeKind, SemanticIndex};
use pytc_syntax::ast;

use crate::modules::KnownModule;
use crate::semantic::DefinitionRef;
use crate::types::{SentinelType, Type};

/// The sentinel `definition` creates, given the type of its assigned value.
pub(crate) fn sentinel_of_assignment<'db>(db: &'db dyn Db, index: &SemanticIndex, definition: DefinitionRef<'db>, value: Type<'db>) -> Option<Type<'db>> {
    let Type::Instance(class) = value else { return None };
    let class = class.class(db);
    let module_is = |module: KnownModule| module.is(db, class.file(db));
    if &**class.name(db) != "sentinel" || !(module_is(KnownModule::TypingExtensions) || module_is(KnownModule::Builtins)) {
        return None;
    }
    let semantic = definition.definition(db);
    let DefinitionKind::Assignment(assignment) = &semantic.kind else { return None };
    let ([ast::Expr::Name(target)], ast::Expr::Call(_)) = (&assignment.stmt.targets[..], &*assignment.stmt.value) else { return None };
    let mut qualified = vec![target.id.as_str()];
    let mut scope = Some(semantic.scope);
    while let Some(scope_id) = scope {
        let info = index.scope(scope_id);
        match info.kind {
            ScopeKind::Module => {}
            ScopeKind::Class => qualified.extend(info.name.as_deref()),
            _ => return None,
        }
        scope = info.parent;
    }
    qualified.reverse();
    Some(Type::Sentinel(SentinelType::new(db, definition.file(db), definition.definition_id(db).as_u32(), qualified.join(".").into_boxed_str(), class)))
}

//! The type hover shows at a position: on a name a definition binds (an assignment or
//! unpacking target, a `for`/`with`/`except`/walrus/comprehension target, a `match`
//! capture, an attribute target, a parameter, a `def`/`class`/import name) the type the
//! binding gives it — the declared type when the name (or attribute) has one, else the type
//! inferred for that binding — and on any other expression the type the check recorded
//! there (narrowed at that point).

use pytc_db::{Db, File};
use pytc_semantic::{Definition, DefinitionId, DefinitionKind};
use pytc_syntax::ast::{self, HasNodeIndex};
use pytc_syntax::{TextRange, TextSize};

use super::{expression_type, innermost_expression};
use crate::semantic::DefinitionRef;
use crate::types::Type;

/// What the thing under the cursor is, so the editor can show a name beside its type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HoverKind {
    /// A variable, an attribute or a parameter: shown as `name: type`.
    Variable,
    /// A function, class, module, type parameter or alias, or any other expression: the type
    /// says it all (`def f(x: int) -> str`, `type[C]`).
    Value,
}

/// The type at a position, with the range it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeAtPosition {
    pub range: TextRange,
    /// The name (for a `Variable`) as written at the position.
    pub name: String,
    pub kind: HoverKind,
    pub type_display: String,
}

/// The type at `offset`: of the name a definition binds there, else of the innermost
/// expression. `None` outside every name and expression.
pub fn type_at_position(db: &dyn Db, file: File, offset: TextSize) -> Option<TypeAtPosition> {
    let (found, ty) = typed_position(db, file, offset)?;
    Some(TypeAtPosition { type_display: ty.display(db), ..found })
}

/// The type at `offset` (as `type_at_position` finds it) and where it is described.
pub(super) fn typed_position<'db>(db: &'db dyn Db, file: File, offset: TextSize) -> Option<(TypeAtPosition, Type<'db>)> {
    let parsed = pytc_db::parsed_module(db, file);
    let expression = innermost_expression(parsed.syntax(), offset);
    let index = pytc_semantic::semantic_index(db, file);
    let binding = binding_site_at(index, offset);
    if let Some((id, definition)) = binding {
        // `self` in `self.x = ...` is a use inside the target: the expression wins.
        let inside_target = expression
            .as_ref()
            .is_some_and(|found| definition.name_range.contains_range(found.range) && definition.name_range != found.range);
        if !inside_target {
            return binding_site_type(db, file, id, definition);
        }
    }
    let found = expression?;
    let ty = expression_type(db, file, found.node)?;
    let (name, kind) = match found.expression {
        ast::Expr::Name(name) => (name.id.to_string(), variable_kind(ty)),
        ast::Expr::Attribute(attribute) => (attribute.attr.id.to_string(), variable_kind(ty)),
        _ => (String::new(), HoverKind::Value),
    };
    Some((TypeAtPosition { range: found.range, name, kind, type_display: String::new() }, ty))
}

/// A name whose value is a function, class or module is shown by its type alone.
fn variable_kind(ty: Type<'_>) -> HoverKind {
    match ty {
        Type::Function(_) | Type::BoundMethod(_) | Type::ClassObject(_) | Type::Module(_) | Type::TypeVarObject(_) | Type::TypeAlias(_) => {
            HoverKind::Value
        }
        _ => HoverKind::Variable,
    }
}

/// The definition whose bound name contains `offset` (the narrowest, for nested ranges).
fn binding_site_at(index: &pytc_semantic::SemanticIndex, offset: TextSize) -> Option<(DefinitionId, &Definition)> {
    index
        .definitions()
        .filter(|(_, definition)| {
            definition.name_range.contains_inclusive(offset)
                && !matches!(definition.kind, DefinitionKind::StarImport(_) | DefinitionKind::Delete(_))
        })
        .min_by_key(|(_, definition)| definition.name_range.len())
}

fn binding_site_type<'db>(db: &'db dyn Db, file: File, id: DefinitionId, definition: &Definition) -> Option<(TypeAtPosition, Type<'db>)> {
    let definition_ref = DefinitionRef::of(db, file, id);
    let source = pytc_db::source_text(db, file);
    let range = definition.name_range;
    let written = source.get(range.to_std_range()).unwrap_or_default();
    let kind = match definition.kind {
        DefinitionKind::Function(_)
        | DefinitionKind::Class(_)
        | DefinitionKind::Import(_)
        | DefinitionKind::ImportFrom(_)
        | DefinitionKind::TypeParameter(_)
        | DefinitionKind::TypeAlias(_) => HoverKind::Value,
        _ => HoverKind::Variable,
    };
    let ty = match definition.symbol() {
        Some(_) => symbol_binding_type(db, definition_ref, definition),
        None => attribute_target_type(db, file, definition).unwrap_or_else(|| crate::infer::definition::binding_type(db, definition_ref)),
    };
    let name = match kind {
        HoverKind::Variable => written.rsplit('.').next().unwrap_or(written).trim().to_string(),
        HoverKind::Value => String::new(),
    };
    let kind = if kind == HoverKind::Variable { variable_kind(ty) } else { kind };
    Some((TypeAtPosition { range, name, kind, type_display: String::new() }, ty))
}

/// What the binding `definition` declares its target holds: a name's or parameter's
/// declared type, an attribute's type as readers see it; `None` for an undeclared name.
pub(super) fn declared_binding_type<'db>(db: &'db dyn Db, file: File, id: DefinitionId, definition: &Definition) -> Option<Type<'db>> {
    let definition_ref = DefinitionRef::of(db, file, id);
    match definition.symbol() {
        Some(_) if definition.is_declaration() => crate::infer::definition::declared_type(db, definition_ref),
        Some(_) => crate::semantic::symbol_declared_type(db, definition_ref),
        None => attribute_target_type(db, file, definition),
    }
}

/// A name's declared type (its own annotation, or a declaration of the same name in the
/// same scope), else the type this binding assigns.
fn symbol_binding_type<'db>(db: &'db dyn Db, definition_ref: DefinitionRef<'db>, definition: &Definition) -> Type<'db> {
    use crate::infer::definition::{binding_type, declared_type};
    let declared = if definition.is_declaration() {
        declared_type(db, definition_ref)
    } else {
        crate::semantic::symbol_declared_type(db, definition_ref)
    };
    declared.unwrap_or_else(|| binding_type(db, definition_ref))
}

/// `obj.attr` as a target: the attribute's type as a reader of `obj.attr` sees it (its
/// declared type, or the values the class assigns to it).
fn attribute_target_type<'db>(db: &'db dyn Db, file: File, definition: &Definition) -> Option<Type<'db>> {
    let parsed = pytc_db::parsed_module(db, file);
    let attribute = attribute_at(parsed.syntax(), definition.name_range)?;
    let object = expression_type(db, file, attribute.value.node_index().load())?;
    crate::infer::attribute::member_access(db, object, attribute.attr.as_str()).found()
}

/// The attribute expression with exactly `range` (the innermost expression at its end: no
/// sub-expression of `a.b` reaches the end of `b`).
fn attribute_at(module: &ast::ModModule, range: TextRange) -> Option<&ast::ExprAttribute> {
    match innermost_expression(module, range.end())?.expression {
        ast::Expr::Attribute(attribute) if attribute.range == range => Some(attribute),
        _ => None,
    }
}

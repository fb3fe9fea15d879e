//! The openness of a TypedDict (PEP 728): open (other keys may hold anything), closed
//! (`closed=True`: no other key) or with extra items (`extra_items=T`: any other key holds a
//! `T`, read-only with `ReadOnly[T]`). A class without `closed=`/`extra_items=` inherits
//! its TypedDict bases' openness.

use pytc_db::Db;
use pytc_semantic::DefinitionKind;
use pytc_syntax::ast;

use crate::class;
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, ClassType, SpecialForm, Type};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum Openness<'db> {
    Open,
    Closed,
    Extra { ty: Type<'db>, read_only: bool },
}

impl<'db> Openness<'db> {
    /// The extra items this openness amounts to for assignability: an open TypedDict has
    /// read-only extra items of type `object`, a closed one mutable extra items of type
    /// `Never` (no value can be added under another key).
    pub(crate) fn as_extra_items(self, db: &'db dyn Db) -> (Type<'db>, bool) {
        match self {
            Openness::Open => (crate::class::KnownClass::Object.instance(db), true),
            Openness::Closed => (Type::Never, false),
            Openness::Extra { ty, read_only } => (ty, read_only),
        }
    }
}

/// The `closed=`/`extra_items=` keywords of a TypedDict class statement or `TypedDict(...)`
/// call, with the definition to evaluate them in.
pub(crate) fn openness_keywords<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<(DefinitionRef<'db>, &'db [ast::Keyword])> {
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    if let DefinitionKind::Class(node) = &definition.definition(db).kind {
        return Some((definition, node.arguments.as_deref().map_or(&[][..], |arguments| &arguments.keywords[..])));
    }
    let (definition, call) = class::functional::typed_dict_call(db, class)?;
    Some((definition, &call.arguments.keywords[..]))
}

/// The openness `class` declares itself; `None` when it has neither keyword (or only an
/// unreadable `closed=`).
#[salsa::tracked]
pub(crate) fn declared_openness<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<Openness<'db>> {
    let (definition, keywords) = openness_keywords(db, class)?;
    let keyword = |name: &str| keywords.iter().find(|keyword| keyword.arg.as_ref().is_some_and(|arg| arg.as_str() == name));
    if let Some(extra) = keyword("extra_items") {
        let mut context = InferContext::for_definition(db, definition);
        let (ty, read_only) = extra_items_type(&mut context, &extra.value);
        return Some(if ty.is_never() { Openness::Closed } else { Openness::Extra { ty, read_only } });
    }
    match &keyword("closed")?.value {
        ast::Expr::BooleanLiteral(literal) if literal.value => Some(Openness::Closed),
        ast::Expr::BooleanLiteral(_) => Some(Openness::Open),
        _ => None,
    }
}

/// The type of `extra_items=`, and whether `ReadOnly[...]` wraps it. Other qualifiers are
/// errors (reported with the definition) and are taken as their operand.
pub(crate) fn extra_items_type<'db>(context: &mut InferContext<'db>, expression: &ast::Expr) -> (Type<'db>, bool) {
    let layers = extra_items_qualifiers(context, expression);
    let item_layers = layers.iter().take_while(|(form, _)| matches!(form, SpecialForm::ReadOnly | SpecialForm::Required | SpecialForm::NotRequired));
    let mut read_only = false;
    let mut operand = expression;
    for (form, wrapped) in item_layers {
        read_only |= *form == SpecialForm::ReadOnly;
        operand = wrapped;
    }
    (context.type_expression(operand), read_only)
}

/// The type qualifiers wrapped around `extra_items=` (`ReadOnly[NotRequired[int]]`),
/// outermost first, each with the expression it wraps; the walk stops at the first
/// subscript that is not a qualifier.
pub(crate) fn extra_items_qualifiers<'a>(context: &mut InferContext<'_>, expression: &'a ast::Expr) -> Vec<(SpecialForm, &'a ast::Expr)> {
    let mut layers = Vec::new();
    let mut current = expression;
    // Each layer unwraps one subscript, so this ends at the expression's depth.
    while let ast::Expr::Subscript(subscript) = current {
        let was_reporting = context.suspend_reporting();
        let head = context.infer_expression(&subscript.value);
        context.resume_reporting(was_reporting);
        let Type::SpecialForm(
            form @ (SpecialForm::ReadOnly | SpecialForm::Required | SpecialForm::NotRequired | SpecialForm::ClassVar | SpecialForm::Final),
        ) = head
        else {
            break;
        };
        layers.push((form, &*subscript.slice));
        current = &subscript.slice;
    }
    layers
}

/// The openness of a TypedDict type: its own declaration, else the first TypedDict in its
/// MRO that declares one, with the type arguments applied to the extra items' type.
pub(crate) fn typed_dict_openness<'db>(db: &'db dyn Db, class: ClassType<'db>) -> Openness<'db> {
    let literal = class.class(db);
    let owner = std::iter::once(literal)
        .chain(class::class_mro(db, literal).classes.iter().map(|entry| entry.class(db)))
        .filter(|owner| class::is_typed_dict(db, *owner))
        .find_map(|owner| declared_openness(db, owner).map(|openness| (owner, openness)));
    match owner {
        Some((owner, Openness::Extra { ty, read_only })) => {
            let view = class::find_ancestor(db, class, owner).unwrap_or(class);
            Openness::Extra { ty: class::specialization_of(db, view).apply(db, ty), read_only }
        }
        Some((_, openness)) => openness,
        None => Openness::Open,
    }
}

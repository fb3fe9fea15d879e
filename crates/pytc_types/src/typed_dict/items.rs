//! The items of a TypedDict class: the annotated names of its body and of its TypedDict
//! bases, with the `Required`/`NotRequired`/`ReadOnly` qualifiers and `total=` applied.

use pytc_db::Db;
use pytc_semantic::DefinitionKind;
use pytc_syntax::ast;

use crate::class::{self, ClassFlags};
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, ClassType, SpecialForm, Type};

/// One key of a TypedDict and what it promises.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TypedDictItem<'db> {
    pub name: Box<str>,
    /// The value type (qualifiers stripped, type arguments of the TypedDict applied).
    pub ty: Type<'db>,
    pub required: bool,
    pub read_only: bool,
}

/// A key declared in one TypedDict class body, before inheritance is applied.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub(crate) struct OwnField {
    pub name: Box<str>,
    pub required: bool,
    pub read_only: bool,
}

/// The keys a TypedDict class body declares, in order. A query: every item lookup
/// (indexing, literals, assignability) needs them and they only change with the body.
#[salsa::tracked(returns(ref))]
pub(crate) fn own_fields<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<OwnField> {
    let Some(scope) = class::members::class_body_scope(db, class) else { return functional_fields(db, class) };
    let file = class.file(db);
    let index = crate::semantic::class_index(db, class);
    let total = !class::flags(db, class).contains(ClassFlags::NOT_TOTAL);
    let use_def = index.use_def_map(scope);
    let mut fields = Vec::new();
    for (symbol_id, symbol) in index.symbol_table(scope).symbols() {
        let Some(declaration) = use_def.declarations(symbol_id).iter().find_map(|declaration| {
            let definition = DefinitionRef::of(db, file, *declaration);
            match &definition.definition(db).kind {
                DefinitionKind::AnnotatedAssignment(assignment) => Some((definition, assignment)),
                _ => None,
            }
        }) else {
            continue;
        };
        let (definition, assignment) = declaration;
        let mut context = InferContext::for_definition(db, definition);
        let qualifiers = qualifiers_of(&mut context, &assignment.stmt.annotation);
        fields.push(OwnField {
            name: symbol.name.as_str().into(),
            // The outermost qualifier wins when they are (wrongly) nested.
            required: qualifiers.required.unwrap_or(total),
            read_only: qualifiers.read_only,
        });
    }
    fields
}

/// The keys of a TypedDict a `TypedDict(...)` call created.
fn functional_fields<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Vec<OwnField> {
    let Some((definition, call)) = class::functional::typed_dict_call(db, class) else { return Vec::new() };
    let Some(items) = class::functional::typed_dict_call_items(call) else { return Vec::new() };
    let total = !class::functional::is_not_total(call);
    let mut context = InferContext::for_definition(db, definition);
    items
        .into_iter()
        .map(|(name, annotation)| {
            let qualifiers = qualifiers_of(&mut context, annotation);
            OwnField { name: name.into_boxed_str(), required: qualifiers.required.unwrap_or(total), read_only: qualifiers.read_only }
        })
        .collect()
}

/// The TypedDict qualifiers wrapped around an annotation.
#[derive(Debug, Default)]
pub(crate) struct Qualifiers {
    /// `Some(true)` for `Required[...]`, `Some(false)` for `NotRequired[...]`.
    pub required: Option<bool>,
    pub read_only: bool,
    /// A qualifier appears inside another of the same kind (`Required[NotRequired[int]]`).
    pub nested: bool,
}

impl Qualifiers {
    /// Whether any TypedDict qualifier is present.
    pub(crate) fn any(&self) -> bool {
        self.required.is_some() || self.read_only
    }
}

/// Read `Required[...]`, `NotRequired[...]`, `ReadOnly[...]` and `Annotated[...]` layers.
pub(crate) fn qualifiers_of<'db>(context: &mut InferContext<'db>, annotation: &ast::Expr) -> Qualifiers {
    let mut qualifiers = Qualifiers::default();
    let mut current = annotation;
    // Each layer unwraps one subscript, so this ends at the annotation's depth.
    while let ast::Expr::Subscript(subscript) = current {
        if !matches!(&*subscript.value, ast::Expr::Name(_) | ast::Expr::Attribute(_)) {
            break;
        }
        let was_reporting = context.suspend_reporting();
        let head = context.infer_expression(&subscript.value);
        context.resume_reporting(was_reporting);
        current = match head {
            Type::SpecialForm(form @ (SpecialForm::Required | SpecialForm::NotRequired)) => {
                qualifiers.nested |= qualifiers.required.is_some();
                qualifiers.required.get_or_insert(form == SpecialForm::Required);
                &subscript.slice
            }
            Type::SpecialForm(SpecialForm::ReadOnly) => {
                qualifiers.nested |= qualifiers.read_only;
                qualifiers.read_only = true;
                &subscript.slice
            }
            Type::SpecialForm(SpecialForm::Annotated) => match &*subscript.slice {
                ast::Expr::Tuple(tuple) if !tuple.elts.is_empty() => &tuple.elts[0],
                _ => break,
            },
            _ => break,
        };
    }
    qualifiers
}

/// Every item of a TypedDict type, base classes' items first; a redeclaration in a
/// subclass replaces the inherited item.
pub fn typed_dict_items<'db>(db: &'db dyn Db, class: ClassType<'db>) -> Vec<TypedDictItem<'db>> {
    let literal = class.class(db);
    let mro = class::class_mro(db, literal);
    let mut defining: Vec<ClassLiteral<'db>> = mro.classes.iter().map(|entry| entry.class(db)).collect();
    defining.reverse();
    defining.push(literal);
    let mut items: Vec<TypedDictItem<'db>> = Vec::new();
    for owner in defining {
        if owner != literal && !class::is_typed_dict(db, owner) {
            continue;
        }
        for field in own_fields(db, owner) {
            let ty = item_type(db, class, owner, &field.name);
            let item = TypedDictItem { name: field.name.clone(), ty, required: field.required, read_only: field.read_only };
            match items.iter_mut().find(|existing| existing.name == field.name) {
                Some(existing) => *existing = item,
                None => items.push(item),
            }
        }
    }
    items
}

/// The declared type of key `name` in the `TypedDict(...)` call that created `class`.
fn functional_item_type<'db>(db: &'db dyn Db, class: ClassLiteral<'db>, name: &str) -> Type<'db> {
    let Some((definition, call)) = class::functional::typed_dict_call(db, class) else { return Type::UNKNOWN };
    let Some((_, annotation)) = class::functional::typed_dict_call_items(call).and_then(|items| items.into_iter().find(|(key, _)| key == name)) else {
        return Type::UNKNOWN;
    };
    let mut context = InferContext::for_definition(db, definition);
    let was = context.suspend_reporting();
    let declared = context.annotation_declared_type(annotation);
    context.resume_reporting(was);
    match declared {
        crate::infer::annotation::Declared::Type(ty) => ty,
        crate::infer::annotation::Declared::InferFromValue => Type::UNKNOWN,
    }
}

/// One item by key: a declared item, else one of the extra items (PEP 728), which are
/// never required.
pub fn typed_dict_item<'db>(db: &'db dyn Db, class: ClassType<'db>, key: &str) -> Option<TypedDictItem<'db>> {
    typed_dict_items(db, class).into_iter().find(|item| &*item.name == key).or_else(|| extra_item(db, class, key))
}

/// The item an undeclared `key` is, for a TypedDict with extra items.
pub(crate) fn extra_item<'db>(db: &'db dyn Db, class: ClassType<'db>, key: &str) -> Option<TypedDictItem<'db>> {
    match super::openness::typed_dict_openness(db, class) {
        super::openness::Openness::Extra { ty, read_only } => Some(TypedDictItem { name: key.into(), ty, required: false, read_only }),
        _ => None,
    }
}

/// The declared type of `name` in `owner`'s body, as seen from `class` (type arguments applied).
fn item_type<'db>(db: &'db dyn Db, class: ClassType<'db>, owner: ClassLiteral<'db>, name: &str) -> Type<'db> {
    let Some(member) = class::own_class_member(db, owner, name) else { return functional_item_type(db, owner, name) };
    let owner_view = class::find_ancestor(db, class, owner).unwrap_or(class);
    class::specialization_of(db, owner_view).apply(db, member.ty)
}

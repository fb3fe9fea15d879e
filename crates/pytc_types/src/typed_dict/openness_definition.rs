//! The PEP 728 rules of a TypedDict definition: `closed=` is a literal `True`/`False` and
//! never comes with `extra_items=`, whose only qualifier may be `ReadOnly`; a subclass keeps
//! what its bases' openness promises (a closed base stays closed, mutable extra items stay
//! the same, read-only ones may only narrow); and the items a subclass adds fit its bases'
//! extra items.

use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::class;
use crate::infer::InferContext;
use crate::relation::Relation;
use crate::types::{ClassLiteral, ClassType, SpecialForm, Type};

use super::definition::INVALID_TYPED_DICT_DEFINITION;
use super::items::{own_fields, typed_dict_items};
use super::openness::{Openness, declared_openness, typed_dict_openness};

impl<'db> InferContext<'db> {
    /// Check the `total=`, `closed=` and `extra_items=` keywords of a class statement or a
    /// `TypedDict(...)` call.
    pub(crate) fn check_openness_keywords(&mut self, keywords: &[ast::Keyword]) {
        let find = |name: &str| keywords.iter().find(|keyword| keyword.arg.as_ref().is_some_and(|arg| arg.as_str() == name));
        for name in ["total", "closed"] {
            if let Some(flag) = find(name)
                && !matches!(flag.value, ast::Expr::BooleanLiteral(_))
            {
                self.report(flag.value.range(), &INVALID_TYPED_DICT_DEFINITION, format!("The value of `{name}` must be `True` or `False`"));
            }
        }
        let closed = find("closed");
        let Some(extra) = find("extra_items") else { return };
        if let Some(closed) = closed {
            self.report(closed.range(), &INVALID_TYPED_DICT_DEFINITION, "`closed` cannot be used together with `extra_items`");
        }
        if let Some(qualifier) = forbidden_qualifier(self, &extra.value) {
            self.report(
                extra.value.range(),
                &INVALID_TYPED_DICT_DEFINITION,
                format!("`{qualifier}` is not allowed in `extra_items`; only `ReadOnly` is"),
            );
        }
        super::openness::extra_items_type(self, &extra.value);
    }

    /// A TypedDict class's openness must keep its TypedDict bases' promises, and the items
    /// it adds must fit their extra items.
    pub(crate) fn check_inherited_openness(&mut self, literal: ClassLiteral<'db>, node: &ast::StmtClassDef) {
        let db = self.db;
        let bases: Vec<ClassType<'db>> =
            class::class_header(db, literal).bases.iter().copied().filter(|base| class::is_typed_dict(db, base.class(db))).collect();
        let own = declared_openness(db, literal);
        let this = ClassType::bare(db, literal);
        for base in &bases {
            let base_openness = typed_dict_openness(db, *base);
            if let Some(own) = own.as_ref()
                && let Some(problem) = openness_conflict(db, base_openness, *own)
            {
                let range = node.arguments.as_deref().map_or(node.name.range, |arguments| arguments.range());
                self.report(range, &INVALID_TYPED_DICT_DEFINITION, format!("`{}` {problem} of its base `{}`", literal.name(db), base.class(db).name(db)));
            }
            if base_openness == Openness::Open {
                continue;
            }
            let (extra, extra_read_only) = base_openness.as_extra_items(db);
            let inherited = typed_dict_items(db, *base);
            for field in own_fields(db, literal) {
                if inherited.iter().any(|item| item.name == field.name) {
                    continue;
                }
                let Some(item) = typed_dict_items(db, this).into_iter().find(|item| item.name == field.name) else { continue };
                let fits = if extra_read_only {
                    item.ty.is_assignable_to(db, extra)
                } else {
                    !item.required && item.ty.is_assignable_to(db, extra) && extra.is_assignable_to(db, item.ty)
                };
                if fits {
                    continue;
                }
                let why = match base_openness {
                    Openness::Closed => "a closed TypedDict takes no new items".to_string(),
                    _ if extra_read_only => format!("its type must be assignable to the extra items type `{}`", extra.display(db)),
                    _ => format!("it must be `NotRequired` and of the extra items type `{}`", extra.display(db)),
                };
                let range = own_item_range(node, &field.name).unwrap_or(node.name.range);
                self.report(
                    range,
                    &INVALID_TYPED_DICT_DEFINITION,
                    format!("Item `{}` cannot be added to `{}`: {why} (from `{}`)", field.name, literal.name(db), base.class(db).name(db)),
                );
            }
        }
    }
}

/// What is wrong with a subclass declaring `own` when its base has `base`, if anything.
fn openness_conflict<'db>(db: &'db dyn pytc_db::Db, base: Openness<'db>, own: Openness<'db>) -> Option<&'static str> {
    let consistent = |a: Type<'db>, b: Type<'db>| crate::relation::has_relation(db, a, b, Relation::Assignability, 0) && crate::relation::has_relation(db, b, a, Relation::Assignability, 0);
    match (base, own) {
        (Openness::Open, _) | (Openness::Closed, Openness::Closed) => None,
        (Openness::Closed, _) => Some("cannot reopen the closed TypedDict"),
        (Openness::Extra { ty, read_only: false }, Openness::Extra { ty: own_ty, read_only: false }) if consistent(ty, own_ty) => None,
        (Openness::Extra { read_only: false, .. }, _) => Some("must keep the mutable extra items"),
        (Openness::Extra { read_only: true, .. }, Openness::Closed) => None,
        (Openness::Extra { ty, read_only: true }, Openness::Extra { ty: own_ty, .. }) if own_ty.is_assignable_to(db, ty) => None,
        (Openness::Extra { read_only: true, .. }, _) => Some("may only narrow the read-only extra items"),
    }
}

/// The name of a qualifier other than `ReadOnly` wrapped around `extra_items=`.
fn forbidden_qualifier(context: &mut InferContext<'_>, expression: &ast::Expr) -> Option<&'static str> {
    super::openness::extra_items_qualifiers(context, expression).into_iter().find_map(|(form, _)| match form {
        SpecialForm::Required => Some("Required"),
        SpecialForm::NotRequired => Some("NotRequired"),
        SpecialForm::ClassVar => Some("ClassVar"),
        SpecialForm::Final => Some("Final"),
        _ => None,
    })
}

/// Where the class body declares `name`.
fn own_item_range(node: &ast::StmtClassDef, name: &str) -> Option<pytc_syntax::TextRange> {
    node.body.iter().find_map(|statement| match statement {
        ast::Stmt::AnnAssign(assignment) if matches!(&*assignment.target, ast::Expr::Name(target) if target.id.as_str() == name) => Some(assignment.range()),
        _ => None,
    })
}

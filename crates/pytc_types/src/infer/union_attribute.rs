//! An attribute read that some members of a union lack (`x.real` with `x: int | None`): the
//! read fails at run time whenever the value is one of those members. Members pytc knows
//! nothing of keep the read quiet, and so does a place the code has proved present (by
//! `hasattr(x, "real")` or by assigning `x.real` on the path). Assigning or deleting an
//! attribute through a value that may be `None` fails the same way.

use pytc_db::{Db, declare_rule};
use pytc_syntax::ast;

use crate::infer::InferContext;
use crate::infer::attribute::{MemberLookup, member_access};
use crate::types::{DynamicType, Type};

declare_rule! {
    /// An attribute that some members of a union (or of a type variable's bound or
    /// constraints) lack: the access fails whenever the value is one of them. Narrow the
    /// value first (`if x is not None:`, `isinstance`, `hasattr`).
    ///
    /// ```python
    /// def size(text: str | None) -> int:
    ///     return text.count("a")  # error: [possibly-missing-attribute]
    /// ```
    pub static POSSIBLY_MISSING_ATTRIBUTE = {
        name: "possibly-missing-attribute",
        summary: "an attribute is accessed that some members of a union lack",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// Report `value.<attribute>`, found on some members of `value` only, unless the
    /// attribute is proven present at this point or a member is unknown. A type expression
    /// (`ssl.SSLContext` with `ssl` a module or `None` where its import failed) names a type
    /// and is not judged: it is not evaluated at all under `from __future__ import
    /// annotations`, and the members that have the attribute say which type it names.
    pub(super) fn check_union_attribute(&mut self, attribute: &ast::ExprAttribute, value: Type<'db>) {
        let db = self.db;
        if self.in_annotation {
            return;
        }
        let name = attribute.attr.as_str();
        let Some(lacking) = members_lacking(db, value, name) else { return };
        if self.attribute_proven_present(attribute) {
            return;
        }
        let shown: Vec<String> = lacking.iter().map(|member| member.display(db)).collect();
        self.report(
            attribute.attr.range,
            &POSSIBLY_MISSING_ATTRIBUTE,
            format!("Attribute `{name}` is missing on {} in `{}`", crate::quoted_list::quoted_list(&shown), value.display(db)),
        );
    }
}

impl<'db> InferContext<'db> {
    /// Report assigning (or, when `deleting`, deleting) `object.<attribute>` where `object`
    /// may be `None` among other types: `None` takes no attribute, so the statement fails
    /// whenever the value is `None`. The other members are judged by the store itself.
    /// An unknown member keeps it quiet, as for reads.
    pub(crate) fn check_union_attribute_store(&mut self, object: Type<'db>, attribute: &ast::ExprAttribute, deleting: bool) {
        let db = self.db;
        let members = object.expand_top(db).union_elements(db);
        if members.len() < 2 || !members.contains(&Type::None) || members.iter().any(|member| matches!(member, Type::Dynamic(kind) if *kind != DynamicType::Any)) {
            return;
        }
        let name = attribute.attr.as_str();
        let action = if deleting { "delete" } else { "assign to" };
        self.report(
            attribute.attr.range,
            &POSSIBLY_MISSING_ATTRIBUTE,
            format!("Cannot {action} attribute `{name}` on `None` in `{}`", object.display(db)),
        );
    }
}

/// The members of `value` (a union, or a type variable bounded by or constrained to
/// several types) that lack `name`; `None` when none can be named or a member is a type
/// pytc does not know (`Unknown`, a `Todo`), where the read stays quiet. Written `Any`
/// is a member the user chose to leave open: it has every attribute, and the others are
/// still judged.
fn members_lacking<'db>(db: &'db dyn Db, value: Type<'db>, name: &str) -> Option<Vec<Type<'db>>> {
    let mut lacking = Vec::new();
    collect_lacking(db, value, name, &mut lacking)?;
    (!lacking.is_empty()).then_some(lacking)
}

fn collect_lacking<'db>(db: &'db dyn Db, value: Type<'db>, name: &str, lacking: &mut Vec<Type<'db>>) -> Option<()> {
    let members = match value {
        Type::AliasRef(_) => return collect_lacking(db, value.expand_top(db), name, lacking),
        Type::Union(union) => union.elements(db).to_vec(),
        Type::TypeVar(typevar) => match typevar.bound(db) {
            Some(bound) => bound.union_elements(db),
            None => typevar.constraints(db).to_vec(),
        },
        Type::SubclassOfTypeVar(typevar) => crate::types::typevar_class_object_bound(db, typevar).union_elements(db),
        _ => return Some(()),
    };
    for member in members {
        match member {
            Type::Dynamic(DynamicType::Any) => continue,
            Type::Dynamic(_) => return None,
            _ => {}
        }
        match member_access(db, member, name) {
            MemberLookup::Found(_) => {}
            MemberLookup::PossiblyMissing(_) => collect_lacking(db, member, name, lacking)?,
            MemberLookup::Missing => {
                if !lacking.contains(&member) {
                    lacking.push(member);
                }
            }
        }
    }
    Some(())
}

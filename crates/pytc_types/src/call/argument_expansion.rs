//! Argument-type expansion for overload evaluation (the spec's step 4): a union expands to
//! its members, `bool` to `Literal[True]` and `Literal[False]`, an enum (other than a flag
//! enum) to its members, and a tuple of known length to every combination of its elements'
//! expansions.

use pytc_db::Db;

use crate::class::KnownClass;
use crate::types::{TupleType, Type};

/// At most this many types come out of expanding one argument.
const MAX_EXPANDED: usize = 64;

/// The types `ty` expands to, or `None` when it does not expand.
pub(crate) fn expand_argument_type<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<Vec<Type<'db>>> {
    let expanded = match ty {
        Type::Union(union) => union.elements(db).to_vec(),
        Type::Instance(class) if crate::class::known::is_known(db, class.class(db), KnownClass::Bool) => {
            vec![Type::BoolLiteral(true), Type::BoolLiteral(false)]
        }
        Type::Instance(class)
            if crate::infer::literal::is_enum_class(db, class.class(db))
                && !crate::class::enum_members::is_flag_enum(db, class.class(db)) =>
        {
            let members = crate::infer::literal::enum_members(db, class.class(db));
            if members.is_empty() {
                return None;
            }
            members.iter().copied().map(Type::EnumLiteral).collect()
        }
        Type::Tuple(tuple) => expand_tuple(db, tuple)?,
        _ => return None,
    };
    (expanded.len() <= MAX_EXPANDED).then_some(expanded)
}

/// Every combination of a fixed-length tuple's element expansions (`None` when no element
/// expands or the length is unknown).
fn expand_tuple<'db>(db: &'db dyn Db, tuple: TupleType<'db>) -> Option<Vec<Type<'db>>> {
    let elements = tuple.fixed_elements(db)?;
    let mut any_expanded = false;
    let mut combinations: Vec<Vec<Type<'db>>> = vec![Vec::new()];
    for element in elements {
        let options = match expand_argument_type(db, *element) {
            Some(options) => {
                any_expanded = true;
                options
            }
            None => vec![*element],
        };
        if combinations.len() * options.len() > MAX_EXPANDED {
            return None;
        }
        combinations = combinations
            .into_iter()
            .flat_map(|prefix| {
                options.iter().map(move |option| {
                    let mut next = prefix.clone();
                    next.push(*option);
                    next
                })
            })
            .collect();
    }
    any_expanded.then(|| combinations.into_iter().map(|elements| Type::Tuple(TupleType::fixed(db, elements))).collect())
}

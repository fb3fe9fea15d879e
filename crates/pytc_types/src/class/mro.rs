//! The C3 method resolution order. Inconsistent orders and cyclic hierarchies are
//! reported (by the class checks), never loop: a cycle falls back to an MRO with an error.

use pytc_db::Db;
use rustc_hash::FxHashMap;

use crate::class::{ClassFlags, KnownClass, class_header};
use crate::types::{ClassLiteral, ClassType, Type};

/// Why a class has no proper MRO.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub enum MroError {
    /// No C3 linearization exists for the bases.
    Inconsistent,
    /// The class inherits (possibly indirectly) from itself.
    Cyclic,
    /// The same class is listed twice among the bases.
    DuplicateBase,
}

/// A class's MRO, excluding the class itself, with type arguments as the class sees them.
#[derive(Debug, Clone, PartialEq, Eq, Hash, salsa::SalsaValue)]
pub struct Mro<'db> {
    pub classes: Vec<ClassType<'db>>,
    /// Some class in the hierarchy has a base pytc cannot see into.
    pub has_dynamic_base: bool,
    pub error: Option<MroError>,
}

/// The MRO of a class. A query: attribute lookups and relations walk it constantly, and it
/// is recursive over base classes (a cycle resolves to `MroError::Cyclic`).
#[salsa::tracked(returns(ref), cycle_result = mro_cycle)]
pub fn class_mro<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Mro<'db> {
    let header = class_header(db, class);
    let mut has_dynamic_base = ClassFlags::from_bits_truncate(header.flags).contains(ClassFlags::DYNAMIC_BASE);
    let object = KnownClass::Object.class(db);
    // A named tuple's `tuple` base stands for its fields, which are read from its body: it
    // stays as written.
    let named_tuple = ClassFlags::from_bits_truncate(header.flags).contains(ClassFlags::NAMED_TUPLE);
    let mut bases: Vec<ClassType<'db>> = header
        .bases
        .iter()
        .map(|base| if named_tuple && crate::class::known::is_known(db, base.class(db), KnownClass::Tuple) { *base } else { with_default_arguments(db, *base) })
        .collect();
    if bases.is_empty() {
        if Some(class) == object {
            return Mro { classes: Vec::new(), has_dynamic_base: false, error: None };
        }
        bases.extend(object.map(|object| ClassType::bare(db, object)));
    }
    for (i, base) in bases.iter().enumerate() {
        if bases[..i].iter().any(|earlier| earlier.class(db) == base.class(db)) {
            return fallback_mro(db, &bases, has_dynamic_base, MroError::DuplicateBase);
        }
    }
    // The linearization of each base, with the base's type arguments substituted in.
    let mut sequences: Vec<Vec<ClassType<'db>>> = Vec::new();
    for base in &bases {
        let base_mro = class_mro(db, base.class(db));
        if base_mro.error == Some(MroError::Cyclic) || base.class(db) == class {
            return Mro { classes: Vec::new(), has_dynamic_base: true, error: Some(MroError::Cyclic) };
        }
        has_dynamic_base |= base_mro.has_dynamic_base;
        let mut sequence = vec![*base];
        for entry in &base_mro.classes {
            let specialized = if base.arguments(db).is_empty() {
                *entry
            } else {
                match crate::class::specialization_of(db, *base).apply(db, Type::Instance(*entry)) {
                    Type::Instance(specialized) => specialized,
                    _ => *entry,
                }
            };
            sequence.push(specialized);
        }
        sequences.push(sequence);
    }
    sequences.push(bases.clone());
    match c3_merge(db, sequences) {
        Some(classes) => {
            if classes.iter().any(|entry| entry.class(db) == class) {
                return Mro { classes: Vec::new(), has_dynamic_base: true, error: Some(MroError::Cyclic) };
            }
            Mro { classes, has_dynamic_base, error: None }
        }
        None => fallback_mro(db, &bases, has_dynamic_base, MroError::Inconsistent),
    }
}

/// A generic base written without type arguments (`class Words(tuple)`) as the class it
/// stands for: its parameters take their defaults, `Unknown` where they have none (the
/// generics chapter: a bare generic class is specialized with `Any`). Its ancestors then see
/// those arguments rather than the base's own type variables.
fn with_default_arguments<'db>(db: &'db dyn Db, base: ClassType<'db>) -> ClassType<'db> {
    let parameters = crate::class::type_parameters(db, base.class(db));
    if !base.arguments(db).is_empty() || parameters.is_empty() {
        return base;
    }
    let specialization = crate::generics::defaults::specialization_with_defaults(db, parameters, &[]);
    let arguments: Box<[Type<'db>]> = parameters.iter().map(|parameter| specialization.get(*parameter).unwrap_or(Type::UNKNOWN)).collect();
    ClassType::new(db, base.class(db), arguments)
}

/// An approximate MRO for erroneous classes: the bases and their MROs in order, without
/// duplicates, so lookups still find something sensible.
fn fallback_mro<'db>(db: &'db dyn Db, bases: &[ClassType<'db>], has_dynamic_base: bool, error: MroError) -> Mro<'db> {
    let mut classes: Vec<ClassType<'db>> = Vec::new();
    for base in bases {
        for entry in std::iter::once(base).chain(class_mro(db, base.class(db)).classes.iter()) {
            if !classes.iter().any(|seen| seen.class(db) == entry.class(db)) {
                classes.push(*entry);
            }
        }
    }
    Mro { classes, has_dynamic_base, error: Some(error) }
}

/// C3: repeatedly take the first head that appears in no sequence's tail. Each sequence is
/// read through a cursor, and how often each class occurs in the tails is counted, so the
/// merge is linear in the total length of the sequences times their number (a hierarchy
/// 2,000 deep is a merge of two sequences per class, not a quadratic scan of each tail).
fn c3_merge<'db>(db: &'db dyn Db, sequences: Vec<Vec<ClassType<'db>>>) -> Option<Vec<ClassType<'db>>> {
    let mut in_tails: FxHashMap<ClassLiteral<'db>, usize> = FxHashMap::default();
    for sequence in &sequences {
        for entry in sequence.iter().skip(1) {
            *in_tails.entry(entry.class(db)).or_default() += 1;
        }
    }
    let mut cursors = vec![0; sequences.len()];
    let mut result = Vec::new();
    loop {
        let mut heads = sequences.iter().zip(&cursors).filter_map(|(sequence, &cursor)| sequence.get(cursor));
        let Some(first) = heads.next() else {
            return Some(result);
        };
        let head = std::iter::once(first).chain(heads).find(|candidate| !in_tails.contains_key(&candidate.class(db)))?;
        let head = *head;
        result.push(head);
        for (sequence, cursor) in sequences.iter().zip(&mut cursors) {
            if sequence.get(*cursor).is_some_and(|entry| entry.class(db) == head.class(db)) {
                *cursor += 1;
                if let Some(next) = sequence.get(*cursor) {
                    leave_tail(&mut in_tails, next.class(db));
                }
            }
        }
    }
}

/// One occurrence of `class` moved from a sequence's tail to its head.
fn leave_tail<'db>(in_tails: &mut FxHashMap<ClassLiteral<'db>, usize>, class: ClassLiteral<'db>) {
    if let Some(count) = in_tails.get_mut(&class) {
        *count -= 1;
        if *count == 0 {
            in_tails.remove(&class);
        }
    }
}

fn mro_cycle<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> Mro<'db> {
    Mro { classes: Vec::new(), has_dynamic_base: true, error: Some(MroError::Cyclic) }
}

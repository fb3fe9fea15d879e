//! The class a class pattern names (`case C(...)`): matching calls `isinstance` with it, so a
//! value that can never be a class (a number, a string, a function, a module, an instance of a
//! builtin whose layout no class shares) is a `TypeError` whenever the case is tried.

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::class::{self, ClassFlags, KnownClass};
use crate::infer::InferContext;
use crate::types::Type;

declare_rule! {
    /// A class pattern whose name is not a class.
    ///
    /// ```python
    /// limit = 3
    /// match value:
    ///     case limit():  # error: [invalid-class-pattern]
    ///         pass
    /// ```
    pub static INVALID_CLASS_PATTERN = {
        name: "invalid-class-pattern",
        summary: "a class pattern names something that is not a class",
        level: Error,
    }
}

/// Builtins whose instances can never also be classes: their layout conflicts with `type`'s.
const NEVER_CLASSES: [KnownClass; 10] = [
    KnownClass::Int,
    KnownClass::Float,
    KnownClass::Complex,
    KnownClass::Bool,
    KnownClass::Str,
    KnownClass::Bytes,
    KnownClass::Tuple,
    KnownClass::List,
    KnownClass::Dict,
    KnownClass::Set,
];

impl<'db> InferContext<'db> {
    /// Report a class pattern whose class expression has type `named` when no value of it
    /// is a class. Unknown and gradual types, `object`, type variables and special forms
    /// stay quiet.
    pub(super) fn check_class_pattern_names_a_class(&mut self, pattern: &ast::PatternMatchClass, named: Type<'db>) {
        let db = self.db;
        let members = named.union_elements(db);
        if members.is_empty() || !members.iter().all(|member| never_a_class(db, *member)) {
            return;
        }
        self.report(
            pattern.cls.range(),
            &INVALID_CLASS_PATTERN,
            format!("A class pattern needs a class, but this has type `{}`", named.display(db)),
        );
    }
}

/// Whether no value of `ty` is a class object.
fn never_a_class<'db>(db: &'db dyn pytc_db::Db, ty: Type<'db>) -> bool {
    match ty {
        Type::IntLiteral(_)
        | Type::BoolLiteral(_)
        | Type::StringLiteral(_)
        | Type::BytesLiteral(_)
        | Type::LiteralString
        | Type::EnumLiteral(_)
        | Type::None
        | Type::Function(_)
        | Type::BoundMethod(_)
        | Type::Module(_)
        | Type::Tuple(_) => true,
        Type::Instance(instance) => {
            !class::is_subclass_of_known(db, instance, KnownClass::Type)
                && (class::flags(db, instance.class(db)).contains(ClassFlags::FINAL) || NEVER_CLASSES.iter().any(|known| class::is_subclass_of_known(db, instance, *known)))
        }
        _ => false,
    }
}

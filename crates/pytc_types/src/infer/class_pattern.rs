//! The class a class pattern names (`case C(...)`): matching calls `isinstance` with it, so a
//! value that can never be a class (a number, a string, a function, a module, an instance of a
//! builtin whose layout no class shares) is a `TypeError` whenever the case is tried; so are
//! more positional sub-patterns than the class's `__match_args__` names (one for the builtins
//! that match their own value).

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::class::{self, KnownClass};
use crate::infer::InferContext;
use crate::types::Type;

declare_rule! {
    /// A class pattern whose name is not a class, or with more positional sub-patterns than
    /// the class accepts.
    ///
    /// ```python
    /// limit = 3
    /// match value:
    ///     case limit():  # error: [invalid-class-pattern]
    ///         pass
    /// ```
    pub static INVALID_CLASS_PATTERN = {
        name: "invalid-class-pattern",
        summary: "a class pattern names something that is not a class, or gives it too many positional sub-patterns",
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

impl<'db> InferContext<'db> {
    /// Report a class pattern with more positional sub-patterns than the class `named`
    /// accepts: as many as its `__match_args__` tuple names, one for a builtin (or subclass
    /// of one) that matches its own value, none for a class without `__match_args__` (only
    /// when every class of its MRO is seen in source or in the standard library's stubs,
    /// which declare the attribute where the runtime has it; another stub may leave it out).
    pub(super) fn check_class_pattern_positionals(&mut self, pattern: &ast::PatternMatchClass, named: Type<'db>) {
        let db = self.db;
        let given = pattern.arguments.patterns.len();
        let Type::ClassObject(class) = named else { return };
        if given == 0 {
            return;
        }
        let accepted = match crate::infer::attribute::member_access(db, named, "__match_args__").found() {
            Some(Type::Tuple(tuple)) => match tuple.fixed_elements(db) {
                Some(names) => names.len(),
                None => return,
            },
            Some(_) => return,
            None => {
                let mro = class::class_mro(db, class.class(db));
                let lineage = std::iter::once(class.class(db)).chain(mro.classes.iter().map(|entry| entry.class(db)));
                let mut fully_seen = true;
                let mut matches_own_value = false;
                for ancestor in lineage {
                    let file = ancestor.file(db);
                    matches_own_value |= crate::narrow::shapes::matches_own_value(db, ancestor);
                    fully_seen &= !file.path(db).is_stub() || pytc_module_resolver::is_stdlib_stub(db, file);
                }
                if matches_own_value {
                    1
                } else if fully_seen && !mro.has_dynamic_base {
                    0
                } else {
                    return;
                }
            }
        };
        if given > accepted {
            let name = class.class(db).name(db);
            let plural = if accepted == 1 { "" } else { "s" };
            self.report(
                pattern.arguments.patterns[accepted].range(),
                &INVALID_CLASS_PATTERN,
                format!("`{name}` accepts {accepted} positional sub-pattern{plural}, but {given} are given"),
            );
        }
    }
}

/// Whether no value of `ty` is a class object.
fn never_a_class<'db>(db: &'db dyn pytc_db::Db, ty: Type<'db>) -> bool {
    match ty {
        _ if ty.is_plain_value() => true,
        Type::Tuple(_) => true,
        Type::Instance(instance) => {
            !class::is_subclass_of_known(db, instance, KnownClass::Type)
                && (class::cannot_be_subclassed(db, instance.class(db)) || NEVER_CLASSES.iter().any(|known| class::is_subclass_of_known(db, instance, *known)))
        }
        _ => false,
    }
}

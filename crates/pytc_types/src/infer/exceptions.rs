//! What `except` and `raise` accept: an `except` clause names exception classes (a class
//! deriving from `BaseException`, or a tuple of them, nested tuples included), and an
//! `except*` clause none deriving from `BaseExceptionGroup`; `raise` takes an exception
//! class or instance, and its `from` cause one or `None`. Anything else is a `TypeError`
//! when the clause or statement runs. Only values that can never be right are reported:
//! gradual types, type variables and instances of classes that a subclass of
//! `BaseException` could still derive from stay quiet.

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::class;
use crate::infer::InferContext;
use crate::types::{ClassLiteral, ClassType, Type};

declare_rule! {
    /// An `except` clause that names something other than exception classes, or an
    /// `except*` clause that names an exception group class.
    ///
    /// ```python
    /// try:
    ///     ...
    /// except int:  # error: [invalid-exception-caught]
    ///     ...
    /// ```
    pub static INVALID_EXCEPTION_CAUGHT = {
        name: "invalid-exception-caught",
        summary: "an `except` clause names something that is not an exception class",
        level: Error,
    }
}

declare_rule! {
    /// A `raise` of something that is neither an exception class nor an exception instance,
    /// or a `from` cause that is neither of those nor `None`.
    ///
    /// ```python
    /// raise 1  # error: [invalid-raise]
    /// ```
    pub static INVALID_RAISE = {
        name: "invalid-raise",
        summary: "`raise` is given something that is not an exception",
        level: Error,
    }
}

/// What a value offered as an exception (class) can be.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Fit {
    /// It may be what is needed (or pytc cannot tell).
    Maybe,
    /// It never is.
    Never,
    /// An exception class deriving from `BaseExceptionGroup` (wrong only in `except*`).
    GroupClass,
}

impl<'db> InferContext<'db> {
    /// Report an `except` clause whose named type `caught` holds no exception class.
    pub(super) fn check_caught_exception(&mut self, handler: &ast::ExceptHandlerExceptHandler, caught: Type<'db>, is_star: bool) {
        let db = self.db;
        let Some(expression) = &handler.type_ else { return };
        let fits: Vec<Fit> = caught.union_elements(db).into_iter().map(|member| caught_fit(db, member)).collect();
        if fits.contains(&Fit::Never) {
            self.report(
                expression.range(),
                &INVALID_EXCEPTION_CAUGHT,
                format!("An `except` clause needs exception classes, but this has type `{}`", caught.display(db)),
            );
        } else if is_star && fits.contains(&Fit::GroupClass) {
            self.report(
                expression.range(),
                &INVALID_EXCEPTION_CAUGHT,
                format!("An `except*` clause cannot catch an exception group class, but this has type `{}`", caught.display(db)),
            );
        }
    }

    /// Report a `raise` whose exception or cause can never be raised.
    pub(super) fn check_raise(&mut self, raise: &ast::StmtRaise) {
        let db = self.db;
        if let Some(exception) = &raise.exc {
            let raised = self.infer_expression(exception);
            // Only a value no member of which can be raised: a union often stands for paths
            // narrowing could not tell apart.
            if raised.union_elements(db).into_iter().all(|member| raised_fit(db, member) == Fit::Never) {
                self.report(
                    exception.range(),
                    &INVALID_RAISE,
                    format!("Only an exception class or instance can be raised, but this has type `{}`", raised.display(db)),
                );
            }
        }
        if let Some(cause) = &raise.cause {
            let cause_type = self.infer_expression(cause);
            let members = cause_type.union_elements(db);
            if !members.is_empty() && members.into_iter().all(|member| member != Type::None && raised_fit(db, member) == Fit::Never) {
                self.report(
                    cause.range(),
                    &INVALID_RAISE,
                    format!("An exception's cause must be an exception class or instance or `None`, but this has type `{}`", cause_type.display(db)),
                );
            }
        }
    }
}

/// Whether `member`, named in an `except` clause, is an exception class (or a tuple of them).
fn caught_fit<'db>(db: &'db dyn pytc_db::Db, member: Type<'db>) -> Fit {
    match member {
        Type::ClassObject(class) => exception_class_fit(db, class, true),
        Type::SubclassOf(class) => exception_class_fit(db, class, false),
        Type::Tuple(tuple) => {
            let fits: Vec<Fit> = tuple.element_union(db).union_elements(db).into_iter().map(|element| caught_fit(db, element)).collect();
            [Fit::Never, Fit::GroupClass].into_iter().find(|fit| fits.contains(fit)).unwrap_or(Fit::Maybe)
        }
        Type::Instance(instance) if is_exception_class(db, instance.class(db)) => Fit::Never,
        other => value_fit(other),
    }
}

/// Whether `member` can be raised: an exception class or instance.
fn raised_fit<'db>(db: &'db dyn pytc_db::Db, member: Type<'db>) -> Fit {
    match member {
        Type::ClassObject(class) => exception_class_fit(db, class, true),
        Type::SubclassOf(class) => exception_class_fit(db, class, false),
        Type::Instance(instance) => {
            if is_exception_class(db, instance.class(db)) || may_derive_from_base_exception(db, instance.class(db)) {
                Fit::Maybe
            } else {
                Fit::Never
            }
        }
        Type::Tuple(_) => Fit::Never,
        other => value_fit(other),
    }
}


/// Whether `class` (exactly, or any subclass of it unless `exact`) is an exception class.
fn exception_class_fit<'db>(db: &'db dyn pytc_db::Db, class: ClassType<'db>, exact: bool) -> Fit {
    if is_exception_class(db, class.class(db)) {
        let is_group = class::known::builtin_class(db, "BaseExceptionGroup").is_some_and(|group| class::is_subclass(db, class.class(db), group));
        return if is_group { Fit::GroupClass } else { Fit::Maybe };
    }
    if class::class_mro(db, class.class(db)).has_dynamic_base || (!exact && may_derive_from_base_exception(db, class.class(db))) {
        Fit::Maybe
    } else {
        Fit::Never
    }
}

/// Whether a subclass of `class` may also derive from `BaseException` (neither final nor
/// of a conflicting layout), or pytc cannot see all of `class`'s bases.
fn may_derive_from_base_exception<'db>(db: &'db dyn pytc_db::Db, class: ClassLiteral<'db>) -> bool {
    if class::class_mro(db, class).has_dynamic_base {
        return true;
    }
    let Some(base_exception) = class::known::builtin_class(db, "BaseException") else { return true };
    !class::cannot_be_subclassed(db, class) && class::disjoint_base::may_share_subclass(db, class, base_exception)
}

/// Whether `class` derives from `BaseException`.
fn is_exception_class<'db>(db: &'db dyn pytc_db::Db, class: ClassLiteral<'db>) -> bool {
    class::known::builtin_class(db, "BaseException").is_some_and(|base_exception| class::is_subclass(db, class, base_exception))
}

/// A plain value (a literal, `None`, a function, a module) is never an exception class or
/// instance; anything else may be.
fn value_fit(member: Type<'_>) -> Fit {
    if member.is_plain_value() { Fit::Never } else { Fit::Maybe }
}

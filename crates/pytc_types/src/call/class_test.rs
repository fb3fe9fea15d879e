//! `isinstance`/`issubclass` with a class that cannot be tested at runtime: a TypedDict,
//! a protocol not decorated `@runtime_checkable`, (for `issubclass`) a protocol with data
//! members, or a subscripted generic (`list[int]`), also inside tuples and unions; and a
//! runtime-checkable protocol tested against a value that overlaps it unsafely (it has every
//! member the protocol names, so the runtime check passes, but not with compatible types).

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::class::{self, ClassFlags};
use crate::infer::InferContext;
use crate::modules::KnownModule;
use crate::types::{ClassType, Type};

declare_rule! {
    /// The class argument of `isinstance` or `issubclass` cannot be checked at runtime.
    ///
    /// ```python
    /// class Movie(TypedDict):
    ///     name: str
    ///
    /// isinstance(x, Movie)  # error: [invalid-class-test]
    /// ```
    pub static INVALID_CLASS_TEST = {
        name: "invalid-class-test",
        summary: "`isinstance`/`issubclass` with a class that cannot be tested at runtime",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    /// Check the class argument of an `isinstance(...)`/`issubclass(...)` call.
    pub(crate) fn check_class_test_call(&mut self, callee: Type<'db>, call: &ast::ExprCall) {
        let db = self.db;
        let Type::Function(function) = callee else { return };
        let name = &**function.name(db);
        if !matches!(name, "isinstance" | "issubclass") || !KnownModule::Builtins.is(db, function.file(db)) {
            return;
        }
        let Some(argument) = call.arguments.args.get(1) else { return };
        let was_reporting = self.suspend_reporting();
        let class_info = self.infer_expression(argument);
        let subject = call.arguments.args.first().map(|subject| self.infer_expression(subject));
        self.resume_reporting(was_reporting);
        let mut classes = Vec::new();
        flatten_class_info(db, class_info, &mut classes);
        for class_object in classes {
            if let Type::TypeAlias(alias) = class_object {
                self.report(argument.range(), &INVALID_CLASS_TEST, format!("Type alias `{}` cannot be used with `{name}`", alias.name(db)));
                continue;
            }
            let Type::ClassObject(class) = class_object else { continue };
            let literal = class.class(db);
            let flags = class::flags(db, literal);
            // An explicit alias of a bare generic class (`X: TypeAlias = list`) holds the
            // class with its implicit arguments: at runtime it is the class itself.
            let implicitly_specialized = class == crate::generics::defaults::with_every_argument(db, ClassType::bare(db, literal));
            let problem = if !class.arguments(db).is_empty() && !implicitly_specialized {
                format!("Subscripted generic `{}` cannot be used with `{name}`", class_object.display(db))
            } else if crate::class::new_type::is_new_type(db, literal) {
                format!("NewType `{}` is not a class and cannot be used with `{name}`", literal.name(db))
            } else if flags.contains(ClassFlags::TYPED_DICT) {
                format!("TypedDict class `{}` cannot be used with `{name}`", literal.name(db))
            } else if flags.contains(ClassFlags::PROTOCOL) && !flags.contains(ClassFlags::RUNTIME_CHECKABLE) {
                format!("Protocol class `{}` must be decorated with `@runtime_checkable` to be used with `{name}`", literal.name(db))
            } else if flags.contains(ClassFlags::PROTOCOL) && name == "issubclass" && crate::relation::has_data_members(db, class) {
                format!("Protocol class `{}` has non-method members and cannot be used with `issubclass`", literal.name(db))
            } else if flags.contains(ClassFlags::PROTOCOL)
                && let Some(subject) = subject
                && let Some(overlapping) = unsafely_overlapping(db, subject, class, name == "issubclass")
            {
                format!(
                    "`{}` has every member of protocol `{}` but is not assignable to it: `{name}` would accept it at runtime",
                    overlapping.display(db),
                    literal.name(db)
                )
            } else {
                continue;
            };
            self.report(argument.range(), &INVALID_CLASS_TEST, problem);
        }
    }
}

/// The element of `subject` (the value `isinstance` tests, or the class `issubclass` tests
/// when `of_classes`) that overlaps `protocol` unsafely: its class is not assignable to the
/// protocol, yet defines every member the protocol names, so it is assignable to the
/// protocol with each member's type erased to `Any`, and the runtime check accepts it.
/// Only classes whose members are all known count (no `__getattr__`, no dynamic base), and
/// a member the class sets to `None` (`__hash__ = None` against `Hashable`) is missing, as
/// the runtime check treats it.
fn unsafely_overlapping<'db>(db: &'db dyn pytc_db::Db, subject: Type<'db>, protocol: ClassType<'db>, of_classes: bool) -> Option<Type<'db>> {
    let members = crate::relation::protocol::protocol_members(db, protocol);
    subject.union_elements(db).into_iter().find(|element| {
        let instance = match (*element, of_classes) {
            (Type::ClassObject(class) | Type::SubclassOf(class), true) => Type::Instance(class),
            (_, true) => return false,
            (other, false) => other.literal_fallback_instance(db).unwrap_or(other),
        };
        let Type::Instance(class) = instance else { return false };
        // A member set to `None` (`__hash__ = None`) counts as missing at runtime too.
        let has_every_member = members.iter().all(|member| class::class_member(db, class, member).is_some_and(|found| found.ty != Type::None));
        has_every_member
            && !crate::relation::protocol::removes_object_member(db, instance, protocol)
            && !class::has_dynamic_base(db, class.class(db))
            && ["__getattr__", "__getattribute__"]
                .iter()
                .all(|hook| class::class_member(db, class, hook).is_none_or(|member| member.is_object_member))
            && !instance.is_assignable_to(db, Type::Instance(protocol))
    })
}

/// The classes of an `isinstance`/`issubclass` second argument: a class, a tuple of them
/// (nested tuples included) or a union (`int | P`).
fn flatten_class_info<'db>(db: &'db dyn pytc_db::Db, class_info: Type<'db>, classes: &mut Vec<Type<'db>>) {
    match class_info {
        Type::Tuple(tuple) => {
            for element in tuple.prefix(db).iter().chain(tuple.variadic(db).as_ref()).chain(tuple.suffix(db)) {
                flatten_class_info(db, *element, classes);
            }
        }
        Type::Union(union) => {
            for element in union.elements(db) {
                flatten_class_info(db, *element, classes);
            }
        }
        // `int | P` is a type form denoting the union of the instances.
        Type::TypeForm(form) => {
            for element in form.denoted(db).union_elements(db) {
                if let Type::Instance(class) = element {
                    classes.push(Type::ClassObject(class));
                }
            }
        }
        other => classes.push(other),
    }
}

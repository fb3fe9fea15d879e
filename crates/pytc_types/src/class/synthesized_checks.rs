//! Diagnostics for classes whose members are synthesized: dataclass definitions (field
//! order, frozen inheritance, `__slots__`, `__post_init__`),
//! named tuple definitions (field names and order, overrides, multiple inheritance), enum
//! members with annotations, and
//! writes to frozen dataclass and named tuple attributes.

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast;

use crate::call::{Argument, ArgumentKind, CallOutcome};
use crate::class::dataclass::{ConverterProblem, all_fields, dataclass_params, is_dataclass};
use crate::class::namedtuple::{defines_named_tuple, named_tuple_fields};
use crate::class::{ClassFlags, ClassMember};
use crate::function::BoundMethodType;
use crate::infer::InferContext;
use crate::types::{ClassLiteral, ClassType, Type};

declare_rule! {
    /// A dataclass definition the dataclass machinery rejects: a field without a default
    /// after one with a default, a frozen dataclass inheriting from a non-frozen one (or the
    /// reverse), `slots=True` with `__slots__` in the body, a `__post_init__` that does not
    /// accept the `InitVar` fields, a field specifier given more than one default, a field
    /// converter that cannot convert (it must take one positional argument, return what the
    /// field declares and accept the field's default), `order=True` with `eq=False`, or a mutable (unhashable) default
    /// such as `[]`, which `dataclasses` rejects in favour of `default_factory`.
    ///
    /// ```python
    /// from dataclasses import dataclass
    /// @dataclass
    /// class C:
    ///     a: int = 0
    ///     b: int  # error: [invalid-dataclass]
    /// ```
    pub static INVALID_DATACLASS = {
        name: "invalid-dataclass",
        summary: "a dataclass definition is invalid",
        level: Error,
    }
}

declare_rule! {
    /// A named tuple definition `NamedTuple` rejects: a field name starting with an
    /// underscore, a field without a default after one with a default, a subclass field
    /// overriding a tuple field, or a second base class; or a `namedtuple(...)` /
    /// `NamedTuple(...)` call whose name is not the variable it is assigned to, or that
    /// repeats a field name, names one the runtime rejects or gives more `defaults` than
    /// there are fields.
    ///
    /// ```python
    /// from typing import NamedTuple
    /// class P(NamedTuple):
    ///     _x: int  # error: [invalid-named-tuple]
    ///
    /// Q = NamedTuple("Point", [("x", int)])  # error: [invalid-named-tuple]
    /// ```
    pub static INVALID_NAMED_TUPLE = {
        name: "invalid-named-tuple",
        summary: "a named tuple definition is invalid",
        level: Error,
    }
}

declare_rule! {
    /// Assigning to or deleting an attribute of a frozen dataclass instance, a field of
    /// a named tuple, or a member of an enum through its class.
    ///
    /// ```python
    /// from dataclasses import dataclass
    /// from enum import Enum
    /// @dataclass(frozen=True)
    /// class C:
    ///     x: int
    /// C(1).x = 2  # error: [read-only-attribute]
    ///
    /// class Suit(Enum):
    ///     HEARTS = 1
    /// Suit.HEARTS = 2  # error: [read-only-attribute]
    /// ```
    pub static READ_ONLY_ATTRIBUTE = {
        name: "read-only-attribute",
        summary: "a read-only attribute (frozen dataclass, named tuple field, enum member) is assigned or deleted",
        level: Error,
    }
}

/// Definition-time checks of a dataclass or named tuple class statement.
pub(crate) fn check_class<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    if is_dataclass(context.db, class) {
        check_dataclass(context, class, node);
    }
    if crate::class::flags(context.db, class).contains(ClassFlags::NAMED_TUPLE) {
        check_named_tuple(context, class, node);
    }
    if crate::infer::literal::is_enum_class(context.db, class) {
        crate::class::enum_members::check_enum_class(context, class, node);
        crate::class::enum_values::check_member_values(context, class, node);
        crate::class::enum_constructor::check_member_constructor_arguments(context, class, node);
    }
}

fn check_dataclass<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    let Some(params) = dataclass_params(db, class) else { return };
    if params.init {
        let mut seen_default = false;
        for field in all_fields(db, class).iter().filter(|field| field.init && !field.kw_only) {
            if field.has_default {
                seen_default = true;
            } else if seen_default {
                let range = if field.owner == class { field.range.absolute(context.index) } else { node.name.range };
                context.report(range, &INVALID_DATACLASS, format!("Field `{}` without a default follows a field with a default", field.name));
            }
        }
    }
    for base in &crate::class::class_header(db, class).bases {
        let Some(base_params) = dataclass_params(db, base.class(db)) else { continue };
        if base_params.frozen != params.frozen {
            let (this, other) = if params.frozen { ("Frozen", "non-frozen") } else { ("Non-frozen", "frozen") };
            context.report(node.name.range, &INVALID_DATACLASS, format!("{this} dataclass `{}` cannot inherit from {other} dataclass `{}`", node.name, base.name(db)));
        }
    }
    if params.slots && crate::class::own_class_member(db, class, "__slots__").is_some() {
        context.report(node.name.range, &INVALID_DATACLASS, format!("Dataclass `{}` defines `__slots__` and is created with `slots=True`", node.name));
    }
    check_post_init(context, class, node);
    check_field_specifier_arguments(context, class);
    super::dataclass_options::check_stdlib_options(context, class, &params, node);
}

/// A field specifier call gives at most one default, and its converter must take one
/// positional argument, return what the field declares and accept the default.
fn check_field_specifier_arguments<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>) {
    let db = context.db;
    for field in crate::class::dataclass::own_fields(db, class) {
        if let Some(range) = field.conflicting_default {
            context.report(range.absolute(context.index), &INVALID_DATACLASS, format!("Field `{}` is given more than one of `default`, `default_factory` and `factory`", field.name));
        }
        let Some(converter) = &field.converter else { continue };
        match &converter.problem {
            Some(ConverterProblem::NotUnary) => {
                context.report(converter.range.absolute(context.index), &INVALID_DATACLASS, format!("The converter of field `{}` cannot be called with a single positional argument", field.name));
            }
            Some(ConverterProblem::WrongReturn(returned)) => context.report(
                converter.range.absolute(context.index),
                &INVALID_DATACLASS,
                format!("The converter of field `{}` returns `{}`, which is not assignable to the field's type `{}`", field.name, returned.display(db), field.ty.display(db)),
            ),
            None => {
                if let Some(default) = field.specified_default
                    && !default.ty.is_assignable_to(db, converter.input)
                {
                    context.report(
                        default.range.absolute(context.index),
                        &INVALID_DATACLASS,
                        format!("Default of type `{}` is not accepted by the converter of field `{}` (expected `{}`)", default.ty.display(db), field.name, converter.input.display(db)),
                    );
                }
            }
        }
    }
}

/// `__post_init__` must accept the `InitVar` fields, in order.
fn check_post_init<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    let Some(ClassMember { ty: Type::Function(function), .. }) = crate::class::own_class_member(db, class, "__post_init__") else { return };
    let receiver = Type::Instance(crate::class::members::specialized_by_own_parameters(db, class));
    let arguments: Vec<Argument<'db>> = all_fields(db, class)
        .iter()
        .filter(|field| field.init_var)
        .map(|field| Argument { kind: ArgumentKind::Positional, ty: field.ty, range: if field.owner == class { field.range.absolute(context.index) } else { node.name.range }, literals: crate::call::LiteralOrigin::Written })
        .collect();
    let outcome = crate::call::evaluate_call(db, Type::BoundMethod(BoundMethodType::new(db, function, receiver)), &arguments);
    if !matches!(outcome, CallOutcome::Success(_)) {
        let range = node
            .body
            .iter()
            .find_map(|stmt| match stmt {
                ast::Stmt::FunctionDef(def) if def.name.as_str() == "__post_init__" => Some(def.name.range),
                _ => None,
            })
            .unwrap_or(node.name.range);
        context.report(range, &INVALID_DATACLASS, "`__post_init__` does not accept the `InitVar` fields of the dataclass (in order, with their types)");
    }
}

fn check_named_tuple<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    if defines_named_tuple(db, class) {
        let mut seen_default = false;
        for field in named_tuple_fields(db, class) {
            if field.name.starts_with('_') {
                context.report(field.range.absolute(context.index), &INVALID_NAMED_TUPLE, format!("Named tuple field `{}` cannot start with an underscore", field.name));
            }
            if field.has_default {
                seen_default = true;
            } else if seen_default {
                context.report(field.range.absolute(context.index), &INVALID_NAMED_TUPLE, format!("Field `{}` without a default follows a field with a default", field.name));
            }
        }
        let other_bases = node.arguments.as_ref().map_or(0, |arguments| {
            arguments.args.iter().filter(|base| !matches!(base, ast::Expr::Subscript(_))).count()
        });
        if other_bases > 1 {
            context.report(node.name.range, &INVALID_NAMED_TUPLE, format!("Named tuple `{}` cannot have other base classes", node.name));
        }
        check_named_tuple_reserved_names(context, node);
        return;
    }
    let Some(defining) = crate::class::class_mro(db, class).classes.iter().map(|entry| entry.class(db)).find(|entry| defines_named_tuple(db, *entry)) else {
        return;
    };
    for stmt in &node.body {
        let ast::Stmt::AnnAssign(assign) = stmt else { continue };
        let ast::Expr::Name(target) = &*assign.target else { continue };
        if named_tuple_fields(db, defining).iter().any(|field| *field.name == *target.id.as_str()) {
            context.report(assign.range(), &INVALID_NAMED_TUPLE, format!("Cannot override field `{}` of named tuple `{}`", target.id, defining.name(db)));
        }
    }
}

/// The attributes `NamedTuple` makes itself: a class body that defines one is an
/// `AttributeError` when the class is created.
const NAMED_TUPLE_RESERVED: [&str; 10] = ["__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults", "_make", "_replace", "_asdict", "_source"];

/// Report methods and plain assignments in a named tuple's body that overwrite an attribute
/// `NamedTuple` reserves (annotated names are fields, reported for their underscore).
fn check_named_tuple_reserved_names(context: &mut InferContext<'_>, node: &ast::StmtClassDef) {
    for stmt in &node.body {
        let (name, range) = match stmt {
            ast::Stmt::FunctionDef(function) => (function.name.as_str(), function.name.range),
            ast::Stmt::Assign(assign) => match assign.targets.as_slice() {
                [ast::Expr::Name(target)] => (target.id.as_str(), target.range),
                _ => continue,
            },
            _ => continue,
        };
        if NAMED_TUPLE_RESERVED.contains(&name) {
            context.report(range, &INVALID_NAMED_TUPLE, format!("Cannot overwrite `{name}`, an attribute `NamedTuple` defines"));
        }
    }
}

impl<'db> InferContext<'db> {
    /// Report an assignment to (or deletion of) an attribute of a frozen dataclass
    /// instance, a field of a named tuple, or a member of an enum class (the enum
    /// metaclass refuses to rebind or delete members).
    /// Returns whether it reported.
    pub(crate) fn check_read_only_attribute(&mut self, object: Type<'db>, attribute: &ast::ExprAttribute, deleting: bool) -> bool {
        let db = self.db;
        let name = attribute.attr.as_str();
        let verb = if deleting { "delete" } else { "assign to" };
        for member in object.union_elements(db) {
            if let Type::ClassObject(class) | Type::SubclassOf(class) = member
                && crate::infer::literal::is_enum_class(db, class.class(db))
                && let Some(Type::EnumLiteral(_)) = crate::infer::attribute::member_access(db, member, name).found()
            {
                self.report(attribute.range(), &READ_ONLY_ATTRIBUTE, format!("Cannot {verb} member `{name}` of enum `{}`", class.name(db)));
                return true;
            }
            // Through `self: Self` (or another type variable bound to the class) the
            // instance may be of a subclass, whose frozen base refuses only its fields.
            let (class, exact) = match member {
                Type::Instance(class) => (class, true),
                Type::TypeVar(typevar) => match typevar.bound(db) {
                    Some(Type::Instance(class)) => (class, false),
                    _ => continue,
                },
                _ => continue,
            };
            if let Some(frozen) = frozen_dataclass_refusing(db, class, name)
                && (exact || all_fields(db, frozen).iter().any(|field| &*field.name == name && !field.init_var))
            {
                self.report(attribute.range(), &READ_ONLY_ATTRIBUTE, format!("Cannot {verb} attribute `{name}` of frozen dataclass `{}`", frozen.name(db)));
                return true;
            }
            if let Some(defining) = crate::class::namedtuple::defining_class(db, class)
                && named_tuple_fields(db, defining.class(db)).iter().any(|field| &*field.name == name)
            {
                self.report(attribute.range(), &READ_ONLY_ATTRIBUTE, format!("Cannot {verb} field `{name}` of named tuple `{}`", defining.name(db)));
                return true;
            }
        }
        false
    }
}

/// The frozen dataclass whose `__setattr__` refuses to set `name` on an instance of `class`:
/// the first frozen dataclass of the MRO (non-frozen dataclasses and plain classes do not
/// define `__setattr__`, so they inherit it). It refuses every name on an instance of its
/// own class, and only its fields on an instance of a subclass that is not itself frozen.
pub(crate) fn frozen_dataclass_refusing<'db>(db: &'db dyn pytc_db::Db, class: ClassType<'db>, name: &str) -> Option<ClassLiteral<'db>> {
    let literal = class.class(db);
    let mut candidates = std::iter::once(literal).chain(crate::class::class_mro(db, literal).classes.iter().map(|entry| entry.class(db)));
    let frozen = candidates.find(|candidate| dataclass_params(db, *candidate).as_ref().is_some_and(|params| params.frozen))?;
    let refuses = frozen == literal || all_fields(db, frozen).iter().any(|field| &*field.name == name && !field.init_var);
    refuses.then_some(frozen)
}

//! Dataclass definitions the standard library's decorator rejects when the class is
//! created: `order=True` with `eq=False`, a method the class defines that an option would
//! overwrite (`__lt__` with `order=True`), and a field whose default is unhashable (a `list`,
//! `dict` or `set`, or from Python 3.11 any value whose class sets `__hash__` to `None`):
//! every instance would share that one mutable object, so `dataclasses` raises `ValueError`
//! and asks for `default_factory`; and a second `KW_ONLY` pseudo-field. `InitVar` and `ClassVar` defaults are not fields and may
//! be anything.

use pytc_syntax::ast;
use pytc_syntax::{PythonVersion, Ranged};

use super::synthesized_checks::INVALID_DATACLASS;
use crate::class::KnownClass;
use crate::class::dataclass::{DataclassParams, own_fields};
use crate::infer::InferContext;
use crate::types::{ClassLiteral, Type};

pub(super) fn check_stdlib_options<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, params: &DataclassParams<'db>, node: &ast::StmtClassDef) {
    if !params.is_stdlib {
        return;
    }
    let db = context.db;
    if params.order && !params.eq {
        context.report(node.name.range, &INVALID_DATACLASS, format!("Dataclass `{}` asks for `order=True` with `eq=False`; ordering needs `eq=True`", node.name));
    }
    check_overwritten_methods(context, class, params, node);
    let Some(body) = crate::class::members::class_body_scope(db, class) else { return };
    let fields = own_fields(db, class);
    let mut quiet = InferContext::quiet(db, context.file, body);
    check_single_kw_only(context, &mut quiet, node);
    for stmt in &node.body {
        let ast::Stmt::AnnAssign(assign) = stmt else { continue };
        let (ast::Expr::Name(target), Some(value)) = (&*assign.target, &assign.value) else { continue };
        if !fields.iter().any(|field| &*field.name == target.id.as_str() && !field.init_var && field.owner == class) {
            continue;
        }
        // A field specifier call (`field(default_factory=list)`) is not the default itself.
        if let ast::Expr::Call(call) = &**value
            && params.field_specifiers.contains(&quiet.infer_expression(&call.func))
        {
            continue;
        }
        if is_rejected_default(db, quiet.infer_expression(value)) {
            context.report(
                value.range(),
                &INVALID_DATACLASS,
                format!("Field `{}` has a mutable default, which dataclasses reject: use `field(default_factory=...)`", target.id),
            );
        }
    }
}

/// A class body marks where its keyword-only fields start once: a second `KW_ONLY`
/// pseudo-field makes the decorator raise `TypeError`.
fn check_single_kw_only<'db>(context: &mut InferContext<'db>, quiet: &mut InferContext<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    let mut seen = false;
    for stmt in &node.body {
        let ast::Stmt::AnnAssign(assign) = stmt else { continue };
        let is_marker = matches!(
            quiet.infer_expression(&assign.annotation),
            Type::ClassObject(class) if class.name(db) == "KW_ONLY" && crate::modules::KnownModule::Dataclasses.is(db, class.class(db).file(db))
        );
        if !is_marker {
            continue;
        }
        if seen {
            context.report(assign.target.range(), &INVALID_DATACLASS, "A dataclass body may mark the start of its keyword-only fields with `KW_ONLY` only once");
        }
        seen = true;
    }
}

/// The methods an option makes the decorator write, which it refuses to write over one the
/// class body defines (`TypeError: Cannot overwrite attribute`): the comparisons for
/// `order=True`, `__setattr__`/`__delattr__` for `frozen=True`, `__hash__` for
/// `unsafe_hash=True` (a `__hash__ = None` is what `__eq__` implies, and is replaced).
fn check_overwritten_methods<'db>(context: &mut InferContext<'db>, class: ClassLiteral<'db>, params: &DataclassParams<'db>, node: &ast::StmtClassDef) {
    let db = context.db;
    let options: [(bool, &str, &[&str]); 3] = [
        (params.order, "order=True", &["__lt__", "__le__", "__gt__", "__ge__"]),
        (params.frozen, "frozen=True", &["__setattr__", "__delattr__"]),
        (params.unsafe_hash, "unsafe_hash=True", &["__hash__"]),
    ];
    for (name, option) in options.iter().filter(|(on, _, _)| *on).flat_map(|(_, option, names)| names.iter().map(move |name| (*name, *option))) {
        let defined = crate::class::own_class_member(db, class, name).is_some_and(|member| !member.instance_only && member.ty != Type::None);
        if defined {
            context.report(
                node.name.range,
                &INVALID_DATACLASS,
                format!("Dataclass `{}` defines `{name}`, which `{option}` would overwrite (the decorator raises `TypeError`)", node.name),
            );
        }
    }
}

/// Whether the decorator rejects a default of type `ty` as mutable. Before Python 3.11 only
/// `list`, `dict` and `set` instances are; from 3.11 any whose class has `__hash__ = None`.
fn is_rejected_default<'db>(db: &'db dyn pytc_db::Db, ty: Type<'db>) -> bool {
    let Type::Instance(class) = ty else { return false };
    let literal = class.class(db);
    if [KnownClass::List, KnownClass::Dict, KnownClass::Set].into_iter().any(|known| crate::class::known::is_known(db, literal, known)) {
        return true;
    }
    *db.settings().python_version(db) >= PythonVersion::PY311
        && crate::class::class_member(db, class, "__hash__").is_some_and(|member| member.ty == Type::None)
}

//! PEP 702 `@deprecated("message")` (from `warnings` or `typing_extensions`) on functions,
//! methods, overloads, property accessors and classes, and the warning at each use: a
//! reference by name or attribute (calls and `map(f, ...)` alike), a `from` import, a call
//! that resolves to a deprecated overload, an operator that runs a deprecated dunder, a call
//! of an instance with a deprecated `__call__`, and a read or write through a deprecated
//! property accessor. Stubs declare rather than use, so nothing is reported in them.

use pytc_db::{Db, declare_rule};
use pytc_semantic::DefinitionKind;
use pytc_syntax::TextRange;
use pytc_syntax::ast;

use crate::function::{FunctionFlags, FunctionType};
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{ClassLiteral, Type};

declare_rule! {
    /// A use of a function, method, overload, property or class marked `@deprecated`
    /// (PEP 702); the warning carries the decorator's message.
    ///
    /// ```python
    /// from warnings import deprecated
    /// @deprecated("use new_api")
    /// def old_api() -> None: ...
    /// old_api()  # warning: [deprecated]
    /// ```
    pub static DEPRECATED = {
        name: "deprecated",
        summary: "a function, method, overload, property or class marked @deprecated is used",
        level: Warn,
    }
}

/// The message of a `@deprecated("...")` among a definition's decorators.
fn decorated_deprecation(db: &dyn Db, definition: DefinitionRef<'_>, decorators: &[ast::Decorator]) -> Option<Box<str>> {
    let mut context: Option<InferContext<'_>> = None;
    for decorator in decorators {
        let ast::Expr::Call(call) = &decorator.expression else { continue };
        let spelled = match &*call.func {
            ast::Expr::Name(name) => name.id.as_str(),
            ast::Expr::Attribute(attribute) => attribute.attr.as_str(),
            _ => continue,
        };
        if spelled != "deprecated" {
            continue;
        }
        let context = context.get_or_insert_with(|| InferContext::for_definition(db, definition));
        let is_deprecated_class = matches!(context.infer_expression(&call.func), Type::ClassObject(class) if class.name(db) == "deprecated");
        if !is_deprecated_class {
            continue;
        }
        let message = match call.arguments.args.first() {
            Some(ast::Expr::StringLiteral(message)) => message.value.to_str(),
            _ => "",
        };
        return Some(Box::from(message));
    }
    None
}

/// The deprecation message of one `def` (an overload, an implementation, an accessor).
#[salsa::tracked(returns(ref), cycle_result = no_deprecation_function)]
pub fn function_deprecation<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Option<Box<str>> {
    let definition = function.definition_ref(db);
    match &definition.definition(db).kind {
        DefinitionKind::Function(node) => decorated_deprecation(db, definition, &node.decorator_list),
        _ => None,
    }
}

fn no_deprecation_function<'db>(_db: &'db dyn Db, _id: salsa::Id, _function: FunctionType<'db>) -> Option<Box<str>> {
    None
}

/// The deprecation message of a class.
#[salsa::tracked(returns(ref), cycle_result = no_deprecation_class)]
pub fn class_deprecation<'db>(db: &'db dyn Db, class: ClassLiteral<'db>) -> Option<Box<str>> {
    let definition = DefinitionRef::new(db, class.file(db), class.definition(db));
    match &definition.definition(db).kind {
        DefinitionKind::Class(node) => decorated_deprecation(db, definition, &node.decorator_list),
        _ => None,
    }
}

fn no_deprecation_class<'db>(_db: &'db dyn Db, _id: salsa::Id, _class: ClassLiteral<'db>) -> Option<Box<str>> {
    None
}

/// What a reference to `ty` uses that is deprecated as a whole: a class, or a function
/// that is not one overload among others (an overload is deprecated per call).
fn referenced_deprecation<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<(String, &'db str)> {
    let (function, bound) = match ty {
        Type::Function(function) => (function, false),
        Type::BoundMethod(method) => (method.function(db), true),
        Type::ClassObject(class) => {
            let message = class_deprecation(db, class.class(db)).as_deref()?;
            return Some((format!("class `{}`", class.name(db)), message));
        }
        _ => return None,
    };
    if function.has(db, FunctionFlags::OVERLOAD) || function.has(db, FunctionFlags::PROPERTY) {
        return None;
    }
    let message = function_deprecation(db, function).as_deref()?;
    let kind = if bound || function.has(db, FunctionFlags::METHOD) { "method" } else { "function" };
    Some((format!("{kind} `{}`", qualified_name(db, function)), message))
}

/// `Class.method` for a method, the bare name for a function.
fn qualified_name(db: &dyn Db, function: FunctionType<'_>) -> String {
    match crate::infer::function::owner_class(db, function) {
        Some(owner) => format!("{}.{}", owner.name(db), function.name(db)),
        None => function.name(db).to_string(),
    }
}

fn with_message(what: &str, message: &str) -> String {
    if message.is_empty() { format!("Use of deprecated {what}") } else { format!("Use of deprecated {what}: {message}") }
}

impl<'db> InferContext<'db> {
    pub(crate) fn report_deprecated(&mut self, range: TextRange, what: &str, message: &str) {
        if self.index.is_stub() {
            return;
        }
        self.report(range, &DEPRECATED, with_message(what, message));
    }

    /// A name, attribute or imported name whose value is deprecated as a whole.
    pub(crate) fn check_deprecated_reference(&mut self, range: TextRange, ty: Type<'db>) {
        if let Some((what, message)) = referenced_deprecation(self.db, ty) {
            self.report_deprecated(range, &what, message);
        }
    }

    /// `obj.name` read (`store` false) or written through a property whose getter (or
    /// setter) is deprecated.
    pub(crate) fn check_deprecated_property(&mut self, range: TextRange, receiver: Type<'db>, name: &str, store: bool) {
        let db = self.db;
        let Some(class) = crate::infer::attribute_assignment::receiver_class(db, receiver) else { return };
        let Some(member) = crate::class::class_member(db, class, name) else { return };
        let Type::Function(accessor) = member.ty else { return };
        if !accessor.has(db, FunctionFlags::PROPERTY) {
            return;
        }
        let used = if store {
            crate::infer::property_accessors::property_setter(db, accessor)
        } else {
            crate::infer::property_accessors::property_getter(db, accessor)
        };
        let Some(used) = used else { return };
        let Some(message) = function_deprecation(db, used).as_deref() else { return };
        let what = format!("property {}`{}.{name}`", if store { "setter " } else { "" }, member.owner.name(db));
        self.report_deprecated(range, &what, message);
    }

    /// A dunder run by syntax (`a + b`, `a += b`, `obj()`) that is deprecated.
    pub(crate) fn check_deprecated_dunder(&mut self, range: TextRange, receiver: Type<'db>, name: &str) {
        let db = self.db;
        if !matches!(receiver, Type::Instance(_)) {
            return;
        }
        let Some(Type::BoundMethod(method)) = crate::infer::attribute::member_access(db, receiver, name).found() else { return };
        let function = method.function(db);
        if function.has(db, FunctionFlags::OVERLOAD) {
            return;
        }
        let Some(message) = function_deprecation(db, function).as_deref() else { return };
        let what = format!("method `{}`", qualified_name(db, function));
        self.report_deprecated(range, &what, message);
    }

    /// `C(...)` where the `__init__` or `__new__` that runs is deprecated.
    pub(crate) fn check_deprecated_constructor(&mut self, range: TextRange, callee: Type<'db>) {
        let db = self.db;
        let Type::ClassObject(class) = callee else { return };
        for name in ["__new__", "__init__"] {
            let Some(member) = crate::class::class_member(db, class, name) else { continue };
            let Type::Function(function) = member.ty else { continue };
            if function.has(db, FunctionFlags::OVERLOAD) {
                continue;
            }
            if let Some(message) = function_deprecation(db, function).as_deref() {
                let what = format!("method `{}`", qualified_name(db, function));
                self.report_deprecated(range, &what, message);
                return;
            }
        }
    }

    /// A call of an overloaded function that resolves to a deprecated overload: the first
    /// overload that accepts the arguments.
    pub(crate) fn check_deprecated_overload(&mut self, range: TextRange, callee: Type<'db>, arguments: &[crate::call::bind::Argument<'db>]) {
        let db = self.db;
        let function = match callee {
            Type::Function(function) => function,
            Type::BoundMethod(method) => method.function(db),
            _ => return,
        };
        let group = crate::infer::function::overload_group(db, function);
        if group.len() < 2 || !group.iter().any(|overload| function_deprecation(db, *overload).is_some()) {
            return;
        }
        let Some(signatures) = crate::call::signatures_of(db, callee) else { return };
        if signatures.len() != group.len() {
            return;
        }
        let iterate = crate::call::unpacked_element(db);
        let chosen = signatures.iter().position(|signature| {
            let solvable = crate::call::solvable_typevars(db, callee, signature);
            crate::call::bind::bind_call(db, signature, arguments, &solvable, &iterate).errors.is_empty()
        });
        let Some(chosen) = chosen else { return };
        let Some(message) = function_deprecation(db, group[chosen]).as_deref() else { return };
        let what = format!("overload of `{}`", qualified_name(db, function));
        self.report_deprecated(range, &what, message);
    }
}

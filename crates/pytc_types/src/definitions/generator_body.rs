//! What a generator function's declared return type says about its body (the spec's
//! "Annotating generator functions and coroutines"): the declared type must accept a
//! generator object, and it fixes the type each `yield` must produce, what a `yield`
//! evaluates to (the send type) and what `return` gives.

use pytc_db::{Db, declare_rule};
use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::class::known::module_class;
use crate::modules::KnownModule;
use crate::types::{ClassType, Type};

declare_rule! {
    /// A generator that yields a value its declared return type does not allow, or
    /// delegates with `yield from` to an iterable of other values or to a generator that
    /// cannot accept what this one is sent.
    ///
    /// ```python
    /// from typing import Iterator
    ///
    /// def numbers() -> Iterator[int]:
    ///     yield "one"  # error: [invalid-yield]
    /// ```
    pub static INVALID_YIELD = {
        name: "invalid-yield",
        summary: "a yielded value or delegated generator does not match the declared generator type",
        level: Error,
    }
}

/// The parts of a generator's type that its declared return type fixes; `None` where the
/// declaration leaves a part open (`Iterator[int]` names no return type, a protocol with
/// `__next__` none of them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct GeneratorParts<'db> {
    pub(crate) yield_type: Option<Type<'db>>,
    pub(crate) send_type: Option<Type<'db>>,
    pub(crate) return_type: Option<Type<'db>>,
}

/// The class of the object calling a generator function creates: `Generator[Y, S, R]`,
/// or `AsyncGenerator[Y, S]` for an `async def`.
fn generator_class(db: &dyn Db, is_async: bool) -> Option<crate::types::ClassLiteral<'_>> {
    module_class(db, KnownModule::Typing, if is_async { "AsyncGenerator" } else { "Generator" })
}

/// The parts `declared` fixes: each type parameter of `Generator` (or `AsyncGenerator`)
/// that reaches a type argument of the declared class through the generator's bases
/// (`Iterator[Y]`, `Iterable[Y]`, `Generator[Y, S, R]` itself) takes that argument.
pub(crate) fn declared_generator_parts<'db>(db: &'db dyn Db, declared: Type<'db>, is_async: bool) -> GeneratorParts<'db> {
    let mut parts = GeneratorParts::default();
    let Type::Instance(declared_class) = declared else { return parts };
    let Some(generator) = generator_class(db, is_async) else { return parts };
    let parameters = crate::class::type_parameters(db, generator);
    let own_arguments: Box<[Type<'db>]> = parameters.iter().map(|parameter| Type::TypeVar(*parameter)).collect();
    let generic_generator = ClassType::new(db, generator, own_arguments);
    let Some(seen_as_declared) = crate::class::find_ancestor(db, generic_generator, declared_class.class(db)) else { return parts };
    for (through, argument) in seen_as_declared.arguments(db).iter().zip(declared_class.arguments(db).iter()) {
        let Type::TypeVar(parameter) = through else { continue };
        match parameters.iter().position(|own| own == parameter) {
            Some(0) => parts.yield_type = Some(*argument),
            Some(1) => parts.send_type = Some(*argument),
            Some(2) if !is_async => parts.return_type = Some(*argument),
            _ => {}
        }
    }
    parts
}

/// Whether `declared` accepts the generator object calling the function creates (any
/// `Generator[...]`, or `AsyncGenerator[...]` for an `async def`): `int` does not.
pub(crate) fn accepts_generator_object<'db>(db: &'db dyn Db, declared: Type<'db>, is_async: bool) -> bool {
    let Some(generator) = generator_class(db, is_async) else { return true };
    let arity = crate::class::type_parameters(db, generator).len();
    let arguments: Box<[Type<'db>]> = (0..arity).map(|_| Type::ANY).collect();
    Type::Instance(ClassType::new(db, generator, arguments)).is_assignable_to(db, declared)
}

/// The send type of the generator `ty` delegates to with `yield from`, when it is one.
pub(crate) fn delegated_send_type<'db>(db: &'db dyn Db, ty: Type<'db>) -> Option<Type<'db>> {
    let Type::Instance(class) = ty else { return None };
    let generator = generator_class(db, false)?;
    crate::class::find_ancestor(db, class, generator)?.arguments(db).get(1).copied()
}

impl<'db> crate::infer::InferContext<'db> {
    /// The declared return type of the function whose body this context infers and what
    /// it fixes of the generator: known while checking the body, else read from the
    /// function's annotation (inferring the value of `x = yield` for `x`'s binding).
    fn enclosing_generator(&self) -> Option<(Type<'db>, GeneratorParts<'db>)> {
        if let (Some(declared), Some(parts)) = (self.return_type, self.generator) {
            return Some((declared, parts));
        }
        let node = self.index.scope(self.scope).node?;
        let definition = *self.index.definitions_for_node(node).first()?;
        let pytc_semantic::DefinitionKind::Function(function) = &self.index.definition(definition).kind else { return None };
        let returns = function.returns.as_ref()?;
        let mut quiet = crate::infer::InferContext::quiet(self.db, self.file, self.index.scope_of_node(returns.node_index().load()));
        let declared = quiet.type_expression(returns);
        Some((declared, declared_generator_parts(self.db, declared, function.is_async)))
    }

    /// What `yield` evaluates to: the send type the declared return type fixes, `None` for
    /// a declared class that fixes none (`Iterator[int]`), else `Unknown`.
    pub(crate) fn generator_send_type(&self) -> Type<'db> {
        match self.enclosing_generator() {
            Some((_, GeneratorParts { send_type: Some(send), .. })) => send,
            Some((Type::Instance(_), _)) => Type::None,
            _ => Type::UNKNOWN,
        }
    }

    /// Infer a `yield`'s value against the declared yield type and report a mismatch.
    pub(crate) fn check_yield(&mut self, yield_expression: &ast::ExprYield) {
        let expected = self.generator.and_then(|generator| generator.yield_type);
        let (value, range) = match &yield_expression.value {
            Some(value) => (self.infer_expression_with(value, expected), value.range()),
            None => (Type::None, yield_expression.range),
        };
        if let Some(expected) = expected
            && !value.is_assignable_to(self.db, expected)
        {
            let message = format!("Yielded value of type `{}` is not assignable to the declared yield type `{}`", value.display(self.db), expected.display(self.db));
            self.report(range, &INVALID_YIELD, message);
        }
    }

    /// Check what `yield from iterable` delegates to: its items must be valid yields of
    /// this generator, and a delegated generator must accept what this one is sent.
    pub(crate) fn check_yield_from(&mut self, yield_from: &ast::ExprYieldFrom, iterable: Type<'db>) {
        let db = self.db;
        let Some(generator) = self.generator else { return };
        let range = yield_from.value.range();
        if let Some(expected) = generator.yield_type
            && let Some(item) = self.iteration_type(iterable)
            && !item.is_assignable_to(db, expected)
        {
            let message = format!(
                "`yield from` delegates to an iterable of `{}`, which is not assignable to the declared yield type `{}`",
                item.display(db),
                expected.display(db)
            );
            self.report(range, &INVALID_YIELD, message);
        }
        if let Some(sent) = generator.send_type
            && let Some(accepted) = delegated_send_type(db, iterable)
            && !sent.is_assignable_to(db, accepted)
        {
            let message = format!(
                "The declared send type `{}` is not assignable to the send type `{}` of the generator `yield from` delegates to",
                sent.display(db),
                accepted.display(db)
            );
            self.report(range, &INVALID_YIELD, message);
        }
    }
}

//! Decorators are calls: `@deco` above `def f` is `f = deco(f)`, so a decorator that does
//! not accept what it decorates is reported like any call that rejects its argument
//! (`@expects_int_first` on a function whose first parameter is a `str`). Decorators pytc
//! models itself (`@staticmethod`, `@property`, `@overload`, ...) are not calls here, and
//! neither are decorators in stubs.

use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, HasNodeIndex};

use super::bind::{Argument, ArgumentKind};
use super::{CallOutcome, evaluate_call};
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::Type;

impl<'db> InferContext<'db> {
    /// Apply each decorator of `function` in turn (innermost first) and report the first
    /// that rejects what it is given.
    pub(crate) fn check_decorator_applications(&mut self, function: &ast::StmtFunctionDef) {
        let db = self.db;
        // Stubs describe decorated functions; their decorators never run.
        if function.decorator_list.is_empty() || self.index.is_stub() {
            return;
        }
        let Some(definition) = self.index.definitions_for_node(function.node_index().load()).first().copied() else { return };
        let definition = DefinitionRef::of(db, self.file, definition);
        let (undecorated, decorators) = crate::infer::function::undecorated_function(db, definition, function);
        let innermost = decorators.first().map(|(_, decorator)| decorator.range());
        let mut decorated = Type::Function(self.as_seen_below(undecorated, function, innermost));
        for (decorator_type, decorator) in decorators {
            if decorator_type.is_dynamic() || decorated.is_dynamic() {
                return;
            }
            let range = decorator.expression.range();
            let argument = Argument { kind: ArgumentKind::Positional, ty: decorated, range };
            let outcome = evaluate_call(db, decorator_type, &[argument]);
            match outcome {
                CallOutcome::Success(result) => decorated = result,
                CallOutcome::NotCallable => return,
                other => {
                    self.report_call_outcome(decorator_type, &other, range, range);
                    return;
                }
            }
        }
    }

    /// The function as the decorator at `innermost` receives it: without what decorators
    /// pytc models that stand above it make of it (`@name.setter` over `@protect def name`
    /// hands `protect` a plain function, not a property).
    fn as_seen_below(
        &mut self,
        function: crate::function::FunctionType<'db>,
        node: &ast::StmtFunctionDef,
        innermost: Option<pytc_syntax::TextRange>,
    ) -> crate::function::FunctionType<'db> {
        use crate::function::FunctionFlags;
        let db = self.db;
        let Some(innermost) = innermost else { return function };
        let mut above = FunctionFlags::empty();
        let mut below = FunctionFlags::empty();
        for decorator in &node.decorator_list {
            let made = if crate::infer::property_accessors::accessor_decorator(decorator).is_some() {
                FunctionFlags::PROPERTY | FunctionFlags::PROPERTY_ACCESSOR
            } else {
                let decorator_type = self.infer_expression(&decorator.expression);
                crate::infer::function::known_decorator(db, decorator_type).unwrap_or(FunctionFlags::empty())
            };
            if decorator.range().start() < innermost.start() {
                above |= made;
            } else {
                below |= made;
            }
        }
        let descriptors = FunctionFlags::PROPERTY
            | FunctionFlags::PROPERTY_ACCESSOR
            | FunctionFlags::CACHED_PROPERTY
            | FunctionFlags::STATICMETHOD
            | FunctionFlags::CLASSMETHOD;
        let removed = (above & descriptors) - below;
        if removed.is_empty() {
            return function;
        }
        crate::function::FunctionType::new(db, function.name(db).clone(), function.file(db), function.definition(db), function.flags(db) - removed)
    }
}

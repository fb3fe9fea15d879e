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
        let (undecorated, decorators, set_above) = crate::infer::function::undecorated_function(db, definition, function);
        // The innermost decorator is handed the function without what modelled decorators
        // above it make of it (`@name.setter` over `@protect def name`: a plain function).
        let handed = if set_above.is_empty() {
            undecorated
        } else {
            crate::function::FunctionType::new(db, undecorated.name(db).clone(), undecorated.file(db), undecorated.definition(db), undecorated.flags(db) - set_above)
        };
        let mut decorated = Type::Function(handed);
        for (decorator_type, decorator) in decorators {
            if decorator_type.is_dynamic() || decorated.is_dynamic() {
                return;
            }
            let range = decorator.expression.range();
            let argument = Argument { kind: ArgumentKind::Positional, ty: decorated, range, literals: crate::call::LiteralOrigin::Written };
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
}

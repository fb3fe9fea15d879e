//! Checks of functions that return `TypeGuard[T]` or `TypeIs[T]`: they need a positional
//! parameter to narrow (after `self`/`cls` for methods), and a `TypeIs` type must be
//! assignable to the type of that parameter.

use pytc_db::declare_rule;
use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::function::FunctionFlags;
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{GuardKind, Type};

declare_rule! {
    /// A `TypeGuard`/`TypeIs` function without a parameter to narrow, or a `TypeIs` type that
    /// is not assignable to the type of the parameter it narrows.
    ///
    /// ```python
    /// from typing import TypeIs
    /// def is_str(x: int) -> TypeIs[str]: ...  # error: [invalid-type-guard-definition]
    /// ```
    pub static INVALID_TYPE_GUARD_DEFINITION = {
        name: "invalid-type-guard-definition",
        summary: "a `TypeGuard`/`TypeIs` function cannot narrow its argument",
        level: Error,
    }
}

impl<'db> InferContext<'db> {
    pub(crate) fn check_type_guard_definition(&mut self, node: &ast::StmtFunctionDef) {
        let db = self.db;
        let Some(returns) = node.returns.as_deref() else { return };
        let Some(definition) = self.index.definitions_for_node(node.node_index().load()).first() else { return };
        let Type::Function(function) = crate::infer::definition::binding_type(db, DefinitionRef::of(db, self.file, *definition)) else {
            return;
        };
        // Each `def` (each overload too) is checked with the signature it declares itself.
        let signature = crate::infer::function::own_signature(db, function);
        let Type::TypeGuard(guard) = signature.return_type else { return };
        let (guarded, is_type_is) = (guard.guarded(db), guard.kind(db) == GuardKind::TypeIs);
        let form = guard.kind(db).name();
        let skip = usize::from(function.has(db, FunctionFlags::METHOD) && !function.has(db, FunctionFlags::STATICMETHOD));
        let Some(narrowed) = signature.parameters.iter().filter(|p| p.accepts_positional()).nth(skip) else {
            if !signature.gradual_parameters && !signature.parameters.iter().any(|p| p.kind == crate::types::ParameterKind::Variadic) {
                self.report(
                    returns.range(),
                    &INVALID_TYPE_GUARD_DEFINITION,
                    format!("A `{form}` function needs a positional parameter to narrow"),
                );
            }
            return;
        };
        // Everything is an `object` (checked by name too: a vendored copy of `builtins` has
        // its own `object` class).
        let narrows_object = matches!(narrowed.annotated, Type::Instance(class) if class.name(db) == "object");
        if is_type_is && !narrows_object && !guarded.is_assignable_to(db, narrowed.annotated) {
            self.report(
                returns.range(),
                &INVALID_TYPE_GUARD_DEFINITION,
                format!(
                    "Narrowed type `{}` is not assignable to the parameter type `{}`",
                    guarded.display(db),
                    narrowed.annotated.display(db)
                ),
            );
        }
    }
}

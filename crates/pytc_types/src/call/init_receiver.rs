//! An explicitly annotated `self` of `__init__` (or `cls` of `__new__`): the object a
//! constructor call creates (or the class it constructs) must be assignable to it, and the
//! annotation of `self` may not move the class's own type parameters out of their positions
//! (only the method's variables may shape the constructed type).

use pytc_db::{Db, declare_rule};
use pytc_semantic::DefinitionKind;
use pytc_syntax::Ranged;
use pytc_syntax::ast::{self, HasNodeIndex};

use crate::call::bind::CallError;
use crate::function::{FunctionFlags, FunctionType};
use crate::infer::InferContext;
use crate::semantic::DefinitionRef;
use crate::types::{ClassType, Type};

declare_rule! {
    /// The `self` annotation of `__init__` moves the class's own type parameters out of
    /// their positions.
    ///
    /// ```python
    /// from typing import Generic, TypeVar
    /// K = TypeVar("K")
    /// V = TypeVar("V")
    /// class C(Generic[K, V]):
    ///     def __init__(self: "C[V, K]") -> None: ...  # error: [invalid-self-annotation]
    /// ```
    pub static INVALID_SELF_ANNOTATION = {
        name: "invalid-self-annotation",
        summary: "the `self` annotation of `__init__` misplaces the class's type parameters",
        level: Error,
    }
}

/// The annotated first parameter (`self`, `cls`) of a method, when it has one.
fn annotated_receiver<'db>(db: &'db dyn Db, function: FunctionType<'db>) -> Option<Type<'db>> {
    let DefinitionKind::Function(node) = &function.definition_ref(db).definition(db).kind else { return None };
    let first = node.parameters.posonlyargs.iter().chain(&node.parameters.args).next()?;
    first.parameter.annotation.as_ref()?;
    let signature = crate::infer::function::own_signature(db, function);
    signature.parameters.first().map(|parameter| parameter.annotated)
}

/// The error of constructing with `__init__` or `__new__` (a function of the class) when
/// `receiver` (the instance for `__init__`, the class object for `__new__`) does not match
/// the method's annotated `self` or `cls`.
pub(crate) fn receiver_mismatch<'db>(db: &'db dyn Db, function: FunctionType<'db>, receiver: Type<'db>) -> Option<CallError<'db>> {
    // Of an overloaded `__init__` (`dict`'s `self: dict[str, _VT]`), only the overloads whose
    // `self` accepts the object apply: overload evaluation leaves the others out.
    if crate::function::declared_signatures(db, function).len() > 1 {
        return None;
    }
    let expected = annotated_receiver(db, function)?;
    if crate::generics::has_typevars(db, expected) || crate::generics::has_typevars(db, receiver) || receiver.is_assignable_to(db, expected) {
        return None;
    }
    let method = if &**function.name(db) == "__new__" { "__new__" } else { "__init__" };
    Some(CallError::ReceiverMismatch { expected, actual: receiver, method })
}

/// What each signature of a generic class's `__init__` constructs: the class specialized as
/// the signature's `self` annotation says (`def __init__(self: dict[str, _VT], ...)` makes a
/// `dict[str, _VT]`, with `_VT` solved from the arguments), or `instance` (the class over its
/// own type parameters) where `self` does not name the class.
/// The annotation's own variables are bound to the object as the signature's parameters are
/// (`self: Pair[V1, V2]` makes `V1` the class's first parameter), so the arguments solve them.
pub(crate) fn constructed_by_signatures<'db>(db: &'db dyn Db, function: FunctionType<'db>, instance: ClassType<'db>) -> Vec<Type<'db>> {
    crate::function::declared_signatures(db, function)
        .iter()
        .map(|signature| match signature.parameters.first().map(|parameter| parameter.annotated) {
            Some(receiver @ Type::Instance(receiver_class)) if receiver_class.class(db) == instance.class(db) && !receiver_class.arguments(db).is_empty() => {
                let mut solver = crate::generics::TypeVarSolver::new(db);
                solver.infer(receiver, Type::Instance(instance));
                let mut typevars = Vec::new();
                crate::generics::walk_typevars(db, receiver, &mut |typevar| {
                    if !typevars.contains(&typevar) {
                        typevars.push(typevar);
                    }
                });
                solver.solve(&typevars).0.apply(db, receiver)
            }
            _ => Type::Instance(instance),
        })
        .collect()
}

impl InferContext<'_> {
    /// Check the `self` annotation of an `__init__` for the class's type parameters.
    pub(crate) fn check_init_self_annotation(&mut self, node: &ast::StmtFunctionDef) {
        let db = self.db;
        if node.name.as_str() != "__init__" {
            return;
        }
        let Some(definition) = self.index.definitions_for_node(node.node_index().load()).first() else { return };
        let Type::Function(function) = crate::infer::definition::binding_type(db, DefinitionRef::of(db, self.file, *definition)) else {
            return;
        };
        if !function.has(db, FunctionFlags::METHOD) {
            return;
        }
        let Some(class) = crate::infer::function::owner_class(db, function) else { return };
        let Some(receiver) = annotated_receiver(db, function) else { return };
        let class_parameters = crate::class::type_parameters(db, class);
        // A class parameter in its own position (`self: dict[str, _VT]` in `dict`) changes
        // nothing; anywhere else (`self: C[T2, T1]`) it has no meaning.
        let Type::Instance(receiver_class) = receiver else { return };
        if receiver_class.class(db) != class {
            return;
        }
        let mut misplaced = false;
        for (position, argument) in receiver_class.arguments(db).iter().enumerate() {
            if let Type::TypeVar(typevar) = argument
                && class_parameters.get(position) == Some(typevar)
            {
                continue;
            }
            crate::generics::walk_typevars(db, *argument, &mut |typevar| misplaced |= class_parameters.contains(&typevar));
        }
        if misplaced {
            let first = node.parameters.posonlyargs.iter().chain(&node.parameters.args).next();
            let range = first.and_then(|p| p.parameter.annotation.as_deref()).map_or(node.name.range, |a| a.range());
            self.report(range, &INVALID_SELF_ANNOTATION, "The `self` annotation of `__init__` may use the class's own type parameters only in their own positions");
        }
    }
}

//! Scopes: the module, classes, functions, lambdas, comprehensions and PEP 695 annotation
//! scopes, linked to their parents.

use pytc_syntax::TextRange;
use pytc_syntax::ast::NodeIndex;
use pytc_syntax::ast::name::Name;

use crate::ids::ScopeId;

/// What kind of construct opened a scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ScopeKind {
    Module,
    Class,
    Function,
    Lambda,
    /// One list/set/dict comprehension or generator expression. Its first iterable is
    /// evaluated in the enclosing scope.
    Comprehension,
    /// The PEP 695 scope holding the type parameters of `def f[T]`, `class C[T]` or
    /// `type A[T] = ...`. An annotation scope: it can see the names of an enclosing class.
    TypeParams,
    /// The lazily evaluated value of a `type A = ...` statement. An annotation scope.
    TypeAlias,
}

impl ScopeKind {
    /// Scopes with function-like name resolution (everything but modules and classes):
    /// their names are resolved statically as locals, closures or globals.
    pub fn is_function_like(self) -> bool {
        !matches!(self, Self::Module | Self::Class)
    }

    /// PEP 695 annotation scopes, which can see the names of an immediately enclosing class.
    pub fn is_annotation_scope(self) -> bool {
        matches!(self, Self::TypeParams | Self::TypeAlias)
    }

    /// Scopes whose body runs when it is reached (so names from enclosing scopes are read
    /// at that point), as opposed to functions, lambdas and alias values, which run later.
    pub fn is_eager(self) -> bool {
        matches!(self, Self::Module | Self::Class | Self::Comprehension | Self::TypeParams)
    }
}

/// One scope of a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scope {
    pub kind: ScopeKind,
    /// The enclosing scope; `None` only for the module scope.
    pub parent: Option<ScopeId>,
    /// The node that opens the scope: the `def`/`class` statement, the lambda or
    /// comprehension expression, the `TypeParams` node, or the `type` statement (for
    /// `TypeAlias`). `None` for the module.
    pub node: Option<NodeIndex>,
    /// The function, class or alias name; `None` for the module, lambdas and comprehensions.
    pub name: Option<Name>,
    /// The source range of the opening node (the whole file for the module).
    pub range: TextRange,
    /// False when the scope's node is in statically unreachable code.
    pub reachable: bool,
}

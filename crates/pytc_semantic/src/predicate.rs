//! Narrowing predicates: the conditions recorded on control-flow paths, evaluated lazily by
//! the type layer (narrowing, `NoReturn` calls, star imports, context managers).

use pytc_syntax::ast;

use crate::ast_node_ref::AstNodeRef;
use crate::ids::{DefinitionId, ScopeId};

/// One predicate of a file. Constraints refer to it with a negation flag.
#[derive(Debug, Clone)]
pub struct Predicate {
    /// The scope whose flow the predicate was recorded in.
    pub scope: ScopeId,
    pub kind: PredicateKind,
}

#[derive(Debug, Clone)]
pub enum PredicateKind {
    /// A test expression from `if`/`elif`/`while`/`assert`, an operand of `and`/`or`, the test
    /// of a conditional expression, a `case` guard or a comprehension `if`. True when the
    /// expression is truthy. Never an `and`/`or`/`not` (those are split into constraints).
    Test(AstNodeRef<ast::Expr>),
    /// A `case` pattern matched against the `match` subject. True when the pattern matches.
    Pattern { subject: AstNodeRef<ast::Expr>, case: MatchCaseRef },
    /// An expression statement that is a call (`sys.exit(1)`, `fail("...")`), or the awaiting
    /// of one (`await shutdown()`, `awaited`). True when the call (or the awaiting) returns
    /// normally, i.e. unless it gives `Never`. Paths that continue after the call carry it.
    CallReturns { call: AstNodeRef<ast::ExprCall>, awaited: bool },
    /// `from m import *` (the definition). True when `m` exports the name of the symbol
    /// whose bindings carry the predicate (the symbol is implied by where it appears): the
    /// star import then replaces the earlier bindings. It must be evaluated: treating it as
    /// unknown keeps both the earlier bindings and the star import.
    StarImportProvides(DefinitionId),
    /// The context managers of a `with` statement. True when one of them may swallow an
    /// exception (its `__exit__` returns `bool`), so code after the `with` can be reached
    /// from the middle of its body. Paths that carry it un-negated exist only then: an
    /// evaluator must treat the un-negated atom as false (`Never`) for ordinary context
    /// managers, or every name bound in a `with` body looks possibly unbound after it.
    WithSwallowsExceptions(AstNodeRef<ast::StmtWith>),
}

/// A `case` of a `match` statement, which can also give the cases tried before it.
#[derive(Debug, Clone)]
pub struct MatchCaseRef {
    statement: AstNodeRef<ast::StmtMatch>,
    index: u32,
}

impl MatchCaseRef {
    /// Cases before this one that [`Self::earlier_cases`] gives at most: each predicate on a
    /// case may read them, so a statement of thousands of cases stays linear.
    pub const MAX_EARLIER_CASES: usize = 32;

    pub(crate) fn new(statement: AstNodeRef<ast::StmtMatch>, index: usize) -> Self {
        Self { statement, index: index as u32 }
    }

    /// The case.
    pub fn case(&self) -> &ast::MatchCase {
        &self.statement.cases[self.index as usize]
    }

    /// The cases tried just before this one (the last [`Self::MAX_EARLIER_CASES`] of them),
    /// in order: where this case is tried, each of them failed or its guard did.
    pub fn earlier_cases(&self) -> &[ast::MatchCase] {
        let end = self.index as usize;
        &self.statement.cases[end.saturating_sub(Self::MAX_EARLIER_CASES)..end]
    }
}

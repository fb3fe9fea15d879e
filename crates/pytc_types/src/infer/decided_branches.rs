//! Branches the types decide: an `if`/`elif` test whose type is always truthy or always
//! falsy (`x is not None` where `x` cannot be `None`, a `Literal[False]` flag) leaves a
//! branch no value can reach. Such a branch is still inferred (hover and go-to still work
//! there), but its diagnostics are dropped (a `reveal_type` still answers): code written for a case the declared types
//! rule out (a defensive `else`) is not held to types that say it never runs.

use pytc_syntax::ast;

use crate::call::special::REVEALED_TYPE;
use crate::infer::InferContext;
use crate::infer::operators::static_truthiness;

impl<'db> InferContext<'db> {
    /// Check an `if` statement: each test, then each branch, quietly where an earlier test
    /// is always true or the branch's own test is always false.
    pub(super) fn check_if_statement(&mut self, if_stmt: &ast::StmtIf) {
        let test = self.infer_expression(&if_stmt.test);
        let mut truth = static_truthiness(self.db, test);
        self.check_branch(&if_stmt.body, truth != Some(false));
        let mut taken_before = truth == Some(true);
        for clause in &if_stmt.elif_else_clauses {
            let reachable_test = !taken_before;
            truth = match &clause.test {
                Some(test) => {
                    let ty = self.quiet_unless(reachable_test, |context| context.infer_expression(test));
                    static_truthiness(self.db, ty)
                }
                None => Some(true),
            };
            self.check_branch(&clause.body, reachable_test && truth != Some(false));
            taken_before |= truth == Some(true);
        }
    }

    fn check_branch(&mut self, body: &[ast::Stmt], reachable: bool) {
        self.quiet_unless(reachable, |context| context.check_body(body));
    }

    /// Run `check`, dropping the diagnostics it reports unless `reachable`; an explicit
    /// `reveal_type` still answers (with `Never` for what the test ruled out).
    pub(super) fn quiet_unless<T>(&mut self, reachable: bool, check: impl FnOnce(&mut Self) -> T) -> T {
        let reported = self.diagnostics.len();
        let result = check(self);
        if !reachable {
            let dropped = self.diagnostics.split_off(reported);
            self.diagnostics.extend(dropped.into_iter().filter(|diagnostic| diagnostic.rule == REVEALED_TYPE.name));
        }
        result
    }
}

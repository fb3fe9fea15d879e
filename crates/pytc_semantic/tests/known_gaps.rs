//! Today's behaviour where the index is knowingly imprecise (see "Known limits" in lib.rs).

mod common;

use pytc_semantic::Reachability;

#[test]
fn pruned_expression_arms_are_not_marked_unreachable() {
    let indexed = common::index("x = a if TYPE_CHECKING else b\n");
    let index = indexed.index();
    let dead_arm = indexed.loads("b")[0];
    // TODO: the `else` arm of a statically true condition never runs; report it unreachable.
    let range = pytc_syntax::TextRange::empty(pytc_syntax::TextSize::new(28));
    assert_eq!(index.reachability(range), Reachability::Reachable);
    // Its use records no bindings, as for any unreachable use.
    assert!(indexed.use_def_at(dead_arm).bindings_at_use(dead_arm).unwrap().is_empty());
}

#[test]
fn returns_do_not_see_bindings_of_finally() {
    let indexed = common::index("def f():\n    x = 0\n    try:\n        return\n    finally:\n        x = 1\n");
    let f = indexed.scope_named("f");
    // TODO: the `finally` runs before the function returns, so `x = 1` should be public.
    assert_eq!(indexed.public(f, "x"), [2]);
}

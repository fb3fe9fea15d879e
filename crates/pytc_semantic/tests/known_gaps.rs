//! Today's behaviour where the index is knowingly imprecise (see "Known limits" in lib.rs).

mod common;

#[test]
fn returns_do_not_see_bindings_of_finally() {
    let indexed = common::index("def f():\n    x = 0\n    try:\n        return\n    finally:\n        x = 1\n");
    let f = indexed.scope_named("f");
    // TODO: the `finally` runs before the function returns, so `x = 1` should be public.
    assert_eq!(indexed.public(f, "x"), [2]);
}

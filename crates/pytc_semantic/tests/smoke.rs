mod common;

#[test]
fn smoke() {
    let indexed = common::index("x = 1\nif x:\n    y = 2\nprint(x, y)\n");
    assert_eq!(indexed.reaching("x", 1), vec![1]);
    assert_eq!(indexed.reaching("y", 0), vec![0, 3]);
}

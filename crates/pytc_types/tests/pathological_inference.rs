//! Inference over input written to feed itself: loops of assignments reading one another,
//! mutual recursion across hundreds of unannotated functions, thousands of attributes
//! assigned from one another in a chain or a ring. Each gives a sensible type (a fixpoint
//! that settles, or `Unknown` where it would not), never a hang or a stack overflow. Checks
//! run on a 32 MiB stack, the smallest pytc gives a checking thread. The sizes suit a debug
//! build; a release build takes 2 s for a loop of 1,000 assignments and for a chain or a ring
//! of 10,000 attributes.

mod common;

use common::revealed;

fn revealed_on_check_stack(source: String) -> Vec<String> {
    std::thread::Builder::new()
        .stack_size(32 * 1024 * 1024)
        .spawn(move || revealed(&source))
        .expect("spawn a checking thread")
        .join()
        .expect("checking finished without a panic")
}

#[test]
fn a_loop_of_three_hundred_assignments_feeding_each_other_widens_to_int() {
    let count = 300;
    let starts: String = (0..count).map(|i| format!("    x{i} = 0\n")).collect();
    let steps: String = (0..count).map(|i| format!("        x{i} = x{} + 1\n", (i + 1) % count)).collect();
    let source = format!("def f(go: bool) -> None:\n{starts}    while go:\n{steps}    reveal_type(x0)\n    reveal_type(x{})\n", count - 1);
    assert_eq!(revealed_on_check_stack(source), ["int", "int"]);
}

#[test]
fn five_hundred_mutually_recursive_functions_return_their_base_case() {
    // The recursive calls add nothing to the one value a base case returns.
    let count = 500;
    let functions: String =
        (0..count).map(|i| format!("def g{i}(n: int):\n    if n <= 0:\n        return 1\n    return g{}(n - 1)\n", (i + 1) % count)).collect();
    let source = format!("{functions}reveal_type(g0(3))\nreveal_type(g{}(3))\n", count / 2);
    assert_eq!(revealed_on_check_stack(source), ["Literal[1]", "Literal[1]"]);
}

#[test]
fn two_thousand_attributes_each_assigned_from_the_next_take_the_last_ones_type() {
    let count = 2_000;
    let chain: String = (0..count - 1).map(|i| format!("        self.a{i} = self.a{}\n", i + 1)).collect();
    let source = format!(
        "class C:\n    def __init__(self) -> None:\n        self.a{} = 0\n    def copy(self) -> None:\n{chain}reveal_type(C().a0)\n",
        count - 1
    );
    assert_eq!(revealed_on_check_stack(source), ["int"]);
}

/// A class whose methods assign `count` attributes in a ring, `a{i}` from `a{i+1}` (the last
/// from `a0`) as `step` writes it, with `0` flowing in from `__init__`.
fn ring_class(count: usize, step: impl Fn(usize, usize) -> String) -> String {
    let methods: String = (0..count).map(|i| format!("    def m{i}(self, other: \"C\") -> None:\n{}", step(i, (i + 1) % count))).collect();
    format!("class C:\n    def __init__(self) -> None:\n        self.a0 = 0\n{methods}reveal_type(C().a0)\nreveal_type(C().a{})\n", count / 2)
}

#[test]
fn attributes_assigned_from_one_another_in_a_ring_take_the_value_that_flows_in() {
    // The ring's members are iterated together to their fixpoint.
    let source = ring_class(60, |i, next| format!("        self.a{i} = self.a{next}\n"));
    assert_eq!(revealed_on_check_stack(source), ["int", "int"]);
}

#[test]
fn attributes_in_a_ring_of_thousands_are_unknown_however_the_values_pass() {
    // Following a ring costs time and memory quadratic in its length (2,000 members took
    // 3 s and 770 MB in a release build, 10,000 took two minutes and 18 GB), so a ring longer
    // than pytc follows is `Unknown`: directly, through a local name, or through another
    // instance of the class.
    let count = 2_000;
    let steps: [&dyn Fn(usize, usize) -> String; 3] = [
        &|i, next| format!("        self.a{i} = self.a{next}\n"),
        &|i, next| format!("        t = [self.a{next}]\n        self.a{i} = t[0]\n"),
        &|i, next| format!("        self.a{i} = other.a{next} + 1\n"),
    ];
    for step in steps {
        assert_eq!(revealed_on_check_stack(ring_class(count, step)), ["Unknown", "Unknown"]);
    }
}

#[test]
fn a_declared_attribute_in_a_ring_of_thousands_keeps_its_declaration() {
    let count = 2_000;
    let source = ring_class(count, |i, next| format!("        self.a{i} = self.a{next}\n")).replace("self.a0 = 0", "self.a0: int = 0");
    assert_eq!(revealed_on_check_stack(source), ["int", "Unknown"]);
}

#[test]
fn four_thousand_attributes_each_assigned_from_the_next_in_its_own_method_take_the_last_ones_type() {
    // Each attribute's lookup reads only the places that name it, not every method (which took
    // 6 s and 3 GB for this size in a release build).
    let count = 4_000;
    let methods: String = (0..count - 1).map(|i| format!("    def m{i}(self) -> None:\n        self.a{i} = self.a{}\n", i + 1)).collect();
    let source = format!("class C:\n    def __init__(self) -> None:\n        self.a{} = 0\n{methods}reveal_type(C().a0)\n", count - 1);
    assert_eq!(revealed_on_check_stack(source), ["int"]);
}

//! End-to-end checks of inference and the core diagnostics against the embedded typeshed.

mod common;

use common::{check, revealed};

#[test]
fn literals_and_displays() {
    let source = "reveal_type(1)\nreveal_type('a')\nreveal_type([1, 2])\nreveal_type({'a': 1})\nreveal_type((1, 'a'))\nreveal_type(None)\n";
    assert_eq!(revealed(source), ["Literal[1]", "Literal[\"a\"]", "list[int]", "dict[str, int]", "tuple[Literal[1], Literal[\"a\"]]", "None"]);
}

#[test]
fn functions_and_calls() {
    let source = "def f(a: int, b: str = 'x') -> str:\n    return b\nreveal_type(f)\nreveal_type(f(1))\nf('no')\nf(1, 2, 3)\n";
    let output = check(source);
    assert!(output.contains(&"3:13 info[revealed-type] Revealed type: `def f(a: int, b: str = ...) -> str`".to_string()), "{output:?}");
    assert!(output.contains(&"4:13 info[revealed-type] Revealed type: `str`".to_string()), "{output:?}");
    assert!(output.contains(&"5:3 error[invalid-argument-type] Argument of type `Literal[\"no\"]` is not assignable to parameter `a` of type `int`".to_string()), "{output:?}");
    assert!(output.iter().any(|line| line.starts_with("6:9 error[too-many-positional-arguments]")), "{output:?}");
}

#[test]
fn classes_and_attributes() {
    let source = "class C:\n    def __init__(self, v: int) -> None:\n        self.v = v\n    def m(self) -> int:\n        return self.v\nc = C(1)\nreveal_type(c.m())\nreveal_type(c.v)\nc.missing\n";
    let output = check(source);
    assert_eq!(revealed(source), ["int", "int"]);
    assert!(output.iter().any(|line| line.starts_with("9:3 error[unresolved-attribute]")), "{output:?}");
}

#[test]
fn assignments_to_declarations() {
    let output = check("x: int = 'a'\ny: str = 'ok'\n");
    assert_eq!(output, ["1:10 error[invalid-assignment] Object of type `Literal[\"a\"]` is not assignable to `int`"]);
}

#[test]
fn narrowing_none() {
    let source = "def g(x: int | None) -> int:\n    if x is None:\n        return 0\n    reveal_type(x)\n    return x\n";
    assert_eq!(revealed(source), ["int"]);
    assert!(check(source).iter().all(|line| !line.contains("error")));
}

#[test]
fn unresolved_names() {
    let output = check("print(undefined_name)\n");
    assert_eq!(output, ["1:7 error[unresolved-reference] Name `undefined_name` used when not defined"]);
}

//! Pathological input: deeply nested expressions, enormous literals and displays, aliases
//! that quote themselves. Each must end with a diagnostic or a sensible type — never a
//! stack overflow, never a hang. Checks run on a 32 MiB stack, the smallest pytc gives a
//! checking thread (the language server's workers).

mod common;

use common::{check, revealed};

const SMALLEST_CHECK_STACK_BYTES: usize = 32 * 1024 * 1024;

fn on_check_stack<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new()
        .stack_size(SMALLEST_CHECK_STACK_BYTES)
        .spawn(work)
        .expect("spawn a checking thread")
        .join()
        .expect("checking finished without a panic")
}

fn revealed_on_check_stack(source: String) -> Vec<String> {
    on_check_stack(move || revealed(&source))
}

#[test]
fn ten_thousand_nested_lists_infer_without_overflow() {
    let source = format!("x = {}{}\nreveal_type(x)\n", "[".repeat(10_000), "]".repeat(10_000));
    let types = revealed_on_check_stack(source);
    assert_eq!(types.len(), 1);
    assert!(types[0].starts_with("list["), "{types:?}");
}

#[test]
fn ten_thousand_chained_operators_infer_without_overflow() {
    let source = format!("x = {}\nreveal_type(x)\ny = {}True\nreveal_type(y)\n", ["1"; 10_000].join(" + "), "not ".repeat(10_000));
    let types = revealed_on_check_stack(source);
    assert_eq!(types.len(), 2, "{types:?}");
}

#[test]
fn a_ten_thousand_deep_attribute_chain_is_checked_quickly_and_bounded() {
    // Only the innermost name can be looked up; the chain is too deep to infer fully.
    let source = format!("import os\nx = os{}\nreveal_type(x)\n", ".path".repeat(10_000));
    let types = revealed_on_check_stack(source);
    assert_eq!(types, ["Unknown"]);
}

#[test]
fn enormous_literals_and_displays_widen() {
    let big_int = "9".repeat(100_000);
    let elements: Vec<String> = (0..100_000).map(|i| i.to_string()).collect();
    let pairs: Vec<String> = (0..20_000).map(|i| format!("({i}, 's{i}')")).collect();
    let source = format!(
        "a = {big_int}\nreveal_type(a)\nb = [{}]\nreveal_type(b)\nc = [{}]\nreveal_type(c)\n",
        elements.join(", "),
        pairs.join(", ")
    );
    let types = revealed_on_check_stack(source);
    assert_eq!(types[..2], ["int", "list[int]"]);
    // Twenty thousand distinct element types: the union of them is built in linear time.
    assert!(types[2].starts_with("list[tuple["), "{}", &types[2][..100.min(types[2].len())]);
}

#[test]
fn aliases_that_quote_themselves_are_unknown() {
    let source = "from typing import TypeAlias\nA: TypeAlias = \"A\"\nB: TypeAlias = \"C\"\nC: TypeAlias = \"B\"\ndef f(a: A, b: B) -> None:\n    reveal_type(a)\n    reveal_type(b)\n";
    let types = revealed_on_check_stack(source.to_string());
    assert_eq!(types, ["Unknown", "Unknown"]);
}

#[test]
fn a_twenty_thousand_long_chain_of_assignments_resolves() {
    let chain: String = (0..20_000).map(|i| format!("x{} = x{i}\n", i + 1)).collect();
    let source = format!("x0 = 1\n{chain}reveal_type(x20000)\n");
    let types = revealed_on_check_stack(source);
    assert_eq!(types, ["Literal[1]"]);
}

#[test]
fn a_class_that_inherits_from_a_non_class_is_reported() {
    let output = on_check_stack(|| check("x = 3\nclass C(x): ...\ndef g() -> None: ...\nclass D(g): ...\n"));
    assert_eq!(output.iter().filter(|line| line.contains("error[invalid-base]")).count(), 2, "{output:?}");
}

#[test]
fn type_variables_bounded_by_themselves_or_each_other_are_errors_not_overflows() {
    let source = "from typing import TypeVar\nT = TypeVar(\"T\", bound=\"T\")\nU = TypeVar(\"U\", bound=\"V\")\nV = TypeVar(\"V\", bound=\"U\")\nW = TypeVar(\"W\", \"W\", int)\ndef f(x: T, y: U, z: W) -> None:\n    x.attr\n    y + 1\n    z[0]\ndef g[P: P](x: P) -> None:\n    x.attr\n    x + 1\n    x[0]\n";
    let output = on_check_stack(move || check(source));
    let rules: Vec<&str> = output.iter().map(|line| &line[line.find('[').unwrap() + 1..line.find(']').unwrap()]).collect();
    assert_eq!(rules, ["invalid-type-variable"; 4].into_iter().chain(["invalid-type-parameter"]).collect::<Vec<_>>(), "{output:?}");
}

#[test]
fn twenty_equality_tests_narrowing_each_other_are_all_checked() {
    // Each `x == y` narrows `y` by `x` there, itself narrowed by the earlier tests: the
    // constraints are evaluated once each, not once per path.
    let source = format!("x = input()\ny = input()\n{}", "if x == y:\n    y.z()\n".repeat(20));
    let output = on_check_stack(move || check(&source));
    assert_eq!(output.len(), 20, "{output:?}");
    assert!(output.iter().all(|line| line.contains("[unresolved-attribute] Type `str` has no attribute `z`")), "{output:?}");
}

#[test]
fn a_forty_branch_elif_chain_of_equality_tests_in_a_loop_is_checked() {
    let branches: String =
        (1..40).map(|i| format!("        elif x == B{i}:\n            self.close()\n            x = B{i}\n")).collect();
    let constants: String = (0..40).map(|i| format!("B{i} = 'b{i}'\n")).collect();
    let source = format!("{constants}def f(self, n: int) -> None:\n    while True:\n        x = self.etc[2]\n        if x == B0:\n            pass\n{branches}        n.nope\n");
    let output = on_check_stack(move || check(&source));
    assert_eq!(output.len(), 1, "{output:?}");
    assert!(output[0].contains("[unresolved-attribute]"), "{output:?}");
}

#[test]
fn length_comparisons_between_names_reassigned_in_a_loop_are_checked() {
    // Each `len(a) op len(b)` test is a narrowing of `a`; inferring its right side narrows
    // `b` by the tests before it, around the loop. Evaluated once per path (without the
    // per-context memo, or when the length hook infers every right side) this took 24 s.
    let source = LENGTH_TESTS_IN_A_LOOP.to_owned();
    let output = on_check_stack(move || check(&source));
    // `found` and `wanted` are reported at their first reads; past them they are bound.
    assert_eq!(output.len(), 2, "{output:?}");
    assert!(output.iter().all(|line| line.contains("[possibly-unbound]")), "{output:?}");
}

const LENGTH_TESTS_IN_A_LOOP: &str = "\
def f(groups: list[list[int]], values: list[object], value: object, shape: object, expand: bool) -> None:
    for group in groups:
        if expand:
            found = [values[i] for i in group]
            if isinstance(value, int):
                if isinstance(shape, str):
                    wanted = ()
                elif isinstance(shape, bytes):
                    wanted = [value]
                elif isinstance(shape, float):
                    wanted = [value, value]
                else:
                    wanted = [shape] * len(group)
            else:
                wanted = [value] * len(group)
        assert len(found) == len(group) == len(values)
        if len(wanted) != len(found):
            if len(found) > len(wanted):
                continue
        if len(wanted) < len(values):
            continue
        if len(found) <= len(wanted):
            continue
        if len(values) > len(wanted):
            continue
";

#[test]
fn a_deep_list_literal_against_its_declared_type_is_checked_at_any_depth() {
    for depth in [57, 58, 300] {
        let source = format!("y: {}int{} = {}\"s\"{}\nz: {}int{} = {}1{}\n", "list[".repeat(depth), "]".repeat(depth), "[".repeat(depth), "]".repeat(depth), "list[".repeat(depth), "]".repeat(depth), "[".repeat(depth), "]".repeat(depth));
        let output = on_check_stack(move || check(&source));
        assert_eq!(output.len(), 1, "{depth}: {output:?}");
        assert!(output[0].starts_with("1:") && output[0].contains("[invalid-assignment]"), "{depth}: {output:?}");
    }
}

#[test]
fn a_thousand_deep_class_hierarchy_has_its_full_mro() {
    // The C3 merge and the check of the bases' type arguments are linear per class, so the
    // hierarchy costs what its MROs hold; the answers must be those of a shallow one.
    let depth = 1_000;
    let classes: String = (1..depth).map(|i| format!("class C{i}(C{}): pass\n", i - 1)).collect();
    let last = depth - 1;
    let source = format!(
        "class C0:\n    x: int = 0\n{classes}reveal_type(C{last}().x)\nfirst: C0 = C{last}()\nlast: C{last} = C0()\nclass Both(C{last}, C500): pass\nclass Wrong(C500, C{last}): pass\n"
    );
    let output = on_check_stack(move || check(&source));
    let rules: Vec<&str> = output.iter().map(|line| &line[line.find('[').unwrap() + 1..line.find(']').unwrap()]).collect();
    assert_eq!(rules, ["revealed-type", "invalid-assignment", "inconsistent-mro"], "{output:?}");
    assert!(output[0].contains("`int`"), "{output:?}");
}

#[test]
fn a_thousand_deep_hierarchy_passes_down_its_metaclass_enum_and_dataclass_transform() {
    // What a class inherits from its MRO (metaclass, `dataclass_transform`, enum, flags) is
    // composed from its bases' answers, one read per base: the last class of each chain
    // sees what the first declares.
    let depth = 1_000;
    let last = depth - 1;
    let chain = |prefix: &str| -> String { (1..depth).map(|i| format!("class {prefix}{i}({prefix}{}): pass\n", i - 1)).collect() };
    let source = format!(
        "from enum import Enum\nfrom typing import TypedDict, dataclass_transform, reveal_type\nclass Meta(type):\n    def made(cls) -> bytes: ...\n\
         class M0(metaclass=Meta): pass\n{}reveal_type(M{last}.made())\n\
         class E0(Enum): pass\n{}class Last(E{last}):\n    A = 1\nreveal_type(Last.A)\n\
         @dataclass_transform(frozen_default=True)\nclass D0: pass\n{}class Model(D{last}):\n    x: int\nModel(x=1).x = 2\n\
         class T0(TypedDict):\n    x: int\n{}t: T{last} = {{}}\n",
        chain("M"),
        chain("E"),
        chain("D"),
        chain("T"),
    );
    let output = on_check_stack(move || check(&source));
    let rules: Vec<&str> = output.iter().map(|line| &line[line.find('[').unwrap() + 1..line.find(']').unwrap()]).collect();
    assert_eq!(rules, ["revealed-type", "revealed-type", "read-only-attribute", "missing-typed-dict-key"], "{output:?}");
    assert!(output[0].contains("`bytes`") && output[1].contains("`Literal[Last.A]`"), "{output:?}");
}

/// The diagnostics of `source` checked as the stub `/src/test.pyi`.
fn check_stub(source: String) -> Vec<String> {
    on_check_stack(move || {
        let db = common::test_db();
        let file = db.file("/src/test.pyi", &source);
        let index = pytc_db::line_index(&db, file);
        let text = pytc_db::source_text(&db, file);
        pytc_types::check_types(&db, file)
            .iter()
            .map(|diagnostic| {
                let line = index.line_column(diagnostic.range.start(), text).line;
                format!("{line} {}[{}] {}", diagnostic.severity.as_str(), diagnostic.rule, diagnostic.message)
            })
            .collect()
    })
}

#[test]
fn three_hundred_declarations_annotated_with_their_own_name_are_unknown() {
    // Each `a: a` reads the public type of `a`, made of all its declarations: one query per
    // symbol, so the declarations depend on it and not on each other (n² dependencies in one
    // cycle, which salsa's cycle handling made cubic).
    let output = check_stub(format!("{}b: int\nreveal_type(a)\nreveal_type(b)\n", "a: a\n".repeat(300)));
    assert_eq!(output, ["302 info[revealed-type] Revealed type: `Unknown`", "303 info[revealed-type] Revealed type: `int`"]);
}

#[test]
fn unpacked_tuples_nested_two_hundred_deep_flatten() {
    let source = format!(
        "from typing import Unpack\ndef f(x: {}tuple[int]{}, y: {}tuple[int, ...]{}) -> None:\n    reveal_type(x)\n    reveal_type(y)\ndef g(*args: {}int, *tuple[str, ...]{}) -> None: ...\nreveal_type(g)\n",
        "tuple[*".repeat(200),
        "]".repeat(200),
        "tuple[Unpack[".repeat(200),
        "]]".repeat(200),
        "*tuple[".repeat(200),
        "]".repeat(200),
    );
    let types = revealed_on_check_stack(source);
    assert_eq!(types, ["tuple[int]", "tuple[int, ...]", "def g(*args: *tuple[int, *tuple[str, ...]]) -> None"]);
}

#[test]
fn a_five_thousand_element_tuple_solves_unpacks_and_binds() {
    let ints = ["int"; 5_000].join(", ");
    let values: Vec<String> = (0..5_000).map(|i| i.to_string()).collect();
    let values = values.join(", ");
    let source = format!(
        "from typing import Callable, TypeVarTuple\nTs = TypeVarTuple('Ts')\ndef f(*args: *Ts) -> tuple[*Ts]: ...\ndef g(x: tuple[int, *Ts]) -> tuple[*Ts]: ...\ndef h(*args: *tuple[{ints}]) -> None: ...\ndef use(z: tuple[{ints}], c: Callable[[{ints}], None]) -> None:\n    reveal_type(g(z)[4998])\n    c = h\n    h(*z)\n    a, *rest, b = z + z\n    reveal_type(b)\nreveal_type(f({values})[4999])\nh({values})\nh(1)\n"
    );
    let output = on_check_stack(move || check(&source));
    let rules: Vec<&str> = output.iter().map(|line| &line[line.find('[').unwrap() + 1..line.find(']').unwrap()]).collect();
    assert_eq!(rules, ["revealed-type", "revealed-type", "revealed-type", "missing-argument"], "{output:?}");
    assert!(output[0].ends_with("`int`") && output[1].ends_with("`int`") && output[2].ends_with("`int`"), "{output:?}");
}

#[test]
fn typevartuple_defaults_naming_themselves_are_errors_and_unknown() {
    let source = "from typing import Generic, TypeVarTuple, Unpack\nTs = TypeVarTuple('Ts', default=Unpack[tuple[int, *Ts]])\nclass A(Generic[*Ts]): ...\nclass C[*Vs = *Vs]: ...\nclass D[*Ws = *tuple[int, *Ws]]: ...\nreveal_type(A())\nreveal_type(C())\nreveal_type(D())\n";
    let output = on_check_stack(move || check(source));
    let rules: Vec<&str> = output.iter().map(|line| &line[line.find('[').unwrap() + 1..line.find(']').unwrap()]).collect();
    assert_eq!(rules, ["unresolved-reference", "invalid-type-variable", "invalid-type-variable", "revealed-type", "revealed-type", "revealed-type"], "{output:?}");
    assert!(output[3].ends_with("`A[int, *tuple[Unknown, ...]]`"), "{output:?}");
    assert!(output[4].ends_with("`C[*tuple[Unknown, ...]]`"), "{output:?}");
    assert!(output[5].ends_with("`D[int, *tuple[Unknown, ...]]`"), "{output:?}");
}

#[test]
fn unpack_of_what_is_not_a_type_is_an_error() {
    let source = "from typing import Unpack\nx: tuple[Unpack[1]]\ny: tuple[*3]\ndef g(*args: Unpack[len]) -> None: ...\nw: tuple[Unpack[int]]\nv: tuple[Unpack]\ndef k(**kwargs: Unpack[3]) -> None: ...\n";
    let output = on_check_stack(move || check(source));
    assert_eq!(output.len(), 6, "{output:?}");
    assert!(output.iter().all(|line| line.contains("[invalid-type-form]")), "{output:?}");
}

#[test]
fn a_match_over_every_member_of_a_three_hundred_member_enum_is_exhaustive() {
    // One failed-case conjunct per `case`: far deeper than the nesting limit of other
    // constraint formulas, so the chain of conjunctions is walked without recursion.
    let members: String = (0..300).map(|i| format!("    M{i} = {i}\n")).collect();
    let every_case: String = (0..300).map(|i| format!("        case Big.M{i}:\n            return {i}\n")).collect();
    let all_but_last: String = (0..299).map(|i| format!("        case Big.M{i}:\n            return {i}\n")).collect();
    let source = format!(
        "from enum import Enum\nfrom typing import assert_never\nclass Big(Enum):\n{members}def every(x: Big) -> int:\n    match x:\n{every_case}def missing(x: Big) -> int:\n    match x:\n{all_but_last}        case _:\n            assert_never(x)\n"
    );
    let output = on_check_stack(move || check(&source));
    assert_eq!(output.len(), 1, "{output:?}");
    assert!(output[0].contains("[type-assertion-failure]") && output[0].contains("`Literal[Big.M299]`"), "{output:?}");
}

#[test]
fn a_thousand_module_cycle_of_imported_values_is_cut_where_it_closes() {
    // `m{i}` takes `x{i}` from `m{i+1}`, around a cycle of a thousand modules; `m0` also has a
    // value of its own. Each import of the cycle binds `Unknown` instead of asking for the next
    // module's name (left to salsa's cycle handling, memory grew with the square of the
    // cycle's length), so `x0` keeps its own value and the rest are `Unknown`.
    let output = on_check_stack(|| {
        let mut db = common::test_db();
        let count = 1000;
        let files: Vec<_> = (0..count)
            .map(|i| {
                let next = (i + 1) % count;
                let value = if i == 0 { format!("1 if sys.argv else x{next}") } else { format!("x{next}") };
                db.file(&format!("/src/m{i}.py"), &format!("import sys\nfrom m{next} import x{next}\nx{i} = {value}\n"))
            })
            .collect();
        let main = db.file("/src/main.py", "from m0 import x0\nfrom m500 import x500\nreveal_type(x0)\nreveal_type(x500)\ns: str = x0\n");
        let options = pytc_module_resolver::ResolverOptions { project_roots: vec!["/src".into()], ..Default::default() };
        pytc_module_resolver::configure(&mut db, &options).expect("/src is a usable project root");
        let mut checked = files.clone();
        checked.push(main);
        pytc_types::set_import_cycle_roots(&mut db, &checked);
        let quiet = files.iter().all(|file| pytc_types::check_types(&db, *file).is_empty());
        let main_output: Vec<String> =
            pytc_types::check_types(&db, main).iter().map(|diagnostic| format!("{}: {}", diagnostic.rule, diagnostic.message)).collect();
        (quiet, main_output)
    });
    assert!(output.0, "a module of the cycle has diagnostics");
    assert_eq!(output.1.len(), 3, "{:?}", output.1);
    assert_eq!(output.1[0], "revealed-type: Revealed type: `Literal[1] | Unknown`");
    assert_eq!(output.1[1], "revealed-type: Revealed type: `Unknown`");
    assert!(output.1[2].starts_with("invalid-assignment"), "{:?}", output.1);
}

/// `class Big(Enum)` with the members `M0` ... `M{count - 1}`.
fn big_enum(count: usize) -> String {
    let members: String = (0..count).map(|i| format!("    M{i} = {i}\n")).collect();
    format!("class Big(Enum):\n{members}")
}

/// An `if`/`elif` chain in a function body testing `x {op} Big.M{i}` for the first `count`
/// members, each branch returning.
fn enum_test_chain(op: &str, count: usize) -> String {
    (0..count).map(|i| format!("    {} x {op} Big.M{i}:\n        return {i}\n", if i == 0 { "if" } else { "elif" })).collect()
}

#[test]
fn an_if_elif_chain_over_every_member_of_a_three_hundred_member_enum_narrows_to_never() {
    // Each test narrows the subject by every test that failed before it, one conjunct more
    // than the test before: after the chain nothing is left, or the one missing member.
    let (every, all_but_last) = (enum_test_chain("is", 300), enum_test_chain("is", 299));
    let source = format!(
        "from enum import Enum\nfrom typing import assert_never\n{}def every(x: Big) -> int:\n{every}    assert_never(x)\ndef missing(x: Big) -> int:\n{all_but_last}    assert_never(x)\n",
        big_enum(300)
    );
    let output = on_check_stack(move || check(&source));
    assert_eq!(output.len(), 1, "{output:?}");
    assert!(output[0].contains("[type-assertion-failure]") && output[0].contains("`Literal[Big.M299]`"), "{output:?}");
}

#[test]
fn an_elif_chain_of_equality_tests_over_a_five_hundred_member_enum_narrows_to_never() {
    // Each `==` compares the union of the members not yet tested with one member: the
    // members share their class's `__eq__`, so the comparison calls it once, not once per
    // member (a chain over 2,000 members took 8 s).
    let (every, all_but_last) = (enum_test_chain("==", 500), enum_test_chain("==", 499));
    let source = format!(
        "from enum import Enum\nfrom typing import assert_never\n{}def every(x: Big) -> int:\n{every}    assert_never(x)\ndef missing(x: Big) -> int:\n{all_but_last}    reveal_type(x == Big.M0)\n    assert_never(x)\n",
        big_enum(500)
    );
    let output = on_check_stack(move || check(&source));
    assert_eq!(output.len(), 2, "{output:?}");
    assert!(output[0].contains("[revealed-type]") && output[0].contains("`bool`"), "{output:?}");
    assert!(output[1].contains("[type-assertion-failure]") && output[1].contains("`Literal[Big.M499]`"), "{output:?}");
}

#[test]
fn forty_nested_loops_and_branches_testing_and_rebinding_one_name_are_checked() {
    // Every test's subject is a name the loops rebind, so whether a path out of one test
    // exists depends on the types the other tests leave: asked naively, each question asks
    // the others again, exponential in the nesting (four levels took over 20 s).
    let kinds = ["while x:", "if x is not None:", "for x in y:", "while x != 0:", "if x:"];
    let nested: String = (0..40).map(|depth| format!("    {}{}\n", " ".repeat(depth), kinds[depth % kinds.len()])).collect();
    let source = format!("def f(x: int | None, y: list[int | None]) -> None:\n{nested}    {}x = None\n    reveal_type(x)\n", " ".repeat(40));
    assert_eq!(revealed_on_check_stack(source), ["int | None"]);
}

#[test]
fn two_hundred_property_redefinitions_through_setter_getter_and_deleter_resolve() {
    // Each `@celsius.<accessor>` reads the `def` before it; every binding is inferred once (a
    // chain of twenty took seconds when each use re-inferred the binding it reads).
    let accessors = [
        "    @celsius.setter\n    def celsius(self, value: float) -> None:\n        pass\n",
        "    @celsius.getter\n    def celsius(self) -> float:\n        return 2.0\n",
        "    @celsius.deleter\n    def celsius(self) -> None:\n        pass\n",
    ];
    let chain: String = (0..200).map(|i| accessors[i % 3]).collect();
    let source = format!(
        "class C:\n    @property\n    def celsius(self) -> float:\n        return 1.0\n{chain}reveal_type(C().celsius)\nC().celsius = 1.5\nC().celsius = 'hot'\n"
    );
    let output = on_check_stack(move || check(&source));
    assert_eq!(output.len(), 2, "{output:?}");
    assert!(output[0].contains("[revealed-type]") && output[0].contains("`float`"), "{output:?}");
    assert!(output[1].contains("[invalid-assignment]") && output[1].contains("setter of attribute `celsius`"), "{output:?}");
}

#[test]
fn two_hundred_setter_redefinitions_of_a_name_that_is_no_property_resolve() {
    // The fuzzer's shape: the first decorator names nothing, every later one the `def`
    // before it, which is not a property (its decorator is unknown).
    let source = "@celsius.setter\ndef celsius(self, value: float) -> None:\n    pass\n".repeat(200) + "reveal_type(celsius)\n";
    let output = on_check_stack(move || check(&source));
    assert_eq!(output.len(), 2, "{output:?}");
    assert!(output[0].starts_with("1:2 ") && output[0].contains("[unresolved-reference]"), "{output:?}");
    assert!(output[1].contains("[revealed-type]") && output[1].contains("`Unknown`"), "{output:?}");
}

#[test]
fn two_thousand_bindings_each_reading_the_one_before_twice_resolve() {
    let annotated = (1..2_000).map(|i| format!("a{i}: int = a{} + a{}\n", i - 1, i - 1)).collect::<String>();
    let wrapped = "@functools.wraps(f)\ndef f(*args, **kwargs):\n    return f(*args, **kwargs) + f(*args, **kwargs)\n".repeat(200);
    let source = format!(
        "import functools\na0: int = 1\n{annotated}reveal_type(a1999)\ndef f(x: int) -> int:\n    return x\n{wrapped}reveal_type(f)\n"
    );
    let types = revealed_on_check_stack(source);
    // `wraps(f)` makes each `def` a `_Wrapped` of the one before (as typeshed declares it),
    // whose parameters are the wrapper's and whose return, read through the chain, is unknown.
    assert_eq!(types, ["int", "_Wrapped[(*args, **kwargs), Unknown, (*args, **kwargs), Unknown]"]);
}

#[test]
fn bindings_that_read_themselves_in_a_loop_converge() {
    // An annotated assignment, a `with` target and a decorated `def` that depend on their
    // own earlier value through the loop (each recursed without end before: the binding was
    // re-inferred for every use, and a use in a loop reaches the binding itself).
    let source = "import random\nj: int = 0\nwhile random.random() > 0.5:\n    j: int = j + 1\nreveal_type(j)\n\
                  p = 'a'\nwhile random.random() > 0.5:\n    with open(p) as p:\n        pass\nreveal_type(p)\n\
                  while random.random() > 0.5:\n    @f\n    def f(x: int) -> int:\n        return x\nreveal_type(f)\n"
        .to_string();
    let types = revealed_on_check_stack(source);
    assert_eq!(types, ["int", "Literal[\"a\"] | TextIOWrapper[_WrappedBuffer]", "Unknown"]);
}

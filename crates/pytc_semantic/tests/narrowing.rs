//! Narrowing predicates on the paths to each use: branches, short-circuit operators,
//! conditional expressions, `assert`, comprehension `if`s, `match` cases and places.

mod common;

#[test]
fn if_branches_narrow_the_tested_name() {
    let indexed = common::index("def f(x):\n    if x is None:\n        _ = x\n    else:\n        _ = x\n    _ = x\n");
    assert_eq!(indexed.constraint_at("x", 1, 1), "x is None");
    assert_eq!(indexed.constraint_at("x", 2, 1), "not x is None");
    // Both branches join again: the narrowing cancels out.
    assert_eq!(indexed.constraint_at("x", 3, 1), "true");
}

#[test]
fn early_return_keeps_the_negated_narrowing() {
    let indexed = common::index("def f(x):\n    if x is None:\n        return\n    print(x)\n");
    assert_eq!(indexed.constraint_at("x", 1, 1), "not x is None");
}

#[test]
fn elif_chains_accumulate_negations() {
    let indexed = common::index(
        "def f(x):\n    if isinstance(x, int):\n        pass\n    elif isinstance(x, str):\n        print(x)\n    else:\n        print(x)\n",
    );
    assert_eq!(indexed.constraint_at("x", 2, 1), "(not isinstance(x, int) and isinstance(x, str))");
    // The predicates a constraint mentions, each once.
    let node = indexed.loads("x")[2];
    let map = indexed.use_def_at(node);
    let constraint = map.bindings_at_use(node).unwrap().iter().next().unwrap().constraint;
    let mentioned: Vec<String> =
        map.constraints().predicates(constraint).into_iter().map(|predicate| indexed.predicate_text(predicate)).collect();
    assert_eq!(mentioned, ["isinstance(x, int)", "isinstance(x, str)"]);
    assert_eq!(indexed.constraint_at("x", 3, 1), "(not isinstance(x, int) and not isinstance(x, str))");
}

#[test]
fn boolean_operators_short_circuit() {
    let indexed = common::index(
        "def f(x, y):\n    if x is not None and x.y:\n        _ = x\n    if x is None or y:\n        _ = x\n    else:\n        _ = x\n    z = x and x.z\n",
    );
    // The right operand of `and` sees the left one true.
    assert_eq!(indexed.constraint_at("x", 1, 1), "x is not None");
    assert_eq!(indexed.constraint_at("x", 2, 1), "(x is not None and x.y)");
    // The `or` true branch: `x is None`, or not and `y` (which says nothing about `x`). The
    // path past the first `if` on which its test failed holds where that path exists.
    assert_eq!(
        indexed.constraint_at("x", 4, 1),
        "((x is not None and x.y) or ((not x is not None or (x is not None and not x.y)) and path((not x is not None or (x is not None and not x.y)))))"
    );
    let after_first = indexed.constraint_at("x", 4, 1);
    assert_eq!(indexed.constraint_at("x", 5, 1), format!("({after_first} and not x is None)"));
    // The right operand of `x and x.z` is only evaluated when `x` is truthy.
    assert_eq!(indexed.constraint_at("x", 7, 1), format!("({after_first} and x)"));
}

#[test]
fn not_swaps_branches() {
    let indexed = common::index("def f(x):\n    if not x:\n        print(x)\n");
    assert_eq!(indexed.constraint_at("x", 1, 1), "not x");
}

#[test]
fn conditional_expression_and_assert() {
    let indexed = common::index("def f(x):\n    y = x.a if x else x\n    assert x is not None, x\n    print(x)\n");
    assert_eq!(indexed.constraint_at("x", 0, 1), "x");
    assert_eq!(indexed.constraint_at("x", 2, 1), "not x");
    // The message is evaluated when the assertion fails.
    assert_eq!(indexed.constraint_at("x", 4, 1), "not x is not None");
    assert_eq!(indexed.constraint_at("x", 5, 1), "x is not None");
}

#[test]
fn comprehension_if_narrows_the_element() {
    let indexed = common::index("ys = [v for v in vs if v is not None]\n");
    assert_eq!(indexed.constraint_at("v", 0, 1), "v is not None");
}

#[test]
fn match_case_predicates_narrow_the_subject() {
    let indexed = common::index(
        "def f(x):\n    match x:\n        case int():\n            print(x)\n        case str() if x:\n            print(x)\n        case _:\n            print(x)\n",
    );
    assert_eq!(indexed.constraint_at("x", 1, 1), "case int()");
    assert_eq!(indexed.constraint_at("x", 3, 1), "((not case int() and case str()) and x)");
    assert_eq!(indexed.constraint_at("x", 4, 1), "((not case int() and not case str()) or ((not case int() and case str()) and not x))");
}

#[test]
fn while_condition_narrows_the_body() {
    let indexed = common::index("def f(node):\n    while node is not None:\n        node = node.next\n    print(node)\n");
    // In the body: the parameter or the previous iteration's assignment, both narrowed.
    assert_eq!(indexed.reaching("node", 1), [1, 3]);
    assert_eq!(indexed.constraint_at("node", 1, 1), "node is not None");
    assert_eq!(indexed.constraint_at("node", 1, 3), "node is not None");
    assert_eq!(indexed.constraint_at("node", 2, 3), "not node is not None");
}

#[test]
fn places_are_narrowed_and_invalidated() {
    let indexed = common::index(
        "def f(x):\n    if x.y is not None:\n        print(x.y)\n        x.y = None\n        print(x.y)\n        x = g()\n        print(x.y)\n",
    );
    let index = indexed.index();
    let scope = indexed.scope_named("f");
    let map = index.use_def_map(scope);
    let place_loads: Vec<_> = map
        .uses()
        .filter(|(_, recorded, _)| matches!(recorded.target, pytc_semantic::DefinitionTarget::Place(_)))
        .collect();
    assert_eq!(place_loads.len(), 3);
    let render = |position: usize| {
        let (_, _, bindings) = place_loads[position];
        bindings
            .iter()
            .map(|entry| {
                let binding = match entry.binding {
                    pytc_semantic::Binding::Unbound => "member".to_string(),
                    pytc_semantic::Binding::Definition(definition) => {
                        format!("assigned@{}", indexed.line(index.definition(definition).name_range.start()))
                    }
                    pytc_semantic::Binding::Deleted(_) => "deleted".to_string(),
                };
                format!("{binding}: {}", indexed.render(map, entry.constraint))
            })
            .collect::<Vec<_>>()
    };
    assert_eq!(render(0), ["member: x.y is not None"]);
    assert_eq!(render(1), ["assigned@4: true"]);
    // Rebinding `x` forgets everything known about `x.y`.
    assert_eq!(render(2), ["member: true"]);
}

#[test]
fn walrus_in_test_is_narrowed() {
    let indexed = common::index("if (m := find()) is not None:\n    print(m)\n");
    assert_eq!(indexed.constraint_at("m", 0, 1), "(m := find()) is not None");
}

#[test]
fn calls_that_may_not_return_end_their_path_conditionally() {
    let indexed = common::index("def f(x):\n    if x is None:\n        sys.exit(1)\n    _ = x\n");
    // If `sys.exit` is `NoReturn`, only the `not x is None` path reaches the use. Each side's
    // binding holds where its path exists; the tests on the path do not narrow it again.
    assert_eq!(indexed.constraint_at("x", 1, 1), "((x is None and path(returns(sys.exit(1)))) or (not x is None and path(not x is None)))");
}

#[test]
fn globals_are_narrowed_inside_functions() {
    let indexed = common::index("CONFIG = load()\ndef f():\n    if CONFIG is not None:\n        _ = CONFIG\n");
    let f = indexed.scope_named("f");
    assert!(!indexed.index().symbol_table(f).symbol_by_name("CONFIG").unwrap().is_local());
    // The use has no local binding: the narrowing rides on its `Unbound` entry.
    assert_eq!(indexed.reaching("CONFIG", 1), [0]);
    assert_eq!(indexed.constraint_at("CONFIG", 1, 0), "CONFIG is not None");
}

#[test]
fn a_with_body_that_raises_continues_only_if_the_exception_is_swallowed() {
    let indexed = common::index(
        "def f(x):\n    if isinstance(x, int):\n        with Suppress():\n            raise ValueError\n    _ = x\n",
    );
    assert_eq!(
        indexed.constraint_at("x", 1, 1),
        "((isinstance(x, int) and path(swallows)) or (not isinstance(x, int) and path(not isinstance(x, int))))"
    );
}

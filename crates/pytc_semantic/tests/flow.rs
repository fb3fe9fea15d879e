//! Use-def maps through every kind of control flow. `reaching(name, n)` lists the lines of
//! the definitions reaching the n-th load of `name`; 0 stands for "unbound".

mod common;

use pytc_semantic::ScopeId;

#[test]
fn straight_line_and_rebinding() {
    let indexed = common::index("x = 1\nprint(x)\nx = 2\nprint(x)\nprint(y)\n");
    assert_eq!(indexed.reaching("x", 0), [1]);
    assert_eq!(indexed.reaching("x", 1), [3]);
    assert_eq!(indexed.reaching("y", 0), [0]);
    assert!(indexed.bindings("y", 0).may_be_unbound());
    assert!(!indexed.bindings("x", 1).may_be_unbound());
    assert_eq!(indexed.public(ScopeId::MODULE, "x"), [3]);
}

#[test]
fn if_elif_else() {
    let indexed = common::index(
        "if a:\n    x = 1\nelif b:\n    x = 2\nelse:\n    x = 3\nprint(x)\nif c:\n    y = 1\nelif d:\n    y = 2\nprint(y)\n",
    );
    assert_eq!(indexed.reaching("x", 0), [2, 4, 6]);
    assert_eq!(indexed.reaching("y", 0), [0, 9, 11]);
}

#[test]
fn while_loop_with_break_continue_and_else() {
    let indexed = common::index(
        "x = 0\nwhile cond:\n    print(x)\n    if a:\n        x = 1\n        continue\n    if b:\n        x = 2\n        break\n    x = 3\nelse:\n    y = x\nprint(x)\n",
    );
    // Inside the loop, the bindings of later iterations reach the top of the body.
    assert_eq!(indexed.reaching("x", 0), [1, 5, 10]);
    // The else clause runs when the condition fails: never after `break`.
    assert_eq!(indexed.reaching("x", 1), [1, 5, 10]);
    // After the loop: the else path or the break.
    assert_eq!(indexed.reaching("x", 2), [1, 5, 8, 10]);
}

#[test]
fn while_true_exits_only_by_break() {
    let indexed = common::index("while True:\n    x = 1\n    if x:\n        break\nprint(x)\n");
    assert_eq!(indexed.reaching("x", 1), [2]);
}

#[test]
fn for_loop_back_edges_and_else() {
    let indexed = common::index(
        "total = 0\nfor item in items:\n    total = total + item\n    last = item\nelse:\n    done = True\nprint(total, last, done, item)\n",
    );
    assert_eq!(indexed.reaching("total", 0), [1, 3]);
    assert_eq!(indexed.reaching("total", 1), [1, 3]);
    assert_eq!(indexed.reaching("last", 0), [0, 4]);
    assert_eq!(indexed.reaching("done", 0), [6]);
    // The exit of a `for` counts its target as bound (as if the iterable had an item); what
    // the body binds (`last`) may still be unbound there.
    assert_eq!(indexed.reaching("item", 2), [2]);
}

#[test]
fn nested_loops_see_outer_back_edges() {
    let indexed = common::index(
        "x = 0\nfor a in b:\n    for c in d:\n        print(x)\n        y = 1\n    x = y\n",
    );
    assert_eq!(indexed.reaching("x", 0), [1, 6]);
    assert_eq!(indexed.reaching("y", 0), [0, 5]);
}

#[test]
fn try_except_else_finally() {
    let indexed = common::index(
        "try:\n    x = f()\n    y = g()\nexcept E:\n    print(x)\n    z = 1\nelse:\n    z = 2\nfinally:\n    print(y)\nprint(z)\nprint(x)\n",
    );
    // A handler may run after any statement of the body.
    assert_eq!(indexed.reaching("x", 0), [0, 2]);
    // `finally` runs also on the exception path.
    assert_eq!(indexed.reaching("y", 0), [0, 3]);
    // After the statement: the handler's or the else clause's binding.
    assert_eq!(indexed.reaching("z", 0), [6, 8]);
    // Normal completion: the body ran fully, or the handler ran after a partial body.
    assert_eq!(indexed.reaching("x", 1), [0, 2]);
}

#[test]
fn try_finally_keeps_normal_bindings() {
    let indexed = common::index("try:\n    x = 1\nfinally:\n    cleanup()\nprint(x)\n");
    assert_eq!(indexed.reaching("x", 0), [2]);
}

#[test]
fn except_name_is_deleted_after_the_handler() {
    let indexed = common::index("try:\n    pass\nexcept E as e:\n    print(e)\nprint(e)\n");
    assert_eq!(indexed.reaching("e", 0), [3]);
    assert_eq!(indexed.reaching("e", 1), [0]);
}

#[test]
fn return_and_raise_end_paths() {
    let indexed = common::index(
        "def f(a):\n    if a:\n        x = 1\n    else:\n        raise ValueError\n    print(x)\n    if a:\n        return x\n    x = 2\n    return x\n",
    );
    assert_eq!(indexed.reaching("x", 0), [3]);
    let f = indexed.scope_named("f");
    // Public bindings of a function join every `return`.
    assert_eq!(indexed.public(f, "x"), [3, 9]);
    let map = indexed.index().use_def_map(f);
    assert_eq!(map.end_reachability(), pytc_semantic::ConstraintId::ALWAYS_FALSE);
}

#[test]
fn del_unbinds() {
    let indexed = common::index("x = 1\ndel x\nprint(x)\nif c:\n    y = 1\n    del y\nelse:\n    y = 2\nprint(y)\n");
    let bindings = indexed.bindings("x", 0);
    assert!(bindings.may_be_unbound());
    assert_eq!(bindings.definitions().count(), 0);
    assert!(matches!(bindings.iter().next().unwrap().binding, pytc_semantic::Binding::Deleted(_)));
    // `del x` reads x first.
    let delete = indexed.definitions_named("x")[1].node;
    let read = indexed.index().use_def_map(ScopeId::MODULE).bindings_at_use(delete).unwrap();
    assert_eq!(read.definitions().count(), 1);
    assert_eq!(indexed.reaching("y", 0), [0, 8]);
}

#[test]
fn match_cases_and_irrefutable_patterns() {
    let indexed = common::index(
        "match p:\n    case 1:\n        x = 1\n    case [a]:\n        x = a\nprint(x)\nmatch p:\n    case 1:\n        y = 1\n    case _:\n        y = 2\nprint(y)\n",
    );
    assert_eq!(indexed.reaching("x", 0), [0, 3, 5]);
    assert_eq!(indexed.reaching("y", 0), [9, 11]);
    assert_eq!(indexed.reaching("a", 0), [4]);
}

#[test]
fn with_statement_may_swallow_exceptions() {
    let indexed = common::index("with ctx() as c:\n    x = 1\nprint(x, c)\n");
    assert_eq!(indexed.reaching("x", 0), [0, 2]);
    // The unbound `x` comes along the path where an exception was swallowed: it holds
    // where that path exists.
    assert_eq!(indexed.constraint_at("x", 0, 0), "path(swallows)");
    assert_eq!(indexed.constraint_at("x", 0, 2), "true");
    assert_eq!(indexed.reaching("c", 0), [1]);
}

#[test]
fn a_binding_after_a_failed_case_holds_where_its_path_exists() {
    // The failed `case None` says whether the path past the `match` exists; it says nothing
    // about the `p` bound after it.
    let indexed = common::index("match p:\n    case None:\n        raise E\nif c:\n    p = 1\n    f()\nprint(p)\n");
    assert_eq!(indexed.reaching("p", 1), [0, 5]);
    assert_eq!(indexed.constraint_at("p", 1, 5), "path((not case None and returns(f())))");
}

#[test]
fn class_and_module_declarations() {
    let indexed = common::index("x: int\nx = 1\nif c:\n    x: str = ''\n");
    let index = indexed.index();
    let symbol = index.symbol_table(ScopeId::MODULE).symbol_id("x").unwrap();
    assert_eq!(index.use_def_map(ScopeId::MODULE).declarations(symbol).len(), 2);
    assert_eq!(indexed.public(ScopeId::MODULE, "x"), [2, 4]);
}

#[test]
fn comprehension_scopes_and_walrus() {
    let indexed = common::index("ys = [x for x in xs if x]\nprint(x)\nif any((w := v) for v in vs):\n    print(w)\n");
    assert_eq!(indexed.reaching("x", 0), [1]);
    assert_eq!(indexed.reaching("x", 1), [1]);
    // Outside the comprehension `x` is not bound at all.
    assert_eq!(indexed.reaching("x", 2), [0]);
    // The walrus may not have run (the generator may be empty).
    assert_eq!(indexed.reaching("w", 0), [0, 3]);
}

#[test]
fn star_imports_bind_conditionally() {
    let indexed = common::index("join = None\nfrom os.path import *\nprint(join, other)\n");
    assert_eq!(indexed.reaching("join", 0), [1, 2]);
    assert_eq!(indexed.constraint_at("join", 0, 1), "not star");
    assert_eq!(indexed.constraint_at("join", 0, 2), "star");
    assert_eq!(indexed.reaching("other", 0), [0, 2]);
}

#[test]
fn eager_scopes_see_enclosing_bindings_where_they_run() {
    let indexed = common::index(
        "x = None\nif x is not None:\n    ys = [x + 1 for _ in range(3)]\nx = 2\nclass C:\n    y = x\ndef f():\n    return x\n",
    );
    let index = indexed.index();
    let module = index.use_def_map(ScopeId::MODULE);
    let loads = indexed.loads("x");
    // In the comprehension: the module's `x` at that point, narrowed.
    let in_comprehension = module.bindings_at_use(loads[1]).unwrap();
    assert_eq!(in_comprehension.definitions().count(), 1);
    assert_eq!(indexed.render(module, in_comprehension.iter().next().unwrap().constraint), "x is not None");
    // In the class body: the binding of line 4.
    let in_class = module.bindings_at_use(loads[2]).unwrap();
    assert_eq!(indexed.line(index.definition(in_class.definitions().next().unwrap()).name_range.start()), 4);
    // A function body runs later: no snapshot, the public bindings apply.
    assert!(module.bindings_at_use(loads[3]).is_none());
}

#[test]
fn deeply_nested_loops_expand_in_linear_time() {
    // Each loop's back edge carries the placeholders of the loops inside it; expanding them
    // must not enumerate every path through the nest.
    let depth = 40;
    let mut source = String::from("x = 0\n");
    for level in 0..depth {
        let indent = "    ".repeat(level);
        source.push_str(&format!("{indent}for i{level} in items:\n{indent}    use(x)\n{indent}    x = {level}\n"));
    }
    let indexed = common::index(&source);
    // The outermost use sees the initial value and, around its back edge, every loop's
    // assignment; the innermost one only its own loop's and the one just before it.
    assert_eq!(indexed.reaching("x", 0).len(), depth + 1);
    assert_eq!(indexed.reaching("x", depth - 1).len(), 2);
}

#[test]
fn returns_go_through_finally() {
    let indexed = common::index(
        "def f(c):\n    x = 0\n    try:\n        if c:\n            return\n        x = 2\n    finally:\n        print(x)\n        x = 1\n",
    );
    let f = indexed.scope_named("f");
    // The `finally` runs before the function returns, so only its binding is public.
    assert_eq!(indexed.public(f, "x"), [9]);
    // Inside the `finally`: the early return's value, the body's, or any on the exception path.
    assert_eq!(indexed.reaching("x", 0), [2, 6]);
}

#[test]
fn a_name_the_enclosing_function_binds_later_is_unbound_in_a_comprehension() {
    let indexed = common::index("def f():\n    ys = [x + len(ys) for _ in range(3)]\n    x = 1\n");
    let index = indexed.index();
    let f = indexed.scope_named("f");
    let map = index.use_def_map(f);
    let load = indexed.loads("x")[0];
    // At runtime `x` is still unbound when the comprehension runs.
    assert_eq!(map.bindings_at_use(load).unwrap().definitions().count(), 0);
    assert!(map.bindings_at_use(load).unwrap().may_be_unbound());
    // A builtin read there only gets a symbol without flags, which resolution skips.
    assert!(!index.symbol_table(f).symbol_by_name("len").unwrap().is_local());
    assert_eq!(index.resolve_name(f, "len"), pytc_semantic::NameResolution::Builtins);
}

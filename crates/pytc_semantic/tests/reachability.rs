//! Static reachability: version and platform checks, `TYPE_CHECKING`, constants, and code
//! after jumps; conditional reachability after calls that may not return.

mod common;

use pytc_db::PythonPlatform;
use pytc_semantic::{Reachability, ScopeId};
use pytc_syntax::PythonVersion;

fn on(source: &str, version: PythonVersion, platform: &str) -> common::Indexed {
    let platform = if platform == "all" { PythonPlatform::All } else { PythonPlatform::Named(platform.into()) };
    common::index_with(source, "/src/test.pyi", version, platform)
}

/// The public bindings of `name` in the module as the lines that define them.
fn bound_on(indexed: &common::Indexed, name: &str) -> Vec<u32> {
    indexed.public(ScopeId::MODULE, name)
}

#[test]
fn version_comparisons() {
    let source = "import sys\nif sys.version_info >= (3, 11):\n    x = 1\nelse:\n    x = 2\n";
    assert_eq!(bound_on(&on(source, PythonVersion::PY312, "linux"), "x"), [3]);
    let old = on(source, PythonVersion::PY310, "linux");
    assert_eq!(bound_on(&old, "x"), [5]);
    assert!(!old.line_reachable(3));
    assert!(old.line_reachable(5));
    let unreachable = old.definitions_named("x").iter().filter(|definition| !definition.reachable).count();
    assert_eq!(unreachable, 1);
}

#[test]
fn version_forms() {
    let cases = [
        ("sys.version_info < (3, 12)", false),
        ("sys.version_info > (3, 12)", true),
        ("sys.version_info <= (3, 12)", false),
        ("sys.version_info >= (3, 12)", true),
        ("sys.version_info >= (3,)", true),
        ("sys.version_info >= (3, 8, 0)", true),
        ("sys.version_info < (3, 100, 0)", true),
        ("sys.version_info >= (3, 13)", false),
        ("sys.version_info[:2] == (3, 12)", true),
        ("sys.version_info[:2] != (3, 12)", false),
        ("sys.version_info[:2] >= (3, 12)", true),
        ("sys.version_info[0] == 3", true),
        ("sys.version_info[1] >= 13", false),
        ("sys.version_info.minor < 12", false),
        ("(3, 12) <= sys.version_info", true),
        ("not sys.version_info >= (3, 12)", false),
        ("sys.version_info >= (3, 10) and sys.version_info < (3, 13)", true),
        ("sys.version_info < (3, 8) or sys.version_info >= (3, 12)", true),
    ];
    for (condition, expected) in cases {
        let source = format!("import sys\nif {condition}:\n    x = 1\n");
        let indexed = on(&source, PythonVersion::PY312, "linux");
        assert_eq!(indexed.line_reachable(3), expected, "{condition}");
    }
    // A micro version decides `(3, 12, 1)`: unknown, both branches stay.
    let indexed = on("import sys\nif sys.version_info >= (3, 12, 1):\n    x = 1\n", PythonVersion::PY312, "linux");
    assert!(indexed.line_reachable(3));
    assert_eq!(bound_on(&indexed, "x"), [0, 3]);
}

#[test]
fn platform_checks() {
    let source = "import sys\nif sys.platform == 'win32':\n    a = 1\nif sys.platform != 'win32':\n    b = 1\nif sys.platform.startswith('linux'):\n    c = 1\nif sys.platform in ('darwin', 'linux'):\n    d = 1\n";
    let linux = on(source, PythonVersion::PY312, "linux");
    assert!(!linux.line_reachable(3));
    assert!(linux.line_reachable(5));
    assert!(linux.line_reachable(7));
    assert!(linux.line_reachable(9));
    let windows = on(source, PythonVersion::PY312, "win32");
    assert!(windows.line_reachable(3));
    assert!(!windows.line_reachable(5));
    assert!(!windows.line_reachable(7));
    // Every platform: nothing is decided.
    let all = on(source, PythonVersion::PY312, "all");
    for line in [3, 5, 7, 9] {
        assert!(all.line_reachable(line), "line {line}");
    }
    assert_eq!(bound_on(&all, "a"), [0, 3]);
}

#[test]
fn os_name_checks() {
    let source = "import os\nif os.name == 'nt':\n    a = 1\nif os.name != 'nt':\n    b = 1\n";
    let linux = on(source, PythonVersion::PY312, "linux");
    assert!(!linux.line_reachable(3));
    assert!(linux.line_reachable(5));
    let windows = on(source, PythonVersion::PY312, "win32");
    assert!(windows.line_reachable(3));
    assert!(!windows.line_reachable(5));
    let all = on(source, PythonVersion::PY312, "all");
    assert!(all.line_reachable(3) && all.line_reachable(5));
}

#[test]
fn type_checking_and_constants() {
    let source = "import typing\nfrom typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    a = 1\nelse:\n    a = 2\nif typing.TYPE_CHECKING:\n    b = 1\nif not TYPE_CHECKING:\n    c = 1\nif False:\n    d = 1\nif 0:\n    e = 1\nwhile 1:\n    break\n";
    let indexed = on(source, PythonVersion::PY312, "linux");
    assert!(indexed.line_reachable(4));
    assert!(!indexed.line_reachable(6));
    assert!(indexed.line_reachable(8));
    assert!(!indexed.line_reachable(10));
    assert!(!indexed.line_reachable(12));
    assert!(!indexed.line_reachable(14));
    assert_eq!(bound_on(&indexed, "a"), [4]);
    assert_eq!(bound_on(&indexed, "c"), [0]);
}

#[test]
fn code_after_jumps_is_unreachable() {
    let source = "def f(x):\n    if x:\n        return 1\n        dead = 1\n    for i in x:\n        continue\n        dead = 2\n    while x:\n        break\n        dead = 3\n    assert False\n    dead = 4\ndef g(x):\n    raise ValueError\n    dead = 5\ndef h(x):\n    assert_never(x)\n    dead = 6\ndef k(x):\n    assert x, 'message'\n    alive = 1\n";
    let indexed = on(source, PythonVersion::PY312, "linux");
    for line in [4, 7, 10, 12, 15, 18] {
        assert!(!indexed.line_reachable(line), "line {line}");
    }
    for line in [2, 3, 5, 8, 11, 14, 17, 20, 21] {
        assert!(indexed.line_reachable(line), "line {line}");
    }
}

#[test]
fn calls_make_later_code_conditionally_reachable() {
    let source = "def f():\n    fail('no')\n    x = 1\n";
    let indexed = on(source, PythonVersion::PY312, "linux");
    let index = indexed.index();
    let definition = indexed.definitions_named("x")[0];
    let Reachability::Conditional { scope, constraint } = index.reachability(definition.name_range) else {
        panic!("expected conditional reachability");
    };
    assert_eq!(scope, indexed.scope_named("f"));
    assert_eq!(indexed.render(index.use_def_map(scope), constraint), "returns(fail('no'))");
    assert!(index.is_node_reachable(&definition.name_range));
    // The implicit `return None` at the end is reachable only if `fail` returns.
    assert_eq!(indexed.render(index.use_def_map(scope), index.use_def_map(scope).end_reachability()), "returns(fail('no'))");
}

#[test]
fn unreachable_scopes_and_nested_statements() {
    let source = "import sys\nif sys.version_info < (3, 8):\n    def old():\n        x = 1\n        return x\nx = 2\n";
    let indexed = on(source, PythonVersion::PY312, "linux");
    let old = indexed.scope_named("old");
    assert!(!indexed.index().scope(old).reachable);
    assert!(!indexed.line_reachable(4));
    assert!(!indexed.line_reachable(5));
    assert!(indexed.line_reachable(6));
    assert_eq!(bound_on(&indexed, "old"), [0]);
}

#[test]
fn pruned_expression_arms_are_unreachable() {
    let indexed = on("x = a if TYPE_CHECKING else b\ny = TYPE_CHECKING or c\n", PythonVersion::PY312, "linux");
    let index = indexed.index();
    let offset_of = |needle: &str| {
        let source = "x = a if TYPE_CHECKING else b\ny = TYPE_CHECKING or c\n";
        pytc_syntax::TextRange::empty(pytc_syntax::TextSize::new(source.find(needle).unwrap() as u32))
    };
    assert_eq!(index.reachability(offset_of("a if")), Reachability::Reachable);
    assert_eq!(index.reachability(offset_of("b\n")), Reachability::Unreachable);
    assert_eq!(index.reachability(offset_of("c\n")), Reachability::Unreachable);
    assert_eq!(index.reachability(offset_of("y =")), Reachability::Reachable);
    // The dead arm's use records no bindings.
    let dead = indexed.loads("b")[0];
    assert!(indexed.use_def_at(dead).bindings_at_use(dead).unwrap().is_empty());
}

//! Scopes, symbol tables and name resolution.

mod common;

use pytc_semantic::{NameResolution, ScopeId, ScopeKind, SymbolFlags};

#[test]
fn every_construct_opens_its_scope() {
    let indexed = common::index(
        "class C:\n    def m(self):\n        f = lambda a: a\n        return [x for x in range(3)]\n\ndef g[T](x: T) -> T:\n    return x\n\ntype Alias[K] = list[K]\n",
    );
    let index = indexed.index();
    let kinds: Vec<(ScopeKind, Option<&str>)> =
        index.scopes().map(|(_, scope)| (scope.kind, scope.name.as_ref().map(|name| name.as_str()))).collect();
    assert_eq!(
        kinds,
        vec![
            (ScopeKind::Module, None),
            (ScopeKind::Class, Some("C")),
            (ScopeKind::Function, Some("m")),
            (ScopeKind::Lambda, None),
            (ScopeKind::Comprehension, None),
            (ScopeKind::TypeParams, Some("g")),
            (ScopeKind::Function, Some("g")),
            (ScopeKind::TypeParams, Some("Alias")),
            (ScopeKind::TypeAlias, Some("Alias")),
        ]
    );
    let function_g = indexed.index().scopes().filter(|(_, scope)| scope.kind == ScopeKind::Function).nth(1).unwrap().0;
    let type_params = index.scope(function_g).parent.unwrap();
    assert_eq!(index.scope(type_params).kind, ScopeKind::TypeParams);
    assert_eq!(index.scope(type_params).parent, Some(ScopeId::MODULE));
    assert!(indexed.symbol_flags(type_params, "T").contains(SymbolFlags::BOUND));
    assert_eq!(index.ancestor_scopes(ScopeId::from_u32(4)).collect::<Vec<_>>().len(), 4);
    assert_eq!(index.child_scopes(ScopeId::MODULE).count(), 3);
}

#[test]
fn scope_of_node_and_scope_defined_by() {
    let indexed = common::index("xs = [1]\nys = [x + len(xs) for x in xs if x]\ndef f(a=xs): return a\n");
    let index = indexed.index();
    let loads = indexed.loads("xs");
    // The first iterable is evaluated in the enclosing scope; the element in the comprehension.
    let comprehension = index.scopes().find(|(_, scope)| scope.kind == ScopeKind::Comprehension).unwrap().0;
    assert_eq!(index.scope_of_node(loads[0]), comprehension);
    assert_eq!(index.scope_of_node(loads[1]), ScopeId::MODULE);
    // A default value belongs to the enclosing scope, the body to the function.
    assert_eq!(index.scope_of_node(loads[2]), ScopeId::MODULE);
    let function = indexed.scope_named("f");
    assert_eq!(index.scope_of_node(indexed.loads("a")[0]), function);
    let def_node = index.scope(function).node.unwrap();
    assert_eq!(index.scope_defined_by(def_node), Some(function));
}

#[test]
fn symbol_flags() {
    let indexed = common::index(
        "import os\nfrom typing import List as L\nx: int\ny: int = 1\ndef f(p, q: int):\n    global g\n    g = p\n    def h():\n        nonlocal q\n        q = 1\n    return x\n__all__ = ['y', 'os']\n",
    );
    let module = ScopeId::MODULE;
    assert!(indexed.symbol_flags(module, "os").contains(SymbolFlags::IMPORTED | SymbolFlags::BOUND | SymbolFlags::IN_DUNDER_ALL));
    assert!(indexed.symbol_flags(module, "L").contains(SymbolFlags::IMPORTED));
    assert_eq!(indexed.symbol_flags(module, "x"), SymbolFlags::DECLARED);
    assert!(indexed.symbol_flags(module, "y").contains(SymbolFlags::DECLARED | SymbolFlags::BOUND | SymbolFlags::IN_DUNDER_ALL));
    let f = indexed.scope_named("f");
    assert!(indexed.symbol_flags(f, "p").contains(SymbolFlags::PARAMETER | SymbolFlags::BOUND | SymbolFlags::USED));
    assert!(!indexed.symbol_flags(f, "p").contains(SymbolFlags::DECLARED));
    assert!(indexed.symbol_flags(f, "q").contains(SymbolFlags::PARAMETER | SymbolFlags::DECLARED));
    assert!(indexed.symbol_flags(f, "g").contains(SymbolFlags::GLOBAL | SymbolFlags::BOUND));
    assert_eq!(indexed.symbol_flags(f, "x"), SymbolFlags::USED);
    let h = indexed.scope_named("h");
    assert!(indexed.symbol_flags(h, "q").contains(SymbolFlags::NONLOCAL | SymbolFlags::BOUND));
    assert_eq!(indexed.index().dunder_all().unwrap().len(), 2);
}

#[test]
fn name_resolution_follows_python_rules() {
    let indexed = common::index(
        "x = 1\nclass C:\n    x = 2\n    y = x\n    def m(self):\n        return x\n    def n[T](self, a: x) -> T: ...\ndef outer():\n    z = 1\n    def inner():\n        nonlocal z\n        global x\n        return z, x, len\n",
    );
    let index = indexed.index();
    let module_x = index.symbol_table(ScopeId::MODULE).symbol_id("x").unwrap();
    let class = indexed.scope_named("C");
    let class_x = index.symbol_table(class).symbol_id("x").unwrap();
    // In the class body, `x` is the class's own.
    assert_eq!(index.resolve_name(class, "x"), NameResolution::Symbol { scope: class, symbol: class_x });
    // A method does not see class attributes.
    let method = indexed.scope_named("m");
    assert_eq!(index.resolve_name(method, "x"), NameResolution::Symbol { scope: ScopeId::MODULE, symbol: module_x });
    // The type-parameter scope of a method is an annotation scope: it sees the class.
    let n_params = index.scopes().find(|(_, scope)| scope.kind == ScopeKind::TypeParams).unwrap().0;
    assert_eq!(index.resolve_name(n_params, "x"), NameResolution::Symbol { scope: class, symbol: class_x });
    let inner = indexed.scope_named("inner");
    let outer = indexed.scope_named("outer");
    let outer_z = index.symbol_table(outer).symbol_id("z").unwrap();
    assert_eq!(index.resolve_name(inner, "z"), NameResolution::Symbol { scope: outer, symbol: outer_z });
    assert_eq!(index.resolve_name(inner, "x"), NameResolution::Symbol { scope: ScopeId::MODULE, symbol: module_x });
    assert_eq!(index.resolve_name(inner, "len"), NameResolution::Builtins);
    // Fallback for a class-level name that may be unbound: look further out.
    assert_eq!(
        index.resolve_name_in_enclosing_scopes(class, "x"),
        NameResolution::Symbol { scope: ScopeId::MODULE, symbol: module_x }
    );
}

#[test]
fn scope_of_node_for_decorators_bases_annotations_and_defaults() {
    let indexed = common::index(
        "class K:\n    @deco\n    def m[T](self, a: T = dflt, *, b=lambda: lam) -> T: ...\n    class Inner[U](Base[U]): ...\n",
    );
    let index = indexed.index();
    let class = indexed.scope_named("K");
    let scope_of = |name: &str| index.scope(index.scope_of_node(indexed.loads(name)[0])).kind;
    // Decorators and defaults are evaluated where the `def` is: the class body.
    assert_eq!(index.scope_of_node(indexed.loads("deco")[0]), class);
    assert_eq!(index.scope_of_node(indexed.loads("dflt")[0]), class);
    // Annotations of a generic function, and bases of a generic class, see the type parameters.
    assert_eq!(scope_of("T"), ScopeKind::TypeParams);
    assert_eq!(scope_of("U"), ScopeKind::TypeParams);
    assert_eq!(scope_of("Base"), ScopeKind::TypeParams);
    // A lambda default's body is the lambda's own scope.
    assert_eq!(scope_of("lam"), ScopeKind::Lambda);
    // The parameters themselves belong to the function.
    let method = indexed.scope_named("m");
    let parameter = indexed.definitions_named("a")[0];
    assert_eq!(parameter.scope, method);
    assert_eq!(index.scope_of_node(parameter.node), method);
}

//! Definitions of every kind, with the nodes and unpack paths the type layer needs.

mod common;

use pytc_semantic::{DefinitionKind, ParameterKind, ScopeKind, UnpackStep};

fn kinds(indexed: &common::Indexed, name: &str) -> Vec<&'static str> {
    indexed
        .definitions_named(name)
        .iter()
        .map(|definition| match &definition.kind {
            DefinitionKind::Import(_) => "import",
            DefinitionKind::ImportFrom(_) => "import-from",
            DefinitionKind::StarImport(_) => "star-import",
            DefinitionKind::Function(_) => "def",
            DefinitionKind::Class(_) => "class",
            DefinitionKind::TypeAlias(_) => "type",
            DefinitionKind::Assignment(_) => "assign",
            DefinitionKind::AnnotatedAssignment(_) => "annotated",
            DefinitionKind::AugmentedAssignment(_) => "augmented",
            DefinitionKind::For(_) => "for",
            DefinitionKind::With(_) => "with",
            DefinitionKind::ExceptHandler(_) => "except",
            DefinitionKind::Comprehension(_) => "comprehension",
            DefinitionKind::MatchCapture(_) => "capture",
            DefinitionKind::NamedExpression(_) => "walrus",
            DefinitionKind::Parameter(_) => "parameter",
            DefinitionKind::TypeParameter(_) => "type-parameter",
            DefinitionKind::Delete(_) => "del",
        })
        .collect()
}

fn unpack(indexed: &common::Indexed, name: &str) -> Vec<UnpackStep> {
    match &indexed.definitions_named(name)[0].kind {
        DefinitionKind::Assignment(assignment) => assignment.unpack.to_vec(),
        DefinitionKind::For(for_target) => for_target.unpack.to_vec(),
        DefinitionKind::With(with) => with.unpack.to_vec(),
        DefinitionKind::Comprehension(comprehension) => comprehension.unpack.to_vec(),
        other => panic!("{name} is not an unpacking target: {other:?}"),
    }
}

fn step(index: u32, length: u32, starred: Option<u32>) -> UnpackStep {
    UnpackStep { index, length, starred }
}

#[test]
fn assignments_and_unpacking() {
    let indexed = common::index("a = b = 1\n(c, [d, *e]), f = g\nh: int\ni: int = 2\ni += 1\n");
    assert_eq!(kinds(&indexed, "a"), ["assign"]);
    assert_eq!(kinds(&indexed, "b"), ["assign"]);
    assert_eq!(unpack(&indexed, "a"), []);
    assert_eq!(unpack(&indexed, "c"), [step(0, 2, None), step(0, 2, None)]);
    assert_eq!(unpack(&indexed, "d"), [step(0, 2, None), step(1, 2, None), step(0, 2, Some(1))]);
    let e = unpack(&indexed, "e");
    assert_eq!(e, [step(0, 2, None), step(1, 2, None), step(1, 2, Some(1))]);
    assert!(e[2].is_starred());
    assert_eq!(unpack(&indexed, "f"), [step(1, 2, None)]);
    assert_eq!(kinds(&indexed, "h"), ["annotated"]);
    let h = indexed.definitions_named("h")[0];
    assert!(h.is_declaration() && !h.is_binding());
    assert_eq!(kinds(&indexed, "i"), ["annotated", "augmented"]);
    let DefinitionKind::Assignment(assignment) = &indexed.definitions_named("b")[0].kind else { panic!() };
    assert!(matches!(&*assignment.stmt.value, pytc_syntax::ast::Expr::NumberLiteral(_)));
}

#[test]
fn imports() {
    let indexed = common::index(
        "import a.b.c\nimport d.e as f\nimport g as g\nfrom h import i as j, k\nfrom l import m as m\nfrom n import *\n",
    );
    assert_eq!(kinds(&indexed, "a"), ["import"]);
    let DefinitionKind::Import(a) = &indexed.definitions_named("a")[0].kind else { panic!() };
    assert!(!a.binds_full_module && !a.is_reexport);
    assert_eq!(a.alias.name.id.as_str(), "a.b.c");
    let DefinitionKind::Import(f) = &indexed.definitions_named("f")[0].kind else { panic!() };
    assert!(f.binds_full_module && !f.is_reexport);
    let DefinitionKind::Import(g) = &indexed.definitions_named("g")[0].kind else { panic!() };
    assert!(g.is_reexport);
    assert_eq!(kinds(&indexed, "j"), ["import-from"]);
    assert_eq!(kinds(&indexed, "k"), ["import-from"]);
    assert!(indexed.definitions_named("i").is_empty());
    let DefinitionKind::ImportFrom(m) = &indexed.definitions_named("m")[0].kind else { panic!() };
    assert!(m.is_reexport);
    assert_eq!(kinds(&indexed, "*"), ["star-import"]);
    let star = indexed.index().star_imports(pytc_semantic::ScopeId::MODULE);
    assert_eq!(star.len(), 1);
}

#[test]
fn functions_classes_and_parameters() {
    let indexed = common::index(
        "@decorator\ndef f(a, /, b: int = 1, *args, c, d=2, **kwargs) -> None: ...\nclass C[T](Base): ...\ntype A[U] = list[U]\nlam = lambda x, y=1: x\n",
    );
    assert_eq!(kinds(&indexed, "f"), ["def"]);
    assert_eq!(kinds(&indexed, "C"), ["class"]);
    assert_eq!(kinds(&indexed, "A"), ["type"]);
    assert_eq!(kinds(&indexed, "T"), ["type-parameter"]);
    assert_eq!(kinds(&indexed, "U"), ["type-parameter"]);
    let parameter = |name: &str| {
        let DefinitionKind::Parameter(parameter) = &indexed.definitions_named(name)[0].kind else { panic!() };
        (parameter.kind, parameter.index, parameter.default.is_some(), parameter.parameter.annotation.is_some())
    };
    assert_eq!(parameter("a"), (ParameterKind::PositionalOnly, 0, false, false));
    assert_eq!(parameter("b"), (ParameterKind::PositionalOrKeyword, 1, true, true));
    assert_eq!(parameter("args"), (ParameterKind::VarPositional, 2, false, false));
    assert_eq!(parameter("c"), (ParameterKind::KeywordOnly, 3, false, false));
    assert_eq!(parameter("d"), (ParameterKind::KeywordOnly, 4, true, false));
    assert_eq!(parameter("kwargs"), (ParameterKind::VarKeyword, 5, false, false));
    assert_eq!(parameter("y"), (ParameterKind::PositionalOrKeyword, 1, true, false));
    assert!(indexed.definitions_named("b")[0].is_declaration());
    assert!(!indexed.definitions_named("a")[0].is_declaration());
    let index = indexed.index();
    let lambda = index.scopes().find(|(_, scope)| scope.kind == ScopeKind::Lambda).unwrap().0;
    assert_eq!(indexed.definitions_named("x")[0].scope, lambda);
}

#[test]
fn loop_with_except_comprehension_and_walrus_targets() {
    let indexed = common::index(
        "for i, j in pairs: pass\nwith open(p) as fh, lock as (k, l): pass\ntry:\n    pass\nexcept* ValueError as err:\n    pass\nvalues = [n for m in rows for n in m if (w := n)]\n",
    );
    assert_eq!(kinds(&indexed, "i"), ["for"]);
    assert_eq!(unpack(&indexed, "j"), [step(1, 2, None)]);
    assert_eq!(kinds(&indexed, "fh"), ["with"]);
    let DefinitionKind::With(with) = &indexed.definitions_named("l")[0].kind else { panic!() };
    assert_eq!(with.item_index, 1);
    assert_eq!(with.unpack.to_vec(), [step(1, 2, None)]);
    let DefinitionKind::ExceptHandler(handler) = &indexed.definitions_named("err")[0].kind else { panic!() };
    assert!(handler.is_star);
    let DefinitionKind::Comprehension(first) = &indexed.definitions_named("m")[0].kind else { panic!() };
    assert!(first.is_first);
    let DefinitionKind::Comprehension(second) = &indexed.definitions_named("n")[0].kind else { panic!() };
    assert!(!second.is_first);
    // The walrus binds in the enclosing (module) scope, not the comprehension.
    let walrus = indexed.definitions_named("w");
    assert_eq!(kinds(&indexed, "w"), ["walrus"]);
    assert_eq!(walrus[0].scope, pytc_semantic::ScopeId::MODULE);
    assert_eq!(indexed.definitions_named("n")[0].scope, indexed.index().scopes().find(|(_, s)| s.kind == ScopeKind::Comprehension).unwrap().0);
}

#[test]
fn match_captures() {
    let indexed = common::index(
        "match p:\n    case Point(x=a, y=0):\n        pass\n    case [b, *rest]:\n        pass\n    case {'k': c, **others}:\n        pass\n    case (1 | 2) as d:\n        pass\n    case e:\n        pass\n",
    );
    for name in ["a", "b", "rest", "c", "others", "d", "e"] {
        assert_eq!(kinds(&indexed, name), ["capture"], "{name}");
    }
    let DefinitionKind::MatchCapture(rest) = &indexed.definitions_named("rest")[0].kind else { panic!() };
    assert!(matches!(rest.pattern.node(), pytc_syntax::ast::Pattern::MatchStar(_)));
    let DefinitionKind::MatchCapture(others) = &indexed.definitions_named("others")[0].kind else { panic!() };
    assert!(matches!(others.pattern.node(), pytc_syntax::ast::Pattern::MatchMapping(_)));
}

#[test]
fn delete_and_place_definitions() {
    let indexed = common::index("x = 1\ndel x\nclass C:\n    def __init__(self):\n        self.v = 1\n        self.w: int = 2\n");
    assert_eq!(kinds(&indexed, "x"), ["assign", "del"]);
    let index = indexed.index();
    let init = indexed.scope_named("__init__");
    let table = index.symbol_table(init);
    let places: Vec<String> = table
        .places()
        .map(|(_, place)| format!("{}.{:?}", table.symbol(place.root).name, place.segments.as_slice()))
        .collect();
    assert_eq!(places.len(), 2, "{places:?}");
    let place_definitions = index
        .definitions()
        .filter(|(_, definition)| matches!(definition.target, pytc_semantic::DefinitionTarget::Place(_)))
        .count();
    assert_eq!(place_definitions, 2);
    let node = indexed.definitions_named("x")[0].node;
    assert_eq!(index.definitions_for_node(node).len(), 1);
}

//! Robustness: every embedded typeshed stub is indexed without a panic, and pathological
//! input (deep nesting, syntax errors) is handled.

mod common;

use pytc_db::{FilePath, FileSource, Files, PythonPlatform};
use pytc_semantic::{ScopeId, semantic_index};
use pytc_syntax::PythonVersion;
use pytc_typeshed::Typeshed;

/// Run `test` on a thread with a large stack, as the checker does.
fn on_large_stack(test: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new().stack_size(256 * 1024 * 1024).spawn(test).unwrap().join().unwrap();
}

#[test]
fn indexes_every_typeshed_stub() {
    on_large_stack(|| {
        for platform in [PythonPlatform::Named("linux".into()), PythonPlatform::All] {
            let db = common::TestDb::new(PythonVersion::PY312, platform);
            let typeshed = Typeshed::embedded();
            let mut indexed = 0;
            for path in typeshed.files().filter(|path| path.ends_with(".pyi")) {
                let text = typeshed.read(path).unwrap_or_default().to_string();
                let file = Files::get_or_create(&db, FilePath::Vendored(path.to_string()), || FileSource::Text(text.into()));
                let index = semantic_index(&db, file);
                assert!(index.is_stub());
                indexed += 1;
            }
            assert!(indexed > 500, "only {indexed} stubs");
        }
    });
}

#[test]
fn builtins_stub_is_indexed_against_the_target_version() {
    let db = common::TestDb::new(PythonVersion::PY38, PythonPlatform::Named("linux".into()));
    let text = Typeshed::embedded().read("stdlib/builtins.pyi").unwrap().to_string();
    let file = Files::get_or_create(&db, FilePath::Vendored("stdlib/builtins.pyi".into()), || FileSource::Text(text.into()));
    let index = semantic_index(&db, file);
    let module = index.symbol_table(ScopeId::MODULE);
    for name in ["int", "str", "object", "len", "isinstance", "list"] {
        let symbol = module.symbol_id(name).unwrap_or_else(|| panic!("{name}"));
        assert!(!index.use_def_map(ScopeId::MODULE).public_bindings(symbol).is_empty(), "{name}");
    }
    // `frozendict` is defined only for Python 3.15+: on 3.8 it has no reachable binding,
    // and `bin` has exactly one (the `else` branch).
    let public = |name: &str| index.use_def_map(ScopeId::MODULE).public_bindings(module.symbol_id(name).unwrap());
    assert_eq!(public("frozendict").definitions().count(), 0);
    assert_eq!(public("bin").definitions().count(), 1);
}

#[test]
fn deep_nesting_does_not_overflow() {
    on_large_stack(|| {
        let chain = format!("x = {}1\n", "1 + ".repeat(10_000));
        let nested_calls = format!("y = {}0{}\n", "f(".repeat(1_000), ")".repeat(1_000));
        let ifs: String = (0..300).map(|depth| format!("{}if c{depth}:\n", "    ".repeat(depth))).collect();
        let deep_ifs = format!("{ifs}{}z = 1\nprint(z)\n", "    ".repeat(300));
        let indexed = common::index(&format!("{chain}{nested_calls}{deep_ifs}"));
        assert_eq!(indexed.public(ScopeId::MODULE, "x").len(), 1);
        assert_eq!(indexed.reaching("z", 0), [0, 301 + 2]);
    });
}

#[test]
fn syntax_errors_still_index() {
    let indexed = common::index("def f(:\n    x = \nclass\nif x\n    y = 1\nprint(y)\n");
    let index = indexed.index();
    assert!(index.scopes().count() >= 1);
    assert!(!indexed.loads("y").is_empty());
}

#[test]
fn definition_stays_small() {
    // Definitions are stored by the thousand per file; keep them compact.
    assert!(std::mem::size_of::<pytc_semantic::Definition>() <= 96, "{}", std::mem::size_of::<pytc_semantic::Definition>());
}

//! Resolution against a fake environment built in a temporary directory: search-path order,
//! stubs before sources, `-stubs` packages (complete and partial), namespace packages merged
//! across search paths, `.pth` files, relative imports, and the typeshed `VERSIONS`.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::TestDb;
use pytc_db::{Db, FilePath, Files};
use pytc_module_resolver::{
    EnvironmentSource, EnvironmentVariables, Module, ModuleKind, ModuleName, ResolverError, ResolverOptions,
    SearchPathKind, UnresolvedReason, configure, file_to_module, resolve_import, resolve_module,
};
use pytc_syntax::PythonVersion;

fn write(root: &Path, relative: &str, text: &str) {
    let path = root.join(relative);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A project plus a virtual environment with every kind of package the resolver handles.
struct Fixture {
    _temp: tempfile::TempDir,
    root: PathBuf,
    db: TestDb,
}

impl Fixture {
    fn new() -> Self {
        let temp = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(temp.path()).unwrap();
        let project = root.join("project");
        let site = "venv/lib/python3.12/site-packages";
        let files = [
            // The project: a src layout, a module shadowing site-packages, a namespace portion.
            ("project/src/app/__init__.py", ""),
            ("project/src/app/main.py", "from . import util\nfrom .. import nothing\n"),
            ("project/src/app/util.py", ""),
            ("project/src/app/sub/__init__.py", "from ..util import x\n"),
            ("project/src/shadowed.py", ""),
            ("project/src/nspkg/first.py", ""),
            ("project/tools.py", ""),
            ("project/types.py", ""),
            ("project/tools.pyi", ""),
            // A package whose `__init__` has a stub beside it.
            ("project/src/typed_pkg/__init__.py", ""),
            ("project/src/typed_pkg/__init__.pyi", ""),
            ("project/src/typed_pkg/part.py", ""),
            ("extra/override.pyi", ""),
            // The environment.
            ("venv/pyvenv.cfg", "home = /nonexistent/bin\ninclude-system-site-packages = false\n"),
            ("venv/bin/python", ""),
            // An inline package with py.typed, also shadowed by the project.
            (&format!("{site}/shadowed.py"), ""),
            (&format!("{site}/inline/__init__.py"), ""),
            (&format!("{site}/inline/py.typed"), ""),
            (&format!("{site}/inline/core.py"), ""),
            // A complete stub package and its runtime package.
            (&format!("{site}/foo/__init__.py"), ""),
            (&format!("{site}/foo/runtime_only.py"), ""),
            (&format!("{site}/foo-stubs/__init__.pyi"), ""),
            (&format!("{site}/foo-stubs/typed.pyi"), ""),
            // A partial stub package overlaid on its runtime package.
            (&format!("{site}/partial/__init__.py"), ""),
            (&format!("{site}/partial/extra.py"), ""),
            (&format!("{site}/partial/both.py"), ""),
            (&format!("{site}/partial-stubs/__init__.pyi"), ""),
            (&format!("{site}/partial-stubs/py.typed"), "partial\n"),
            (&format!("{site}/partial-stubs/both.pyi"), ""),
            // The second namespace portion, and a stubbed module next to its source.
            (&format!("{site}/nspkg/second.py"), ""),
            (&format!("{site}/both.py"), ""),
            (&format!("{site}/both.pyi"), ""),
            // A stub-only namespace package over a runtime namespace package.
            (&format!("{site}/ns-stubs/typed/__init__.pyi"), ""),
            (&format!("{site}/ns-stubs/typed/py.typed"), "partial\n"),
            (&format!("{site}/ns-stubs/complete/__init__.pyi"), ""),
            (&format!("{site}/ns/typed/__init__.py"), ""),
            (&format!("{site}/ns/typed/runtime.py"), ""),
            (&format!("{site}/ns/untyped/__init__.py"), ""),
            (&format!("{site}/ns/complete/__init__.py"), ""),
            (&format!("{site}/ns/complete/hidden.py"), ""),
            // Compiled extensions without stubs, and a file that only looks like one.
            (&format!("{site}/speedups.cpython-312-x86_64-linux-gnu.so"), ""),
            (&format!("{site}/native/__init__.py"), ""),
            (&format!("{site}/native/_core.abi3.so"), ""),
            (&format!("{site}/native/_plain.pyd"), ""),
            (&format!("{site}/native/_not.a.module.so"), ""),
            (&format!("{site}/native/_backup.so.bak"), ""),
            // A .pth file adding a directory (its import line must be ignored).
            (&format!("{site}/extra.pth"), "../../../../pth_target\nimport os; os.system('boom')\n"),
            ("pth_target/from_pth.py", ""),
        ];
        for (path, text) in files {
            write(&root, path, text);
        }
        let mut db = TestDb::new(PythonVersion::PY312);
        let options = ResolverOptions {
            project_roots: vec![project],
            extra_paths: vec![root.join("extra")],
            python: Some(root.join("venv/bin/python")),
            typeshed: None,
            env: EnvironmentVariables::default(),
            version_from_environment: false,
        };
        configure(&mut db, &options).unwrap();
        Fixture { _temp: temp, root, db }
    }

    fn resolve(&self, name: &str) -> Option<Module> {
        resolve_module(&self.db, &ModuleName::new(name).unwrap())
    }

    /// The path of the resolved module's file relative to the fixture root.
    fn path_of(&self, name: &str) -> Option<String> {
        let file = self.resolve(name)?.file?;
        let FilePath::System(path) = file.path(&self.db) else { return Some(file.path(&self.db).display()) };
        Some(path.strip_prefix(&self.root).unwrap().display().to_string())
    }
}

const SITE: &str = "venv/lib/python3.12/site-packages";

#[test]
fn search_path_order_and_report() {
    let mut fixture = Fixture::new();
    let options = ResolverOptions {
        project_roots: vec![fixture.root.join("project")],
        extra_paths: vec![fixture.root.join("extra")],
        python: Some(fixture.root.join("venv/bin/python")),
        ..ResolverOptions::default()
    };
    let report = configure(&mut fixture.db, &options).unwrap();
    let kinds: Vec<SearchPathKind> = report.search_paths.iter().map(|path| path.kind).collect();
    use SearchPathKind::*;
    assert_eq!(kinds, [Extra, FirstParty, FirstParty, StandardLibrary, SitePackages, SitePackages]);
    let environment = report.environment.as_ref().unwrap();
    assert_eq!(environment.source, EnvironmentSource::PythonOption);
    assert_eq!(environment.python_folder.as_deref(), Some("python3.12"));
    let text = report.to_string();
    assert!(text.contains("Target Python version: 3.12"), "{text}");
    assert!(text.contains("virtual environment"), "{text}");
    assert!(text.contains("bundled typeshed stdlib"), "{text}");
    assert!(text.contains("project/src"), "{text}");
    assert!(text.contains("pth_target"), "{text}");
}

#[test]
fn project_code_and_stubs_before_sources() {
    let fixture = Fixture::new();
    assert_eq!(fixture.path_of("override").as_deref(), Some("extra/override.pyi"));
    assert_eq!(fixture.path_of("app").as_deref(), Some("project/src/app/__init__.py"));
    assert_eq!(fixture.resolve("app").unwrap().kind, ModuleKind::Package);
    assert_eq!(fixture.path_of("app.main").as_deref(), Some("project/src/app/main.py"));
    assert_eq!(fixture.path_of("tools").as_deref(), Some("project/tools.pyi"));
    assert_eq!(fixture.path_of("typed_pkg").as_deref(), Some("project/src/typed_pkg/__init__.pyi"));
    assert_eq!(fixture.resolve("typed_pkg").unwrap().kind, ModuleKind::Package);
    assert_eq!(fixture.path_of("typed_pkg.part").as_deref(), Some("project/src/typed_pkg/part.py"));
    assert_eq!(fixture.path_of("shadowed").as_deref(), Some("project/src/shadowed.py"));
    assert_eq!(fixture.path_of("both").as_deref(), Some(format!("{SITE}/both.pyi").as_str()));
    assert_eq!(fixture.path_of("inline.core").as_deref(), Some(format!("{SITE}/inline/core.py").as_str()));
    assert_eq!(fixture.path_of("from_pth").as_deref(), Some("pth_target/from_pth.py"));
    assert_eq!(fixture.resolve("inline").unwrap().search_path, SearchPathKind::SitePackages);
    assert!(fixture.resolve("app.missing").is_none());
    assert!(fixture.resolve("app.main.not_a_package").is_none());
}

#[test]
fn stub_packages_complete_and_partial() {
    let fixture = Fixture::new();
    assert_eq!(fixture.path_of("foo").as_deref(), Some(format!("{SITE}/foo-stubs/__init__.pyi").as_str()));
    assert!(fixture.resolve("foo").unwrap().from_stub_package);
    assert_eq!(fixture.path_of("foo.typed").as_deref(), Some(format!("{SITE}/foo-stubs/typed.pyi").as_str()));
    // A complete stub package hides the runtime package's other modules.
    assert!(fixture.resolve("foo.runtime_only").is_none());
    // A partial one falls back to them, and its own stubs still win.
    assert_eq!(fixture.path_of("partial").as_deref(), Some(format!("{SITE}/partial-stubs/__init__.pyi").as_str()));
    assert_eq!(fixture.path_of("partial.both").as_deref(), Some(format!("{SITE}/partial-stubs/both.pyi").as_str()));
    assert_eq!(fixture.path_of("partial.extra").as_deref(), Some(format!("{SITE}/partial/extra.py").as_str()));
}

#[test]
fn stub_only_namespace_packages_fall_back_to_the_runtime_namespace() {
    let fixture = Fixture::new();
    assert_eq!(fixture.resolve("ns").unwrap().kind, ModuleKind::NamespacePackage);
    assert_eq!(fixture.path_of("ns.typed").as_deref(), Some(format!("{SITE}/ns-stubs/typed/__init__.pyi").as_str()));
    // `ns.typed` is marked partial, so its runtime modules are still found ...
    assert_eq!(fixture.path_of("ns.typed.runtime").as_deref(), Some(format!("{SITE}/ns/typed/runtime.py").as_str()));
    // ... `ns.complete` is not, so its stubs are the whole interface ...
    assert!(fixture.resolve("ns.complete.hidden").is_none());
    // ... and a subpackage the stubs do not cover comes from the runtime namespace.
    assert_eq!(fixture.path_of("ns.untyped").as_deref(), Some(format!("{SITE}/ns/untyped/__init__.py").as_str()));
}

#[test]
fn compiled_extensions_resolve_without_a_file() {
    let fixture = Fixture::new();
    for name in ["speedups", "native._core", "native._plain"] {
        let module = fixture.resolve(name).unwrap_or_else(|| panic!("{name} should resolve"));
        assert_eq!(module.kind, ModuleKind::CompiledExtension, "{name}");
        assert_eq!(module.file, None);
    }
    assert!(fixture.resolve("native._not").is_none());
    assert!(fixture.resolve("native._backup").is_none());
}

#[test]
fn namespace_packages_merge_across_search_paths() {
    let fixture = Fixture::new();
    let namespace = fixture.resolve("nspkg").unwrap();
    assert_eq!(namespace.kind, ModuleKind::NamespacePackage);
    assert_eq!(namespace.file, None);
    assert_eq!(namespace.search_path, SearchPathKind::FirstParty);
    assert_eq!(fixture.path_of("nspkg.first").as_deref(), Some("project/src/nspkg/first.py"));
    assert_eq!(fixture.path_of("nspkg.second").as_deref(), Some(format!("{SITE}/nspkg/second.py").as_str()));
}

#[test]
fn relative_imports_and_file_to_module() {
    let fixture = Fixture::new();
    let db = &fixture.db;
    let main = Files::system(db, &fixture.root.join("project/src/app/main.py"));
    assert_eq!(file_to_module(db, main).as_ref().unwrap().name.as_str(), "app.main");
    assert_eq!(resolve_import(db, main, None, 1).unwrap().name.as_str(), "app");
    assert_eq!(resolve_import(db, main, Some("util"), 1).unwrap().name.as_str(), "app.util");
    let beyond = resolve_import(db, main, Some("nothing"), 2).unwrap_err();
    assert_eq!(beyond.reason, UnresolvedReason::BeyondTopLevelPackage);
    assert!(beyond.message.contains("..nothing"), "{}", beyond.message);

    write(&fixture.root, "project/my-scripts/run.py", "");
    let script = Files::system(db, &fixture.root.join("project/my-scripts/run.py"));
    let outside = resolve_import(db, script, Some("helpers"), 1).unwrap_err();
    assert_eq!(outside.reason, UnresolvedReason::NotInPackage);
    assert!(outside.message.contains("the file is under no search path"), "{}", outside.message);
    assert!(outside.notes[0].ends_with("my-scripts/run.py"), "{:?}", outside.notes);

    let sub_init = Files::system(db, &fixture.root.join("project/src/app/sub/__init__.py"));
    assert_eq!(resolve_import(db, sub_init, Some("util"), 2).unwrap().name.as_str(), "app.util");

    let no_submodule = resolve_import(db, main, Some("app.nothing"), 0).unwrap_err();
    assert!(no_submodule.message.ends_with("package `app` has no submodule `nothing`"), "{}", no_submodule.message);
    assert!(no_submodule.notes[0].starts_with("package `app` is "), "{:?}", no_submodule.notes);
    let under_module = resolve_import(db, main, Some("app.util.deeper"), 0).unwrap_err();
    assert!(under_module.message.ends_with("`app.util` is a module, not a package"), "{}", under_module.message);
    assert!(under_module.notes[0].ends_with("util.py"), "{:?}", under_module.notes);
    let under_extension = resolve_import(db, main, Some("speedups.deeper"), 0).unwrap_err();
    assert!(under_extension.notes[0].ends_with("is a compiled extension on the site-packages path"), "{:?}", under_extension.notes);

    let project_typo = resolve_import(db, main, Some("shadowd"), 0).unwrap_err();
    assert!(project_typo.message.contains("did you mean `shadowed`?"), "{}", project_typo.message);

    let missing = resolve_import(db, main, Some("does_not_exist"), 0).unwrap_err();
    assert_eq!(missing.reason, UnresolvedReason::NotFound);
    assert!(missing.message.contains("`does_not_exist`"), "{}", missing.message);
    // The message names no path, so it reads the same on every machine; where pytc looked is a note.
    assert_eq!(missing.message, "cannot find module `does_not_exist`");
    assert!(missing.notes[0].starts_with("searched: ") && missing.notes[0].contains("site-packages"), "{:?}", missing.notes);

    // A file shadowed by another search path is not the module its name resolves to.
    let shadowed = Files::system(db, &fixture.root.join(format!("{SITE}/shadowed.py")));
    assert_eq!(file_to_module(db, shadowed), &None);
    let stub = Files::system(db, &fixture.root.join(format!("{SITE}/foo-stubs/typed.pyi")));
    assert_eq!(file_to_module(db, stub).as_ref().unwrap().name.as_str(), "foo.typed");
}

#[test]
fn project_modules_shadow_the_stdlib_except_inside_typeshed() {
    let fixture = Fixture::new();
    let db = &fixture.db;
    let main = Files::system(db, &fixture.root.join("project/src/app/main.py"));
    let from_project = resolve_import(db, main, Some("types"), 0).unwrap();
    assert_eq!(from_project.search_path, SearchPathKind::FirstParty);
    let builtins = resolve_import(db, main, Some("builtins"), 0).unwrap().file.unwrap();
    let from_typeshed = resolve_import(db, builtins, Some("types"), 0).unwrap();
    assert_eq!(from_typeshed.search_path, SearchPathKind::StandardLibrary);
    let types_stub = from_typeshed.file.unwrap();
    assert_eq!(types_stub.path(db), &FilePath::Vendored("stdlib/types.pyi".to_string()));
    assert_eq!(file_to_module(db, types_stub).as_ref().unwrap().name.as_str(), "types");
}

fn os_file(db: &TestDb) -> pytc_db::File {
    resolve_module(db, &ModuleName::new("os").unwrap()).unwrap().file.unwrap()
}

#[test]
fn stdlib_comes_from_the_embedded_typeshed_honouring_versions() {
    let db = TestDb::new(PythonVersion::PY310);
    for (name, path) in [
        ("os", "stdlib/os/__init__.pyi"),
        ("collections.abc", "stdlib/collections/abc.pyi"),
        ("typing", "stdlib/typing.pyi"),
    ] {
        let module = resolve_module(&db, &ModuleName::new(name).unwrap()).unwrap();
        assert_eq!(module.file.unwrap().path(&db), &FilePath::Vendored(path.to_string()));
        assert_eq!(module.search_path, SearchPathKind::StandardLibrary);
    }
    assert!(resolve_module(&db, &ModuleName::new("tomllib").unwrap()).is_none());
    let typo = resolve_import(&db, os_file(&db), Some("colections"), 0).unwrap_err();
    assert!(typo.message.contains("did you mean `collections`?"), "{}", typo.message);
    let far = resolve_import(&db, os_file(&db), Some("zzzzzzzz"), 0).unwrap_err();
    assert!(!far.message.contains("did you mean"), "{}", far.message);
    let requests = resolve_import(&db, os_file(&db), Some("requests"), 0).unwrap_err();
    assert!(requests.notes.iter().any(|note| note.starts_with("no Python environment was found")), "{:?}", requests.notes);
    let newer = TestDb::new(PythonVersion::PY311);
    assert!(resolve_module(&newer, &ModuleName::new("tomllib").unwrap()).is_some());

    let os = os_file(&db);
    let error = resolve_import(&db, os, Some("tomllib"), 0).unwrap_err();
    assert!(error.message.contains("only in Python 3.11-"), "{}", error.message);
    assert_eq!(resolve_import(&db, os, Some("path"), 1).unwrap().name.as_str(), "os.path");
}

#[test]
fn an_unset_target_version_becomes_the_virtual_environments() {
    let temp = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(temp.path()).unwrap();
    write(&root, "venv/pyvenv.cfg", "home = /nonexistent/bin\nversion = 3.11.9\n");
    write(&root, "venv/bin/python", "");
    write(&root, "venv/lib/python3.11/site-packages/old.py", "");
    write(&root, "venv/lib/python3.13/site-packages/new.py", "");
    let python = Some(root.join("venv/bin/python"));
    for (version_from_environment, expected, module) in [(true, PythonVersion::PY311, "old"), (false, PythonVersion::PY313, "new")] {
        let mut db = TestDb::new(PythonVersion::PY313);
        let options = ResolverOptions { python: python.clone(), version_from_environment, ..ResolverOptions::default() };
        let report = configure(&mut db, &options).unwrap();
        assert_eq!(report.python_version, expected);
        assert_eq!(*db.settings().python_version(&db), expected);
        // The site-packages folder follows the target version.
        assert!(resolve_module(&db, &ModuleName::new(module).unwrap()).is_some(), "{report}");
    }
}

#[test]
fn configuration_errors_are_clear() {
    let mut db = TestDb::new(PythonVersion::PY312);
    let options = ResolverOptions { python: Some("/no/such/python".into()), ..ResolverOptions::default() };
    let error = configure(&mut db, &options).unwrap_err();
    assert!(matches!(error, ResolverError::PythonNotFound(_)));
    assert_eq!(error.to_string(), "--python /no/such/python: no such file or directory");
    let temp = tempfile::tempdir().unwrap();
    let options = ResolverOptions { typeshed: Some(temp.path().to_path_buf()), ..ResolverOptions::default() };
    assert!(configure(&mut db, &options).unwrap_err().to_string().contains("VERSIONS is missing"));
}

#[test]
fn custom_typeshed_directory_replaces_the_embedded_stdlib() {
    let temp = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(temp.path()).unwrap();
    write(&root, "typeshed/stdlib/VERSIONS", "mystdlib: 3.0-\n");
    write(&root, "typeshed/stdlib/mystdlib.pyi", "");
    let mut db = TestDb::new(PythonVersion::PY312);
    let options = ResolverOptions { typeshed: Some(root.join("typeshed")), ..ResolverOptions::default() };
    let report = configure(&mut db, &options).unwrap();
    assert!(report.to_string().contains("typeshed stdlib in"), "{report}");
    let module = resolve_module(&db, &ModuleName::new("mystdlib").unwrap()).unwrap();
    assert_eq!(module.file.unwrap().path(&db), &FilePath::System(root.join("typeshed/stdlib/mystdlib.pyi")));
    assert!(resolve_module(&db, &ModuleName::new("os").unwrap()).is_none());
}

#[test]
fn invalidation_sees_new_files() {
    let mut fixture = Fixture::new();
    assert!(fixture.resolve("late").is_none());
    write(&fixture.root, "project/src/late.py", "");
    assert!(fixture.resolve("late").is_none(), "cached until invalidated");
    pytc_module_resolver::invalidate_resolutions(&mut fixture.db);
    assert!(fixture.resolve("late").is_some());
}

#[test]
fn configuring_after_resolving_replaces_the_typeshed_only_answers() {
    let temp = tempfile::tempdir().unwrap();
    let root = fs::canonicalize(temp.path()).unwrap();
    write(&root, "mine.py", "");
    let mut db = TestDb::new(PythonVersion::PY312);
    let mine = ModuleName::new("mine").unwrap();
    assert!(resolve_module(&db, &mine).is_none());
    let options = ResolverOptions { project_roots: vec![root.clone()], ..ResolverOptions::default() };
    configure(&mut db, &options).unwrap();
    assert!(resolve_module(&db, &mine).is_some());
    configure(&mut db, &ResolverOptions::default()).unwrap();
    assert!(resolve_module(&db, &mine).is_none());
}

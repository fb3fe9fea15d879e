//! `exported_names`: `__all__`, public names, and the stub re-export rules.

mod common;

use pytc_db::PythonPlatform;
use pytc_semantic::exported_names;
use pytc_syntax::PythonVersion;

fn names(source: &str, path: &str) -> Vec<String> {
    let indexed = common::index_with(source, path, PythonVersion::PY312, PythonPlatform::Named("linux".into()));
    exported_names(&indexed.db, indexed.file).names.iter().map(|name| name.to_string()).collect()
}

#[test]
fn public_names_without_dunder_all() {
    let source = "import os\nimport sys as sys\nfrom typing import Any, List as List\nx = 1\n_private = 2\ndef f(): pass\nclass C: pass\nif TYPE_CHECKING:\n    y: int\nelse:\n    z = 1\n";
    assert_eq!(names(source, "/src/m.pyi"), ["sys", "List", "x", "f", "C", "y"]);
    assert_eq!(names(source, "/src/m.py"), ["os", "sys", "Any", "List", "x", "f", "C", "y"]);
}

#[test]
fn dunder_all_decides() {
    let source = "from a import b\n__all__ = ['b', '_c']\n__all__ += ['d']\n__all__.append('e')\n__all__.extend(('f',))\n__all__.remove('d')\n_c = 1\nunlisted = 2\n";
    assert_eq!(names(source, "/src/m.py"), ["b", "_c", "e", "f"]);
}

#[test]
fn star_reexports_are_reported() {
    let indexed = common::index_with(
        "from os.path import *\nfrom _private import *\nx = 1\n",
        "/src/m.pyi",
        PythonVersion::PY312,
        PythonPlatform::Named("linux".into()),
    );
    let exported = exported_names(&indexed.db, indexed.file);
    assert_eq!(exported.star_reexports.len(), 2);
    assert!(!exported.from_dunder_all);
    assert_eq!(exported.names.len(), 1);
}

fn library_names(source: &str, path: &str) -> Vec<String> {
    let indexed = common::index_with(source, path, PythonVersion::PY312, PythonPlatform::Named("linux".into()));
    pytc_semantic::library_interface(&indexed.db, indexed.file).names.iter().map(|name| name.to_string()).collect()
}

#[test]
fn library_interface_hides_plain_imports_in_py_files_too() {
    let source = "import os\nimport sys as sys\nfrom typing import Any, List as List\nx = 1\n_private = 2\n__version__ = '1'\ndef f(): pass\nif TYPE_CHECKING:\n    from collections.abc import Sequence\n    y: int\n";
    for path in ["/src/m.py", "/src/m.pyi"] {
        assert_eq!(library_names(source, path), ["sys", "List", "x", "__version__", "f", "y"], "{path}");
    }
}

#[test]
fn library_interface_follows_dunder_all() {
    let source = "from a import b\n__all__ = ['b', '_c']\n_c = 1\nunlisted = 2\n";
    assert_eq!(library_names(source, "/src/m.py"), ["b", "_c"]);
}

#[test]
fn interface_names_match_the_library_interface_and_keep_star_imports_as_written() {
    let source = "from os.path import *\nfrom .. import *\nfrom .sibling import *\nimport os\nx = 1\n_private = 2\nif TYPE_CHECKING:\n    y: int\n";
    let indexed = common::index_with(source, "/src/pkg/m.pyi", PythonVersion::PY312, PythonPlatform::Named("linux".into()));
    let interface = pytc_semantic::interface_names(&indexed.db, indexed.file);
    assert_eq!(interface.names, pytc_semantic::library_interface(&indexed.db, indexed.file).names);
    let written: Vec<(Option<&str>, u32)> =
        interface.star_reexports.iter().map(|(module, level)| (module.as_deref(), *level)).collect();
    assert_eq!(written, [(Some("os.path"), 0), (None, 2), (Some("sibling"), 1)]);
}

//! `unresolved-import`: every module an import statement names must resolve.

use pytc_db::{Db, Diagnostic, File, declare_rule, parsed_module};
use pytc_module_resolver::{is_optional_import, reachable_imports, resolve_import};

declare_rule! {
    /// An imported module cannot be found on any search path (the project, extra paths, the
    /// bundled typeshed standard library for the target version, or the environment's
    /// site-packages), or a relative import climbs above the top-level package.
    ///
    /// ```python
    /// import nonexistent_module  # error: [unresolved-import]
    /// from .. import sibling      # error: [unresolved-import] (in a top-level module)
    /// ```
    ///
    /// For `from pkg import name`, only `pkg` must resolve; whether `name` exists is checked
    /// by the type checker.
    pub static UNRESOLVED_IMPORT = {
        name: "unresolved-import",
        summary: "an imported module cannot be found",
        level: Error,
    }
}

/// A diagnostic for each import in `file` whose module does not resolve. Imports in
/// branches unreachable for the target version or platform are skipped, and so are optional
/// imports (in a `try` body whose handlers catch `ImportError`).
pub(crate) fn import_diagnostics(db: &dyn Db, file: File) -> Vec<Diagnostic> {
    let settings = db.settings();
    let parsed = parsed_module(db, file);
    reachable_imports(parsed.syntax(), *settings.python_version(db), settings.python_platform(db))
        .into_iter()
        .filter_map(|import| {
            let error = resolve_import(db, file, import.module, import.level).err()?;
            if is_optional_import(db, file, import.range) {
                return None;
            }
            let diagnostic = Diagnostic::new(file, import.range, &UNRESOLVED_IMPORT, error.message);
            Some(error.notes.into_iter().fold(diagnostic, Diagnostic::with_note))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use crate::check_file;
    use crate::test_db::test_db;

    /// Each `unresolved-import` diagnostic's message, then its notes, on one line each.
    fn unresolved(source: &str) -> Vec<String> {
        let db = test_db();
        let file = db.file("/project/main.py", source);
        check_file(&db, file)
            .iter()
            .filter(|diagnostic| diagnostic.rule == "unresolved-import")
            .map(|diagnostic| {
                let notes = diagnostic.notes.iter().map(|note| format!("\n  note: {}", note.message));
                std::iter::once(diagnostic.message.clone()).chain(notes).collect()
            })
            .collect()
    }

    #[test]
    fn reports_modules_that_do_not_resolve() {
        let source = "\
import os, collections.abc
from typing import TYPE_CHECKING
import missing_top
from os import not_a_submodule_but_fine
def f():
    import missing_in_function
if TYPE_CHECKING:
    from missing_typing import X
import sys
if sys.version_info < (3, 8):
    import missing_but_unreachable
from .. import beyond
";
        let messages = unresolved(source);
        assert_eq!(messages.len(), 4, "{messages:#?}");
        assert!(messages[0].starts_with("cannot find module `missing_top`"), "{}", messages[0]);
        // Where pytc looked is a note, so the message itself names no path.
        assert!(messages[0].starts_with("cannot find module `missing_top`\n  note: searched: "), "{}", messages[0]);
        assert!(messages[0].contains("bundled typeshed stdlib"), "{}", messages[0]);
        assert!(messages[1].contains("`missing_in_function`"));
        assert!(messages[2].contains("`missing_typing`"));
        // Without configured search paths the file has no module name, so no package either.
        assert!(messages[3].contains("relative import `..` in a file that is not part of a package"), "{}", messages[3]);
    }

    #[test]
    fn optional_imports_are_not_reported() {
        let source = "\
try:
    import missing_optional
except ImportError:
    missing_optional = None
try:
    import missing_caught_elsewhere
except ValueError:
    pass
try:
    import fine
except ImportError:
    import missing_in_handler
";
        let messages = unresolved(source);
        assert_eq!(messages.len(), 2, "{messages:#?}");
        assert!(messages[0].contains("`missing_caught_elsewhere`"));
        assert!(messages[1].contains("`missing_in_handler`"));
    }

    #[test]
    fn points_at_the_module_name() {
        let db = test_db();
        let file = db.file("/project/main.py", "import os\nimport nope.deeper as alias\n");
        let diagnostics = check_file(&db, file);
        assert_eq!(diagnostics.len(), 1);
        let start = usize::from(diagnostics[0].range.start());
        let end = usize::from(diagnostics[0].range.end());
        assert_eq!(&"import os\nimport nope.deeper as alias\n"[start..end], "nope.deeper");
    }
}

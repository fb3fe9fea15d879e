//! Go to definition: where the name under the cursor is defined, in this file, another
//! module, the standard library stubs or an installed package.

use pytc_db::{Db, File};
use pytc_syntax::{TextRange, TextSize};

use crate::imports::follow_import;

/// A place to jump to: a file and the range of the defining name (empty at the start of a
/// file for a module).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavigationTarget {
    pub file: File,
    pub range: TextRange,
}

/// The definitions of the name at `offset`; a name bound by an import leads on to what the
/// import names.
pub fn goto_definition(db: &dyn Db, file: File, offset: TextSize) -> Vec<NavigationTarget> {
    let mut targets: Vec<NavigationTarget> = Vec::new();
    for (file, range) in pytc_types::definitions_at_position(db, file, offset) {
        let found = NavigationTarget { file, range };
        let target = follow_import(db, found).unwrap_or(found);
        if !targets.contains(&target) {
            targets.push(target);
        }
    }
    targets
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_file;

    #[test]
    fn jumps_to_local_definitions_and_into_the_standard_library() {
        let source = "import os\nfrom os import path\n\ndef helper() -> int:\n    return 1\n\nvalue = helper()\nos.getcwd()\npath.join('a')\n";
        let (db, file) = db_with_file(source);
        let at = |needle: &str| TextSize::try_from(source.rfind(needle).unwrap()).unwrap();
        let targets = goto_definition(&db, file, at("helper()"));
        let defined = TextSize::try_from(source.find("helper").unwrap()).unwrap();
        assert_eq!(targets, vec![NavigationTarget { file, range: TextRange::at(defined, TextSize::from(6)) }]);
        let stub = |targets: Vec<NavigationTarget>| -> Vec<(String, bool)> {
            targets.iter().map(|target| (target.file.path(&db).display(), target.range.is_empty())).collect()
        };
        // A function of a module, the module an `import` binds, a submodule `from` imports.
        assert_eq!(stub(goto_definition(&db, file, at("getcwd"))), [("<typeshed>/stdlib/os/__init__.pyi".to_string(), false)]);
        assert_eq!(stub(goto_definition(&db, file, at("os.getcwd"))), [("<typeshed>/stdlib/os/__init__.pyi".to_string(), true)]);
        let path_module = stub(goto_definition(&db, file, at("path.join")));
        assert!(path_module[0].0.contains("path.pyi") && path_module[0].1, "{path_module:?}");
        assert_eq!(goto_definition(&db, file, TextSize::from(u32::try_from(source.len()).unwrap() + 10)), vec![]);
    }
}

//! Go to definition: where the name under the cursor is defined, in this file, another
//! module, the standard library or an installed package (the source where a stub and a
//! source both exist); go to declaration: the same through stubs; go to type definition:
//! where the class of its type is.

use pytc_db::{Db, File};
use pytc_syntax::{TextRange, TextSize};

use crate::imports::{follow_import, module_component_at};
use crate::stub_source::source_definition;

/// A place to jump to: a file and the range of the defining name (empty at the start of a
/// file for a module).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NavigationTarget {
    pub file: File,
    pub range: TextRange,
}

/// The definitions of the name at `offset`; a name bound by an import leads on to what the
/// import names, and a definition in a stub to the same definition in the module's source
/// when there is one (see `stub_source`).
pub fn goto_definition(db: &dyn Db, file: File, offset: TextSize) -> Vec<NavigationTarget> {
    let mut targets: Vec<NavigationTarget> = Vec::new();
    for declaration in goto_declaration(db, file, offset) {
        let target = source_definition(db, declaration).unwrap_or(declaration);
        if !targets.contains(&target) {
            targets.push(target);
        }
    }
    targets
}

/// The declarations of the name at `offset`, as the checker sees them: through imports, to
/// the stub where a module has one. A component of an import's module name leads to the
/// module it names.
pub fn goto_declaration(db: &dyn Db, file: File, offset: TextSize) -> Vec<NavigationTarget> {
    if let Some(module) = module_component_at(db, file, offset) {
        return vec![module];
    }
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

/// Where the type of the name or expression at `offset` is defined (each class of a union).
/// Nothing in comments and strings.
pub fn goto_type_definition(db: &dyn Db, file: File, offset: TextSize) -> Vec<NavigationTarget> {
    if pytc_syntax::in_comment_or_string(pytc_db::parsed_module(db, file), offset) {
        return Vec::new();
    }
    pytc_types::type_definitions_at_position(db, file, offset).into_iter().map(|(file, range)| NavigationTarget { file, range }).collect()
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

    #[test]
    fn type_definitions_are_the_classes_of_the_type() {
        let source = "class Box:\n    pass\nclass Bag:\n    pass\ndef pick(flag: bool) -> Box | Bag:\n    return Box()\nitem = pick(True)\nname = 'x'  # item\nitem\n";
        let (db, file) = db_with_file(source);
        let at = |needle: &str| TextSize::try_from(source.rfind(needle).unwrap()).unwrap();
        let range_of = |needle: &str| {
            let start = TextSize::try_from(source.find(needle).unwrap()).unwrap();
            TextRange::at(start, TextSize::try_from(needle.len()).unwrap())
        };
        let found = |needle: &str| goto_type_definition(&db, file, at(needle));
        // A union: each class; at the binding and at a use.
        let both = vec![NavigationTarget { file, range: range_of("Box") }, NavigationTarget { file, range: range_of("Bag") }];
        assert_eq!(found("item ="), both);
        assert_eq!(found("item\n"), both);
        // A builtin's class is in the stubs.
        let text = found("name");
        assert_eq!(text.len(), 1);
        assert!(text[0].file.path(&db).display().ends_with("builtins.pyi"));
        // Nothing in a comment, past the end.
        assert_eq!(found("# item"), vec![]);
        assert_eq!(goto_type_definition(&db, file, TextSize::from(5000)), vec![]);
    }
}

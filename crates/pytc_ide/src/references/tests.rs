use pytc_syntax::TextSize;

use super::*;
use crate::test_db::db_with_file;

const SOURCE: &str = r#"import os
class Shape:
    sides: int = 0
    def area(self, scale: float) -> float:
        return self.sides * scale
class Square(Shape):
    def grow(self) -> None:
        self.sides += 1
def build(count: int) -> Shape:
    total = count
    shape = Shape()
    shape.area(scale=2.0)
    return shape
square = Square()
square.area(1.0)
value = build(count=3).sides
os.getcwd()
len(square.__class__.__name__)
"#;

/// The text of each reference to the symbol at the `occurrence`-th `needle` (with `+` for
/// a binding): `line:column`.
fn found(needle: &str, occurrence: usize, include_bindings: bool) -> Vec<String> {
    let (db, file) = db_with_file(SOURCE);
    let (offset, _) = SOURCE.match_indices(needle).nth(occurrence).unwrap();
    references(&db, file, TextSize::try_from(offset).unwrap(), &[], include_bindings)
        .iter()
        .map(|reference| {
            let start = reference.target.range.start().to_usize();
            let line = SOURCE[..start].matches('\n').count() + 1;
            let column = start - SOURCE[..start].rfind('\n').map_or(0, |newline| newline + 1);
            format!("{line}:{column}{}", if reference.binds { "+" } else { "" })
        })
        .collect()
}

#[test]
fn locals_and_parameters_with_keyword_arguments() {
    assert_eq!(found("total", 0, true), ["10:4+"]);
    // The parameter, its use, and the keyword argument that passes it.
    assert_eq!(found("count", 0, true), ["9:10+", "10:12", "16:14"]);
    assert_eq!(found("count=3", 0, false), ["10:12", "16:14"]);
    assert_eq!(found("scale", 0, true), ["4:19+", "5:28", "12:15"]);
}

#[test]
fn class_members_through_types_and_inheritance() {
    // `sides` of Shape: its declaration, `self.sides` in Shape and in Square (inherited),
    // and `.sides` on what `build` returns.
    assert_eq!(found("sides", 0, true), ["3:4+", "5:20", "8:13+", "16:23"]);
    assert_eq!(found("area", 2, true), ["4:8+", "12:10", "15:7"]);
    // An override is the member it overrides.
    let overridden = "class A:\n    def run(self) -> None: ...\nclass B(A):\n    def run(self) -> None: ...\nB().run()\nA().run()\n";
    let (db, file) = db_with_file(overridden);
    let offset = TextSize::try_from(overridden.rfind("run").unwrap()).unwrap();
    assert_eq!(references(&db, file, offset, &[], true).len(), 4);
    assert_eq!(found("Shape", 0, true), ["2:6+", "6:13", "9:25", "11:12"]);
    assert_eq!(found("shape", 0, false), ["12:4", "13:11"]);
}

#[test]
fn highlights_stay_in_the_file_and_comments_have_none() {
    let (db, file) = db_with_file(SOURCE);
    let offset = TextSize::try_from(SOURCE.find("square =").unwrap()).unwrap();
    assert_eq!(document_highlights(&db, file, offset).len(), 3);
    let (db, file) = db_with_file("x = 1  # x\nprint(x)\n");
    assert_eq!(document_highlights(&db, file, TextSize::from(9)), vec![]);
    assert_eq!(document_highlights(&db, file, TextSize::from(0)).len(), 2);
    assert_eq!(document_highlights(&db, file, TextSize::from(500)), vec![]);
}

#[test]
fn rename_edits_every_place_and_refuses_what_it_cannot() {
    let (db, file) = db_with_file(SOURCE);
    let at = |needle: &str| TextSize::try_from(SOURCE.find(needle).unwrap()).unwrap();
    let edits = rename(&db, file, at("sides"), "edges", &[]).unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0].1.len(), 4);
    assert_eq!(prepare_rename(&db, file, at("area")).map(|target| target.range.len()), Ok(TextSize::from(4)));
    assert_eq!(rename(&db, file, at("sides"), "class", &[]), Err(RenameError::Keyword("class".into())));
    assert_eq!(rename(&db, file, at("sides"), "2x", &[]), Err(RenameError::InvalidIdentifier("2x".into())));
    assert_eq!(rename(&db, file, at("sides"), "a-b", &[]), Err(RenameError::InvalidIdentifier("a-b".into())));
    let builtin = rename(&db, file, at("len("), "size", &[]).unwrap_err();
    assert_eq!(builtin.to_string(), "`len` is defined in the standard library (typeshed) and cannot be renamed");
    assert!(matches!(prepare_rename(&db, file, at("getcwd")), Err(RenameError::External { .. })));
    assert!(matches!(prepare_rename(&db, file, at("__class__")), Err(RenameError::External { .. })));
    assert_eq!(prepare_rename(&db, file, at("import")), Err(RenameError::NoSymbol));
    let broken = "def f(:\n  x.y = \nclass (\n";
    let (db, file) = db_with_file(broken);
    for offset in 0..=broken.len() + 2 {
        let offset = TextSize::try_from(offset).unwrap();
        let _ = rename(&db, file, offset, "z", &[]);
        let _ = references(&db, file, offset, &[], true);
    }
}

#[test]
fn dunder_all_entries_are_references_and_are_renamed() {
    let source = "__all__ = ['greet', \"Other\"]\n__all__ += ['greet']\n__all__.append('greet')\ndef greet() -> None: ...\nclass Other: ...\nnote = 'greet'\n";
    let (db, file) = db_with_file(source);
    let at = |needle: &str| TextSize::try_from(source.find(needle).unwrap()).unwrap();
    let starts = |found: Vec<Reference>| -> Vec<usize> { found.iter().map(|reference| reference.target.range.start().to_usize()).collect() };
    // The three entries (inside their quotes) and the definition; a string elsewhere is not one.
    let expected: Vec<usize> = source.match_indices("greet").map(|(at, _)| at).take(4).collect();
    assert_eq!(starts(references(&db, file, at("def greet") + TextSize::from(4), &[], true)), expected);
    let edits = rename(&db, file, at("def greet") + TextSize::from(4), "welcome", &[]).unwrap();
    assert_eq!(edits[0].1.len(), 4);
    assert!(edits[0].1.iter().all(|range| range.len() == TextSize::from(5)));
    assert_eq!(references(&db, file, at("class Other") + TextSize::from(6), &[], true).len(), 2);
}

#[test]
fn modules_are_found_through_dotted_imports_attributes_and_from_imports() {
    let main_source = "import app.util\nimport app.util as u\nfrom app import util\nfrom app.util import greet\napp.util.greet()\nu.greet()\nutil.greet()\ngreet()\nprint(app.util.VALUE)\n";
    let (db, files) = crate::test_db::db_with_files(&[
        ("app/__init__.py", ""),
        ("app/util.py", "def greet() -> None: ...\nVALUE = 1\n"),
        ("main.py", main_source),
    ]);
    let (util, main) = (files[1], files[2]);
    let at = |needle: &str, skip: usize| TextSize::try_from(main_source.find(needle).unwrap() + skip).unwrap();
    // Each reference as `line:column` of main.py, or the other file's name.
    let places = |found: Vec<Reference>| -> Vec<String> {
        found
            .iter()
            .map(|reference| {
                if reference.target.file != main {
                    return "util.py".to_string();
                }
                let start = reference.target.range.start().to_usize();
                let line = main_source[..start].matches('\n').count() + 1;
                format!("{line}:{}", start - main_source[..start].rfind('\n').map_or(0, |newline| newline + 1))
            })
            .collect()
    };
    // The module `app.util`: in each import's module name, as the name `from app import util`
    // binds, and as the attribute `app.util`; `u` (an alias) is another name.
    let module_util = ["1:11", "2:11", "3:16", "4:9", "5:4", "7:0", "9:10"];
    assert_eq!(places(references(&db, main, at("import app.util", 11), &[main, util], true)), module_util);
    assert_eq!(places(references(&db, main, at("app.util.greet", 5), &[main, util], true)), module_util);
    // The package `app`, which `import app.util` binds.
    assert_eq!(places(references(&db, main, at("app.util.greet", 0), &[main, util], true)), ["1:7", "2:7", "3:5", "4:5", "5:0", "9:6"]);
    // A function of the module, through every spelling that reaches it.
    assert_eq!(places(references(&db, util, TextSize::from(4), &[main], true)), ["util.py", "4:21", "5:9", "6:2", "7:5", "8:0"]);
    // Go to definition on a component of an import's module name opens that module.
    let opened = |offset| crate::definition::goto_definition(&db, main, offset).iter().map(|target| target.file).collect::<Vec<_>>();
    assert_eq!(opened(at("import app.util", 11)), [util]);
    assert_eq!(opened(at("from app.util", 10)), [util]);
    assert_eq!(opened(at("import app.util", 7)), [files[0]]);
    // A module is renamed by renaming its file, not here.
    let refused = rename(&db, main, at("app.util.greet", 5), "tools", &[main, util]).unwrap_err();
    assert_eq!(refused.to_string(), "`util` is a module: rename its file to rename it");
}

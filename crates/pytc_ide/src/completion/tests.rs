use pytc_syntax::TextSize;

use super::*;
use crate::test_db::db_with_file;

/// The completions at the `$` in `source` (removed).
fn complete(source: &str) -> Vec<CompletionItem> {
    let offset = source.find('$').unwrap();
    let text = source.replacen('$', "", 1);
    let (db, file) = db_with_file(&text);
    completions(&db, file, TextSize::try_from(offset).unwrap())
}

fn labels(source: &str) -> Vec<String> {
    complete(source).into_iter().map(|item| item.label).collect()
}

fn find<'a>(items: &'a [CompletionItem], label: &str) -> Option<&'a CompletionItem> {
    items.iter().find(|item| item.label == label)
}

const SHAPES: &str = r#"class Shape:
    """A shape."""
    sides: int = 0
    def area(self) -> float:
        return 0.0
    @property
    def name(self) -> str:
        return ""
class Square(Shape):
    def __init__(self, size: float) -> None:
        self.size = size
    def area(self) -> float:
        return self.size * self.size
square = Square(2)
"#;

#[test]
fn attributes_after_a_dot_with_inherited_members_kinds_and_types() {
    // The usual state while typing: `square.` ends the line and the file does not parse.
    let items = complete(&format!("{SHAPES}square.$\nx = 1\n"));
    let size = find(&items, "size").expect("own instance attribute");
    assert_eq!((size.kind, size.detail.as_deref()), (CompletionKind::Field, Some("float")));
    let area = find(&items, "area").expect("method");
    assert_eq!(area.kind, CompletionKind::Method);
    assert!(area.detail.as_deref().is_some_and(|detail| detail.contains("-> float")), "{area:?}");
    let sides = find(&items, "sides").expect("inherited attribute");
    assert_eq!(sides.detail.as_deref(), Some("int"));
    assert_eq!(find(&items, "name").map(|item| (item.kind, item.detail.as_deref())), Some((CompletionKind::Property, Some("str"))));
    assert!(find(&items, "__init__").is_some(), "dunders are members too");
    assert!(find(&items, "square").is_none(), "no names in scope after a dot");
    // Public names sort before dunders.
    assert!(find(&items, "area").unwrap().sort_text < find(&items, "__init__").unwrap().sort_text);
    // A prefix already typed, at the end of the file, and a chain.
    assert!(labels(&format!("{SHAPES}square.ar$")).contains(&"area".to_string()));
    assert!(labels(&format!("{SHAPES}square.name.up$")).contains(&"upper".to_string()));
    // On the class object: class attributes and methods, not what only `self.x = ...` sets.
    let class_items = labels(&format!("{SHAPES}Square.$\n"));
    assert!(class_items.contains(&"area".to_string()) && class_items.contains(&"sides".to_string()));
    assert!(!class_items.contains(&"size".to_string()), "{class_items:?}");
}

#[test]
fn attributes_of_builtins_literals_modules_and_unions() {
    assert!(labels("'text'.$\n").contains(&"upper".to_string()));
    assert!(labels("x = [1]\nx.$").contains(&"append".to_string()));
    let module = complete("import os\nos.$\n");
    assert_eq!(find(&module, "getcwd").map(|item| item.kind), Some(CompletionKind::Function));
    assert_eq!(find(&module, "path").map(|item| item.kind), Some(CompletionKind::Module));
    assert!(module.iter().all(|item| !item.label.starts_with('_') || item.label.starts_with("__")), "no private names of os");
    // A union offers what every member has.
    let union = labels("def f(x: int | str):\n    x.$\n");
    assert!(union.contains(&"__add__".to_string()) && !union.contains(&"upper".to_string()), "{union:?}");
    // Unknown receivers offer nothing.
    assert_eq!(labels("def f(x):\n    x.$\n"), Vec::<String>::new());
}

#[test]
fn names_in_scope_locals_enclosing_globals_and_builtins() {
    let source = "import os\nLIMIT = 3\nclass Box:\n    inner = 1\n    def method(self, width: int) -> None:\n        def helper(depth):\n            local = 1\n            $\n        return\n";
    let items = complete(source);
    for name in ["local", "depth", "width", "self", "helper", "LIMIT", "Box", "os", "len", "ValueError", "None", "return"] {
        assert!(find(&items, name).is_some(), "{name} missing");
    }
    assert!(find(&items, "inner").is_none(), "a class body's names are not visible in its methods");
    let rank = |name: &str| find(&items, name).unwrap().sort_text.clone();
    assert!(rank("local") < rank("width") && rank("width") < rank("LIMIT") && rank("LIMIT") < rank("len") && rank("len") < rank("return"));
    assert_eq!(find(&items, "os").map(|item| item.kind), Some(CompletionKind::Module));
    assert_eq!(find(&items, "Box").map(|item| item.kind), Some(CompletionKind::Class));
    assert_eq!(find(&items, "helper").map(|item| item.kind), Some(CompletionKind::Function));
    assert_eq!(find(&items, "len").map(|item| item.kind), Some(CompletionKind::Function));
    assert_eq!(find(&items, "int").map(|item| item.kind), Some(CompletionKind::Class));
    assert!(find(&items, "_T").is_none(), "no private names of builtins");
    // A blank line after a function body, indented into it: the body's names.
    let after_body = labels("def f(argument):\n    value = 1\n\n    $\n");
    assert!(after_body.contains(&"argument".to_string()) && after_body.contains(&"value".to_string()));
    let module_level = labels("def f(argument):\n    value = 1\n$\n");
    assert!(!module_level.contains(&"argument".to_string()));
    // Imported names take the kind of what they import.
    let imported = complete("from os import path, getcwd\nfrom typing import Any\n$\n");
    assert_eq!(find(&imported, "path").map(|item| item.kind), Some(CompletionKind::Module));
    assert_eq!(find(&imported, "getcwd").map(|item| item.kind), Some(CompletionKind::Function));
    // Their definition is what they import, where the documentation is.
    let getcwd = find(&imported, "getcwd").and_then(|item| item.definition).unwrap();
    assert!(!getcwd.range.is_empty() && getcwd.range.start() > TextSize::from(60), "{getcwd:?}");
}

#[test]
fn modules_in_import_statements() {
    assert!(labels("import o$").contains(&"os".to_string()));
    assert!(labels("import sys, co$").contains(&"collections".to_string()));
    assert!(labels("import os.$").contains(&"path".to_string()));
    assert!(labels("from collections.$").contains(&"abc".to_string()));
    assert!(labels("from $").contains(&"json".to_string()));
    assert_eq!(labels("import os $"), Vec::<String>::new());
    assert_eq!(labels("import os as $"), Vec::<String>::new());
    let names = complete("from os import $");
    assert!(find(&names, "getcwd").is_some() && find(&names, "path").is_some());
    assert!(find(&names, "sys").is_none(), "os.pyi imports sys without re-exporting it");
    assert!(labels("from os import (getcwd,\n    $").contains(&"sep".to_string()));
    assert_eq!(labels("from os import getcwd as $"), Vec::<String>::new());
    assert!(labels("from importlib import $").contains(&"metadata".to_string()), "submodules too");
}

#[test]
fn keyword_arguments_inside_calls() {
    let source = "def greet(name: str, *, loud: bool = False, **extra: int) -> str:\n    return name\n";
    let items = complete(&format!("{source}greet($)\n"));
    let name = find(&items, "name=").expect("keyword argument");
    assert_eq!((name.kind, name.insert_text.as_deref()), (CompletionKind::Argument, Some("name=")));
    assert!(find(&items, "loud=").is_some() && find(&items, "extra=").is_none());
    assert!(find(&items, "greet").is_some(), "names in scope too");
    assert!(name.sort_text < find(&items, "greet").unwrap().sort_text);
    let later = labels(&format!("{source}greet('x', loud=True, $"));
    assert!(!later.contains(&"loud=".to_string()), "already given");
    assert!(!labels(&format!("{source}greet([$])")).contains(&"name=".to_string()), "inside a list");
    assert!(!labels(&format!("{source}greet(name=$)")).contains(&"name=".to_string()), "a value is written there");
}

#[test]
fn nothing_in_comments_strings_numbers_or_new_names() {
    assert_eq!(labels("x = 1  # x.$\n"), Vec::<String>::new());
    assert_eq!(labels("x = 'x.$'\n"), Vec::<String>::new());
    assert_eq!(labels("x = 'unterminated $\n"), Vec::<String>::new());
    assert_eq!(labels("x = 1.$\n"), Vec::<String>::new());
    assert_eq!(labels("def $"), Vec::<String>::new());
    assert_eq!(labels("class Bo$"), Vec::<String>::new());
    assert!(labels("x = 'a'\ny = x$\n").contains(&"x".to_string()), "after a string, names again");
}

#[test]
fn bad_positions_and_broken_files_never_panic() {
    let broken = "import os.\nfrom . import (\nclass C(:\n  def f(self, x=os.): x.\n\tz = [a. for a in b.]\n'''open";
    let (db, file) = db_with_file(broken);
    for offset in 0..=broken.len() + 3 {
        if broken.is_char_boundary(offset.min(broken.len())) {
            let _ = completions(&db, file, TextSize::try_from(offset).unwrap());
        }
    }
    let unicode = "é = 1\né.";
    let (db, file) = db_with_file(unicode);
    for offset in 0..=unicode.len() {
        let _ = completions(&db, file, TextSize::try_from(offset).unwrap());
    }
}

#[test]
fn details_give_the_type_and_docstring() {
    let source = format!("{SHAPES}square.$\n");
    let offset = source.find('$').unwrap();
    let text = source.replacen('$', "", 1);
    let (db, file) = db_with_file(&text);
    let items = completions(&db, file, TextSize::try_from(offset).unwrap());
    let area = find(&items, "area").unwrap();
    let details = completion_details(&db, area.definition.unwrap());
    assert_eq!(details.type_display.as_deref(), Some("def area(self) -> float"));
    let names = completions(&db, file, TextSize::try_from(text.len()).unwrap());
    let shape = find(&names, "Shape").unwrap();
    assert_eq!(completion_details(&db, shape.definition.unwrap()).documentation.as_deref(), Some("A shape."));
    let len = find(&names, "len").unwrap();
    assert!(completion_details(&db, len.definition.unwrap()).type_display.is_some_and(|display| display.contains("len")));
}

#[test]
fn a_huge_list_keeps_what_matches_the_typed_prefix_and_is_incomplete() {
    let names: String = (0..3_000).map(|index| format!("value_{index} = {index}\n")).collect();
    let text = format!("{names}other = 1\nvalue_29");
    let (db, file) = db_with_file(&text);
    let end = TextSize::try_from(text.len()).unwrap();
    let list = completion_list(&db, file, end, &[]);
    assert!(list.incomplete);
    assert_eq!(list.items.len(), 111, "value_29, value_290 ... value_299, value_2900 ... value_2999");
    assert!(list.items.iter().all(|item| item.label.starts_with("value_29")));
    let short = completion_list(&db, file, TextSize::try_from(text.find("other").unwrap()).unwrap(), &[]);
    assert!(short.incomplete && short.items.len() == 2_000, "nothing typed: the first 2,000 by rank");
    let (db, file) = db_with_file("x = 1\n");
    assert!(!completion_list(&db, file, TextSize::from(6), &[]).incomplete);
}

#[test]
fn names_not_in_scope_are_offered_with_their_import() {
    let (db, files) = crate::test_db::db_with_files(&[
        ("main.py", "import os\nfrom app.shapes import Circle\nCi"),
        ("app/shapes.py", "class CircleArc: ...\nclass Circle: ...\n_Circular = 1\n"),
        ("app/__init__.py", ""),
    ]);
    let text = pytc_db::source_text(&db, files[0]).to_string();
    let list = completion_list(&db, files[0], TextSize::try_from(text.len()).unwrap(), &files);
    assert!(list.incomplete, "more names come as the user types");
    let imports: Vec<(&str, &str, &str)> = list
        .items
        .iter()
        .filter_map(|item| item.auto_import.as_ref().map(|(module, edit)| (item.label.as_str(), module.as_str(), edit.new_text.as_str())))
        .collect();
    // `Circle` is in scope already; the private name is not offered; the import extends the
    // `from app.shapes import` already there.
    assert!(imports.contains(&("CircleArc", "app.shapes", ", CircleArc")), "{imports:?}");
    assert!(!imports.iter().any(|(name, ..)| *name == "Circle" || name.starts_with('_')), "{imports:?}");
    // One typed character is not enough to look.
    let short = completion_list(&db, files[0], TextSize::try_from(text.len() - 1).unwrap(), &files);
    assert!(short.items.iter().all(|item| item.auto_import.is_none()));
}

#[test]
fn strings_the_code_expects_inside_a_string() {
    let source = r#"from typing import Literal, TypedDict
class Movie(TypedDict):
    title: str
    year: int
def paint(color: Literal["red", "green"], *, finish: Literal["matte", "gloss"] = "matte") -> None: ...
movie: Movie = {"title": "x", "year": 1}
movie["ti"]
paint("r")
paint("red", finish="")
def run(mode: Literal["fast", "slow"]) -> bool:
    return mode == "f"
print("free text")
Mode = Literal["read", "write"]
chosen: Mode = "re"
chosen = "wr"
class Door:
    state: Literal["open", "shut"]
    def close(self, how: Literal["slam", "ease"] = "s") -> None:
        self.state = "sh"
untyped = "any"
"#;
    let (db, file) = db_with_file(source);
    let labels_at = |needle: &str, within: usize| -> Vec<String> {
        let offset = TextSize::try_from(source.find(needle).unwrap() + within).unwrap();
        completions(&db, file, offset).into_iter().filter(|item| item.kind == CompletionKind::Value).map(|item| item.label).collect()
    };
    assert_eq!(labels_at("movie[\"ti", 9), ["title", "year"]);
    assert_eq!(labels_at("paint(\"r\")", 8), ["green", "red"]);
    assert_eq!(labels_at("finish=\"\"", 8), ["gloss", "matte"]);
    assert_eq!(labels_at("mode == \"f", 10), ["fast", "slow"]);
    // (After `mode = "fast"` the narrowed `Literal["fast"]` would be all there is to offer.)
    // The value of an annotated assignment, of an assignment to a declared name or
    // attribute, and a parameter's default; an undeclared name expects nothing.
    assert_eq!(labels_at("chosen: Mode = \"re", 16), ["read", "write"]);
    assert_eq!(labels_at("chosen = \"wr", 10), ["read", "write"]);
    assert_eq!(labels_at("self.state = \"sh", 14), ["open", "shut"]);
    assert_eq!(labels_at("= \"s\") ->", 3), ["ease", "slam"]);
    assert_eq!(labels_at("untyped = \"any", 12), Vec::<String>::new());
    // A string nothing expects gets nothing at all.
    assert_eq!(completions(&db, file, TextSize::try_from(source.find("free").unwrap() + 2).unwrap()), vec![]);
}

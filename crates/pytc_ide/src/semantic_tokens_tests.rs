//! Tests of the semantic tokens `pytc_types` classifies, read back as `kind name` strings.

use pytc_syntax::TextRange;

use crate::test_db::db_with_file;
use crate::{TokenKind, semantic_tokens, token_modifier};

fn describe(source: &str, range: Option<TextRange>) -> Vec<String> {
    let (db, file) = db_with_file(source);
    semantic_tokens(&db, file, range)
        .into_iter()
        .map(|token| {
            let mut modifiers = String::new();
            for (bit, name) in [
                (token_modifier::DEFINITION, " def"),
                (token_modifier::READONLY, " readonly"),
                (token_modifier::ASYNC, " async"),
                (token_modifier::DEFAULT_LIBRARY, " builtin"),
            ] {
                if token.modifiers & bit != 0 {
                    modifiers.push_str(name);
                }
            }
            format!("{:?} {}{modifiers}", token.kind, &source[token.range.to_std_range()])
        })
        .collect()
}

#[test]
fn classifies_every_identifier() {
    let source = r#"import os.path as osp
from typing import Final
from dataclasses import dataclass
LIMIT: Final = 3
count = 0
@dataclass
class Point[T]:
    x: int
    def shift(self, by: T) -> "Point[T]":
        return self
    async def load(self) -> None:
        print(len(osp.sep), osp.join("a"), LIMIT, count, undefined)
p = Point()
p.shift(by=1)
p.x
"#;
    assert_eq!(
        describe(source, None),
        [
            "Namespace os",
            "Namespace path",
            "Namespace osp",
            "Namespace typing",
            "Class Final",
            "Namespace dataclasses",
            "Function dataclass",
            "Variable LIMIT readonly",
            "Class Final",
            "Variable count",
            "Function dataclass",
            "Class Point def",
            "TypeParameter T def",
            "Property x",
            "Class int builtin",
            "Method shift def",
            "Parameter self def",
            "Parameter by def",
            "TypeParameter T",
            "Parameter self",
            "Method load def async",
            "Parameter self def",
            "Function print builtin",
            "Function len builtin",
            "Namespace osp",
            "Property sep",
            "Namespace osp",
            "Method join",
            "Variable LIMIT readonly",
            "Variable count",
            "Variable undefined",
            "Variable p",
            "Class Point",
            "Variable p",
            "Method shift",
            "Parameter by",
            "Variable p",
            "Property x",
        ]
    );
}

#[test]
fn a_range_gives_only_its_tokens_and_broken_code_gives_what_parsed() {
    let source = "def first(a):\n    return a\ndef second(b):\n    return b\n";
    let start = u32::try_from(source.find("def second").unwrap()).unwrap();
    let second = TextRange::new(start.into(), (start + 28).into());
    assert_eq!(describe(source, Some(second)), ["Function second def", "Parameter b def", "Parameter b"]);
    assert_eq!(describe("def f(:\n    x = undefined_name\n", None)[0], "Function f def");
    assert_eq!(describe("", None), Vec::<String>::new());
}

#[test]
fn kinds_follow_what_a_name_holds() {
    let source = "import json\nloads = json.loads\nclass C: pass\nAlias = C\nloads\nAlias\n";
    let tokens = describe(source, None);
    assert_eq!(tokens[tokens.len() - 2..], ["Function loads".to_string(), "Class Alias".to_string()]);
    assert_eq!(TokenKind::Class, TokenKind::Class);
}

//! Hover: the type of the name or expression under the cursor, as a user writes it (a
//! variable as `name: type`), and the docstring of what the name there refers to. Nothing
//! inside comments and string text, past the end of the file, or away from every name.

use pytc_db::{Db, File, parsed_module};
use pytc_syntax::{Ranged, TextRange, TextSize};
use pytc_types::HoverKind;

use crate::definition::goto_definition;
use crate::docstring::docstring_at;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// The expression the hover is about.
    pub range: TextRange,
    /// What is shown in the code block: `message: str`, `def f(x: int) -> str`, `type[C]`.
    pub type_display: String,
    pub docstring: Option<String>,
}

impl Hover {
    /// The hover as Markdown: the type in a Python code block, then the docstring.
    pub fn markdown(&self) -> String {
        let mut text = format!("```python\n{}\n```", self.type_display);
        if let Some(docstring) = &self.docstring {
            text.push_str("\n---\n");
            text.push_str(&escape_markdown(docstring));
        }
        text
    }
}

pub fn hover(db: &dyn Db, file: File, offset: TextSize) -> Option<Hover> {
    if pytc_syntax::in_comment_or_string(parsed_module(db, file), offset) {
        return None;
    }
    let found = pytc_types::type_at_position(db, file, offset)?;
    let range = found.range;
    let type_display = match found.kind {
        HoverKind::Variable if !found.name.is_empty() => format!("{}: {}", found.name, found.type_display),
        _ => matched_overload(db, file, range).unwrap_or(found.type_display),
    };
    // On a use, the docstring of what it refers to; on a `def`/`class` name, its own.
    let docstring = goto_definition(db, file, offset)
        .into_iter()
        .find_map(|target| docstring_at(db, target.file, target.range))
        .or_else(|| docstring_at(db, file, range));
    Some(Hover { range, type_display, docstring })
}

/// On the callee of a call with several signatures (an overloaded function), the one the
/// call's arguments match, as signature help picks it.
fn matched_overload(db: &dyn Db, file: File, callee: TextRange) -> Option<String> {
    let module = parsed_module(db, file).syntax();
    let call = pytc_syntax::innermost_expression_where(
        module,
        |range| range.contains_range(callee),
        |expression| matches!(expression, pytc_syntax::ast::Expr::Call(call) if call.func.range() == callee),
    )?;
    let pytc_syntax::ast::Expr::Call(call) = call else { return None };
    let inside = call.arguments.range.start() + TextSize::from(1);
    let help = pytc_types::signature_help(db, file, inside)?;
    if help.signatures.len() < 2 {
        return None;
    }
    Some(format!("def {}", help.signatures.get(help.active_signature)?.label))
}

/// Docstrings are plain text: keep Markdown from reading `*`, `_` or `#` as formatting,
/// and keep their line breaks.
fn escape_markdown(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for line in text.lines() {
        if !escaped.is_empty() {
            escaped.push_str("  \n");
        }
        for ch in line.chars() {
            if matches!(ch, '\\' | '`' | '*' | '_' | '#' | '[' | ']' | '<' | '>' | '|') {
                escaped.push('\\');
            }
            escaped.push(ch);
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_file;

    fn hover_at(source: &str, needle: &str) -> Option<Hover> {
        let (db, file) = db_with_file(source);
        let offset = TextSize::try_from(source.find(needle).unwrap()).unwrap();
        hover(&db, file, offset)
    }

    #[test]
    fn shows_the_type_and_the_docstring() {
        let source = "def greet(name: str) -> str:\n    \"\"\"Say *hello*.\"\"\"\n    return name\n\nmessage = greet('x')\n";
        let found = hover_at(source, "greet('x')").unwrap();
        assert!(found.type_display.contains("greet"), "{found:?}");
        assert_eq!(found.docstring.as_deref(), Some("Say *hello*."));
        assert!(found.markdown().starts_with("```python\n"));
        assert!(found.markdown().ends_with("Say \\*hello\\*."));
        let parameter = hover_at(source, "name\n").unwrap();
        assert_eq!((parameter.type_display.as_str(), parameter.docstring), ("name: str", None));
    }

    #[test]
    fn names_bound_by_definitions_show_their_type() {
        let source = "import os\nclass Box:\n    \"\"\"A box.\"\"\"\ndef wrap(item: int, *, label: str = '') -> Box:\n    return Box()\n";
        let function = hover_at(source, "wrap(").unwrap();
        assert_eq!(function.type_display, "def wrap(item: int, *, label: str = ...) -> Box");
        let class = hover_at(source, "Box:").unwrap();
        assert_eq!((class.type_display.as_str(), class.docstring.as_deref()), ("type[Box]", Some("A box.")));
        let parameter = hover_at(source, "label").unwrap();
        assert_eq!(parameter.type_display, "label: str");
        let module = hover_at(source, "os").unwrap();
        assert!(module.type_display.contains("os"), "{module:?}");
    }

    #[test]
    fn on_a_call_of_an_overloaded_function_the_overload_that_matched() {
        let source = "from typing import overload\n@overload\ndef pick(x: int) -> int: ...\n@overload\ndef pick(x: str) -> str: ...\ndef pick(x): return x\npick('a')\npick(1)\npick\n";
        assert_eq!(shown(source, "pick(", 3).as_deref(), Some("def pick(x: str) -> str"));
        assert_eq!(shown(source, "pick(", 4).as_deref(), Some("def pick(x: int) -> int"));
        // Not called: every overload.
        let bare = shown(source, "pick\n", 0).unwrap();
        assert!(bare.contains("int") && bare.contains("str"), "{bare}");
    }

    #[test]
    fn nothing_outside_expressions() {
        let (db, file) = db_with_file("x = 1\n\n\n");
        assert_eq!(hover(&db, file, TextSize::from(6)), None);
        assert_eq!(hover(&db, file, TextSize::from(600)), None);
    }

    /// The hover at the `occurrence`-th (0-based) appearance of `needle`.
    fn shown(source: &str, needle: &str, occurrence: usize) -> Option<String> {
        let (db, file) = db_with_file(source);
        let (offset, _) = source.match_indices(needle).nth(occurrence).unwrap();
        hover(&db, file, TextSize::try_from(offset).unwrap()).map(|found| found.type_display)
    }

    const BINDINGS: &str = r#"import contextlib
class Point:
    scale: float
    def __init__(self, x: int) -> None:
        self.x = x
        self.scale = 2.0
def greet(name: str) -> str:
    return "hi " + name
message = greet("ada")
first, (second, third) = 1, ("a", b"b")
for index in range(3):
    pass
with contextlib.nullcontext(3) as managed:
    pass
try:
    pass
except ValueError as error:
    pass
if (size := len(message)) > 2:
    pass
match message:
    case str(captured):
        pass
squares = [item * item for item in range(3)]
total: float = 0
total += 1
count: int
count = 5
def variadic(*args: int, **kwargs: str) -> None:
    pass
"#;

    #[test]
    fn every_binding_site_shows_its_type() {
        let expected: &[(&str, usize, &str)] = &[
            ("message", 0, "message: str"),
            ("first", 0, "first: Literal[1]"),
            ("second", 0, "second: Literal[\"a\"]"),
            ("third", 0, "third: Literal[b\"b\"]"),
            ("index", 0, "index: int"),
            ("managed", 0, "managed: int"),
            ("error", 0, "error: ValueError"),
            ("size", 0, "size: int"),
            ("captured", 0, "captured: str"),
            ("item", 2, "item: int"),
            ("item", 0, "item: int"),
            ("squares", 0, "squares: list[int]"),
            // Declared types win over the assigned value's.
            ("total", 0, "total: float"),
            ("total", 1, "total: float"),
            ("count", 1, "count: int"),
            // Attribute targets: the attribute's type; the object inside is a use.
            ("x = x", 0, "x: int"),
            ("scale = 2.0", 0, "scale: float"),
            ("self.x", 0, "self: Self"),
            // Parameters, functions and classes.
            ("name:", 0, "name: str"),
            ("args", 0, "args: tuple[int, ...]"),
            ("kwargs", 0, "kwargs: dict[str, str]"),
            ("greet", 0, "def greet(name: str) -> str"),
            ("Point", 0, "type[Point]"),
            // Uses show the narrowed type.
            ("message)", 0, "message: str"),
        ];
        let wrong: Vec<String> = expected
            .iter()
            .filter_map(|(needle, occurrence, want)| {
                let found = shown(BINDINGS, needle, *occurrence);
                (found.as_deref() != Some(*want)).then(|| format!("{needle:?}: {found:?}, want {want:?}"))
            })
            .collect();
        assert!(wrong.is_empty(), "{wrong:#?}");
    }

    #[test]
    fn nothing_in_comments_strings_or_past_the_end() {
        let source = "value = 1  # value here
text = 'value'
call = max(\n    # value\n    value,\n    2)\n";
        let (db, file) = db_with_file(source);
        let offset = |needle: &str| TextSize::try_from(source.find(needle).unwrap()).unwrap();
        assert_eq!(hover(&db, file, offset("value here")), None);
        assert_eq!(hover(&db, file, offset("value'")), None);
        assert_eq!(hover(&db, file, offset("# value")), None);
        assert_eq!(hover(&db, file, TextSize::from(10_000)), None);
        let broken = "def f(:\n    x = \n";
        let (db, file) = db_with_file(broken);
        for offset in 0..=broken.len() {
            let _ = hover(&db, file, TextSize::try_from(offset).unwrap());
        }
    }
}

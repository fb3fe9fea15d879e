//! Hover: the type of the expression under the cursor, as a user writes it, and the
//! docstring of what the name there refers to.

use pytc_db::{Db, File};
use pytc_syntax::{TextRange, TextSize};

use crate::definition::goto_definition;
use crate::docstring::docstring_at;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    /// The expression the hover is about.
    pub range: TextRange,
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
    let (range, type_display) = pytc_types::type_at_position(db, file, offset)?;
    // On a use, the docstring of what it refers to; on a `def`/`class` name, its own.
    let docstring = goto_definition(db, file, offset)
        .into_iter()
        .find_map(|target| docstring_at(db, target.file, target.range))
        .or_else(|| docstring_at(db, file, range));
    Some(Hover { range, type_display, docstring })
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
        assert_eq!((parameter.type_display.as_str(), parameter.docstring), ("str", None));
    }

    #[test]
    fn names_bound_by_definitions_show_their_type() {
        let source = "import os\nclass Box:\n    \"\"\"A box.\"\"\"\ndef wrap(item: int, *, label: str = '') -> Box:\n    return Box()\n";
        let function = hover_at(source, "wrap(").unwrap();
        assert_eq!(function.type_display, "def wrap(item: int, *, label: str = ...) -> Box");
        let class = hover_at(source, "Box:").unwrap();
        assert_eq!((class.type_display.as_str(), class.docstring.as_deref()), ("type[Box]", Some("A box.")));
        let parameter = hover_at(source, "label").unwrap();
        assert_eq!(parameter.type_display, "str");
        let module = hover_at(source, "os").unwrap();
        assert!(module.type_display.contains("os"), "{module:?}");
    }

    #[test]
    fn nothing_outside_expressions() {
        let (db, file) = db_with_file("x = 1\n\n\n");
        assert_eq!(hover(&db, file, TextSize::from(6)), None);
        assert_eq!(hover(&db, file, TextSize::from(600)), None);
    }
}

//! Signature help: inside a call's parentheses, every signature of the callee (each
//! overload) with the callee's docstring, the signature the arguments match, and the
//! parameter under the cursor. Nothing in comments; inside a string argument the call's
//! signatures still show.

use pytc_db::{Db, File};
use pytc_syntax::{TextRange, TextSize};

use crate::definition::goto_definition;
use crate::docstring::docstring_at;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureHelp {
    pub signatures: Vec<SignatureInformation>,
    /// The signature the call's arguments match.
    pub active_signature: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureInformation {
    /// `greet(name: str, *, loud: bool = ...) -> str`
    pub label: String,
    /// The byte range of each parameter in `label`.
    pub parameters: Vec<TextRange>,
    /// The parameter the argument under the cursor goes to.
    pub active_parameter: Option<usize>,
    pub documentation: Option<String>,
}

pub fn signature_help(db: &dyn Db, file: File, offset: TextSize) -> Option<SignatureHelp> {
    let parsed = pytc_db::parsed_module(db, file);
    if pytc_syntax::in_comment(parsed, offset) {
        return None;
    }
    let found = pytc_types::signature_help(db, file, offset)?;
    let documentation = goto_definition(db, file, found.callee.end())
        .into_iter()
        .find_map(|target| docstring_at(db, target.file, target.range));
    let signatures = found
        .signatures
        .into_iter()
        .map(|signature| SignatureInformation {
            label: signature.label,
            parameters: signature.parameters,
            active_parameter: signature.active_parameter,
            documentation: documentation.clone(),
        })
        .collect();
    Some(SignatureHelp { signatures, active_signature: found.active_signature })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_file;

    /// The help at the `|` in `source` (removed): each label, the active signature, and the
    /// active parameter's text in it.
    fn help(source: &str) -> Option<(Vec<String>, usize, Option<String>)> {
        let offset = source.find('|').unwrap();
        let text = source.replacen('|', "", 1);
        let (db, file) = db_with_file(&text);
        let found = signature_help(&db, file, TextSize::try_from(offset).unwrap())?;
        let active = &found.signatures[found.active_signature];
        let parameter = active.active_parameter.map(|index| active.label[active.parameters[index].to_std_range()].to_string());
        Some((found.signatures.iter().map(|signature| signature.label.clone()).collect(), found.active_signature, parameter))
    }

    const OVERLOADS: &str = r#"from typing import overload
@overload
def pick(value: int, *, scale: int = 1) -> int: ...
@overload
def pick(value: str, *rest: str, **options: bool) -> str: ...
def pick(value, *rest, scale=1, **options):
    """Pick a value."""
    return value
"#;

    #[test]
    fn shows_every_overload_and_the_one_that_matches() {
        let labels = [
            "pick(value: int, *, scale: int = ...) -> int".to_string(),
            "pick(value: str, *rest: str, **options: bool) -> str".to_string(),
        ];
        let at = |call: &str| help(&format!("{OVERLOADS}{call}\n"));
        assert_eq!(at("pick(|"), Some((labels.to_vec(), 0, Some("value: int".into()))));
        assert_eq!(at("pick(1, scale=|)"), Some((labels.to_vec(), 0, Some("scale: int = ...".into()))));
        assert_eq!(at("pick('a', |)"), Some((labels.to_vec(), 1, Some("*rest: str".into()))));
        assert_eq!(at("pick('a', 'b', 'c'|)"), Some((labels.to_vec(), 1, Some("*rest: str".into()))));
        assert_eq!(at("pick('a', flag=|)"), Some((labels.to_vec(), 1, Some("**options: bool".into()))));
        // Nested calls: the innermost whose parentheses hold the cursor.
        assert_eq!(at("pick(len(|))").map(|(labels, _, _)| labels.len()), Some(1));
        assert_eq!(at("pick(len('x'), |)").map(|(_, active, parameter)| (active, parameter)), Some((0, None)));
    }

    #[test]
    fn methods_classes_and_documentation() {
        let source = "class Box:\n    \"\"\"A box.\"\"\"\n    def __init__(self, size: int, /, label: str) -> None: ...\n    def grow(self, by: int) -> None: ...\nBox(1, |)\n";
        assert_eq!(help(source).map(|(labels, _, parameter)| (labels, parameter)), Some((vec!["Box(size: int, /, label: str) -> Box".to_string()], Some("label: str".into()))));
        let method = "class Box:\n    def grow(self, by: int) -> None:\n        \"\"\"Grow it.\"\"\"\nBox().grow(|)\n";
        let offset = method.find('|').unwrap();
        let text = method.replacen('|', "", 1);
        let (db, file) = db_with_file(&text);
        let found = signature_help(&db, file, TextSize::try_from(offset).unwrap()).unwrap();
        assert_eq!(found.signatures[0].label, "grow(by: int) -> None");
        assert_eq!(found.signatures[0].documentation.as_deref(), Some("Grow it."));
    }

    #[test]
    fn nothing_outside_calls_in_comments_or_on_broken_input() {
        assert_eq!(help("len('a')|\n"), None);
        assert_eq!(help("len|('a')\n"), None);
        assert_eq!(help("x = 1|\n"), None);
        assert_eq!(help("len(\n    # a comment |\n    'a')\n"), None);
        assert_eq!(help("len('a |string')\n").map(|(_, _, parameter)| parameter.is_some()), Some(true));
        assert_eq!(help("(1)(|)\n"), None, "not callable");
        let broken = "def f(:\n    len(1, (\n  ]) pick(\n";
        let (db, file) = db_with_file(broken);
        for offset in 0..=broken.len() + 3 {
            let _ = signature_help(&db, file, TextSize::try_from(offset).unwrap());
        }
    }
}

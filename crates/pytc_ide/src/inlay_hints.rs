//! Inlay hints: the inferred types of unannotated variables and the return types of
//! functions without a return annotation, shown where an annotation would go (with the
//! annotation to insert, when it can be written), and, when the editor asks for them, the
//! names of the parameters positional arguments go to.

use pytc_db::{Db, File};
use pytc_syntax::{TextRange, TextSize};
pub use pytc_types::InlayHintKind;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint is shown: after the name or parameters it describes, or before the
    /// argument it names.
    pub offset: TextSize,
    /// The text shown, e.g. `: list[int]`, `-> str`, `name=`.
    pub label: String,
    pub kind: InlayHintKind,
    /// The text that writes the hint into the code at `offset`, when it can be written.
    pub insert: Option<String>,
}

/// Which hints the editor wants.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InlayHintOptions {
    pub parameter_names: bool,
}

/// The hints inside `range`.
pub fn inlay_hints(db: &dyn Db, file: File, range: TextRange, options: InlayHintOptions) -> Vec<InlayHint> {
    pytc_types::inlay_hints(db, file, range, options.parameter_names)
        .into_iter()
        .map(|hint| InlayHint { offset: hint.offset, label: hint.label, kind: hint.kind, insert: hint.insert })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_file;

    fn hints(source: &str, options: InlayHintOptions) -> Vec<(String, Option<String>)> {
        let (db, file) = db_with_file(source);
        let whole = TextRange::up_to(TextSize::try_from(source.len()).unwrap());
        inlay_hints(&db, file, whole, options).into_iter().map(|hint| (hint.label, hint.insert)).collect()
    }

    #[test]
    fn hints_inferred_types_within_the_range() {
        let source = "count = 1\nname: str = 'a'\nlater = [count]\n";
        let (db, file) = db_with_file(source);
        let whole = TextRange::up_to(TextSize::try_from(source.len()).unwrap());
        let labels: Vec<String> = inlay_hints(&db, file, whole, InlayHintOptions::default()).into_iter().map(|hint| hint.label).collect();
        assert_eq!(labels.len(), 2, "{labels:?}");
        assert!(labels[1].contains("list"), "{labels:?}");
        let first_line = TextRange::up_to(TextSize::from(9));
        assert_eq!(inlay_hints(&db, file, first_line, InlayHintOptions::default()).len(), 1);
    }

    #[test]
    fn return_types_of_unannotated_functions_with_the_annotation_to_insert() {
        let source = "def name(flag: bool):\n    return 'a' if flag else None\ndef double(x):\n    return 2\ndef typed() -> int:\n    return 1\n";
        // `double` has an unannotated parameter: its callers see `Unknown`, so no hint.
        assert_eq!(
            hints(source, InlayHintOptions::default()),
            [("-> Literal[\"a\"] | None".to_string(), Some(" -> str | None".to_string()))]
        );
    }

    #[test]
    fn a_type_with_unknown_parts_is_shown_but_not_inserted() {
        let source = "import missing_module\nvalues = [missing_module.thing]\n";
        let found = hints(source, InlayHintOptions::default());
        assert!(found.iter().all(|(label, insert)| insert.is_none() && label.contains("Unknown")), "{found:?}");
    }

    #[test]
    fn parameter_names_only_when_asked_and_only_where_they_say_something() {
        let source = "def move(x: int, y: int, /, speed: float, *rest: int) -> None: ...\nspeed = 2.0\nmove(1, 2, 3.0, 4)\nmove(1, 2, speed)\n";
        assert_eq!(hints(source, InlayHintOptions::default()).len(), 1, "only `speed`'s type");
        let names: Vec<String> = hints(source, InlayHintOptions { parameter_names: true })
            .into_iter()
            .map(|(label, _)| label)
            .filter(|label| label.ends_with('='))
            .collect();
        // Positional-only and variadic parameters have no name to show; `speed` spells it.
        assert_eq!(names, ["speed="]);
    }
}

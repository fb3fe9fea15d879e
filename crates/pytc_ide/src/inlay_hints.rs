//! Inlay hints: the inferred types of unannotated variables, shown where an annotation
//! would go.

use pytc_db::{Db, File};
use pytc_syntax::{TextRange, TextSize};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint is shown: after the name it describes.
    pub offset: TextSize,
    /// The text shown, e.g. `: list[int]`.
    pub label: String,
}

/// The hints inside `range`.
pub fn inlay_hints(db: &dyn Db, file: File, range: TextRange) -> Vec<InlayHint> {
    pytc_types::inlay_hints(db, file)
        .into_iter()
        .filter(|(offset, _)| range.contains_inclusive(*offset))
        .map(|(offset, label)| InlayHint { offset, label })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_file;

    #[test]
    fn hints_inferred_types_within_the_range() {
        let source = "count = 1\nname: str = 'a'\nlater = [count]\n";
        let (db, file) = db_with_file(source);
        let whole = TextRange::up_to(TextSize::try_from(source.len()).unwrap());
        let labels: Vec<String> = inlay_hints(&db, file, whole).into_iter().map(|hint| hint.label).collect();
        assert_eq!(labels.len(), 2, "{labels:?}");
        assert!(labels[1].contains("list"), "{labels:?}");
        let first_line = TextRange::up_to(TextSize::from(9));
        assert_eq!(inlay_hints(&db, file, first_line).len(), 1);
    }

    #[test]
    fn unannotated_functions_get_no_return_type_hint() {
        // TODO: hint `-> int` after `)` once pytc_types infers the return types of
        // unannotated functions; today they are `Unknown` (hover shows `def double(x) ->
        // Unknown`), so there is nothing true to show.
        let source = "def double(x):\n    return 2\n";
        let (db, file) = db_with_file(source);
        let whole = TextRange::up_to(TextSize::try_from(source.len()).unwrap());
        assert_eq!(inlay_hints(&db, file, whole), Vec::new());
    }
}

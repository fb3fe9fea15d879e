//! The code action that writes an inferred type into the code: on the lines a request
//! covers, each variable or return type that an inlay hint shows and that can be written
//! becomes "Insert annotation `: list[int]`".

use pytc_db::{Db, File, source_text};
use pytc_syntax::{TextRange, TextSize};

use crate::inlay_hints::{InlayHintKind, InlayHintOptions, inlay_hints};
use crate::suppress::{QuickFix, TextEdit};

/// The annotations that can be inserted on the lines `range` touches.
pub fn insert_annotation_actions(db: &dyn Db, file: File, range: TextRange) -> Vec<QuickFix> {
    let source: &str = source_text(db, file);
    let lines = whole_lines(source, range);
    inlay_hints(db, file, lines, InlayHintOptions::default())
        .into_iter()
        .filter_map(|hint| {
            let new_text = hint.insert?;
            let what = match hint.kind {
                InlayHintKind::ReturnType => "return type",
                InlayHintKind::VariableType | InlayHintKind::ParameterName => "annotation",
            };
            Some(QuickFix {
                title: format!("Insert {what} `{}`", new_text.trim()),
                edit: TextEdit { range: TextRange::empty(hint.offset), new_text },
            })
        })
        .collect()
}

/// From the start of the line holding `range`'s start to the end of the line holding its end.
fn whole_lines(source: &str, range: TextRange) -> TextRange {
    let start = source[..range.start().to_usize().min(source.len())].rfind('\n').map_or(0, |at| at + 1);
    let from = range.end().to_usize().min(source.len());
    let end = source[from..].find('\n').map_or(source.len(), |at| from + at);
    let offset = |value: usize| TextSize::try_from(value).unwrap_or_default();
    TextRange::new(offset(start), offset(end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::db_with_file;

    #[test]
    fn offers_the_annotations_of_the_lines_asked_about() {
        let source = "def pick(flag: bool):\n    return 1 if flag else None\nsizes = [1, 2]\nunknown = missing_name\n";
        let (db, file) = db_with_file(source);
        let at = |needle: &str| TextRange::empty(TextSize::try_from(source.find(needle).unwrap()).unwrap());
        let titles = |range| insert_annotation_actions(&db, file, range).into_iter().map(|fix| fix.title).collect::<Vec<_>>();
        assert_eq!(titles(at("pick")), ["Insert return type `-> int | None`"]);
        let sizes = insert_annotation_actions(&db, file, at("sizes"));
        assert_eq!(sizes.len(), 1);
        assert_eq!((sizes[0].title.as_str(), sizes[0].edit.new_text.as_str()), ("Insert annotation `: list[int]`", ": list[int]"));
        assert_eq!(sizes[0].edit.range.start().to_usize(), source.find("sizes").unwrap() + "sizes".len());
        // Nothing to write for a type pytc does not know, nor past the end.
        assert_eq!(titles(at("unknown")), Vec::<String>::new());
        assert_eq!(titles(TextRange::empty(TextSize::from(10_000))), Vec::<String>::new());
    }
}

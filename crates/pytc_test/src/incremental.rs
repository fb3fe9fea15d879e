//! Incremental consistency: after an edit, re-checking a database that had checked the old
//! text must report exactly what a fresh database reports for the new text.
//!
//! Every case is edited a few ways — a same-length change of the first and of the last
//! `int`/`str`/digit token (which keeps every position, so other statements keep their
//! cached results), the removal of a line in the middle (which shifts what follows and,
//! mostly, its node numbering) and an empty line inserted in the middle (which moves what
//! follows but numbers every node as before, so the statements after it keep their cached
//! results, whose positions are relative to their statement) — and finally restored. This is what guards the reuse of per-statement results across
//! edits (`pytc_semantic::UnitId`): a result kept when it should have been recomputed shows
//! up here as a difference.

use std::path::Path;

use pytc_db::testing::TestDb;
use pytc_db::{Diagnostic, Files};

use crate::markdown::{FileRole, TestCase};
use crate::run::case_database;

/// Same-length replacements tried on whole tokens.
const FLIPS: [(&str, &str); 4] = [("int", "str"), ("str", "int"), ("0", "1"), ("1", "2")];

/// The differences found, one message per edit whose incremental re-check was wrong.
pub fn check_incremental(case: &TestCase) -> Result<Vec<String>, String> {
    let Some(edited) = case.files.iter().find(|file| file.role == FileRole::Checked) else { return Ok(Vec::new()) };
    let mut db = case_database(case)?;
    let original = diagnostics(&db, case);
    let mut problems = Vec::new();
    for (edit, text) in edits(&edited.source) {
        set_source(&mut db, &edited.path, &text);
        let incremental = diagnostics(&db, case);
        let mut fresh_case = case.clone();
        for file in fresh_case.files.iter_mut().filter(|file| file.path == edited.path) {
            file.source.clone_from(&text);
        }
        let fresh = diagnostics(&case_database(&fresh_case)?, &fresh_case);
        if incremental != fresh {
            problems.push(describe(&format!("after {edit} in {}", edited.path), &incremental, &fresh));
        }
    }
    set_source(&mut db, &edited.path, &edited.source);
    let restored = diagnostics(&db, case);
    if restored != original {
        problems.push(describe(&format!("after restoring {}", edited.path), &restored, &original));
    }
    Ok(problems)
}

/// `(description, new text)` for each edit of `source`.
fn edits(source: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let tokens = flippable_tokens(source);
    let mut chosen = Vec::new();
    chosen.extend(tokens.first());
    chosen.extend(tokens.last().filter(|last| Some(*last) != tokens.first()));
    for (offset, from, to) in chosen {
        let mut text = source.to_string();
        text.replace_range(offset..offset + from.len(), to);
        found.push((format!("replacing `{from}` with `{to}` at offset {offset}"), text));
    }
    let lines: Vec<&str> = source.split_inclusive('\n').collect();
    if lines.len() > 2 {
        let middle = lines.len() / 2;
        let text: String = lines.iter().enumerate().filter(|(line, _)| *line != middle).map(|(_, text)| *text).collect();
        found.push((format!("deleting line {}", middle + 1), text));
        let moved: String = lines.iter().enumerate().flat_map(|(line, text)| [if line == middle { "\n" } else { "" }, *text]).collect();
        found.push((format!("inserting an empty line before line {}", middle + 1), moved));
    }
    found
}

/// Whole-token occurrences of the `FLIPS` sources, as `(offset, from, to)`.
fn flippable_tokens(source: &str) -> Vec<(usize, &'static str, &'static str)> {
    let bytes = source.as_bytes();
    let is_word = |offset: usize| bytes.get(offset).is_some_and(|byte| byte.is_ascii_alphanumeric() || *byte == b'_' || *byte == b'.');
    let mut found = Vec::new();
    for offset in 0..bytes.len() {
        if offset > 0 && is_word(offset - 1) {
            continue;
        }
        for (from, to) in FLIPS {
            if source[offset..].starts_with(from) && !is_word(offset + from.len()) {
                found.push((offset, from, to));
            }
        }
    }
    found
}

fn set_source(db: &mut TestDb, path: &str, text: &str) {
    db.write(path, text);
    Files::refresh(db, Path::new(path));
}

/// One diagnostic as the user sees it, comparable across databases (a `File` is an id of
/// one database).
#[derive(Debug, PartialEq, Eq)]
struct Shown {
    path: String,
    range: pytc_syntax::TextRange,
    rule: &'static str,
    message: String,
}

/// Every checked file's diagnostics, as the user sees them.
fn diagnostics(db: &TestDb, case: &TestCase) -> Vec<Shown> {
    let levels = case.config.rule_levels().expect("configurations are validated when the Markdown is read");
    let mut all = Vec::new();
    for embedded in case.files.iter().filter(|file| file.role == FileRole::Checked) {
        let file = Files::system(db, Path::new(&embedded.path));
        all.extend(pytc_checker::finalize(db, file, &levels).into_iter().map(|diagnostic: Diagnostic| Shown {
            path: embedded.path.clone(),
            range: diagnostic.range,
            rule: diagnostic.rule,
            message: diagnostic.message,
        }));
    }
    all
}

fn describe(situation: &str, got: &[Shown], expected: &[Shown]) -> String {
    let render = |list: &[Shown]| {
        list.iter()
            .map(|shown| format!("    {} {:?} [{}] {}", shown.path, shown.range, shown.rule, shown.message))
            .collect::<Vec<_>>()
            .join("\n")
    };
    format!(
        "incremental re-check {situation} differs from a fresh check\n  incremental:\n{}\n  fresh:\n{}",
        render(got),
        render(expected)
    )
}

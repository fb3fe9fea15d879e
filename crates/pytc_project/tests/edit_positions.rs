//! Incrementality within one file: an edit that moves the text after it (a line grows)
//! re-runs no query of another statement, and the diagnostics of the statements that only
//! moved come out where a fresh check puts them.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::{Arc, Mutex};

use pytc_checker::RuleLevels;
use pytc_db::{Files, TestSystem};
use pytc_project::{ProjectDatabase, check_files};

mod common;

const PATH: &str = "/project/module.py";

/// `count` blocks of a dataclass and a function using it; the middle block's default is
/// `middle_value`.
fn blocks(count: usize, middle_value: &str) -> String {
    let mut text = String::from("from dataclasses import dataclass\nimport os\n\n");
    for index in 0..count {
        let value = if index == count / 2 { middle_value } else { "0" };
        text.push_str(&format!(
            "@dataclass\nclass Record{index}:\n    name: str\n    size: int = {value}\n\n    def describe(self) -> str:\n        return f\"{{self.name}}: {{self.size}}\"\n\n\n\
             def build_{index}(names: list[str]) -> list[Record{index}]:\n    records = [Record{index}(name, len(name)) for name in names]\n    \
             total = sum(record.size for record in records)\n    if total > {index}:\n        records.append(Record{index}(os.sep, total))\n    return records\n\n\n"
        ));
    }
    text
}

/// A database that records every query it runs, with `text` at `PATH`.
fn recording_database(text: &str) -> (Arc<TestSystem>, ProjectDatabase, Arc<Mutex<Vec<String>>>) {
    let system = Arc::new(TestSystem::default());
    system.write(PATH, text);
    let (db, executed) = common::recording_database(system.clone());
    (system, db, executed)
}

/// Every diagnostic of `PATH` as (start, end, rule, message).
fn diagnostics(db: &mut ProjectDatabase) -> Vec<(u32, u32, &'static str, String)> {
    let file = Files::system(db, Path::new(PATH));
    let results = check_files(db, &[file], &RuleLevels::default(), &|_| {});
    results[0].diagnostics.iter().map(|d| (d.range.start().into(), d.range.end().into(), d.rule, d.message.clone())).collect()
}

/// How often each query ran for the edit from `before` to `after`; also checks that the
/// incremental diagnostics equal a fresh check of `after`.
fn rerun_after_edit(before: &str, after: &str) -> BTreeMap<String, usize> {
    let (system, mut db, executed) = recording_database(before);
    diagnostics(&mut db);
    executed.lock().unwrap().clear();
    system.write(PATH, after);
    Files::refresh(&mut db, Path::new(PATH));
    let incremental = diagnostics(&mut db);
    let mut counts = BTreeMap::new();
    for key in executed.lock().unwrap().iter() {
        let name = key.split('(').next().unwrap_or(key).to_string();
        *counts.entry(name).or_insert(0) += 1;
    }
    let (_, mut fresh_db, _) = recording_database(after);
    assert_eq!(incremental, diagnostics(&mut fresh_db), "after editing to:\n{after}");
    counts
}

#[test]
fn a_growing_line_rechecks_no_more_than_a_replaced_digit() {
    let replaced = rerun_after_edit(&blocks(40, "0"), &blocks(40, "1"));
    let grown = rerun_after_edit(&blocks(40, "0"), &blocks(40, "10"));
    for query in ["check_module_statement", "check_scope", "own_fields", "named_tuple_fields"] {
        assert_eq!(grown.get(query), replaced.get(query), "{query}: grow {grown:?}\nreplace {replaced:?}");
    }
    assert_eq!(replaced.get("check_module_statement"), Some(&2), "{replaced:?}");
}

/// Statements with diagnostics of every kind whose positions are kept in query results
/// (dataclass and named-tuple fields, converters, type variables), after a line above them.
const MOVED: &str = r#"from dataclasses import dataclass, field
from typing import NamedTuple, TypeVar, Generic

counter = 0

@dataclass
class Point:
    x: int = 0
    y: int

class Pair(NamedTuple):
    _first: int
    second: str = ""
    third: int

T = TypeVar("T", bound=int)

class Box(Generic[T]):
    def get(self) -> T:
        return "not a T"

def use(box: Box[str]) -> None:
    value: int = "text"

class Later[S: str]:
    item: S

@dataclass
class Conflict:
    value: int = field(default=1, default_factory=int)
"#;

#[test]
fn moved_statements_keep_their_diagnostics_where_a_fresh_check_puts_them() {
    for (from, to) in [("counter = 0", "counter = 1000"), ("counter = 0", "\n\ncounter = 0"), ("counter = 0", "counter=0")] {
        let after = MOVED.replacen(from, to, 1);
        let counts = rerun_after_edit(MOVED, &after);
        assert!(!diagnostics(&mut recording_database(&after).1).is_empty());
        // The edited statement is the only one checked again (none when it only moved).
        assert!(counts.get("check_module_statement").copied().unwrap_or(0) <= 1, "{to}: {counts:?}");
    }
}

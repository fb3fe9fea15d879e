//! A tiny in-memory database for checking snippets against the embedded typeshed.

#![allow(dead_code)]

use pytc_db::PythonPlatform;
use pytc_syntax::PythonVersion;

pub use pytc_db::testing::TestDb;

/// The shared in-memory database with these tests' target: Python 3.12 on Linux.
pub fn test_db() -> TestDb {
    TestDb::new(PythonVersion::PY312, PythonPlatform::Named("linux".into()))
}

/// Check `source` as `/src/test.py` and render each diagnostic as
/// `line:col severity[rule] message`.
pub fn check(source: &str) -> Vec<String> {
    let db = test_db();
    let file = db.file("/src/test.py", source);
    let index = pytc_db::line_index(&db, file);
    let text = pytc_db::source_text(&db, file);
    pytc_types::check_types(&db, file)
        .iter()
        .map(|diagnostic| {
            let location = index.line_column(diagnostic.range.start(), text);
            format!("{}:{} {}[{}] {}", location.line, location.column, diagnostic.severity.as_str(), diagnostic.rule, diagnostic.message)
        })
        .collect()
}

/// The revealed types of every `reveal_type(...)` in `source`, in order.
pub fn revealed(source: &str) -> Vec<String> {
    check(source)
        .into_iter()
        .filter(|line| line.contains("[revealed-type]"))
        .map(|line| {
            let start = line.find('`').map_or(0, |i| i + 1);
            let end = line.rfind('`').unwrap_or(line.len());
            line[start..end].to_string()
        })
        .collect()
}

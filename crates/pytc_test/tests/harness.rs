//! Self-tests of the harness end to end: real Markdown, the real checker, and the reports a
//! developer sees when a case fails.

use pytc_test::run_markdown;

fn run(markdown: &str) -> pytc_test::MarkdownOutcome {
    run_markdown("self.md", "self", markdown, None)
}

#[test]
fn a_case_whose_assertions_hold_passes() {
    let outcome = run("# Bad parameters\n\n```py\n# error: 7 [invalid-syntax]  # error: 8 [invalid-syntax] \"Expected `)`\"\ndef f(:\n    pass\nx = (  # error: [invalid-syntax] \"unexpected EOF\"\n```\n");
    assert_eq!(outcome.failures, Vec::<String>::new());
    assert_eq!(outcome.cases_run, 1);
}

#[test]
fn a_missing_diagnostic_fails_with_the_expected_line() {
    let outcome = run("# Nothing wrong\n\n```py\nx = 1  # error: [invalid-syntax]\n```\n");
    let [report] = outcome.failures.as_slice() else { panic!("{:?}", outcome.failures) };
    assert!(report.contains("case `self - Nothing wrong` (self.md:1) failed"), "{report}");
    assert!(report.contains("/src/test.py:1 (self.md:4)  | x = 1  # error: [invalid-syntax]"), "{report}");
    assert!(report.contains("- expected  error: [invalid-syntax]"), "{report}");
    assert!(!report.contains("+ found"), "{report}");
    assert!(report.contains("MDTEST_FILTER='self - Nothing wrong'"), "{report}");
}

#[test]
fn an_unexpected_diagnostic_fails_with_what_was_found() {
    let outcome = run("# Syntax error\n\n```py\nx = 1\ndef f(:\n    pass\n```\n");
    let [report] = outcome.failures.as_slice() else { panic!("{:?}", outcome.failures) };
    assert!(report.contains("/src/test.py:2 (self.md:5)"), "{report}");
    assert!(report.contains("+ found     error: 7 [invalid-syntax]"), "{report}");
}

#[test]
fn a_wrong_rule_or_column_fails_and_shows_both_sides() {
    let outcome = run("# Wrong details\n\n```py\ndef f(:  # error: 3 [invalid-syntax]\n    pass\n```\n");
    let [report] = outcome.failures.as_slice() else { panic!("{:?}", outcome.failures) };
    assert!(report.contains("- expected  error: 3 [invalid-syntax]"), "{report}");
    assert!(report.contains("+ found     error: 7 [invalid-syntax]"), "{report}");
}

#[test]
fn assertions_in_every_file_of_a_case_are_checked() {
    let markdown = "# Two files\n\n`pkg/a.py`:\n\n```py\nx = (  # error: [invalid-syntax]\n```\n\n`pkg/b.py`:\n\n```py\ny = 1  # error: [invalid-syntax]\n```\n";
    let [report] = run(markdown).failures.try_into().unwrap_or_else(|failures: Vec<String>| panic!("{failures:?}"));
    assert!(report.contains("/src/pkg/b.py:1 (self.md:12)"), "{report}");
    assert!(!report.contains("/src/pkg/a.py"), "{report}");
}

#[test]
fn the_configured_python_version_is_used() {
    let case = |version: &str| {
        format!("# Case\n\n```toml\n[environment]\npython-version = \"{version}\"\n```\n\n```py\ntype X = int  # error: [invalid-syntax] \"3.11\"\n```\n")
    };
    assert_eq!(run(&case("3.11")).failures, Vec::<String>::new());
    assert_eq!(run(&case("3.12")).failures.len(), 1);
}

#[test]
fn malformed_assertions_and_markdown_fail() {
    let bad_assertion = run("# Case\n\n```py\nx = 1  # error: [invalid-syntax\n```\n");
    assert!(bad_assertion.failures[0].contains("malformed assertion: unclosed `[`"), "{:?}", bad_assertion.failures);
    let bad_markdown = run("# Case\n\n```py\nx = 1\n");
    assert!(bad_markdown.failures[0].starts_with("self.md:line 3: code block is never closed"), "{:?}", bad_markdown.failures);
}

#[test]
fn the_filter_selects_cases_by_name() {
    let markdown = "# First\n\n```py\nx = 1\n```\n\n# Second\n\n```py\ny = (\n```\n";
    let only_first = run_markdown("self.md", "self", markdown, Some("First"));
    assert_eq!((only_first.cases_run, only_first.failures.len()), (1, 0));
    let all = run_markdown("self.md", "self", markdown, None);
    assert_eq!((all.cases_run, all.failures.len()), (2, 1));
}

#[test]
fn todo_comments_are_counted_as_known_gaps() {
    let outcome = run("# Gap\n\n```py\nx = 1  # TODO: some day this should be an error\n```\n");
    assert_eq!((outcome.todos, outcome.failures.len()), (1, 0));
}

#[test]
fn an_unusable_environment_fails_the_case() {
    let outcome = run("# Case\n\n```toml\n[environment]\npython = \"/no/such/venv\"\n```\n\n```py\nx = 1\n```\n");
    let [report] = outcome.failures.as_slice() else { panic!("{:?}", outcome.failures) };
    assert!(report.contains("failed: the case's environment is not usable: --python /no/such/venv"), "{report}");
}

//! The rule registry as `pytc rules` shows it: every rule declared anywhere in pytc is listed
//! with a kebab-case name, a level and a summary, and documents itself with an example.

use std::process::Command;

fn pytc(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_pytc")).args(args).output().unwrap();
    assert!(output.status.success(), "pytc {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8(output.stdout).unwrap()
}

fn is_kebab_case(name: &str) -> bool {
    !name.is_empty()
        && name.split('-').all(|word| !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit()))
}

#[test]
fn every_rule_is_listed_and_documented_with_an_example() {
    let full_listing = pytc(&["rules"]);
    // The checker's rules come first; the API-change rules of `pytc api diff` follow a blank line.
    let (listing, api_listing) = full_listing.split_once("\n\n").unwrap_or((&full_listing, ""));
    let listing = format!("{listing}\n");
    check_api_rules(api_listing);
    let rules: Vec<(&str, &str, &str)> = listing
        .lines()
        .map(|line| {
            let (name, rest) = line.split_once(' ').unwrap_or((line, ""));
            let (level, summary) = rest.trim_start().split_once(' ').unwrap_or((rest.trim_start(), ""));
            (name, level, summary.trim())
        })
        .collect();
    // Rules from every layer: syntax, imports, types, suppressions, the project runner.
    for expected in ["invalid-syntax", "unresolved-import", "invalid-assignment", "unused-ignore-comment", "internal-error"] {
        assert!(rules.iter().any(|(name, _, _)| *name == expected), "`{expected}` missing from:\n{listing}");
    }
    let mut names: Vec<&str> = rules.iter().map(|(name, _, _)| *name).collect();
    assert!(names.is_sorted(), "not sorted by name:\n{listing}");
    names.dedup();
    assert_eq!(names.len(), rules.len(), "a rule is listed twice:\n{listing}");

    let mut problems = Vec::new();
    for (name, level, summary) in &rules {
        if !is_kebab_case(name) {
            problems.push(format!("{name}: not a kebab-case name"));
        }
        if !["error", "warn", "info", "ignore"].contains(level) {
            problems.push(format!("{name}: unknown default level `{level}`"));
        }
        if summary.is_empty() {
            problems.push(format!("{name}: no summary"));
        }
        let docs = pytc(&["rules", name]);
        if !docs.starts_with(&format!("{name}\ndefault level: {level}\n{summary}\n\n")) {
            problems.push(format!("{name}: documentation does not start with its name, level and summary"));
        }
        if !docs.contains("```") {
            problems.push(format!("{name}: documentation has no example"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The API-change rules `pytc rules` lists after the checker's: each kebab-case, with a
/// version bump and a summary, documented with an example by `pytc rules NAME`.
fn check_api_rules(listing: &str) {
    let mut lines = listing.lines();
    assert_eq!(lines.next(), Some("API-change rules of `pytc api diff` (name, version bump, summary):"), "{listing}");
    let mut problems = Vec::new();
    let mut count = 0;
    for line in lines {
        count += 1;
        let mut words = line.split_whitespace();
        let (Some(name), Some(bump)) = (words.next(), words.next()) else {
            problems.push(format!("`{line}`: no name and bump"));
            continue;
        };
        if !is_kebab_case(name) || !["major", "minor", "none", "undecided"].contains(&bump) || words.next().is_none() {
            problems.push(format!("`{line}`: not `name bump summary`"));
        }
        let docs = pytc(&["rules", name]);
        if !docs.starts_with(&format!("# {name}\n\nVersion bump: {bump}\n")) || !docs.contains("\nExample:\nold: ") {
            problems.push(format!("{name}: documentation does not give its bump and an example"));
        }
    }
    assert!(count > 30, "{listing}");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

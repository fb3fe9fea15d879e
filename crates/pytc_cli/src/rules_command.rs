//! `pytc rules`: the list of rules, or one rule's documentation.

use std::io::{self, Write};

use pytc_db::{Rule, all_rules, find_rule};
use pytc_checker::UnknownRule;

/// Print every rule: name, default level and summary, one per line.
pub fn list(out: &mut dyn Write) -> io::Result<()> {
    let rules = all_rules();
    let width = rules.iter().map(|rule| rule.name.len()).max().unwrap_or(0);
    for rule in rules {
        writeln!(out, "{:width$}  {:6}  {}", rule.name, rule.default_level.as_str(), rule.summary)?;
    }
    Ok(())
}

/// Print the documentation of the rule called `name`.
pub fn explain(out: &mut dyn Write, name: &str) -> Result<io::Result<()>, UnknownRule> {
    let rule = find_rule(name).ok_or_else(|| UnknownRule::new(name))?;
    Ok(write_docs(out, rule))
}

fn write_docs(out: &mut dyn Write, rule: &Rule) -> io::Result<()> {
    writeln!(out, "{}", rule.name)?;
    writeln!(out, "default level: {}", rule.default_level.as_str())?;
    writeln!(out, "{}\n", rule.summary)?;
    let docs = rule_docs(rule);
    if !docs.is_empty() {
        writeln!(out, "{docs}")?;
    }
    Ok(())
}

/// A rule's documentation as written, without the space doc comments keep after `///`.
pub fn rule_docs(rule: &Rule) -> String {
    let lines: Vec<&str> = rule.docs.trim_end().lines().map(|line| line.strip_prefix(' ').unwrap_or(line)).collect();
    lines.join("\n")
}

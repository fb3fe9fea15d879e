//! How `pytc api check` and `pytc api diff` print their findings: `concise` (one line
//! each), `full` (with the line of code and, for a change, the other version's location,
//! both types and calling code that breaks), `json`, `github` (workflow-command annotations)
//! and `markdown` (a report for a pull-request comment).

use pytc_api::{ApiChange, Bump, Completeness, SourceLocation};
use pytc_db::Level;

use crate::args::ApiOutputFormat;

/// The changes of `pytc api diff`, breaking ones first; `levels` is each one's level.
pub fn changes(changes: &[ApiChange], levels: &[Level], format: ApiOutputFormat) -> String {
    match format {
        ApiOutputFormat::Json => to_json(&changes),
        ApiOutputFormat::Github => changes.iter().zip(levels).map(|(change, level)| github_change(change, *level)).collect(),
        ApiOutputFormat::Concise => changes.iter().map(change_line).chain([change_summary(changes)]).collect(),
        ApiOutputFormat::Full => changes.iter().map(change_frame).chain([change_summary(changes)]).collect(),
        ApiOutputFormat::Markdown => changes_markdown(changes),
    }
}

/// The findings and score of `pytc api check`; `levels` is each finding's level.
pub fn completeness(report: &Completeness, levels: &[Level], format: ApiOutputFormat) -> String {
    match format {
        ApiOutputFormat::Json => to_json(report),
        ApiOutputFormat::Github => report
            .findings
            .iter()
            .zip(levels)
            .map(|(finding, level)| {
                let title = format!("pytc api: {}", finding.kind.name());
                github_command(annotation(*level), Some(&finding.location), &title, &finding.message)
            })
            .collect(),
        ApiOutputFormat::Concise | ApiOutputFormat::Full => {
            let mut out = String::new();
            for finding in &report.findings {
                let l = &finding.location;
                out.push_str(&format!("{}:{}:{}: {} {}\n", l.path, l.line, l.column, finding.kind.name(), finding.message));
                if format == ApiOutputFormat::Full {
                    out.push_str(&code_frame(l));
                }
            }
            for module in &report.modules {
                out.push_str(&format!("module {}: {} of {} symbols fully known\n", module.module, module.known, module.symbols));
            }
            out.push_str(&score_line(report));
            out
        }
        ApiOutputFormat::Markdown => completeness_markdown(report),
    }
}

pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string_pretty(value).map_or_else(|error| format!("{{\"error\": \"{error}\"}}\n"), |json| json + "\n")
}

fn score_line(report: &Completeness) -> String {
    format!("Completeness: {:.1}% ({} of {} public symbols fully known)\n", report.score, report.known, report.symbols)
}

/// The bump the release needs, from the decided changes.
fn needed_bump(changes: &[ApiChange]) -> String {
    let needed = changes.iter().map(|change| change.bump).filter(|bump| *bump != Bump::Undecided).max().unwrap_or(Bump::None);
    if needed == Bump::None { "no version bump".to_string() } else { format!("a {} version bump", needed.name()) }
}

fn change_summary(changes: &[ApiChange]) -> String {
    let breaking = changes.iter().filter(|change| change.bump == Bump::Major).count();
    let undecided = changes.iter().filter(|change| change.bump == Bump::Undecided).count();
    format!("{} changes, {breaking} breaking, {undecided} undecided; the release needs {}\n", changes.len(), needed_bump(changes))
}

/// Where a change is shown: the new location, else (a removal) the old one.
fn shown_location(change: &ApiChange) -> Option<&SourceLocation> {
    change.new_location.as_ref().or(change.old_location.as_ref())
}

/// `path:line:col: bump[rule] message`.
fn change_line(change: &ApiChange) -> String {
    let place = shown_location(change).map(|l| format!("{}:{}:{}: ", l.path, l.line, l.column)).unwrap_or_default();
    format!("{place}{}[{}] {}\n", change.bump.name(), change.rule, change.message)
}

/// The concise line, the code it points at, the other version's location and both types.
fn change_frame(change: &ApiChange) -> String {
    let mut out = change_line(change);
    let mut pad = String::new();
    if let Some(location) = shown_location(change) {
        out.push_str(&code_frame(location));
        pad = " ".repeat(location.line.to_string().len());
    }
    if let (Some(old), Some(_)) = (&change.old_location, &change.new_location) {
        out.push_str(&format!("{pad} = old version: {}:{}:{}\n", old.path, old.line, old.column));
    }
    if let (Some(old), Some(new)) = (&change.old_type, &change.new_type) {
        out.push_str(&format!("{pad} = old type: {old}\n{pad} = new type: {new}\n"));
    }
    if let Some(example) = &change.example {
        out.push_str(&format!("{pad} = this code type-checks against the old version:\n"));
        for line in example.code.lines() {
            out.push_str(&format!("{pad} |   {line}\n").replace(" |   \n", " |\n"));
        }
        out.push_str(&format!("{pad} = against the new version: {}\n", example.new_error));
    }
    out.push('\n');
    out
}

/// The line at `location` with a caret under its column.
fn code_frame(location: &SourceLocation) -> String {
    let number = location.line.to_string();
    let pad = " ".repeat(number.len());
    let caret = " ".repeat(location.column.saturating_sub(1));
    format!("{pad} |\n{number} | {}\n{pad} | {caret}^\n", location.line_text.trim_end())
}

/// The workflow command of a finding at `level`.
fn annotation(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warn => "warning",
        Level::Info | Level::Ignore => "notice",
    }
}

/// A GitHub Actions annotation on the new location (the old one for a removal), by level:
/// by default an error for a breaking change, a warning for an undecided one, a notice
/// otherwise.
fn github_change(change: &ApiChange, level: Level) -> String {
    let title = format!("pytc api: {} ({} bump)", change.rule, change.bump.name());
    let message = match &change.example {
        Some(example) => format!(
            "{}\n\nThis code type-checks against the old version:\n\n{}\nAgainst the new version: {}",
            change.message, example.code, example.new_error
        ),
        None => change.message.clone(),
    };
    github_command(annotation(level), shown_location(change), &title, &message)
}

fn github_command(command: &str, location: Option<&SourceLocation>, title: &str, message: &str) -> String {
    let place = location
        .map(|l| format!(" file={},line={},col={},", escape_property(&l.path), l.line, l.column))
        .unwrap_or_else(|| " ".to_string());
    format!("::{command}{place}title={}::{}\n", escape_property(title), escape_data(message))
}

/// Workflow-command escaping of a message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Workflow-command escaping of a property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// A Markdown table cell: pipes escaped, one line.
fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn changes_markdown(changes: &[ApiChange]) -> String {
    let breaking = changes.iter().filter(|change| change.bump == Bump::Major).count();
    let undecided = changes.iter().filter(|change| change.bump == Bump::Undecided).count();
    let mut out = format!("### pytc api diff: the release needs {}\n\n", needed_bump(changes));
    out.push_str(&format!("{} changes to the public API, {breaking} breaking, {undecided} that pytc cannot decide.\n", changes.len()));
    if changes.is_empty() {
        return out;
    }
    out.push_str("\n| bump | rule | symbol | change | where |\n|---|---|---|---|---|\n");
    for change in changes {
        let symbol = if change.symbol.is_empty() { change.module.clone() } else { format!("{}.{}", change.module, change.symbol) };
        let place = shown_location(change).map(|l| format!("`{}:{}`", l.path, l.line)).unwrap_or_default();
        out.push_str(&format!("| {} | `{}` | `{}` | {} | {} |\n", change.bump.name(), change.rule, cell(&symbol), cell(&change.message), cell(&place)));
    }
    let examples: Vec<&ApiChange> = changes.iter().filter(|change| change.example.is_some()).collect();
    if !examples.is_empty() {
        out.push_str(&format!("\n<details><summary>{} breaking changes shown in code</summary>\n", examples.len()));
        for change in examples {
            let Some(example) = &change.example else { continue };
            let symbol = if change.symbol.is_empty() { change.module.clone() } else { format!("{}.{}", change.module, change.symbol) };
            out.push_str(&format!(
                "\n`{}` (`{}`): this code type-checks against the old version\n\n```python\n{}```\n\nagainst the new version: {}\n",
                symbol, change.rule, example.code, example.new_error
            ));
        }
        out.push_str("\n</details>\n");
    }
    out
}

fn completeness_markdown(report: &Completeness) -> String {
    let mut out = format!(
        "### pytc api check: {:.1}% of the public API fully typed\n\n{} of {} public symbols fully known, {} findings.\n",
        report.score,
        report.known,
        report.symbols,
        report.findings.len()
    );
    out.push_str("\n| module | fully known | symbols |\n|---|---|---|\n");
    for module in &report.modules {
        out.push_str(&format!("| `{}` | {} | {} |\n", cell(&module.module), module.known, module.symbols));
    }
    if !report.findings.is_empty() {
        out.push_str(&format!("\n<details><summary>{} findings</summary>\n\n| finding | symbol | message | where |\n|---|---|---|---|\n", report.findings.len()));
        for finding in &report.findings {
            let l = &finding.location;
            let symbol = format!("{}.{}", finding.module, finding.symbol);
            out.push_str(&format!("| `{}` | `{}` | {} | `{}:{}` |\n", finding.kind.name(), cell(&symbol), cell(&finding.message), cell(&l.path), l.line));
        }
        out.push_str("\n</details>\n");
    }
    out
}

//! `pytc api`: list a package's public API, score how completely it is typed, and review
//! the changes between two versions. Text for people, `--output-format json` for tools.
//! Exit status: 0 nothing failing, 1 findings that fail (a score under `--fail-under`, or a
//! change that needs a major version), 2 a package that cannot be read or a bad argument.

use std::io::Write;
use std::path::{Path, PathBuf};

use pytc_api::{ApiChange, ApiPackage, Bump, DiffRule, completeness, diff, export_revision, list_symbols};
use pytc_project::Overrides;

use crate::args::{ApiCommand, ApiOptions, ApiOutputFormat};
use crate::exit_status::ExitStatus;

pub fn run(command: &ApiCommand) -> ExitStatus {
    let result = match command {
        ApiCommand::List(args) => list(&args.path, &args.options),
        ApiCommand::Check { package, fail_under } => check(&package.path, &package.options, *fail_under),
        ApiCommand::Diff { paths, base, options } => review(paths, base.as_deref(), options),
        ApiCommand::Rules { name } => rules(name.as_deref()),
    };
    result.unwrap_or_else(|error| {
        eprintln!("error: {error}");
        ExitStatus::UsageError
    })
}

fn load(path: &Path, options: &ApiOptions) -> Result<ApiPackage, String> {
    let overrides = Overrides { python_version: options.python_version, python: options.python.clone(), ..Overrides::default() };
    ApiPackage::load(path, &overrides).map_err(|error| error.to_string())
}

fn current_dir() -> Result<std::path::PathBuf, String> {
    std::env::current_dir().map_err(|error| format!("cannot read the current directory: {error}"))
}

/// Writes to stdout; a closed pipe (`| head`) is not an error of the command.
fn emit(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).map_or_else(|error| format!("{{\"error\": \"{error}\"}}\n"), |json| json + "\n")
}

fn list(path: &Path, options: &ApiOptions) -> Result<ExitStatus, String> {
    let package = load(path, options)?;
    let symbols = list_symbols(&package, &current_dir()?);
    let text = match options.output_format {
        ApiOutputFormat::Json => to_json(&symbols),
        // A listing has nothing to annotate.
        ApiOutputFormat::Text | ApiOutputFormat::Github => {
            let mut out = String::new();
            let mut module = None;
            for symbol in &symbols {
                if module != Some(&symbol.module) {
                    out.push_str(&format!("module {}\n", symbol.module));
                    module = Some(&symbol.module);
                }
                let depth = symbol.name.matches('.').count() + 1;
                for line in &symbol.declaration {
                    let location = &symbol.location;
                    out.push_str(&format!("{:indent$}{line}  [{}:{}]\n", "", location.path, location.line, indent = depth * 2));
                }
            }
            out
        }
    };
    emit(&text);
    Ok(ExitStatus::Success)
}

fn check(path: &Path, options: &ApiOptions, fail_under: Option<f64>) -> Result<ExitStatus, String> {
    if let Some(threshold) = fail_under
        && !(0.0..=100.0).contains(&threshold)
    {
        return Err(format!("--fail-under must be a percentage from 0 to 100, not {threshold}"));
    }
    let package = load(path, options)?;
    let report = completeness(&package, &current_dir()?);
    let text = match options.output_format {
        ApiOutputFormat::Json => to_json(&report),
        ApiOutputFormat::Github => report
            .findings
            .iter()
            .map(|finding| {
                let l = &finding.location;
                let title = escape_property(&format!("pytc api: {}", finding.kind.name()));
                format!("::warning file={},line={},col={},title={title}::{}\n", escape_property(&l.path), l.line, l.column, escape_data(&finding.message))
            })
            .collect(),
        ApiOutputFormat::Text => {
            let mut out = String::new();
            for finding in &report.findings {
                let location = &finding.location;
                out.push_str(&format!("{}:{}:{}: {} {}\n", location.path, location.line, location.column, finding.kind.name(), finding.message));
            }
            for module in &report.modules {
                out.push_str(&format!("module {}: {} of {} symbols fully known\n", module.module, module.known, module.symbols));
            }
            out.push_str(&format!("Completeness: {:.1}% ({} of {} public symbols fully known)\n", report.score, report.known, report.symbols));
            out
        }
    };
    emit(&text);
    let failed = fail_under.is_some_and(|threshold| report.score < threshold);
    if failed && options.output_format == ApiOutputFormat::Text {
        eprintln!("error: completeness {:.1}% is below --fail-under {}", report.score, fail_under.unwrap_or_default());
    }
    Ok(if failed { ExitStatus::ErrorsFound } else { ExitStatus::Success })
}

fn review(paths: &[PathBuf], base: Option<&str>, options: &ApiOptions) -> Result<ExitStatus, String> {
    let (old_path, new_path, _checkout) = match (base, paths) {
        (Some(revision), [new]) => {
            let checkout = export_revision(new, revision)?;
            (checkout.path.clone(), new.clone(), Some(checkout))
        }
        (Some(_), _) => return Err("with --base, give only the new version's path".to_string()),
        (None, [old, new]) => (old.clone(), new.clone(), None),
        (None, _) => return Err("give the old and the new version's paths, or --base REV and one path".to_string()),
    };
    let mut old_package = load(&old_path, options).map_err(|error| format!("old version: {error}"))?;
    if base.is_some() {
        old_package.show_paths_as(&old_path, &new_path);
    }
    let new_package = load(&new_path, options).map_err(|error| format!("new version: {error}"))?;
    let changes = diff(&old_package, &new_package, &current_dir()?);
    let breaking = changes.iter().filter(|change| change.bump == Bump::Major).count();
    let text = match options.output_format {
        ApiOutputFormat::Json => to_json(&changes),
        ApiOutputFormat::Github => changes.iter().map(github_annotation).collect(),
        ApiOutputFormat::Text => {
            let mut out: String = changes.iter().map(change_line).collect();
            let needed = changes.iter().map(|change| change.bump).filter(|bump| *bump != Bump::Undecided).max().unwrap_or(Bump::None);
            let undecided = changes.iter().filter(|change| change.bump == Bump::Undecided).count();
            let bump = if needed == Bump::None { "no version bump".to_string() } else { format!("a {} version bump", needed.name()) };
            out.push_str(&format!("{} changes, {breaking} breaking, {undecided} undecided; the release needs {bump}\n", changes.len()));
            out
        }
    };
    emit(&text);
    Ok(if breaking > 0 { ExitStatus::ErrorsFound } else { ExitStatus::Success })
}

/// A GitHub Actions annotation on the new location (the old one for a removal): an error for
/// a breaking change, a warning for an undecided one, a notice otherwise.
fn github_annotation(change: &ApiChange) -> String {
    let command = match change.bump {
        Bump::Major => "error",
        Bump::Undecided => "warning",
        Bump::Minor | Bump::None => "notice",
    };
    let location = change.new_location.as_ref().or(change.old_location.as_ref());
    let place = location.map(|l| format!(" file={},line={},col={},", escape_property(&l.path), l.line, l.column)).unwrap_or_else(|| " ".to_string());
    let title = escape_property(&format!("pytc api: {} ({} bump)", change.rule, change.bump.name()));
    format!("::{command}{place}title={title}::{}\n", escape_data(&change.message))
}

/// Workflow-command escaping of a message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// Workflow-command escaping of a property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// `path:line:col: [bump] rule message` at the new location, else the old one.
fn change_line(change: &ApiChange) -> String {
    let location = change.new_location.as_ref().or(change.old_location.as_ref());
    let place = location.map(|l| format!("{}:{}:{}: ", l.path, l.line, l.column)).unwrap_or_default();
    format!("{place}{}[{}] {}\n", change.bump.name(), change.rule, change.message)
}

fn rules(name: Option<&str>) -> Result<ExitStatus, String> {
    match name {
        None => emit(&rule_list()),
        Some(name) => {
            let rule = DiffRule::find(name).ok_or_else(|| format!("unknown API rule `{name}` (`pytc api rules` lists them)"))?;
            emit(&rule_docs(rule));
        }
    }
    Ok(ExitStatus::Success)
}

/// One line per API-change rule: name, version bump, summary.
pub fn rule_list() -> String {
    DiffRule::ALL.iter().map(|rule| format!("{:<32} {:<9} {}\n", rule.name(), rule.bump().name(), rule.summary())).collect()
}

/// The documentation of one API-change rule.
pub fn rule_docs(rule: DiffRule) -> String {
    format!("# {}\n\nVersion bump: {}\n\n{}\n\nExample:\n{}\n", rule.name(), rule.bump().name(), rule.summary(), rule.example())
}

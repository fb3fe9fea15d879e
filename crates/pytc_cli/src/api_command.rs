//! `pytc api`: list a package's public API, score how completely it is typed, and review
//! the changes between two versions. Text for people, `--output-format json` for tools.
//! Exit status: 0 nothing failing, 1 findings that fail (a score under `--fail-under`, or a
//! change that needs a major version), 2 a package that cannot be read or a bad argument.

use std::io::Write;
use std::path::Path;

use pytc_api::{ApiChange, ApiPackage, Bump, DiffRule, completeness, diff, list_symbols};
use pytc_project::Overrides;

use crate::args::{ApiCommand, ApiOptions, ApiOutputFormat};
use crate::exit_status::ExitStatus;

pub fn run(command: &ApiCommand) -> ExitStatus {
    let result = match command {
        ApiCommand::List(args) => list(&args.path, &args.options),
        ApiCommand::Check { package, fail_under } => check(&package.path, &package.options, *fail_under),
        ApiCommand::Diff { old, new, options } => review(old, new, options),
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
        ApiOutputFormat::Text => {
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

fn review(old: &Path, new: &Path, options: &ApiOptions) -> Result<ExitStatus, String> {
    let old_package = load(old, options).map_err(|error| format!("old version: {error}"))?;
    let new_package = load(new, options).map_err(|error| format!("new version: {error}"))?;
    let changes = diff(&old_package, &new_package, &current_dir()?);
    let breaking = changes.iter().filter(|change| change.bump == Bump::Major).count();
    let text = match options.output_format {
        ApiOutputFormat::Json => to_json(&changes),
        ApiOutputFormat::Text => {
            let mut out: String = changes.iter().map(change_line).collect();
            let needed = changes.iter().map(|change| change.bump).filter(|bump| *bump != Bump::Undecided).max().unwrap_or(Bump::None);
            let undecided = changes.iter().filter(|change| change.bump == Bump::Undecided).count();
            out.push_str(&format!(
                "{} changes, {breaking} breaking, {undecided} undecided; the release needs a {} version bump\n",
                changes.len(),
                needed.name()
            ));
            out
        }
    };
    emit(&text);
    Ok(if breaking > 0 { ExitStatus::ErrorsFound } else { ExitStatus::Success })
}

/// `path:line:col: [bump] rule message` at the new location, else the old one.
fn change_line(change: &ApiChange) -> String {
    let location = change.new_location.as_ref().or(change.old_location.as_ref());
    let place = location.map(|l| format!("{}:{}:{}: ", l.path, l.line, l.column)).unwrap_or_default();
    format!("{place}{}[{}] {}\n", change.bump.name(), change.rule, change.message)
}

fn rules(name: Option<&str>) -> Result<ExitStatus, String> {
    match name {
        None => {
            let text: String = DiffRule::ALL
                .iter()
                .map(|rule| format!("{:<26} {:<9} {}\n", rule.name(), rule.bump().name(), rule.summary()))
                .collect();
            emit(&text);
        }
        Some(name) => {
            let rule = DiffRule::find(name).ok_or_else(|| format!("unknown API rule `{name}` (`pytc api rules` lists them)"))?;
            emit(&format!("# {}\n\nVersion bump: {}\n\n{}\n\nExample:\n{}\n", rule.name(), rule.bump().name(), rule.summary(), rule.example()));
        }
    }
    Ok(ExitStatus::Success)
}

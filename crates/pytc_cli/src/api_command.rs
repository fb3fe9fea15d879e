//! `pytc api`: list a package's public API, score how completely it is typed, and review
//! the changes between two versions (printed by `api_output`).
//! Exit status: 0 nothing failing, 1 findings that fail (a score under `--fail-under`, or a
//! change that needs a major version), 2 a package that cannot be read or a bad argument,
//! 101 a crash of pytc.

use std::io::Write;
use std::path::{Path, PathBuf};

use pytc_api::{ApiPackage, DiffRule, Omitted, attach_examples, completeness, diff, export_revision, list_symbols};
use pytc_db::Level;
use pytc_project::{Baseline, Overrides};

use crate::api_baseline;
use crate::api_output;
use crate::api_settings::ApiSettings;
use crate::args::{ApiBaselineArgs, ApiCommand, ApiOptions, ApiOutputFormat};
use crate::baseline::print_report;
use crate::exit_status::ExitStatus;

/// Each command runs on a thread with a large stack (deep re-export chains and nested types
/// recurse), as `pytc check` does; a panic is a bug in pytc: exit 101, never a hang.
const API_THREAD_STACK_BYTES: usize = 256 * 1024 * 1024;

pub fn run(command: &ApiCommand) -> ExitStatus {
    let outcome = std::thread::scope(|scope| {
        let worker = std::thread::Builder::new().name("pytc-api".to_string()).stack_size(API_THREAD_STACK_BYTES).spawn_scoped(scope, || {
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_command(command)))
        });
        match worker {
            Ok(handle) => handle.join().unwrap_or_else(Err),
            // The system refused a thread: run on this one rather than not at all.
            Err(_) => std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run_command(command))),
        }
    });
    match outcome {
        Ok(Ok(status)) => status,
        Ok(Err(error)) => {
            eprintln!("error: {error}");
            ExitStatus::UsageError
        }
        Err(_) => {
            eprintln!("error: pytc crashed (a bug in pytc; please report it with the command and the package)");
            ExitStatus::InternalError
        }
    }
}

fn run_command(command: &ApiCommand) -> Result<ExitStatus, String> {
    match command {
        ApiCommand::List(args) => list(&args.path, &args.options),
        ApiCommand::Check { package, fail_under, baseline } => check(&package.path, &package.options, *fail_under, baseline),
        ApiCommand::Diff { paths, base, options, baseline } => review(paths, base.as_deref(), options, baseline),
        ApiCommand::Rules { name } => rules(name.as_deref()),
    }
}

/// Loads a package; each module that does not parse is named on stderr (its API is what
/// parses, so the findings may be incomplete).
fn load(path: &Path, options: &ApiOptions) -> Result<ApiPackage, String> {
    let overrides = Overrides { python_version: options.python_version, python: options.python.clone(), ..Overrides::default() };
    let package = ApiPackage::load(path, &overrides).map_err(|error| error.to_string())?;
    for (location, message) in package.syntax_errors(&current_dir()?) {
        eprintln!("warning: {}:{}:{}: {message} (the module's API is read from what parses)", location.path, location.line, location.column);
    }
    Ok(package)
}

fn current_dir() -> Result<std::path::PathBuf, String> {
    std::env::current_dir().map_err(|error| format!("cannot read the current directory: {error}"))
}

/// Writes to stdout; a closed pipe (`| head`) is not an error of the command.
fn emit(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn list(path: &Path, options: &ApiOptions) -> Result<ExitStatus, String> {
    let package = load(path, options)?;
    let symbols = list_symbols(&package, &current_dir()?);
    let text = match options.output_format {
        ApiOutputFormat::Json => api_output::to_json(&symbols),
        // A listing has nothing to annotate or frame.
        ApiOutputFormat::Concise | ApiOutputFormat::Full | ApiOutputFormat::Github | ApiOutputFormat::Markdown => {
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

fn check(path: &Path, options: &ApiOptions, fail_under: Option<f64>, baseline_args: &ApiBaselineArgs) -> Result<ExitStatus, String> {
    let cwd = current_dir()?;
    let settings = ApiSettings::discover(&cwd)?;
    let fail_under = fail_under.or(settings.config.fail_under);
    if let Some(threshold) = fail_under
        && !(0.0..=100.0).contains(&threshold)
    {
        return Err(format!("--fail-under must be a percentage from 0 to 100, not {threshold}"));
    }
    let package = load(path, options)?;
    let baseline = read_baseline(&settings, baseline_args, &cwd)?;
    let with_baseline = baseline.is_some();
    let omitted = Omitted {
        symbol: &|symbol| settings.config.ignores(symbol),
        kind: &|kind| settings.finding_level(kind, with_baseline) == Level::Ignore,
    };
    let mut report = completeness(&package, &cwd, &omitted);
    if let Some(path) = &baseline_args.write_baseline {
        let written = api_baseline::write(path, &cwd, &report.findings)?;
        eprintln!("{} findings recorded in baseline `{}`", written.len(), path.display());
        return Ok(ExitStatus::Success);
    }
    if let Some((baseline, shown)) = &baseline {
        let applied = api_baseline::apply(baseline, &cwd, &mut report.findings, &package.module_paths(&cwd));
        let _ = print_report(&mut std::io::stderr().lock(), baseline, &applied, shown, "finding");
    }
    let levels: Vec<Level> = report.findings.iter().map(|finding| settings.finding_level(finding.kind, with_baseline)).collect();
    emit(&api_output::completeness(&report, &levels, options.output_format));
    let below = fail_under.filter(|threshold| report.score < *threshold);
    if let Some(threshold) = below {
        eprintln!("error: completeness {:.1}% is below --fail-under {threshold}", report.score);
    }
    let failed = below.is_some() || levels.contains(&Level::Error);
    Ok(if failed { ExitStatus::ErrorsFound } else { ExitStatus::Success })
}

/// The baseline in use (the command line's, else the configured one) and its path as given.
fn read_baseline(settings: &ApiSettings, args: &ApiBaselineArgs, cwd: &Path) -> Result<Option<(Baseline, String)>, String> {
    if args.write_baseline.is_some() {
        return Ok(None);
    }
    let Some(path) = settings.baseline(args.baseline.as_deref()) else { return Ok(None) };
    // Keys are relative to the baseline's folder, so that folder must be absolute.
    let baseline = Baseline::read(&cwd.join(&path)).map_err(|error| error.to_string())?;
    Ok(Some((baseline, path.display().to_string())))
}

fn review(paths: &[PathBuf], base: Option<&str>, options: &ApiOptions, baseline_args: &ApiBaselineArgs) -> Result<ExitStatus, String> {
    let cwd = current_dir()?;
    let settings = ApiSettings::discover(&cwd)?;
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
    let baseline = read_baseline(&settings, baseline_args, &cwd)?;
    let mut changes = diff(&old_package, &new_package, &cwd);
    changes.retain(|change| !settings.ignores_change(change));
    if let Some(path) = &baseline_args.write_baseline {
        let written = api_baseline::write(path, &cwd, &changes)?;
        eprintln!("{} changes recorded in baseline `{}`", written.len(), path.display());
        return Ok(ExitStatus::Success);
    }
    if let Some((baseline, shown)) = &baseline {
        let mut checked = old_package.module_paths(&cwd);
        checked.extend(new_package.module_paths(&cwd));
        let applied = api_baseline::apply(baseline, &cwd, &mut changes, &checked);
        let _ = print_report(&mut std::io::stderr().lock(), baseline, &applied, shown, "change");
    }
    if options.output_format.shows_examples() {
        attach_examples(&old_package, &new_package, &mut changes);
    }
    let levels: Vec<Level> = changes.iter().map(|change| settings.change_level(change)).collect();
    emit(&api_output::changes(&changes, &levels, options.output_format));
    Ok(if levels.contains(&Level::Error) { ExitStatus::ErrorsFound } else { ExitStatus::Success })
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

//! `pytc check`: find the project, check its files in parallel, print the diagnostics and
//! a summary, and choose the exit status.

use std::ffi::OsStr;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::Path;

use pytc_db::{Db, File, Files, Level, PythonPlatform};
use pytc_module_resolver::SearchPathReport;
use pytc_project::{Baseline, ConfigError, FileResult, Overrides, Project, check_files};

use crate::baseline;
use crate::args::{CheckArgs, ColorWhen, OutputFormat};
use crate::exit_status::ExitStatus;
use crate::output::{Summary, display_path, print_diagnostics, print_summary};
use crate::progress::Progress;

pub fn run(args: &CheckArgs, rule_levels: Vec<(String, Level)>) -> Result<ExitStatus, ConfigError> {
    let cwd = std::env::current_dir().map_err(|error| ConfigError::CurrentDirectory(error.to_string()))?;
    let overrides = Overrides {
        config_file: args.config.clone(),
        python_version: args.python_version,
        python_platform: args.python_platform.clone(),
        python: args.python.clone(),
        typeshed: args.typeshed.clone(),
        extra_paths: args.extra_paths.clone(),
        rule_levels,
    };
    let project = Project::discover_from(&cwd, &args.paths, &overrides)?;
    // Read before checking, so a bad baseline fails at once.
    let baseline = match (&args.write_baseline, &args.baseline) {
        (Some(_), _) => None,
        (None, Some(path)) => Some(Baseline::read(&cwd.join(path))?),
        (None, None) => project.baseline.as_deref().map(Baseline::read).transpose()?,
    };
    let discovered = project.python_files()?;
    for warning in &discovered.warnings {
        eprintln!("warning: {warning}");
    }
    let (db, search_paths) = project.open_database()?;
    let mut db = db.without_expression_types().with_releasable_trees();
    if args.verbose {
        print_environment(&project, &search_paths, &cwd, discovered.files.len());
    }
    if discovered.files.is_empty() {
        eprintln!("warning: no Python files found to check");
    }

    let files: Vec<File> = discovered.files.iter().map(|path| Files::system(&db, path)).collect();
    let progress = Progress::new(files.len(), !args.no_progress);
    let mut results = check_files(&mut db, &files, &project.rule_levels, &|_| progress.file_done());
    progress.finish();

    if args.verbose {
        print_slowest_files(&db, &results, &cwd);
        eprintln!("syntax trees parsed again after being released: {}", db.tree_reparses());
    }

    if let Some(path) = &args.write_baseline {
        let written = baseline::write(&db, &results, &cwd.join(path))?;
        let summary = Summary::of(&results);
        eprintln!("Wrote {} diagnostics to baseline `{}` (checked {} files)", written.len(), path.display(), summary.checked_files);
        std::mem::forget(db);
        let crashes_only = Summary { errors: 0, ..summary };
        return Ok(ExitStatus::of_check(&crashes_only, args.exit_zero));
    }
    let applied = baseline.as_ref().map(|baseline| baseline::apply(&db, &mut results, baseline));

    let summary = Summary::of(&results);
    let color = use_color(args.color, std::io::stdout().is_terminal(), std::env::var_os("NO_COLOR").as_deref());
    let mut stdout = BufWriter::new(std::io::stdout().lock());
    // A closed pipe (`pytc check | head`) is not an error of the check.
    let _ = print_diagnostics(&mut stdout, &db, &results, args.output_format, color, &cwd).and_then(|()| stdout.flush());
    if !matches!(args.output_format, OutputFormat::Json | OutputFormat::Sarif) {
        let _ = print_summary(&mut std::io::stderr().lock(), &summary);
    }
    if let (Some(baseline), Some(applied)) = (&baseline, &applied) {
        let shown = baseline.path.strip_prefix(&cwd).unwrap_or(&baseline.path).display().to_string();
        let _ = baseline::print_report(&mut std::io::stderr().lock(), baseline, applied, &shown, "diagnostic");
    }

    // Freeing every memo of a large project takes a noticeable share of the run, and the
    // process is about to exit, which frees it all at once.
    std::mem::forget(db);

    Ok(ExitStatus::of_check(&summary, args.exit_zero))
}

/// What `-v` prints to stderr: the configuration and environment in use.
fn print_environment(project: &Project, search_paths: &SearchPathReport, cwd: &Path, file_count: usize) {
    let shown = |path: &Path| path.strip_prefix(cwd).map_or_else(|_| path.display().to_string(), |p| p.display().to_string());
    eprintln!("pytc {}", env!("CARGO_PKG_VERSION"));
    match &project.config_file {
        Some(path) => eprintln!("configuration: {}", shown(path)),
        None => eprintln!("configuration: none found (no pytc.toml or pyproject.toml with [tool.pytc]); using defaults"),
    }
    eprintln!("project root: {}", project.root.display());
    let platform = match &project.python_platform {
        PythonPlatform::All => "all",
        PythonPlatform::Named(name) => name,
    };
    eprintln!("Target platform: {platform}");
    eprint!("{search_paths}");
    let files = if file_count == 1 { "file" } else { "files" };
    eprintln!("checking {file_count} {files} with {} threads", rayon::current_num_threads());
}

/// How many of the slowest files `-v` names.
const SLOWEST_FILES_SHOWN: usize = 5;

/// What `-v` prints after checking: the files that took longest, to find what makes a check slow.
fn print_slowest_files(db: &dyn Db, results: &[FileResult], cwd: &Path) {
    let mut by_duration: Vec<&FileResult> = results.iter().collect();
    by_duration.sort_by_key(|result| std::cmp::Reverse(result.duration));
    for result in by_duration.into_iter().take(SLOWEST_FILES_SHOWN) {
        let path = display_path(result.file.path(db), cwd);
        eprintln!("slowest: {path} ({} ms)", result.duration.as_millis());
    }
}

/// Whether to color `full` output: `always`/`never` as asked; `auto` colors a terminal
/// unless `NO_COLOR` is set to a non-empty value (https://no-color.org).
fn use_color(when: ColorWhen, stdout_is_terminal: bool, no_color: Option<&OsStr>) -> bool {
    match when {
        ColorWhen::Always => true,
        ColorWhen::Never => false,
        ColorWhen::Auto => stdout_is_terminal && no_color.is_none_or(OsStr::is_empty),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn auto_colors_only_a_terminal_without_no_color() {
        let set = Some(OsStr::new("1"));
        assert!(use_color(ColorWhen::Auto, true, None));
        assert!(use_color(ColorWhen::Auto, true, Some(OsStr::new(""))));
        assert!(!use_color(ColorWhen::Auto, true, set));
        assert!(!use_color(ColorWhen::Auto, false, None));
        assert!(use_color(ColorWhen::Always, false, set));
        assert!(!use_color(ColorWhen::Never, true, None));
    }
}

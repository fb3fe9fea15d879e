//! The command-line interface: subcommands, options and their help text.

use std::path::PathBuf;

use clap::{ArgMatches, Args, Parser, Subcommand, ValueEnum};
use pytc_db::{Level, PythonPlatform};
use pytc_syntax::PythonVersion;

const EXAMPLES: &str = "\
Examples:
  pytc check                          check the project in the current directory
  pytc check src tests                check two folders
  pytc check --python-version 3.10 .  check against Python 3.10
  pytc check --output-format concise  one line per diagnostic
  pytc check --output-format sarif > pytc.sarif   for code scanning
  pytc check --ignore unresolved-import --warn invalid-syntax
  pytc check --write-baseline pytc-baseline.json   record today's diagnostics
  pytc check --baseline pytc-baseline.json         report only new ones
  pytc rules                          list every rule
  pytc rules invalid-syntax           show one rule's documentation
  pytc lsp                            serve editors over the Language Server Protocol
  pytc notices                        the licenses of the typeshed stubs built into pytc
  pytc api list src/mypkg             the public API of a package, with its types
  pytc api check --fail-under 95 src/mypkg
  pytc api diff old/mypkg new/mypkg   breaking changes between two versions
  pytc api diff --base origin/main src/mypkg --output-format github";

#[derive(Debug, Parser)]
#[command(name = "pytc", version, about = "A static type checker for Python", after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check Python files and folders for type errors.
    #[command(after_help = "Exit status: 0 no errors, 1 errors found, 2 usage or configuration error, 101 internal error.")]
    Check(CheckArgs),
    /// List every rule, or show the documentation of one.
    Rules {
        /// The rule to document, e.g. `invalid-syntax`.
        name: Option<String>,
    },
    /// Run the language server on standard input and output (for editors).
    Lsp,
    /// Print the license notices of third-party files built into pytc (typeshed's stubs).
    Notices,
    /// Review a library's public API: list it, score its completeness, compare two versions.
    #[command(subcommand)]
    Api(ApiCommand),
}

#[derive(Debug, Subcommand)]
pub enum ApiCommand {
    /// Print every public module, name and class member with its declared type.
    List(ApiPathArgs),
    /// Report public symbols whose types are missing or unknown, and a completeness score.
    #[command(after_help = "Exit status: 0 score at or above --fail-under (or none given) and no finding at the error level, \
1 otherwise, 2 the package or configuration could not be read, 101 a crash of pytc.")]
    Check {
        #[command(flatten)]
        package: ApiPathArgs,
        /// Fail (exit 1) when the share of fully known symbols is below PCT [default: the
        /// configured `fail-under`].
        #[arg(long, value_name = "PCT")]
        fail_under: Option<f64>,
        #[command(flatten)]
        baseline: ApiBaselineArgs,
    },
    /// Compare the public API of two versions and classify every change.
    #[command(after_help = "Exit status: 0 no change at the error level (by default: none needs a major version), \
1 such changes found, 2 a version or the configuration could not be read, 101 a crash of pytc.")]
    Diff {
        /// OLD NEW: two package folders, wheels or installed module names; with `--base`, only
        /// NEW (OLD is NEW at that revision).
        #[arg(num_args = 1..=2, required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
        /// Compare with the package as it is at this git revision (e.g. `origin/main`), read
        /// from git objects without checking anything out.
        #[arg(long, value_name = "REV")]
        base: Option<String>,
        #[command(flatten)]
        options: ApiOptions,
        #[command(flatten)]
        baseline: ApiBaselineArgs,
    },
    /// List the API-change rules of `pytc api diff`, or document one.
    Rules {
        /// The rule to document, e.g. `return-type-widened`.
        name: Option<String>,
    },
}

#[derive(Debug, Args)]
pub struct ApiPathArgs {
    /// The package folder (or a folder of packages and modules), a wheel, or the name of a
    /// module installed in the environment.
    pub path: PathBuf,
    #[command(flatten)]
    pub options: ApiOptions,
}

#[derive(Debug, Args)]
pub struct ApiBaselineArgs {
    /// Report only findings or changes not recorded in this baseline file, and the recorded
    /// ones that no longer occur [default: the configured `baseline`].
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// Record every finding or change in this baseline file (JSON) instead of reporting them.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ApiOptions {
    /// How to print the result.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = ApiOutputFormat::Concise)]
    pub output_format: ApiOutputFormat,

    /// The Python version to read the package as.
    #[arg(long, value_name = "3.X", value_parser = parse_python_version)]
    pub python_version: Option<PythonVersion>,

    /// A Python interpreter or environment whose installed packages the package imports.
    #[arg(long, value_name = "PATH")]
    pub python: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ApiOutputFormat {
    /// One line per finding (`text` is another name for it).
    #[value(alias = "text")]
    Concise,
    /// Each finding with its line of code, the old version's location, both types and, for a
    /// breaking change, calling code that breaks.
    Full,
    /// One JSON document (the fields of each finding are documented in the README).
    Json,
    /// GitHub Actions workflow commands, shown as annotations on pull requests.
    Github,
    /// A Markdown report, for a pull-request comment.
    Markdown,
}

impl ApiOutputFormat {
    /// Whether `pytc api diff` shows, for each breaking change it can, calling code that pytc
    /// proves breaks (every format but the one-line one).
    pub fn shows_examples(self) -> bool {
        self != Self::Concise
    }
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files and folders to check [default: the configured `include`, else the project root].
    pub paths: Vec<PathBuf>,

    /// The Python version to check against.
    #[arg(long, value_name = "3.X", value_parser = parse_python_version)]
    pub python_version: Option<PythonVersion>,

    /// The platform to check against (`sys.platform`): linux, darwin, win32, ... or all.
    #[arg(long, value_name = "PLATFORM", value_parser = parse_python_platform)]
    pub python_platform: Option<PythonPlatform>,

    /// A Python interpreter or environment whose installed packages are importable.
    #[arg(long, value_name = "PATH")]
    pub python: Option<PathBuf>,

    /// A typeshed checkout to use instead of the stubs built into pytc.
    #[arg(long, value_name = "DIR")]
    pub typeshed: Option<PathBuf>,

    /// A further folder to resolve imports from (repeatable).
    #[arg(long = "extra-path", value_name = "DIR")]
    pub extra_paths: Vec<PathBuf>,

    /// Use this configuration file instead of discovering `pytc.toml` or `pyproject.toml`.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,

    /// How to print diagnostics.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputFormat::Full)]
    pub output_format: OutputFormat,

    /// Report only diagnostics not recorded in this baseline file, and the recorded ones that
    /// no longer occur [default: the configured `baseline`].
    #[arg(long, value_name = "FILE", conflicts_with = "write_baseline")]
    pub baseline: Option<PathBuf>,

    /// Record every diagnostic in this baseline file (JSON) instead of reporting them.
    #[arg(long, value_name = "FILE")]
    pub write_baseline: Option<PathBuf>,

    /// Report RULE as an error (repeatable; later flags win).
    #[arg(long, value_name = "RULE")]
    pub error: Vec<String>,

    /// Report RULE as a warning (repeatable; later flags win).
    #[arg(long, value_name = "RULE")]
    pub warn: Vec<String>,

    /// Do not report RULE (repeatable; later flags win).
    #[arg(long, value_name = "RULE")]
    pub ignore: Vec<String>,

    /// Print the configuration, environment and import search paths in use, and the slowest files.
    #[arg(short, long)]
    pub verbose: bool,

    /// Never show a progress bar.
    #[arg(long)]
    pub no_progress: bool,

    /// Exit with status 0 even when errors are found.
    #[arg(long)]
    pub exit_zero: bool,

    /// When to color the output (`auto` honours NO_COLOR and whether stdout is a terminal).
    #[arg(long, value_enum, value_name = "WHEN", default_value_t = ColorWhen::Auto)]
    pub color: ColorWhen,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Each diagnostic with a frame of the code it points at.
    Full,
    /// One line per diagnostic: `path:line:col: severity[rule] message`.
    Concise,
    /// A JSON array of diagnostics.
    Json,
    /// GitHub Actions workflow commands, shown as annotations on pull requests.
    Github,
    /// One SARIF 2.1.0 log for code scanning tools, with every rule's documentation.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

/// The `--error/--warn/--ignore` flags in the order they were given, read from the raw
/// matches because clap keeps each flag's values apart.
pub fn rule_levels_in_order(matches: &ArgMatches) -> Vec<(String, Level)> {
    let mut flags: Vec<(usize, String, Level)> = Vec::new();
    for (id, level) in [("error", Level::Error), ("warn", Level::Warn), ("ignore", Level::Ignore)] {
        let (Some(indices), Some(values)) = (matches.indices_of(id), matches.get_many::<String>(id)) else {
            continue;
        };
        flags.extend(indices.zip(values).map(|(index, rule)| (index, rule.clone(), level)));
    }
    flags.sort_by_key(|(index, _, _)| *index);
    flags.into_iter().map(|(_, rule, level)| (rule, level)).collect()
}

fn parse_python_version(text: &str) -> Result<PythonVersion, String> {
    pytc_project::parse_python_version(text)
}

fn parse_python_platform(text: &str) -> Result<PythonPlatform, String> {
    pytc_project::parse_python_platform(text)
}

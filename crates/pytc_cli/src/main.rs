//! The `pytc` command line.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use pytc_db::{Files, OsSystem, PythonPlatform, Severity, line_index, source_text};
use pytc_project::ProjectDatabase;
use pytc_syntax::PythonVersion;

#[derive(Parser)]
#[command(name = "pytc", version, about = "A static type checker for Python")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Check files and folders.
    Check {
        paths: Vec<PathBuf>,
        #[arg(long, default_value = "concise")]
        output_format: String,
        #[arg(long)]
        python_version: Option<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Check { paths, .. } => check(paths),
    }
}

fn check(paths: Vec<PathBuf>) -> ExitCode {
    let db = ProjectDatabase::new(Arc::new(OsSystem), PythonVersion::PY312, PythonPlatform::host());
    let mut errors = 0;
    for path in paths {
        let file = Files::system(&db, &path);
        for diagnostic in pytc_checker::check_file(&db, file) {
            let location = line_index(&db, file).line_column(diagnostic.range.start(), source_text(&db, file));
            println!(
                "{}:{}:{}: {}[{}] {}",
                path.display(),
                location.line,
                location.column,
                diagnostic.severity.as_str(),
                diagnostic.rule,
                diagnostic.message
            );
            errors += usize::from(diagnostic.severity == Severity::Error);
        }
    }
    if errors > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

//! The `pytc` command line: `pytc check` for people and CI, `pytc lsp` for editors,
//! `pytc rules` for the rule docs, `pytc api` for library maintainers and `pytc notices` for
//! the licenses of embedded files.

mod allocator;
mod api_baseline;
mod api_command;
mod api_output;
mod api_settings;
mod args;
mod baseline;
mod check_command;
mod exit_status;
mod output;
mod progress;
mod rules_command;

use std::io::Write;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use crate::args::{Cli, Command, rule_levels_in_order};
use crate::exit_status::ExitStatus;

fn main() -> ExitCode {
    let matches = Cli::command().get_matches();
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    let status = match &cli.command {
        Command::Lsp => return pytc_lsp::run_stdio(),
        Command::Notices => {
            print!("{}", pytc_typeshed::NOTICE);
            ExitStatus::Success
        }
        Command::Check(args) => {
            let levels = matches.subcommand_matches("check").map(rule_levels_in_order).unwrap_or_default();
            check_command::run(args, levels).unwrap_or_else(|error| {
                eprintln!("error: {error}");
                ExitStatus::UsageError
            })
        }
        Command::Api(command) => api_command::run(command),
        Command::Rules { name: None } => {
            let mut out = std::io::stdout().lock();
            let _ = rules_command::list(&mut out);
            let _ = write!(out, "\nAPI-change rules of `pytc api diff` (name, version bump, summary):\n{}", api_command::rule_list());
            ExitStatus::Success
        }
        Command::Rules { name: Some(name) } => match rules_command::explain(&mut std::io::stdout().lock(), name) {
            Ok(_) => ExitStatus::Success,
            Err(_) if let Some(rule) = pytc_api::DiffRule::find(name) => {
                print!("{}", api_command::rule_docs(rule));
                ExitStatus::Success
            }
            Err(error) => {
                eprintln!("error: {error}");
                ExitStatus::UsageError
            }
        },
    };
    status.into()
}

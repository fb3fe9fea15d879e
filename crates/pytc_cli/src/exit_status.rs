//! The exit statuses `pytc` promises.

use std::process::ExitCode;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitStatus {
    /// No errors (warnings and infos do not fail a check).
    Success,
    /// At least one error was reported.
    ErrorsFound,
    /// Bad arguments or configuration, or a path that does not exist.
    UsageError,
    /// pytc crashed on at least one file.
    InternalError,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> Self {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::ErrorsFound => 1,
            ExitStatus::UsageError => 2,
            ExitStatus::InternalError => 101,
        })
    }
}

//! The exit statuses `pytc` promises.

use std::process::ExitCode;

use crate::output::Summary;

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

impl ExitStatus {
    /// The status of a finished check. A crash wins over everything, even `--exit-zero`:
    /// a check that did not finish must not pass CI.
    pub fn of_check(summary: &Summary, exit_zero: bool) -> Self {
        if summary.crashed_files > 0 {
            Self::InternalError
        } else if summary.errors > 0 && !exit_zero {
            Self::ErrorsFound
        } else {
            Self::Success
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_fail_warnings_pass_and_a_crash_is_101() {
        let clean = Summary { checked_files: 3, warnings: 2, infos: 1, files_with_diagnostics: 1, ..Summary::default() };
        assert_eq!(ExitStatus::of_check(&clean, false), ExitStatus::Success);
        let errors = Summary { errors: 1, ..clean };
        assert_eq!(ExitStatus::of_check(&errors, false), ExitStatus::ErrorsFound);
        assert_eq!(ExitStatus::of_check(&errors, true), ExitStatus::Success);
        let crashed = Summary { crashed_files: 1, ..errors };
        assert_eq!(ExitStatus::of_check(&crashed, false), ExitStatus::InternalError);
        assert_eq!(ExitStatus::of_check(&crashed, true), ExitStatus::InternalError);
        let codes: Vec<ExitCode> =
            [ExitStatus::Success, ExitStatus::ErrorsFound, ExitStatus::UsageError, ExitStatus::InternalError]
                .into_iter()
                .map(ExitCode::from)
                .collect();
        assert_eq!(codes, [ExitCode::from(0), ExitCode::from(1), ExitCode::from(2), ExitCode::from(101)]);
    }
}

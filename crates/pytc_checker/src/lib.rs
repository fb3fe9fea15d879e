//! `check_file`: every diagnostic of one file, before rule levels and suppressions are
//! applied, plus `finalize`, which applies them.

mod check;
mod import_rules;
mod levels;
mod suppressions;
mod syntax_rules;
#[cfg(test)]
mod test_db;

pub use check::check_file;
pub use import_rules::UNRESOLVED_IMPORT;
pub use levels::{RuleLevels, UnknownRule};
pub use suppressions::{UNUSED_IGNORE_COMMENT, finalize, suppression_comments, unused_part_of_message};
pub use syntax_rules::{INVALID_SYNTAX, UNREADABLE_FILE};
pub use pytc_types::set_import_cycle_roots;

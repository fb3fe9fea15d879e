//! `check_file`: every diagnostic of one file, before rule levels and suppressions are
//! applied, plus `finalize`, which applies them.

mod check;
mod syntax_rules;

pub use check::check_file;

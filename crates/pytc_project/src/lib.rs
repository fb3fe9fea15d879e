//! The project: the one concrete salsa database, and checking a set of files with it.

mod database;

pub use database::ProjectDatabase;

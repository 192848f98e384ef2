//! Secretariat's domain: everything the app knows and decides, with no Tauri types, so it can
//! be tested without a window and driven from the command line.
//!
//! One folder per feature: `roster` (agencies, people, bodies, memberships), `search`,
//! `example_data`; `store` owns the SQLite file and its migrations; `text` the Vietnamese
//! text rules (NFC, folding, collation, dates) that every feature shares.

pub mod archive;
pub mod audit;
pub mod backup;
pub mod bench;
pub mod deadline;
pub mod documents;
pub mod error;
pub mod example_data;
pub mod filestore;
pub mod followup;
pub mod incoming;
pub mod labels;
pub mod meetings;
pub mod office;
pub mod roster;
pub mod search;
pub mod settings;
pub mod signing;
pub mod store;
pub mod text;

#[cfg(test)]
mod hostile_tests;

pub use error::{AppError, ErrorCode, Result};
pub use store::{Db, Store, Tx};

//! The roster: agencies (with their name history), people, bodies (the Steering Committee,
//! the Task Force, its work groups) and memberships over time.
//!
//! Every write function takes the [`Store`](crate::store::Store) and runs in one transaction;
//! every read function takes a [`Db`](crate::store::Db). Input is cleaned (NFC, trimmed) and validated
//! here, so the CLI and the UI get the same rules and the same Vietnamese messages.

mod agency;
mod body;
mod membership;
mod person;
mod types;
mod view;

pub use agency::*;
pub use body::*;
pub use membership::*;
pub use person::*;
pub use types::*;
pub use view::*;

#[cfg(test)]
mod tests;

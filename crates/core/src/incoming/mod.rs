//! Incoming documents (văn bản đến): the letters, decisions and reports the task force
//! receives, registered as Decree 30 asks (Article 22, Appendix IV: sổ đăng ký văn bản đến).
//!
//! Each received document gets an incoming number (số đến) that runs from 1 every year (of the
//! day it was received); the number is read and the row written in one transaction
//! ([`crate::Store::write`] is IMMEDIATE, and a unique index on (year, number) makes a
//! duplicate impossible even across processes; a per-year counter keeps the number of a
//! document deleted as registered by mistake from being given again). Its file, when there is one, goes through the
//! [`crate::filestore`]: kept once under its hash, the name it came with kept on the row.
//! A due date creates a follow-up task (source kind `document`) citing the incoming number and
//! the sender's number, so the document is chased like any directive. The same number and
//! symbol from the same sender is warned about (`NeedsConfirmation`), not refused: a sender
//! does re-send a corrected copy. The register prints with the decree's columns
//! ([`register`]).

mod register;
mod store;
mod types;

pub use register::*;
pub use store::*;
pub use types::*;

#[cfg(test)]
mod tests;

//! The checks a văn thư (records clerk) applies before a document gets its number.
//!
//! Each finding is either a refusal (the document cannot be issued as it is: the secretary
//! must change something) or a warning (a person may still decide: the issue goes ahead only
//! when the secretary confirms, having read the list). Document-level checks live here;
//! checks that need a meeting's record (attendance, the meeting's date) live in
//! `meetings::checks` and are collected through [`issue_checks`].

use super::store::DocumentRecord;
use crate::error::{AppError, ErrorCode, Result};
use chrono::NaiveDate;
use rusqlite::Connection;
use serde::Serialize;
use specta::Type;

/// One finding of the pre-issue checks.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct IssueCheck {
    /// `true`: refused until fixed; `false`: a warning the secretary may confirm.
    pub blocking: bool,
    /// Vietnamese, names the field or the people concerned.
    pub message: String,
}

impl IssueCheck {
    pub fn refuse(message: impl Into<String>) -> Self {
        Self { blocking: true, message: message.into() }
    }
    pub fn warn(message: impl Into<String>) -> Self {
        Self { blocking: false, message: message.into() }
    }
}

/// Every finding for issuing `doc` on `date`: the document's own checks, then those of the
/// record it was generated from (a meeting).
pub fn issue_checks(conn: &Connection, doc: &DocumentRecord, date: NaiveDate) -> Result<Vec<IssueCheck>> {
    let mut out = Vec::new();
    out.extend(crate::meetings::checks::for_document(conn, doc, date)?);
    Ok(out)
}

/// Turns findings into the outcome of an issue attempt: refusals first (all of them, one per
/// line), then unconfirmed warnings (code `NeedsConfirmation`, so the window can ask).
pub fn enforce(checks: &[IssueCheck], confirmed: bool) -> Result<()> {
    let refusals: Vec<&str> = checks.iter().filter(|c| c.blocking).map(|c| c.message.as_str()).collect();
    if !refusals.is_empty() {
        return Err(AppError::validation(format!("Chưa ban hành được:\n- {}", refusals.join("\n- "))));
    }
    let warnings: Vec<&str> = checks.iter().filter(|c| !c.blocking).map(|c| c.message.as_str()).collect();
    if !warnings.is_empty() && !confirmed {
        return Err(AppError::new(
            ErrorCode::NeedsConfirmation,
            format!("Hãy xem lại trước khi ban hành:\n- {}", warnings.join("\n- ")),
        ));
    }
    Ok(())
}

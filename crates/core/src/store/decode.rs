//! Reading stored values strictly.
//!
//! A value kept in the database that this build cannot read (an unknown role, a kind, a date
//! in a form nobody writes, JSON that does not parse) is damage, never a reason to guess: a
//! silent default would show a "Member" where the record says something else, and a save
//! would then write the guess back over the original. Every such value is refused with a
//! message naming the table, the record and the value, so the damage can be found and fixed.

use super::stored::StoredEnum;
use crate::error::AppError;
use chrono::{NaiveDate, NaiveDateTime};
use serde::de::DeserializeOwned;
use std::fmt;

/// The longest stored value quoted in a message (JSON documents can be long).
const QUOTE_CHARS: usize = 80;

/// A stored value that does not read as what its column holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CorruptValue {
    pub table: String,
    pub id: String,
    pub column: String,
    pub value: String,
}

impl CorruptValue {
    pub fn new(table: &str, id: &str, column: &str, value: &str) -> Self {
        Self { table: table.into(), id: id.into(), column: column.into(), value: value.into() }
    }
}

impl fmt::Display for CorruptValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut value: String = self.value.chars().take(QUOTE_CHARS).collect();
        if self.value.chars().count() > QUOTE_CHARS {
            value.push('…');
        }
        write!(
            f,
            "Dữ liệu đã lưu bị hỏng: bảng {}, bản ghi {}, cột {} có giá trị \"{value}\" không hợp lệ. \
             Hãy khôi phục từ bản sao lưu gần nhất hoặc nhờ cán bộ kỹ thuật sửa bản ghi này.",
            self.table, self.id, self.column
        )
    }
}

impl std::error::Error for CorruptValue {}

impl From<CorruptValue> for AppError {
    fn from(e: CorruptValue) -> Self {
        AppError::storage(e.to_string())
    }
}

impl CorruptValue {
    /// As an error of a row mapper (carried through to [`AppError`] by its message).
    pub(crate) fn into_sql_error(self) -> rusqlite::Error {
        rusqlite::Error::FromSqlConversionFailure(0, rusqlite::types::Type::Text, Box::new(self))
    }
}

/// The [`CorruptValue`] inside a row-mapping error, if that is what it is.
pub(crate) fn corrupt_value(e: &rusqlite::Error) -> Option<&CorruptValue> {
    match e {
        rusqlite::Error::FromSqlConversionFailure(_, _, inner) => inner.downcast_ref::<CorruptValue>(),
        _ => None,
    }
}

/// Reads `raw` from `table.column` of record `id` with `parse`; a value `parse` refuses is an
/// error naming all four (inside a row mapper: `error::sql_error`, behind `.sql()?`,
/// carries the message through).
pub(crate) fn decode<T>(
    table: &str,
    id: &str,
    column: &str,
    raw: &str,
    parse: impl FnOnce(&str) -> Option<T>,
) -> rusqlite::Result<T> {
    parse(raw).ok_or_else(|| CorruptValue::new(table, id, column, raw).into_sql_error())
}

/// [`decode`] for a nullable column.
pub(crate) fn decode_opt<T>(
    table: &str,
    id: &str,
    column: &str,
    raw: Option<&str>,
    parse: impl FnOnce(&str) -> Option<T>,
) -> rusqlite::Result<Option<T>> {
    raw.map(|raw| decode(table, id, column, raw, parse)).transpose()
}

/// [`decode`] for a column holding JSON.
pub(crate) fn decode_json<T: DeserializeOwned>(table: &str, id: &str, column: &str, raw: &str) -> rusqlite::Result<T> {
    decode(table, id, column, raw, |s| serde_json::from_str(s).ok())
}

/// A stored date (`yyyy-mm-dd`).
pub(crate) fn parse_stored_date(s: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").ok()
}

/// A stored date and time (`yyyy-mm-ddThh:mm[:ss[.fff]]`, `T` or space).
pub(crate) fn parse_stored_datetime(s: &str) -> Option<NaiveDateTime> {
    ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"]
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
}

/// Reads a nullable date column of `row` strictly.
pub(crate) fn date_opt(
    row: &rusqlite::Row,
    idx: usize,
    table: &str,
    id: &str,
    column: &str,
) -> rusqlite::Result<Option<NaiveDate>> {
    decode_opt(table, id, column, row.get::<_, Option<String>>(idx)?.as_deref(), parse_stored_date)
}

/// Reads a date column of `row` strictly.
pub(crate) fn date(
    row: &rusqlite::Row,
    idx: usize,
    table: &str,
    id: &str,
    column: &str,
) -> rusqlite::Result<NaiveDate> {
    decode(table, id, column, &row.get::<_, String>(idx)?, parse_stored_date)
}

/// Reads a date-and-time column of `row` strictly.
pub(crate) fn datetime(
    row: &rusqlite::Row,
    idx: usize,
    table: &str,
    id: &str,
    column: &str,
) -> rusqlite::Result<NaiveDateTime> {
    decode(table, id, column, &row.get::<_, String>(idx)?, parse_stored_datetime)
}

/// Reads a nullable date-and-time column of `row` strictly.
pub(crate) fn datetime_opt(
    row: &rusqlite::Row,
    idx: usize,
    table: &str,
    id: &str,
    column: &str,
) -> rusqlite::Result<Option<NaiveDateTime>> {
    decode_opt(table, id, column, row.get::<_, Option<String>>(idx)?.as_deref(), parse_stored_datetime)
}

/// Reads an enum column of `row` strictly (see [`super::stored`]).
pub(crate) fn stored<T: StoredEnum>(
    row: &rusqlite::Row,
    idx: usize,
    table: &str,
    id: &str,
    column: &str,
) -> rusqlite::Result<T> {
    decode(table, id, column, &row.get::<_, String>(idx)?, T::from_stored)
}

/// Reads a nullable enum column of `row` strictly.
pub(crate) fn stored_opt<T: StoredEnum>(
    row: &rusqlite::Row,
    idx: usize,
    table: &str,
    id: &str,
    column: &str,
) -> rusqlite::Result<Option<T>> {
    decode_opt(table, id, column, row.get::<_, Option<String>>(idx)?.as_deref(), T::from_stored)
}

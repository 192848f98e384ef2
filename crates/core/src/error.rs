//! The one error type that crosses every boundary (CLI, Tauri commands, UI).
//!
//! Every error carries a stable machine `code` and a Vietnamese `message` written for a
//! secretary, not a developer: the UI shows `message` as it is, the CLI prints it and exits
//! non-zero. Low-level causes (SQLite, I/O) are folded into a message that says what the
//! user can do, with the technical detail kept at the end for IT staff.

use serde::Serialize;
use specta::Type;
use std::fmt;

/// What kind of failure this is; the UI uses it to decide where to show the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// The input breaks a rule (empty name, bad date order…). Nothing was written.
    Validation,
    /// The input conflicts with what is already stored (overlapping membership…).
    Conflict,
    /// The record asked for does not exist (any more).
    NotFound,
    /// The record is referred to by others and cannot be deleted.
    InUse,
    /// The database was written by a newer version of the app.
    SchemaTooNew,
    /// The database or the data folder could not be read or written.
    Storage,
    /// Nothing was written: the action has warnings a person must read and confirm first
    /// (the message lists them); repeating it with confirmation goes ahead.
    NeedsConfirmation,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct AppError {
    pub code: ErrorCode,
    /// Vietnamese, for the secretary.
    pub message: String,
}

pub type Result<T, E = AppError> = std::result::Result<T, E>;

impl AppError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into() }
    }
    pub fn validation(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Validation, message)
    }
    pub fn conflict(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Conflict, message)
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::NotFound, message)
    }
    pub fn in_use(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InUse, message)
    }
    pub fn storage(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::Storage, message)
    }
}

impl fmt::Display for AppError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for AppError {}

/// A SQLite error as the secretary reads it. Crate-private so that no public item names a
/// rusqlite type; `?` on a SQLite result goes through [`Sql::sql`].
pub(crate) fn sql_error(e: rusqlite::Error) -> AppError {
    {
        if let Some(corrupt) = crate::store::decode::corrupt_value(&e) {
            return corrupt.clone().into();
        }
        if let rusqlite::Error::SqliteFailure(code, _) = &e {
            if code.code == rusqlite::ErrorCode::DatabaseBusy || code.code == rusqlite::ErrorCode::DatabaseLocked {
                return AppError::storage(
                    "Cơ sở dữ liệu đang bận (một cửa sổ hoặc chương trình khác đang ghi). \
                     Vui lòng thử lại sau giây lát.",
                );
            }
            if code.code == rusqlite::ErrorCode::DatabaseCorrupt || code.code == rusqlite::ErrorCode::NotADatabase {
                return AppError::storage(format!(
                    "Cơ sở dữ liệu bị hỏng nên không đọc/ghi được. Đừng tiếp tục nhập liệu trên tệp này; \
                     hãy khôi phục từ bản sao lưu gần nhất. Chi tiết kỹ thuật: {e}"
                ));
            }
        }
        AppError::storage(format!(
            "Không đọc/ghi được cơ sở dữ liệu. Dữ liệu đã lưu trước đó không bị ảnh hưởng. \
             Chi tiết kỹ thuật: {e}"
        ))
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        AppError::storage(format!("Không truy cập được thư mục dữ liệu. Chi tiết kỹ thuật: {e}"))
    }
}

/// `.sql()?` on a SQLite result inside the crate: the error becomes an [`AppError`] with a
/// Vietnamese message (see [`sql_error`]).
pub(crate) trait Sql<T> {
    fn sql(self) -> Result<T>;
}

impl<T> Sql<T> for std::result::Result<T, rusqlite::Error> {
    fn sql(self) -> Result<T> {
        self.map_err(sql_error)
    }
}

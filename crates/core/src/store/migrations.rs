//! Embedded, versioned migrations. The schema version is SQLite's `user_version`.
//!
//! Append new migrations at the end of [`MIGRATIONS`]; never edit one that has shipped.

use crate::error::{AppError, ErrorCode, Result};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_roster.sql")),
    M::up(include_str!("migrations/0002_documents.sql")),
    M::up(include_str!("migrations/0003_meetings.sql")),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

pub fn schema_version(conn: &Connection) -> Result<i64> {
    Ok(conn.pragma_query_value(None, "user_version", |row| row.get(0))?)
}

/// Refuses a schema version higher than this build knows.
pub(super) fn check_not_newer(found: i64) -> Result<()> {
    if found > SCHEMA_VERSION {
        return Err(AppError::new(
            ErrorCode::SchemaTooNew,
            format!(
                "Cơ sở dữ liệu này được tạo bởi một phiên bản mới hơn của ứng dụng \
                 (lược đồ {found}, phiên bản này chỉ hiểu đến {SCHEMA_VERSION}). \
                 Để không làm hỏng dữ liệu, ứng dụng không mở nó. \
                 Hãy cài phiên bản mới nhất của Thư ký Tổ Công tác."
            ),
        ));
    }
    Ok(())
}

pub(super) fn apply(conn: &mut Connection) -> Result<()> {
    check_not_newer(schema_version(conn)?)?;
    Migrations::from_slice(MIGRATIONS)
        .to_latest(conn)
        .map_err(|e| AppError::storage(format!("Không nâng cấp được cơ sở dữ liệu. Chi tiết kỹ thuật: {e}")))
}

/// A database at an older schema version (the first `version` migrations), for tests of
/// backups made by an earlier release.
#[cfg(test)]
pub(crate) fn migrate_to(conn: &mut Connection, version: usize) -> Result<()> {
    Migrations::from_slice(&MIGRATIONS[..version])
        .to_latest(conn)
        .map_err(|e| AppError::storage(format!("migration for a test failed: {e}")))
}

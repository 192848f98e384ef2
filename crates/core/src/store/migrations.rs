//! Embedded, versioned migrations. The schema version is SQLite's `user_version`.
//!
//! Append new migrations at the end of [`MIGRATIONS`]; never edit one that has shipped.
//!
//! Migrations may rebuild a table (SQLite cannot alter a CHECK constraint), which means
//! dropping a table other tables refer to. SQLite's generalized ALTER TABLE procedure is
//! followed: foreign keys are switched OFF outside any transaction, all pending migrations run
//! in one transaction, `PRAGMA foreign_key_check` must find nothing before it commits (else the
//! whole upgrade rolls back and the database stays as it was), and foreign keys are switched
//! back ON whatever happened.

use super::{Db, Tx};
use crate::error::Sql;
use crate::error::{AppError, ErrorCode, Result};
use rusqlite::Connection;
use rusqlite_migration::{Migrations, M};

const MIGRATIONS: &[M<'static>] = &[
    M::up(include_str!("migrations/0001_roster.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0002_documents.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0003_meetings.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0004_secretary_role.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0005_issuing_authority.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0006_meeting_form_and_deadlines.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0008_audit.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0009_list_indexes.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0010_tasks.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0011_signatures.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0015_search_everything.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0016_incoming_and_files.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0017_archive_files.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0018_files_out_of_database.sql")).foreign_key_check(),
    M::up(include_str!("migrations/0019_file_text.sql")).foreign_key_check(),
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The schema version of the database behind `db`.
pub fn schema_version(db: &Db) -> Result<i64> {
    user_version(db.conn())
}

pub(crate) fn user_version(conn: &Connection) -> Result<i64> {
    conn.pragma_query_value(None, "user_version", |row| row.get(0)).sql()
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
    let migrated = apply_up_to(conn, MIGRATIONS.len())?;
    // Tables may have been added, rebuilt (which drops their triggers) or given new columns:
    // audit them all again after any migration, or when a trigger is missing.
    if migrated || crate::audit::triggers_missing(Db::of(conn))? {
        let tx = conn.transaction().sql()?;
        crate::audit::install_triggers(Tx::of(&tx))?;
        tx.commit().sql()?;
    }
    if migrated || crate::search::index::triggers_missing(Db::of(conn))? {
        let tx = conn.transaction().sql()?;
        crate::search::index::install_triggers(Tx::of(&tx))?;
        tx.commit().sql()?;
    }
    // Records queued by a migration (a rebuilt index) are indexed now, a chunk per transaction.
    loop {
        let tx = conn.transaction().sql()?;
        let done = crate::search::index::drain_pending(Tx::of(&tx), 1000)?;
        tx.commit().sql()?;
        if done == 0 {
            break;
        }
    }
    Ok(())
}

/// Applies the first `version` migrations; true when any ran.
fn apply_up_to(conn: &mut Connection, version: usize) -> Result<bool> {
    let found = user_version(conn)?;
    check_not_newer(found)?;
    if found >= version as i64 {
        foreign_keys_on(conn)?;
        return Ok(false);
    }
    // PRAGMA foreign_keys is a no-op inside a transaction: switch it here, before the
    // migrations' transaction begins, and back on after it ends — also when it failed.
    conn.pragma_update(None, "foreign_keys", "OFF").sql()?;
    let migrated = Migrations::from_slice(&MIGRATIONS[..version]).to_latest(conn).map_err(|e| match e {
        rusqlite_migration::Error::ForeignKeyCheck(rows) => AppError::storage(format!(
            "Không nâng cấp được cơ sở dữ liệu: {} dòng dữ liệu tham chiếu đến bản ghi không còn tồn tại. \
             Dữ liệu được giữ nguyên như trước khi nâng cấp; hãy gửi tệp cơ sở dữ liệu cho bộ phận kỹ thuật \
             để kiểm tra. Chi tiết kỹ thuật: {}",
            rows.len(),
            rows.iter().map(|r| r.to_string()).collect::<Vec<_>>().join("; ")
        )),
        e => AppError::storage(format!("Không nâng cấp được cơ sở dữ liệu. Chi tiết kỹ thuật: {e}")),
    });
    let on = foreign_keys_on(conn);
    migrated?;
    on?;
    Ok(true)
}

fn foreign_keys_on(conn: &Connection) -> Result<()> {
    conn.pragma_update(None, "foreign_keys", "ON").sql()?;
    let on: i64 = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0)).sql()?;
    if on != 1 {
        return Err(AppError::storage(
            "Không bật được kiểm tra liên kết dữ liệu (khóa ngoại) của cơ sở dữ liệu; ứng dụng không mở nó.",
        ));
    }
    Ok(())
}

/// A database at an older schema version (the first `version` migrations), for tests of
/// backups made by an earlier release.
#[cfg(test)]
pub(crate) fn migrate_to(conn: &mut Connection, version: usize) -> Result<()> {
    apply_up_to(conn, version).map(|_| ())
}

#[cfg(test)]
mod tests;

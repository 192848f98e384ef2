//! The store: one SQLite file, the single source of truth.
//!
//! Opening a store sets WAL, foreign keys and a busy timeout, then applies the embedded
//! migrations in one transaction. A database whose schema version is higher than this build
//! knows is refused before anything touches it, so an older app never damages a newer
//! database. Every write goes through [`Store::write`], which runs the closure inside an
//! IMMEDIATE transaction: either all of a change is saved or none of it.

pub(crate) mod decode;
pub mod fsutil;
mod handle;
pub(crate) mod migrations;
pub mod paths;
mod readers;
pub(crate) mod stored;

pub use decode::CorruptValue;
pub use fsutil::write_atomic;
pub use handle::{Db, Tx};
pub use migrations::{schema_version, SCHEMA_VERSION};
pub use readers::Readers;
pub(crate) use stored::{stored_names, variants};

use crate::error::Sql;
use crate::error::{AppError, Result};
use chrono::{SecondsFormat, Utc};
use rusqlite::{Connection, OpenFlags, TransactionBehavior};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// File name of the database inside the data folder.
pub const DB_FILE: &str = "secretariat.db";

/// SQLite's `application_id` header field for our files: "SECR". A file with another
/// non-zero id belongs to another application and is never changed.
pub const APPLICATION_ID: i32 = 0x5345_4352;

pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    read_only: bool,
    /// The workstation's user, named in the audit trail for every change.
    user: String,
    /// Why writes are refused, when it is not the medium (e.g. a backup being looked at).
    read_only_message: Option<String>,
    /// An in-memory database's own folder for the file store, removed with the store.
    scratch: Option<PathBuf>,
}

impl Drop for Store {
    fn drop(&mut self) {
        if let Some(dir) = &self.scratch {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

impl Store {
    /// Opens (creating if needed) the database in `data_dir`.
    pub fn open_in_dir(data_dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(data_dir).map_err(|e| {
            AppError::storage(format!("Không tạo được thư mục dữ liệu {}. Chi tiết kỹ thuật: {e}", data_dir.display()))
        })?;
        Self::open(&data_dir.join(DB_FILE))
    }

    /// Opens (creating if needed) the database at `path`.
    ///
    /// Nothing is changed in a file before it is known to be ours: a file that is not a
    /// database, or another application's database, is refused as it is (not even switched
    /// to WAL). A database on a medium that cannot be written (a backup on a DVD or a
    /// write-protected USB stick) is opened read-only: it can be read, every write is refused.
    pub fn open(path: &Path) -> Result<Self> {
        let exists = path.metadata().map(|m| m.len() > 0).unwrap_or(false);
        let conn = match Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        ) {
            Ok(c) => c,
            Err(_) if exists => return Self::open_read_only(path),
            Err(e) => return Err(crate::error::sql_error(e)),
        };
        if exists {
            check_ours(&conn, path)?;
            check_intact(&conn, path)?;
        }
        conn.busy_timeout(Duration::from_secs(5)).sql()?;
        if let Err(e) = conn.pragma_update(None, "journal_mode", "WAL") {
            if is_read_only(&e) {
                drop(conn);
                return Self::open_read_only(path);
            }
            return Err(crate::error::sql_error(e));
        }
        conn.pragma_update(None, "synchronous", "NORMAL").sql()?;
        Self::prepare(conn, Some(path.to_path_buf()))
    }

    /// Opens a database that cannot be written: no migration, no journal, every write refused.
    pub fn open_read_only(path: &Path) -> Result<Self> {
        // `immutable=1` lets SQLite read a WAL database without creating its -shm file.
        let uri = format!("file:{}?immutable=1", uri_path(path));
        let conn = Connection::open_with_flags(
            uri,
            OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .sql()?;
        check_ours(&conn, path)?;
        check_intact(&conn, path)?;
        let version = migrations::user_version(&conn)?;
        if version != SCHEMA_VERSION {
            migrations::check_not_newer(version)?;
            return Err(AppError::storage(format!(
                "Tệp {} nằm trên nơi không ghi được (chỉ đọc) và được tạo bởi phiên bản cũ hơn của ứng dụng; \
                 hãy chép tệp vào máy rồi mở lại để ứng dụng nâng cấp nó.",
                path.display()
            )));
        }
        conn.pragma_update(None, "query_only", "ON").sql()?;
        Ok(Self {
            conn,
            path: Some(path.to_path_buf()),
            read_only: true,
            user: String::new(),
            read_only_message: None,
            scratch: None,
        })
    }

    /// A private in-memory database, for tests. The files it refers to (issued PDFs…) go to a
    /// scratch folder of its own, removed when the store is dropped.
    pub fn open_in_memory() -> Result<Self> {
        let mut store = Self::prepare(Connection::open_in_memory().sql()?, None)?;
        let dir = std::env::temp_dir().join(format!("secretariat-memory-{}", new_id()));
        crate::filestore::refs::set_scratch_root(Db::of(&store.conn), &dir)?;
        store.scratch = Some(dir);
        Ok(store)
    }

    /// The folder holding the files this database refers to (see filestore::refs).
    pub fn data_dir(&self) -> Result<PathBuf> {
        crate::filestore::data_dir_of(Db::of(&self.conn))
    }

    fn prepare(mut conn: Connection, path: Option<PathBuf>) -> Result<Self> {
        conn.busy_timeout(Duration::from_secs(5)).sql()?;
        conn.pragma_update(None, "foreign_keys", "ON").sql()?;
        if let Some(path) = &path {
            let version = migrations::user_version(&conn)?;
            if version > 0 && version < SCHEMA_VERSION {
                // An existing database is about to be upgraded: keep a copy of it as it was.
                crate::backup::before_migration(Db::of(&conn), path)?;
            }
        }
        migrations::apply(&mut conn)?;
        if application_id(&conn)? != APPLICATION_ID {
            conn.pragma_update(None, "application_id", APPLICATION_ID).sql()?;
        }
        if let Some(path) = &path {
            move_files_out(&mut conn, path);
        }
        Ok(Self {
            conn,
            path,
            read_only: false,
            user: crate::audit::current_user(),
            read_only_message: None,
            scratch: None,
        })
    }

    /// From now on every write is refused with `message` (e.g. while a backup is looked at).
    pub fn set_read_only(&mut self, message: impl Into<String>) -> Result<()> {
        self.conn.pragma_update(None, "query_only", "ON").sql()?;
        self.read_only = true;
        self.read_only_message = Some(message.into());
        Ok(())
    }

    /// The file that extra read connections may open ([`Readers`]): none for an
    /// in-memory or read-only store, whose reads go through [`Store::read`].
    pub fn reader_path(&self) -> Option<&Path> {
        self.path.as_deref().filter(|_| !self.read_only)
    }

    /// True when the database could only be opened read-only (see [`Store::open`]).
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Read-only access.
    pub fn read<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        f(Db::of(&self.conn))
    }

    /// Runs `f` in one IMMEDIATE transaction; commits on `Ok`, rolls back on `Err`.
    pub fn write<T>(&mut self, f: impl FnOnce(&Tx) -> Result<T>) -> Result<T> {
        if self.read_only {
            return Err(AppError::storage(self.read_only_message.clone().unwrap_or_else(|| {
                "Cơ sở dữ liệu này đang mở ở chế độ chỉ đọc (nằm trên nơi không ghi được), nên không lưu được thay đổi."
                    .into()
            })));
        }
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate).sql()?;
        let unit = Tx::of(&tx);
        crate::audit::set_user(unit, &self.user)?;
        let value = f(unit)?;
        // Records changed by `f` are re-indexed for search before the commit (see search::index).
        crate::search::index::drain_pending(unit, u32::MAX)?;
        tx.commit().sql()?;
        Ok(value)
    }
}

/// Moves what an older database kept inside itself (PDFs) or beside it in per-record folders
/// (attachments) into the file store (filestore::refs::move_out). Quick when there is nothing
/// to do (an index finds the rows). A failure (a full disk) does not stop the app from
/// opening: every record stays readable where it is, and the next start carries on.
fn move_files_out(conn: &mut Connection, db_path: &Path) {
    let pending = conn
        .query_row(
            "SELECT EXISTS (SELECT 1 FROM document WHERE length(pdf) > 0 OR pdf_unsigned IS NOT NULL)
                 OR EXISTS (SELECT 1 FROM agenda_file WHERE stored_path NOT LIKE 'files/sha256/%')
                 OR EXISTS (SELECT 1 FROM task_progress WHERE stored_path IS NOT NULL AND stored_path NOT LIKE 'files/sha256/%')",
            [],
            |r| r.get::<_, bool>(0),
        )
        .unwrap_or(false);
    if !pending {
        return;
    }
    let data_dir = db_path.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    match crate::filestore::refs::move_out(conn, &data_dir) {
        Ok(report) => {
            for p in &report.problems {
                eprintln!("file store: {p}");
            }
            if report.pdfs > 0 {
                // Give the space the PDFs took back to the disk.
                if let Err(e) = conn.execute_batch("VACUUM") {
                    eprintln!("file store: VACUUM after moving PDFs out failed: {e}");
                }
            }
        }
        Err(e) => eprintln!("file store: moving files out of the database stopped: {}", e.message),
    }
}

fn application_id(conn: &Connection) -> Result<i32> {
    conn.pragma_query_value(None, "application_id", |r| r.get(0)).sql()
}

fn is_read_only(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, rusqlite::ErrorCode::ReadOnly | rusqlite::ErrorCode::CannotOpen))
}

/// A path as the `file:` URI form wants it (`?`, `#` and `%` escaped).
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
    out
}

/// Refuses, before anything is written, a file that is not a SQLite database or that
/// belongs to another application. Ours: our `application_id`, or (files made before the id
/// was set) id 0 with our schema version and our tables, or an empty database.
pub(crate) fn check_ours(conn: &Connection, path: &Path) -> Result<()> {
    let not_ours = || {
        AppError::storage(format!(
            "Tệp {} không phải cơ sở dữ liệu của Thư ký Tổ Công tác (có thể là tệp của chương trình khác). \
             Ứng dụng không mở và không thay đổi gì trong tệp này.",
            path.display()
        ))
    };
    let id: i32 = match conn.pragma_query_value(None, "application_id", |r| r.get(0)) {
        Ok(id) => id,
        Err(e) if is_corrupt(&e) => return Err(not_a_database(path)),
        Err(e) => return Err(crate::error::sql_error(e)),
    };
    if id == APPLICATION_ID {
        return migrations::check_not_newer(migrations::user_version(conn)?);
    }
    if id != 0 {
        return Err(not_ours());
    }
    let tables: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table'", [], |r| r.get(0))
        .map_err(|e| if is_corrupt(&e) { not_a_database(path) } else { crate::error::sql_error(e) })?;
    if tables == 0 {
        return Ok(());
    }
    let ours: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('agency', 'person', 'body', 'membership')",
        [],
        |r| r.get(0),
    ).sql()?;
    let version = migrations::user_version(conn)?;
    // A newer version of ours may have other tables: say so, before anything is changed.
    migrations::check_not_newer(version)?;
    if ours == 4 && version >= 1 {
        Ok(())
    } else {
        Err(not_ours())
    }
}

/// `PRAGMA quick_check` before anything is written: a damaged database is refused as it is,
/// so nothing is ever written on top of the damage (see the figure in docs/ARCHITECTURE.md).
fn check_intact(conn: &Connection, path: &Path) -> Result<()> {
    let problems = quick_check_conn(conn).map_err(|e| {
        if is_corrupt(&e) {
            not_a_database(path)
        } else {
            crate::error::sql_error(e)
        }
    })?;
    if problems.is_empty() {
        return Ok(());
    }
    Err(AppError::storage(format!(
        "Cơ sở dữ liệu {} bị hỏng: kiểm tra nhanh khi mở phát hiện lỗi ({}). \
         Để không làm hỏng thêm, ứng dụng không mở và không ghi gì vào tệp này. \
         Hãy khôi phục từ bản sao lưu gần nhất.",
        path.display(),
        problems.first().map(String::as_str).unwrap_or("")
    )))
}

/// The problems `PRAGMA quick_check` reports (empty when the database is intact).
pub fn quick_check(db: &Db) -> Result<Vec<String>> {
    quick_check_conn(db.conn()).sql()
}

fn quick_check_conn(conn: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA quick_check(20)")?;
    let rows: Vec<String> = stmt.query_map([], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

fn is_corrupt(e: &rusqlite::Error) -> bool {
    matches!(e, rusqlite::Error::SqliteFailure(f, _)
        if matches!(f.code, rusqlite::ErrorCode::NotADatabase | rusqlite::ErrorCode::DatabaseCorrupt))
}

fn not_a_database(path: &Path) -> AppError {
    AppError::storage(format!(
        "Tệp {} không đọc được như một cơ sở dữ liệu: tệp bị hỏng hoặc không phải cơ sở dữ liệu của ứng dụng. \
         Ứng dụng không ghi gì vào tệp này; hãy khôi phục từ bản sao lưu gần nhất.",
        path.display()
    ))
}

/// A read-only connection to an open store's file, for reads that must not wait for the
/// writer (WAL lets readers and one writer work at the same time). Refuses any write.
pub(crate) fn open_reader(path: &Path) -> Result<Connection> {
    let conn =
        Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX).sql()?;
    conn.busy_timeout(Duration::from_secs(5)).sql()?;
    conn.pragma_update(None, "query_only", "ON").sql()?;
    Ok(conn)
}

/// Current time as stored in `created_at`/`updated_at`: RFC 3339, UTC, milliseconds.
pub fn now() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// A new stable record id: UUID v7 (time-ordered), as text.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

#[cfg(test)]
mod decode_tests;
#[cfg(test)]
mod plan_tests;
#[cfg(test)]
mod stored_tests;
#[cfg(test)]
mod tests;

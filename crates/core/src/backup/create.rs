//! Making a backup: `VACUUM INTO` a temporary folder in the destination, the attached files
//! copied and hashed, the manifest written, everything flushed, then one rename.

use super::*;
use crate::error::Sql;
use crate::store::fsutil::{copy_hashing, hash_file, is_disk_full, sync_dir, unique_suffix, write_atomic};
use crate::store::{Db, Tx, DB_FILE};
use rusqlite::{Connection, OpenFlags};
use std::collections::BTreeSet;

/// What a backup run made.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct BackupReport {
    pub entry: BackupEntry,
    /// Scheduled backups removed by the retention rules after this one was made.
    pub pruned: Vec<String>,
}

/// Points where a test can make the run fail, to check that nothing half-made is left.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Copied,
    BeforeRename,
}

/// Backs up the data folder's database and attached files into `dest`.
pub fn create_backup(data_dir: &Path, dest: &Path, kind: BackupKind, now: NaiveDateTime) -> Result<BackupReport> {
    let entry = create_inner(data_dir, dest, kind, now, &mut |_| Ok(()))?;
    note_in_log(data_dir, crate::audit::AuditAction::Backup, &format!("Sao lưu vào {}", entry.path));
    Ok(BackupReport { entry, pruned: Vec::new() })
}

/// The scheduled backup: made when the newest backup in the destination is older than the
/// interval (or there is none), then the old scheduled ones are pruned. `None` when the
/// schedule is off or the last backup is recent enough.
pub fn run_scheduled(data_dir: &Path, settings: &BackupSettings, now: NaiveDateTime) -> Result<Option<BackupReport>> {
    if !settings.schedule_enabled {
        return Ok(None);
    }
    let dest = settings.destination_dir(data_dir);
    if let Some(last) = list_backups(&dest).first() {
        if now - last.created_at < chrono::Duration::hours(settings.interval_hours as i64) && last.created_at <= now {
            return Ok(None);
        }
    }
    let entry = create_inner(data_dir, &dest, BackupKind::Scheduled, now, &mut |_| Ok(()))?;
    let pruned = rotation::prune_scheduled(&dest, &settings.keep(), now)?;
    Ok(Some(BackupReport { entry, pruned }))
}

/// Called by the store when an existing database is about to be migrated: a database-only
/// copy in `<data dir>/backups/truoc-nang-cap/`, the last [`PRE_MIGRATION_KEEP`] kept.
pub fn before_migration(db: &Db, db_path: &Path) -> Result<()> {
    let conn = db.conn();
    let data_dir = match db_path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let dest = pre_migration_dir(&data_dir);
    let now = whole_seconds(chrono::Local::now().naive_local());
    let made = (|| -> Result<()> {
        std::fs::create_dir_all(&dest).map_err(|e| io_failure(&dest, &e))?;
        let name = unique_name(&dest, now, BackupKind::PreMigration);
        let tmp = dest.join(format!("{TMP_PREFIX}{name}-{}", unique_suffix()));
        std::fs::create_dir(&tmp).map_err(|e| io_failure(&dest, &e))?;
        let result = (|| -> Result<()> {
            let db = tmp.join(DB_FILE);
            vacuum_into(conn, &db, &dest)?;
            let version = crate::store::migrations::user_version(conn)?;
            let (size, sha256) = hash_file(&db).map_err(|e| io_failure(&dest, &e))?;
            let manifest = Manifest {
                format: FORMAT,
                app: "Thư ký Tổ Công tác".into(),
                app_version: env!("CARGO_PKG_VERSION").into(),
                schema_version: version,
                created_at: now,
                kind: BackupKind::PreMigration,
                name: name.clone(),
                files: vec![ManifestFile { path: DB_FILE.into(), size, sha256 }],
                problems: Vec::new(),
            };
            finish(&tmp, &dest, &name, &manifest, &mut |_| Ok(()))
        })();
        if result.is_err() {
            let _ = std::fs::remove_dir_all(&tmp);
        }
        result
    })();
    made.map_err(|e| {
        AppError::storage(format!(
            "Cơ sở dữ liệu cần được nâng cấp lên phiên bản mới, nhưng ứng dụng không tạo được bản sao trước khi nâng cấp \
             nên chưa nâng cấp và chưa thay đổi gì. {}",
            e.message
        ))
    })?;
    // Keep the newest few; never remove anything that is not one of ours.
    let old: Vec<BackupEntry> =
        list_backups(&dest).into_iter().filter(|e| e.kind == BackupKind::PreMigration).collect();
    for entry in old.iter().skip(PRE_MIGRATION_KEEP) {
        let _ = std::fs::remove_dir_all(&entry.path);
    }
    Ok(())
}

pub(crate) fn create_inner(
    data_dir: &Path,
    dest: &Path,
    kind: BackupKind,
    now: NaiveDateTime,
    hook: &mut dyn FnMut(Stage) -> Result<()>,
) -> Result<BackupEntry> {
    let now = whole_seconds(now);
    let source = data_dir.join(DB_FILE);
    if !source.is_file() {
        return Err(AppError::validation(format!(
            "Chưa có dữ liệu để sao lưu: không thấy tệp {} trong thư mục dữ liệu.",
            source.display()
        )));
    }
    std::fs::create_dir_all(dest).map_err(|e| failed(dest, io_failure(dest, &e)))?;
    remove_stale_temporaries(dest);
    let name = unique_name(dest, now, kind);
    let tmp = dest.join(format!("{TMP_PREFIX}{name}-{}", unique_suffix()));
    std::fs::create_dir(&tmp).map_err(|e| failed(dest, io_failure(dest, &e)))?;
    let result = write_backup(data_dir, &source, dest, &tmp, &name, kind, now, hook);
    match result {
        Ok(manifest) => Ok(BackupEntry::from_manifest(&dest.join(&name), &manifest)),
        Err(e) => {
            let _ = std::fs::remove_dir_all(&tmp);
            Err(failed(dest, e))
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn write_backup(
    data_dir: &Path,
    source: &Path,
    dest: &Path,
    tmp: &Path,
    name: &str,
    kind: BackupKind,
    now: NaiveDateTime,
    hook: &mut dyn FnMut(Stage) -> Result<()>,
) -> Result<Manifest> {
    // A connection of our own: the app's connection is not held while the copy is made, and
    // WAL lets the snapshot be read while the app keeps working.
    let conn = Connection::open_with_flags(source, OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX)
        .sql()?;
    conn.busy_timeout(std::time::Duration::from_secs(10)).sql()?;
    crate::store::check_ours(&conn, source)?;
    let db = tmp.join(DB_FILE);
    vacuum_into(&conn, &db, dest)?;
    drop(conn);
    let (size, sha256) = hash_file(&db).map_err(|e| io_failure(dest, &e))?;
    let mut files = vec![ManifestFile { path: DB_FILE.into(), size, sha256 }];

    // What the copy refers to, read from the copy itself, so files and records agree.
    let (version, attached) = {
        let copy = open_backup_db(&db)?;
        let problems = integrity_problems(&copy)?;
        if !problems.is_empty() {
            return Err(AppError::storage(format!(
                "Cơ sở dữ liệu hiện tại có lỗi toàn vẹn ({}); bản sao lưu không được tạo để không thay thế bản tốt.",
                problems.join("; ")
            )));
        }
        (crate::store::migrations::user_version(&copy)?, attached_files(&copy)?)
    };
    let mut problems = Vec::new();
    let mut seen = BTreeSet::new();
    let mut made_dirs = BTreeSet::new();
    for (stored_path, stored_sha) in attached {
        if !seen.insert(stored_path.clone()) {
            continue;
        }
        let Some(relative) = safe_relative(&stored_path) else {
            problems.push(format!("Đường dẫn tệp đính kèm không hợp lệ, không chép: {stored_path}"));
            continue;
        };
        let from = data_dir.join(&relative);
        if !from.is_file() {
            problems.push(format!("Thiếu tệp đính kèm {stored_path} trong thư mục dữ liệu."));
            continue;
        }
        let to = tmp.join(&relative);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io_failure(dest, &e))?;
            made_dirs.insert(parent.to_path_buf());
        }
        let (size, sha256) = copy_hashing(&from, &to).map_err(|e| io_failure(dest, &e))?;
        if !sha256.eq_ignore_ascii_case(&stored_sha) {
            problems.push(format!(
                "Tệp đính kèm {stored_path} đã khác với lúc đính kèm (SHA-256 {sha256}, lúc đính kèm {stored_sha}); đã chép nguyên trạng."
            ));
        }
        files.push(ManifestFile { path: stored_path, size, sha256 });
    }
    hook(Stage::Copied)?;
    let manifest = Manifest {
        format: FORMAT,
        app: "Thư ký Tổ Công tác".into(),
        app_version: env!("CARGO_PKG_VERSION").into(),
        schema_version: version,
        created_at: now,
        kind,
        name: name.to_string(),
        files,
        problems,
    };
    // Flush the new folders' entries (deepest first) before the manifest is written.
    for dir in made_dirs.iter().rev() {
        let mut d = dir.clone();
        while d.starts_with(tmp) && d != tmp {
            sync_dir(&d).map_err(|e| io_failure(dest, &e))?;
            if !d.pop() {
                break;
            }
        }
    }
    finish(tmp, dest, name, &manifest, hook)?;
    Ok(manifest)
}

/// Writes the manifest, flushes, and renames the temporary folder to its final name.
fn finish(
    tmp: &Path,
    dest: &Path,
    name: &str,
    manifest: &Manifest,
    hook: &mut dyn FnMut(Stage) -> Result<()>,
) -> Result<()> {
    let json = serde_json::to_vec_pretty(manifest).map_err(|e| AppError::storage(e.to_string()))?;
    write_atomic(&tmp.join(MANIFEST), &json)?;
    sync_dir(tmp).map_err(|e| io_failure(dest, &e))?;
    hook(Stage::BeforeRename)?;
    std::fs::rename(tmp, dest.join(name)).map_err(|e| io_failure(dest, &e))?;
    sync_dir(dest).map_err(|e| io_failure(dest, &e))?;
    Ok(())
}

/// `place`: the folder named in a message (the destination, not the temporary folder).
fn vacuum_into(conn: &Connection, target: &Path, place: &Path) -> Result<()> {
    let target_str = target.to_string_lossy().to_string();
    conn.execute("VACUUM INTO ?1", [target_str]).map_err(|e| sqlite_failure(place, e))?;
    // VACUUM INTO does not sync its output; flush it before anything refers to it.
    std::fs::File::open(target).and_then(|f| f.sync_all()).map_err(|e| io_failure(place, &e))?;
    Ok(())
}

/// Opens a database inside a backup without changing a byte of it.
pub(crate) fn open_backup_db(path: &Path) -> Result<Connection> {
    let uri = format!("file:{}?immutable=1", uri_path(path));
    let conn = Connection::open_with_flags(
        uri,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .sql()?;
    Ok(conn)
}

fn uri_path(path: &Path) -> String {
    path.to_string_lossy().replace('%', "%25").replace('?', "%3f").replace('#', "%23")
}

/// The problems `PRAGMA integrity_check` reports (empty when intact).
pub(crate) fn integrity_problems(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare("PRAGMA integrity_check(20)").sql()?;
    let rows: Vec<String> = stmt.query_map([], |r| r.get(0)).sql()?.collect::<rusqlite::Result<_>>().sql()?;
    Ok(rows.into_iter().filter(|r| r != "ok").collect())
}

/// (stored_path, sha256) of every attached file, when the schema has them.
pub(crate) fn attached_files(conn: &Connection) -> Result<Vec<(String, String)>> {
    let has: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'agenda_file'", [], |r| r.get(0))
        .sql()?;
    if has == 0 {
        return Ok(Vec::new());
    }
    let mut stmt = conn.prepare("SELECT stored_path, sha256 FROM agenda_file ORDER BY stored_path").sql()?;
    let mut rows: Vec<(String, String)> =
        stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).sql()?.collect::<rusqlite::Result<_>>().sql()?;
    // The file store (filestore/): every stored file, by its hash.
    let has_store: i64 = conn
        .query_row("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'stored_file'", [], |r| r.get(0))
        .sql()?;
    if has_store > 0 {
        let mut stmt = conn.prepare("SELECT sha256 FROM stored_file ORDER BY sha256").sql()?;
        let hashes =
            stmt.query_map([], |r| r.get::<_, String>(0)).sql()?.collect::<rusqlite::Result<Vec<_>>>().sql()?;
        for sha in hashes {
            if sha.len() == 64 {
                rows.push((format!("{}/{}/{sha}", crate::filestore::FILES_DIR, &sha[..2]), sha));
            }
        }
    }
    Ok(rows)
}

/// The time as the folder's name shows it.
fn whole_seconds(t: NaiveDateTime) -> NaiveDateTime {
    use chrono::Timelike;
    t.with_nanosecond(0).unwrap_or(t)
}

fn unique_name(dest: &Path, now: NaiveDateTime, kind: BackupKind) -> String {
    let base = folder_name(now, kind);
    if !dest.join(&base).exists() {
        return base;
    }
    (2..).map(|n| format!("{base}-{n}")).find(|n| !dest.join(n).exists()).unwrap_or(base)
}

/// Leftovers of a run that was killed: `.tmp-…` folders older than a day (a younger one may
/// belong to another process making a backup right now).
fn remove_stale_temporaries(dest: &Path) {
    let Ok(read) = std::fs::read_dir(dest) else { return };
    for e in read.filter_map(|e| e.ok()) {
        let name = e.file_name().to_string_lossy().to_string();
        if !name.starts_with(&format!("{TMP_PREFIX}{PREFIX}")) {
            continue;
        }
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age > std::time::Duration::from_secs(24 * 3600));
        if old {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// A failure while writing into `place`, in words a secretary understands.
pub(crate) fn io_failure(place: &Path, e: &std::io::Error) -> AppError {
    if is_disk_full(e) {
        AppError::storage(format!("ổ đĩa chứa {} đã đầy", place.display()))
    } else if e.kind() == std::io::ErrorKind::PermissionDenied {
        AppError::storage(format!("không có quyền ghi vào {}", place.display()))
    } else {
        AppError::storage(format!("lỗi đọc/ghi tại {} (chi tiết kỹ thuật: {e})", place.display()))
    }
}

fn sqlite_failure(place: &Path, e: rusqlite::Error) -> AppError {
    if let rusqlite::Error::SqliteFailure(f, _) = &e {
        if f.code == rusqlite::ErrorCode::DiskFull {
            return AppError::storage(format!("ổ đĩa chứa {} đã đầy", place.display()));
        }
        if f.code == rusqlite::ErrorCode::SystemIoFailure || f.code == rusqlite::ErrorCode::CannotOpen {
            return AppError::storage(format!(
                "không ghi được vào {} (ổ đĩa có thể đã đầy, bị rút ra hoặc không cho ghi; chi tiết kỹ thuật: {e})",
                place.display()
            ));
        }
    }
    crate::error::sql_error(e)
}

fn failed(dest: &Path, e: AppError) -> AppError {
    let reason = e.message.trim_end_matches('.');
    AppError::new(
        e.code,
        format!(
            "Không tạo được bản sao lưu trong {}: {reason}. Phần đã chép dở đã được xóa; dữ liệu hiện tại và các bản sao lưu cũ không bị ảnh hưởng.",
            dest.display()
        ),
    )
}

/// Records a backup or a restore in the audit trail of the data folder's database. Best
/// effort: the backup is made (or the data restored) whether or not the line can be written.
pub fn note_in_log(data_dir: &Path, action: crate::audit::AuditAction, summary: &str) {
    let Ok(mut conn) = rusqlite::Connection::open(data_dir.join(crate::store::DB_FILE)) else { return };
    let _ = conn.busy_timeout(std::time::Duration::from_secs(5));
    let Ok(tx) = conn.transaction_with_behavior(rusqlite::TransactionBehavior::Immediate) else { return };
    if crate::audit::record(Tx::of(&tx), action, "data", "", summary, None).is_ok() {
        let _ = tx.commit();
    }
}

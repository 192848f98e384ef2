//! Restoring a backup into the data folder, and opening one read-only to look something up.
//!
//! Order: verify the backup (nothing moved if it fails); copy it into a staging folder inside
//! the data folder, checking every hash again; move the current database and attached files
//! aside into `truoc-khoi-phuc-<time>/` (never deleted); rename the staged copy into place;
//! open it (an older schema is migrated here). A failure at any step after the move puts the
//! current data back as it was.

use super::*;
use crate::store::fsutil::{copy_hashing, sync_dir, unique_suffix};
use crate::store::{Store, DB_FILE, SCHEMA_VERSION};

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RestoreReport {
    pub restored: BackupEntry,
    /// Where the data that was in use went (absent when the data folder was empty).
    pub moved_aside: Option<String>,
    pub warnings: Vec<String>,
}

/// Points where a test can make the run fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Stage {
    Staged,
    MovedAside,
    Placed,
}

/// What is moved aside: the database with its journal files, and the attached files.
const DB_ITEMS: [&str; 4] = ["secretariat.db", "secretariat.db-wal", "secretariat.db-shm", "secretariat.db-journal"];
const FILES_DIR: &str = "files";

/// Restores the backup in `backup` into `data_dir`, which must not be open (close the store
/// first). Returns the report and the restored store, open and migrated.
pub fn restore_backup(backup: &Path, data_dir: &Path, now: NaiveDateTime) -> Result<(RestoreReport, Store)> {
    restore_inner(backup, data_dir, now, &mut |_| Ok(()))
}

pub(crate) fn restore_inner(
    backup: &Path,
    data_dir: &Path,
    now: NaiveDateTime,
    hook: &mut dyn FnMut(Stage) -> Result<()>,
) -> Result<(RestoreReport, Store)> {
    debug_assert_eq!(DB_ITEMS[0], DB_FILE);
    let check = verify_backup(backup);
    if !check.ok() {
        return Err(AppError::validation(format!("{}. Chưa có gì bị thay đổi.", check.summary())));
    }
    let manifest = read_manifest(backup)?;
    let with_files = manifest.kind != BackupKind::PreMigration;
    if let (Ok(b), Ok(d)) = (backup.canonicalize(), data_dir.canonicalize()) {
        if d.starts_with(&b) {
            return Err(AppError::validation("Không khôi phục một bản sao lưu vào chính thư mục của nó."));
        }
    }
    std::fs::create_dir_all(data_dir)
        .map_err(|e| AppError::storage(format!("Không tạo được thư mục dữ liệu {}: {e}", data_dir.display())))?;

    // 1. Stage a checked copy inside the data folder (same disk: the final step is a rename).
    let stage = data_dir.join(format!(".khoi-phuc-tmp-{}", unique_suffix()));
    let staged = stage_copy(backup, &stage, &manifest, with_files).and_then(|_| hook(Stage::Staged));
    if let Err(e) = staged {
        let _ = std::fs::remove_dir_all(&stage);
        return Err(AppError::new(
            e.code,
            format!("Không khôi phục được: {} Dữ liệu hiện tại chưa bị thay đổi.", e.message),
        ));
    }

    // 2. Move the current data aside, 3. put the copy in place, 4. open it.
    let aside = unique_aside(data_dir, now);
    let mut moved: Vec<&str> = Vec::new();
    let mut placed: Vec<&str> = Vec::new();
    let result = (|| -> Result<Store> {
        let items: Vec<&str> = DB_ITEMS
            .iter()
            .copied()
            .chain(with_files.then_some(FILES_DIR))
            .filter(|n| data_dir.join(n).exists())
            .collect();
        if !items.is_empty() {
            std::fs::create_dir(&aside).map_err(|e| step_failed("chuyển dữ liệu hiện tại sang chỗ khác", &e))?;
        }
        for name in items {
            std::fs::rename(data_dir.join(name), aside.join(name))
                .map_err(|e| step_failed("chuyển dữ liệu hiện tại sang chỗ khác", &e))?;
            moved.push(name);
        }
        hook(Stage::MovedAside)?;
        for name in [DB_FILE, FILES_DIR] {
            if stage.join(name).exists() {
                std::fs::rename(stage.join(name), data_dir.join(name))
                    .map_err(|e| step_failed("đặt bản sao lưu vào thư mục dữ liệu", &e))?;
                placed.push(name);
            }
        }
        sync_dir(data_dir).map_err(|e| step_failed("ghi thư mục dữ liệu", &e))?;
        hook(Stage::Placed)?;
        Store::open_in_dir(data_dir)
    })();
    let store = match result {
        Ok(store) => store,
        Err(e) => {
            let back = put_back(data_dir, &aside, &moved, &placed);
            let _ = std::fs::remove_dir_all(&stage);
            let tail = match back {
                Ok(()) => "Dữ liệu hiện tại đã được đưa về như cũ.".to_string(),
                Err(b) => format!(
                    "Không đưa được toàn bộ dữ liệu hiện tại về chỗ cũ ({b}); dữ liệu đó vẫn còn nguyên trong {}.",
                    aside.display()
                ),
            };
            return Err(AppError::new(e.code, format!("Không khôi phục được: {} {tail}", e.message)));
        }
    };
    let _ = std::fs::remove_dir_all(&stage);
    Ok((
        RestoreReport {
            restored: BackupEntry::from_manifest(backup, &manifest),
            moved_aside: (!moved.is_empty()).then(|| aside.display().to_string()),
            warnings: check.warnings,
        },
        store,
    ))
}

fn stage_copy(backup: &Path, stage: &Path, manifest: &Manifest, with_files: bool) -> Result<()> {
    std::fs::create_dir(stage).map_err(|e| step_failed("chuẩn bị bản chép tạm", &e))?;
    for f in &manifest.files {
        if !with_files && f.path != DB_FILE {
            continue;
        }
        let relative = safe_relative(&f.path)
            .ok_or_else(|| AppError::validation(format!("Đường dẫn không hợp lệ trong bản sao lưu: {}", f.path)))?;
        let to = stage.join(&relative);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| step_failed("chuẩn bị bản chép tạm", &e))?;
        }
        let (size, sha) =
            copy_hashing(&backup.join(&relative), &to).map_err(|e| step_failed("chép bản sao lưu", &e))?;
        if size != f.size || !sha.eq_ignore_ascii_case(&f.sha256) {
            return Err(AppError::validation(format!(
                "Tệp {} đọc ra khác với lúc sao lưu (mã SHA-256 không khớp).",
                f.path
            )));
        }
    }
    sync_dir(stage).map_err(|e| step_failed("chép bản sao lưu", &e))?;
    Ok(())
}

/// Undoes a restore that failed: removes what was placed, moves the old data back.
fn put_back(data_dir: &Path, aside: &Path, moved: &[&str], placed: &[&str]) -> std::result::Result<(), String> {
    let mut errors = Vec::new();
    for name in placed {
        let p = data_dir.join(name);
        let r = if p.is_dir() { std::fs::remove_dir_all(&p) } else { std::fs::remove_file(&p) };
        if let Err(e) = r {
            errors.push(format!("{name}: {e}"));
        }
    }
    // Journal files an open attempt may have created beside the restored database.
    for extra in &DB_ITEMS[1..] {
        if !moved.contains(extra) {
            let _ = std::fs::remove_file(data_dir.join(extra));
        }
    }
    for name in moved {
        if let Err(e) = std::fs::rename(aside.join(name), data_dir.join(name)) {
            errors.push(format!("{name}: {e}"));
        }
    }
    if errors.is_empty() {
        let _ = std::fs::remove_dir(aside);
        let _ = sync_dir(data_dir);
        Ok(())
    } else {
        Err(errors.join("; "))
    }
}

fn unique_aside(data_dir: &Path, now: NaiveDateTime) -> PathBuf {
    let base = format!("truoc-khoi-phuc-{}", now.format(NAME_TIME));
    let first = data_dir.join(&base);
    if !first.exists() {
        return first;
    }
    (2..).map(|n| data_dir.join(format!("{base}-{n}"))).find(|p| !p.exists()).unwrap_or(first)
}

fn step_failed(step: &str, e: &std::io::Error) -> AppError {
    if crate::store::fsutil::is_disk_full(e) {
        AppError::storage(format!("ổ đĩa đã đầy khi {step}."))
    } else {
        AppError::storage(format!("lỗi khi {step} (chi tiết kỹ thuật: {e})."))
    }
}

/// The message a write gets while a backup is being looked at.
pub const VIEW_READ_ONLY: &str = "Đang xem bản sao lưu (chỉ đọc): không lưu được thay đổi. \
     Bấm \"Quay lại dữ liệu hiện tại\" để tiếp tục làm việc.";

/// Opens the backup in `backup` read-only, after verifying it. A backup at this schema
/// version is read where it is, without changing a byte; an older one is copied into
/// `scratch` (a folder this call creates and the caller removes when done) and upgraded
/// there. Every write is refused with [`VIEW_READ_ONLY`].
pub fn open_view(backup: &Path, scratch: &Path) -> Result<(BackupEntry, Store)> {
    let check = verify_backup(backup);
    if !check.ok() {
        return Err(AppError::validation(check.summary()));
    }
    let manifest = read_manifest(backup)?;
    let mut store = if manifest.schema_version == SCHEMA_VERSION {
        Store::open_read_only(&backup.join(DB_FILE))?
    } else {
        std::fs::create_dir_all(scratch)?;
        let copy = scratch.join(DB_FILE);
        let _ = std::fs::remove_file(&copy);
        copy_hashing(&backup.join(DB_FILE), &copy)?;
        Store::open(&copy)?
    };
    store.set_read_only(VIEW_READ_ONLY)?;
    Ok((BackupEntry::from_manifest(backup, &manifest), store))
}

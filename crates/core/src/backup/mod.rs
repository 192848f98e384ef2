//! Backup and restore (Decree 30, Appendix VI: "back up periodically and on demand, and
//! restore").
//!
//! A backup is a folder `<dest>/secretariat-<yyyymmdd-hhmmss>-<kind>/` holding the database
//! (made with `VACUUM INTO`, a consistent snapshot, never a raw copy of a live file), every
//! attached file the records refer to, and `manifest.json` listing each file with its size and
//! SHA-256. It is written into a `.tmp-…` folder in the destination, flushed to the disk and
//! only then renamed, so a half-written backup never looks complete.
//!
//! - [`create`]: on demand, on a schedule, and before every migration (database only, in
//!   `<data dir>/backups/truoc-nang-cap/`, the last 3 kept).
//! - [`verify`]: every hash, `integrity_check`, application id, schema version.
//! - [`restore`]: verified first; the current data is moved aside into
//!   `<data dir>/truoc-khoi-phuc-<time>/` (never deleted); any failure moves it back.
//!   [`restore::open_view`] opens a backup read-only to look something up.
//! - [`rotation`]: which scheduled backups to keep (daily, weekly, monthly).
//! - [`settings`]: destination, schedule and retention, stored in the `setting` table.

pub mod create;
pub mod dump;
pub mod restore;
pub mod rotation;
pub mod settings;
pub mod verify;

#[cfg(test)]
mod tests;

pub use create::{before_migration, create_backup, note_in_log, run_scheduled, BackupReport};
pub use dump::{dump, dump_records};
pub use restore::{open_view, restore_backup, RestoreReport};
pub use settings::{backup_settings, save_backup_schedule, set_backup_destination, BackupSchedule, BackupSettings};
pub use verify::{verify_backup, VerifyReport};

use crate::error::{AppError, Result};
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Component, Path, PathBuf};

/// The manifest's file name inside a backup folder.
pub const MANIFEST: &str = "manifest.json";
/// Prefix of every backup folder's name.
pub const PREFIX: &str = "secretariat-";
/// Prefix of a backup still being written (never a complete backup).
pub const TMP_PREFIX: &str = ".tmp-";
/// Sub-folder of the data folder for the copies made before a migration.
pub const PRE_MIGRATION_DIR: &str = "truoc-nang-cap";
/// How many pre-migration copies are kept.
pub const PRE_MIGRATION_KEEP: usize = 3;
const NAME_TIME: &str = "%Y%m%d-%H%M%S";
const FORMAT: u32 = 1;

/// Why a backup was made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type, strum::EnumIter)]
#[serde(rename_all = "snake_case")]
pub enum BackupKind {
    /// Asked for by a person (window or command line); never pruned.
    Manual,
    /// Made by the schedule; pruned by the retention rules.
    Scheduled,
    /// The database as it was before a migration; the last 3 kept.
    PreMigration,
}

impl BackupKind {
    /// The end of the folder's name (plain ASCII, readable by a secretary).
    pub fn suffix(self) -> &'static str {
        match self {
            BackupKind::Manual => "thu-cong",
            BackupKind::Scheduled => "tu-dong",
            BackupKind::PreMigration => "truoc-nang-cap",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BackupKind::Manual => "thủ công",
            BackupKind::Scheduled => "tự động",
            BackupKind::PreMigration => "trước nâng cấp",
        }
    }

    fn from_suffix(s: &str) -> Option<Self> {
        [BackupKind::Manual, BackupKind::Scheduled, BackupKind::PreMigration].into_iter().find(|k| k.suffix() == s)
    }
}

crate::store::variants!(BackupKind);

/// One file of a backup, as the manifest lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ManifestFile {
    /// Relative to the backup folder, with `/` separators.
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// `manifest.json`: what the backup holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: u32,
    pub app: String,
    pub app_version: String,
    pub schema_version: i64,
    /// Local time of the machine that made it.
    pub created_at: NaiveDateTime,
    pub kind: BackupKind,
    /// The folder's name when it was made.
    pub name: String,
    pub files: Vec<ManifestFile>,
    /// What did not match the records when the backup was made (a missing attached file, a
    /// file whose content no longer matches its stored SHA-256). Reported, never hidden.
    #[serde(default)]
    pub problems: Vec<String>,
}

/// A backup as listed in the window and the command line.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct BackupEntry {
    pub name: String,
    pub path: String,
    pub kind: BackupKind,
    pub created_at: NaiveDateTime,
    pub schema_version: i32,
    pub app_version: String,
    /// Total bytes of the files listed.
    pub size: f64,
    /// Attached files (besides the database).
    pub attachments: u32,
    pub problems: Vec<String>,
}

impl BackupEntry {
    fn from_manifest(dir: &Path, m: &Manifest) -> Self {
        Self {
            name: dir.file_name().map(|n| n.to_string_lossy().to_string()).unwrap_or_default(),
            path: dir.display().to_string(),
            kind: m.kind,
            created_at: m.created_at,
            schema_version: m.schema_version as i32,
            app_version: m.app_version.clone(),
            size: m.files.iter().map(|f| f.size).sum::<u64>() as f64,
            attachments: m.files.iter().filter(|f| f.path != crate::store::DB_FILE).count() as u32,
            problems: m.problems.clone(),
        }
    }
}

/// The folder name for a backup made at `at`.
pub fn folder_name(at: NaiveDateTime, kind: BackupKind) -> String {
    format!("{PREFIX}{}-{}", at.format(NAME_TIME), kind.suffix())
}

/// Reads a backup folder's name: when it was made and why. `None` for any other name
/// (including a backup still being written).
pub fn parse_folder_name(name: &str) -> Option<(NaiveDateTime, BackupKind)> {
    let rest = name.strip_prefix(PREFIX)?;
    let time = rest.get(..15)?;
    let at = NaiveDateTime::parse_from_str(time, NAME_TIME).ok()?;
    let tail = rest.get(15..)?.strip_prefix('-')?;
    // An optional "-N" when two backups were made within one second.
    let kind_part = match tail.rsplit_once('-') {
        Some((head, n))
            if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) && BackupKind::from_suffix(head).is_some() =>
        {
            head
        }
        _ => tail,
    };
    Some((at, BackupKind::from_suffix(kind_part)?))
}

pub fn read_manifest(dir: &Path) -> Result<Manifest> {
    let path = dir.join(MANIFEST);
    let text = std::fs::read_to_string(&path).map_err(|e| {
        AppError::validation(format!(
            "Thư mục {} không phải một bản sao lưu hoàn chỉnh: không đọc được {MANIFEST} ({e}).",
            dir.display()
        ))
    })?;
    serde_json::from_str(&text)
        .map_err(|e| AppError::validation(format!("Tệp {} bị hỏng hoặc không phải của ứng dụng: {e}", path.display())))
}

/// Every complete backup directly inside `dir`, newest first. Folders still being written
/// and folders without a readable manifest are left out.
pub fn list_backups(dir: &Path) -> Vec<BackupEntry> {
    let Ok(read) = std::fs::read_dir(dir) else { return Vec::new() };
    let mut out: Vec<BackupEntry> = read
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().map(|t| t.is_dir()).unwrap_or(false))
        .filter(|e| parse_folder_name(&e.file_name().to_string_lossy()).is_some())
        .filter_map(|e| read_manifest(&e.path()).ok().map(|m| BackupEntry::from_manifest(&e.path(), &m)))
        .collect();
    out.sort_by(|a, b| b.created_at.cmp(&a.created_at).then_with(|| b.name.cmp(&a.name)));
    out
}

/// The folder of the pre-migration copies.
pub fn pre_migration_dir(data_dir: &Path) -> PathBuf {
    data_dir.join("backups").join(PRE_MIGRATION_DIR)
}

/// A manifest path made safe: relative, no `..`, no root or drive. `None` when it is not.
pub(crate) fn safe_relative(path: &str) -> Option<PathBuf> {
    let p = Path::new(path);
    if path.is_empty() {
        return None;
    }
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::Normal(part) => out.push(part),
            Component::CurDir => {}
            _ => return None,
        }
    }
    if out.as_os_str().is_empty() {
        None
    } else {
        Some(out)
    }
}

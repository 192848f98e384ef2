//! Backup settings (destination, schedule, retention, warning), one JSON row of the `setting`
//! table, and the status the window shows.

use super::rotation::Keep;
use super::*;
use crate::error::Sql;
use crate::store::{now as stamp, Db, Store};
use rusqlite::{params, OptionalExtension};

const KEY: &str = "backup";
/// Presets the destination when none was chosen in the settings; also answers the window's
/// folder picker (which WebDriver cannot drive) so tests can choose a folder.
pub const BACKUP_DIR_ENV: &str = "SECRETARIAT_BACKUP_DIR";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct BackupSettings {
    /// Chosen through the folder dialog; `None`: `SECRETARIAT_BACKUP_DIR`, else
    /// `<data dir>/backups`.
    pub destination: Option<String>,
    pub schedule_enabled: bool,
    /// A scheduled backup is made when the newest backup is older than this.
    pub interval_hours: u32,
    /// Scheduled backups kept: the newest of each of the last N days, weeks, months.
    pub keep_daily: u32,
    pub keep_weekly: u32,
    pub keep_monthly: u32,
    /// The window warns when the newest backup is older than this.
    pub warn_after_days: u32,
}

impl Default for BackupSettings {
    fn default() -> Self {
        Self {
            destination: None,
            schedule_enabled: true,
            interval_hours: 24,
            keep_daily: 7,
            keep_weekly: 8,
            keep_monthly: 12,
            warn_after_days: 7,
        }
    }
}

/// What the settings page may change: everything but the destination, which only the
/// folder dialog (opened by the app, not the page) sets.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct BackupSchedule {
    pub schedule_enabled: bool,
    pub interval_hours: u32,
    pub keep_daily: u32,
    pub keep_weekly: u32,
    pub keep_monthly: u32,
    pub warn_after_days: u32,
}

impl BackupSettings {
    /// Where backups go.
    pub fn destination_dir(&self, data_dir: &Path) -> PathBuf {
        if let Some(d) = self.destination.as_deref().filter(|d| !d.is_empty()) {
            return PathBuf::from(d);
        }
        if let Some(env) = std::env::var_os(BACKUP_DIR_ENV).filter(|v| !v.is_empty()) {
            return PathBuf::from(env);
        }
        data_dir.join("backups")
    }

    pub fn keep(&self) -> Keep {
        Keep { daily: self.keep_daily, weekly: self.keep_weekly, monthly: self.keep_monthly }
    }
}

pub fn backup_settings(conn: &Db) -> Result<BackupSettings> {
    let value: Option<String> =
        conn.query_row("SELECT value FROM setting WHERE key = ?1", [KEY], |r| r.get(0)).optional().sql()?;
    match value {
        Some(json) => serde_json::from_str(&json)
            .map_err(|_| AppError::from(crate::store::CorruptValue::new("setting", KEY, "value", &json))),
        None => Ok(BackupSettings::default()),
    }
}

pub fn save_backup_schedule(store: &mut Store, input: &BackupSchedule) -> Result<BackupSettings> {
    let checks = [
        (input.interval_hours, 1, 24 * 31, "Khoảng cách giữa hai lần sao lưu tự động phải từ 1 đến 744 giờ."),
        (input.keep_daily, 1, 366, "Số ngày giữ bản sao lưu hằng ngày phải từ 1 đến 366."),
        (input.keep_weekly, 0, 520, "Số tuần giữ bản sao lưu hằng tuần phải từ 0 đến 520."),
        (input.keep_monthly, 0, 240, "Số tháng giữ bản sao lưu hằng tháng phải từ 0 đến 240."),
        (input.warn_after_days, 1, 366, "Số ngày trước khi cảnh báo phải từ 1 đến 366."),
    ];
    for (value, min, max, message) in checks {
        if !(min..=max).contains(&value) {
            return Err(AppError::validation(message));
        }
    }
    let mut settings = store.read(backup_settings)?;
    settings.schedule_enabled = input.schedule_enabled;
    settings.interval_hours = input.interval_hours;
    settings.keep_daily = input.keep_daily;
    settings.keep_weekly = input.keep_weekly;
    settings.keep_monthly = input.keep_monthly;
    settings.warn_after_days = input.warn_after_days;
    save(store, &settings)?;
    Ok(settings)
}

/// Sets the destination (a folder the person chose in the dialog). It must exist and be
/// writable, which is checked by writing and removing a small file.
pub fn set_backup_destination(store: &mut Store, data_dir: &Path, dir: &Path) -> Result<BackupSettings> {
    if !dir.is_dir() {
        return Err(AppError::validation(format!("Thư mục {} không tồn tại.", dir.display())));
    }
    let probe = dir.join(format!(".secretariat-thu-ghi-{}", crate::store::fsutil::unique_suffix()));
    std::fs::write(&probe, b"ok").map_err(|e| {
        AppError::validation(format!("Không ghi được vào thư mục {}: {e}. Hãy chọn thư mục khác.", dir.display()))
    })?;
    let _ = std::fs::remove_file(&probe);
    if let (Ok(d), Ok(data)) = (dir.canonicalize(), data_dir.canonicalize()) {
        if d == data || (d.starts_with(&data) && !d.starts_with(data.join("backups"))) {
            return Err(AppError::validation(
                "Không chọn chính thư mục dữ liệu (hay một thư mục con của nó) làm nơi sao lưu: khi khôi phục, \
                 dữ liệu ở đó được chuyển đi. Hãy chọn một thư mục khác, tốt nhất trên ổ đĩa khác hoặc USB.",
            ));
        }
    }
    let mut settings = store.read(backup_settings)?;
    settings.destination = Some(dir.display().to_string());
    save(store, &settings)?;
    Ok(settings)
}

fn save(store: &mut Store, settings: &BackupSettings) -> Result<()> {
    let json = serde_json::to_string(settings).map_err(|e| AppError::storage(e.to_string()))?;
    store.write(|tx| {
        tx.execute(
            "INSERT INTO setting (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![KEY, json, stamp()],
        )
        .sql()?;
        Ok(())
    })
}

/// Best effort, for a database the store refused (damaged): the settings read through a
/// read-only connection that changes nothing, or the defaults.
pub fn settings_of_unopenable(db: &Path) -> BackupSettings {
    super::create::open_backup_db(db).ok().and_then(|c| backup_settings(Db::of(&c)).ok()).unwrap_or_default()
}

/// What the window shows about backups.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct BackupStatus {
    pub settings: BackupSettings,
    pub destination: String,
    /// The destination is inside the data folder (same disk): a folder on another disk or a
    /// USB stick protects against more.
    pub destination_in_data_dir: bool,
    /// The newest complete backup in the destination.
    pub last: Option<BackupEntry>,
    /// No backup, or the newest is older than `warn_after_days`.
    pub stale: bool,
    /// Whole days since the newest backup.
    pub age_days: Option<i32>,
    pub backups: Vec<BackupEntry>,
    pub pre_migration: Vec<BackupEntry>,
}

pub fn status(settings: &BackupSettings, data_dir: &Path, now: NaiveDateTime) -> BackupStatus {
    let dest = settings.destination_dir(data_dir);
    let backups = list_backups(&dest);
    let last = backups.first().cloned();
    let age_days = last.as_ref().map(|l| (now - l.created_at).num_days().max(0) as i32);
    let stale = age_days.is_none_or(|d| d >= settings.warn_after_days as i32);
    let destination_in_data_dir = match (dest.canonicalize(), data_dir.canonicalize()) {
        (Ok(d), Ok(data)) => d.starts_with(data),
        _ => dest.starts_with(data_dir),
    };
    BackupStatus {
        settings: settings.clone(),
        destination: dest.display().to_string(),
        destination_in_data_dir,
        last,
        stale,
        age_days,
        backups,
        pre_migration: list_backups(&pre_migration_dir(data_dir)),
    }
}

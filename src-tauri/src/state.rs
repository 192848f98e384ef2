//! The store as the window's commands share it, and the backup actions that replace it.
//!
//! The store sits in a `Mutex<Result<Store, AppError>>`: if the database cannot be opened (a
//! newer schema, a damaged or unreadable file) the window still opens and shows the Vietnamese
//! message, every command returns that error, and a restore can put a good database in its
//! place without restarting. A backup can be looked at read-only the same way: its store is
//! swapped in, and swapped back out by "Quay lại dữ liệu hiện tại".

use chrono::Local;
use secretariat_core::audit::{self, AuditAction};
use secretariat_core::backup::{
    self, settings::settings_of_unopenable, settings::BackupStatus, BackupEntry, BackupKind, BackupReport,
    BackupSettings, RestoreReport, VerifyReport,
};
use secretariat_core::store::paths::default_data_dir;
use secretariat_core::store::{Db, Readers, DB_FILE};
use secretariat_core::{AppError, ErrorCode, Result, Store};
use serde::{Deserialize, Serialize};
use specta::Type;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

/// Read connections kept open for reuse.
const READERS: usize = 4;

/// Where a backup the page names lives. The page names a backup by its folder name within
/// one of these; it never sends a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "snake_case")]
pub enum BackupLocation {
    /// The backup folder of the settings.
    Destination,
    /// `<data dir>/backups/truoc-nang-cap/`.
    PreMigration,
    /// The folder last chosen with "Mở bản sao lưu khác…".
    Picked,
}

/// What the window shows about backups.
#[derive(Debug, Clone, Serialize, Type)]
pub struct BackupOverview {
    pub status: BackupStatus,
    /// The backup being looked at (read-only), if any.
    pub viewing: Option<BackupEntry>,
    /// Why the last scheduled backup failed, until one succeeds.
    pub schedule_error: Option<String>,
    /// The current database could not be opened: the window offers a restore.
    pub store_error: Option<AppError>,
}

pub struct AppState {
    pub data_dir: PathBuf,
    /// Read connections to the current store's file (WAL): reads take one of these instead of
    /// the store's lock, so a long read never waits for a write nor makes one wait. Declared
    /// before the store so that they close first and the store's connection, closing last,
    /// checkpoints the WAL into the database file. Invalidated whenever the store is replaced
    /// (restore, view), so that older read connections are dropped instead of reused.
    readers: Readers,
    store: Mutex<std::result::Result<Store, AppError>>,
    viewing: Mutex<Option<BackupEntry>>,
    /// One backup, restore or view switch at a time (buttons and the schedule).
    busy: Mutex<()>,
    schedule_error: Mutex<Option<String>>,
    picked: Mutex<Option<PathBuf>>,
}

/// A panic while holding a lock cannot leave a half-written change (the transaction rolls
/// back), so a poisoned lock is safe to reuse.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
}

impl AppState {
    pub fn open(data_dir: PathBuf) -> Self {
        // A scratch copy left by a view of an older backup when the app was closed.
        let _ = std::fs::remove_dir_all(view_scratch(&data_dir));
        let store = Store::open_in_dir(&data_dir);
        Self {
            data_dir,
            readers: Readers::new(READERS),
            store: Mutex::new(store),
            viewing: Mutex::new(None),
            busy: Mutex::new(()),
            schedule_error: Mutex::new(None),
            picked: Mutex::new(None),
        }
    }

    pub fn open_error(&self) -> Option<AppError> {
        lock(&self.store).as_ref().err().cloned()
    }

    pub fn is_release_data_dir(&self) -> bool {
        self.data_dir == default_data_dir()
    }

    /// Runs a read on a pooled WAL read connection (opened on first need, at most
    /// [`READERS`] kept); an in-memory or read-only store is read through its own connection.
    pub fn read<T>(&self, f: impl FnOnce(&Db) -> Result<T>) -> Result<T> {
        let (path, generation) = {
            let guard = lock(&self.store);
            let store = guard.as_ref().map_err(Clone::clone)?;
            match store.reader_path() {
                Some(path) => (path.to_path_buf(), self.readers.generation()),
                None => return store.read(f),
            }
        };
        self.readers.read(&path, generation, f)
    }

    pub fn write<T>(&self, f: impl FnOnce(&mut Store) -> Result<T>) -> Result<T> {
        let mut guard = lock(&self.store);
        let store = guard.as_mut().map_err(|e| e.clone())?;
        f(store)
    }

    // ---- Backups -------------------------------------------------------------------------

    pub fn viewing(&self) -> Option<BackupEntry> {
        lock(&self.viewing).clone()
    }

    /// The backup settings of the current data (read without opening it for writing while a
    /// backup is looked at or when the store could not be opened).
    pub fn backup_settings(&self) -> BackupSettings {
        if self.viewing().is_none() {
            if let Ok(s) = self.read(backup::backup_settings) {
                return s;
            }
        }
        settings_of_unopenable(&self.data_dir.join(DB_FILE))
    }

    fn current_data_writable(&self) -> Result<()> {
        if self.viewing().is_some() {
            return Err(AppError::validation(
                "Đang xem bản sao lưu (chỉ đọc). Hãy bấm \"Quay lại dữ liệu hiện tại\" trước.",
            ));
        }
        Ok(())
    }

    pub fn overview(&self) -> BackupOverview {
        BackupOverview {
            status: backup::settings::status(&self.backup_settings(), &self.data_dir, Local::now().naive_local()),
            viewing: self.viewing(),
            schedule_error: lock(&self.schedule_error).clone(),
            store_error: if self.viewing().is_some() { None } else { self.open_error() },
        }
    }

    pub fn save_schedule(&self, input: &backup::BackupSchedule) -> Result<BackupOverview> {
        self.current_data_writable()?;
        self.write(|s| backup::save_backup_schedule(s, input))?;
        Ok(self.overview())
    }

    /// Sets the destination to a folder the person chose in the dialog opened by the app.
    pub fn set_destination(&self, dir: &Path) -> Result<BackupOverview> {
        self.current_data_writable()?;
        self.write(|s| backup::set_backup_destination(s, &self.data_dir, dir))?;
        Ok(self.overview())
    }

    /// A backup now, into the destination of the settings.
    pub fn create_manual(&self) -> Result<BackupReport> {
        let _busy = lock(&self.busy);
        if let Some(e) = self.open_error().filter(|_| self.viewing().is_none()) {
            return Err(AppError::new(
                e.code,
                format!("Không sao lưu được vì dữ liệu hiện tại không mở được: {}", e.message),
            ));
        }
        let dest = self.backup_settings().destination_dir(&self.data_dir);
        backup::create_backup(&self.data_dir, &dest, BackupKind::Manual, Local::now().naive_local())
    }

    /// The schedule's hourly check: a backup when the newest is older than the interval.
    /// Skipped while a backup is looked at, while another backup or restore runs, and when
    /// the current database could not be opened (a damaged file is never backed up over
    /// good backups).
    pub fn scheduled_tick(&self) {
        let Ok(_busy) = self.busy.try_lock() else { return };
        if self.viewing().is_some() || self.open_error().is_some() {
            return;
        }
        let settings = self.backup_settings();
        let result = backup::run_scheduled(&self.data_dir, &settings, Local::now().naive_local());
        *lock(&self.schedule_error) = result.err().map(|e| e.message);
    }

    /// The folder of a backup the page named.
    pub fn backup_path(&self, location: BackupLocation, name: &str) -> Result<PathBuf> {
        let not_found = || AppError::not_found(format!("Không tìm thấy bản sao lưu {name}."));
        let path = match location {
            BackupLocation::Destination | BackupLocation::PreMigration => {
                if backup::parse_folder_name(name).is_none() {
                    return Err(not_found());
                }
                let dir = match location {
                    BackupLocation::Destination => self.backup_settings().destination_dir(&self.data_dir),
                    _ => backup::pre_migration_dir(&self.data_dir),
                };
                dir.join(name)
            }
            BackupLocation::Picked => lock(&self.picked).clone().ok_or_else(not_found)?,
        };
        if !path.is_dir() {
            return Err(not_found());
        }
        Ok(path)
    }

    pub fn verify(&self, location: BackupLocation, name: &str) -> Result<VerifyReport> {
        Ok(backup::verify_backup(&self.backup_path(location, name)?))
    }

    /// Remembers a backup folder chosen in the dialog and checks it.
    pub fn pick(&self, dir: PathBuf) -> VerifyReport {
        let report = backup::verify_backup(&dir);
        *lock(&self.picked) = Some(dir);
        report
    }

    /// Restores a backup over the current data (or over a database that could not be
    /// opened), then works on the restored data without a restart.
    pub fn restore(&self, location: BackupLocation, name: &str) -> Result<RestoreReport> {
        let _busy = lock(&self.busy);
        let path = self.backup_path(location, name)?;
        let check = backup::verify_backup(&path);
        if !check.ok() {
            return Err(AppError::validation(format!("{}. Chưa có gì bị thay đổi.", check.summary())));
        }
        let mut store = lock(&self.store);
        // Close whatever is open (the current data, or a backup being looked at) first.
        *store = Err(AppError::storage("Đang khôi phục dữ liệu, vui lòng chờ."));
        self.readers.invalidate();
        let ended_view = lock(&self.viewing).take().is_some();
        if ended_view {
            let _ = std::fs::remove_dir_all(view_scratch(&self.data_dir));
        }
        match backup::restore_backup(&path, &self.data_dir, Local::now().naive_local()) {
            Ok((report, mut restored)) => {
                let summary = format!("Khôi phục từ {}", report.restored.path);
                // Best effort: the data is restored whether or not the line can be written.
                let _ = restored.write(|tx| audit::record(tx, AuditAction::Restore, "data", "", &summary, None));
                *store = Ok(restored);
                self.readers.invalidate();
                Ok(report)
            }
            Err(e) => {
                *store = Store::open_in_dir(&self.data_dir);
                self.readers.invalidate();
                Err(e)
            }
        }
    }

    /// Looks at a backup read-only: its store replaces the current one until [`end_view`].
    pub fn view(&self, location: BackupLocation, name: &str) -> Result<BackupEntry> {
        let _busy = lock(&self.busy);
        let path = self.backup_path(location, name)?;
        let scratch = view_scratch(&self.data_dir);
        let mut store = lock(&self.store);
        let mut viewing = lock(&self.viewing);
        if viewing.is_some() {
            // Another backup was being looked at: its scratch copy goes first.
            *store = Err(AppError::storage("Đang mở bản sao lưu."));
            self.readers.invalidate();
            let _ = std::fs::remove_dir_all(&scratch);
        }
        match backup::open_view(&path, &scratch) {
            Ok((entry, view)) => {
                *store = Ok(view);
                self.readers.invalidate();
                *viewing = Some(entry.clone());
                Ok(entry)
            }
            Err(e) => {
                if viewing.take().is_some() {
                    *store = Store::open_in_dir(&self.data_dir);
                    self.readers.invalidate();
                }
                Err(e)
            }
        }
    }

    /// Back to the current data after looking at a backup.
    pub fn end_view(&self) -> Result<()> {
        let _busy = lock(&self.busy);
        let mut store = lock(&self.store);
        if lock(&self.viewing).take().is_none() {
            return Ok(());
        }
        *store = Err(AppError::storage("Đang mở lại dữ liệu hiện tại."));
        self.readers.invalidate();
        let _ = std::fs::remove_dir_all(view_scratch(&self.data_dir));
        *store = Store::open_in_dir(&self.data_dir);
        self.readers.invalidate();
        store.as_ref().map(|_| ()).map_err(Clone::clone)
    }

    /// For a database that could not be opened: the newest backup that verifies in the
    /// backup folder and in the pre-migration folder (at most one of each).
    pub fn recovery_candidates(&self) -> Vec<(BackupLocation, VerifyReport)> {
        if self.open_error().is_some_and(|e| e.code == ErrorCode::SchemaTooNew) {
            return Vec::new(); // a newer app is the answer, not an older backup
        }
        let settings = self.backup_settings();
        let mut out = Vec::new();
        for (location, dir) in [
            (BackupLocation::Destination, settings.destination_dir(&self.data_dir)),
            (BackupLocation::PreMigration, backup::pre_migration_dir(&self.data_dir)),
        ] {
            for entry in backup::list_backups(&dir) {
                let report = backup::verify_backup(Path::new(&entry.path));
                if report.ok() {
                    out.push((location, report));
                    break;
                }
            }
        }
        out
    }
}

/// Where an older backup being looked at is upgraded (inside the data folder, removed after).
fn view_scratch(data_dir: &Path) -> PathBuf {
    data_dir.join(".xem-ban-sao")
}

#[cfg(test)]
mod tests {
    use super::*;
    use secretariat_core::example_data;

    use secretariat_core::backup::dump_records as dump;

    /// Reads run on their own WAL connections: a long one (a search, a report) neither makes
    /// a write wait nor waits for it, and sees the data as it was when it began.
    #[test]
    fn a_long_read_never_blocks_a_write_or_another_read() {
        use std::sync::{mpsc, Arc};
        use std::time::{Duration, Instant};
        let tmp = tempfile::tempdir().unwrap();
        let state = Arc::new(AppState::open(tmp.path().join("data")));
        state.write(|s| example_data::load(s, 2024)).unwrap();
        let count = |c: &Db| -> Result<i64> { Ok(secretariat_core::roster::roster_counts(c)?.people) };
        let (started, wait) = mpsc::channel();
        let long = {
            let state = state.clone();
            std::thread::spawn(move || {
                state.read(|c| {
                    let before = count(c)?;
                    started.send(()).ok();
                    std::thread::sleep(Duration::from_millis(800));
                    Ok((before, count(c)?))
                })
            })
        };
        wait.recv().unwrap();
        let t = Instant::now();
        state
            .write(|s| {
                secretariat_core::roster::create_person(
                    s,
                    &secretariat_core::roster::PersonInput {
                        full_name: "Nguyễn Thị Hà".into(),
                        honorific: secretariat_core::roster::Honorific::Ba,
                        post: String::new(),
                        agency_id: None,
                        phone: String::new(),
                        email: String::new(),
                        notes: String::new(),
                    },
                )
            })
            .unwrap();
        let now = state.read(count).unwrap();
        let waited = t.elapsed();
        let (first, last) = long.join().unwrap().unwrap();
        assert!(waited < Duration::from_millis(500), "the write and the second read waited {waited:?}");
        assert_eq!(now, first + 1, "the second read sees the write");
        assert_eq!(last, first, "the long read keeps the snapshot it began with");
    }

    #[test]
    fn restore_and_view_swap_the_store_without_a_restart() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let state = AppState::open(data.clone());
        state.write(|s| example_data::load(s, 2024)).unwrap();
        let before = state.read(dump).unwrap();
        let made = state.create_manual().unwrap();
        assert_eq!(made.entry.kind, BackupKind::Manual);
        let name = made.entry.name.clone();
        let agency = secretariat_core::roster::AgencyInput {
            kind: None,
            full_name: "Sở Khoa học và Công nghệ mới".into(),
            short_name: String::new(),
            notes: String::new(),
        };
        state.write(|s| secretariat_core::roster::create_agency(s, &agency)).unwrap();
        let changed = state.read(dump).unwrap();

        // Look at the backup: its data, writes refused, then back to the current data.
        state.view(BackupLocation::Destination, &name).unwrap();
        assert_eq!(state.read(dump).unwrap(), before);
        assert!(state.write(|s| s.write(|_| Ok(()))).unwrap_err().message.contains("chỉ đọc"));
        assert!(state.create_manual().is_ok(), "backs up the current data even while viewing");
        assert!(state.overview().viewing.is_some());
        state.end_view().unwrap();
        assert_eq!(state.read(dump).unwrap(), changed);

        // Restore: the backed-up data is in use at once.
        let report = state.restore(BackupLocation::Destination, &name).unwrap();
        assert!(report.moved_aside.is_some());
        assert_eq!(state.read(dump).unwrap(), before);
        // The restored data's audit trail says it was restored, and from where.
        let log = state
            .read(|c| audit::list(c, &audit::AuditFilter { action: Some(AuditAction::Restore), ..Default::default() }))
            .unwrap();
        assert_eq!(log.len(), 1);
        assert!(log[0].summary.contains(&name), "{}", log[0].summary);
        // A name outside the backup folder is not a backup.
        assert!(state.restore(BackupLocation::Destination, "../data").is_err());
        assert!(state.restore(BackupLocation::Picked, &name).is_err());
    }

    #[test]
    fn a_damaged_database_can_be_replaced_by_a_verified_backup() {
        let tmp = tempfile::tempdir().unwrap();
        let data = tmp.path().join("data");
        let name = {
            let state = AppState::open(data.clone());
            state.write(|s| example_data::load(s, 2024)).unwrap();
            state.create_manual().unwrap().entry.name
        };
        std::fs::write(data.join(DB_FILE), vec![0x42u8; 8192]).unwrap();
        let state = AppState::open(data.clone());
        let err = state.open_error().expect("refused");
        assert!(err.message.contains("khôi phục từ bản sao lưu"), "{}", err.message);
        assert!(state.create_manual().is_err(), "a damaged database is not backed up");
        state.scheduled_tick();
        assert_eq!(backup::list_backups(&data.join("backups")).len(), 1);
        let candidates = state.recovery_candidates();
        assert_eq!(candidates.len(), 1);
        assert_eq!(candidates[0].1.entry.as_ref().unwrap().name, name);
        state.restore(BackupLocation::Destination, &name).unwrap();
        assert!(state.open_error().is_none());
        assert!(!state.read(example_data::is_empty).unwrap());
        // The damaged file was kept aside, byte for byte.
        let aside = std::fs::read_dir(&data)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_name().unwrap().to_string_lossy().starts_with("truoc-khoi-phuc-"))
            .unwrap();
        assert_eq!(std::fs::read(aside.join(DB_FILE)).unwrap(), vec![0x42u8; 8192]);
    }
}

use crate::ipc::blocking;
use crate::state::{BackupLocation, BackupOverview};
use secretariat_core::backup::{
    settings::BACKUP_DIR_ENV, BackupEntry, BackupReport, BackupSchedule, RestoreReport, VerifyReport,
};
use secretariat_core::AppError;
use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn backup_overview(app: AppHandle) -> R<BackupOverview> {
    blocking(app, |_, state| Ok(state.overview())).await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_create(app: AppHandle) -> R<BackupReport> {
    blocking(app, |_, state| state.create_manual()).await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_save_schedule(app: AppHandle, input: BackupSchedule) -> R<BackupOverview> {
    blocking(app, move |_, state| state.save_schedule(&input)).await
}

/// Opens the folder dialog here, in the app: the page never sends a path. `None`: cancelled.
#[tauri::command]
#[specta::specta]
pub async fn backup_choose_destination(app: AppHandle) -> R<Option<BackupOverview>> {
    blocking(app, |app, state| match pick_folder(app, "Chọn thư mục lưu bản sao lưu")? {
        Some(dir) => state.set_destination(&dir).map(Some),
        None => Ok(None),
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_pick(app: AppHandle) -> R<Option<VerifyReport>> {
    blocking(app, |app, state| {
        Ok(pick_folder(app, "Chọn thư mục bản sao lưu (secretariat-…)")?.map(|dir| state.pick(dir)))
    })
    .await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_verify(app: AppHandle, location: BackupLocation, name: String) -> R<VerifyReport> {
    blocking(app, move |_, state| state.verify(location, &name)).await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_restore(app: AppHandle, location: BackupLocation, name: String) -> R<RestoreReport> {
    blocking(app, move |_, state| state.restore(location, &name)).await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_view(app: AppHandle, location: BackupLocation, name: String) -> R<BackupEntry> {
    blocking(app, move |_, state| state.view(location, &name)).await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_view_end(app: AppHandle) -> R<()> {
    blocking(app, |_, state| state.end_view()).await
}

#[tauri::command]
#[specta::specta]
pub async fn backup_recovery(app: AppHandle) -> R<Vec<(BackupLocation, VerifyReport)>> {
    blocking(app, |_, state| Ok(state.recovery_candidates())).await
}

/// The system's folder dialog, or the folder of `SECRETARIAT_BACKUP_DIR` when it is set
/// (WebDriver cannot drive a native dialog).
fn pick_folder(app: &AppHandle, title: &str) -> R<Option<PathBuf>> {
    if let Some(dir) = std::env::var_os(BACKUP_DIR_ENV).filter(|v| !v.is_empty()) {
        let dir = PathBuf::from(dir);
        std::fs::create_dir_all(&dir)
            .map_err(|e| AppError::storage(format!("Không tạo được thư mục {}: {e}", dir.display())))?;
        return Ok(Some(dir));
    }
    let picked = app.dialog().file().set_title(title).blocking_pick_folder();
    picked
        .map(|p| p.into_path().map_err(|e| AppError::validation(format!("Thư mục đã chọn không dùng được: {e}"))))
        .transpose()
}

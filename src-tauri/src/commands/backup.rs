use crate::state::{AppState, BackupLocation, BackupOverview};
use secretariat_core::backup::{
    settings::BACKUP_DIR_ENV, BackupEntry, BackupReport, BackupSchedule, RestoreReport, VerifyReport,
};
use secretariat_core::AppError;
use std::path::PathBuf;
use tauri::{AppHandle, State};
use tauri_plugin_dialog::DialogExt;

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn backup_overview(state: State<'_, AppState>) -> R<BackupOverview> {
    Ok(state.overview())
}

#[tauri::command]
#[specta::specta]
pub async fn backup_create(state: State<'_, AppState>) -> R<BackupReport> {
    state.create_manual()
}

#[tauri::command]
#[specta::specta]
pub async fn backup_save_schedule(state: State<'_, AppState>, input: BackupSchedule) -> R<BackupOverview> {
    state.save_schedule(&input)
}

/// Opens the folder dialog here, in the app: the page never sends a path. `None`: cancelled.
#[tauri::command]
#[specta::specta]
pub async fn backup_choose_destination(app: AppHandle, state: State<'_, AppState>) -> R<Option<BackupOverview>> {
    match pick_folder(&app, "Chọn thư mục lưu bản sao lưu")? {
        Some(dir) => state.set_destination(&dir).map(Some),
        None => Ok(None),
    }
}

#[tauri::command]
#[specta::specta]
pub async fn backup_pick(app: AppHandle, state: State<'_, AppState>) -> R<Option<VerifyReport>> {
    Ok(pick_folder(&app, "Chọn thư mục bản sao lưu (secretariat-…)")?.map(|dir| state.pick(dir)))
}

#[tauri::command]
#[specta::specta]
pub async fn backup_verify(state: State<'_, AppState>, location: BackupLocation, name: String) -> R<VerifyReport> {
    state.verify(location, &name)
}

#[tauri::command]
#[specta::specta]
pub async fn backup_restore(state: State<'_, AppState>, location: BackupLocation, name: String) -> R<RestoreReport> {
    state.restore(location, &name)
}

#[tauri::command]
#[specta::specta]
pub async fn backup_view(state: State<'_, AppState>, location: BackupLocation, name: String) -> R<BackupEntry> {
    state.view(location, &name)
}

#[tauri::command]
#[specta::specta]
pub async fn backup_view_end(state: State<'_, AppState>) -> R<()> {
    state.end_view()
}

#[tauri::command]
#[specta::specta]
pub async fn backup_recovery(state: State<'_, AppState>) -> R<Vec<(BackupLocation, VerifyReport)>> {
    Ok(state.recovery_candidates())
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

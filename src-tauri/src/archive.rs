//! The Lưu trữ screen's files: the handover package saved where the user picks in the app's
//! own save dialog (the page never sends a path), and a package (.zip) picked to import.

use crate::dialogs;
use crate::state::AppState;
use secretariat_core::archive::{self, HandoverExport, HandoverImport, HandoverRequest};
use secretariat_core::Result;
use tauri::AppHandle;

/// "Lập gói nộp lưu": the save dialog for the .zip (the folder goes next to it). `None`: cancelled.
pub fn export(app: &AppHandle, state: &AppState, request: &HandoverRequest) -> Result<Option<HandoverExport>> {
    let name = format!("nop-luu-ho-so-{}.zip", request.year);
    let Some(path) = dialogs::save_file(app, "Lưu gói hồ sơ nộp lưu", &name, ("ZIP", &["zip"]))? else {
        return Ok(None);
    };
    let dir = state.data_dir.clone();
    state.write(|s| archive::export_handover(s, &dir, request, &path)).map(Some)
}

/// "Nhập gói nộp lưu": the open dialog for a package's .zip. `None`: cancelled.
pub fn import(app: &AppHandle, state: &AppState) -> Result<Option<HandoverImport>> {
    let Some(path) = dialogs::pick_file(app, "Chọn gói hồ sơ nộp lưu (.zip)")? else {
        return Ok(None);
    };
    let dir = state.data_dir.clone();
    state.write(|s| archive::import_handover(s, &dir, &path)).map(Some)
}

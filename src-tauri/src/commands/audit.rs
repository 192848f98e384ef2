use crate::ipc::read;
use secretariat_core::audit::{self, AuditEntry, AuditFilter, AuditOptions};
use secretariat_core::AppError;
use tauri::AppHandle;

#[tauri::command]
#[specta::specta]
pub async fn audit_list(app: AppHandle, filter: AuditFilter) -> Result<Vec<AuditEntry>, AppError> {
    read(app, move |c| audit::list(c, &filter)).await
}

#[tauri::command]
#[specta::specta]
pub async fn audit_options() -> Result<AuditOptions, AppError> {
    Ok(audit::options())
}

use crate::state::AppState;
use secretariat_core::audit::{self, AuditEntry, AuditFilter, AuditOptions};
use secretariat_core::AppError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn audit_list(state: State<'_, AppState>, filter: AuditFilter) -> Result<Vec<AuditEntry>, AppError> { state.read(|c| audit::list(c, &filter)) }

#[tauri::command]
#[specta::specta]
pub async fn audit_options() -> Result<AuditOptions, AppError> { Ok(audit::options()) }

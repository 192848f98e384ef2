use crate::state::AppState;
use chrono::NaiveDate;
use secretariat_core::documents::DocumentRecord;
use secretariat_core::office::{PersonImportPreview, PersonImportResult};
use secretariat_core::AppError;
use tauri::{AppHandle, State};

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn document_export_docx(app: AppHandle, state: State<'_, AppState>, id: String) -> R<Option<String>> { crate::office::export_docx(&app, &state, &id) }

#[tauri::command]
#[specta::specta]
pub async fn document_import_docx(app: AppHandle, state: State<'_, AppState>, id: String) -> R<Option<DocumentRecord>> { crate::office::import_docx(&app, &state, &id) }

#[tauri::command]
#[specta::specta]
pub async fn roster_export_xlsx(app: AppHandle, state: State<'_, AppState>, body_id: String, as_of: NaiveDate) -> R<Option<String>> { crate::office::export_roster_xlsx(&app, &state, &body_id, as_of) }

#[tauri::command]
#[specta::specta]
pub async fn register_export_xlsx(app: AppHandle, state: State<'_, AppState>, year: i32) -> R<Option<String>> { crate::office::export_register_xlsx(&app, &state, year) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_attendance_xlsx(app: AppHandle, state: State<'_, AppState>, meeting_id: String) -> R<Option<String>> { crate::office::export_attendance_xlsx(&app, &state, &meeting_id) }

#[tauri::command]
#[specta::specta]
pub async fn meeting_attendance_sheet(app: AppHandle, state: State<'_, AppState>, meeting_id: String) -> R<Option<String>> { crate::office::export_attendance_sheet(&app, &state, &meeting_id) }

#[tauri::command]
#[specta::specta]
pub async fn person_import_preview(app: AppHandle, state: State<'_, AppState>) -> R<Option<PersonImportPreview>> { crate::office::preview_people(&app, &state) }

#[tauri::command]
#[specta::specta]
pub async fn person_import(state: State<'_, AppState>) -> R<PersonImportResult> { crate::office::import_people(&state) }

#[rustfmt::skip]
#[tauri::command]
#[specta::specta]
pub async fn task_export_xlsx(app: AppHandle, state: State<'_, AppState>, filter: secretariat_core::followup::TaskFilter) -> R<Option<String>> { crate::office::export_tasks_xlsx(&app, &state, &filter) }

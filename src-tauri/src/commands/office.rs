use crate::ipc::blocking;
use chrono::NaiveDate;
use secretariat_core::documents::DocumentRecord;
use secretariat_core::office::{PersonImportPreview, PersonImportResult};
use secretariat_core::AppError;
use tauri::AppHandle;

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn document_export_docx(app: AppHandle, id: String) -> R<Option<String>> {
    blocking(app, move |app, state| crate::office::export_docx(app, state, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_import_docx(app: AppHandle, id: String) -> R<Option<DocumentRecord>> {
    blocking(app, move |app, state| crate::office::import_docx(app, state, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn roster_export_xlsx(app: AppHandle, body_id: String, as_of: NaiveDate) -> R<Option<String>> {
    blocking(app, move |app, state| crate::office::export_roster_xlsx(app, state, &body_id, as_of)).await
}

#[tauri::command]
#[specta::specta]
pub async fn register_export_xlsx(app: AppHandle, year: i32) -> R<Option<String>> {
    blocking(app, move |app, state| crate::office::export_register_xlsx(app, state, year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_attendance_xlsx(app: AppHandle, meeting_id: String) -> R<Option<String>> {
    blocking(app, move |app, state| crate::office::export_attendance_xlsx(app, state, &meeting_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn meeting_attendance_sheet(app: AppHandle, meeting_id: String) -> R<Option<String>> {
    blocking(app, move |app, state| crate::office::export_attendance_sheet(app, state, &meeting_id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn person_import_preview(app: AppHandle) -> R<Option<PersonImportPreview>> {
    blocking(app, crate::office::preview_people).await
}

#[tauri::command]
#[specta::specta]
pub async fn person_import(app: AppHandle) -> R<PersonImportResult> {
    blocking(app, move |_, state| crate::office::import_people(state)).await
}

#[rustfmt::skip]
#[tauri::command]
#[specta::specta]
pub async fn task_export_xlsx(app: AppHandle, filter: secretariat_core::followup::TaskFilter) -> R<Option<String>> { blocking(app, move |app, state| crate::office::export_tasks_xlsx(app, state, &filter)).await }

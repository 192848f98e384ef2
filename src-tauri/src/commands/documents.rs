use crate::ipc::{blocking, read, write, Bytes};
use chrono::{NaiveDate, Utc};
use secretariat_core::documents::{self, *};
use secretariat_core::settings::{self, DocumentSettings};
use secretariat_core::AppError;
use tauri::AppHandle;

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn document_list(app: AppHandle, filter: DocumentFilter) -> R<DocumentPage> {
    read(app, move |c| documents::list_documents(c, &filter)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_years(app: AppHandle) -> R<Vec<i32>> {
    read(app, documents::document_years).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_get(app: AppHandle, id: String) -> R<DocumentRecord> {
    read(app, move |c| documents::get_document(c, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_create(app: AppHandle, content: DocumentContent) -> R<DocumentRecord> {
    write(app, move |s| documents::create_draft(s, &content)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_new(app: AppHandle, content: DocumentContent) -> R<DocumentRecord> {
    read(app, move |c| documents::new_draft(c, &content)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_preview(app: AppHandle, content: DocumentContent) -> R<Bytes> {
    read(app, move |c| documents::preview_pdf(c, &content)).await.map(Bytes::from)
}

#[tauri::command]
#[specta::specta]
pub async fn document_save(app: AppHandle, id: String, content: DocumentContent) -> R<DocumentRecord> {
    write(app, move |s| documents::save_draft(s, &id, &content)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_delete(app: AppHandle, id: String) -> R<()> {
    write(app, move |s| documents::delete_draft(s, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_revisions(app: AppHandle, id: String) -> R<Vec<Revision>> {
    read(app, move |c| documents::revisions(c, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_issue(
    app: AppHandle,
    id: String,
    date: NaiveDate,
    number: Option<String>,
    confirmed: bool,
) -> R<DocumentRecord> {
    write(app, move |s| documents::issue_document(s, &id, date, number.as_deref(), confirmed)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_issue_checks(app: AppHandle, id: String, date: NaiveDate) -> R<Vec<checks::IssueCheck>> {
    read(app, move |c| documents::document_issue_checks(c, &id, date)).await
}

#[tauri::command]
#[specta::specta]
pub async fn signer_options(app: AppHandle, authority: String, date: NaiveDate) -> R<SignerOptions> {
    read(app, move |c| documents::signer_options(c, &authority, date)).await
}

#[tauri::command]
#[specta::specta]
pub async fn signer_compose(app: AppHandle, authority: String, date: NaiveDate, choice: SignerChoice) -> R<Signer> {
    read(app, move |c| documents::compose_choice(c, &authority, date, &choice)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_recall(app: AppHandle, id: String, reason: String) -> R<DocumentRecord> {
    write(app, move |s| documents::recall_document(s, &id, &reason)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_pdf(app: AppHandle, id: String) -> R<Bytes> {
    read(app, move |c| documents::document_pdf(c, &id)).await.map(Bytes::from)
}

#[tauri::command]
#[specta::specta]
pub async fn document_export(app: AppHandle, id: String) -> R<Option<String>> {
    blocking(app, move |app, state| crate::files::export_document_chosen(app, state, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn document_print(app: AppHandle, id: String, copies: u32) -> R<crate::print::PrintResult> {
    blocking(app, move |_, state| crate::files::print_document(state, &id, copies)).await
}

#[tauri::command]
#[specta::specta]
pub async fn register_entries(
    app: AppHandle,
    year: i32,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> R<Vec<RegisterEntry>> {
    read(app, move |c| documents::register_entries(c, year, from, to)).await
}

#[tauri::command]
#[specta::specta]
pub async fn register_pdf(app: AppHandle, year: i32, from: Option<NaiveDate>, to: Option<NaiveDate>) -> R<Bytes> {
    read(app, move |c| documents::register_pdf(c, year, from, to, Utc::now().timestamp())).await.map(Bytes::from)
}

#[tauri::command]
#[specta::specta]
pub async fn register_export(
    app: AppHandle,
    year: i32,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> R<Option<String>> {
    blocking(app, move |app, state| crate::files::export_register_chosen(app, state, year, from, to)).await
}

#[tauri::command]
#[specta::specta]
pub async fn settings_documents(app: AppHandle) -> R<DocumentSettings> {
    read(app, settings::document_settings).await
}

#[tauri::command]
#[specta::specta]
pub async fn settings_documents_save(app: AppHandle, settings: DocumentSettings) -> R<DocumentSettings> {
    write(app, move |s| settings::save_document_settings(s, &settings)).await
}

#[tauri::command]
#[specta::specta]
pub async fn settings_files(app: AppHandle) -> R<settings::FileSettings> {
    read(app, settings::file_settings).await
}

#[tauri::command]
#[specta::specta]
pub async fn settings_files_save(app: AppHandle, settings: settings::FileSettings) -> R<settings::FileSettings> {
    write(app, move |s| settings::save_file_settings(s, &settings)).await
}

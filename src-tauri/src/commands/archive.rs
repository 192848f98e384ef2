use crate::ipc::{blocking, read, write, Bytes};
use crate::today::today;
use chrono::NaiveDate;
use secretariat_core::archive::{self, *};
use secretariat_core::AppError;
use tauri::AppHandle;

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn archive_year(app: AppHandle, year: i32) -> R<ArchiveYear> {
    read(app, move |c| archive::archive_year(c, year, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_file_get(app: AppHandle, id: String) -> R<ArchiveFileDetail> {
    read(app, move |c| archive::archive_file_detail(c, &id, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_file_create(app: AppHandle, input: ArchiveFileInput) -> R<ArchiveFile> {
    write(app, move |s| archive::create_archive_file(s, &input, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_file_update(app: AppHandle, id: String, input: ArchiveFileInput) -> R<ArchiveFile> {
    write(app, move |s| archive::update_archive_file(s, &id, &input, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_file_delete(app: AppHandle, id: String) -> R<()> {
    write(app, move |s| archive::delete_archive_file(s, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_filing_options(app: AppHandle, kind: ItemKind, record_id: String) -> R<FilingOptions> {
    read(app, move |c| archive::filing_options(c, kind, &record_id, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_file_record(
    app: AppHandle,
    kind: ItemKind,
    record_id: String,
    file_ids: Vec<String>,
) -> R<Vec<ArchiveItem>> {
    write(app, move |s| archive::file_record(s, kind, &record_id, &file_ids, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_unfile(app: AppHandle, item_id: String) -> R<()> {
    write(app, move |s| archive::unfile_item(s, &item_id, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_close(app: AppHandle, id: String, on: NaiveDate) -> R<ArchiveFile> {
    write(app, move |s| archive::close_archive_file(s, &id, on, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_reopen(app: AppHandle, id: String, reason: String) -> R<ArchiveFile> {
    write(app, move |s| archive::reopen_archive_file(s, &id, &reason, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_contents_pdf(app: AppHandle, id: String) -> R<Bytes> {
    blocking(app, move |_, state| {
        state.read(|c| archive::file_contents_pdf(c, &state.data_dir, &id, today(), chrono::Utc::now().timestamp()))
    })
    .await
    .map(Bytes::from)
}

#[tauri::command]
#[specta::specta]
pub async fn archive_warnings(app: AppHandle) -> R<Vec<ArchiveFile>> {
    read(app, move |c| archive::handover_warnings(c, today())).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_export(app: AppHandle, request: HandoverRequest) -> R<Option<HandoverExport>> {
    blocking(app, move |app, state| crate::archive::export(app, state, &request)).await
}

#[tauri::command]
#[specta::specta]
pub async fn archive_import(app: AppHandle) -> R<Option<HandoverImport>> {
    blocking(app, crate::archive::import).await
}

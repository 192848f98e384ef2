use crate::state::AppState;
use crate::today::today;
use secretariat_core::archive::{self, *};
use secretariat_core::AppError;
use chrono::NaiveDate;
use tauri::{AppHandle, State};

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn archive_year(state: State<'_, AppState>, year: i32) -> R<ArchiveYear> { state.read(|c| archive::archive_year(c, year, today())) }

#[tauri::command]
#[specta::specta]
pub async fn archive_file_get(state: State<'_, AppState>, id: String) -> R<ArchiveFileDetail> { state.read(|c| archive::archive_file_detail(c, &id, today())) }

#[tauri::command]
#[specta::specta]
pub async fn archive_file_create(state: State<'_, AppState>, input: ArchiveFileInput) -> R<ArchiveFile> { state.write(|s| archive::create_archive_file(s, &input, today())) }

#[tauri::command]
#[specta::specta]
pub async fn archive_file_update(state: State<'_, AppState>, id: String, input: ArchiveFileInput) -> R<ArchiveFile> { state.write(|s| archive::update_archive_file(s, &id, &input, today())) }

#[tauri::command]
#[specta::specta]
pub async fn archive_file_delete(state: State<'_, AppState>, id: String) -> R<()> { state.write(|s| archive::delete_archive_file(s, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn archive_filing_options(state: State<'_, AppState>, kind: ItemKind, record_id: String) -> R<FilingOptions> { state.read(|c| archive::filing_options(c, kind, &record_id, today())) }

#[tauri::command]
#[specta::specta]
pub async fn archive_file_record(state: State<'_, AppState>, kind: ItemKind, record_id: String, file_ids: Vec<String>) -> R<Vec<ArchiveItem>> { state.write(|s| archive::file_record(s, kind, &record_id, &file_ids, today())) }

#[tauri::command]
#[specta::specta]
pub async fn archive_unfile(state: State<'_, AppState>, item_id: String) -> R<()> { state.write(|s| archive::unfile_item(s, &item_id, today())) }

#[tauri::command]
#[specta::specta]
pub async fn archive_close(state: State<'_, AppState>, id: String, on: NaiveDate) -> R<ArchiveFile> { state.write(|s| archive::close_archive_file(s, &id, on, today())) }

#[tauri::command]
#[specta::specta]
pub async fn archive_reopen(state: State<'_, AppState>, id: String, reason: String) -> R<ArchiveFile> { state.write(|s| archive::reopen_archive_file(s, &id, &reason, today())) }

#[tauri::command]
#[specta::specta]
pub async fn archive_contents_pdf(state: State<'_, AppState>, id: String) -> R<Vec<u8>> { state.read(|c| archive::file_contents_pdf(c, &state.data_dir, &id, today(), chrono::Utc::now().timestamp())) }

#[tauri::command]
#[specta::specta]
pub async fn archive_warnings(state: State<'_, AppState>) -> R<Vec<ArchiveFile>> { state.read(|c| archive::handover_warnings(c, today())) }

#[tauri::command]
#[specta::specta]
pub async fn archive_export(app: AppHandle, state: State<'_, AppState>, request: HandoverRequest) -> R<Option<HandoverExport>> { crate::archive::export(&app, &state, &request) }

#[tauri::command]
#[specta::specta]
pub async fn archive_import(app: AppHandle, state: State<'_, AppState>) -> R<Option<HandoverImport>> { crate::archive::import(&app, &state) }

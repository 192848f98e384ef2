use crate::state::AppState;
use chrono::{NaiveDate, Utc};
use secretariat_core::documents::{self, *};
use secretariat_core::settings::{self, DocumentSettings};
use secretariat_core::AppError;
use tauri::{AppHandle, State};

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn document_list(state: State<'_, AppState>, filter: DocumentFilter) -> R<DocumentPage> { state.read(|c| documents::list_documents(c, &filter)) }

#[tauri::command]
#[specta::specta]
pub async fn document_years(state: State<'_, AppState>) -> R<Vec<i32>> { state.read(documents::document_years) }

#[tauri::command]
#[specta::specta]
pub async fn document_get(state: State<'_, AppState>, id: String) -> R<DocumentRecord> { state.read(|c| documents::get_document(c, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn document_create(state: State<'_, AppState>, content: DocumentContent) -> R<DocumentRecord> { state.write(|s| documents::create_draft(s, &content)) }

#[tauri::command]
#[specta::specta]
pub async fn document_new(state: State<'_, AppState>, content: DocumentContent) -> R<DocumentRecord> { state.read(|c| documents::new_draft(c, &content)) }

#[tauri::command]
#[specta::specta]
pub async fn document_preview(state: State<'_, AppState>, content: DocumentContent) -> R<Vec<u8>> { state.read(|c| documents::preview_pdf(c, &content)) }

#[tauri::command]
#[specta::specta]
pub async fn document_save(state: State<'_, AppState>, id: String, content: DocumentContent) -> R<DocumentRecord> { state.write(|s| documents::save_draft(s, &id, &content)) }

#[tauri::command]
#[specta::specta]
pub async fn document_delete(state: State<'_, AppState>, id: String) -> R<()> { state.write(|s| documents::delete_draft(s, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn document_revisions(state: State<'_, AppState>, id: String) -> R<Vec<Revision>> { state.read(|c| documents::revisions(c, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn document_issue(state: State<'_, AppState>, id: String, date: NaiveDate, number: Option<String>, confirmed: bool) -> R<DocumentRecord> { state.write(|s| documents::issue_document(s, &id, date, number.as_deref(), confirmed)) }

#[tauri::command]
#[specta::specta]
pub async fn document_issue_checks(state: State<'_, AppState>, id: String, date: NaiveDate) -> R<Vec<checks::IssueCheck>> { state.read(|c| documents::document_issue_checks(c, &id, date)) }

#[tauri::command]
#[specta::specta]
pub async fn signer_options(state: State<'_, AppState>, authority: String, date: NaiveDate) -> R<SignerOptions> { state.read(|c| documents::signer_options(c, &authority, date)) }

#[tauri::command]
#[specta::specta]
pub async fn signer_compose(state: State<'_, AppState>, authority: String, date: NaiveDate, choice: SignerChoice) -> R<Signer> { state.read(|c| documents::compose_choice(c, &authority, date, &choice)) }

#[tauri::command]
#[specta::specta]
pub async fn document_recall(state: State<'_, AppState>, id: String, reason: String) -> R<DocumentRecord> { state.write(|s| documents::recall_document(s, &id, &reason)) }

#[tauri::command]
#[specta::specta]
pub async fn document_pdf(state: State<'_, AppState>, id: String) -> R<Vec<u8>> { state.read(|c| documents::document_pdf(c, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn document_export(app: AppHandle, state: State<'_, AppState>, id: String) -> R<Option<String>> { crate::files::export_document_chosen(&app, &state, &id) }

#[tauri::command]
#[specta::specta]
pub async fn document_print(state: State<'_, AppState>, id: String, copies: u32) -> R<crate::print::PrintResult> { crate::files::print_document(&state, &id, copies) }

#[tauri::command]
#[specta::specta]
pub async fn register_entries(state: State<'_, AppState>, year: i32, from: Option<NaiveDate>, to: Option<NaiveDate>) -> R<Vec<RegisterEntry>> { state.read(|c| documents::register_entries(c, year, from, to)) }

#[tauri::command]
#[specta::specta]
pub async fn register_pdf(state: State<'_, AppState>, year: i32, from: Option<NaiveDate>, to: Option<NaiveDate>) -> R<Vec<u8>> { state.read(|c| documents::register_pdf(c, year, from, to, Utc::now().timestamp())) }

#[tauri::command]
#[specta::specta]
pub async fn register_export(app: AppHandle, state: State<'_, AppState>, year: i32, from: Option<NaiveDate>, to: Option<NaiveDate>) -> R<Option<String>> { crate::files::export_register_chosen(&app, &state, year, from, to) }

#[tauri::command]
#[specta::specta]
pub async fn settings_documents(state: State<'_, AppState>) -> R<DocumentSettings> { state.read(settings::document_settings) }

#[tauri::command]
#[specta::specta]
pub async fn settings_documents_save(state: State<'_, AppState>, settings: DocumentSettings) -> R<DocumentSettings> { state.write(|s| settings::save_document_settings(s, &settings)) }

#[tauri::command]
#[specta::specta]
pub async fn settings_files(state: State<'_, AppState>) -> R<settings::FileSettings> { state.read(settings::file_settings) }

#[tauri::command]
#[specta::specta]
pub async fn settings_files_save(state: State<'_, AppState>, settings: settings::FileSettings) -> R<settings::FileSettings> { state.write(|s| settings::save_file_settings(s, &settings)) }

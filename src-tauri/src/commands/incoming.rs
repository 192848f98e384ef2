use crate::state::AppState;
use secretariat_core::filestore::{self, ChosenFile, FileReport};
use secretariat_core::incoming::{self, *};
use secretariat_core::AppError;
use tauri::{AppHandle, State};

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn incoming_list(state: State<'_, AppState>, filter: IncomingFilter) -> R<IncomingPage> { state.read(|c| incoming::list_incoming(c, &filter)) }

#[tauri::command]
#[specta::specta]
pub async fn incoming_get(state: State<'_, AppState>, id: String) -> R<IncomingDocument> { state.read(|c| incoming::get_incoming(c, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn incoming_type_names() -> R<Vec<String>> { Ok(INCOMING_TYPE_NAMES.iter().map(|s| s.to_string()).collect()) }

#[tauri::command]
#[specta::specta]
pub async fn incoming_pick_file(app: AppHandle, state: State<'_, AppState>) -> R<Option<ChosenFile>> { crate::incoming::pick_file(&app, &state) }

#[tauri::command]
#[specta::specta]
pub async fn incoming_add(state: State<'_, AppState>, input: IncomingInput, file: Option<ChosenFile>, confirmed: bool) -> R<IncomingDocument> { let dir = state.data_dir.clone(); state.write(|s| incoming::add_incoming_chosen(s, &dir, &input, file.as_ref(), confirmed)).inspect(|_| crate::extract::wake()) }

#[tauri::command]
#[specta::specta]
pub async fn incoming_update(state: State<'_, AppState>, id: String, input: IncomingInput, file: Option<ChosenFile>, confirmed: bool) -> R<IncomingDocument> { let dir = state.data_dir.clone(); state.write(|s| incoming::update_incoming_chosen(s, &dir, &id, &input, file.as_ref(), confirmed)).inspect(|_| crate::extract::wake()) }

#[tauri::command]
#[specta::specta]
pub async fn incoming_delete(state: State<'_, AppState>, id: String) -> R<()> { state.write(|s| incoming::delete_incoming(s, &id)) }

#[tauri::command]
#[specta::specta]
pub async fn incoming_open_file(state: State<'_, AppState>, id: String) -> R<()> { crate::incoming::open_file(&state, &id) }

#[tauri::command]
#[specta::specta]
pub async fn incoming_register_export(app: AppHandle, state: State<'_, AppState>, year: i32) -> R<Option<String>> { crate::incoming::export_register(&app, &state, year) }

#[tauri::command]
#[specta::specta]
pub async fn incoming_register_print(state: State<'_, AppState>, year: i32) -> R<()> { crate::incoming::print_register(&state, year) }

#[tauri::command]
#[specta::specta]
pub async fn files_verify(state: State<'_, AppState>) -> R<FileReport> { state.read(|c| filestore::verify_files(c, &state.data_dir)) }

#[tauri::command]
#[specta::specta]
pub async fn file_text_progress() -> R<crate::extract::FileTextStatus> { Ok(crate::extract::status()) }

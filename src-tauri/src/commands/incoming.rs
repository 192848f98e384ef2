use crate::ipc::{blocking, read, write};
use secretariat_core::filestore::{self, ChosenFile, FileReport};
use secretariat_core::incoming::{self, *};
use secretariat_core::AppError;
use tauri::AppHandle;

type R<T> = Result<T, AppError>;

#[tauri::command]
#[specta::specta]
pub async fn incoming_list(app: AppHandle, filter: IncomingFilter) -> R<IncomingPage> {
    read(app, move |c| incoming::list_incoming(c, &filter)).await
}

#[tauri::command]
#[specta::specta]
pub async fn incoming_get(app: AppHandle, id: String) -> R<IncomingDocument> {
    read(app, move |c| incoming::get_incoming(c, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn incoming_pick_file(app: AppHandle) -> R<Option<ChosenFile>> {
    blocking(app, crate::incoming::pick_file).await
}

#[tauri::command]
#[specta::specta]
pub async fn incoming_add(
    app: AppHandle,
    input: IncomingInput,
    file: Option<ChosenFile>,
    confirmed: bool,
) -> R<IncomingDocument> {
    blocking(app, move |_, state| {
        state.write(|s| incoming::add_incoming_chosen(s, &state.data_dir, &input, file.as_ref(), confirmed))
    })
    .await
    .inspect(|_| crate::extract::wake())
}

#[tauri::command]
#[specta::specta]
pub async fn incoming_update(
    app: AppHandle,
    id: String,
    input: IncomingInput,
    file: Option<ChosenFile>,
    confirmed: bool,
) -> R<IncomingDocument> {
    blocking(app, move |_, state| {
        state.write(|s| incoming::update_incoming_chosen(s, &state.data_dir, &id, &input, file.as_ref(), confirmed))
    })
    .await
    .inspect(|_| crate::extract::wake())
}

#[tauri::command]
#[specta::specta]
pub async fn incoming_delete(app: AppHandle, id: String) -> R<()> {
    write(app, move |s| incoming::delete_incoming(s, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn incoming_open_file(app: AppHandle, id: String) -> R<()> {
    blocking(app, move |_, state| crate::incoming::open_file(state, &id)).await
}

#[tauri::command]
#[specta::specta]
pub async fn incoming_register_export(app: AppHandle, year: i32) -> R<Option<String>> {
    blocking(app, move |app, state| crate::incoming::export_register(app, state, year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn incoming_register_print(app: AppHandle, year: i32) -> R<()> {
    blocking(app, move |_, state| crate::incoming::print_register(state, year)).await
}

#[tauri::command]
#[specta::specta]
pub async fn files_verify(app: AppHandle) -> R<FileReport> {
    blocking(app, move |_, state| state.read(|c| filestore::verify_files(c, &state.data_dir))).await
}

#[tauri::command]
#[specta::specta]
pub async fn file_text_progress() -> R<crate::extract::FileTextStatus> {
    Ok(crate::extract::status())
}

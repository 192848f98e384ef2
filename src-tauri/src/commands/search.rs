use crate::ipc::{blocking, read};
use secretariat_core::search::{self, SearchHit, SearchKindOption, SearchQuery};
use secretariat_core::AppError;
use tauri::AppHandle;

type R<T> = Result<T, AppError>;

#[rustfmt::skip]
#[tauri::command]
#[specta::specta]
pub async fn search(app: AppHandle, query: SearchQuery) -> R<Vec<SearchHit>> { read(app, move |c| search::search_with(c, &SearchQuery { limit: query.limit.min(200), ..query })).await }

#[rustfmt::skip]
#[tauri::command]
#[specta::specta]
pub async fn search_kinds() -> R<Vec<SearchKindOption>> { Ok(search::kind_options()) }

#[rustfmt::skip]
#[tauri::command]
#[specta::specta]
pub async fn search_export(app: AppHandle, query: SearchQuery) -> R<Option<String>> { blocking(app, move |app, state| crate::files::export_search_chosen(app, state, &query)).await }

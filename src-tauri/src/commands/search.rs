use crate::state::AppState;
use secretariat_core::search::{self, SearchHit, SearchKindOption, SearchQuery};
use secretariat_core::AppError;
use tauri::{AppHandle, State};

type R<T> = Result<T, AppError>;

#[rustfmt::skip]
#[tauri::command]
#[specta::specta]
pub async fn search(state: State<'_, AppState>, query: SearchQuery) -> R<Vec<SearchHit>> { state.read(|c| search::search_with(c, &SearchQuery { limit: query.limit.min(200), ..query })) }

#[rustfmt::skip]
#[tauri::command]
#[specta::specta]
pub async fn search_kinds() -> R<Vec<SearchKindOption>> { Ok(search::kind_options()) }

#[rustfmt::skip]
#[tauri::command]
#[specta::specta]
pub async fn search_export(app: AppHandle, state: State<'_, AppState>, query: SearchQuery) -> R<Option<String>> { crate::files::export_search_chosen(&app, &state, &query) }

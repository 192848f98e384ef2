use crate::state::AppState;
use secretariat_core::search::{self, SearchHit};
use secretariat_core::AppError;
use tauri::State;

#[tauri::command]
#[specta::specta]
pub async fn search(state: State<'_, AppState>, query: String, limit: u32) -> Result<Vec<SearchHit>, AppError> { state.read(|c| search::search(c, &query, limit.min(200))) }

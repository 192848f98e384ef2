use crate::state::AppState;
use secretariat_core::{example_data, store, AppError};
use serde::Serialize;
use specta::Type;
use tauri::State;

#[derive(Debug, Clone, Serialize, Type)]
pub struct AppInfo {
    pub version: String,
    pub data_dir: String,
    pub schema_version: i32,
    /// Nothing entered yet: the UI offers the example data.
    pub is_empty: bool,
    /// Why the database could not be opened, if it could not.
    pub store_error: Option<AppError>,
}

#[tauri::command]
#[specta::specta]
pub async fn app_info(state: State<'_, AppState>) -> Result<AppInfo, AppError> {
    Ok(AppInfo {
        version: env!("CARGO_PKG_VERSION").to_string(),
        data_dir: state.data_dir.display().to_string(),
        schema_version: store::SCHEMA_VERSION as i32,
        is_empty: state.read(example_data::is_empty).unwrap_or(false),
        store_error: state.open_error(),
    })
}

#[tauri::command]
#[specta::specta]
pub async fn example_data_load(state: State<'_, AppState>) -> Result<example_data::ExampleSummary, AppError> {
    state.write(|s| example_data::load(s, example_data::DEFAULT_YEAR))
}

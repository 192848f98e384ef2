//! Builds and runs the window.

use crate::commands;
use crate::state::AppState;
use std::path::PathBuf;

pub fn run(data_dir: PathBuf) -> i32 {
    let state = AppState::open(data_dir);
    if let Some(err) = state.open_error() {
        eprintln!("{}", err.message);
    }
    let specta = commands::builder();
    let result = tauri::Builder::default()
        .manage(state)
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            specta.mount_events(app);
            Ok(())
        })
        .run(tauri::generate_context!());
    match result {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("Không mở được cửa sổ ứng dụng: {e}");
            1
        }
    }
}

//! Builds and runs the window.

use crate::commands;
use crate::state::AppState;
use std::path::PathBuf;
use tauri::{Manager, WebviewWindowBuilder};

pub fn run(data_dir: PathBuf) -> i32 {
    // WebKit's own storage (cache, local storage) lives inside the chosen data folder too, so
    // a development build or a test never writes into the release app's folders.
    let webview_dir = data_dir.join("webview");
    // The window's size, position and maximised state are remembered between runs, in the
    // data folder (an absolute file name replaces the plugin's config folder), so a test or a
    // second data folder never inherits another one's window.
    let window_state_file = data_dir.join("window-state.json");
    let mut window_state = tauri_plugin_window_state::Builder::new().with_state_flags(
        tauri_plugin_window_state::StateFlags::SIZE
            | tauri_plugin_window_state::StateFlags::POSITION
            | tauri_plugin_window_state::StateFlags::MAXIMIZED,
    );
    if let Some(file) = window_state_file.to_str() {
        window_state = window_state.with_filename(file);
    }
    let state = AppState::open(data_dir);
    if let Some(err) = state.open_error() {
        eprintln!("{}", err.message);
    }
    let specta = commands::builder();
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_dialog::init())
        .plugin(window_state.build())
        .manage(state)
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            specta.mount_events(app);
            // The backup schedule: checked now, then every hour (a backup is made only when
            // the newest one is older than the interval in the settings).
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                handle.state::<AppState>().scheduled_tick();
                std::thread::sleep(std::time::Duration::from_secs(3600));
            });
            // The window is described in tauri.conf.json ("create": false) and made here.
            if let Some(config) = app.config().app.windows.iter().find(|w| w.label == "main").cloned() {
                WebviewWindowBuilder::from_config(app.handle(), &config)?.data_directory(webview_dir).build()?;
            }
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

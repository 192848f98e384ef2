//! Builds and runs the window.

use crate::commands;
use crate::state::AppState;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager, WebviewWindowBuilder};

/// The log files' folder inside the data folder: `secretariat.log`, and up to
/// [`LOG_FILES_KEPT`] older ones, each cut at [`LOG_FILE_BYTES`].
pub const LOG_DIR: &str = "logs";
pub const LOG_FILE_NAME: &str = "secretariat";
pub const LOG_FILE_BYTES: u128 = 1024 * 1024;
pub const LOG_FILES_KEPT: usize = 5;

pub fn log_dir(data_dir: &Path) -> PathBuf {
    data_dir.join(LOG_DIR)
}

/// The name under which one running app owns a data folder (the D-Bus name on Linux):
/// the app's identifier and a hash of the folder's absolute path. Two apps on two data
/// folders (the end-to-end tests start several) never take each other for a second launch;
/// a second launch on the same folder hands over to the first and exits.
pub fn instance_key(identifier: &str, data_dir: &Path) -> String {
    let absolute = std::fs::canonicalize(data_dir).unwrap_or_else(|_| data_dir.to_path_buf());
    // FNV-1a (64 bits): stable across builds and versions, unlike std's hasher.
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in absolute.to_string_lossy().as_bytes() {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    // A D-Bus name element is [A-Za-z0-9_-] and does not start with a digit.
    let base: String =
        identifier.chars().map(|c| if c.is_ascii_alphanumeric() || c == '.' { c } else { '_' }).collect();
    format!("{base}.d{hash:016x}")
}

/// Brings the window to the front: what a second launch on the same data folder does.
fn show_main_window(app: &AppHandle) {
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.unminimize();
        let _ = window.show();
        let _ = window.set_focus();
    }
}

fn log_plugin(data_dir: &Path) -> tauri::plugin::TauriPlugin<tauri::Wry> {
    use tauri_plugin_log::{RotationStrategy, Target, TargetKind, TimezoneStrategy};
    let mut builder = tauri_plugin_log::Builder::new()
        .clear_targets()
        .level(log::LevelFilter::Info)
        .max_file_size(LOG_FILE_BYTES)
        .rotation_strategy(RotationStrategy::KeepSome(LOG_FILES_KEPT))
        .timezone_strategy(TimezoneStrategy::UseLocal)
        .target(Target::new(TargetKind::Stderr));
    // A data folder that cannot take the log (read-only) must not stop the window from
    // opening and saying what is wrong with the data: then the log goes to stderr only.
    let dir = log_dir(data_dir);
    if std::fs::create_dir_all(&dir).is_ok() {
        builder = builder.target(Target::new(TargetKind::Folder { path: dir, file_name: Some(LOG_FILE_NAME.into()) }));
    }
    builder.build()
}

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
    let context = tauri::generate_context!();
    // The folder is made before the key is computed so that its absolute path is the same for
    // every launch (a relative --data-dir from another working folder names the same key).
    let _ = std::fs::create_dir_all(&data_dir);
    let key = instance_key(&context.config().identifier, &data_dir);
    let specta = commands::builder();
    let result = tauri::Builder::default()
        // First: a second launch on this data folder is found before anything else runs; it
        // hands over to the first (which shows its window) and exits. Its store is never
        // opened. Without a D-Bus session bus (a bare CI display) the check is skipped.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(key)
                .callback(|app, _args, _cwd| {
                    log::info!("Ứng dụng được mở lần nữa trên cùng thư mục dữ liệu: đưa cửa sổ đang mở lên trước.");
                    show_main_window(app);
                })
                .build(),
        )
        .plugin(log_plugin(&data_dir))
        .plugin(tauri_plugin_dialog::init())
        .plugin(window_state.build())
        .invoke_handler(specta.invoke_handler())
        .setup(move |app| {
            log::info!("Thư ký Tổ Công tác {} mở thư mục dữ liệu {}", env!("CARGO_PKG_VERSION"), data_dir.display());
            // The store is opened here, after the single-instance check, never by a second
            // launch that is about to exit.
            let state = AppState::open(data_dir);
            if let Some(err) = state.open_error() {
                log::error!("Không mở được dữ liệu: {}", err.message);
            }
            app.manage(state);
            specta.mount_events(app);
            // The backup schedule: checked now, then every hour (a backup is made only when
            // the newest one is older than the interval in the settings).
            let handle = app.handle().clone();
            std::thread::spawn(move || loop {
                handle.state::<AppState>().scheduled_tick();
                std::thread::sleep(std::time::Duration::from_secs(3600));
            });
            // The text of attached files, read in the background for search.
            crate::extract::start(app.handle().clone());
            // The window is described in tauri.conf.json ("create": false) and made here.
            if let Some(config) = app.config().app.windows.iter().find(|w| w.label == "main").cloned() {
                WebviewWindowBuilder::from_config(app.handle(), &config)?.data_directory(webview_dir).build()?;
            }
            Ok(())
        })
        .run(context);
    match result {
        Ok(()) => 0,
        Err(e) => {
            log::error!("Không mở được cửa sổ ứng dụng: {e}");
            eprintln!("Không mở được cửa sổ ứng dụng: {e}");
            1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_instance_key_per_data_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
        std::fs::create_dir_all(&a).unwrap();
        std::fs::create_dir_all(&b).unwrap();
        let id = "vn.secretariat.desktop";
        let key_a = instance_key(id, &a);
        assert_eq!(key_a, instance_key(id, &a.join("../a")), "the same folder by another path");
        assert_ne!(key_a, instance_key(id, &b));
        assert!(key_a.starts_with("vn.secretariat.desktop.d"), "{key_a}");
        // A valid D-Bus well-known name once the plugin appends ".SingleInstance".
        let name = format!("{key_a}.SingleInstance");
        assert!(name.len() <= 255);
        for element in name.split('.') {
            assert!(!element.is_empty() && !element.starts_with(|c: char| c.is_ascii_digit()), "{name}");
            assert!(element.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-'), "{name}");
        }
        assert_eq!(instance_key("vn.tên-app", &a).split('.').nth(1), Some("t_n_app"));
    }
}

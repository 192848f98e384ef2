//! Where the data folder is.
//!
//! Order: the `--data-dir` option, then the `SECRETARIAT_DATA_DIR` environment variable, then
//! the platform's app-data folder for the app identifier. Debug builds (development and tests)
//! use a separate `.dev` folder, so they never touch a secretary's real data.

use std::path::PathBuf;

/// The Tauri identifier; the release data folder is named after it.
pub const APP_IDENTIFIER: &str = "vn.secretariat.desktop";
pub const DATA_DIR_ENV: &str = "SECRETARIAT_DATA_DIR";

pub fn default_data_dir() -> PathBuf {
    let base = dirs::data_dir().unwrap_or_else(|| PathBuf::from("."));
    if cfg!(debug_assertions) {
        base.join(format!("{APP_IDENTIFIER}.dev"))
    } else {
        base.join(APP_IDENTIFIER)
    }
}

pub fn resolve_data_dir(cli: Option<PathBuf>) -> PathBuf {
    cli.or_else(|| std::env::var_os(DATA_DIR_ENV).filter(|v| !v.is_empty()).map(PathBuf::from))
        .unwrap_or_else(default_data_dir)
}

//! The system's file dialogs, opened by the app itself: the page never sends a path. Every
//! command that reads or writes a file the user chooses asks here.
//!
//! WebDriver cannot drive a native dialog, so automated tests answer them through the
//! environment (only when set): `SECRETARIAT_DIALOG_DIR` answers every save dialog with
//! `<dir>/<default name>`; `SECRETARIAT_DIALOG_PICK` answers every open dialog with that file
//! (relative to `SECRETARIAT_DIALOG_DIR` when not absolute; with only the folder set, open
//! dialogs are cancelled). The folder dialog of backups has its own, `SECRETARIAT_BACKUP_DIR`.

use secretariat_core::{AppError, Result};
use std::ffi::OsString;
use std::path::PathBuf;
use tauri::AppHandle;
use tauri_plugin_dialog::DialogExt;

pub const DIALOG_DIR_ENV: &str = "SECRETARIAT_DIALOG_DIR";
pub const DIALOG_PICK_ENV: &str = "SECRETARIAT_DIALOG_PICK";

fn env(name: &str) -> Option<OsString> {
    std::env::var_os(name).filter(|v| !v.is_empty())
}

/// The save dialog for a PDF, proposing `default_name` (already a safe file name). `None`:
/// the user cancelled.
pub fn save_pdf(app: &AppHandle, title: &str, default_name: &str) -> Result<Option<PathBuf>> {
    if let Some(path) = preset_save(env(DIALOG_DIR_ENV), default_name) {
        return path.map(Some);
    }
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(default_name)
        .add_filter("PDF", &["pdf"])
        .blocking_save_file();
    picked.map(|p| p.into_path().map_err(unusable)).transpose()
}

/// The save dialog for a CSV table, proposing `default_name`. `None`: the user cancelled.
pub fn save_csv(app: &AppHandle, title: &str, default_name: &str) -> Result<Option<PathBuf>> {
    if let Some(path) = preset_save(env(DIALOG_DIR_ENV), default_name) {
        return path.map(Some);
    }
    let picked = app
        .dialog()
        .file()
        .set_title(title)
        .set_file_name(default_name)
        .add_filter("CSV", &["csv"])
        .blocking_save_file();
    picked.map(|p| p.into_path().map_err(unusable)).transpose()
}

/// The open dialog for one file. `None`: the user cancelled.
pub fn pick_file(app: &AppHandle, title: &str) -> Result<Option<PathBuf>> {
    if let Some(answer) = preset_pick(env(DIALOG_DIR_ENV), env(DIALOG_PICK_ENV)) {
        return Ok(answer);
    }
    let picked = app.dialog().file().set_title(title).blocking_pick_file();
    picked.map(|p| p.into_path().map_err(unusable)).transpose()
}

fn unusable(e: impl std::fmt::Display) -> AppError {
    AppError::validation(format!("Tệp đã chọn không dùng được: {e}"))
}

/// What the test variables answer a save dialog with (`None`: not set, ask the user).
fn preset_save(dir: Option<OsString>, default_name: &str) -> Option<Result<PathBuf>> {
    let dir = PathBuf::from(dir?);
    Some(
        std::fs::create_dir_all(&dir)
            .map(|_| dir.join(default_name))
            .map_err(|e| AppError::storage(format!("Không tạo được thư mục {}: {e}", dir.display()))),
    )
}

/// What the test variables answer an open dialog with (`None`: not set, ask the user;
/// `Some(None)`: cancelled).
fn preset_pick(dir: Option<OsString>, pick: Option<OsString>) -> Option<Option<PathBuf>> {
    match (dir.map(PathBuf::from), pick.map(PathBuf::from)) {
        (None, None) => None,
        (Some(dir), Some(file)) if file.is_relative() => Some(Some(dir.join(file))),
        (_, Some(file)) => Some(Some(file)),
        (Some(_), None) => Some(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn test_variables_answer_the_dialogs_only_when_set() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("xuat");
        assert!(preset_save(None, "01-TB-TCT.pdf").is_none());
        let answer = preset_save(Some(dir.clone().into()), "01-TB-TCT.pdf").unwrap().unwrap();
        assert_eq!(answer, dir.join("01-TB-TCT.pdf"));
        assert!(dir.is_dir(), "the folder is made");

        assert_eq!(preset_pick(None, None), None);
        assert_eq!(preset_pick(Some(dir.clone().into()), None), Some(None), "cancelled");
        assert_eq!(preset_pick(Some(dir.clone().into()), Some("a.pdf".into())), Some(Some(dir.join("a.pdf"))));
        assert_eq!(preset_pick(None, Some("/tmp/b.pdf".into())), Some(Some(PathBuf::from("/tmp/b.pdf"))));
        assert_eq!(
            preset_pick(Some(dir.clone().into()), Some("/tmp/b.pdf".into())),
            Some(Some(PathBuf::from("/tmp/b.pdf")))
        );
    }
}

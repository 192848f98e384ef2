//! The Văn bản đến screen's files: the received file chosen in the app's own open dialog and
//! taken into the file store at once (the page gets back its hash and name, never a path), a
//! stored file opened in the system's viewer (from a copy, so the viewer cannot change the
//! stored one), and the incoming register exported or printed.

use crate::dialogs;
use crate::state::AppState;
use secretariat_core::filestore::{self, ChosenFile};
use secretariat_core::incoming;
use secretariat_core::store::fsutil::safe_file_name;
use secretariat_core::store::write_atomic;
use secretariat_core::{AppError, Result};
use std::path::Path;
use tauri::AppHandle;

/// "Chọn tệp…": the open dialog, then the file into the store. `None`: cancelled.
pub fn pick_file(app: &AppHandle, state: &AppState) -> Result<Option<ChosenFile>> {
    let Some(path) = dialogs::pick_file(app, "Chọn tệp văn bản đến (PDF, Word, Excel, ảnh)")? else {
        return Ok(None);
    };
    let limit = state.read(secretariat_core::settings::file_settings)?.max_attachment_bytes();
    let put = filestore::put_file(&state.data_dir, &path, limit)?;
    Ok(Some(ChosenFile::from(&put)))
}

fn open_copy(state: &AppState, name: &str, bytes_from: &Path) -> Result<()> {
    let dir = state.data_dir.join("open");
    std::fs::create_dir_all(&dir)
        .map_err(|e| AppError::storage(format!("Không tạo được thư mục {}: {e}", dir.display())))?;
    let target = dir.join(safe_file_name(name, "tep"));
    let bytes =
        std::fs::read(bytes_from).map_err(|e| AppError::storage(format!("Không đọc được tệp \"{name}\": {e}")))?;
    write_atomic(&target, &bytes)?;
    open::that_detached(&target).map_err(|e| {
        AppError::storage(format!(
            "Không mở được tệp bằng chương trình của máy ({e}). Tệp đã được chép tại {}.",
            target.display()
        ))
    })
}

/// Opens a registered document's file with the system's viewer.
pub fn open_file(state: &AppState, id: &str) -> Result<()> {
    let (path, name) = state.read(|c| incoming::incoming_file_path(c, &state.data_dir, id))?;
    open_copy(state, &name, &path)
}

fn register_name(year: i32) -> String {
    format!("so-dang-ky-van-ban-den-{year}.pdf")
}

/// "Xuất PDF" of the incoming register: the save dialog, then the file. `None`: cancelled.
pub fn export_register(app: &AppHandle, state: &AppState, year: i32) -> Result<Option<String>> {
    let Some(mut path) = dialogs::save_pdf(app, "Xuất sổ đăng ký văn bản đến ra tệp PDF", &register_name(year))?
    else {
        return Ok(None);
    };
    if path.extension().is_none_or(|e| !e.eq_ignore_ascii_case("pdf")) {
        path.set_extension("pdf");
    }
    let pdf = state.read(|c| incoming::incoming_register_pdf(c, year, chrono::Utc::now().timestamp()))?;
    write_atomic(&path, &pdf)?;
    Ok(Some(path.display().to_string()))
}

/// "In sổ": the register opened in the system's PDF viewer, whose Print command prints it.
pub fn print_register(state: &AppState, year: i32) -> Result<()> {
    let pdf = state.read(|c| incoming::incoming_register_pdf(c, year, chrono::Utc::now().timestamp()))?;
    let dir = state.data_dir.join("print");
    std::fs::create_dir_all(&dir)
        .map_err(|e| AppError::storage(format!("Không tạo được thư mục {}: {e}", dir.display())))?;
    let path = dir.join(register_name(year));
    write_atomic(&path, &pdf)?;
    open::that_detached(&path).map_err(|e| {
        AppError::storage(format!(
            "Không mở được trình xem PDF của máy để in ({e}). Tệp đã được lưu tại {}.",
            path.display()
        ))
    })
}

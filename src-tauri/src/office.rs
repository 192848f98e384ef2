//! Word and Excel files the app writes or reads for the user, through the app's own dialogs
//! (the page never sends a path). Writes are atomic (`write_atomic`) and noted in the audit
//! trail, as PDF exports are.

use crate::dialogs;
use crate::state::AppState;
use secretariat_core::audit::{self, AuditAction};
use secretariat_core::documents::{self, DocumentRecord};
use secretariat_core::office::{self, PersonImportPreview, PersonImportResult};
use secretariat_core::store::fsutil::{open_regular_file, safe_file_name};
use secretariat_core::store::write_atomic;
use secretariat_core::{AppError, Result};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use tauri::AppHandle;

const WORD: (&str, &[&str]) = ("Word", &["docx"]);
const EXCEL: (&str, &[&str]) = ("Excel", &["xlsx"]);
const PDF: (&str, &[&str]) = ("PDF", &["pdf"]);
/// The largest Word or Excel file read.
const MAX_BYTES: u64 = 50 * 1024 * 1024;

fn with_extension(path: &Path, ext: &str) -> PathBuf {
    let mut path = path.to_path_buf();
    if path.extension().is_none_or(|e| !e.eq_ignore_ascii_case(ext)) {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(format!(".{ext}"));
        path.set_file_name(name);
    }
    path
}

fn read_file(path: &Path) -> Result<Vec<u8>> {
    let (file, _) = open_regular_file(path, MAX_BYTES)?;
    let mut bytes = Vec::new();
    file.take(MAX_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| AppError::storage(format!("Không đọc được tệp {}: {e}", path.display())))?;
    Ok(bytes)
}

fn note(state: &AppState, entity: &str, id: &str, summary: String, path: &Path) {
    let detail = serde_json::json!({ "tệp": path.display().to_string() });
    let _ = state.write(|s| s.write(|tx| audit::record(tx, AuditAction::Export, entity, id, &summary, Some(detail))));
}

/// Asks where to save, writes `bytes` there; `None`: cancelled.
fn save(
    app: &AppHandle,
    title: &str,
    name: &str,
    filter: (&str, &[&str]),
    bytes: impl FnOnce() -> Result<Vec<u8>>,
) -> Result<Option<PathBuf>> {
    let Some(path) = dialogs::save_file(app, title, name, filter)? else { return Ok(None) };
    let path = with_extension(&path, filter.1[0]);
    write_atomic(&path, &bytes()?)?;
    Ok(Some(path))
}

/// "Xuất Word (.docx)".
pub fn export_docx(app: &AppHandle, state: &AppState, id: &str) -> Result<Option<String>> {
    let doc = state.read(|c| documents::get_document(c, id))?;
    let stem =
        doc.number_symbol.clone().unwrap_or_else(|| format!("du-thao-{}", doc.id.chars().take(8).collect::<String>()));
    let name = format!("{}.docx", safe_file_name(&stem, "van-ban"));
    let Some(path) = save(app, "Xuất văn bản ra tệp Word", &name, WORD, || {
        state.read(|c| documents::docx::document_docx(c, id))
    })?
    else {
        return Ok(None);
    };
    let label = doc.number_symbol.unwrap_or_else(|| format!("{} (dự thảo)", doc.type_label));
    note(state, "document", id, format!("{label} (Word)"), &path);
    Ok(Some(path.display().to_string()))
}

/// "Nhập lại từ Word": the open dialog, then the draft's body replaced. `None`: cancelled.
pub fn import_docx(app: &AppHandle, state: &AppState, id: &str) -> Result<Option<DocumentRecord>> {
    let Some(path) = dialogs::pick_file(app, "Chọn tệp Word (.docx) đã sửa")? else { return Ok(None) };
    let bytes = read_file(&path)?;
    state.write(|s| documents::docx::import_docx_body(s, id, &bytes)).map(Some)
}

pub fn export_roster_xlsx(
    app: &AppHandle,
    state: &AppState,
    body_id: &str,
    as_of: chrono::NaiveDate,
) -> Result<Option<String>> {
    let name = format!("danh-sach-thanh-vien-{}.xlsx", as_of.format("%Y-%m-%d"));
    let path = save(app, "Xuất danh sách thành viên ra tệp Excel", &name, EXCEL, || {
        state.read(|c| office::roster_xlsx(c, body_id, as_of))
    })?;
    Ok(path.map(|p| {
        note(state, "body", body_id, "Danh sách thành viên (Excel)".into(), &p);
        p.display().to_string()
    }))
}

pub fn export_register_xlsx(app: &AppHandle, state: &AppState, year: i32) -> Result<Option<String>> {
    let name = format!("so-dang-ky-van-ban-di-{year}.xlsx");
    let path = save(app, "Xuất sổ đăng ký văn bản đi ra tệp Excel", &name, EXCEL, || {
        state.read(|c| office::register_xlsx(c, year))
    })?;
    Ok(path.map(|p| {
        note(state, "register", &year.to_string(), format!("Sổ đăng ký văn bản đi năm {year} (Excel)"), &p);
        p.display().to_string()
    }))
}

/// "Xuất Excel" of the task list: every task the list's filters select (not only the page).
pub fn export_tasks_xlsx(
    app: &AppHandle,
    state: &AppState,
    filter: &secretariat_core::followup::TaskFilter,
) -> Result<Option<String>> {
    let name = format!("danh-sach-nhiem-vu-{}.xlsx", filter.as_of.format("%Y-%m-%d"));
    let path = save(app, "Xuất danh sách nhiệm vụ ra tệp Excel", &name, EXCEL, || {
        state.read(|c| office::tasks_xlsx(c, filter))
    })?;
    Ok(path.map(|p| {
        let summary = format!("Danh sách nhiệm vụ tính đến ngày {} (Excel)", filter.as_of.format("%d/%m/%Y"));
        note(state, "task", "", summary, &p);
        p.display().to_string()
    }))
}

pub fn export_attendance_xlsx(app: &AppHandle, state: &AppState, meeting_id: &str) -> Result<Option<String>> {
    let path = save(app, "Xuất thành phần dự họp ra tệp Excel", "thanh-phan-du-hop.xlsx", EXCEL, || {
        state.read(|c| office::attendance_xlsx(c, meeting_id))
    })?;
    Ok(path.map(|p| {
        note(state, "meeting", meeting_id, "Thành phần dự họp (Excel)".into(), &p);
        p.display().to_string()
    }))
}

/// "In danh sách ký": the signing sheet saved as a PDF to print.
pub fn export_attendance_sheet(app: &AppHandle, state: &AppState, meeting_id: &str) -> Result<Option<String>> {
    let now = chrono::Utc::now().timestamp();
    let path =
        save(app, "Lưu danh sách đại biểu dự họp (PDF)", "danh-sach-dai-bieu-du-hop.pdf", PDF, || {
            state.read(|c| office::attendance_sheet_pdf(c, meeting_id, now))
        })?;
    Ok(path.map(|p| {
        note(state, "meeting", meeting_id, "Danh sách đại biểu dự họp".into(), &p);
        p.display().to_string()
    }))
}

/// The file chosen for the people import, kept between the preview and the import so that
/// the page never holds a path.
static PENDING_PEOPLE: Mutex<Option<PathBuf>> = Mutex::new(None);

/// "Nhập từ Excel": the open dialog, then the preview of every row. `None`: cancelled.
pub fn preview_people(app: &AppHandle, state: &AppState) -> Result<Option<PersonImportPreview>> {
    let Some(path) = dialogs::pick_file(app, "Chọn tệp Excel (.xlsx) danh sách người")? else {
        return Ok(None);
    };
    let bytes = read_file(&path)?;
    let preview = state.read(|c| office::preview_people_xlsx(c, &bytes))?;
    if let Ok(mut pending) = PENDING_PEOPLE.lock() {
        *pending = Some(path);
    }
    Ok(Some(preview))
}

/// Imports the valid rows of the file last previewed (read again: what is imported is what
/// the file holds now, checked again).
pub fn import_people(state: &AppState) -> Result<PersonImportResult> {
    let path = PENDING_PEOPLE.lock().ok().and_then(|mut p| p.take()).ok_or_else(|| {
        AppError::validation("Chưa chọn tệp Excel để nhập; hãy bấm \"Nhập từ Excel\" và xem trước danh sách.")
    })?;
    let bytes = read_file(&path)?;
    state.write(|s| office::import_people_xlsx(s, &bytes))
}

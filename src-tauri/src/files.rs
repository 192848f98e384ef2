//! Files the app writes for the user: an exported PDF (where the save dialog, opened by the
//! app, pointed), and a copy sent to the printer (see `print.rs`). Every write is
//! atomic (`write_atomic`: temporary file, fsync, rename), so a full disk or a failed
//! overwrite never leaves a half PDF nor destroys the file that was there.

use crate::dialogs;
use crate::print::{self, PrintResult};
use crate::state::AppState;
use secretariat_core::audit::{self, AuditAction};
use secretariat_core::documents;
use secretariat_core::store::fsutil::safe_file_name;
use secretariat_core::store::write_atomic;
use secretariat_core::{AppError, Result};
use std::path::{Path, PathBuf};
use tauri::AppHandle;

fn pdf_path(path: &Path) -> PathBuf {
    let mut path = path.to_path_buf();
    if path.extension().is_none_or(|e| !e.eq_ignore_ascii_case("pdf")) {
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".pdf");
        path.set_file_name(name);
    }
    path
}

/// The file name offered for a document: its number and symbol ("01/TB-TCT" →
/// "01-TB-TCT.pdf"), or "du-thao-<first 8 characters of the id>.pdf" for a draft.
pub fn document_file_name(state: &AppState, id: &str) -> Result<String> {
    let doc = state.read(|c| documents::get_document(c, id))?;
    let stem = match doc.number_symbol.as_deref() {
        Some(n) => n.to_string(),
        None => format!("du-thao-{}", doc.id.chars().take(8).collect::<String>()),
    };
    Ok(format!("{}.pdf", safe_file_name(&stem, "van-ban")))
}

/// The file name offered for the outgoing register of a year.
pub fn register_file_name(year: i32) -> String {
    format!("so-dang-ky-van-ban-di-{year}.pdf")
}

/// Records in the audit trail that a document (or the register) left the app: exported to a
/// file or sent to print. The file is written first; the line is written whether or not the
/// secretary goes on to print, and a failure to write it does not undo the export.
fn note(state: &AppState, action: AuditAction, entity: &str, id: &str, summary: String, path: &Path) {
    let detail = serde_json::json!({ "tệp": path.display().to_string() });
    let _ = state.write(|s| s.write(|tx| audit::record(tx, action, entity, id, &summary, Some(detail))));
}

fn document_label(state: &AppState, id: &str) -> String {
    state
        .read(|c| documents::get_document(c, id))
        .map(|d| d.number_symbol.unwrap_or_else(|| format!("{} (dự thảo)", d.type_label)))
        .unwrap_or_default()
}

/// Writes the document's PDF at `path` (adding ".pdf" when missing); returns where.
pub fn export_pdf(state: &AppState, id: &str, path: &Path) -> Result<PathBuf> {
    let pdf = state.read(|c| documents::document_pdf(c, id))?;
    let path = pdf_path(path);
    write_atomic(&path, &pdf)?;
    note(state, AuditAction::Export, "document", id, document_label(state, id), &path);
    Ok(path)
}

/// Writes the outgoing register as a landscape PDF at `path`; returns where.
pub fn export_register(
    state: &AppState,
    year: i32,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    path: &Path,
) -> Result<PathBuf> {
    let pdf = state.read(|c| documents::register_pdf(c, year, from, to, chrono::Utc::now().timestamp()))?;
    let path = pdf_path(path);
    write_atomic(&path, &pdf)?;
    let summary = format!("Sổ đăng ký văn bản đi năm {year}");
    note(state, AuditAction::Export, "register", &year.to_string(), summary, &path);
    Ok(path)
}

/// "Xuất PDF": the save dialog, then the export. `None`: cancelled; else where it was written.
pub fn export_document_chosen(app: &AppHandle, state: &AppState, id: &str) -> Result<Option<String>> {
    let name = document_file_name(state, id)?;
    match dialogs::save_pdf(app, "Xuất văn bản ra tệp PDF", &name)? {
        Some(path) => Ok(Some(export_pdf(state, id, &path)?.display().to_string())),
        None => Ok(None),
    }
}

/// The register's "Xuất PDF": the save dialog, then the export. `None`: cancelled.
pub fn export_register_chosen(
    app: &AppHandle,
    state: &AppState,
    year: i32,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> Result<Option<String>> {
    match dialogs::save_pdf(app, "Xuất sổ đăng ký văn bản đi ra tệp PDF", &register_file_name(year))? {
        Some(path) => Ok(Some(export_register(state, year, from, to, &path)?.display().to_string())),
        None => Ok(None),
    }
}

/// "Xuất CSV" of the search page: every result of the query (up to 5,000), written where the
/// save dialog points. `None`: cancelled.
pub fn export_search_chosen(
    app: &AppHandle,
    state: &AppState,
    query: &secretariat_core::search::SearchQuery,
) -> Result<Option<String>> {
    let Some(path) =
        dialogs::save_file(app, "Xuất kết quả tìm kiếm ra tệp CSV", "ket-qua-tim-kiem.csv", ("CSV", &["csv"]))?
    else {
        return Ok(None);
    };
    let all = secretariat_core::search::SearchQuery { limit: 5000, offset: 0, ..query.clone() };
    let hits = state.read(|c| secretariat_core::search::search_with(c, &all))?;
    let mut path = path;
    if path.extension().is_none_or(|e| !e.eq_ignore_ascii_case("csv")) {
        path.set_extension("csv");
    }
    write_atomic(&path, secretariat_core::search::results_csv(&hits).as_bytes())?;
    let summary = format!("Kết quả tìm kiếm “{}” ({} dòng)", query.text, hits.len());
    note(state, AuditAction::Export, "search", "", summary, &path);
    Ok(Some(path.display().to_string()))
}

/// "Đính kèm tệp…": the open dialog, then the copy into the data folder. `None`: cancelled.
pub fn attach_chosen(
    app: &AppHandle,
    state: &AppState,
    item_id: &str,
) -> Result<Option<Vec<secretariat_core::meetings::AgendaItem>>> {
    match dialogs::pick_file(app, "Chọn tệp đính kèm")? {
        Some(path) => {
            let dir = state.data_dir.clone();
            let attached = state.write(|s| secretariat_core::meetings::attach_file(s, &dir, item_id, &path)).map(Some);
            crate::extract::wake();
            attached
        }
        None => Ok(None),
    }
}

/// "In": the document's PDF, kept under `<data>/print/`, sent to the default printer
/// (`copies` copies), or opened in the system's viewer when there is no printer.
pub fn print_document(state: &AppState, id: &str, copies: u32) -> Result<PrintResult> {
    print_document_with(state, id, copies, &*print::system_backend())
}

pub fn print_document_with(
    state: &AppState,
    id: &str,
    copies: u32,
    backend: &dyn print::PrintBackend,
) -> Result<PrintResult> {
    print::check_copies(copies)?;
    let name = document_file_name(state, id)?;
    let pdf = state.read(|c| documents::document_pdf(c, id))?;
    print_bytes_with(state, ("document", id), &document_label(state, id), &name, &pdf, copies, backend)
}

/// Prints any PDF the app made (a document, a register, an attendance sheet): kept under
/// `<data>/print/<name>`, sent to the default printer or opened in the viewer, and noted in
/// the audit trail against `entity` (kind, id) with `label` and the number of copies.
pub fn print_bytes_with(
    state: &AppState,
    entity: (&str, &str),
    label: &str,
    name: &str,
    pdf: &[u8],
    copies: u32,
    backend: &dyn print::PrintBackend,
) -> Result<PrintResult> {
    print::check_copies(copies)?;
    let path = print_copy(state, name, pdf)?;
    let done = print::print_pdf(backend, &path, copies, label)?;
    let summary = if done.printed { format!("{label} ({copies} bản)") } else { format!("{label} (mở để in)") };
    note(state, AuditAction::Print, entity.0, entity.1, summary, &path);
    Ok(done)
}

/// Writes the PDF to print under `<data>/print/<name>` (atomically); returns where.
pub fn print_copy(state: &AppState, name: &str, pdf: &[u8]) -> Result<PathBuf> {
    let dir = state.data_dir.join("print");
    std::fs::create_dir_all(&dir)
        .map_err(|e| AppError::storage(format!("Không tạo được thư mục {}: {e}", dir.display())))?;
    let path = dir.join(safe_file_name(name, "in.pdf"));
    write_atomic(&path, pdf)?;
    Ok(path)
}

/// Opens a folder of the data folder (the logs) in the system's file manager, making it
/// first if needed.
pub fn open_folder(dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir)
        .map_err(|e| AppError::storage(format!("Không tạo được thư mục {}: {e}", dir.display())))?;
    open::that_detached(dir).map_err(|e| {
        AppError::storage(format!(
            "Không mở được thư mục {} ({e}). Hãy mở thư mục đó bằng trình quản lý tệp.",
            dir.display()
        ))
    })
}

/// Asks for a file and records a progress report with it attached (copied into the data
/// folder); `None` when the dialog was cancelled.
pub fn progress_with_chosen_file(
    app: &AppHandle,
    state: &AppState,
    task_id: &str,
    input: &secretariat_core::followup::ProgressInput,
) -> Result<Option<String>> {
    match dialogs::pick_file(app, "Chọn tệp báo cáo đính kèm")? {
        Some(path) => {
            let dir = state.data_dir.clone();
            let added = state
                .write(|s| secretariat_core::followup::add_progress_with_file(s, &dir, task_id, input, &path))
                .map(Some);
            crate::extract::wake();
            added
        }
        None => Ok(None),
    }
}

/// Asks for an annual work plan's JSON file and drafts the plan from it.
pub fn plan_from_chosen_file(app: &AppHandle, state: &AppState) -> Result<Option<documents::DocumentRecord>> {
    match dialogs::pick_file(app, "Chọn tệp kế hoạch (JSON)")? {
        Some(path) => {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| AppError::storage(format!("Không đọc được tệp {}: {e}", path.display())))?;
            let plan = secretariat_core::followup::parse_plan_json(&text)?;
            state.write(|s| secretariat_core::followup::import_plan(s, &plan)).map(Some)
        }
        None => Ok(None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::process::Command;

    /// An issued Công văn ("01/…") in a fresh data folder.
    fn issued(data: &Path) -> (AppState, String) {
        let state = AppState::open(data.to_path_buf());
        let json = include_str!("../../docs/examples/cong-van.json");
        let content: documents::DocumentContent = serde_json::from_str(json).unwrap();
        let doc = state.write(|s| documents::create_draft(s, &content)).unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 8).unwrap();
        state.write(|s| documents::issue_document(s, &doc.id, date, None, false)).unwrap();
        (state, doc.id)
    }

    #[test]
    fn export_writes_the_stored_pdf_and_adds_the_extension() {
        let dir = tempfile::tempdir().unwrap();
        let (state, id) = issued(&dir.path().join("data"));
        let number = state.read(|c| documents::get_document(c, &id)).unwrap().number_symbol.unwrap();
        assert_eq!(document_file_name(&state, &id).unwrap(), format!("{}.pdf", number.replace('/', "-")));
        assert!(!document_file_name(&state, &id).unwrap().contains('/'));
        let target = dir.path().join("cong-van so 01");
        let written_at = export_pdf(&state, &id, &target).unwrap();
        assert_eq!(written_at, dir.path().join("cong-van so 01.pdf"));
        let written = std::fs::read(&written_at).unwrap();
        let stored = state.read(|c| documents::document_pdf(c, &id)).unwrap();
        assert_eq!(written, stored);
        assert!(written.starts_with(b"%PDF-"));
        // The audit trail says the document left the app, and where to.
        let log = state
            .read(|c| audit::list(c, &audit::AuditFilter { action: Some(AuditAction::Export), ..Default::default() }))
            .unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].entity_id, id);
        assert!(log[0].summary.starts_with("01/"), "{}", log[0].summary);
        assert!(log[0].after.as_deref().unwrap_or_default().contains("cong-van so 01.pdf"));
        // A folder that does not exist gets a Vietnamese message, not a crash.
        let err = export_pdf(&state, &id, &dir.path().join("khong-co/x.pdf")).unwrap_err();
        assert!(err.message.starts_with("Không ghi được tệp"), "{}", err.message);
        // The register too, over an older file, leaving no temporary file.
        let register = dir.path().join(register_file_name(2025));
        std::fs::write(&register, b"old").unwrap();
        export_register(&state, 2025, None, None, &register).unwrap();
        assert!(std::fs::read(&register).unwrap().starts_with(b"%PDF-"));
        let mut names: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["cong-van so 01.pdf", "data", "so-dang-ky-van-ban-di-2025.pdf"]);
    }

    #[test]
    fn a_draft_is_offered_a_draft_name() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("data"));
        let content: documents::DocumentContent =
            serde_json::from_str(include_str!("../../docs/examples/thong-bao.json")).unwrap();
        let doc = state.write(|s| documents::create_draft(s, &content)).unwrap();
        assert_eq!(document_file_name(&state, &doc.id).unwrap(), format!("du-thao-{}.pdf", &doc.id[..8]));
    }

    /// "In" with a stand-in for `lp` that records its arguments and keeps the file it got:
    /// the stored PDF goes out once, with the copies count, and the audit trail says so.
    #[cfg(unix)]
    #[test]
    fn printing_sends_the_stored_pdf_with_the_copies_count() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let (state, id) = issued(&dir.path().join("data"));
        let stub = dir.path().join("lp");
        let got = dir.path().join("got");
        std::fs::create_dir(&got).unwrap();
        let script = format!(
            "#!/bin/sh\nprintf '%s\\n' \"$@\" >> '{0}/args'\nfor f; do :; done\ncp \"$f\" '{0}/'\n",
            got.display()
        );
        std::fs::write(&stub, script).unwrap();
        std::fs::set_permissions(&stub, std::fs::Permissions::from_mode(0o755)).unwrap();
        let backend = print::Cups { lp: stub.into(), lpstat: None };

        let done = print_document_with(&state, &id, 2, &backend).unwrap();
        assert!(done.printed, "{done:?}");
        let name = document_file_name(&state, &id).unwrap();
        assert_eq!(done.file, state.data_dir.join("print").join(&name).display().to_string());
        let args = std::fs::read_to_string(got.join("args")).unwrap();
        let number = state.read(|c| documents::get_document(c, &id)).unwrap().number_symbol.unwrap();
        assert_eq!(args, format!("-n\n2\n-t\n{number}\n--\n{}\n", done.file));
        let stored = state.read(|c| documents::document_pdf(c, &id)).unwrap();
        assert_eq!(std::fs::read(got.join(&name)).unwrap(), stored, "the printer got the stored PDF");
        let log = state
            .read(|c| audit::list(c, &audit::AuditFilter { action: Some(AuditAction::Print), ..Default::default() }))
            .unwrap();
        assert_eq!(log.len(), 1);
        assert_eq!(log[0].summary, format!("{number} (2 bản)"));

        let err = print_document_with(&state, &id, 0, &backend).unwrap_err();
        assert_eq!(err.message, "Số bản in phải từ 1 đến 99.");
        assert_eq!(std::fs::read_to_string(got.join("args")).unwrap(), args, "nothing more was sent");
    }

    const CHILD: &str = "SECRETARIAT_TEST_EXPORT_CHILD";

    /// The export over a good PDF on a full disk (a file size limit set on a child process
    /// running this same test) fails with a Vietnamese message and leaves the old PDF byte
    /// for byte.
    #[cfg(unix)]
    #[test]
    fn a_failed_export_keeps_the_old_pdf() {
        if let Some(dir) = std::env::var_os(CHILD) {
            // The child, under the limit: the data exist, the export must fail.
            let dir = PathBuf::from(dir);
            let state = AppState::open(dir.join("data"));
            let id = std::fs::read_to_string(dir.join("id")).unwrap();
            let err = export_pdf(&state, &id, &dir.join("van-ban.pdf")).unwrap_err();
            println!("CHILD-ERROR {}", err.message);
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let (state, id) = issued(&dir.path().join("data"));
        drop(state);
        std::fs::write(dir.path().join("id"), &id).unwrap();
        let target = dir.path().join("van-ban.pdf");
        // The good PDF already there: the stored one with a note appended, still a PDF.
        let state = AppState::open(dir.path().join("data"));
        let mut good = state.read(|c| documents::document_pdf(c, &id)).unwrap();
        drop(state);
        good.extend_from_slice(b"\n% ban cu\n");
        std::fs::write(&target, &good).unwrap();
        let limit_kb = good.len() as u64 / 1024 - 4;
        assert!(limit_kb >= 36, "above what opening the database needs: {limit_kb} KB");
        let out = Command::new("bash")
            .args(["-c", &format!("trap '' XFSZ; ulimit -f {limit_kb}; exec \"$0\" \"$@\"")])
            .arg(std::env::current_exe().unwrap())
            .args(["--exact", "files::tests::a_failed_export_keeps_the_old_pdf", "--nocapture", "--test-threads=1"])
            .env(CHILD, dir.path())
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(out.status.success(), "{stdout}{}", String::from_utf8_lossy(&out.stderr));
        let message = stdout
            .split_once("CHILD-ERROR ")
            .map(|(_, m)| m.lines().next().unwrap_or_default())
            .unwrap_or_else(|| panic!("the child ran the export: {stdout}"));
        assert!(message.contains("ổ đĩa đã đầy. Tệp cũ (nếu có) vẫn giữ nguyên."), "{message}");
        assert_eq!(std::fs::read(&target).unwrap(), good, "the old PDF is unchanged, byte for byte");
        let mut names: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
        names.sort();
        assert_eq!(names, ["data", "id", "van-ban.pdf"], "no temporary file is left");
    }
}

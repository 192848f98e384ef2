//! Files the app writes for the user: an exported PDF (where the save dialog pointed), and a
//! copy opened in the system's PDF viewer for printing.

use crate::state::AppState;
use secretariat_core::documents;
use secretariat_core::{AppError, Result};
use std::path::{Path, PathBuf};

fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    std::fs::write(path, bytes).map_err(|e| AppError::storage(format!("Không ghi được tệp {}: {e}", path.display())))
}

fn pdf_path(path: &str) -> PathBuf {
    let mut path = PathBuf::from(path);
    if path.extension().is_none_or(|e| !e.eq_ignore_ascii_case("pdf")) {
        path.set_extension("pdf");
    }
    path
}

/// Writes the document's PDF where the user chose (adding ".pdf" when missing).
pub fn export_pdf(state: &AppState, id: &str, path: &str) -> Result<()> {
    let pdf = state.read(|c| documents::document_pdf(c, id))?;
    write(&pdf_path(path), &pdf)
}

/// Writes the outgoing register as a landscape PDF where the user chose.
pub fn export_register(
    state: &AppState,
    year: i32,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
    path: &str,
) -> Result<()> {
    let pdf = state.read(|c| documents::register_pdf(c, year, from, to, chrono::Utc::now().timestamp()))?;
    write(&pdf_path(path), &pdf)
}

/// Opens the PDF in the system viewer, whose Print command prints it as it is.
pub fn open_for_printing(state: &AppState, id: &str) -> Result<()> {
    let (pdf, name) = state.read(|c| {
        let doc = documents::get_document(c, id)?;
        let name = doc.number_symbol.clone().unwrap_or_else(|| format!("du-thao-{}", &doc.id[..8])).replace('/', "-");
        Ok((documents::document_pdf(c, id)?, name))
    })?;
    let dir = state.data_dir.join("print");
    std::fs::create_dir_all(&dir)?;
    let path = dir.join(format!("{name}.pdf"));
    write(&path, &pdf)?;
    open::that_detached(&path).map_err(|e| {
        AppError::storage(format!(
            "Không mở được trình xem PDF của máy để in ({e}). Tệp đã được lưu tại {}.",
            path.display()
        ))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn export_writes_the_stored_pdf_and_adds_the_extension() {
        let dir = tempfile::tempdir().unwrap();
        let state = AppState::open(dir.path().join("data"));
        let json = include_str!("../../docs/examples/cong-van.json");
        let content: documents::DocumentContent = serde_json::from_str(json).unwrap();
        let doc = state.write(|s| documents::create_draft(s, &content)).unwrap();
        let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 8).unwrap();
        state.write(|s| documents::issue_document(s, &doc.id, date, None, false)).unwrap();
        let target = dir.path().join("cong-van so 01");
        export_pdf(&state, &doc.id, target.to_str().unwrap()).unwrap();
        let written = std::fs::read(dir.path().join("cong-van so 01.pdf")).unwrap();
        let stored = state.read(|c| documents::document_pdf(c, &doc.id)).unwrap();
        assert_eq!(written, stored);
        assert!(written.starts_with(b"%PDF-"));
        // A folder that does not exist gets a Vietnamese message, not a crash.
        let err = export_pdf(&state, &doc.id, dir.path().join("khong-co/x.pdf").to_str().unwrap()).unwrap_err();
        assert!(err.message.starts_with("Không ghi được tệp"), "{}", err.message);
        // The register too.
        let register = dir.path().join("so-dang-ky.PDF");
        export_register(&state, 2025, None, None, register.to_str().unwrap()).unwrap();
        assert!(std::fs::read(&register).unwrap().starts_with(b"%PDF-"));
    }
}

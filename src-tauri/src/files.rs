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

//! `document` and `register` subcommands.

use super::output;
use chrono::{Local, Utc};
use clap::Subcommand;
use secretariat_core::documents::{self, DocumentContent, DocumentFilter, DocumentStatus, DocumentType};
use secretariat_core::text::{format_date_vi, parse_date};
use secretariat_core::{AppError, Store};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum DocumentAction {
    /// Create a draft from a JSON file in the shape of the document model; prints its id.
    Import { file: PathBuf },
    /// List documents.
    List {
        #[arg(long)]
        year: Option<i32>,
        /// announcement | minutes | invitation | report | plan | programme | submission | decision | official_letter
        #[arg(long = "type")]
        doc_type: Option<String>,
        /// draft | issued | recalled
        #[arg(long)]
        status: Option<String>,
    },
    /// Write the PDF (the stored one once issued, a fresh rendering for a draft).
    Render {
        id: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Issue a draft: next number, date (default today), PDF stored; prints the number.
    Issue {
        id: String,
        #[arg(long)]
        date: Option<String>,
    },
    /// Recall (thu hồi) an issued document.
    Recall {
        id: String,
        #[arg(long)]
        reason: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum RegisterAction {
    /// Print the outgoing register (Sổ đăng ký văn bản đi) as a landscape PDF.
    Print {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        from: Option<String>,
        #[arg(long)]
        to: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
}

fn date(input: &str) -> Result<chrono::NaiveDate, AppError> {
    parse_date(input)
        .ok_or_else(|| AppError::validation(format!("Ngày \"{input}\" không hợp lệ; hãy viết theo dạng dd/mm/yyyy.")))
}

fn write_file(path: &Path, bytes: &[u8]) -> Result<(), AppError> {
    std::fs::write(path, bytes).map_err(|e| AppError::storage(format!("Không ghi được tệp {}: {e}", path.display())))
}

pub fn document(store: &mut Store, action: DocumentAction, json: bool) -> Result<String, AppError> {
    match action {
        DocumentAction::Import { file } => {
            let text = std::fs::read_to_string(&file)
                .map_err(|e| AppError::validation(format!("Không đọc được tệp {}: {e}", file.display())))?;
            let content: DocumentContent = serde_json::from_str(&text).map_err(|e| {
                AppError::validation(format!("Tệp {} không đúng mẫu văn bản (JSON): {e}", file.display()))
            })?;
            let doc = documents::create_draft(store, &content)?;
            output(json, &doc, |d| d.id.clone())
        }
        DocumentAction::List { year, doc_type, status } => {
            let doc_type = doc_type
                .map(|t| {
                    DocumentType::parse(&t)
                        .ok_or_else(|| AppError::validation(format!("Loại văn bản \"{t}\" không hợp lệ.")))
                })
                .transpose()?;
            let status = match status.as_deref() {
                None => None,
                Some("draft") => Some(DocumentStatus::Draft),
                Some("issued") => Some(DocumentStatus::Issued),
                Some("recalled") => Some(DocumentStatus::Recalled),
                Some(other) => {
                    return Err(AppError::validation(format!(
                        "Trạng thái \"{other}\" không hợp lệ (draft, issued, recalled)."
                    )))
                }
            };
            let list = store.read(|c| documents::list_documents(c, &DocumentFilter { doc_type, year, status }))?;
            output(json, &list, |l| {
                l.iter()
                    .map(|d| {
                        let date = d.issued_on.map(format_date_vi).unwrap_or_default();
                        let number = d.number_symbol.clone().unwrap_or_else(|| "(dự thảo)".into());
                        format!("{number}\t{date}\t{}\t{}\t{}\t{}", d.type_label, d.subject, d.status_label, d.id)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        DocumentAction::Render { id, out } => {
            let pdf = store.read(|c| documents::document_pdf(c, &id))?;
            write_file(&out, &pdf)?;
            output(json, &out, |o| format!("Đã ghi {} ({} byte).", o.display(), pdf.len()))
        }
        DocumentAction::Issue { id, date: on } => {
            let on = match on {
                Some(s) => date(&s)?,
                None => Local::now().date_naive(),
            };
            let doc = documents::issue_document(store, &id, on)?;
            output(json, &doc, |d| d.number_symbol.clone().unwrap_or_default())
        }
        DocumentAction::Recall { id, reason } => {
            let doc = documents::recall_document(store, &id, &reason)?;
            output(json, &doc, |d| format!("Đã thu hồi văn bản số {}.", d.number_symbol.clone().unwrap_or_default()))
        }
    }
}

pub fn register(store: &mut Store, action: RegisterAction, json: bool) -> Result<String, AppError> {
    match action {
        RegisterAction::Print { year, from, to, out } => {
            let from = from.as_deref().map(date).transpose()?;
            let to = to.as_deref().map(date).transpose()?;
            let pdf = store.read(|c| documents::register_pdf(c, year, from, to, Utc::now().timestamp()))?;
            write_file(&out, &pdf)?;
            output(json, &out, |o| format!("Đã ghi sổ đăng ký văn bản đi năm {year}: {}.", o.display()))
        }
    }
}

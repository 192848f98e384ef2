//! `incoming` and `files` subcommands: what the Văn bản đến screen and the file check do.
//! Dates are dd/mm/yyyy; "today" is the machine's date unless `SECRETARIAT_TODAY` is set.

use super::output;
use super::roster::{resolve_agency, resolve_person};
use chrono::{NaiveDate, Utc};
use clap::Subcommand;
use secretariat_core::filestore::{verify_files, FileReport};
use secretariat_core::incoming::{self, IncomingDocument, IncomingFilter, IncomingInput, IncomingUrgency};
use secretariat_core::text::{format_date_vi, parse_date};
use secretariat_core::{AppError, ErrorCode, Store};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum IncomingAction {
    /// Register a received document; prints its incoming number.
    Add(Box<AddArgs>),
    /// Registered documents, newest first.
    List {
        #[arg(long)]
        year: Option<i32>,
        /// The sender (id, short or full name).
        #[arg(long)]
        sender: Option<String>,
        /// Words of the sender, number, type, subject (diacritics optional).
        #[arg(long, default_value = "")]
        text: String,
        #[arg(long, default_value_t = 100)]
        limit: u32,
    },
    /// One registered document.
    Show { id: String },
    /// Delete a document registered by mistake (refused once its task has progress).
    Delete { id: String },
    /// Print the incoming register (Sổ đăng ký văn bản đến) of a year as a landscape PDF.
    Register {
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// The sender from the roster (id, short or full name).
    #[arg(long)]
    sender: Option<String>,
    /// The sender as written, when it is not in the roster.
    #[arg(long, default_value = "")]
    sender_name: String,
    /// Number and symbol as written on the document, e.g. "125/UBND-KT".
    #[arg(long, default_value = "")]
    number: String,
    /// The document's date (dd/mm/yyyy).
    #[arg(long)]
    date: Option<String>,
    /// The type's name, e.g. "Công văn", "Quyết định".
    #[arg(long = "type", default_value = "")]
    type_name: String,
    /// Trích yếu.
    #[arg(long)]
    subject: String,
    /// normal | urgent (khẩn) | very-urgent (thượng khẩn) | flash (hỏa tốc)
    #[arg(long, default_value = "normal")]
    urgency: String,
    /// The day received (dd/mm/yyyy; default: today).
    #[arg(long)]
    received: Option<String>,
    /// The agency that handles it (id, short or full name).
    #[arg(long)]
    handling_agency: Option<String>,
    /// The person who handles it (id or full name).
    #[arg(long)]
    handler: Option<String>,
    /// The day it was passed on (dd/mm/yyyy).
    #[arg(long)]
    passed_on: Option<String>,
    /// Due date (dd/mm/yyyy): creates a follow-up task.
    #[arg(long)]
    due: Option<String>,
    #[arg(long, default_value = "")]
    notes: String,
    /// The received file (PDF, DOCX, XLSX, DOC, XLS, PNG, JPEG, TIFF).
    #[arg(long)]
    file: Option<PathBuf>,
    /// Register even if the same number and symbol came from the same sender already.
    #[arg(long)]
    yes: bool,
}

#[derive(Debug, Subcommand)]
pub enum FilesAction {
    /// Hash every stored file again; report missing or damaged ones (exit 1 if any).
    Verify,
    /// Read the text of attached PDF and DOCX files waiting for it (for search), with a
    /// progress line.
    Extract,
}

fn date(input: &str) -> Result<NaiveDate, AppError> {
    parse_date(input)
        .ok_or_else(|| AppError::validation(format!("Ngày \"{input}\" không hợp lệ; hãy viết theo dạng dd/mm/yyyy.")))
}

fn urgency(input: &str) -> Result<IncomingUrgency, AppError> {
    IncomingUrgency::parse(&input.replace('-', "_")).ok_or_else(|| {
        AppError::validation(format!(
            "Độ khẩn \"{input}\" không có; dùng normal, urgent (khẩn), very-urgent (thượng khẩn) hoặc flash (hỏa tốc)."
        ))
    })
}

fn line(d: &IncomingDocument) -> String {
    let mut parts = vec![
        format!("{}/{}", d.incoming_number, d.year),
        format_date_vi(d.received_on),
        d.sender_name.clone(),
        if d.number_symbol.is_empty() { "(không số)".into() } else { d.number_symbol.clone() },
        d.subject.clone(),
    ];
    if let Some(due) = d.due_date {
        parts.push(format!("hạn {}", format_date_vi(due)));
    }
    parts.push(d.id.clone());
    parts.join("\t")
}

fn detail(d: &IncomingDocument) -> String {
    let opt = |v: Option<NaiveDate>| v.map(format_date_vi).unwrap_or_default();
    let mut out = vec![
        format!("Số đến: {}/{} — ngày đến {}", d.incoming_number, d.year, format_date_vi(d.received_on)),
        format!("Cơ quan gửi: {}", d.sender_name),
        format!("Số, ký hiệu: {}", d.number_symbol),
        format!("Ngày văn bản: {}", opt(d.document_date)),
        format!("Loại: {}", d.type_name),
        format!("Trích yếu: {}", d.subject),
        format!("Độ khẩn: {}", d.urgency_label),
        format!("Đơn vị, người xử lý: {}", d.handled_by),
        format!("Ngày chuyển: {}", opt(d.passed_on)),
        format!("Hạn xử lý: {}", opt(d.due_date)),
    ];
    if let Some(t) = &d.task_id {
        out.push(format!("Nhiệm vụ theo dõi: {t}"));
    }
    if let Some(f) = &d.file {
        out.push(format!("Tệp: {} ({} byte, SHA-256 {})", f.name, f.size, f.sha256));
    }
    if !d.notes.is_empty() {
        out.push(format!("Ghi chú: {}", d.notes));
    }
    out.join("\n")
}

pub fn incoming(store: &mut Store, data_dir: &Path, action: IncomingAction, json: bool) -> Result<String, AppError> {
    match action {
        IncomingAction::Add(args) => {
            let AddArgs {
                sender,
                sender_name,
                number,
                date: doc_date,
                type_name,
                subject,
                urgency: urg,
                received,
                handling_agency,
                handler,
                passed_on,
                due,
                notes,
                file,
                yes,
            } = *args;
            let (sender_agency_id, handling_agency_id, handler_person_id) = store.read(|c| {
                Ok((
                    sender.as_deref().map(|s| resolve_agency(c, s)).transpose()?.map(|a| a.id),
                    handling_agency.as_deref().map(|s| resolve_agency(c, s)).transpose()?.map(|a| a.id),
                    handler.as_deref().map(|s| resolve_person(c, s)).transpose()?.map(|p| p.id),
                ))
            })?;
            let input = IncomingInput {
                received_on: match received.as_deref() {
                    Some(r) => date(r)?,
                    None => super::followup::today(),
                },
                sender_agency_id,
                sender_name,
                number_symbol: number,
                document_date: doc_date.as_deref().map(date).transpose()?,
                type_name,
                subject,
                urgency: urgency(&urg)?,
                handling_agency_id,
                handler_person_id,
                passed_on: passed_on.as_deref().map(date).transpose()?,
                due_date: due.as_deref().map(date).transpose()?,
                notes,
            };
            let doc = incoming::add_incoming(store, data_dir, &input, file.as_deref(), yes).map_err(|e| {
                if e.code == ErrorCode::NeedsConfirmation {
                    AppError::new(e.code, format!("{}\n(Thêm --yes để vào sổ.)", e.message))
                } else {
                    e
                }
            })?;
            output(json, &doc, |d| format!("Đã vào sổ văn bản đến số {}/{}: {}", d.incoming_number, d.year, d.id))
        }
        IncomingAction::List { year, sender, text, limit } => {
            let sender_agency_id =
                store.read(|c| sender.as_deref().map(|s| resolve_agency(c, s)).transpose())?.map(|a| a.id);
            let f = IncomingFilter { year, sender_agency_id, text, offset: 0, limit: Some(limit) };
            let page = store.read(|c| incoming::list_incoming(c, &f))?;
            output(json, &page, |p| {
                if p.items.is_empty() {
                    return "Chưa có văn bản đến nào khớp.".into();
                }
                let mut out: Vec<String> = p.items.iter().map(line).collect();
                out.push(format!("({} văn bản)", p.total));
                out.join("\n")
            })
        }
        IncomingAction::Show { id } => {
            let d = store.read(|c| incoming::get_incoming(c, &id))?;
            output(json, &d, detail)
        }
        IncomingAction::Delete { id } => {
            incoming::delete_incoming(store, &id)?;
            output(json, &id, |id| format!("Đã xóa văn bản đến {id}."))
        }
        IncomingAction::Register { year, out } => {
            let pdf = store.read(|c| incoming::incoming_register_pdf(c, year, Utc::now().timestamp()))?;
            secretariat_core::store::write_atomic(&out, &pdf)?;
            output(json, &out, |o| format!("Đã ghi sổ đăng ký văn bản đến năm {year}: {}.", o.display()))
        }
    }
}

pub fn files(store: &mut Store, data_dir: &Path, action: FilesAction, json: bool) -> Result<String, AppError> {
    match action {
        FilesAction::Verify => {
            let report: FileReport = store.read(|c| verify_files(c, data_dir))?;
            if !report.is_ok() {
                let mut lines = vec![report.summary()];
                lines.extend(report.missing.iter().chain(&report.damaged).map(|p| format!("- {}", p.message)));
                if json {
                    println!(
                        "{}",
                        serde_json::to_string_pretty(&report).map_err(|e| AppError::storage(e.to_string()))?
                    );
                }
                return Err(AppError::storage(lines.join("\n")));
            }
            output(json, &report, FileReport::summary)
        }
        FilesAction::Extract => {
            use secretariat_core::search::files::{extract_pending, progress, TextProgress};
            use std::io::Write;
            let start = store.read(progress)?;
            let total = start.pending;
            let mut read = 0u32;
            loop {
                if !json && total > 0 {
                    eprint!("\rĐang đọc nội dung tệp: {read}/{total}");
                    let _ = std::io::stderr().flush();
                }
                let n = extract_pending(store, 10)?;
                if n == 0 {
                    break;
                }
                read += n;
            }
            if !json && total > 0 {
                eprintln!();
            }
            let end = store.read(progress)?;
            output(json, &end, |p: &TextProgress| {
                let failed = p.failed.saturating_sub(start.failed);
                format!(
                    "Đã đọc nội dung {read} tệp{}; tổng cộng {} tệp đã đọc, {} tệp không đọc được.",
                    if failed > 0 { format!(" ({failed} tệp không đọc được)") } else { String::new() },
                    p.done,
                    p.failed
                )
            })
        }
    }
}

//! Sổ đăng ký văn bản đi: the outgoing register, one row per issued document, with the
//! decree's columns (Appendix IV), printable as a landscape PDF.

use super::model::DocumentType;
use super::pdf::{compose::compose_register, fonts::Fonts, fonts::Style, write};
use super::store::{issued_between, DocumentStatus};
use crate::error::Result;
use crate::settings::document_settings;
use crate::store::Db;
use crate::text::format_date_vi;
use chrono::NaiveDate;
use serde::Serialize;
use specta::Type;

pub const REGISTER_COLUMNS: [&str; 10] = [
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung văn bản",
    "Người ký",
    "Nơi nhận văn bản",
    "Đơn vị, người nhận bản lưu",
    "Số lượng bản",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct RegisterEntry {
    pub document_id: String,
    pub number_symbol: String,
    pub issued_on: NaiveDate,
    pub type_and_subject: String,
    pub signer: String,
    pub recipients: String,
    pub file_copy: String,
    pub notes: String,
    /// The number was given by another register (typed in at issue), not by this app's.
    pub external: bool,
}

impl RegisterEntry {
    fn cells(&self) -> Vec<String> {
        vec![
            self.number_symbol.clone(),
            format_date_vi(self.issued_on),
            self.type_and_subject.clone(),
            self.signer.clone(),
            self.recipients.clone(),
            self.file_copy.clone(),
            String::new(),
            String::new(),
            String::new(),
            self.notes.clone(),
        ]
    }
}

/// Issued (and recalled) documents of `year`, optionally within [from, to], by date and, within
/// a day, in issue order.
pub fn register_entries(
    conn: &Db,
    year: i32,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<RegisterEntry>> {
    let (Some(first), Some(last)) = (NaiveDate::from_ymd_opt(year, 1, 1), NaiveDate::from_ymd_opt(year, 12, 31)) else {
        return Ok(Vec::new());
    };
    let from = from.map_or(first, |f| f.max(first));
    let to = to.map_or(last, |t| t.min(last));
    if from > to {
        return Ok(Vec::new());
    }
    // By date; within a day, in the order the documents were issued.
    let docs = issued_between(conn, from, to)?;
    docs.into_iter()
        .map(|d| {
            let c = &d.content;
            let subject = if d.doc_type == DocumentType::OfficialLetter {
                format!("Công văn V/v {}", c.subject)
            } else {
                format!("{} {}", d.type_label, c.subject)
            };
            let mut notes = if d.status == DocumentStatus::Recalled {
                format!("Đã thu hồi: {}", d.recall_reason)
            } else {
                String::new()
            };
            // Who signed (ký số) when, in the notes column.
            let signed = crate::signing::store::signed_summary(conn, &d.id)?;
            if !signed.is_empty() {
                if !notes.is_empty() {
                    notes.push_str(". ");
                }
                notes.push_str(&format!("Ký số: {signed}"));
            }
            Ok(RegisterEntry {
                document_id: d.id.clone(),
                number_symbol: d.number_symbol.clone().unwrap_or_default(),
                issued_on: d.issued_on.unwrap_or_default(),
                type_and_subject: subject,
                signer: c.signers.last().map(|s| s.name.clone()).unwrap_or_default(),
                recipients: c.recipients.join("; "),
                file_copy: c.archive.clone(),
                notes,
                external: d.external,
            })
        })
        .collect()
}

/// The register as a landscape PDF.
pub fn register_pdf(
    conn: &Db,
    year: i32,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    created_unix: i64,
) -> Result<Vec<u8>> {
    let issuer = document_settings(conn)?.primary()?.issuer();
    let entries = register_entries(conn, year, from, to)?;
    let period = match (from, to) {
        (Some(f), Some(t)) => format!("Từ ngày {} đến ngày {}", format_date_vi(f), format_date_vi(t)),
        (Some(f), None) => format!("Năm {year}, từ ngày {}", format_date_vi(f)),
        (None, Some(t)) => format!("Năm {year}, đến ngày {}", format_date_vi(t)),
        (None, None) => format!("Năm {year}"),
    };
    register_pdf_of(&issuer.issuing_body, &period, &entries, created_unix)
}

/// Lays out and writes the register of `entries`. Number-symbols and dates never wrap: their
/// columns widen to the longest one (or, failing that, the cell's font shrinks).
pub(crate) fn register_pdf_of(
    issuing_body: &str,
    period: &str,
    entries: &[RegisterEntry],
    created_unix: i64,
) -> Result<Vec<u8>> {
    let fonts = Fonts::get()?;
    let titles = vec![
        (issuing_body.to_uppercase(), Style::Bold, 12.0),
        ("SỔ ĐĂNG KÝ VĂN BẢN ĐI".to_string(), Style::Bold, 14.0),
        (period.to_string(), Style::Italic, 13.0),
    ];
    let header: Vec<String> = REGISTER_COLUMNS.iter().map(|s| s.to_string()).collect();
    let mut rows: Vec<Vec<String>> = entries.iter().map(RegisterEntry::cells).collect();
    if rows.is_empty() {
        rows.push(vec![String::new(), String::new(), "Không có văn bản nào trong thời gian này.".into()]);
    }
    let widths = [1.9, 1.4, 3.4, 1.2, 2.2, 1.2, 0.7, 0.9, 0.9, 1.1];
    let one_line = [true, true, false, false, false, false, false, false, false, false];
    let pages = compose_register(fonts, &titles, &header, &rows, &widths, &one_line)?;
    write(fonts, &pages, "Sổ đăng ký văn bản đi", created_unix)
}

//! Sổ đăng ký văn bản đến: the incoming register of a year, one row per received document
//! in incoming-number order, with the decree's columns (Appendix IV), printable as a
//! landscape PDF laid out like the outgoing register.

use super::store::incoming_of_year;
use super::types::IncomingDocument;
use crate::documents::pdf::{compose::compose_register, fonts::Fonts, fonts::Style, write};
use crate::error::Result;
use crate::settings::document_settings;
use crate::store::Db;
use crate::text::format_date_vi;

pub const INCOMING_REGISTER_COLUMNS: [&str; 10] = [
    "Ngày đến",
    "Số đến",
    "Tác giả",
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tên loại và trích yếu nội dung",
    "Đơn vị hoặc người nhận",
    "Ngày chuyển",
    "Ký nhận",
    "Ghi chú",
];

/// The cells of one row of the register.
pub fn incoming_register_cells(d: &IncomingDocument) -> Vec<String> {
    let subject = if d.type_name.is_empty() { d.subject.clone() } else { format!("{} {}", d.type_name, d.subject) };
    let mut notes = Vec::new();
    if d.urgency != super::IncomingUrgency::Normal {
        notes.push(d.urgency_label.clone());
    }
    if let Some(due) = d.due_date {
        notes.push(format!("Hạn xử lý {}", format_date_vi(due)));
    }
    if !d.notes.is_empty() {
        notes.push(d.notes.clone());
    }
    vec![
        format_date_vi(d.received_on),
        d.incoming_number.to_string(),
        d.sender_name.clone(),
        d.number_symbol.clone(),
        d.document_date.map(format_date_vi).unwrap_or_default(),
        subject,
        d.handled_by.clone(),
        d.passed_on.map(format_date_vi).unwrap_or_default(),
        String::new(),
        notes.join(". "),
    ]
}

/// The register of `year` as a landscape PDF.
pub fn incoming_register_pdf(conn: &Db, year: i32, created_unix: i64) -> Result<Vec<u8>> {
    let issuer = document_settings(conn)?.primary()?.issuer();
    let docs = incoming_of_year(conn, year)?;
    let fonts = Fonts::get()?;
    let titles = vec![
        (issuer.issuing_body.to_uppercase(), Style::Bold, 12.0),
        ("SỔ ĐĂNG KÝ VĂN BẢN ĐẾN".to_string(), Style::Bold, 14.0),
        (format!("Năm {year}"), Style::Italic, 13.0),
    ];
    let header: Vec<String> = INCOMING_REGISTER_COLUMNS.iter().map(|s| s.to_string()).collect();
    let mut rows: Vec<Vec<String>> = docs.iter().map(incoming_register_cells).collect();
    if rows.is_empty() {
        rows.push(vec![
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            String::new(),
            "Không có văn bản đến nào trong năm này.".into(),
        ]);
    }
    let widths = [1.1, 0.8, 2.0, 1.7, 1.1, 3.4, 1.8, 1.1, 0.8, 1.3];
    let one_line = [true, true, false, true, true, false, false, true, false, false];
    let pages = compose_register(fonts, &titles, &header, &rows, &widths, &one_line)?;
    write(fonts, &pages, "Sổ đăng ký văn bản đến", created_unix)
}

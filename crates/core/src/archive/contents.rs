//! The printed lists of the files: a file's table of contents (Mục lục văn bản), the list of
//! files handed over (Mục lục hồ sơ nộp lưu) and the hand-over record (Biên bản giao nhận tài
//! liệu), laid out with the documents' PDF engine like the registers.

use super::store::{archive_file_detail, file_items};
use super::types::*;
use crate::documents::pdf::compose::{compose_table_page, TablePage};
use crate::documents::pdf::{fonts::Fonts, fonts::Style, render, write, Margins, RenderOptions};
use crate::documents::{Block, DocumentContent, DocumentType, Run, Signer};
use crate::error::Result;
use crate::settings::document_settings;
use crate::text::format_date_vi;
use chrono::NaiveDate;
use crate::store::Db;
use std::path::Path;

pub const FILE_CONTENTS_COLUMNS: [&str; 7] = [
    "Số TT",
    "Số, ký hiệu văn bản",
    "Ngày tháng văn bản",
    "Tác giả văn bản",
    "Trích yếu nội dung văn bản",
    "Tờ số",
    "Ghi chú",
];

pub const HANDOVER_LIST_COLUMNS: [&str; 7] =
    ["Số TT", "Số, ký hiệu hồ sơ", "Tiêu đề hồ sơ", "Thời gian tài liệu", "Thời hạn bảo quản", "Số tờ", "Ghi chú"];

/// The number of pages of a PDF, read from its page tree (`None` for anything else).
pub fn pdf_page_count(bytes: &[u8]) -> Option<u32> {
    if !bytes.starts_with(b"%PDF") {
        return None;
    }
    lopdf::Document::load_mem(bytes).ok().map(|d| d.get_pages().len() as u32).filter(|n| *n > 0)
}

/// The page count of every item: the issued document's own, the incoming file's (when it is a
/// PDF, read from the stored file), none for a meeting.
pub fn item_page_counts(conn: &Db, data_dir: &Path, items: &[ArchiveItem]) -> Vec<Option<u32>> {
    items
        .iter()
        .map(|i| match i.kind {
            ItemKind::Document => i.page_count,
            ItemKind::Incoming => crate::incoming::incoming_file_path(conn, data_dir, &i.record_id)
                .ok()
                .and_then(|(path, _)| std::fs::read(path).ok())
                .and_then(|b| pdf_page_count(&b)),
            ItemKind::Meeting => None,
        })
        .collect()
}

/// "1-3" for the sheets an item takes in the file, counting from the first item's first page.
fn sheet_ranges(pages: &[Option<u32>]) -> Vec<String> {
    let mut next = 1u32;
    pages
        .iter()
        .map(|p| match p {
            Some(n) if *n > 0 => {
                let range = if *n == 1 { next.to_string() } else { format!("{}-{}", next, next + n - 1) };
                next += n;
                range
            }
            _ => String::new(),
        })
        .collect()
}

/// The rows of a file's table of contents.
pub fn file_contents_rows(items: &[ArchiveItem], pages: &[Option<u32>]) -> Vec<Vec<String>> {
    let sheets = sheet_ranges(pages);
    items
        .iter()
        .zip(sheets)
        .map(|(i, sheets)| {
            let subject = if i.type_name.is_empty() || i.kind == ItemKind::Meeting {
                i.subject.clone()
            } else {
                format!("{} {}", i.type_name, i.subject)
            };
            let note = match i.kind {
                ItemKind::Document => String::new(),
                ItemKind::Incoming => "Văn bản đến".to_string(),
                ItemKind::Meeting => "Hồ sơ cuộc họp".to_string(),
            };
            vec![
                i.ordinal.to_string(),
                i.number_symbol.clone(),
                format_date_vi(i.date),
                i.author.clone(),
                subject,
                sheets,
                note,
            ]
        })
        .collect()
}

fn empty_row(text: &str, columns: usize) -> Vec<String> {
    let mut row = vec![String::new(); columns];
    row[4.min(columns - 1)] = text.to_string();
    row
}

/// Mục lục văn bản of a file, as a portrait PDF.
pub fn file_contents_pdf(
    conn: &Db,
    data_dir: &Path,
    file_id: &str,
    today: NaiveDate,
    created_unix: i64,
) -> Result<Vec<u8>> {
    let issuer = document_settings(conn)?.primary()?.issuer();
    let detail = archive_file_detail(conn, file_id, today)?;
    let f = &detail.file;
    let pages = item_page_counts(conn, data_dir, &detail.items);
    let mut rows = file_contents_rows(&detail.items, &pages);
    if rows.is_empty() {
        rows.push(empty_row("Hồ sơ chưa có văn bản nào.", FILE_CONTENTS_COLUMNS.len()));
    }
    let period = match (f.start_date, f.end_date) {
        (Some(a), Some(b)) => format!("Thời gian: từ {} đến {}", format_date_vi(a), format_date_vi(b)),
        _ => String::new(),
    };
    let mut titles = vec![
        (issuer.issuing_body.to_uppercase(), Style::Bold, 12.0),
        ("MỤC LỤC VĂN BẢN".to_string(), Style::Bold, 14.0),
        (format!("Hồ sơ số: {} - {}", f.code, f.title), Style::Bold, 12.0),
        (format!("Năm {}. Thời hạn bảo quản: {}", f.year, f.retention_label), Style::Italic, 12.0),
    ];
    if !period.is_empty() {
        titles.push((period, Style::Italic, 12.0));
    }
    let header: Vec<String> = FILE_CONTENTS_COLUMNS.iter().map(|s| s.to_string()).collect();
    let widths = [0.6, 1.7, 1.2, 1.9, 3.6, 0.8, 1.1];
    let one_line = [true, false, true, false, false, true, false];
    let fonts = Fonts::get()?;
    let table = TablePage { label: "Mục lục văn bản", landscape: false, size: 11.0, min_row: 0.0 };
    let out = compose_table_page(fonts, &table, &titles, &header, &rows, &widths, &one_line)?;
    write(fonts, &out, &format!("Mục lục văn bản hồ sơ {}", f.code), created_unix)
}

/// The files handed over, with their page totals (for the list and the hand-over record).
pub struct HandedFile<'a> {
    pub file: &'a ArchiveFile,
    pub pages: u32,
}

/// Mục lục hồ sơ nộp lưu: one row per file handed over.
pub fn handover_list_pdf(conn: &Db, year: i32, files: &[HandedFile], created_unix: i64) -> Result<Vec<u8>> {
    let issuer = document_settings(conn)?.primary()?.issuer();
    let rows: Vec<Vec<String>> = files
        .iter()
        .enumerate()
        .map(|(n, h)| {
            let f = h.file;
            let period = match (f.start_date, f.end_date) {
                (Some(a), Some(b)) if a == b => format_date_vi(a),
                (Some(a), Some(b)) => format!("{} - {}", format_date_vi(a), format_date_vi(b)),
                _ => String::new(),
            };
            vec![
                (n + 1).to_string(),
                f.code.clone(),
                f.title.clone(),
                period,
                f.retention_label.clone(),
                if h.pages > 0 { h.pages.to_string() } else { String::new() },
                format!("{} văn bản", f.item_count),
            ]
        })
        .collect();
    let items: u32 = files.iter().map(|h| h.file.item_count).sum();
    let titles = vec![
        (issuer.issuing_body.to_uppercase(), Style::Bold, 12.0),
        ("MỤC LỤC HỒ SƠ, TÀI LIỆU NỘP LƯU".to_string(), Style::Bold, 14.0),
        (format!("Năm {year}"), Style::Italic, 12.0),
        (format!("Gồm {} hồ sơ, {} văn bản", files.len(), items), Style::Italic, 12.0),
    ];
    let header: Vec<String> = HANDOVER_LIST_COLUMNS.iter().map(|s| s.to_string()).collect();
    let widths = [0.6, 1.3, 3.8, 2.0, 1.2, 0.7, 1.2];
    let one_line = [true, false, false, false, false, true, false];
    let fonts = Fonts::get()?;
    let table = TablePage { label: "Mục lục hồ sơ nộp lưu", landscape: false, size: 11.0, min_row: 0.0 };
    let out = compose_table_page(fonts, &table, &titles, &header, &rows, &widths, &one_line)?;
    write(fonts, &out, "Mục lục hồ sơ, tài liệu nộp lưu", created_unix)
}

/// Who hands over and who receives, for the hand-over record.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize, serde::Deserialize, specta::Type)]
pub struct HandoverParties {
    /// Bên giao: the person handing over (the secretary).
    #[serde(default)]
    pub giver: String,
    /// Bên nhận: the agency archive and the person receiving.
    #[serde(default)]
    pub receiving_archive: String,
    #[serde(default)]
    pub receiver: String,
}

fn para(text: String) -> Block {
    Block::Paragraph { runs: vec![Run::plain(text)] }
}

/// Biên bản giao nhận tài liệu, laid out as a Decree 30 minutes (biên bản) of the primary
/// issuing body, unnumbered, with the giver's and the receiver's signing blocks.
pub fn handover_record_pdf(
    conn: &Db,
    year: i32,
    files: &[HandedFile],
    parties: &HandoverParties,
    on: NaiveDate,
    created_unix: i64,
) -> Result<Vec<u8>> {
    let settings = document_settings(conn)?;
    let authority = settings.primary()?;
    let issuer = authority.issuer();
    let items: u32 = files.iter().map(|h| h.file.item_count).sum();
    let pages: u32 = files.iter().map(|h| h.pages).sum();
    let start = files.iter().filter_map(|h| h.file.start_date).min();
    let end = files.iter().filter_map(|h| h.file.end_date).max();
    let giver_unit = issuer.issuing_body.clone();
    let archive = if parties.receiving_archive.trim().is_empty() {
        "Lưu trữ cơ quan".to_string()
    } else {
        parties.receiving_archive.trim().to_string()
    };
    let mut body = vec![
        para(format!(
            "Căn cứ Luật Lưu trữ và Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ về công tác văn thư; \
             căn cứ Danh mục hồ sơ năm {year},"
        )),
        para(format!("Hôm nay, {}, chúng tôi gồm:", format_date_vi(on))),
        para(format!(
            "Bên giao: {}, đại diện là {}.",
            giver_unit,
            if parties.giver.trim().is_empty() { "………………………" } else { parties.giver.trim() }
        )),
        para(format!(
            "Bên nhận: {archive}, đại diện là {}.",
            if parties.receiver.trim().is_empty() { "………………………" } else { parties.receiver.trim() }
        )),
        para(format!(
            "Thống nhất lập biên bản giao nhận tài liệu năm {year} như sau: số lượng tài liệu giao nộp gồm {} hồ sơ, \
             {items} văn bản{}{}; tình trạng tài liệu giao nộp: hồ sơ đã đóng, văn bản điện tử toàn vẹn \
             (đã đối chiếu mã kiểm tra SHA-256 của từng tệp).",
            files.len(),
            if pages > 0 { format!(", {pages} trang") } else { String::new() },
            match (start, end) {
                (Some(a), Some(b)) => format!(", thời gian tài liệu từ {} đến {}", format_date_vi(a), format_date_vi(b)),
                _ => String::new(),
            }
        )),
        para("Công cụ tra cứu kèm theo: Mục lục hồ sơ, tài liệu nộp lưu và Mục lục văn bản của từng hồ sơ; \
              dữ liệu đặc tả (metadata) dạng XML và JSON."
            .to_string()),
        para("Biên bản này được lập thành hai bản; bên giao giữ một bản, bên nhận giữ một bản./.".to_string()),
    ];
    for h in files {
        body.insert(
            body.len() - 2,
            Block::Dash {
                runs: vec![Run::plain(format!(
                    "Hồ sơ số {}: {} ({} văn bản, thời hạn bảo quản {})",
                    h.file.code,
                    h.file.title,
                    h.file.item_count,
                    h.file.retention_label.to_lowercase()
                ))],
            },
        );
    }
    let signer = |title: &str, name: &str| Signer {
        authority: None,
        on_behalf_of: String::new(),
        titles: vec![title.to_string()],
        name: name.trim().to_string(),
    };
    let content = DocumentContent {
        doc_type: DocumentType::Minutes,
        number: None,
        date: Some(on),
        subject: format!("Giao nhận tài liệu năm {year}"),
        urgency: None,
        addressees: vec![],
        enacting_authority: String::new(),
        legal_bases: vec![],
        body,
        signers: vec![signer("ĐẠI DIỆN BÊN GIAO", &parties.giver), signer("ĐẠI DIỆN BÊN NHẬN", &parties.receiver)],
        recipients: vec![format!("{archive};")],
        archive: "VT, Hồ sơ".to_string(),
        authority_id: authority.id.clone(),
        signer_choice: None,
    };
    let margins = settings.margins;
    let opts = RenderOptions {
        margins: Margins { top: margins.top, bottom: margins.bottom, left: margins.left, right: margins.right },
        created_unix,
    };
    render(&content, &issuer, opts)
}

/// Pages of a file (the sum of its items' known page counts).
pub fn file_page_total(conn: &Db, data_dir: &Path, file_id: &str) -> Result<u32> {
    let items = file_items(conn, file_id)?;
    Ok(item_page_counts(conn, data_dir, &items).into_iter().flatten().sum())
}

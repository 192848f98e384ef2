//! The handover package (gói hồ sơ nộp lưu): export and import.
//!
//! Layout (the folder and the .zip hold the same paths):
//! - `manifest.json`: every other file's path, size and SHA-256; an import checks each one
//!   and refuses the whole package on the first mismatch;
//! - `metadata.json`, `metadata.xml`: the files and their documents with the decree's metadata
//!   fields (FileCode, DocOrdinal, TypeName, CodeNumber, CodeNotation, IssuedDate, OrganName,
//!   Subject, Language, PageAmount, …); the JSON also carries the records as the app stores
//!   them, so that an import gives them back unchanged;
//! - `muc-luc-ho-so-nop-luu.pdf`, `bien-ban-giao-nhan.pdf`;
//! - `ho-so/<file code>/muc-luc-van-ban.pdf` and `ho-so/<file code>/<ordinal>.<ext>`: each
//!   item's PDF (issued documents) or original file (incoming documents).
//!
//! Names inside the package are made by the app (codes reduced to safe characters); an import
//! reads only the paths its manifest lists, checks each is a plain relative path, and never
//! uses a name from the package as a path in the data folder (files go through the file store).

use super::contents::{file_contents_pdf, handover_list_pdf, handover_record_pdf, item_page_counts, HandedFile};
use super::contents::{pdf_page_count, HandoverParties};
use super::store::{archive_file_detail, archive_files_of_year};
use super::types::*;
use crate::audit::{self, AuditAction};
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::filestore::{put_file, record_file, FileKind};
use crate::store::fsutil::write_atomic;
use crate::store::{new_id, Store};
use crate::store::{Db, Tx};
use crate::text::fold;
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;
use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::path::{Component, Path, PathBuf};

pub const PACKAGE_FORMAT: &str = "secretariat-handover";
pub const PACKAGE_VERSION: u32 = 1;
pub const MANIFEST: &str = "manifest.json";
pub const METADATA_JSON: &str = "metadata.json";
pub const METADATA_XML: &str = "metadata.xml";
pub const HANDOVER_LIST_PDF: &str = "muc-luc-ho-so-nop-luu.pdf";
pub const HANDOVER_RECORD_PDF: &str = "bien-ban-giao-nhan.pdf";
/// The largest package file an import reads (2 GB).
const MAX_ENTRY: u64 = 2 << 30;

/// What to hand over.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
pub struct HandoverRequest {
    pub year: i32,
    /// The files to hand over; empty: every closed file of the year not yet handed over.
    #[serde(default)]
    pub file_ids: Vec<String>,
    #[serde(default)]
    pub parties: HandoverParties,
    /// The day of the handover (printed on the Biên bản).
    pub on: NaiveDate,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct HandoverExport {
    pub folder: String,
    pub zip: String,
    pub files: u32,
    pub items: u32,
    /// Files in the package (PDFs, originals, metadata).
    pub entries: u32,
}

/// What an import recreated.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct HandoverImport {
    pub files: u32,
    pub items: u32,
    pub documents: u32,
    pub incoming: u32,
    /// Meeting items whose meeting is not in this install (meetings are not in the package).
    pub meetings_skipped: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ManifestEntry {
    path: String,
    size: u64,
    sha256: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Manifest {
    format: String,
    version: u32,
    entries: Vec<ManifestEntry>,
}

/// The decree's metadata of a file (hồ sơ), and the file as the app stores it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct FileMeta {
    file_code: String,
    title: String,
    /// Thời hạn bảo quản, as printed ("10 năm", "Vĩnh viễn").
    maintenance: String,
    rights: String,
    creator: String,
    language: String,
    start_date: Option<NaiveDate>,
    end_date: Option<NaiveDate>,
    doc_total: u32,
    page_total: u32,
    description: String,
    #[serde(rename = "record")]
    record: FileRow,
    #[serde(rename = "docs")]
    docs: Vec<DocMeta>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct FileRow {
    id: String,
    year: i32,
    code: String,
    title: String,
    retention: String,
    keeper_name: String,
    notes: String,
    closed_on: Option<NaiveDate>,
    reopen_reason: String,
    created_at: String,
    updated_at: String,
}

/// The decree's metadata of one document of a file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "PascalCase")]
struct DocMeta {
    file_code: String,
    doc_ordinal: u32,
    type_name: String,
    code_number: String,
    code_notation: String,
    issued_date: NaiveDate,
    organ_name: String,
    subject: String,
    language: String,
    page_amount: Option<u32>,
    description: String,
    /// Incoming documents: ngày đến, số đến.
    arrival_date: Option<NaiveDate>,
    arrival_number: Option<u32>,
    /// The item's file in the package and its original name (none for a meeting).
    path: Option<String>,
    file_name: Option<String>,
    sha256: Option<String>,
    #[serde(rename = "item")]
    item: ItemRow,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct ItemRow {
    id: String,
    kind: String,
    record_id: String,
    filed_at: String,
    created_at: String,
}

/// An issued document as stored (everything but the PDF, which is its own file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct DocumentRow {
    id: String,
    doc_type: String,
    status: String,
    content: String,
    subject: String,
    issuer: Option<String>,
    issuer_symbol: Option<String>,
    series: Option<String>,
    year: Option<i32>,
    number: Option<i64>,
    number_symbol: Option<String>,
    issued_on: Option<String>,
    issued_at: Option<String>,
    pdf_sha256: Option<String>,
    page_count: Option<i64>,
    recalled_at: Option<String>,
    recall_reason: String,
    created_at: String,
    updated_at: String,
    authority_id: Option<String>,
    external: bool,
    list_date: String,
    pdf_path: String,
}

/// An incoming document as stored; the roster ids are kept only if the install has them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct IncomingRow {
    id: String,
    year: i32,
    incoming_number: i64,
    received_on: String,
    sender_agency_id: Option<String>,
    sender_name: String,
    number_symbol: String,
    document_date: Option<String>,
    type_name: String,
    subject: String,
    urgency: String,
    handling_agency_id: Option<String>,
    handler_person_id: Option<String>,
    passed_on: Option<String>,
    due_date: Option<String>,
    file_sha256: Option<String>,
    file_name: Option<String>,
    notes: String,
    created_at: String,
    updated_at: String,
    file_path: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct Metadata {
    format: String,
    version: u32,
    year: i32,
    organ: String,
    handed_over_on: NaiveDate,
    parties: HandoverParties,
    files: Vec<FileMeta>,
    documents: Vec<DocumentRow>,
    incoming: Vec<IncomingRow>,
}

/// A file code as a folder name: letters, digits, '.', '-', '_' only.
fn safe_name(code: &str) -> String {
    let s: String = code
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                return c;
            }
            // A letter with diacritics keeps its base letter ("Đ" → "d").
            let base = fold(&c.to_string()).chars().next().unwrap_or('_');
            if base.is_ascii_alphanumeric() {
                base
            } else {
                '_'
            }
        })
        .collect();
    let s = s.trim_matches('.').to_string();
    if s.is_empty() {
        "ho-so".to_string()
    } else {
        s
    }
}

fn split_number(number_symbol: &str) -> (String, String) {
    match number_symbol.split_once('/') {
        Some((n, s)) => (n.trim().to_string(), s.trim().to_string()),
        None => (String::new(), number_symbol.trim().to_string()),
    }
}

fn sha_hex(bytes: &[u8]) -> String {
    format!("{:x}", Sha256::digest(bytes))
}

fn document_row(conn: &Db, id: &str, pdf_path: &str) -> Result<DocumentRow> {
    conn.query_row(
        "SELECT id, doc_type, status, content, subject, issuer, issuer_symbol, series, year, number, number_symbol,
            issued_on, issued_at, pdf_sha256, page_count, recalled_at, recall_reason, created_at, updated_at,
            authority_id, external, list_date FROM document WHERE id = ?1",
        [id],
        |r| {
            Ok(DocumentRow {
                id: r.get(0)?,
                doc_type: r.get(1)?,
                status: r.get(2)?,
                content: r.get(3)?,
                subject: r.get(4)?,
                issuer: r.get(5)?,
                issuer_symbol: r.get(6)?,
                series: r.get(7)?,
                year: r.get(8)?,
                number: r.get(9)?,
                number_symbol: r.get(10)?,
                issued_on: r.get(11)?,
                issued_at: r.get(12)?,
                pdf_sha256: r.get(13)?,
                page_count: r.get(14)?,
                recalled_at: r.get(15)?,
                recall_reason: r.get(16)?,
                created_at: r.get(17)?,
                updated_at: r.get(18)?,
                authority_id: r.get(19)?,
                external: r.get(20)?,
                list_date: r.get(21)?,
                pdf_path: pdf_path.to_string(),
            })
        },
    )
    .sql()
}

fn incoming_row(conn: &Db, id: &str, file_path: Option<String>) -> Result<IncomingRow> {
    conn.query_row(
        "SELECT id, year, incoming_number, received_on, sender_agency_id, sender_name, number_symbol, document_date,
            type_name, subject, urgency, handling_agency_id, handler_person_id, passed_on, due_date, file_sha256,
            file_name, notes, created_at, updated_at FROM incoming_document WHERE id = ?1",
        [id],
        |r| {
            Ok(IncomingRow {
                id: r.get(0)?,
                year: r.get(1)?,
                incoming_number: r.get(2)?,
                received_on: r.get(3)?,
                sender_agency_id: r.get(4)?,
                sender_name: r.get(5)?,
                number_symbol: r.get(6)?,
                document_date: r.get(7)?,
                type_name: r.get(8)?,
                subject: r.get(9)?,
                urgency: r.get(10)?,
                handling_agency_id: r.get(11)?,
                handler_person_id: r.get(12)?,
                passed_on: r.get(13)?,
                due_date: r.get(14)?,
                file_sha256: r.get(15)?,
                file_name: r.get(16)?,
                notes: r.get(17)?,
                created_at: r.get(18)?,
                updated_at: r.get(19)?,
                file_path,
            })
        },
    )
    .sql()
}

fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\n' | '\t' | '\r') => {}
            c => out.push(c),
        }
    }
    out
}

fn xml_field(out: &mut String, indent: &str, name: &str, value: &str) {
    out.push_str(&format!("{indent}<{name}>{}</{name}>\n", xml_escape(value)));
}

/// The metadata as XML, in the decree's field names.
fn metadata_xml(m: &Metadata) -> String {
    let date = |d: Option<NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default();
    let mut x = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    x.push_str(&format!(
        "<HandoverPackage format=\"{PACKAGE_FORMAT}\" version=\"{PACKAGE_VERSION}\" year=\"{}\">\n",
        m.year
    ));
    xml_field(&mut x, "  ", "OrganName", &m.organ);
    xml_field(&mut x, "  ", "HandoverDate", &m.handed_over_on.format("%Y-%m-%d").to_string());
    for f in &m.files {
        x.push_str("  <File>\n");
        xml_field(&mut x, "    ", "FileCode", &f.file_code);
        xml_field(&mut x, "    ", "Title", &f.title);
        xml_field(&mut x, "    ", "Maintenance", &f.maintenance);
        xml_field(&mut x, "    ", "Rights", &f.rights);
        xml_field(&mut x, "    ", "Creator", &f.creator);
        xml_field(&mut x, "    ", "Language", &f.language);
        xml_field(&mut x, "    ", "StartDate", &date(f.start_date));
        xml_field(&mut x, "    ", "EndDate", &date(f.end_date));
        xml_field(&mut x, "    ", "DocTotal", &f.doc_total.to_string());
        xml_field(&mut x, "    ", "PageTotal", &f.page_total.to_string());
        xml_field(&mut x, "    ", "Description", &f.description);
        for d in &f.docs {
            x.push_str("    <Doc>\n");
            xml_field(&mut x, "      ", "FileCode", &d.file_code);
            xml_field(&mut x, "      ", "DocOrdinal", &d.doc_ordinal.to_string());
            xml_field(&mut x, "      ", "TypeName", &d.type_name);
            xml_field(&mut x, "      ", "CodeNumber", &d.code_number);
            xml_field(&mut x, "      ", "CodeNotation", &d.code_notation);
            xml_field(&mut x, "      ", "IssuedDate", &d.issued_date.format("%Y-%m-%d").to_string());
            xml_field(&mut x, "      ", "OrganName", &d.organ_name);
            xml_field(&mut x, "      ", "Subject", &d.subject);
            xml_field(&mut x, "      ", "Language", &d.language);
            xml_field(&mut x, "      ", "PageAmount", &d.page_amount.map(|p| p.to_string()).unwrap_or_default());
            xml_field(&mut x, "      ", "Description", &d.description);
            if let Some(a) = d.arrival_date {
                xml_field(&mut x, "      ", "ArrivalDate", &a.format("%Y-%m-%d").to_string());
            }
            if let Some(n) = d.arrival_number {
                xml_field(&mut x, "      ", "ArrivalNumber", &n.to_string());
            }
            if let Some(p) = &d.path {
                xml_field(&mut x, "      ", "FilePath", p);
            }
            if let Some(s) = &d.sha256 {
                xml_field(&mut x, "      ", "Sha256", s);
            }
            x.push_str("    </Doc>\n");
        }
        x.push_str("  </File>\n");
    }
    x.push_str("</HandoverPackage>\n");
    x
}

/// Everything a package holds, built on a read.
struct Built {
    entries: Vec<(String, Vec<u8>)>,
    file_ids: Vec<String>,
    files: u32,
    items: u32,
}

fn build(conn: &Db, data_dir: &Path, req: &HandoverRequest, created_unix: i64) -> Result<Built> {
    let today = req.on;
    let all = archive_files_of_year(conn, req.year, today)?;
    let chosen: Vec<ArchiveFile> = if req.file_ids.is_empty() {
        all.into_iter().filter(|f| f.closed_on.is_some() && f.handed_over_on.is_none()).collect()
    } else {
        let mut out = Vec::new();
        for id in &req.file_ids {
            let f = all.iter().find(|f| &f.id == id).cloned().ok_or_else(|| {
                AppError::validation(format!("Hồ sơ đã chọn không thuộc danh mục hồ sơ năm {}.", req.year))
            })?;
            out.push(f);
        }
        out
    };
    if chosen.is_empty() {
        return Err(AppError::validation(format!(
            "Năm {} chưa có hồ sơ nào đã đóng để nộp lưu: hãy đóng hồ sơ trước.",
            req.year
        )));
    }
    if let Some(open) = chosen.iter().find(|f| f.closed_on.is_none()) {
        return Err(AppError::validation(format!("Hồ sơ {} chưa đóng: chỉ nộp lưu hồ sơ đã đóng.", open.code)));
    }
    let settings = crate::settings::document_settings(conn)?;
    let organ = settings.primary()?.issuer().issuing_body;
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    let mut files_meta = Vec::new();
    let mut documents: BTreeMap<String, DocumentRow> = BTreeMap::new();
    let mut incoming: BTreeMap<String, IncomingRow> = BTreeMap::new();
    let mut handed = Vec::new();
    let mut used_folders: Vec<String> = Vec::new();
    let mut items_total = 0;
    for f in &chosen {
        let detail = archive_file_detail(conn, &f.id, today)?;
        let mut folder = format!("ho-so/{}", safe_name(&f.code));
        while used_folders.contains(&folder) {
            folder.push('_');
        }
        used_folders.push(folder.clone());
        let pages = item_page_counts(conn, data_dir, &detail.items);
        let mut docs = Vec::new();
        for (item, page) in detail.items.iter().zip(&pages) {
            let mut meta = DocMeta {
                file_code: f.code.clone(),
                doc_ordinal: item.ordinal,
                type_name: item.type_name.clone(),
                code_number: split_number(&item.number_symbol).0,
                code_notation: split_number(&item.number_symbol).1,
                issued_date: item.date,
                organ_name: item.author.clone(),
                subject: item.subject.clone(),
                language: "Tiếng Việt".to_string(),
                page_amount: *page,
                description: item.kind_label.clone(),
                arrival_date: None,
                arrival_number: None,
                path: None,
                file_name: None,
                sha256: None,
                item: ItemRow {
                    id: item.id.clone(),
                    kind: item.kind.as_str().to_string(),
                    record_id: item.record_id.clone(),
                    filed_at: item.filed_at.clone(),
                    created_at: item.filed_at.clone(),
                },
            };
            match item.kind {
                ItemKind::Document => {
                    // Read through the documents' accessor, which checks the stored hash.
                    let pdf = crate::documents::document_pdf(conn, &item.record_id)?;
                    let path = format!("{folder}/{:03}.pdf", item.ordinal);
                    meta.sha256 = Some(sha_hex(&pdf));
                    meta.file_name = Some(format!("{}.pdf", safe_name(&item.number_symbol.replace('/', "-"))));
                    meta.path = Some(path.clone());
                    if !documents.contains_key(&item.record_id) {
                        documents.insert(item.record_id.clone(), document_row(conn, &item.record_id, &path)?);
                    }
                    entries.push((path, pdf));
                }
                ItemKind::Incoming => {
                    let d = crate::incoming::get_incoming(conn, &item.record_id)?;
                    meta.arrival_date = Some(d.received_on);
                    meta.arrival_number = Some(d.incoming_number);
                    let mut file_path = None;
                    if let Some(file) = &d.file {
                        let (stored, name) = crate::incoming::incoming_file_path(conn, data_dir, &item.record_id)?;
                        let bytes = std::fs::read(&stored).map_err(|e| {
                            AppError::storage(format!("Không đọc được tệp \"{name}\" của văn bản đến: {e}"))
                        })?;
                        if sha_hex(&bytes) != file.sha256 {
                            return Err(AppError::storage(format!(
                                "Tệp \"{name}\" của văn bản đến số {} đã bị hỏng (không khớp mã SHA-256); \
                                 hãy chạy kiểm tra tệp và khôi phục từ bản sao lưu trước khi nộp lưu.",
                                d.incoming_number
                            )));
                        }
                        let ext = FileKind::parse(&file.kind).map(|k| k.as_str()).unwrap_or("bin");
                        let ext = if ext == "jpeg" { "jpg" } else { ext };
                        let path = format!("{folder}/{:03}.{ext}", item.ordinal);
                        meta.sha256 = Some(file.sha256.clone());
                        meta.file_name = Some(name);
                        meta.path = Some(path.clone());
                        file_path = Some(path.clone());
                        entries.push((path, bytes));
                    }
                    if !incoming.contains_key(&item.record_id) {
                        incoming.insert(item.record_id.clone(), incoming_row(conn, &item.record_id, file_path)?);
                    }
                }
                ItemKind::Meeting => {}
            }
            docs.push(meta);
        }
        let contents = file_contents_pdf(conn, data_dir, &f.id, today, created_unix)?;
        entries.push((format!("{folder}/muc-luc-van-ban.pdf"), contents));
        let page_total: u32 = pages.iter().flatten().sum();
        items_total += detail.items.len() as u32;
        files_meta.push(FileMeta {
            file_code: f.code.clone(),
            title: f.title.clone(),
            maintenance: f.retention_label.clone(),
            rights: "Công khai trong cơ quan".to_string(),
            creator: if f.keeper_name.is_empty() { organ.clone() } else { f.keeper_name.clone() },
            language: "Tiếng Việt".to_string(),
            start_date: f.start_date,
            end_date: f.end_date,
            doc_total: detail.items.len() as u32,
            page_total,
            description: f.notes.clone(),
            record: FileRow {
                id: f.id.clone(),
                year: f.year,
                code: f.code.clone(),
                title: f.title.clone(),
                retention: f.retention.as_str().to_string(),
                keeper_name: f.keeper_name.clone(),
                notes: f.notes.clone(),
                closed_on: f.closed_on,
                reopen_reason: f.reopen_reason.clone(),
                created_at: f.created_at.clone(),
                updated_at: f.updated_at.clone(),
            },
            docs,
        });
        handed.push(page_total);
    }
    let handed_files: Vec<HandedFile> =
        chosen.iter().zip(&handed).map(|(file, pages)| HandedFile { file, pages: *pages }).collect();
    entries.push((HANDOVER_LIST_PDF.to_string(), handover_list_pdf(conn, req.year, &handed_files, created_unix)?));
    entries.push((
        HANDOVER_RECORD_PDF.to_string(),
        handover_record_pdf(conn, req.year, &handed_files, &req.parties, req.on, created_unix)?,
    ));
    let metadata = Metadata {
        format: PACKAGE_FORMAT.to_string(),
        version: PACKAGE_VERSION,
        year: req.year,
        organ,
        handed_over_on: req.on,
        parties: req.parties.clone(),
        files: files_meta,
        documents: documents.into_values().collect(),
        incoming: incoming.into_values().collect(),
    };
    entries.push((METADATA_XML.to_string(), metadata_xml(&metadata).into_bytes()));
    let json = serde_json::to_vec_pretty(&metadata).map_err(|e| AppError::storage(e.to_string()))?;
    entries.push((METADATA_JSON.to_string(), json));
    let manifest = Manifest {
        format: PACKAGE_FORMAT.to_string(),
        version: PACKAGE_VERSION,
        entries: entries
            .iter()
            .map(|(path, bytes)| ManifestEntry { path: path.clone(), size: bytes.len() as u64, sha256: sha_hex(bytes) })
            .collect(),
    };
    let manifest = serde_json::to_vec_pretty(&manifest).map_err(|e| AppError::storage(e.to_string()))?;
    entries.push((MANIFEST.to_string(), manifest));
    Ok(Built {
        entries,
        file_ids: chosen.iter().map(|f| f.id.clone()).collect(),
        files: chosen.len() as u32,
        items: items_total,
    })
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> AppError {
    AppError::storage(format!("Không ghi được gói hồ sơ vào \"{}\": {e}", path.display()))
}

/// Builds the handover package of `req` as the folder `<zip_path without .zip>` and the
/// archive `zip_path`, then marks the files handed over (on `req.on`) and records the export
/// in the audit trail.
pub fn export_handover(
    store: &mut Store,
    data_dir: &Path,
    req: &HandoverRequest,
    zip_path: &Path,
) -> Result<HandoverExport> {
    crate::text::check_date(req.on, "Ngày giao nộp")?;
    let zip_path = if zip_path.extension().is_some_and(|e| e.eq_ignore_ascii_case("zip")) {
        zip_path.to_path_buf()
    } else {
        zip_path.with_extension("zip")
    };
    let folder = zip_path.with_extension("");
    if folder.exists() {
        return Err(AppError::conflict(format!(
            "Thư mục \"{}\" đã có: hãy chọn tên khác cho gói hồ sơ.",
            folder.display()
        )));
    }
    let created_unix = req.on.and_hms_opt(0, 0, 0).map(|d| d.and_utc().timestamp()).unwrap_or(0);
    let built = store.read(|c| build(c, data_dir, req, created_unix))?;
    // The folder: written under a temporary name, renamed once complete.
    let parent = folder.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let partial = parent.join(format!(".{}.partial", new_id()));
    let written = (|| {
        for (path, bytes) in &built.entries {
            let target = partial.join(path);
            if let Some(dir) = target.parent() {
                std::fs::create_dir_all(dir).map_err(|e| write_error(&folder, e))?;
            }
            std::fs::write(&target, bytes).map_err(|e| write_error(&folder, e))?;
        }
        std::fs::rename(&partial, &folder).map_err(|e| write_error(&folder, e))
    })();
    if written.is_err() {
        let _ = std::fs::remove_dir_all(&partial);
    }
    written?;
    // The same content as one .zip.
    let mut zip_bytes = std::io::Cursor::new(Vec::new());
    {
        let mut w = zip::ZipWriter::new(&mut zip_bytes);
        let opts = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (path, bytes) in &built.entries {
            w.start_file(path.as_str(), opts).map_err(|e| write_error(&zip_path, e))?;
            w.write_all(bytes).map_err(|e| write_error(&zip_path, e))?;
        }
        w.finish().map_err(|e| write_error(&zip_path, e))?;
    }
    write_atomic(&zip_path, zip_bytes.get_ref())?;
    store.write(|tx| {
        for id in &built.file_ids {
            tx.execute(
                // `updated_at` stays: the file's content did not change (the audit log records the act).
                "UPDATE archive_file SET handed_over_on = ?2 WHERE id = ?1",
                params![id, req.on],
            )
            .sql()?;
        }
        audit::record(
            tx,
            AuditAction::Export,
            "archive_file",
            "",
            &format!("Gói hồ sơ nộp lưu năm {} ({} hồ sơ)", req.year, built.files),
            Some(serde_json::json!({ "zip": zip_path.display().to_string(), "files": built.file_ids })),
        )
    })?;
    Ok(HandoverExport {
        folder: folder.display().to_string(),
        zip: zip_path.display().to_string(),
        files: built.files,
        items: built.items,
        entries: built.entries.len() as u32,
    })
}

fn damaged(what: impl std::fmt::Display) -> AppError {
    AppError::validation(format!(
        "Gói hồ sơ bị hỏng hoặc đã bị sửa: {what}. Không nhập gói này; hãy xin lại gói hồ sơ từ nơi gửi."
    ))
}

/// A path from a manifest, if it is a plain relative path inside the package.
fn plain_path(p: &str) -> Option<PathBuf> {
    let path = Path::new(p);
    if p.is_empty() || p.contains('\\') || path.is_absolute() {
        return None;
    }
    path.components().all(|c| matches!(c, Component::Normal(_))).then(|| path.to_path_buf())
}

/// Reads the package's files (every one its manifest lists), checking each hash.
fn read_package(source: &Path) -> Result<BTreeMap<String, Vec<u8>>> {
    let is_zip = source.is_file();
    let mut zip = if is_zip {
        let f = std::fs::File::open(source)
            .map_err(|e| AppError::validation(format!("Không mở được gói hồ sơ \"{}\": {e}", source.display())))?;
        Some(zip::ZipArchive::new(f).map_err(|_| {
            AppError::validation(format!(
                "Tệp \"{}\" không phải gói hồ sơ nộp lưu (không đọc được tệp nén ZIP).",
                source.display()
            ))
        })?)
    } else if source.is_dir() {
        None
    } else {
        return Err(AppError::not_found(format!("Không tìm thấy gói hồ sơ \"{}\".", source.display())));
    };
    // Reads at most `limit` + 1 bytes of an entry: a package that claims a small file but holds
    // a huge one (a zip bomb) is found damaged without filling the memory.
    let mut read = |name: &str, limit: u64| -> Result<Option<Vec<u8>>> {
        let mut bytes = Vec::new();
        match zip.as_mut() {
            Some(z) => match z.by_name(name) {
                Ok(f) => {
                    f.take(limit + 1).read_to_end(&mut bytes).map_err(|e| damaged(format!("{name}: {e}")))?;
                }
                Err(_) => return Ok(None),
            },
            None => {
                let Some(rel) = plain_path(name) else { return Ok(None) };
                match std::fs::File::open(source.join(rel)) {
                    Ok(f) => {
                        f.take(limit + 1).read_to_end(&mut bytes).map_err(|e| damaged(format!("{name}: {e}")))?;
                    }
                    Err(_) => return Ok(None),
                }
            }
        }
        Ok(Some(bytes))
    };
    let manifest = read(MANIFEST, 64 << 20)?.ok_or_else(|| {
        AppError::validation(format!("\"{}\" không phải gói hồ sơ nộp lưu: thiếu tệp {MANIFEST}.", source.display()))
    })?;
    let manifest: Manifest =
        serde_json::from_slice(&manifest).map_err(|e| damaged(format!("không đọc được {MANIFEST} ({e})")))?;
    if manifest.format != PACKAGE_FORMAT || manifest.version != PACKAGE_VERSION {
        return Err(AppError::validation(format!(
            "Gói hồ sơ có định dạng {} phiên bản {}, ứng dụng này chỉ đọc {PACKAGE_FORMAT} phiên bản {PACKAGE_VERSION}.",
            manifest.format, manifest.version
        )));
    }
    let mut out = BTreeMap::new();
    for e in &manifest.entries {
        if plain_path(&e.path).is_none() || e.path == MANIFEST {
            return Err(damaged(format!("đường dẫn không hợp lệ \"{}\"", e.path)));
        }
        let bytes =
            read(&e.path, e.size.min(MAX_ENTRY))?.ok_or_else(|| damaged(format!("thiếu tệp \"{}\"", e.path)))?;
        if bytes.len() as u64 != e.size || sha_hex(&bytes) != e.sha256 {
            return Err(damaged(format!("tệp \"{}\" không khớp mã kiểm tra SHA-256 ghi trong {MANIFEST}", e.path)));
        }
        out.insert(e.path.clone(), bytes);
    }
    Ok(out)
}

fn exists(conn: &Db, sql: &str, p: impl rusqlite::Params) -> Result<bool> {
    Ok(conn.query_row(sql, p, |_| Ok(())).optional().sql()?.is_some())
}

/// Recreates the records of a handover package (a folder or its .zip) in this install: the
/// files with their items, the issued documents with their PDFs, the incoming documents with
/// their original files. Refuses a damaged package, and a package whose records are already
/// here.
pub fn import_handover(store: &mut Store, data_dir: &Path, source: &Path) -> Result<HandoverImport> {
    let package = read_package(source)?;
    let meta = package.get(METADATA_JSON).ok_or_else(|| damaged(format!("thiếu tệp {METADATA_JSON}")))?;
    let meta: Metadata =
        serde_json::from_slice(meta).map_err(|e| damaged(format!("không đọc được {METADATA_JSON} ({e})")))?;
    let get = |path: &str| package.get(path).ok_or_else(|| damaged(format!("thiếu tệp \"{path}\"")));
    // The originals of incoming documents go through the file store (checked, kept once).
    let limit = store.read(crate::settings::file_settings)?.max_attachment_bytes();
    let staging = data_dir.join(format!(".import-{}", new_id()));
    let mut puts = BTreeMap::new();
    let staged = (|| {
        for d in &meta.incoming {
            let (Some(path), Some(name), Some(sha)) = (&d.file_path, &d.file_name, &d.file_sha256) else { continue };
            let bytes = get(path)?;
            if &sha_hex(bytes) != sha {
                return Err(damaged(format!("tệp \"{path}\" không khớp mã SHA-256 của văn bản đến")));
            }
            let kind = FileKind::from_name(name).map(|k| k.as_str()).unwrap_or("bin");
            std::fs::create_dir_all(&staging).map_err(|e| AppError::storage(e.to_string()))?;
            let tmp = staging.join(format!("{}.{kind}", new_id()));
            std::fs::write(&tmp, bytes).map_err(|e| AppError::storage(e.to_string()))?;
            let mut put = put_file(data_dir, &tmp, limit)?;
            put.original_name = name.clone();
            puts.insert(d.id.clone(), put);
        }
        Ok(())
    })();
    let _ = std::fs::remove_dir_all(&staging);
    staged?;
    for d in &meta.documents {
        let pdf = get(&d.pdf_path)?;
        if Some(sha_hex(pdf)) != d.pdf_sha256 || pdf_page_count(pdf).is_none() {
            return Err(damaged(format!("tệp PDF \"{}\" không khớp mã SHA-256 của văn bản", d.pdf_path)));
        }
    }
    store.write(|tx| {
        let mut result =
            HandoverImport { files: 0, items: 0, documents: 0, incoming: 0, meetings_skipped: 0 };
        for f in &meta.files {
            let r = &f.record;
            if exists(tx, "SELECT 1 FROM archive_file WHERE id = ?1 OR (year = ?2 AND code = ?3)", params![r.id, r.year, r.code])? {
                return Err(AppError::conflict(format!(
                    "Danh mục hồ sơ năm {} đã có hồ sơ {}: gói này đã được nhập, hoặc hãy nhập vào một bản cài đặt trống.",
                    r.year, r.code
                )));
            }
            if Retention::parse(&r.retention).is_none() {
                return Err(damaged(format!("thời hạn bảo quản \"{}\" không hợp lệ", r.retention)));
            }
        }
        for d in &meta.documents {
            if exists(tx, "SELECT 1 FROM document WHERE id = ?1", [&d.id])?
                || exists(
                    tx,
                    "SELECT 1 FROM document WHERE issuer_symbol IS ?1 AND year IS ?2 AND number_symbol = ?3",
                    params![d.issuer_symbol, d.year, d.number_symbol],
                )?
            {
                return Err(AppError::conflict(format!(
                    "Văn bản {} đã có trong sổ văn bản đi: hãy nhập gói vào một bản cài đặt trống.",
                    d.number_symbol.clone().unwrap_or_default()
                )));
            }
            insert_document(tx, d, get(&d.pdf_path)?)?;
            result.documents += 1;
        }
        for d in &meta.incoming {
            if exists(tx, "SELECT 1 FROM incoming_document WHERE id = ?1 OR (year = ?2 AND incoming_number = ?3)", params![d.id, d.year, d.incoming_number])? {
                return Err(AppError::conflict(format!(
                    "Sổ văn bản đến năm {} đã có số đến {}: hãy nhập gói vào một bản cài đặt trống.",
                    d.year, d.incoming_number
                )));
            }
            let put = puts.get(&d.id);
            if let Some(p) = put {
                record_file(tx, p)?;
            }
            let keep = |table: &str, id: &Option<String>| -> Result<Option<String>> {
                match id {
                    Some(i) if exists(tx, &format!("SELECT 1 FROM {table} WHERE id = ?1"), [i])? => Ok(Some(i.clone())),
                    _ => Ok(None),
                }
            };
            let sender = keep("agency", &d.sender_agency_id)?;
            let handling = keep("agency", &d.handling_agency_id)?;
            let handler = keep("person", &d.handler_person_id)?;
            let dup = crate::incoming::duplicate_key(&d.number_symbol, sender.as_deref(), &d.sender_name);
            let search = fold(&format!("{} {} {} {} {}", d.sender_name, d.number_symbol, d.type_name, d.subject, d.notes));
            tx.execute(
                "INSERT INTO incoming_document (id, year, incoming_number, received_on, sender_agency_id, sender_name,
                    number_symbol, document_date, type_name, subject, urgency, handling_agency_id, handler_person_id,
                    passed_on, due_date, task_id, file_sha256, file_name, notes, duplicate_key, search_text, created_at,
                    updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, NULL, ?16, ?17, ?18, ?19, ?20, ?21, ?22)",
                params![
                    d.id, d.year, d.incoming_number, d.received_on, sender, d.sender_name, d.number_symbol,
                    d.document_date, d.type_name, d.subject, d.urgency, handling, handler, d.passed_on, d.due_date,
                    put.map(|p| p.sha256.clone()), put.and_then(|_| d.file_name.clone()), d.notes, dup, search,
                    d.created_at, d.updated_at
                ],
            ).sql()?;
            tx.execute(
                "INSERT INTO incoming_number_counter (year, last_number) VALUES (?1, ?2)
                 ON CONFLICT(year) DO UPDATE SET last_number = max(last_number, excluded.last_number)",
                params![d.year, d.incoming_number],
            ).sql()?;
            result.incoming += 1;
        }
        for f in &meta.files {
            let r = &f.record;
            tx.execute(
                "INSERT INTO archive_file (id, year, code, title, retention, keeper_person_id, keeper_name, notes,
                    closed_on, reopen_reason, handed_over_on, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, NULL, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
                params![
                    r.id, r.year, r.code, r.title, r.retention, r.keeper_name, r.notes, r.closed_on, r.reopen_reason,
                    meta.handed_over_on, r.created_at, r.updated_at
                ],
            ).sql()?;
            result.files += 1;
            for d in &f.docs {
                let i = &d.item;
                let kind = ItemKind::parse(&i.kind).ok_or_else(|| damaged(format!("loại mục \"{}\" không hợp lệ", i.kind)))?;
                if kind == ItemKind::Meeting
                    && !exists(tx, "SELECT 1 FROM meeting WHERE id = ?1", [&i.record_id])?
                {
                    result.meetings_skipped += 1;
                    continue;
                }
                tx.execute(
                    &format!(
                        "INSERT INTO archive_item (id, file_id, kind, {}_id, filed_at, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
                        kind.as_str()
                    ),
                    params![i.id, r.id, kind.as_str(), i.record_id, i.filed_at, i.created_at],
                ).sql()?;
                result.items += 1;
            }
        }
        audit::record(
            tx,
            AuditAction::Restore,
            "archive_file",
            "",
            &format!("Nhập gói hồ sơ nộp lưu năm {} ({} hồ sơ)", meta.year, result.files),
            None,
        )?;
        Ok(result)
    })
}

/// Writes an issued document received in a package, with its PDF. The one place outside
/// `documents/` that writes the `document` table: the PDF goes where documents keep it.
fn insert_document(tx: &Tx, d: &DocumentRow, pdf: &[u8]) -> Result<()> {
    // As issuing does: the PDF goes to the file store, the row keeps its reference.
    let sha = crate::filestore::put_bytes(tx, pdf, crate::filestore::FileKind::Pdf)?;
    tx.execute(
        "INSERT INTO document (id, doc_type, status, content, subject, issuer, issuer_symbol, series, year, number,
            number_symbol, issued_on, issued_at, pdf, pdf_file, pdf_sha256, page_count, recalled_at, recall_reason,
            created_at, updated_at, authority_id, external, list_date)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, X'', ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22,
            ?23)",
        params![
            d.id, d.doc_type, d.status, d.content, d.subject, d.issuer, d.issuer_symbol, d.series, d.year, d.number,
            d.number_symbol, d.issued_on, d.issued_at, sha, d.pdf_sha256, d.page_count, d.recalled_at, d.recall_reason,
            d.created_at, d.updated_at, d.authority_id, d.external, d.list_date
        ],
    ).sql()?;
    Ok(())
}

//! Documents as stored: drafts with their revisions, the list (summary columns, paged, by the
//! list date's index), reading a document and its PDF. Issuing and recalling are in `issue.rs`.
//!
//! A draft is saved as often as the editor likes (every couple of seconds while typing);
//! saves less than [`REVISION_WINDOW_SECS`] apart update the newest revision, later ones add
//! a revision.

use super::authority::content_authority;
use super::model::*;
use super::pdf::{render_counted, Margins, RenderOptions};
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::settings::{document_settings, DocumentSettings};
use crate::store::decode::{self, decode};
use crate::store::{new_id, now, Store};
use crate::store::{Db, Tx};
use crate::text::{clean, clean_keep_edges, format_date_vi};
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use rusqlite::{params, OptionalExtension, Row};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use specta::Type;

pub const REVISION_WINDOW_SECS: i64 = 300;

#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Serialize,
    Deserialize,
    Type,
    strum::IntoStaticStr,
    strum::EnumString,
    strum::EnumIter,
)]
#[serde(rename_all = "snake_case")]
#[strum(serialize_all = "snake_case")]
pub enum DocumentStatus {
    /// Dự thảo
    Draft,
    /// Đã ban hành
    Issued,
    /// Đã thu hồi
    Recalled,
}

impl DocumentStatus {
    pub fn label(self) -> &'static str {
        match self {
            Self::Draft => "Dự thảo",
            Self::Issued => "Đã ban hành",
            Self::Recalled => "Đã thu hồi",
        }
    }
}

crate::store::stored_names!(DocumentStatus);

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct DocumentRecord {
    pub id: String,
    pub doc_type: DocumentType,
    pub type_label: String,
    pub status: DocumentStatus,
    pub status_label: String,
    pub subject: String,
    pub content: DocumentContent,
    /// "05/TB-BCĐCĐS" once issued.
    pub number_symbol: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub issued_at: Option<String>,
    pub pdf_sha256: Option<String>,
    pub page_count: Option<u32>,
    /// The number was given by another register (typed in at issue), not by this app.
    pub external: bool,
    pub recalled_at: Option<String>,
    pub recall_reason: String,
    pub created_at: String,
    pub updated_at: String,
}

/// One row of the documents list: what the list shows, without the content (a list of a
/// year's documents carries no document bodies; open one with [`get_document`]).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct DocumentSummary {
    pub id: String,
    pub doc_type: DocumentType,
    pub type_label: String,
    pub status: DocumentStatus,
    pub status_label: String,
    pub subject: String,
    /// "05/TB-BCĐCĐS" once issued.
    pub number_symbol: Option<String>,
    pub issued_on: Option<NaiveDate>,
    pub created_at: String,
    pub updated_at: String,
    /// The year the document is listed under (see [`DocumentFilter::year`]).
    pub year: i32,
    /// The number was given by another register (typed in at issue), not by this app.
    pub external: bool,
}

#[derive(Debug, Clone, Default, Deserialize, Type)]
pub struct DocumentFilter {
    #[serde(default)]
    pub doc_type: Option<DocumentType>,
    /// The year of the document's date (drafts without a date: the year they were created).
    #[serde(default)]
    pub year: Option<i32>,
    #[serde(default)]
    pub status: Option<DocumentStatus>,
    /// Rows to skip (paging), newest first.
    #[serde(default)]
    pub offset: u32,
    /// At most this many rows; none: every row from `offset` on.
    #[serde(default)]
    pub limit: Option<u32>,
}

/// One page of the documents list and how many documents match the filter in all.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct DocumentPage {
    pub items: Vec<DocumentSummary>,
    pub total: u32,
    pub offset: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Type)]
pub struct Revision {
    pub id: String,
    pub created_at: String,
    pub updated_at: String,
    pub content: DocumentContent,
}

/// NFC and single spaces everywhere; runs keep the spaces that join them to their neighbours.
pub fn normalize(content: &DocumentContent) -> DocumentContent {
    let mut c = content.clone();
    let runs = |runs: &mut Vec<Run>| {
        for r in runs.iter_mut() {
            r.text = clean_keep_edges(&r.text);
        }
        runs.retain(|r| !r.text.is_empty());
    };
    c.subject = clean(&c.subject);
    c.enacting_authority = clean(&c.enacting_authority);
    c.archive = clean(&c.archive);
    for list in [&mut c.addressees, &mut c.legal_bases, &mut c.recipients] {
        *list = list.iter().map(|s| clean(s)).filter(|s| !s.is_empty()).collect();
    }
    for block in c.body.iter_mut() {
        match block {
            Block::Paragraph { runs: r }
            | Block::Clause { runs: r }
            | Block::Point { runs: r }
            | Block::Dash { runs: r } => runs(r),
            Block::Heading { title, .. } => *title = clean(title),
            Block::Table { header, rows, .. } => {
                for cell in header.iter_mut().chain(rows.iter_mut().flatten()) {
                    *cell = clean(cell);
                }
            }
            Block::Chart { title, series, bars } => {
                *title = clean(title);
                for s in series.iter_mut().chain(bars.iter_mut().map(|b| &mut b.label)) {
                    *s = clean(s);
                }
            }
        }
    }
    for s in c.signers.iter_mut() {
        s.on_behalf_of = clean(&s.on_behalf_of);
        s.name = clean(&s.name);
        s.titles = s.titles.iter().map(|t| clean(t)).filter(|t| !t.is_empty()).collect();
    }
    c
}

pub(super) fn to_json(content: &DocumentContent) -> Result<String> {
    serde_json::to_string(content).map_err(|e| AppError::storage(format!("Không lưu được nội dung văn bản: {e}")))
}

const COLUMNS: &str = "id, doc_type, status, content, subject, number_symbol, issued_on, issued_at, pdf_sha256,
    page_count, recalled_at, recall_reason, created_at, updated_at, external";

fn from_row(r: &Row) -> rusqlite::Result<(DocumentRecord, String)> {
    let id: String = r.get(0)?;
    let doc_type = decode::stored(r, 1, "document", &id, "doc_type")?;
    let status = decode::stored(r, 2, "document", &id, "status")?;
    let json: String = r.get(3)?;
    let placeholder = DocumentContent {
        doc_type,
        number: None,
        date: None,
        subject: String::new(),
        urgency: None,
        addressees: vec![],
        enacting_authority: String::new(),
        legal_bases: vec![],
        body: vec![],
        signers: vec![],
        recipients: vec![],
        archive: String::new(),
        authority_id: String::new(),
        signer_choice: None,
    };
    Ok((
        DocumentRecord {
            doc_type,
            type_label: doc_type.label().to_string(),
            status,
            status_label: status.label().to_string(),
            content: placeholder,
            subject: r.get(4)?,
            number_symbol: r.get(5)?,
            issued_on: decode::date_opt(r, 6, "document", &id, "issued_on")?,
            issued_at: r.get(7)?,
            pdf_sha256: r.get(8)?,
            page_count: r.get(9)?,
            external: r.get::<_, Option<bool>>(14)?.unwrap_or(false),
            recalled_at: r.get(10)?,
            recall_reason: r.get(11)?,
            created_at: r.get(12)?,
            updated_at: r.get(13)?,
            id,
        },
        json,
    ))
}

fn parse_content(table: &str, id: &str, json: &str) -> Result<DocumentContent> {
    decode::decode_json(table, id, "content", json).sql()
}

/// A draft saved before documents named their issuing body takes its type's default body.
fn with_authority(settings: &DocumentSettings, mut content: DocumentContent) -> DocumentContent {
    if content.authority_id.is_empty() {
        if let Ok(a) = settings.default_authority(content.doc_type) {
            content.authority_id = a.id.clone();
        }
    }
    content
}

pub fn get_document(conn: &Db, id: &str) -> Result<DocumentRecord> {
    let (mut record, json) = conn
        .query_row(&format!("SELECT {COLUMNS} FROM document WHERE id = ?1"), [id], from_row)
        .optional()
        .sql()?
        .ok_or_else(|| AppError::not_found("Không tìm thấy văn bản (có thể đã bị xóa)."))?;
    record.content = with_authority(&document_settings(conn)?, parse_content("document", &record.id, &json)?);
    Ok(record)
}

/// The day a document is listed under (the `list_date` column, see migration 0009): its
/// date once issued or when written in the draft, else the day the draft was created.
fn list_date_of(content: &DocumentContent, created_at: &str) -> String {
    match content.date {
        Some(d) => d.format("%Y-%m-%d").to_string(),
        None => created_at.chars().take(10).collect(),
    }
}

/// `[first day, first day of the next year)` as `list_date` bounds.
fn year_bounds(year: i32) -> (String, String) {
    (format!("{year:04}-01-01"), format!("{:04}-01-01", year + 1))
}

/// The WHERE clause of a documents list and its arguments. Only the filters given appear, each
/// as a plain comparison on an indexed column, so that SQLite serves the filter and the order
/// from one index (checked by `EXPLAIN QUERY PLAN` in the tests).
pub(crate) fn list_where(filter: &DocumentFilter) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut terms = Vec::new();
    let mut args = Vec::new();
    if let Some(t) = filter.doc_type {
        terms.push("doc_type = ?");
        args.push(Value::Text(t.as_str().into()));
    }
    if let Some(st) = filter.status {
        terms.push("status = ?");
        args.push(Value::Text(st.as_str().into()));
    }
    if let Some(y) = filter.year {
        let (from, to) = year_bounds(y);
        terms.push("list_date >= ? AND list_date < ?");
        args.push(Value::Text(from));
        args.push(Value::Text(to));
    }
    let clause = if terms.is_empty() { String::new() } else { format!("WHERE {}", terms.join(" AND ")) };
    (clause, args)
}

/// The list query of `filter` (one page) and its arguments.
pub(crate) fn list_query(filter: &DocumentFilter) -> (String, Vec<rusqlite::types::Value>) {
    let (clause, mut args) = list_where(filter);
    args.push(rusqlite::types::Value::Integer(filter.limit.map(i64::from).unwrap_or(-1)));
    args.push(rusqlite::types::Value::Integer(i64::from(filter.offset)));
    (
        format!(
            "SELECT id, doc_type, status, subject, number_symbol, issued_on, created_at, updated_at, list_date, external
             FROM document {clause}
             ORDER BY list_date DESC, number DESC, created_at DESC LIMIT ? OFFSET ?"
        ),
        args,
    )
}

fn summary_from_row(r: &Row) -> rusqlite::Result<DocumentSummary> {
    let id: String = r.get(0)?;
    let doc_type = decode::stored(r, 1, "document", &id, "doc_type")?;
    let status = decode::stored(r, 2, "document", &id, "status")?;
    let list_date: String = r.get(8)?;
    let year = decode("document", &id, "list_date", &list_date, |s| {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(|d| d.year())
    })?;
    Ok(DocumentSummary {
        doc_type,
        type_label: doc_type.label().to_string(),
        status,
        status_label: status.label().to_string(),
        subject: r.get(3)?,
        number_symbol: r.get(4)?,
        issued_on: decode::date_opt(r, 5, "document", &id, "issued_on")?,
        created_at: r.get(6)?,
        updated_at: r.get(7)?,
        year,
        external: r.get::<_, Option<bool>>(9)?.unwrap_or(false),
        id,
    })
}

/// One page of the documents that match `filter`, newest first (by the day they are listed
/// under, then by number), with the number of all that match. Summary columns only.
pub fn list_documents(conn: &Db, filter: &DocumentFilter) -> Result<DocumentPage> {
    let (sql, args) = list_query(filter);
    let items = conn
        .prepare(&sql)
        .sql()?
        .query_map(rusqlite::params_from_iter(args), summary_from_row)
        .sql()?
        .collect::<Result<Vec<_>, _>>()
        .sql()?;
    let (clause, args) = list_where(filter);
    let total: i64 = conn
        .query_row(&format!("SELECT count(*) FROM document {clause}"), rusqlite::params_from_iter(args), |r| r.get(0))
        .sql()?;
    Ok(DocumentPage { items, total: u32::try_from(total).unwrap_or(u32::MAX), offset: filter.offset })
}

/// The years that have documents, newest first: one index lookup per year.
pub fn document_years(conn: &Db) -> Result<Vec<i32>> {
    let mut years = Vec::new();
    let mut below = "9999".to_string();
    loop {
        let newest: Option<String> = conn
            .query_row("SELECT max(list_date) FROM document WHERE list_date < ?1 AND list_date >= '0'", [&below], |r| {
                r.get(0)
            })
            .sql()?;
        let Some(newest) = newest else { break };
        let year = decode("document", "", "list_date", &newest, |s| {
            NaiveDate::parse_from_str(s, "%Y-%m-%d").ok().map(|d| d.year())
        })
        .sql()?;
        years.push(year);
        below = format!("{year:04}");
    }
    Ok(years)
}

/// Issued and recalled documents listed between `from` and `to` (inclusive), whole records,
/// oldest first: the outgoing register's rows.
pub(crate) fn issued_between(conn: &Db, from: NaiveDate, to: NaiveDate) -> Result<Vec<DocumentRecord>> {
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {COLUMNS} FROM document
         WHERE status IN ('issued', 'recalled') AND list_date >= ?1 AND list_date <= ?2
         ORDER BY list_date, issued_at, number"
        ))
        .sql()?;
    let rows = stmt
        .query_map(params![from.format("%Y-%m-%d").to_string(), to.format("%Y-%m-%d").to_string()], from_row)
        .sql()?
        .collect::<Result<Vec<_>, _>>()
        .sql()?;
    let settings = document_settings(conn)?;
    rows.into_iter()
        .map(|(mut record, json)| {
            record.content = with_authority(&settings, parse_content("document", &record.id, &json)?);
            Ok(record)
        })
        .collect()
}

fn add_revision(tx: &Tx, id: &str, json: &str, ts: &str) -> Result<()> {
    let newest: Option<(String, String)> = tx
        .query_row(
            "SELECT id, created_at FROM document_revision WHERE document_id = ?1 ORDER BY created_at DESC LIMIT 1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()
        .sql()?;
    let recent = newest.as_ref().and_then(|(_, created)| {
        let created = DateTime::parse_from_rfc3339(created).ok()?;
        let now = DateTime::parse_from_rfc3339(ts).ok()?;
        Some((now - created).num_seconds() < REVISION_WINDOW_SECS)
    });
    match (newest, recent) {
        (Some((rev, _)), Some(true)) => {
            tx.execute(
                "UPDATE document_revision SET content = ?2, updated_at = ?3 WHERE id = ?1",
                params![rev, json, ts],
            )
            .sql()?;
        }
        _ => {
            tx.execute(
                "INSERT INTO document_revision (id, document_id, content, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
                params![new_id(), id, json, ts],
            ).sql()?;
        }
    }
    Ok(())
}

/// Creates a draft (e.g. from an imported JSON file or the "new document" screen).
/// A new draft as the editor shows it before anything is typed: the content filled in as
/// [`create_draft`] would (issuing body, "Lưu" line) but not stored, with an empty id. The
/// draft is created by the first save, so opening "Soạn văn bản mới" and leaving leaves nothing.
pub fn new_draft(conn: &Db, content: &DocumentContent) -> Result<DocumentRecord> {
    super::validate::validate_content(content)?;
    let mut content = normalize(content);
    content.number = None;
    let authority = content_authority(&document_settings(conn)?, &content)?;
    content.authority_id = authority.id.clone();
    if content.archive.is_empty() {
        content.archive = authority.archive();
    }
    Ok(DocumentRecord {
        id: String::new(),
        doc_type: content.doc_type,
        type_label: content.doc_type.label().to_string(),
        status: DocumentStatus::Draft,
        status_label: DocumentStatus::Draft.label().to_string(),
        subject: content.subject.clone(),
        content,
        number_symbol: None,
        issued_on: None,
        issued_at: None,
        pdf_sha256: None,
        page_count: None,
        external: false,
        recalled_at: None,
        recall_reason: String::new(),
        created_at: String::new(),
        updated_at: String::new(),
    })
}

/// The PDF of a draft's content as it stands in the editor (saved or not).
pub fn preview_pdf(conn: &Db, content: &DocumentContent) -> Result<Vec<u8>> {
    let authority = content_authority(&document_settings(conn)?, content)?;
    let mut content = content.clone();
    if content.archive.is_empty() {
        content.archive = authority.archive();
    }
    let created = Utc::now().timestamp();
    Ok(render_counted(&content, &authority.issuer(), render_opts(conn, created)?)?.0)
}

pub fn create_draft(store: &mut Store, content: &DocumentContent) -> Result<DocumentRecord> {
    store.write(|tx| create_draft_in(tx, content))
}

pub(crate) fn create_draft_in(tx: &Tx, content: &DocumentContent) -> Result<DocumentRecord> {
    super::validate::validate_content(content)?;
    let mut content = normalize(content);
    content.number = None;
    let authority = content_authority(&document_settings(tx)?, &content)?;
    content.authority_id = authority.id.clone();
    if content.archive.is_empty() {
        content.archive = authority.archive();
    }
    let json = to_json(&content)?;
    {
        let id = new_id();
        let ts = now();
        tx.execute(
            "INSERT INTO document (id, doc_type, status, content, subject, created_at, updated_at, list_date)
             VALUES (?1, ?2, 'draft', ?3, ?4, ?5, ?5, ?6)",
            params![id, content.doc_type.as_str(), json, content.subject, ts, list_date_of(&content, &ts)],
        )
        .sql()?;
        add_revision(tx, &id, &json, &ts)?;
        get_document(tx, &id)
    }
}

/// Saves the draft's content (autosave). Refused once the document is issued.
pub fn save_draft(store: &mut Store, id: &str, content: &DocumentContent) -> Result<DocumentRecord> {
    store.write(|tx| save_draft_in(tx, id, content))
}

pub(crate) fn save_draft_in(tx: &Tx, id: &str, content: &DocumentContent) -> Result<DocumentRecord> {
    super::validate::validate_content(content)?;
    let mut content = normalize(content);
    content.number = None;
    content.authority_id = content_authority(&document_settings(tx)?, &content)?.id;
    let json = to_json(&content)?;
    {
        let current = get_document(tx, id)?;
        if current.status != DocumentStatus::Draft {
            return Err(AppError::conflict(
                "Văn bản đã ban hành không sửa được. Muốn đính chính, hãy tạo văn bản mới.",
            ));
        }
        // Saving what is already stored changes nothing: no revision, no new time, and a
        // generated document does not become "edited by hand".
        let mut stored = normalize(&current.content);
        stored.number = None;
        if to_json(&stored)? == json {
            return Ok(current);
        }
        let ts = now();
        tx.execute(
            "UPDATE document SET doc_type = ?2, content = ?3, subject = ?4, updated_at = ?5, list_date = ?6 WHERE id = ?1",
            params![id, content.doc_type.as_str(), json, content.subject, ts, list_date_of(&content, &current.created_at)],
        ).sql()?;
        add_revision(tx, id, &json, &ts)?;
        get_document(tx, id)
    }
}

pub fn revisions(conn: &Db, id: &str) -> Result<Vec<Revision>> {
    let mut stmt = conn.prepare(
        "SELECT id, created_at, updated_at, content FROM document_revision WHERE document_id = ?1 ORDER BY created_at DESC",
    ).sql()?;
    let rows = stmt
        .query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?, r.get::<_, String>(2)?, r.get::<_, String>(3)?))
        })
        .sql()?
        .collect::<Result<Vec<_>, _>>()
        .sql()?;
    rows.into_iter()
        .map(|(id, created_at, updated_at, json)| {
            let content = parse_content("document_revision", &id, &json)?;
            Ok(Revision { id, created_at, updated_at, content })
        })
        .collect()
}

/// Deletes a draft (never an issued document).
pub fn delete_draft(store: &mut Store, id: &str) -> Result<()> {
    store.write(|tx| {
        let doc = get_document(tx, id)?;
        if doc.status != DocumentStatus::Draft {
            return Err(AppError::in_use("Văn bản đã ban hành không xóa được; chỉ có thể thu hồi."));
        }
        tx.execute("DELETE FROM document WHERE id = ?1", [id]).sql()?;
        Ok(())
    })
}

pub(super) fn render_opts(conn: &Db, created_unix: i64) -> Result<RenderOptions> {
    let m = document_settings(conn)?.margins;
    Ok(RenderOptions { margins: Margins { top: m.top, bottom: m.bottom, left: m.left, right: m.right }, created_unix })
}

/// The PDF of a document: the stored one once issued (byte for byte, checked against its
/// SHA-256), a fresh rendering for a draft.
pub fn document_pdf(conn: &Db, id: &str) -> Result<Vec<u8>> {
    let doc = get_document(conn, id)?;
    if doc.status == DocumentStatus::Draft {
        return preview_pdf(conn, &doc.content);
    }
    let pdf = crate::filestore::refs::document_pdfs(conn, id)?
        .and_then(|(pdf, _)| pdf)
        .ok_or_else(|| AppError::storage("Văn bản đã ban hành nhưng thiếu tệp PDF."))?;
    let sha = format!("{:x}", Sha256::digest(&pdf));
    if Some(sha) != doc.pdf_sha256 {
        return Err(AppError::storage(format!(
            "Tệp PDF lưu của văn bản {} không khớp mã kiểm tra SHA-256: dữ liệu có thể đã bị sửa ngoài ứng dụng.",
            doc.number_symbol.unwrap_or_default()
        )));
    }
    Ok(pdf)
}

/// "Thông báo số 05/TB-BCĐCĐS ngày 05/01/2025" — how other documents cite this one.
pub fn citation(doc: &DocumentRecord) -> String {
    match (&doc.number_symbol, doc.issued_on) {
        (Some(n), Some(d)) => format!("{} số {} ngày {}", doc.type_label, n, format_date_vi(d)),
        _ => format!("{} (dự thảo)", doc.type_label),
    }
}

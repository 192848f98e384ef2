//! The text inside attached files, for search: the text layer of PDFs (lopdf, which reads
//! the fonts' ToUnicode maps, so our own PDFs with embedded Vietnamese fonts read back) and
//! the body of DOCX files (the same reader the documents use, documents/docx/import.rs).
//!
//! A file attached to a received document, an agenda item or a progress report is queued in
//! `file_text` as 'pending' ([`queue`], called where the file is recorded). Reading it is slow
//! (a long PDF takes a second), so it is never done inside a save: a background worker (the
//! window's, in src-tauri; `files extract` in the command line) takes a few pending files
//! ([`pending_files`]), reads them with no lock held ([`extract`]) and saves the results in a
//! short transaction of its own ([`save_results`]), which queues the owning records for
//! re-indexing: an incoming document's file text is found as that incoming document, an
//! agenda file's as its meeting, a progress file's as the task. A file that cannot be read
//! (damaged, encrypted, not what it claims) is marked 'failed' with the reason and the queue
//! goes on.

use crate::error::Result;
use crate::error::Sql;
use crate::filestore::FileKind;
use crate::store::{now, Store};
use crate::store::{Db, Tx};
use rusqlite::params;
use serde::Serialize;
use specta::Type;
use std::path::Path;

/// At most this many characters of a file's text are kept (a 300-page annex still fits).
pub const MAX_TEXT_CHARS: usize = 1_000_000;
/// Files larger than this are not read (their whole bytes would be held in memory).
const MAX_FILE_BYTES: u64 = 200 * 1024 * 1024;
/// Bytes a PDF's streams may expand to while reading (a "zip bomb" stops there).
const MAX_DECOMPRESSED: usize = 256 * 1024 * 1024;

/// Queues the text of stored file `sha256` for reading when its kind has text to read.
pub fn queue(tx: &Tx, sha256: &str, kind: &str) -> Result<()> {
    if kind == FileKind::Pdf.as_str() || kind == FileKind::Docx.as_str() {
        tx.execute(
            "INSERT INTO file_text (sha256, kind, status, updated_at) VALUES (?1, ?2, 'pending', ?3)
             ON CONFLICT(sha256) DO NOTHING",
            params![sha256, kind, now()],
        )
        .sql()?;
    }
    Ok(())
}

/// A file waiting to be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PendingFile {
    pub sha256: String,
    pub kind: String,
}

/// Up to `limit` files waiting to be read.
pub fn pending_files(conn: &Db, limit: u32) -> Result<Vec<PendingFile>> {
    let mut stmt = conn
        .prepare_cached("SELECT sha256, kind FROM file_text WHERE status = 'pending' ORDER BY sha256 LIMIT ?1")
        .sql()?;
    let rows = stmt
        .query_map([limit], |r| Ok(PendingFile { sha256: r.get(0)?, kind: r.get(1)? }))
        .sql()?
        .collect::<rusqlite::Result<Vec<_>>>()
        .sql()?;
    Ok(rows)
}

/// How far reading has got.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Type)]
pub struct TextProgress {
    pub pending: u32,
    pub done: u32,
    pub failed: u32,
}

/// How many files are still to be read: counted on the partial index of pending files, so the
/// background worker's check between chunks costs what is left, not every file ever read.
const PENDING_COUNT_SQL: &str = "SELECT count(*) FROM file_text WHERE status = 'pending'";

pub fn pending_count(conn: &Db) -> Result<u32> {
    conn.query_row(PENDING_COUNT_SQL, [], |r| r.get(0)).sql()
}

/// Every file by status (a full count, for reports; the worker uses [`pending_count`]).
pub fn progress(conn: &Db) -> Result<TextProgress> {
    let mut p = TextProgress::default();
    let mut stmt = conn.prepare_cached("SELECT status, count(*) FROM file_text GROUP BY status").sql()?;
    let rows = stmt.query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, u32>(1)?))).sql()?;
    for row in rows {
        let (status, n) = row.sql()?;
        match status.as_str() {
            "pending" => p.pending = n,
            "done" => p.done = n,
            _ => p.failed = n,
        }
    }
    Ok(p)
}

/// The text of a PDF's text layer, page after page.
pub fn pdf_text(bytes: &[u8]) -> std::result::Result<String, String> {
    let doc = lopdf::Document::load_mem(bytes).map_err(|e| format!("không đọc được tệp PDF: {e}"))?;
    if doc.is_encrypted() {
        return Err("tệp PDF có mật khẩu (mã hóa), không đọc được nội dung".into());
    }
    let pages: Vec<u32> = doc.get_pages().keys().copied().collect();
    let mut out = String::new();
    for p in pages {
        // A page that does not read (a broken stream) does not lose the others.
        if let Ok(t) = doc.extract_text_with_limit(&[p], MAX_DECOMPRESSED) {
            out.push_str(&t);
            out.push('\n');
        }
        if out.len() > MAX_TEXT_CHARS * 4 {
            break;
        }
    }
    Ok(out)
}

/// Reads the text of one stored file (no database access: run it with no lock held).
/// `Err` carries the reason, in Vietnamese, for a file that cannot be read.
pub fn extract(data_dir: &Path, file: &PendingFile) -> std::result::Result<String, String> {
    if let Some(path) = crate::filestore::stored_path(data_dir, &file.sha256) {
        if std::fs::metadata(&path).is_ok_and(|m| m.len() > MAX_FILE_BYTES) {
            return Err(format!("tệp lớn hơn {} MB, không đọc nội dung để tìm kiếm", MAX_FILE_BYTES / (1024 * 1024)));
        }
    }
    let bytes = crate::filestore::refs::read_bytes_in(data_dir, &file.sha256).map_err(|e| e.message)?;
    let kind = file.kind.clone();
    // Parsers of files from outside must not take the app down: a panic is a failed file.
    let read = std::panic::catch_unwind(move || match kind.as_str() {
        "pdf" => pdf_text(&bytes),
        "docx" => crate::documents::docx::import::plain_text_from_docx(&bytes).map_err(|e| e.message),
        other => Err(format!("không đọc nội dung tệp loại {other}")),
    })
    .unwrap_or_else(|_| Err("tệp bị hỏng hoặc có cấu trúc lạ, không đọc được nội dung".into()))?;
    let text = crate::text::clean_multiline(&read);
    Ok(match text.char_indices().nth(MAX_TEXT_CHARS) {
        Some((cut, _)) => text[..cut].to_string(),
        None => text,
    })
}

/// Saves what [`extract`] gave for each file and queues the records that refer to them for
/// re-indexing (indexed before this transaction commits, by `Store::write`).
pub fn save_results(tx: &Tx, results: &[(PendingFile, std::result::Result<String, String>)]) -> Result<()> {
    for (file, result) in results {
        let (status, text, error) = match result {
            Ok(t) => ("done", t.as_str(), ""),
            Err(e) => ("failed", "", e.as_str()),
        };
        tx.execute(
            "UPDATE file_text SET status = ?2, text = ?3, error = ?4, updated_at = ?5 WHERE sha256 = ?1",
            params![file.sha256, status, text, error, now()],
        )
        .sql()?;
        for (kind, select) in [
            ("incoming", "SELECT id FROM incoming_document WHERE file_sha256 = ?1"),
            (
                "meeting",
                "SELECT DISTINCT i.meeting_id AS id FROM agenda_file f JOIN agenda_item i ON i.id = f.agenda_item_id
                 WHERE f.sha256 = ?1",
            ),
            ("task", "SELECT DISTINCT task_id AS id FROM task_progress WHERE sha256 = ?1"),
        ] {
            tx.execute(
                &format!(
                    "INSERT INTO search_index_pending (kind, entity_id) SELECT '{kind}', o.id FROM ({select}) AS o
                     WHERE NOT EXISTS (SELECT 1 FROM search_index_pending p WHERE p.kind = '{kind}' AND p.entity_id = o.id)"
                ),
                params![file.sha256],
            ).sql()?;
        }
    }
    Ok(())
}

/// Reads up to `limit` pending files of `store` and saves their text: one chunk of the
/// background work, for the command line and tests (the window's worker does the same
/// steps with the lock held only around the database calls). Returns how many were read.
pub fn extract_pending(store: &mut Store, limit: u32) -> Result<u32> {
    let files = store.read(|c| pending_files(c, limit))?;
    if files.is_empty() {
        return Ok(0);
    }
    let data_dir = store.data_dir()?;
    let results: Vec<_> = files.into_iter().map(|f| (f.clone(), extract(&data_dir, &f))).collect();
    store.write(|tx| save_results(tx, &results))?;
    Ok(results.len() as u32)
}

/// The text read from the attached files of a record, for its index entry and snippets:
/// `sql` selects the files' hashes from the record's id.
pub(crate) fn texts_of(conn: &Db, sql: &str, id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT t.text FROM file_text t WHERE t.status = 'done' AND t.text <> '' AND t.sha256 IN ({sql}) ORDER BY t.sha256"
    )).sql()?;
    let rows = stmt.query_map([id], |r| r.get::<_, String>(0)).sql()?.collect::<rusqlite::Result<Vec<_>>>().sql()?;
    Ok(rows)
}

#[cfg(test)]
#[path = "files_tests.rs"]
mod tests;

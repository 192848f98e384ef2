//! The database holds references, not blobs: issued PDFs, agenda files and progress files
//! live in the file store, and their records name them by SHA-256.
//!
//! Where the store is: the data folder is the folder of the database file, found from the
//! connection itself ([`data_dir_of`]), so every accessor that takes only a `&Db`
//! (the documents' PDF, signing, exports) finds the files. A private in-memory database (the
//! tests') has no folder: [`crate::Store::open_in_memory`] gives it a scratch folder of its
//! own, named in a TEMP table of that connection ([`set_scratch_root`]).
//!
//! Databases written before this (schema 0018) kept PDFs as BLOBs and attachments in
//! per-meeting folders; [`move_out`] moves them into the store once, record by record (see
//! there for why a crash at any point leaves every record readable).

use super::{stored_path, FileKind, FILES_DIR};
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::store::fsutil::{copy_hashing, hash_file, sync_dir};
use crate::store::{new_id, now, Db, Tx};
use rusqlite::{params, Connection, OptionalExtension};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The TEMP table naming an in-memory database's scratch folder.
const SCRATCH_TABLE: &str = "file_store_root";

/// Names `dir` as the file store's data folder for this (in-memory) connection.
pub(crate) fn set_scratch_root(conn: &Db, dir: &Path) -> Result<()> {
    conn.execute_batch(&format!("CREATE TEMP TABLE IF NOT EXISTS {SCRATCH_TABLE} (path TEXT NOT NULL);")).sql()?;
    conn.execute(&format!("DELETE FROM temp.{SCRATCH_TABLE}"), []).sql()?;
    conn.execute(&format!("INSERT INTO temp.{SCRATCH_TABLE} (path) VALUES (?1)"), [dir.to_string_lossy()]).sql()?;
    Ok(())
}

/// The data folder whose `files/sha256/` holds the files this database refers to: the
/// folder of the database file, or an in-memory database's scratch folder.
pub fn data_dir_of(conn: &Db) -> Result<PathBuf> {
    let scratch: Option<String> = conn
        .query_row("SELECT 1 FROM sqlite_temp_master WHERE type = 'table' AND name = ?1", [SCRATCH_TABLE], |_| Ok(()))
        .optional()
        .sql()?
        .map(|()| conn.query_row(&format!("SELECT path FROM temp.{SCRATCH_TABLE}"), [], |r| r.get(0)))
        .transpose()
        .sql()?;
    if let Some(p) = scratch {
        return Ok(PathBuf::from(p));
    }
    match conn.conn().path().filter(|p| !p.is_empty()) {
        Some(p) => Ok(Path::new(p).parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."))),
        None => Err(AppError::storage(
            "Không xác định được thư mục dữ liệu của cơ sở dữ liệu này, nên không đọc, ghi được tệp lưu kèm.",
        )),
    }
}

/// The store path of `sha256` relative to the data folder (`files/sha256/ab/<hash>`), as
/// agenda and progress records keep it in `stored_path`.
pub fn relative_path(sha256: &str) -> String {
    format!("{FILES_DIR}/{}/{sha256}", sha256.get(..2).unwrap_or(""))
}

fn write_error(e: &std::io::Error) -> AppError {
    if crate::store::fsutil::is_disk_full(e) {
        AppError::storage("Không ghi được tệp vào thư mục dữ liệu: ổ đĩa đã đầy. Hãy giải phóng chỗ trống rồi thử lại.")
    } else {
        AppError::storage(format!("Không ghi được tệp vào thư mục dữ liệu. Chi tiết kỹ thuật: {e}"))
    }
}

/// Writes `bytes` into the store of `data_dir` (unless the same bytes are already there,
/// intact): a temporary file, flushed, read back and hashed again, then renamed to its hash.
/// Returns the SHA-256.
pub fn put_bytes_in(data_dir: &Path, bytes: &[u8]) -> Result<String> {
    let sha256 = format!("{:x}", Sha256::digest(bytes));
    let target = stored_path(data_dir, &sha256).ok_or_else(|| AppError::storage("Mã băm không hợp lệ."))?;
    if matches!(hash_file(&target), Ok((_, existing)) if existing == sha256) {
        return Ok(sha256);
    }
    let dir = target.parent().map(Path::to_path_buf).unwrap_or_else(|| data_dir.join(FILES_DIR));
    std::fs::create_dir_all(&dir).map_err(|e| write_error(&e))?;
    let partial = dir.join(format!(".{}.tmp", new_id()));
    let result = (|| {
        let mut f =
            std::fs::OpenOptions::new().write(true).create_new(true).open(&partial).map_err(|e| write_error(&e))?;
        f.write_all(bytes).map_err(|e| write_error(&e))?;
        f.sync_all().map_err(|e| write_error(&e))?;
        drop(f);
        // Read back what the disk holds before anything refers to it.
        let (_, reread) = hash_file(&partial).map_err(|e| write_error(&e))?;
        if reread != sha256 {
            return Err(AppError::storage(
                "Tệp vừa ghi vào thư mục dữ liệu đọc lại không khớp mã băm SHA-256 (ổ đĩa có thể bị lỗi); chưa lưu.",
            ));
        }
        std::fs::rename(&partial, &target).map_err(|e| write_error(&e))?;
        let _ = sync_dir(&dir);
        Ok(sha256.clone())
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// Records a stored file in `stored_file` by kind name (`"other"` for a type the import
/// filter does not know, as agenda files may be).
pub(crate) fn record_kind(tx: &Tx, sha256: &str, size: u64, kind: &str) -> Result<()> {
    tx.execute(
        "INSERT INTO stored_file (sha256, size, kind, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(sha256) DO NOTHING",
        params![sha256, size as i64, kind, now()],
    )
    .sql()?;
    Ok(())
}

/// Stores `bytes` (e.g. an issued PDF) in the store of this database and records it, inside
/// the caller's transaction. Returns the SHA-256 to keep as the reference.
pub fn put_bytes(tx: &Tx, bytes: &[u8], kind: FileKind) -> Result<String> {
    if bytes.is_empty() {
        return Err(AppError::storage("Không lưu tệp trống."));
    }
    let sha = put_bytes_in(&data_dir_of(tx)?, bytes)?;
    record_kind(tx, &sha, bytes.len() as u64, kind.as_str())?;
    Ok(sha)
}

/// The bytes of stored file `sha256`, checked against their hash.
pub fn read_bytes(conn: &Db, sha256: &str) -> Result<Vec<u8>> {
    read_bytes_in(&data_dir_of(conn)?, sha256)
}

pub fn read_bytes_in(data_dir: &Path, sha256: &str) -> Result<Vec<u8>> {
    let path = stored_path(data_dir, sha256)
        .ok_or_else(|| AppError::storage(format!("Tham chiếu tệp lưu không hợp lệ: {sha256}.")))?;
    let bytes = std::fs::read(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            AppError::storage(format!(
                "Tệp lưu {} không còn trong thư mục dữ liệu; hãy khôi phục thư mục files từ bản sao lưu gần nhất.",
                path.display()
            ))
        } else {
            AppError::storage(format!("Không đọc được tệp lưu {}. Chi tiết kỹ thuật: {e}", path.display()))
        }
    })?;
    if format!("{:x}", Sha256::digest(&bytes)) != sha256 {
        return Err(AppError::storage(format!(
            "Tệp lưu {} đã bị thay đổi hoặc hỏng (không khớp mã băm SHA-256); hãy khôi phục nó từ bản sao lưu gần nhất.",
            path.display()
        )));
    }
    Ok(bytes)
}

/// A file attached to an agenda item or a progress report, now in the store.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub sha256: String,
    pub size: u64,
    /// Known from its first bytes; `None` for any other type (attachments may be anything).
    pub kind: Option<FileKind>,
    /// The name it had where it was picked (metadata only).
    pub name: String,
}

impl Attachment {
    /// Where it is, relative to the data folder (kept in the record's `stored_path`).
    pub fn relative(&self) -> String {
        relative_path(&self.sha256)
    }
}

/// The one way agenda files and progress files enter the store: any regular file within
/// `limit` bytes (its type is not checked: a meeting may need a slide deck), streamed into the
/// store under its hash, the same bytes kept once. Record it with [`record_attachment`].
pub fn put_attachment(data_dir: &Path, source: &Path, limit: u64) -> Result<Attachment> {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .ok_or_else(|| AppError::validation("Hãy chọn một tệp."))?;
    let t = super::take_in(data_dir, source, &name, limit, |_| Ok(()))?;
    Ok(Attachment {
        sha256: t.sha256,
        size: t.size,
        kind: FileKind::ALL.into_iter().find(|k| k.matches(&t.head)),
        name,
    })
}

/// Records an attachment in `stored_file`, inside the caller's transaction.
pub fn record_attachment(tx: &Tx, a: &Attachment) -> Result<()> {
    let kind = a.kind.map(FileKind::as_str).unwrap_or("other");
    record_kind(tx, &a.sha256, a.size, kind)?;
    // Its text is read in the background, for search.
    crate::search::files::queue(tx, &a.sha256, kind)
}

/// What [`move_out`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct MoveReport {
    /// PDFs (issued and unsigned) moved out of the database.
    pub pdfs: u32,
    /// Attachment files moved from their old folders into the store.
    pub attachments: u32,
    /// Records left as they were, and why (their data stays readable where it was).
    pub problems: Vec<String>,
}

/// (id, pdf, pdf_unsigned, pdf_sha256) of a document still holding a PDF inline.
type InlineRow = (String, Option<Vec<u8>>, Option<Vec<u8>>, Option<String>);

/// The PDFs of a document: (the current one, the one as issued before its first signature).
pub type DocumentPdfs = (Option<Vec<u8>>, Option<Vec<u8>>);

/// Documents still holding a PDF inline, a chunk at a time.
const CHUNK: u32 = 20;

/// Moves the BLOBs and attachment files of a database written before schema 0018 into the
/// store of `data_dir`. Each record goes on its own: its bytes are hashed (an issued PDF
/// against its recorded SHA-256), written to the store, flushed, read back and hashed again;
/// only then, in a transaction, is the reference set and the BLOB cleared (an attachment's old
/// copy is removed after that commit). A crash before the commit leaves the BLOB (or the old
/// file) in place and at most an unreferenced file in the store; after it, the reference
/// names a file already on the disk. Running it again carries on where it stopped.
pub(crate) fn move_out(conn: &mut Connection, data_dir: &Path) -> Result<MoveReport> {
    let mut report = MoveReport::default();
    let mut skipped: Vec<String> = Vec::new();
    loop {
        let rows: Vec<InlineRow> = {
            // (An issued row's `pdf` is an empty BLOB once in the store: see migration 0018.)
            let mut stmt = conn
                .prepare(
                    "SELECT id, pdf, pdf_unsigned, pdf_sha256 FROM document
                 WHERE length(pdf) > 0 OR pdf_unsigned IS NOT NULL ORDER BY id LIMIT ?1 OFFSET ?2",
                )
                .sql()?;
            let rows = stmt
                .query_map(params![CHUNK, skipped.len() as i64], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
                .sql()?
                .collect::<rusqlite::Result<Vec<_>>>()
                .sql()?;
            rows
        };
        if rows.is_empty() {
            break;
        }
        for (id, pdf, unsigned, recorded) in rows {
            let mut moved_pdf = None;
            let mut moved_unsigned = None;
            let pdf = pdf.filter(|b| !b.is_empty());
            if let Some(bytes) = &pdf {
                let sha = format!("{:x}", Sha256::digest(bytes));
                if recorded.as_deref().is_some_and(|r| r != sha) {
                    report.problems.push(format!(
                        "Văn bản {id}: tệp PDF lưu trong cơ sở dữ liệu không khớp mã SHA-256 đã ghi; giữ nguyên tại chỗ."
                    ));
                } else {
                    moved_pdf = Some((put_bytes_in(data_dir, bytes)?, bytes.len() as u64));
                }
            }
            if let Some(bytes) = &unsigned {
                moved_unsigned = Some((put_bytes_in(data_dir, bytes)?, bytes.len() as u64));
            }
            let txn = conn.transaction().sql()?;
            let tx = Tx::of(&txn);
            let queued = search_queued(tx, "document", &id)?;
            if let Some((sha, size)) = &moved_pdf {
                record_kind(tx, sha, *size, FileKind::Pdf.as_str())?;
                tx.execute(
                    "UPDATE document SET pdf_file = ?2, pdf = X'' WHERE id = ?1 AND length(pdf) > 0",
                    params![id, sha],
                )
                .sql()?;
            }
            if let Some((sha, size)) = &moved_unsigned {
                record_kind(tx, sha, *size, FileKind::Pdf.as_str())?;
                tx.execute(
                    "UPDATE document SET pdf_unsigned_file = ?2, pdf_unsigned = NULL WHERE id = ?1 AND pdf_unsigned IS NOT NULL",
                    params![id, sha],
                ).sql()?;
            }
            unqueue_if_new(tx, queued, "document", &id)?;
            txn.commit().sql()?;
            report.pdfs += moved_pdf.is_some() as u32 + moved_unsigned.is_some() as u32;
            if (pdf.is_some() && moved_pdf.is_none()) || (unsigned.is_some() && moved_unsigned.is_none()) {
                skipped.push(id);
            }
        }
    }
    for (table, owner) in [("agenda_file", "meeting"), ("task_progress", "task")] {
        move_attachments(conn, data_dir, table, owner, &mut report)?;
    }
    Ok(report)
}

fn search_queued(tx: &Tx, kind: &str, id: &str) -> Result<bool> {
    Ok(tx
        .query_row("SELECT 1 FROM search_index_pending WHERE kind = ?1 AND entity_id = ?2", params![kind, id], |_| {
            Ok(())
        })
        .optional()
        .sql()?
        .is_some())
}

/// A reference changed, not the record's text: no need to index it again.
fn unqueue_if_new(tx: &Tx, was_queued: bool, kind: &str, id: &str) -> Result<()> {
    if !was_queued {
        tx.execute("DELETE FROM search_index_pending WHERE kind = ?1 AND entity_id = ?2", params![kind, id]).sql()?;
    }
    Ok(())
}

fn move_attachments(
    conn: &mut Connection,
    data_dir: &Path,
    table: &str,
    owner: &str,
    report: &mut MoveReport,
) -> Result<()> {
    let owner_col = if table == "agenda_file" {
        "(SELECT meeting_id FROM agenda_item i WHERE i.id = agenda_item_id)"
    } else {
        "task_id"
    };
    let rows: Vec<(String, String, String, String)> = {
        let mut stmt = conn
            .prepare(&format!(
                "SELECT id, stored_path, sha256, {owner_col} FROM {table}
             WHERE stored_path IS NOT NULL AND stored_path NOT LIKE '{FILES_DIR}/%' ORDER BY id"
            ))
            .sql()?;
        let rows = stmt
            .query_map([], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get::<_, Option<String>>(2)?.unwrap_or_default(), r.get(3)?))
            })
            .sql()?
            .collect::<rusqlite::Result<Vec<_>>>()
            .sql()?;
        rows
    };
    for (id, old, recorded, owner_id) in rows {
        let Some(relative) = crate::backup::safe_relative(&old) else {
            report.problems.push(format!("Tệp đính kèm có đường dẫn không hợp lệ, giữ nguyên: {old}"));
            continue;
        };
        let from = data_dir.join(&relative);
        let (size, sha) = match hash_file(&from) {
            Ok(done) => done,
            Err(e) => {
                report.problems.push(format!("Không đọc được tệp đính kèm {old} ({e}); giữ nguyên tham chiếu."));
                continue;
            }
        };
        if !sha.eq_ignore_ascii_case(&recorded) {
            report
                .problems
                .push(format!("Tệp đính kèm {old} đã khác với lúc đính kèm (không khớp SHA-256); giữ nguyên tại chỗ."));
            continue;
        }
        let target = stored_path(data_dir, &sha).ok_or_else(|| AppError::storage("Mã băm không hợp lệ."))?;
        if !matches!(hash_file(&target), Ok((_, existing)) if existing == sha) {
            let dir = target.parent().map(Path::to_path_buf).unwrap_or_else(|| data_dir.join(FILES_DIR));
            std::fs::create_dir_all(&dir).map_err(|e| write_error(&e))?;
            let partial = dir.join(format!(".{}.tmp", new_id()));
            let copied = copy_hashing(&from, &partial).map_err(|e| write_error(&e)).and_then(|_| {
                let (_, reread) = hash_file(&partial).map_err(|e| write_error(&e))?;
                if reread != sha {
                    return Err(AppError::storage("Tệp chép vào thư mục dữ liệu đọc lại không khớp mã băm."));
                }
                std::fs::rename(&partial, &target).map_err(|e| write_error(&e))?;
                let _ = sync_dir(&dir);
                Ok(())
            });
            if let Err(e) = copied {
                let _ = std::fs::remove_file(&partial);
                return Err(e);
            }
        }
        let txn = conn.transaction().sql()?;
        let tx = Tx::of(&txn);
        let queued = search_queued(tx, owner, &owner_id)?;
        let head = super::first_bytes(&target).unwrap_or_default();
        let kind = FileKind::ALL.into_iter().find(|k| k.matches(&head)).map(FileKind::as_str).unwrap_or("other");
        record_kind(tx, &sha, size, kind)?;
        crate::search::files::queue(tx, &sha, kind)?;
        tx.execute(
            &format!("UPDATE {table} SET stored_path = ?2, sha256 = ?3 WHERE id = ?1"),
            params![id, relative_path(&sha), sha],
        )
        .sql()?;
        unqueue_if_new(tx, queued, owner, &owner_id)?;
        txn.commit().sql()?;
        let _ = std::fs::remove_file(&from);
        if let Some(parent) = from.parent() {
            let _ = std::fs::remove_dir(parent); // only when now empty
        }
        report.attachments += 1;
    }
    Ok(())
}

/// The stored PDFs of a document: (the current one, the one as issued before its first
/// signature), each read from the store (checked against its hash) or, for a row the move
/// step has not reached yet, from its BLOB (an empty BLOB means "in the store", see 0018). `None` when there is no such document.
pub fn document_pdfs(conn: &Db, id: &str) -> Result<Option<DocumentPdfs>> {
    type Row = (Option<Vec<u8>>, Option<String>, Option<Vec<u8>>, Option<String>);
    let row: Option<Row> = conn
        .query_row("SELECT pdf, pdf_file, pdf_unsigned, pdf_unsigned_file FROM document WHERE id = ?1", [id], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })
        .optional()
        .sql()?;
    let Some((pdf, pdf_file, unsigned, unsigned_file)) = row else { return Ok(None) };
    let resolve = |blob: Option<Vec<u8>>, file: Option<String>| -> Result<Option<Vec<u8>>> {
        match (blob, file) {
            (Some(b), _) if !b.is_empty() => Ok(Some(b)),
            (_, Some(sha)) => read_bytes(conn, &sha).map(Some),
            (_, None) => Ok(None),
        }
    };
    Ok(Some((resolve(pdf, pdf_file)?, resolve(unsigned, unsigned_file)?)))
}

#[cfg(test)]
#[path = "refs_tests.rs"]
mod tests;

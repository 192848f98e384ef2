//! The file store: every file taken into the data folder is kept once, under its SHA-256.
//!
//! Why content addressing: a received letter, its forwarded copy and the same scan attached
//! twice are one file on the disk; a file's name in the data folder is derived from its bytes
//! alone (`files/sha256/<first two hex digits>/<64 hex digits>`), so a name that came from
//! outside (a sender's "../../x.pdf", "CON.pdf", a name too long for Windows) is never used as
//! a path: the original name is metadata, carried by each record that refers to the file.
//! Because the name is the hash, a stored file is never modified: anything that differs from
//! its name is damage, which [`verify_files`] finds by hashing every file again.
//!
//! Taking a file in ([`put_file`]) streams it into a temporary file in the target folder
//! while hashing it, refuses it when it is empty, over the size limit of the settings or not
//! what its extension says (magic bytes), then renames it into place; a hash already stored is
//! reused (and repaired if the stored copy was damaged). The row in `stored_file` is written
//! by [`record_file`] inside the caller's transaction. A file renamed into place whose
//! transaction then fails stays on the disk unreferenced: it is harmless (the next import of
//! the same bytes reuses it) and never reported by `verify`, which checks the table.

use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::store::fsutil::{
    copy_hashing_from, format_size, hash_file, is_disk_full, open_regular_file, sync_dir, too_large,
};
use crate::store::{new_id, now};
use crate::store::{Db, Tx};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use specta::Type;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Where stored files live, relative to the data folder.
pub const FILES_DIR: &str = "files/sha256";

/// What a stored file is, known from its extension and confirmed by its first bytes.
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
pub enum FileKind {
    Pdf,
    Docx,
    Xlsx,
    Doc,
    Xls,
    Png,
    Jpeg,
    Tiff,
}

impl FileKind {
    pub const ALL: [FileKind; 8] =
        [Self::Pdf, Self::Docx, Self::Xlsx, Self::Doc, Self::Xls, Self::Png, Self::Jpeg, Self::Tiff];

    /// The kind a file name claims, by its extension (case-insensitive).
    pub fn from_name(name: &str) -> Option<Self> {
        let ext = name.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "pdf" => Self::Pdf,
            "docx" => Self::Docx,
            "xlsx" => Self::Xlsx,
            "doc" => Self::Doc,
            "xls" => Self::Xls,
            "png" => Self::Png,
            "jpg" | "jpeg" => Self::Jpeg,
            "tif" | "tiff" => Self::Tiff,
            _ => return None,
        })
    }

    /// How a secretary names it.
    pub fn label(self) -> &'static str {
        match self {
            Self::Pdf => "PDF",
            Self::Docx => "Word (DOCX)",
            Self::Xlsx => "Excel (XLSX)",
            Self::Doc => "Word (DOC)",
            Self::Xls => "Excel (XLS)",
            Self::Png => "ảnh PNG",
            Self::Jpeg => "ảnh JPEG",
            Self::Tiff => "ảnh TIFF",
        }
    }

    /// True when `head` (the file's first bytes) starts as this kind of file does. DOCX and
    /// XLSX are zip archives, DOC and XLS OLE compound files: only the container is checked.
    pub fn matches(self, head: &[u8]) -> bool {
        match self {
            Self::Pdf => head.starts_with(b"%PDF-"),
            Self::Docx | Self::Xlsx => head.starts_with(b"PK\x03\x04"),
            Self::Doc | Self::Xls => head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]),
            Self::Png => head.starts_with(b"\x89PNG\r\n\x1a\n"),
            Self::Jpeg => head.starts_with(&[0xFF, 0xD8, 0xFF]),
            Self::Tiff => head.starts_with(b"II*\0") || head.starts_with(b"MM\0*"),
        }
    }
}

crate::store::stored_names!(FileKind);

/// The extensions accepted, for the file chooser's filter.
pub const ACCEPTED_EXTENSIONS: [&str; 10] = ["pdf", "docx", "xlsx", "doc", "xls", "png", "jpg", "jpeg", "tif", "tiff"];

/// A file now in the store (not yet recorded: see [`record_file`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct PutFile {
    pub sha256: String,
    pub size: u64,
    pub kind: FileKind,
    /// The name the file had where it was picked (metadata only; never a path).
    pub original_name: String,
    /// True when the same bytes were already stored.
    pub reused: bool,
}

/// Where the file of `sha256` lives, or `None` for anything that is not a SHA-256 in
/// lower-case hex (so that a value read from the database can never name another path).
pub fn stored_path(data_dir: &Path, sha256: &str) -> Option<PathBuf> {
    if sha256.len() != 64 || !sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return None;
    }
    Some(data_dir.join(FILES_DIR).join(&sha256[..2]).join(sha256))
}

fn copy_error(name: &str, e: &std::io::Error) -> AppError {
    if is_disk_full(e) {
        AppError::storage(format!(
            "Không chép được tệp \"{name}\" vào thư mục dữ liệu: ổ đĩa đã đầy. Hãy giải phóng chỗ trống rồi thử lại."
        ))
    } else {
        AppError::storage(format!("Không chép được tệp \"{name}\" vào thư mục dữ liệu. Chi tiết kỹ thuật: {e}"))
    }
}

fn first_bytes(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut head = Vec::with_capacity(16);
    std::fs::File::open(path)?.take(16).read_to_end(&mut head)?;
    Ok(head)
}

/// Copies the file at `source` into the store (see the module docs); `limit` is the size
/// limit in bytes (the settings' `max_attachment_mb`).
pub fn put_file(data_dir: &Path, source: &Path, limit: u64) -> Result<PutFile> {
    let name = source
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .ok_or_else(|| AppError::validation("Hãy chọn một tệp."))?;
    let kind = FileKind::from_name(&name).ok_or_else(|| {
        AppError::validation(format!(
            "Tệp \"{name}\" không thuộc loại được nhận. Chỉ nhận tệp PDF, Word (DOC, DOCX), Excel (XLS, XLSX) \
             hoặc ảnh (PNG, JPEG, TIFF)."
        ))
    })?;
    let taken = take_in(data_dir, source, &name, limit, |head| {
        if kind.matches(head) {
            return Ok(());
        }
        let actual = FileKind::ALL.into_iter().find(|k| k.matches(head));
        let found = match actual {
            Some(FileKind::Docx | FileKind::Xlsx) => "nội dung của nó là tệp nén (ZIP, như DOCX, XLSX)".to_string(),
            Some(FileKind::Doc | FileKind::Xls) => {
                "nội dung của nó là tệp Word hoặc Excel đời cũ (DOC, XLS)".to_string()
            }
            Some(k) => format!("nội dung của nó là tệp {}", k.label()),
            None => "nội dung của nó không phải loại tệp này".to_string(),
        };
        Err(AppError::validation(format!(
            "Tệp \"{name}\" có đuôi của tệp {} nhưng {found} (có thể tệp bị đổi tên hoặc bị hỏng); \
             không nhận tệp này. Hãy kiểm tra lại tệp.",
            kind.label()
        )))
    })?;
    Ok(PutFile { sha256: taken.sha256, size: taken.size, kind, original_name: name, reused: taken.reused })
}

/// What [`take_in`] stored.
struct Taken {
    sha256: String,
    size: u64,
    /// The file's first bytes.
    head: Vec<u8>,
    /// True when the same bytes were already stored.
    reused: bool,
}

/// Streams `source` into the store of `data_dir` under its hash: refuses it when empty or
/// over `limit`, or when `check` refuses its first bytes; the same bytes already stored (and
/// intact) are reused.
fn take_in(
    data_dir: &Path,
    source: &Path,
    name: &str,
    limit: u64,
    check: impl FnOnce(&[u8]) -> Result<()>,
) -> Result<Taken> {
    let (input, size) = open_regular_file(source, limit)?;
    if size == 0 {
        return Err(AppError::validation(format!("Tệp \"{name}\" trống (0 byte); không nhận tệp này.")));
    }
    let root = data_dir.join(FILES_DIR);
    std::fs::create_dir_all(&root).map_err(|e| copy_error(name, &e))?;
    // The bytes go to a temporary name first: the folder they belong in is known only once
    // the hash is. Temporary and final names are on the same disk, so the rename is atomic.
    let partial = root.join(format!(".{}.tmp", new_id()));
    let result = (|| {
        let (size, sha256) = copy_hashing_from(input.take(limit + 1), &partial).map_err(|e| copy_error(name, &e))?;
        if size > limit {
            return Err(too_large(source, limit));
        }
        if size == 0 {
            return Err(AppError::validation(format!("Tệp \"{name}\" trống (0 byte); không nhận tệp này.")));
        }
        let head = first_bytes(&partial).map_err(|e| copy_error(name, &e))?;
        check(&head)?;
        let target = stored_path(data_dir, &sha256).ok_or_else(|| AppError::storage("Mã băm không hợp lệ."))?;
        let dir = target.parent().map(Path::to_path_buf).unwrap_or_else(|| root.clone());
        std::fs::create_dir_all(&dir).map_err(|e| copy_error(name, &e))?;
        // The same bytes already stored: keep that copy, unless it was damaged (then the fresh
        // copy, whose hash is right, takes its place).
        let reused = matches!(hash_file(&target), Ok((_, existing)) if existing == sha256);
        if reused {
            let _ = std::fs::remove_file(&partial);
        } else {
            std::fs::rename(&partial, &target).map_err(|e| copy_error(name, &e))?;
            let _ = sync_dir(&dir);
        }
        Ok(Taken { sha256, size, head, reused })
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    result
}

/// A file already taken into the store (by [`put_file`] when it was chosen), named by its
/// hash: what the window sends back when saving, instead of a path.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
pub struct ChosenFile {
    pub sha256: String,
    /// The name it had where it was picked.
    pub name: String,
    /// Bytes (the size limit is at most 2 GB).
    pub size: u32,
}

impl From<&PutFile> for ChosenFile {
    fn from(p: &PutFile) -> Self {
        Self {
            sha256: p.sha256.clone(),
            name: p.original_name.clone(),
            size: u32::try_from(p.size).unwrap_or(u32::MAX),
        }
    }
}

/// The stored file a [`ChosenFile`] names, checked again (its bytes still hash to its name,
/// and it is what its name says), ready for [`record_file`].
pub fn reopen(data_dir: &Path, chosen: &ChosenFile) -> Result<PutFile> {
    let gone = || {
        AppError::validation(format!(
            "Tệp \"{}\" đã chọn không còn trong thư mục dữ liệu; hãy chọn lại tệp.",
            chosen.name
        ))
    };
    let path = stored_path(data_dir, &chosen.sha256).ok_or_else(gone)?;
    let kind = FileKind::from_name(&chosen.name)
        .ok_or_else(|| AppError::validation(format!("Tệp \"{}\" không thuộc loại được nhận.", chosen.name)))?;
    let (size, sha) = hash_file(&path).map_err(|_| gone())?;
    let head = first_bytes(&path).map_err(|_| gone())?;
    if sha != chosen.sha256 || !kind.matches(&head) {
        return Err(gone());
    }
    Ok(PutFile { sha256: sha, size, kind, original_name: chosen.name.clone(), reused: true })
}

/// Records a stored file in `stored_file` (once per hash), inside the caller's transaction.
pub fn record_file(tx: &Tx, file: &PutFile) -> Result<()> {
    tx.execute(
        "INSERT INTO stored_file (sha256, size, kind, created_at) VALUES (?1, ?2, ?3, ?4)
         ON CONFLICT(sha256) DO NOTHING",
        params![file.sha256, file.size as i64, file.kind.as_str(), now()],
    )
    .sql()?;
    // Its text is read in the background, for search.
    crate::search::files::queue(tx, &file.sha256, file.kind.as_str())?;
    Ok(())
}

/// One stored file that is missing or damaged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct FileProblem {
    pub sha256: String,
    /// The names it was taken in under (from the records that refer to it).
    pub names: Vec<String>,
    /// Vietnamese: what is wrong.
    pub message: String,
}

/// What [`verify_files`] found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct FileReport {
    pub checked: u32,
    pub missing: Vec<FileProblem>,
    pub damaged: Vec<FileProblem>,
}

impl FileReport {
    pub fn is_ok(&self) -> bool {
        self.missing.is_empty() && self.damaged.is_empty()
    }

    /// One line for the secretary.
    pub fn summary(&self) -> String {
        if self.is_ok() {
            format!("Đã kiểm tra {} tệp: tất cả nguyên vẹn.", self.checked)
        } else {
            format!(
                "Đã kiểm tra {} tệp: {} tệp bị mất, {} tệp bị hỏng (nội dung đã khác lúc lưu). \
                 Hãy khôi phục các tệp này từ bản sao lưu gần nhất.",
                self.checked,
                self.missing.len(),
                self.damaged.len()
            )
        }
    }
}

/// The names a stored file was taken in under.
fn names_of(conn: &Db, sha256: &str) -> Result<Vec<String>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT file_name FROM incoming_document WHERE file_sha256 = ?1 AND file_name IS NOT NULL
         UNION SELECT file_name FROM agenda_file WHERE sha256 = ?1
         UNION SELECT file_name FROM task_progress WHERE sha256 = ?1 AND file_name IS NOT NULL
         UNION SELECT 'PDF văn bản ' || coalesce(number_symbol, subject) FROM document
             WHERE pdf_file = ?1 OR pdf_unsigned_file = ?1
         ORDER BY 1",
        )
        .sql()?;
    let names = stmt.query_map([sha256], |r| r.get(0)).sql()?.collect::<rusqlite::Result<Vec<String>>>().sql()?;
    Ok(names)
}

/// Hashes every stored file again and reports those missing or whose bytes changed.
pub fn verify_files(conn: &Db, data_dir: &Path) -> Result<FileReport> {
    let rows: Vec<(String, i64)> = {
        let mut stmt = conn.prepare("SELECT sha256, size FROM stored_file ORDER BY sha256").sql()?;
        let rows =
            stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).sql()?.collect::<rusqlite::Result<Vec<_>>>().sql()?;
        rows
    };
    let mut report = FileReport { checked: 0, missing: Vec::new(), damaged: Vec::new() };
    for (sha256, size) in rows {
        report.checked += 1;
        let names = names_of(conn, &sha256)?;
        let shown = names.first().cloned().unwrap_or_else(|| sha256.clone());
        let Some(path) = stored_path(data_dir, &sha256) else {
            report.damaged.push(FileProblem {
                message: format!("Bản ghi tệp \"{shown}\" có mã băm không hợp lệ."),
                sha256,
                names,
            });
            continue;
        };
        match hash_file(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => report.missing.push(FileProblem {
                message: format!("Tệp \"{shown}\" không còn trong thư mục dữ liệu ({}).", path.display()),
                sha256,
                names,
            }),
            Err(e) => report.damaged.push(FileProblem {
                message: format!("Không đọc được tệp \"{shown}\" ({}): {e}", path.display()),
                sha256,
                names,
            }),
            Ok((actual_size, actual)) if actual != sha256 => report.damaged.push(FileProblem {
                message: format!(
                    "Tệp \"{shown}\" đã bị thay đổi hoặc hỏng: lúc lưu {}, nay {} với mã băm khác.",
                    format_size(size.max(0) as u64),
                    format_size(actual_size)
                ),
                sha256,
                names,
            }),
            Ok(_) => {}
        }
    }
    Ok(report)
}

pub mod refs;
pub use refs::{data_dir_of, put_attachment, put_bytes, read_bytes, record_attachment, Attachment};

#[cfg(test)]
mod tests;

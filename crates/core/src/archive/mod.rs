//! Files (hồ sơ) and their handover to the agency archive (nộp lưu), as Decree 30 asks
//! (Articles 28–31, Appendices V–VI): the task force keeps the committee's records.
//!
//! Why a module of its own: a file gathers records that live elsewhere — issued documents,
//! incoming documents, meetings — so filing is a link table (`archive_item`), never a copy; a
//! record may sit in several files. The yearly file list (Danh mục hồ sơ) gives each file a
//! code unique in its year ("01.TCT"), a title, a retention period ([`Retention`]) and a
//! keeper.
//!
//! Order and numbering: the items of a file are numbered by date (the document's date, an
//! incoming document's own date or else the day it was received, a meeting's day), then by
//! when they were filed. The ordinal is derived on every read, never stored, so the screen,
//! the Mục lục văn bản and the handover package always print the same numbers; once a file is
//! closed nothing can change them.
//!
//! Closing: a closed file refuses new items and taking items out; reopening needs a reason,
//! kept on the file (the audit trail's triggers record the close and the reopen with who did
//! it). A file handed over is frozen for good.
//!
//! Handover deadline — the rule implemented: Decree 30 (Article 31) and the Law on Archives
//! have files handed to the agency archive within one year of the work being finished. A file
//! is due one year after the day it was closed; a file still open is due to be closed with its
//! year, so it is due one year after 31 December of its year. From
//! [`HANDOVER_WARNING_DAYS`] days before that day the file list (and the home screen) warns;
//! after it, the file is shown as overdue until a handover package is made.
//!
//! The handover package ([`package`]): a folder and the same content as a .zip, with every
//! item's PDF or original file, the metadata in XML and JSON with the decree's fields, the
//! Mục lục hồ sơ nộp lưu and the Biên bản giao nhận tài liệu as PDFs, and a manifest of
//! SHA-256 hashes. Importing it into an empty install recreates the files, their items, the
//! issued documents (metadata and PDF) and the incoming documents (metadata and original),
//! and refuses a damaged package.

mod contents;
pub mod package;
mod store;
mod types;

pub use contents::*;
pub use package::{export_handover, import_handover, HandoverExport, HandoverImport, HandoverRequest};
pub use store::*;
pub use types::*;

#[cfg(test)]
mod tests;

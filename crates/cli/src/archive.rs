//! `archive` subcommands: what the Lưu trữ screen does — the yearly file list (Danh mục hồ
//! sơ), filing, closing, the Mục lục văn bản, and the handover package (nộp lưu).
//! Dates are dd/mm/yyyy; "today" is the machine's date unless `SECRETARIAT_TODAY` is set.

use super::followup::today;
use super::output;
use super::roster::resolve_person;
use chrono::{Datelike, NaiveDate, Utc};
use clap::Subcommand;
use secretariat_core::archive::{
    self, ArchiveFile, ArchiveFileInput, ArchiveItem, HandoverParties, HandoverRequest, ItemKind, Retention,
};
use secretariat_core::Db;
use secretariat_core::text::{format_date_vi, parse_date};
use secretariat_core::{AppError, Store};
use std::path::{Path, PathBuf};

#[derive(Debug, Subcommand)]
pub enum ArchiveAction {
    /// The yearly file list (Danh mục hồ sơ): add, edit, list.
    FileList {
        #[command(subcommand)]
        action: FileListAction,
    },
    /// File a record (issued document, incoming document or meeting) in one or more files.
    File {
        /// The file(s): id or code (e.g. 01.TCT, of the record's year); repeatable.
        #[arg(long = "into", required = true)]
        into: Vec<String>,
        /// An issued document's id.
        #[arg(long, conflicts_with_all = ["incoming", "meeting"])]
        document: Option<String>,
        /// An incoming document's id.
        #[arg(long, conflicts_with = "meeting")]
        incoming: Option<String>,
        /// A meeting's id.
        #[arg(long)]
        meeting: Option<String>,
    },
    /// Take an item out of its file (refused once the file is closed).
    Unfile { item_id: String },
    /// A file's items in ordinal order.
    Items {
        file: String,
        #[arg(long)]
        year: Option<i32>,
    },
    /// Close a file (it takes no new items).
    Close {
        file: String,
        #[arg(long)]
        year: Option<i32>,
        /// The closing day (dd/mm/yyyy; default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Reopen a closed file; the reason is kept.
    Reopen {
        file: String,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        reason: String,
    },
    /// Print a file's table of contents (Mục lục văn bản) as a PDF.
    Contents {
        file: String,
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Build the handover package of a year's closed files: a folder and a .zip next to it.
    Export {
        #[arg(long)]
        year: i32,
        /// Only these files (id or code; repeatable); default: every closed file not yet handed over.
        #[arg(long = "file")]
        files: Vec<String>,
        /// The .zip to write; the folder is the same path without ".zip".
        #[arg(long)]
        out: PathBuf,
        /// Who hands over (bên giao).
        #[arg(long, default_value = "")]
        giver: String,
        /// The agency archive receiving the files.
        #[arg(long = "archive", default_value = "")]
        receiving_archive: String,
        /// Who receives (bên nhận).
        #[arg(long, default_value = "")]
        receiver: String,
        /// The day of the handover (dd/mm/yyyy; default: today).
        #[arg(long)]
        date: Option<String>,
    },
    /// Import a handover package (its folder or .zip) into this install.
    Import { package: PathBuf },
}

#[derive(Debug, Subcommand)]
pub enum FileListAction {
    /// Add a file to a year's list.
    Add(FileArgs),
    /// Correct a file of the list.
    Edit {
        file: String,
        #[command(flatten)]
        args: FileArgs,
    },
    /// The files of a year, with their items count, status and handover warning.
    List {
        /// Default: this year.
        #[arg(long)]
        year: Option<i32>,
    },
}

#[derive(Debug, clap::Args)]
pub struct FileArgs {
    #[arg(long)]
    year: i32,
    /// Số, ký hiệu hồ sơ, e.g. 01.TCT.
    #[arg(long)]
    code: String,
    #[arg(long)]
    title: String,
    /// 5, 10, 20, 30, 50, 70 (năm) or "vĩnh viễn" / permanent.
    #[arg(long)]
    retention: String,
    /// The keeper: a person of the roster (id or full name), or a name.
    #[arg(long)]
    keeper: Option<String>,
    #[arg(long, default_value = "")]
    notes: String,
}

fn date(input: &str) -> Result<NaiveDate, AppError> {
    parse_date(input)
        .ok_or_else(|| AppError::validation(format!("Ngày \"{input}\" không hợp lệ; hãy viết theo dạng dd/mm/yyyy.")))
}

fn input(conn: &Db, a: &FileArgs) -> Result<ArchiveFileInput, AppError> {
    let retention = Retention::from_user(&a.retention).ok_or_else(|| {
        AppError::validation(format!(
            "Thời hạn bảo quản \"{}\" không có; dùng {} (năm) hoặc \"vĩnh viễn\".",
            a.retention,
            Retention::ALL[..6].iter().map(|r| r.label().trim_end_matches(" năm")).collect::<Vec<_>>().join(", ")
        ))
    })?;
    let (keeper_person_id, keeper_name) = match a.keeper.as_deref() {
        None => (None, String::new()),
        Some(k) => match resolve_person(conn, k) {
            Ok(p) => (Some(p.id), String::new()),
            Err(_) => (None, k.to_string()),
        },
    };
    Ok(ArchiveFileInput {
        year: a.year,
        code: a.code.clone(),
        title: a.title.clone(),
        retention,
        keeper_person_id,
        keeper_name,
        notes: a.notes.clone(),
    })
}

/// A file named by its id, or by its code in `year` (default: this year, or the only year
/// that has the code).
fn resolve_file(conn: &Db, s: &str, year: Option<i32>) -> Result<ArchiveFile, AppError> {
    let now = today();
    if let Ok(f) = archive::get_archive_file(conn, s, now) {
        return Ok(f);
    }
    let code = secretariat_core::text::clean(s);
    let found = archive::files_with_code(conn, &code)?;
    let pick = match year {
        Some(y) => found.iter().find(|(_, fy)| *fy == y),
        None if found.len() == 1 => found.first(),
        None => found.iter().find(|(_, fy)| *fy == now.year()),
    };
    match pick {
        Some((id, _)) => archive::get_archive_file(conn, id, now),
        None if found.len() > 1 => Err(AppError::validation(format!("Nhiều năm có hồ sơ số {code}: hãy thêm --year."))),
        None => Err(AppError::not_found(format!("Không có hồ sơ nào số, ký hiệu hoặc mã \"{s}\"."))),
    }
}

fn status(f: &ArchiveFile) -> String {
    match (f.handed_over_on, f.closed_on) {
        (Some(on), _) => format!("đã nộp lưu {}", format_date_vi(on)),
        (None, Some(on)) => format!("đã đóng {}", format_date_vi(on)),
        (None, None) => "đang mở".to_string(),
    }
}

fn file_line(f: &ArchiveFile) -> String {
    let mut parts = vec![
        f.code.clone(),
        f.title.clone(),
        f.retention_label.clone(),
        f.keeper_name.clone(),
        format!("{} văn bản", f.item_count),
        status(f),
    ];
    if !f.handover_warning.is_empty() && f.handed_over_on.is_none() {
        parts.push(format!("⚠ {}", f.handover_warning));
    }
    parts.push(f.id.clone());
    parts.join("\t")
}

fn item_line(i: &ArchiveItem) -> String {
    [
        i.ordinal.to_string(),
        i.number_symbol.clone(),
        format_date_vi(i.date),
        i.author.clone(),
        format!("{} {}", i.type_name, i.subject).trim().to_string(),
        i.kind_label.clone(),
        i.id.clone(),
    ]
    .join("\t")
}

pub fn archive(store: &mut Store, data_dir: &Path, action: ArchiveAction, json: bool) -> Result<String, AppError> {
    let now = today();
    match action {
        ArchiveAction::FileList { action: FileListAction::Add(args) } => {
            let input = store.read(|c| input(c, &args))?;
            let f = archive::create_archive_file(store, &input, now)?;
            output(json, &f, |f| format!("Đã thêm hồ sơ {} năm {}: {}", f.code, f.year, f.id))
        }
        ArchiveAction::FileList { action: FileListAction::Edit { file, args } } => {
            let (id, input) = store.read(|c| Ok((resolve_file(c, &file, Some(args.year))?.id, input(c, &args)?)))?;
            let f = archive::update_archive_file(store, &id, &input, now)?;
            output(json, &f, |f| format!("Đã sửa hồ sơ {} năm {}.", f.code, f.year))
        }
        ArchiveAction::FileList { action: FileListAction::List { year } } => {
            let year = year.unwrap_or(now.year());
            let list = store.read(|c| archive::archive_year(c, year, now))?;
            output(json, &list, |l| {
                if l.files.is_empty() {
                    return format!("Danh mục hồ sơ năm {year} chưa có hồ sơ nào.");
                }
                let mut out: Vec<String> = l.files.iter().map(file_line).collect();
                out.push(format!("({} hồ sơ)", l.files.len()));
                out.join("\n")
            })
        }
        ArchiveAction::File { into, document, incoming, meeting } => {
            let (kind, record) = match (document, incoming, meeting) {
                (Some(d), None, None) => (ItemKind::Document, d),
                (None, Some(i), None) => (ItemKind::Incoming, i),
                (None, None, Some(m)) => (ItemKind::Meeting, m),
                _ => {
                    return Err(AppError::validation(
                        "Hãy cho biết văn bản cần đưa vào hồ sơ: --document, --incoming hoặc --meeting.",
                    ))
                }
            };
            let ids = store.read(|c| {
                let year = archive::filing_options(c, kind, &record, now)
                    .ok()
                    .and_then(|o| o.open_files.first().map(|f| f.year));
                into.iter().map(|s| resolve_file(c, s, year).map(|f| f.id)).collect::<Result<Vec<_>, _>>()
            })?;
            let items = archive::file_record(store, kind, &record, &ids, now)?;
            output(json, &items, |items| {
                items
                    .iter()
                    .map(|i| {
                        let code = store
                            .read(|c| archive::get_archive_file(c, &i.file_id, now))
                            .map(|f| f.code)
                            .unwrap_or_default();
                        format!("Đã đưa vào hồ sơ {code}, số thứ tự {}.", i.ordinal)
                    })
                    .collect::<Vec<_>>()
                    .join("\n")
            })
        }
        ArchiveAction::Unfile { item_id } => {
            archive::unfile_item(store, &item_id, now)?;
            output(json, &item_id, |_| "Đã rút văn bản khỏi hồ sơ.".to_string())
        }
        ArchiveAction::Items { file, year } => {
            let detail = store.read(|c| {
                let f = resolve_file(c, &file, year)?;
                archive::archive_file_detail(c, &f.id, now)
            })?;
            output(json, &detail, |d| {
                let mut out = vec![format!("Hồ sơ {} — {} ({})", d.file.code, d.file.title, status(&d.file))];
                if d.items.is_empty() {
                    out.push("Chưa có văn bản nào.".into());
                }
                out.extend(d.items.iter().map(item_line));
                out.join("\n")
            })
        }
        ArchiveAction::Close { file, year, date: on } => {
            let on = on.as_deref().map(date).transpose()?.unwrap_or(now);
            let id = store.read(|c| resolve_file(c, &file, year))?.id;
            let f = archive::close_archive_file(store, &id, on, now)?;
            output(json, &f, |f| {
                format!(
                    "Đã đóng hồ sơ {} ({} văn bản). Hạn nộp lưu: {}.",
                    f.code,
                    f.item_count,
                    format_date_vi(f.handover_due)
                )
            })
        }
        ArchiveAction::Reopen { file, year, reason } => {
            let id = store.read(|c| resolve_file(c, &file, year))?.id;
            let f = archive::reopen_archive_file(store, &id, &reason, now)?;
            output(json, &f, |f| format!("Đã mở lại hồ sơ {}.", f.code))
        }
        ArchiveAction::Contents { file, year, out } => {
            let pdf = store.read(|c| {
                let f = resolve_file(c, &file, year)?;
                archive::file_contents_pdf(c, data_dir, &f.id, now, Utc::now().timestamp())
            })?;
            secretariat_core::store::write_atomic(&out, &pdf)?;
            output(json, &out, |o| format!("Đã ghi mục lục văn bản: {}.", o.display()))
        }
        ArchiveAction::Export { year, files, out, giver, receiving_archive, receiver, date: on } => {
            let on = on.as_deref().map(date).transpose()?.unwrap_or(now);
            let file_ids = store.read(|c| {
                files.iter().map(|s| resolve_file(c, s, Some(year)).map(|f| f.id)).collect::<Result<Vec<_>, _>>()
            })?;
            let req =
                HandoverRequest { year, file_ids, parties: HandoverParties { giver, receiving_archive, receiver }, on };
            let done = archive::export_handover(store, data_dir, &req, &out)?;
            output(json, &done, |d| {
                format!(
                    "Đã lập gói hồ sơ nộp lưu năm {year}: {} hồ sơ, {} văn bản.\nThư mục: {}\nTệp nén: {}",
                    d.files, d.items, d.folder, d.zip
                )
            })
        }
        ArchiveAction::Import { package } => {
            let done = archive::import_handover(store, data_dir, &package)?;
            output(json, &done, |d| {
                let mut s = format!(
                    "Đã nhập gói hồ sơ: {} hồ sơ, {} văn bản trong hồ sơ ({} văn bản đi, {} văn bản đến).",
                    d.files, d.items, d.documents, d.incoming
                );
                if d.meetings_skipped > 0 {
                    s.push_str(&format!(
                        " {} cuộc họp không có trong dữ liệu này nên không đưa vào hồ sơ.",
                        d.meetings_skipped
                    ));
                }
                s
            })
        }
    }
}

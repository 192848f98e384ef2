//! Saving and reading the file list and what is filed.

use super::types::*;
use crate::documents::DocumentType;
use crate::error::Sql;
use crate::error::{AppError, ErrorCode, Result};
use crate::store::decode::stored;
use crate::store::Db;
use crate::store::{new_id, now, Store};
use crate::text::{clean, clean_multiline, format_date_vi};
use chrono::{Datelike, Months, NaiveDate};
use rusqlite::{params, OptionalExtension};

/// Days before the handover deadline from which a file is warned about.
pub const HANDOVER_WARNING_DAYS: i64 = 90;

const FILE_COLUMNS: &str = "id, year, code, title, retention, keeper_person_id, keeper_name, notes, closed_on,
    reopen_reason, handed_over_on, created_at, updated_at";

fn file_from_row(r: &rusqlite::Row) -> rusqlite::Result<ArchiveFile> {
    let id: String = r.get(0)?;
    let retention: Retention = stored(r, 4, "archive_file", &id, "retention")?;
    let year: i32 = r.get(1)?;
    let closed_on: Option<NaiveDate> = r.get(8)?;
    Ok(ArchiveFile {
        year,
        code: r.get(2)?,
        title: r.get(3)?,
        retention_label: retention.label().to_string(),
        retention,
        keeper_person_id: r.get(5)?,
        keeper_name: r.get(6)?,
        notes: r.get(7)?,
        closed_on,
        reopen_reason: r.get(9)?,
        handed_over_on: r.get(10)?,
        item_count: 0,
        start_date: None,
        end_date: None,
        handover_due: handover_due(year, closed_on),
        handover_state: HandoverState::InTime,
        handover_warning: String::new(),
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        id,
    })
}

/// The handover deadline (see the module docs): one year from the day the file was closed; a
/// file still open is due to be closed with its year, so one year from the year's last day.
pub fn handover_due(year: i32, closed_on: Option<NaiveDate>) -> NaiveDate {
    let end = closed_on.or_else(|| NaiveDate::from_ymd_opt(year, 12, 31)).unwrap_or(NaiveDate::MAX);
    end.checked_add_months(Months::new(12)).unwrap_or(end)
}

/// Where a file stands against its deadline on `today`, and the warning to show.
pub fn handover_status(f: &ArchiveFile, today: NaiveDate) -> (HandoverState, String) {
    if let Some(on) = f.handed_over_on {
        return (HandoverState::HandedOver, format!("Đã nộp lưu ngày {}", format_date_vi(on)));
    }
    let left = (f.handover_due - today).num_days();
    let (open, overdue, soon) = if f.closed_on.is_none() {
        ("Chưa đóng hồ sơ; ", "quá hạn", "sắp đến hạn")
    } else {
        ("", "Quá hạn", "Sắp đến hạn")
    };
    if left < 0 {
        (
            HandoverState::Overdue,
            format!("{open}{overdue} nộp lưu (hạn {}, đã quá {} ngày)", format_date_vi(f.handover_due), -left),
        )
    } else if left <= HANDOVER_WARNING_DAYS {
        (
            HandoverState::DueSoon,
            format!("{open}{soon} nộp lưu: {} (còn {} ngày)", format_date_vi(f.handover_due), left),
        )
    } else {
        (HandoverState::InTime, String::new())
    }
}

fn finish(conn: &Db, mut f: ArchiveFile, today: NaiveDate) -> Result<ArchiveFile> {
    let items = file_items(conn, &f.id)?;
    f.item_count = items.len() as u32;
    f.start_date = items.first().map(|i| i.date);
    f.end_date = items.last().map(|i| i.date);
    let (state, warning) = handover_status(&f, today);
    f.handover_state = state;
    f.handover_warning = warning;
    Ok(f)
}

fn not_found() -> AppError {
    AppError::not_found("Không tìm thấy hồ sơ này (có thể đã bị xóa).")
}

pub fn get_archive_file(conn: &Db, id: &str, today: NaiveDate) -> Result<ArchiveFile> {
    let f = conn
        .query_row(&format!("SELECT {FILE_COLUMNS} FROM archive_file WHERE id = ?1"), [id], file_from_row)
        .optional()
        .sql()?
        .ok_or_else(not_found)?;
    finish(conn, f, today)
}

/// A file and its items in ordinal order.
pub fn archive_file_detail(conn: &Db, id: &str, today: NaiveDate) -> Result<ArchiveFileDetail> {
    let file = get_archive_file(conn, id, today)?;
    let items = file_items(conn, id)?;
    Ok(ArchiveFileDetail { file, items })
}

/// The files of `year`, in code order.
/// The (id, year) of every file whose code is `code`, newest year first.
pub fn files_with_code(conn: &Db, code: &str) -> Result<Vec<(String, i32)>> {
    let mut stmt = conn.prepare_cached("SELECT id, year FROM archive_file WHERE code = ?1 ORDER BY year DESC").sql()?;
    let found = stmt.query_map([code], |r| Ok((r.get(0)?, r.get(1)?))).sql()?.collect::<rusqlite::Result<_>>().sql()?;
    Ok(found)
}

pub fn archive_files_of_year(conn: &Db, year: i32, today: NaiveDate) -> Result<Vec<ArchiveFile>> {
    let mut stmt =
        conn.prepare(&format!("SELECT {FILE_COLUMNS} FROM archive_file WHERE year = ?1 ORDER BY code, id")).sql()?;
    let files: Vec<ArchiveFile> =
        stmt.query_map([year], file_from_row).sql()?.collect::<rusqlite::Result<_>>().sql()?;
    let mut files = files.into_iter().map(|f| finish(conn, f, today)).collect::<Result<Vec<_>>>()?;
    files.sort_by(|a, b| crate::text::compare_vi(&a.code, &b.code).then(a.id.cmp(&b.id)));
    Ok(files)
}

/// The year's file list, with every year that has a file.
pub fn archive_year(conn: &Db, year: i32, today: NaiveDate) -> Result<ArchiveYear> {
    let mut stmt = conn.prepare("SELECT DISTINCT year FROM archive_file ORDER BY year DESC").sql()?;
    let mut years: Vec<i32> = stmt.query_map([], |r| r.get(0)).sql()?.collect::<rusqlite::Result<_>>().sql()?;
    for y in [today.year(), year] {
        if !years.contains(&y) {
            years.push(y);
        }
    }
    years.sort_by(|a, b| b.cmp(a));
    Ok(ArchiveYear { year, files: archive_files_of_year(conn, year, today)?, years })
}

/// Files of every year whose handover deadline is near or past (for the home screen).
pub fn handover_warnings(conn: &Db, today: NaiveDate) -> Result<Vec<ArchiveFile>> {
    let mut stmt = conn
        .prepare(&format!("SELECT {FILE_COLUMNS} FROM archive_file WHERE handed_over_on IS NULL ORDER BY year, code"))
        .sql()?;
    let files: Vec<ArchiveFile> = stmt.query_map([], file_from_row).sql()?.collect::<rusqlite::Result<_>>().sql()?;
    let mut out = Vec::new();
    for f in files {
        let (state, _) = handover_status(&f, today);
        if matches!(state, HandoverState::DueSoon | HandoverState::Overdue) {
            out.push(finish(conn, f, today)?);
        }
    }
    Ok(out)
}

struct CleanFile {
    code: String,
    title: String,
    keeper_person_id: Option<String>,
    keeper_name: String,
    notes: String,
}

fn check_input(conn: &Db, input: &ArchiveFileInput, except: Option<&str>) -> Result<CleanFile> {
    if !(1900..=9999).contains(&input.year) {
        return Err(AppError::validation(format!("Năm {} của hồ sơ không hợp lệ.", input.year)));
    }
    let code = clean(&input.code);
    let title = clean(&input.title);
    if code.is_empty() {
        return Err(AppError::validation("Hãy nhập số, ký hiệu hồ sơ (ví dụ: 01.TCT)."));
    }
    if code.chars().count() > 40 {
        return Err(AppError::validation("Số, ký hiệu hồ sơ dài quá 40 ký tự."));
    }
    if title.is_empty() {
        return Err(AppError::validation("Hãy nhập tiêu đề hồ sơ."));
    }
    let keeper_person_id = input.keeper_person_id.clone().filter(|s| !s.trim().is_empty());
    let mut keeper_name = clean(&input.keeper_name);
    if let Some(p) = &keeper_person_id {
        let person = crate::roster::get_person(conn, p)?;
        if keeper_name.is_empty() {
            keeper_name = person.full_name;
        }
    }
    let taken: Option<String> = conn
        .query_row(
            "SELECT title FROM archive_file WHERE year = ?1 AND code = ?2 AND id IS NOT ?3",
            params![input.year, code, except],
            |r| r.get(0),
        )
        .optional()
        .sql()?;
    if let Some(other) = taken {
        return Err(AppError::conflict(format!(
            "Danh mục hồ sơ năm {} đã có hồ sơ số {code} (“{other}”): mỗi số, ký hiệu chỉ dùng một lần trong năm.",
            input.year
        )));
    }
    Ok(CleanFile { code, title, keeper_person_id, keeper_name, notes: clean_multiline(&input.notes) })
}

/// Adds a file to the year's list.
pub fn create_archive_file(store: &mut Store, input: &ArchiveFileInput, today: NaiveDate) -> Result<ArchiveFile> {
    store.write(|tx| {
        let c = check_input(tx, input, None)?;
        let id = new_id();
        let at = now();
        tx.execute(
            "INSERT INTO archive_file (id, year, code, title, retention, keeper_person_id, keeper_name, notes,
                created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?9)",
            params![
                id,
                input.year,
                c.code,
                c.title,
                input.retention.as_str(),
                c.keeper_person_id,
                c.keeper_name,
                c.notes,
                at
            ],
        )
        .sql()?;
        get_archive_file(tx, &id, today)
    })
}

/// Corrects a file of the list. The year of a file with items cannot change (its items are
/// of that year); a closed file can still be corrected (its title, keeper, notes).
pub fn update_archive_file(
    store: &mut Store,
    id: &str,
    input: &ArchiveFileInput,
    today: NaiveDate,
) -> Result<ArchiveFile> {
    store.write(|tx| {
        let old = get_archive_file(tx, id, today)?;
        if old.year != input.year && old.item_count > 0 {
            return Err(AppError::validation(format!(
                "Hồ sơ {} đã có {} văn bản của năm {}: không đổi được năm của hồ sơ.",
                old.code, old.item_count, old.year
            )));
        }
        if old.handed_over_on.is_some() {
            return Err(AppError::conflict(format!("Hồ sơ {} đã nộp lưu, không sửa được nữa.", old.code)));
        }
        let c = check_input(tx, input, Some(id))?;
        tx.execute(
            "UPDATE archive_file SET year = ?2, code = ?3, title = ?4, retention = ?5, keeper_person_id = ?6,
                keeper_name = ?7, notes = ?8, updated_at = ?9 WHERE id = ?1",
            params![
                id,
                input.year,
                c.code,
                c.title,
                input.retention.as_str(),
                c.keeper_person_id,
                c.keeper_name,
                c.notes,
                now()
            ],
        )
        .sql()?;
        get_archive_file(tx, id, today)
    })
}

/// Deletes a file of the list that has nothing filed in it.
pub fn delete_archive_file(store: &mut Store, id: &str) -> Result<()> {
    store.write(|tx| {
        let n: i64 = tx.query_row("SELECT count(*) FROM archive_item WHERE file_id = ?1", [id], |r| r.get(0)).sql()?;
        if n > 0 {
            return Err(AppError::in_use(format!(
                "Hồ sơ đã có {n} văn bản: hãy rút các văn bản ra khỏi hồ sơ trước khi xóa."
            )));
        }
        if tx.execute("DELETE FROM archive_file WHERE id = ?1", [id]).sql()? == 0 {
            return Err(not_found());
        }
        Ok(())
    })
}

const ITEM_SELECT: &str = "SELECT i.id, i.file_id, i.kind, coalesce(i.document_id, i.incoming_id, i.meeting_id),
    CASE i.kind WHEN 'document' THEN d.issued_on
                WHEN 'incoming' THEN coalesce(n.document_date, n.received_on)
                ELSE substr(coalesce(m.actual_start, m.planned_start), 1, 10) END AS item_date,
    coalesce(d.number_symbol, n.number_symbol, ''),
    CASE i.kind WHEN 'document' THEN coalesce(json_extract(d.issuer, '$.issuing_body'), '')
                WHEN 'incoming' THEN n.sender_name
                ELSE coalesce(b.name, '') END,
    d.doc_type, n.type_name, coalesce(d.subject, n.subject, m.title), d.page_count, i.filed_at
    FROM archive_item i
    LEFT JOIN document d ON d.id = i.document_id
    LEFT JOIN incoming_document n ON n.id = i.incoming_id
    LEFT JOIN meeting m ON m.id = i.meeting_id
    LEFT JOIN body b ON b.id = m.body_id";

/// The items of a file in their order: by date, then by when they were filed. The ordinal is
/// the rank in that order, so it is the same every time the file is read or printed, and it
/// fills no gap left by an item taken out (the file is renumbered, as on paper).
pub fn file_items(conn: &Db, file_id: &str) -> Result<Vec<ArchiveItem>> {
    let mut stmt = conn
        .prepare_cached(&format!("{ITEM_SELECT} WHERE i.file_id = ?1 ORDER BY item_date, i.filed_at, i.id"))
        .sql()?;
    let rows = stmt
        .query_map([file_id], |r| {
            let id: String = r.get(0)?;
            let kind: ItemKind = stored(r, 2, "archive_item", &id, "kind")?;
            let doc_type: Option<String> = r.get(7)?;
            let type_name = match kind {
                ItemKind::Document => {
                    doc_type.as_deref().and_then(DocumentType::parse).map(|t| t.label().to_string()).unwrap_or_default()
                }
                ItemKind::Incoming => r.get::<_, Option<String>>(8)?.unwrap_or_default(),
                ItemKind::Meeting => "Hồ sơ cuộc họp".to_string(),
            };
            let date: Option<NaiveDate> = r.get(4)?;
            Ok(ArchiveItem {
                file_id: r.get(1)?,
                ordinal: 0,
                kind_label: kind.label().to_string(),
                kind,
                record_id: r.get(3)?,
                number_symbol: r.get(5)?,
                date: date.unwrap_or(NaiveDate::MIN),
                author: r.get::<_, Option<String>>(6)?.unwrap_or_default(),
                type_name,
                subject: r.get::<_, Option<String>>(9)?.unwrap_or_default(),
                page_count: r.get(10)?,
                filed_at: r.get(11)?,
                id,
            })
        })
        .sql()?;
    let mut items = rows.collect::<rusqlite::Result<Vec<_>>>().sql()?;
    for (n, item) in items.iter_mut().enumerate() {
        item.ordinal = n as u32 + 1;
        if item.kind == ItemKind::Meeting {
            // The title as the meeting pages show it (form and subject).
            if let Ok(m) = crate::meetings::get_meeting(conn, &item.record_id) {
                item.subject = m.title;
            }
        }
    }
    Ok(items)
}

/// The year a record belongs to (its date's), and a short name for messages.
fn record_year(conn: &Db, kind: ItemKind, id: &str) -> Result<(i32, String)> {
    match kind {
        ItemKind::Document => {
            let doc = crate::documents::get_document(conn, id)?;
            match (doc.issued_on, doc.number_symbol) {
                (Some(d), Some(n)) if doc.status != crate::documents::DocumentStatus::Draft => Ok((d.year(), n)),
                _ => {
                    Err(AppError::validation("Văn bản này còn là dự thảo: chỉ đưa được văn bản đã ban hành vào hồ sơ."))
                }
            }
        }
        ItemKind::Incoming => {
            let d = crate::incoming::get_incoming(conn, id)?;
            Ok((d.year, format!("văn bản đến số {}", d.incoming_number)))
        }
        ItemKind::Meeting => {
            let m = crate::meetings::get_meeting(conn, id)?;
            Ok((m.planned_start.year(), format!("cuộc họp “{}”", m.title)))
        }
    }
}

fn refuse_closed(f: &ArchiveFile) -> Result<()> {
    if f.handed_over_on.is_some() {
        return Err(AppError::conflict(format!("Hồ sơ {} đã nộp lưu, không thay đổi được nữa.", f.code)));
    }
    if let Some(on) = f.closed_on {
        return Err(AppError::conflict(format!(
            "Hồ sơ {} đã đóng ngày {}: không thêm, bớt văn bản được. Mở lại hồ sơ (ghi rõ lý do) nếu cần.",
            f.code,
            format_date_vi(on)
        )));
    }
    Ok(())
}

/// Files a record (an issued document, an incoming document or a meeting) in each of `file_ids`
/// (a link, not a copy; filing it again in the same file changes nothing). Refuses a closed
/// file and a file of another year than the record's.
pub fn file_record(
    store: &mut Store,
    kind: ItemKind,
    record_id: &str,
    file_ids: &[String],
    today: NaiveDate,
) -> Result<Vec<ArchiveItem>> {
    if file_ids.is_empty() {
        return Err(AppError::validation("Hãy chọn ít nhất một hồ sơ."));
    }
    store.write(|tx| {
        let (year, name) = record_year(tx, kind, record_id)?;
        let mut filed = Vec::new();
        for file_id in file_ids {
            let f = get_archive_file(tx, file_id, today)?;
            let existing: Option<String> = tx
                .query_row(
                    &format!("SELECT id FROM archive_item WHERE file_id = ?1 AND {}_id = ?2", kind.as_str()),
                    params![file_id, record_id],
                    |r| r.get(0),
                )
                .optional()
                .sql()?;
            if existing.is_none() {
                refuse_closed(&f)?;
                if f.year != year {
                    return Err(AppError::validation(format!(
                        "Hồ sơ {} là hồ sơ năm {}, còn {name} thuộc năm {year}: hãy chọn hồ sơ của năm {year}.",
                        f.code, f.year
                    )));
                }
                let at = now();
                tx.execute(
                    &format!(
                        "INSERT INTO archive_item (id, file_id, kind, {}_id, filed_at, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?5, ?5)",
                        kind.as_str()
                    ),
                    params![new_id(), file_id, kind.as_str(), record_id, at],
                )
                .sql()?;
            }
            let items = file_items(tx, file_id)?;
            filed.extend(items.into_iter().filter(|i| i.record_id == record_id));
        }
        Ok(filed)
    })
}

/// Takes an item out of its file (the record itself stays).
pub fn unfile_item(store: &mut Store, item_id: &str, today: NaiveDate) -> Result<()> {
    store.write(|tx| {
        let file_id: String = tx
            .query_row("SELECT file_id FROM archive_item WHERE id = ?1", [item_id], |r| r.get(0))
            .optional()
            .sql()?
            .ok_or_else(|| AppError::not_found("Văn bản này không còn trong hồ sơ."))?;
        refuse_closed(&get_archive_file(tx, &file_id, today)?)?;
        tx.execute("DELETE FROM archive_item WHERE id = ?1", [item_id]).sql()?;
        Ok(())
    })
}

/// Open files a record can be filed in (its year's), and the files it is already in.
pub fn filing_options(conn: &Db, kind: ItemKind, record_id: &str, today: NaiveDate) -> Result<FilingOptions> {
    let (year, _) = record_year(conn, kind, record_id)?;
    let open_files = archive_files_of_year(conn, year, today)?.into_iter().filter(|f| f.closed_on.is_none()).collect();
    let mut stmt = conn
        .prepare(&format!(
            "SELECT i.file_id FROM archive_item i JOIN archive_file f ON f.id = i.file_id
         WHERE i.{}_id = ?1 ORDER BY f.year, f.code",
            kind.as_str()
        ))
        .sql()?;
    let filed_in = stmt.query_map([record_id], |r| r.get(0)).sql()?.collect::<rusqlite::Result<_>>().sql()?;
    Ok(FilingOptions { open_files, filed_in })
}

/// Closes a file on `on` (it then takes no new items). A file with nothing in it is not closed.
pub fn close_archive_file(store: &mut Store, id: &str, on: NaiveDate, today: NaiveDate) -> Result<ArchiveFile> {
    crate::text::check_date(on, "Ngày đóng hồ sơ")?;
    store.write(|tx| {
        let f = get_archive_file(tx, id, today)?;
        if let Some(closed) = f.closed_on {
            return Err(AppError::conflict(format!("Hồ sơ {} đã đóng ngày {}.", f.code, format_date_vi(closed))));
        }
        if f.item_count == 0 {
            return Err(AppError::validation(format!("Hồ sơ {} chưa có văn bản nào: chưa đóng được.", f.code)));
        }
        if let Some(last) = f.end_date {
            if on < last {
                return Err(AppError::validation(format!(
                    "Ngày đóng hồ sơ ({}) không được trước ngày của văn bản cuối cùng trong hồ sơ ({}).",
                    format_date_vi(on),
                    format_date_vi(last)
                )));
            }
        }
        tx.execute("UPDATE archive_file SET closed_on = ?2, updated_at = ?3 WHERE id = ?1", params![id, on, now()])
            .sql()?;
        get_archive_file(tx, id, today)
    })
}

/// Reopens a closed file; the reason is kept on the file and in the audit trail.
pub fn reopen_archive_file(store: &mut Store, id: &str, reason: &str, today: NaiveDate) -> Result<ArchiveFile> {
    let reason = clean(reason);
    if reason.is_empty() {
        return Err(AppError::validation("Hãy ghi lý do mở lại hồ sơ."));
    }
    store.write(|tx| {
        let f = get_archive_file(tx, id, today)?;
        if f.handed_over_on.is_some() {
            return Err(AppError::conflict(format!("Hồ sơ {} đã nộp lưu, không mở lại được.", f.code)));
        }
        if f.closed_on.is_none() {
            return Err(AppError::new(ErrorCode::Conflict, format!("Hồ sơ {} đang mở.", f.code)));
        }
        tx.execute(
            "UPDATE archive_file SET closed_on = NULL, reopen_reason = ?2, updated_at = ?3 WHERE id = ?1",
            params![id, reason, now()],
        )
        .sql()?;
        get_archive_file(tx, id, today)
    })
}

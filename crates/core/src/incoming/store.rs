//! Saving and reading incoming documents.

use super::types::*;
use crate::deadline::Deadline;
use crate::error::Sql;
use crate::error::{AppError, ErrorCode, Result};
use crate::filestore::{put_file, record_file, reopen, ChosenFile, PutFile};
use crate::followup::{insert_task, refresh_due_date, refresh_search_text, NewTask, Priority, TaskSourceKind};
use crate::store::{new_id, now, Store};
use crate::store::{Db, Tx};
use crate::text::{check_date, clean, clean_multiline, fold, format_date_vi};
use chrono::{Datelike, NaiveDate};
use rusqlite::types::Value;
use rusqlite::{params, params_from_iter, OptionalExtension};
use std::path::Path;

const COLUMNS: &str =
    "d.id, d.year, d.incoming_number, d.received_on, d.sender_agency_id, d.sender_name, d.number_symbol,
    d.document_date, d.type_name, d.subject, d.urgency, d.handling_agency_id, d.handler_person_id, d.passed_on,
    d.due_date, d.task_id, d.file_sha256, d.file_name, f.size, f.kind, d.notes, d.created_at, d.updated_at";

const FROM: &str = "incoming_document d LEFT JOIN stored_file f ON f.sha256 = d.file_sha256";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<IncomingDocument> {
    let id: String = r.get(0)?;
    let urgency: IncomingUrgency = crate::store::decode::stored(r, 10, "incoming_document", &id, "urgency")?;
    let file = match (r.get::<_, Option<String>>(16)?, r.get::<_, Option<String>>(17)?) {
        (Some(sha256), Some(name)) => Some(IncomingFile {
            sha256,
            name,
            size: u32::try_from(r.get::<_, Option<i64>>(18)?.unwrap_or(0)).unwrap_or(0),
            kind: r.get::<_, Option<String>>(19)?.unwrap_or_default(),
        }),
        _ => None,
    };
    Ok(IncomingDocument {
        year: r.get(1)?,
        incoming_number: r.get(2)?,
        received_on: r.get(3)?,
        sender_agency_id: r.get(4)?,
        sender_name: r.get(5)?,
        number_symbol: r.get(6)?,
        document_date: r.get(7)?,
        type_name: r.get(8)?,
        subject: r.get(9)?,
        urgency_label: urgency.label().to_string(),
        urgency,
        handling_agency_id: r.get(11)?,
        handler_person_id: r.get(12)?,
        handled_by: String::new(),
        passed_on: r.get(13)?,
        due_date: r.get(14)?,
        task_id: r.get(15)?,
        file,
        notes: r.get(20)?,
        created_at: r.get(21)?,
        updated_at: r.get(22)?,
        id,
    })
}

/// Fills `handled_by` from the roster (current names).
fn with_names(conn: &Db, mut d: IncomingDocument) -> Result<IncomingDocument> {
    let mut parts = Vec::new();
    if let Some(a) = &d.handling_agency_id {
        parts.push(crate::roster::get_agency(conn, a)?.full_name);
    }
    if let Some(p) = &d.handler_person_id {
        parts.push(crate::roster::get_person(conn, p)?.full_name);
    }
    d.handled_by = parts.join("; ");
    Ok(d)
}

pub fn get_incoming(conn: &Db, id: &str) -> Result<IncomingDocument> {
    let d = conn
        .query_row(&format!("SELECT {COLUMNS} FROM {FROM} WHERE d.id = ?1"), [id], from_row)
        .optional()
        .sql()?
        .ok_or_else(|| AppError::not_found("Không tìm thấy văn bản đến này (có thể đã bị xóa)."))?;
    with_names(conn, d)
}

/// The WHERE clause and arguments of a list filter (shared by the page and its count).
pub fn list_where(f: &IncomingFilter) -> (String, Vec<Value>) {
    let mut clauses = Vec::new();
    let mut args = Vec::new();
    if let Some(y) = f.year {
        clauses.push(format!("d.year = ?{}", args.len() + 1));
        args.push(Value::Integer(y.into()));
    }
    if let Some(a) = f.sender_agency_id.as_deref().filter(|a| !a.is_empty()) {
        clauses.push(format!("d.sender_agency_id = ?{}", args.len() + 1));
        args.push(Value::Text(a.to_string()));
    }
    for word in fold(&f.text).split_whitespace() {
        let escaped = word.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
        clauses.push(format!("d.search_text LIKE ?{} ESCAPE '\\'", args.len() + 1));
        args.push(Value::Text(format!("%{escaped}%")));
    }
    let clause = if clauses.is_empty() { String::new() } else { format!("WHERE {}", clauses.join(" AND ")) };
    (clause, args)
}

/// The page query of a filter: newest first.
pub fn list_query(f: &IncomingFilter) -> (String, Vec<Value>) {
    let (clause, mut args) = list_where(f);
    let limit = f.limit.unwrap_or(100).clamp(1, 500);
    let sql = format!(
        "SELECT {COLUMNS} FROM {FROM} {clause} ORDER BY d.year DESC, d.incoming_number DESC LIMIT ?{} OFFSET ?{}",
        args.len() + 1,
        args.len() + 2
    );
    args.push(Value::Integer(limit.into()));
    args.push(Value::Integer(f.offset.into()));
    (sql, args)
}

pub fn list_incoming(conn: &Db, f: &IncomingFilter) -> Result<IncomingPage> {
    let (sql, args) = list_query(f);
    let rows: Vec<IncomingDocument> = {
        let mut stmt = conn.prepare(&sql).sql()?;
        let rows =
            stmt.query_map(params_from_iter(&args), from_row).sql()?.collect::<rusqlite::Result<Vec<_>>>().sql()?;
        rows
    };
    let items = rows.into_iter().map(|d| with_names(conn, d)).collect::<Result<Vec<_>>>()?;
    let (clause, args) = list_where(f);
    let total: u32 = conn
        .query_row(&format!("SELECT count(*) FROM incoming_document d {clause}"), params_from_iter(&args), |r| r.get(0))
        .sql()?;
    Ok(IncomingPage { items, total, years: incoming_years(conn)? })
}

/// Every year with a registered document, newest first (one index lookup per year).
pub fn incoming_years(conn: &Db) -> Result<Vec<i32>> {
    let mut years = Vec::new();
    let mut below = i64::MAX;
    let mut stmt = conn.prepare_cached("SELECT max(year) FROM incoming_document WHERE year < ?1").sql()?;
    while let Some(y) = stmt.query_row([below], |r| r.get::<_, Option<i64>>(0)).sql()? {
        years.push(y as i32);
        below = y;
    }
    Ok(years)
}

/// Documents received in `year`, in incoming-number order (the register's rows).
pub fn incoming_of_year(conn: &Db, year: i32) -> Result<Vec<IncomingDocument>> {
    let rows: Vec<IncomingDocument> = {
        let mut stmt = conn
            .prepare(&format!("SELECT {COLUMNS} FROM {FROM} WHERE d.year = ?1 ORDER BY d.incoming_number"))
            .sql()?;
        let rows = stmt.query_map([year], from_row).sql()?.collect::<rusqlite::Result<Vec<_>>>().sql()?;
        rows
    };
    rows.into_iter().map(|d| with_names(conn, d)).collect()
}

/// The checked, cleaned values of an input.
struct Clean {
    sender_agency_id: Option<String>,
    sender_name: String,
    number_symbol: String,
    type_name: String,
    subject: String,
    handling_agency_id: Option<String>,
    handler_person_id: Option<String>,
    notes: String,
    duplicate_key: String,
    search_text: String,
}

fn some_id(v: &Option<String>) -> Option<String> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn check_input(conn: &Db, input: &IncomingInput) -> Result<Clean> {
    check_date(input.received_on, "Ngày đến")?;
    if let Some(d) = input.document_date {
        check_date(d, "Ngày văn bản")?;
        if d > input.received_on {
            return Err(AppError::validation(format!(
                "Ngày văn bản {} sau ngày đến {}: hãy kiểm tra lại hai ngày này.",
                format_date_vi(d),
                format_date_vi(input.received_on)
            )));
        }
    }
    // Passed on and due: never before the day it was received.
    for (date, label) in [(input.passed_on, "Ngày chuyển"), (input.due_date, "Hạn xử lý")] {
        if let Some(d) = date {
            check_date(d, label)?;
            if d < input.received_on {
                return Err(AppError::validation(format!(
                    "{label} {} trước ngày đến {}.",
                    format_date_vi(d),
                    format_date_vi(input.received_on)
                )));
            }
        }
    }
    let sender_agency_id = some_id(&input.sender_agency_id);
    let mut sender_name = clean(&input.sender_name);
    if let Some(a) = &sender_agency_id {
        let agency = crate::roster::get_agency(conn, a)?;
        if sender_name.is_empty() {
            sender_name = agency.full_name;
        }
    }
    if sender_name.is_empty() {
        return Err(AppError::validation("Hãy chọn cơ quan gửi trong danh sách hoặc gõ tên cơ quan gửi."));
    }
    let subject = clean(&input.subject);
    if subject.is_empty() {
        return Err(AppError::validation("Trích yếu nội dung không được để trống."));
    }
    let handling_agency_id = some_id(&input.handling_agency_id);
    if let Some(a) = &handling_agency_id {
        crate::roster::get_agency(conn, a)?;
    }
    let handler_person_id = some_id(&input.handler_person_id);
    if let Some(p) = &handler_person_id {
        crate::roster::get_person(conn, p)?;
    }
    let number_symbol = clean(&input.number_symbol);
    let type_name = clean(&input.type_name);
    let notes = clean_multiline(&input.notes);
    let duplicate_key = duplicate_key(&number_symbol, sender_agency_id.as_deref(), &sender_name);
    let search_text = fold(&format!("{sender_name} {number_symbol} {type_name} {subject} {notes}"));
    Ok(Clean {
        sender_agency_id,
        sender_name,
        number_symbol,
        type_name,
        subject,
        handling_agency_id,
        handler_person_id,
        notes,
        duplicate_key,
        search_text,
    })
}

/// Number and symbol (folded, without spaces) and the sender (the roster's id, else the folded
/// name): "12/UBND-KT" from the same sender is the same document. Empty without a number.
pub(crate) fn duplicate_key(number_symbol: &str, agency: Option<&str>, sender_name: &str) -> String {
    let number: String = fold(number_symbol).chars().filter(|c| !c.is_whitespace()).collect();
    if number.is_empty() {
        return String::new();
    }
    let sender = match agency {
        Some(a) => format!("agency:{a}"),
        None => format!("name:{}", fold(sender_name).split_whitespace().collect::<Vec<_>>().join(" ")),
    };
    format!("{number}|{sender}")
}

/// Refuses (until confirmed) a number and symbol already registered from the same sender.
fn check_duplicate(conn: &Db, c: &Clean, except: Option<&str>, confirmed: bool) -> Result<()> {
    if confirmed || c.duplicate_key.is_empty() {
        return Ok(());
    }
    let found: Option<(i32, u32, NaiveDate)> = conn
        .query_row(
            "SELECT year, incoming_number, received_on FROM incoming_document
             WHERE duplicate_key = ?1 AND duplicate_key <> '' AND id IS NOT ?2 ORDER BY year, incoming_number LIMIT 1",
            params![c.duplicate_key, except],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()
        .sql()?;
    match found {
        None => Ok(()),
        Some((year, number, received)) => Err(AppError::new(
            ErrorCode::NeedsConfirmation,
            format!(
                "Văn bản số {} của {} đã được vào sổ: số đến {number}/{year}, ngày đến {}. \
                 Nếu đây là bản gửi lại hoặc bản khác, hãy xác nhận để vào sổ tiếp.",
                c.number_symbol,
                c.sender_name,
                format_date_vi(received)
            ),
        )),
    }
}

/// The next incoming number of `year`, read and taken inside the writing transaction: one
/// more than the last ever given that year (a deleted document's number is not given again).
fn next_number(tx: &Tx, year: i32) -> Result<u32> {
    let next: u32 = tx
        .query_row(
            "SELECT max(coalesce((SELECT last_number FROM incoming_number_counter WHERE year = ?1), 0),
                    coalesce((SELECT max(incoming_number) FROM incoming_document WHERE year = ?1), 0)) + 1",
            [year],
            |r| r.get(0),
        )
        .sql()?;
    tx.execute(
        "INSERT INTO incoming_number_counter (year, last_number) VALUES (?1, ?2)
         ON CONFLICT(year) DO UPDATE SET last_number = excluded.last_number",
        params![year, next],
    )
    .sql()?;
    Ok(next)
}

fn priority_of(u: IncomingUrgency) -> Priority {
    match u {
        IncomingUrgency::Normal => Priority::Normal,
        IncomingUrgency::Urgent => Priority::High,
        IncomingUrgency::VeryUrgent | IncomingUrgency::Flash => Priority::Urgent,
    }
}

/// The task's content and source title for a received document.
fn task_words(c: &Clean, number: u32, year: i32) -> (String, String) {
    let content = format!("Xử lý văn bản đến số {number}/{year} của {}: {}", c.sender_name, c.subject);
    let kind = if c.type_name.is_empty() { "Văn bản đến".to_string() } else { c.type_name.clone() };
    (content, format!("{kind} (văn bản đến số {number}/{year})"))
}

fn insert_task_for(
    tx: &Tx,
    c: &Clean,
    input: &IncomingInput,
    number: u32,
    year: i32,
    due: NaiveDate,
) -> Result<String> {
    let (content, title) = task_words(c, number, year);
    insert_task(
        tx,
        &NewTask {
            source_kind: TaskSourceKind::Document,
            source_document_id: None,
            meeting_id: None,
            conclusion_id: None,
            plan_item_id: None,
            source_number: &c.number_symbol,
            source_date: input.document_date,
            directed_by: &c.sender_name,
            source_title: &title,
            position: 0,
            content: &content,
            lead: c.handling_agency_id.as_deref(),
            coordinating: &[],
            deadline: Some(Deadline::Date { date: due }),
            priority: priority_of(input.urgency),
            assigned_on: input.passed_on.unwrap_or(input.received_on),
        },
    )
}

fn file_settings_limit(store: &Store) -> Result<u64> {
    Ok(store.read(crate::settings::file_settings)?.max_attachment_bytes())
}

/// Registers a received document (with its file, if any) and returns it. `confirmed`: go
/// ahead despite the duplicate warning.
pub fn add_incoming(
    store: &mut Store,
    data_dir: &Path,
    input: &IncomingInput,
    file: Option<&Path>,
    confirmed: bool,
) -> Result<IncomingDocument> {
    // Checked before the file is copied, so that a refusal costs nothing.
    store.read(|c| {
        let clean = check_input(c, input)?;
        check_duplicate(c, &clean, None, confirmed)
    })?;
    let put = match file {
        Some(path) => Some(put_file(data_dir, path, file_settings_limit(store)?)?),
        None => None,
    };
    let id = store.write(|tx| insert_incoming(tx, input, put.as_ref(), confirmed))?;
    store.read(|c| get_incoming(c, &id))
}

/// [`add_incoming`] with a file already taken into the store when it was chosen (the window
/// picks the file first, and sends back only its hash and name).
pub fn add_incoming_chosen(
    store: &mut Store,
    data_dir: &Path,
    input: &IncomingInput,
    file: Option<&ChosenFile>,
    confirmed: bool,
) -> Result<IncomingDocument> {
    let put = file.map(|f| reopen(data_dir, f)).transpose()?;
    let id = store.write(|tx| insert_incoming(tx, input, put.as_ref(), confirmed))?;
    store.read(|c| get_incoming(c, &id))
}

/// [`update_incoming`] with a file already taken into the store (see [`add_incoming_chosen`]).
pub fn update_incoming_chosen(
    store: &mut Store,
    data_dir: &Path,
    id: &str,
    input: &IncomingInput,
    file: Option<&ChosenFile>,
    confirmed: bool,
) -> Result<IncomingDocument> {
    let put = file.map(|f| reopen(data_dir, f)).transpose()?;
    update_with(store, id, input, put, confirmed)
}

/// The insert itself, inside the caller's transaction: the number is read and used in it.
pub(crate) fn insert_incoming(
    tx: &Tx,
    input: &IncomingInput,
    file: Option<&PutFile>,
    confirmed: bool,
) -> Result<String> {
    let c = check_input(tx, input)?;
    check_duplicate(tx, &c, None, confirmed)?;
    let year = input.received_on.year();
    let number = next_number(tx, year)?;
    if let Some(f) = file {
        record_file(tx, f)?;
    }
    let task_id = match input.due_date {
        Some(due) => Some(insert_task_for(tx, &c, input, number, year, due)?),
        None => None,
    };
    let id = new_id();
    let at = now();
    tx.execute(
        "INSERT INTO incoming_document (id, year, incoming_number, received_on, sender_agency_id, sender_name,
            number_symbol, document_date, type_name, subject, urgency, handling_agency_id, handler_person_id, passed_on,
            due_date, task_id, file_sha256, file_name, notes, duplicate_key, search_text, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?22)",
        params![
            id,
            year,
            number,
            input.received_on,
            c.sender_agency_id,
            c.sender_name,
            c.number_symbol,
            input.document_date,
            c.type_name,
            c.subject,
            input.urgency.as_str(),
            c.handling_agency_id,
            c.handler_person_id,
            input.passed_on,
            input.due_date,
            task_id,
            file.map(|f| f.sha256.as_str()),
            file.map(|f| f.original_name.as_str()),
            c.notes,
            c.duplicate_key,
            c.search_text,
            at
        ],
    ).sql()?;
    Ok(id)
}

fn progress_count(conn: &Db, task_id: &str) -> Result<i64> {
    conn.query_row("SELECT count(*) FROM task_progress WHERE task_id = ?1", [task_id], |r| r.get(0)).sql()
}

/// Corrects a registered document; `file`: a new file replacing the old one (the old one
/// stays in the store). The incoming number stays, so the day received must stay in its year.
pub fn update_incoming(
    store: &mut Store,
    data_dir: &Path,
    id: &str,
    input: &IncomingInput,
    file: Option<&Path>,
    confirmed: bool,
) -> Result<IncomingDocument> {
    store.read(|c| {
        let old = get_incoming(c, id)?;
        check_same_year(&old, input)?;
        let clean = check_input(c, input)?;
        check_duplicate(c, &clean, Some(id), confirmed)
    })?;
    let put = match file {
        Some(path) => Some(put_file(data_dir, path, file_settings_limit(store)?)?),
        None => None,
    };
    update_with(store, id, input, put, confirmed)
}

fn update_with(
    store: &mut Store,
    id: &str,
    input: &IncomingInput,
    put: Option<PutFile>,
    confirmed: bool,
) -> Result<IncomingDocument> {
    store.write(|tx| {
        let old = get_incoming(tx, id)?;
        check_same_year(&old, input)?;
        let c = check_input(tx, input)?;
        check_duplicate(tx, &c, Some(id), confirmed)?;
        if let Some(f) = &put {
            record_file(tx, f)?;
        }
        let task_id = match (&old.task_id, input.due_date) {
            (Some(t), Some(due)) => {
                let (content, title) = task_words(&c, old.incoming_number, old.year);
                let spec = serde_json::to_string(&Deadline::Date { date: due })
                    .map_err(|e| AppError::storage(e.to_string()))?;
                tx.execute(
                    "UPDATE task SET content = ?2, source_title = ?3, source_number = ?4, source_date = ?5,
                        source_directed_by = ?6, lead_agency_id = ?7, deadline_spec = ?8, due_date = ?9, priority = ?10,
                        updated_at = ?11 WHERE id = ?1",
                    params![
                        t,
                        content,
                        title,
                        c.number_symbol,
                        input.document_date,
                        c.sender_name,
                        c.handling_agency_id,
                        spec,
                        due,
                        priority_of(input.urgency).as_str(),
                        now()
                    ],
                )
                .sql()?;
                refresh_due_date(tx, t)?;
                refresh_search_text(tx, t)?;
                Some(t.clone())
            }
            (None, Some(due)) => Some(insert_task_for(tx, &c, input, old.incoming_number, old.year, due)?),
            (Some(t), None) => {
                if progress_count(tx, t)? > 0 {
                    return Err(AppError::conflict(
                        "Nhiệm vụ xử lý văn bản này đã có báo cáo tiến độ nên không bỏ được hạn xử lý; \
                         nếu cần, hãy gia hạn nhiệm vụ.",
                    ));
                }
                tx.execute("UPDATE incoming_document SET task_id = NULL WHERE id = ?1", [id]).sql()?;
                tx.execute("DELETE FROM task WHERE id = ?1", [t]).sql()?;
                None
            }
            (None, None) => None,
        };
        let (sha, name) = match (&put, &old.file) {
            (Some(f), _) => (Some(f.sha256.clone()), Some(f.original_name.clone())),
            (None, Some(f)) => (Some(f.sha256.clone()), Some(f.name.clone())),
            (None, None) => (None, None),
        };
        tx.execute(
            "UPDATE incoming_document SET received_on = ?2, sender_agency_id = ?3, sender_name = ?4, number_symbol = ?5,
                document_date = ?6, type_name = ?7, subject = ?8, urgency = ?9, handling_agency_id = ?10,
                handler_person_id = ?11, passed_on = ?12, due_date = ?13, task_id = ?14, file_sha256 = ?15,
                file_name = ?16, notes = ?17, duplicate_key = ?18, search_text = ?19, updated_at = ?20
             WHERE id = ?1",
            params![
                id,
                input.received_on,
                c.sender_agency_id,
                c.sender_name,
                c.number_symbol,
                input.document_date,
                c.type_name,
                c.subject,
                input.urgency.as_str(),
                c.handling_agency_id,
                c.handler_person_id,
                input.passed_on,
                input.due_date,
                task_id,
                sha,
                name,
                c.notes,
                c.duplicate_key,
                c.search_text,
                now()
            ],
        ).sql()?;
        Ok(())
    })?;
    store.read(|c| get_incoming(c, id))
}

fn check_same_year(old: &IncomingDocument, input: &IncomingInput) -> Result<()> {
    if input.received_on.year() != old.year {
        return Err(AppError::validation(format!(
            "Văn bản này đã có số đến {}/{}; ngày đến phải trong năm {}. \
             Nếu vào sổ nhầm năm, hãy xóa và vào sổ lại.",
            old.incoming_number, old.year, old.year
        )));
    }
    Ok(())
}

/// Deletes a document registered by mistake, with the task its due date created; refused once
/// an agency has reported progress on that task. Its number is not given again.
pub fn delete_incoming(store: &mut Store, id: &str) -> Result<()> {
    store.write(|tx| {
        let d = get_incoming(tx, id)?;
        if let Some(t) = &d.task_id {
            if progress_count(tx, t)? > 0 {
                return Err(AppError::in_use(format!(
                    "Văn bản đến số {}/{} đã có báo cáo tiến độ xử lý nên không xóa được.",
                    d.incoming_number, d.year
                )));
            }
        }
        tx.execute("DELETE FROM incoming_document WHERE id = ?1", [id]).sql()?;
        if let Some(t) = &d.task_id {
            tx.execute("DELETE FROM task WHERE id = ?1", [t]).sql()?;
        }
        Ok(())
    })
}

/// Where the file of a registered document is, for opening it with the system's viewer.
pub fn incoming_file_path(conn: &Db, data_dir: &Path, id: &str) -> Result<(std::path::PathBuf, String)> {
    let d = get_incoming(conn, id)?;
    let f = d.file.ok_or_else(|| AppError::not_found("Văn bản đến này không có tệp đính kèm."))?;
    let path = crate::filestore::stored_path(data_dir, &f.sha256)
        .ok_or_else(|| AppError::storage("Bản ghi tệp đính kèm có mã băm không hợp lệ."))?;
    if !path.is_file() {
        return Err(AppError::not_found(format!(
            "Tệp \"{}\" không còn trong thư mục dữ liệu; hãy chạy kiểm tra tệp và khôi phục từ bản sao lưu.",
            f.name
        )));
    }
    Ok((path, f.name))
}

//! The meeting record: which body meets, kind, title, times, place, chair, secretary, notes.

use super::phrases::{self, split_form};
use super::types::*;
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::roster::{display_name, get_body, get_person};
use crate::store::decode;
use crate::store::{new_id, now, Store};
use crate::store::{Db, Tx};
use crate::text::{check_datetime, clean};
use chrono::NaiveDateTime;
use rusqlite::{params, OptionalExtension, Row};

const COLUMNS: &str = "m.id, m.body_id, b.name, m.kind, m.title, m.planned_start, m.planned_end, m.actual_start,
    m.actual_end, m.place, m.chair_person_id, m.chair_title, m.secretary_person_id, m.notes, m.created_at, m.updated_at, m.form, m.subject";

fn from_row(r: &Row) -> rusqlite::Result<Meeting> {
    let id: String = r.get(0)?;
    let kind = decode::stored(r, 3, "meeting", &id, "kind")?;
    // Rows written before the form existed may still carry a form word in the subject.
    let stored = decode::stored(r, 16, "meeting", &id, "form")?;
    let (form, subject) = split_form(stored, &r.get::<_, String>(17)?);
    Ok(Meeting {
        body_id: r.get(1)?,
        body_name: r.get(2)?,
        kind,
        kind_label: kind.label().to_string(),
        form,
        form_label: form.label().to_string(),
        title: if subject.is_empty() { r.get(4)? } else { phrases::title(form, &subject) },
        subject,
        planned_start: decode::datetime(r, 5, "meeting", &id, "planned_start")?,
        planned_end: decode::datetime_opt(r, 6, "meeting", &id, "planned_end")?,
        actual_start: decode::datetime_opt(r, 7, "meeting", &id, "actual_start")?,
        actual_end: decode::datetime_opt(r, 8, "meeting", &id, "actual_end")?,
        place: r.get(9)?,
        chair_person_id: r.get(10)?,
        chair_name: String::new(),
        chair_title: r.get(11)?,
        secretary_person_id: r.get(12)?,
        secretary_name: String::new(),
        notes: r.get(13)?,
        created_at: r.get(14)?,
        updated_at: r.get(15)?,
        id,
    })
}

fn person_name(conn: &Db, id: &Option<String>) -> Result<String> {
    Ok(match id {
        Some(id) => {
            let p = get_person(conn, id)?;
            display_name(p.honorific, &p.full_name)
        }
        None => String::new(),
    })
}

pub fn get_meeting(conn: &Db, id: &str) -> Result<Meeting> {
    let mut m = conn
        .query_row(
            &format!("SELECT {COLUMNS} FROM meeting m JOIN body b ON b.id = m.body_id WHERE m.id = ?1"),
            [id],
            from_row,
        )
        .optional()
        .sql()?
        .ok_or_else(|| AppError::not_found("Không tìm thấy cuộc họp (có thể đã bị xóa)."))?;
    m.chair_name = person_name(conn, &m.chair_person_id)?;
    m.secretary_name = person_name(conn, &m.secretary_person_id)?;
    Ok(m)
}

fn check_times(start: NaiveDateTime, end: Option<NaiveDateTime>, what: &str) -> Result<()> {
    match end {
        Some(end) if end <= start => Err(AppError::validation(format!("Giờ kết thúc {what} phải sau giờ bắt đầu."))),
        _ => Ok(()),
    }
}

/// The form and subject as they will be stored (form words typed in front of the subject
/// taken off and made the form).
fn validate(conn: &Db, input: &MeetingInput) -> Result<(MeetingForm, String)> {
    let (form, subject) = split_form(input.form, &input.subject);
    if subject.is_empty() {
        return Err(AppError::validation(format!(
            "Hãy ghi tên cuộc họp sau “{}”, ví dụ: Ban Chỉ đạo Chuyển đổi số tỉnh quý III năm 2024.",
            form.label()
        )));
    }
    get_body(conn, &input.body_id)?;
    check_datetime(input.planned_start, "Thời gian bắt đầu dự kiến")?;
    if let Some(end) = input.planned_end {
        check_datetime(end, "Thời gian kết thúc dự kiến")?;
    }
    check_times(input.planned_start, input.planned_end, "dự kiến")?;
    for id in [&input.chair_person_id, &input.secretary_person_id].into_iter().flatten() {
        get_person(conn, id)?;
    }
    Ok((form, subject))
}

/// Writes the record's editable fields: inserts a new meeting or updates an existing one.
fn save_fields(tx: &Tx, id: &str, input: &MeetingInput, (form, subject): &(MeetingForm, String)) -> Result<()> {
    tx.execute(
        "INSERT INTO meeting (id, body_id, kind, title, planned_start, planned_end, place, chair_person_id, chair_title,
            secretary_person_id, created_at, updated_at, form, subject)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11, ?12, ?13)
         ON CONFLICT(id) DO UPDATE SET body_id = excluded.body_id, kind = excluded.kind, title = excluded.title,
            form = excluded.form, subject = excluded.subject,
            planned_start = excluded.planned_start, planned_end = excluded.planned_end, place = excluded.place,
            chair_person_id = excluded.chair_person_id, chair_title = excluded.chair_title,
            secretary_person_id = excluded.secretary_person_id, updated_at = excluded.updated_at",
        params![
            id,
            input.body_id,
            input.kind.as_str(),
            phrases::title(*form, subject),
            input.planned_start,
            input.planned_end,
            clean(&input.place),
            input.chair_person_id,
            clean(&input.chair_title),
            input.secretary_person_id,
            now(),
            form.as_str(),
            subject
        ],
    ).sql()?;
    Ok(())
}

pub fn create_meeting(store: &mut Store, input: &MeetingInput) -> Result<Meeting> {
    store.write(|tx| {
        let named = validate(tx, input)?;
        let id = new_id();
        save_fields(tx, &id, input, &named)?;
        get_meeting(tx, &id)
    })
}

pub fn update_meeting(store: &mut Store, id: &str, input: &MeetingInput) -> Result<Meeting> {
    store.write(|tx| {
        let current = get_meeting(tx, id)?;
        let named = validate(tx, input)?;
        if current.body_id != input.body_id {
            let invited: i64 =
                tx.query_row("SELECT count(*) FROM meeting_invitee WHERE meeting_id = ?1", [id], |r| r.get(0)).sql()?;
            if invited > 0 {
                return Err(AppError::conflict("Cuộc họp đã có thành phần mời; không đổi được tổ chức họp."));
            }
        }
        save_fields(tx, id, input, &named)?;
        get_meeting(tx, id)
    })
}

/// When the meeting really started and ended (for the minutes).
pub fn set_actual_times(
    store: &mut Store,
    id: &str,
    start: Option<NaiveDateTime>,
    end: Option<NaiveDateTime>,
) -> Result<Meeting> {
    if let Some(start) = start {
        check_datetime(start, "Thời gian bắt đầu thực tế")?;
    }
    if let Some(end) = end {
        check_datetime(end, "Thời gian kết thúc thực tế")?;
    }
    if let Some(start) = start {
        check_times(start, end, "thực tế")?;
    }
    store.write(|tx| {
        get_meeting(tx, id)?;
        tx.execute(
            "UPDATE meeting SET actual_start = ?2, actual_end = ?3, updated_at = ?4 WHERE id = ?1",
            params![id, start, end, now()],
        )
        .sql()?;
        get_meeting(tx, id)
    })
}

/// The secretary's running notes, saved every few seconds while typing: one statement, so a
/// crash keeps either the previous or the new text, never half of it.
pub fn save_notes(store: &mut Store, id: &str, notes: &str) -> Result<Meeting> {
    let notes = crate::text::clean_multiline(notes);
    store.write(|tx| {
        let n = tx
            .execute("UPDATE meeting SET notes = ?2, updated_at = ?3 WHERE id = ?1", params![id, notes, now()])
            .sql()?;
        if n == 0 {
            return Err(AppError::not_found("Không tìm thấy cuộc họp (có thể đã bị xóa)."));
        }
        get_meeting(tx, id)
    })
}

#[derive(Debug, Clone, Default, serde::Deserialize, specta::Type)]
pub struct MeetingFilter {
    #[serde(default)]
    pub body_id: Option<String>,
    #[serde(default)]
    pub year: Option<i32>,
    /// true: from today on; false: before today; none: all.
    #[serde(default)]
    pub upcoming: Option<bool>,
    #[serde(default)]
    pub query: String,
}

/// The meetings list's query: only the filters given, each a plain comparison on an indexed
/// column (the year as a range of `planned_start`), so that an index serves filter and order.
pub(crate) fn list_query(filter: &MeetingFilter) -> (String, Vec<rusqlite::types::Value>) {
    use rusqlite::types::Value;
    let mut terms = Vec::new();
    let mut args = Vec::new();
    if let Some(body) = &filter.body_id {
        terms.push("m.body_id = ?");
        args.push(Value::Text(body.clone()));
    }
    if let Some(year) = filter.year {
        terms.push("m.planned_start >= ? AND m.planned_start < ?");
        args.push(Value::Text(format!("{year:04}")));
        args.push(Value::Text(format!("{:04}", year + 1)));
    }
    let clause = if terms.is_empty() { String::new() } else { format!("WHERE {}", terms.join(" AND ")) };
    (
        format!(
            "SELECT {COLUMNS} FROM meeting m JOIN body b ON b.id = m.body_id {clause} ORDER BY m.planned_start DESC"
        ),
        args,
    )
}

/// Meetings, newest first (upcoming ones soonest first), filtered.
pub fn list_meetings(conn: &Db, filter: &MeetingFilter, today: chrono::NaiveDate) -> Result<Vec<Meeting>> {
    let (sql, args) = list_query(filter);
    let mut stmt = conn.prepare(&sql).sql()?;
    let mut meetings =
        stmt.query_map(rusqlite::params_from_iter(args), from_row).sql()?.collect::<Result<Vec<_>, _>>().sql()?;
    let day = today.and_hms_opt(0, 0, 0).unwrap_or_default();
    if let Some(upcoming) = filter.upcoming {
        meetings.retain(|m| (m.planned_start >= day) == upcoming);
        if upcoming {
            meetings.reverse();
        }
    }
    let q = filter.query.trim();
    if !q.is_empty() {
        meetings.retain(|m| {
            crate::text::fold(&format!("{} {} {}", m.title, m.place, m.body_name)).contains(&crate::text::fold(q))
        });
    }
    for m in meetings.iter_mut() {
        m.chair_name = person_name(conn, &m.chair_person_id)?;
        m.secretary_name = person_name(conn, &m.secretary_person_id)?;
    }
    Ok(meetings)
}

/// Everything the meeting page shows, in one read.
#[derive(Debug, Clone, PartialEq, serde::Serialize, specta::Type)]
pub struct MeetingDetail {
    pub meeting: Meeting,
    pub invitees: Vec<Invitee>,
    pub agenda: Vec<AgendaItem>,
    pub conclusions: Vec<Conclusion>,
    pub documents: Vec<super::MeetingDocument>,
}

pub fn meeting_detail(conn: &Db, id: &str) -> Result<MeetingDetail> {
    Ok(MeetingDetail {
        meeting: get_meeting(conn, id)?,
        invitees: super::list_invitees(conn, id)?,
        agenda: super::list_agenda(conn, id)?,
        conclusions: super::list_conclusions(conn, id)?,
        documents: super::meeting_documents(conn, id)?,
    })
}

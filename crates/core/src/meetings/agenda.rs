//! The agenda (items in order, presenter, attached files, the secretary's notes) and the
//! conclusions and directives, each kept as its own record.

use super::record::get_meeting;
use super::types::*;
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::roster::{agency_name_at, display_name, get_person};
use crate::store::decode::{decode_json, decode_opt};
use crate::store::Db;
use crate::store::{new_id, now, Store};
use crate::text::clean;
use rusqlite::{params, OptionalExtension};
use std::path::Path;

fn presenter(
    conn: &Db,
    person: &Option<String>,
    agency: &Option<String>,
    text: &str,
    on: chrono::NaiveDate,
) -> Result<String> {
    if let Some(p) = person {
        let p = get_person(conn, p)?;
        return Ok(display_name(p.honorific, &p.full_name));
    }
    if let Some(a) = agency {
        return Ok(agency_name_at(conn, a, on)?.full_name);
    }
    Ok(text.to_string())
}

pub fn list_agenda(conn: &Db, meeting_id: &str) -> Result<Vec<AgendaItem>> {
    let meeting = get_meeting(conn, meeting_id)?;
    let mut stmt = conn
        .prepare(
            "SELECT id, position, title, presenter_person_id, presenter_agency_id, presenter_text, notes
         FROM agenda_item WHERE meeting_id = ?1 ORDER BY position",
        )
        .sql()?;
    let rows = stmt
        .query_map([meeting_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })
        .sql()?
        .collect::<Result<Vec<_>, _>>()
        .sql()?;
    let mut files = conn.prepare(
        "SELECT id, file_name, stored_path, size, sha256 FROM agenda_file WHERE agenda_item_id = ?1 ORDER BY created_at",
    ).sql()?;
    let mut items = Vec::with_capacity(rows.len());
    for (id, position, title, person, agency, text, notes) in rows {
        let attached = files
            .query_map([&id], |r| {
                Ok(AgendaFile {
                    id: r.get(0)?,
                    file_name: r.get(1)?,
                    stored_path: r.get(2)?,
                    size: r.get(3)?,
                    sha256: r.get(4)?,
                })
            })
            .sql()?
            .collect::<Result<Vec<_>, _>>()
            .sql()?;
        let presenter = presenter(conn, &person, &agency, &text, meeting.planned_start.date())?;
        items.push(AgendaItem {
            id,
            position,
            title,
            presenter_person_id: person,
            presenter_agency_id: agency,
            presenter,
            notes,
            files: attached,
        });
    }
    Ok(items)
}

fn meeting_of_item(conn: &Db, item_id: &str) -> Result<String> {
    conn.query_row("SELECT meeting_id FROM agenda_item WHERE id = ?1", [item_id], |r| r.get(0))
        .optional()
        .sql()?
        .ok_or_else(|| AppError::not_found("Không tìm thấy nội dung trong chương trình họp."))
}

pub fn add_agenda_item(store: &mut Store, meeting_id: &str, input: &AgendaInput) -> Result<Vec<AgendaItem>> {
    let title = clean(&input.title);
    if title.is_empty() {
        return Err(AppError::validation("Tên nội dung họp không được để trống."));
    }
    store.write(|tx| {
        get_meeting(tx, meeting_id)?;
        let position: u32 = tx.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM agenda_item WHERE meeting_id = ?1",
            [meeting_id],
            |r| r.get(0),
        ).sql()?;
        tx.execute(
            "INSERT INTO agenda_item (id, meeting_id, position, title, presenter_person_id, presenter_agency_id, presenter_text,
                created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
            params![
                new_id(),
                meeting_id,
                position,
                title,
                input.presenter_person_id,
                input.presenter_agency_id,
                clean(&input.presenter_text),
                now()
            ],
        ).sql()?;
        list_agenda(tx, meeting_id)
    })
}

/// The secretary's notes on an item, saved while typing (one statement: all or nothing).
pub fn save_agenda_notes(store: &mut Store, item_id: &str, notes: &str) -> Result<()> {
    let notes = crate::text::clean_multiline(notes);
    store.write(|tx| {
        let n = tx
            .execute("UPDATE agenda_item SET notes = ?2, updated_at = ?3 WHERE id = ?1", params![item_id, notes, now()])
            .sql()?;
        if n == 0 {
            return Err(AppError::not_found("Không tìm thấy nội dung trong chương trình họp."));
        }
        Ok(())
    })
}

/// Moves an item to `position` (1-based), shifting the others.
pub fn move_agenda_item(store: &mut Store, item_id: &str, position: u32) -> Result<Vec<AgendaItem>> {
    store.write(|tx| {
        let meeting_id = meeting_of_item(tx, item_id)?;
        let mut ids: Vec<String> = tx
            .prepare("SELECT id FROM agenda_item WHERE meeting_id = ?1 ORDER BY position")
            .sql()?
            .query_map([&meeting_id], |r| r.get(0))
            .sql()?
            .collect::<Result<_, _>>()
            .sql()?;
        let from = ids.iter().position(|i| i == item_id).unwrap_or(0);
        let id = ids.remove(from);
        let to = (position.max(1) as usize - 1).min(ids.len());
        ids.insert(to, id);
        for (i, id) in ids.iter().enumerate() {
            tx.execute("UPDATE agenda_item SET position = ?2 WHERE id = ?1", params![id, i as u32 + 1]).sql()?;
        }
        list_agenda(tx, &meeting_id)
    })
}

pub fn remove_agenda_item(store: &mut Store, item_id: &str) -> Result<Vec<AgendaItem>> {
    store.write(|tx| {
        let meeting_id = meeting_of_item(tx, item_id)?;
        tx.execute("DELETE FROM agenda_item WHERE id = ?1", [item_id]).sql()?;
        list_agenda(tx, &meeting_id)
    })
}

/// The largest file that can be attached to an agenda item by default; the limit in force is
/// the setting `settings::FileSettings::max_attachment_mb` (a larger file is refused before a
/// byte is read).
pub const MAX_ATTACHMENT_BYTES: u64 = crate::settings::DEFAULT_MAX_ATTACHMENT_MB as u64 * 1024 * 1024;

/// Takes `source` into the file store of `data_dir` (filestore::put_attachment: any regular
/// file within the limit of the settings, kept once under its SHA-256) and lists it under the
/// item. Its original name is kept as metadata; its `stored_path` is the store's path
/// (`files/sha256/…`), never a path the name could steer.
pub fn attach_file(store: &mut Store, data_dir: &Path, item_id: &str, source: &Path) -> Result<Vec<AgendaItem>> {
    let limit = store.read(crate::settings::file_settings)?.max_attachment_bytes();
    let meeting_id = store.read(|c| meeting_of_item(c, item_id))?;
    let file = crate::filestore::put_attachment(data_dir, source, limit)?;
    // A file whose transaction fails stays in the store unreferenced: harmless (see filestore).
    store.write(|tx| {
        crate::filestore::record_attachment(tx, &file)?;
        tx.execute(
            "INSERT INTO agenda_file (id, agenda_item_id, file_name, stored_path, size, sha256, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![new_id(), item_id, file.name, file.relative(), file.size as i64, file.sha256, now()],
        )
        .sql()?;
        list_agenda(tx, &meeting_id)
    })
}

pub fn list_conclusions(conn: &Db, meeting_id: &str) -> Result<Vec<Conclusion>> {
    let meeting = get_meeting(conn, meeting_id)?;
    let on = meeting.planned_start.date();
    let mut stmt = conn
        .prepare(
            "SELECT id, position, text, lead_agency_id, coordinating_agency_ids, deadline_spec
         FROM conclusion WHERE meeting_id = ?1 ORDER BY position",
        )
        .sql()?;
    let rows = stmt
        .query_map([meeting_id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, u32>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, String>(4)?,
                r.get::<_, Option<String>>(5)?,
            ))
        })
        .sql()?
        .collect::<Result<Vec<_>, _>>()
        .sql()?;
    rows.into_iter()
        .map(|(id, position, text, lead, coordinating, spec)| {
            let coordinating_agency_ids: Vec<String> =
                decode_json("conclusion", &id, "coordinating_agency_ids", &coordinating).sql()?;
            let deadline: Option<Deadline> = decode_opt("conclusion", &id, "deadline_spec", spec.as_deref(), |s| {
                serde_json::from_str::<Deadline>(s).ok().filter(|d| d.check().is_ok())
            })
            .sql()?;
            Ok(Conclusion {
                id,
                position,
                text,
                lead_agency_name: match &lead {
                    Some(a) => agency_name_at(conn, a, on)?.full_name,
                    None => String::new(),
                },
                lead_agency_id: lead,
                coordinating_agency_names: coordinating_agency_ids
                    .iter()
                    .map(|a| Ok(agency_name_at(conn, a, on)?.full_name))
                    .collect::<Result<Vec<_>>>()?,
                coordinating_agency_ids,
                due_date: deadline.and_then(|d| d.due_date()),
                deadline_label: deadline.map(|d| d.label()).unwrap_or_default(),
                deadline,
            })
        })
        .collect()
}

/// What a conclusion's row holds besides its links: text, coordinating agencies (JSON), the
/// deadline as written (JSON), the date it stands for, and its recurrence.
struct ConclusionRow {
    text: String,
    coordinating: String,
    spec: Option<String>,
    due: Option<chrono::NaiveDate>,
    recurrence: Option<&'static str>,
}

fn check_conclusion(conn: &Db, input: &ConclusionInput) -> Result<ConclusionRow> {
    let text = clean(&input.text);
    if text.is_empty() {
        return Err(AppError::validation("Nội dung kết luận không được để trống."));
    }
    if let Some(d) = &input.deadline {
        d.check()?;
    }
    for a in input.lead_agency_id.iter().chain(input.coordinating_agency_ids.iter()) {
        crate::roster::get_agency(conn, a)?;
    }
    if let Some(lead) = &input.lead_agency_id {
        if input.coordinating_agency_ids.contains(lead) {
            return Err(AppError::validation("Cơ quan chủ trì không đồng thời là cơ quan phối hợp."));
        }
    }
    let coordinating =
        serde_json::to_string(&input.coordinating_agency_ids).map_err(|e| AppError::storage(e.to_string()))?;
    let spec = match &input.deadline {
        Some(d) => Some(serde_json::to_string(d).map_err(|e| AppError::storage(e.to_string()))?),
        None => None,
    };
    let recurrence = match input.deadline {
        Some(Deadline::Recurring { every, .. }) => Some(every.as_str()),
        _ => None,
    };
    Ok(ConclusionRow { text, coordinating, spec, due: input.deadline.and_then(|d| d.due_date()), recurrence })
}

pub fn add_conclusion(store: &mut Store, meeting_id: &str, input: &ConclusionInput) -> Result<Vec<Conclusion>> {
    store.write(|tx| {
        get_meeting(tx, meeting_id)?;
        let row = check_conclusion(tx, input)?;
        let position: u32 = tx.query_row(
            "SELECT coalesce(max(position), 0) + 1 FROM conclusion WHERE meeting_id = ?1",
            [meeting_id],
            |r| r.get(0),
        ).sql()?;
        tx.execute(
            "INSERT INTO conclusion (id, meeting_id, position, text, lead_agency_id, coordinating_agency_ids, deadline,
                recurrence, deadline_spec, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
            params![
                new_id(),
                meeting_id,
                position,
                row.text,
                input.lead_agency_id,
                row.coordinating,
                row.due,
                row.recurrence,
                row.spec,
                now()
            ],
        ).sql()?;
        list_conclusions(tx, meeting_id)
    })
}

pub fn update_conclusion(store: &mut Store, id: &str, input: &ConclusionInput) -> Result<Vec<Conclusion>> {
    store.write(|tx| {
        let meeting_id: String = tx
            .query_row("SELECT meeting_id FROM conclusion WHERE id = ?1", [id], |r| r.get(0))
            .optional()
            .sql()?
            .ok_or_else(|| AppError::not_found("Không tìm thấy kết luận."))?;
        let row = check_conclusion(tx, input)?;
        tx.execute(
            "UPDATE conclusion SET text = ?2, lead_agency_id = ?3, coordinating_agency_ids = ?4, deadline = ?5,
                recurrence = ?6, deadline_spec = ?7, updated_at = ?8 WHERE id = ?1",
            params![id, row.text, input.lead_agency_id, row.coordinating, row.due, row.recurrence, row.spec, now()],
        )
        .sql()?;
        list_conclusions(tx, &meeting_id)
    })
}

pub fn remove_conclusion(store: &mut Store, id: &str) -> Result<()> {
    store.write(|tx| {
        let n = tx.execute("DELETE FROM conclusion WHERE id = ?1", [id]).sql()?;
        if n == 0 {
            return Err(AppError::not_found("Không tìm thấy kết luận."));
        }
        Ok(())
    })
}

#[cfg(test)]
mod attach_tests;

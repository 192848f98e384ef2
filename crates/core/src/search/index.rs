//! Keeping the search index true to the records.
//!
//! People, agencies and bodies are indexed by the roster code that changes them. Meetings
//! (with their agenda and conclusions) and documents change in many places, so instead of a
//! call at each one, triggers queue the changed record in `search_index_pending` and
//! [`drain_pending`] re-indexes the queue inside the same transaction, just before it commits
//! ([`crate::Store::write`]). A migration that rebuilds the index only has to queue everything;
//! opening the store drains the queue in chunks.
//!
//! The triggers are installed from here (like the audit triggers) so that a migration that
//! rebuilds a table cannot silently leave it unwatched: [`triggers_missing`] is checked at
//! every start.

use super::SearchKind;
use crate::documents::{get_document, Block, DocumentContent, DocumentStatus};
use crate::error::Result;
use crate::error::Sql;
use crate::meetings::{get_meeting, list_agenda, list_conclusions};
use crate::roster::{get_agency, get_body, get_person};
use crate::store::{Db, Tx};
use crate::text::fold;
use rusqlite::{params, OptionalExtension};

/// One entry of the index. `facets` are the filter tokens ([`facet_kind`], [`facet_year`], …).
pub(crate) struct Entry<'a> {
    pub kind: SearchKind,
    pub id: &'a str,
    pub title: &'a str,
    pub subtitle: &'a str,
    pub year: Option<i32>,
    pub facets: Vec<String>,
    pub title_terms: &'a str,
    pub detail_terms: &'a str,
}

pub(crate) fn facet_kind(kind: SearchKind) -> String {
    format!("kind{}", kind.as_str())
}
pub(crate) fn facet_year(year: i32) -> String {
    format!("y{year}")
}
pub(crate) fn facet_agency(id: &str) -> String {
    format!("a{}", fold(id).chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>())
}
pub(crate) fn facet_word(prefix: &str, value: &str) -> String {
    format!("{prefix}{}", value.chars().filter(|c| c.is_ascii_alphanumeric()).collect::<String>())
}

pub(crate) fn put(conn: &Db, e: &Entry) -> Result<()> {
    remove(conn, e.kind.as_str(), e.id)?;
    let mut facets = e.facets.clone();
    facets.push(facet_kind(e.kind));
    if let Some(y) = e.year {
        facets.push(facet_year(y));
    }
    conn.prepare_cached(
        "INSERT INTO search_index (kind, entity_id, title, subtitle, year, facets, title_terms, detail_terms)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )
    .sql()?
    .execute(params![
        e.kind.as_str(),
        e.id,
        e.title,
        e.subtitle,
        e.year,
        facets.join(" "),
        fold(e.title_terms),
        fold(e.detail_terms)
    ])
    .sql()?;
    let rowid = conn.last_insert_rowid();
    conn.prepare_cached("INSERT INTO search_index_key (kind, entity_id, fts_rowid) VALUES (?1, ?2, ?3)")
        .sql()?
        .execute(params![e.kind.as_str(), e.id, rowid])
        .sql()?;
    Ok(())
}

/// Takes a record's entry out of the index (found through `search_index_key`, never by a
/// scan of the index).
pub(crate) fn remove(conn: &Db, kind: &str, id: &str) -> Result<()> {
    let rowid: Option<i64> = conn
        .prepare_cached("SELECT fts_rowid FROM search_index_key WHERE kind = ?1 AND entity_id = ?2")
        .sql()?
        .query_row(params![kind, id], |r| r.get(0))
        .optional()
        .sql()?;
    if let Some(rowid) = rowid {
        conn.prepare_cached("DELETE FROM search_index WHERE rowid = ?1").sql()?.execute(params![rowid]).sql()?;
        conn.prepare_cached("DELETE FROM search_index_key WHERE kind = ?1 AND entity_id = ?2")
            .sql()?
            .execute(params![kind, id])
            .sql()?;
    }
    Ok(())
}

pub(crate) fn index_person(conn: &Db, id: &str) -> Result<()> {
    let p = get_person(conn, id)?;
    let agency_names = match &p.agency_id {
        Some(a) => get_agency(conn, a)?
            .names
            .iter()
            .map(|n| format!("{} {}", n.full_name, n.short_name))
            .collect::<Vec<_>>()
            .join(" "),
        None => String::new(),
    };
    let subtitle = [p.post.as_str(), p.agency_name.as_deref().unwrap_or("")]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
    let detail = format!("{} {} {} {}", p.post, agency_names, p.email, p.phone);
    let facets = p.agency_id.iter().map(|a| facet_agency(a)).collect();
    put(
        conn,
        &Entry {
            kind: SearchKind::Person,
            id,
            title: &p.full_name,
            subtitle: &subtitle,
            year: None,
            facets,
            title_terms: &p.full_name,
            detail_terms: &detail,
        },
    )
}

pub(crate) fn index_agency(conn: &Db, id: &str) -> Result<()> {
    let a = get_agency(conn, id)?;
    let names = a.names.iter().map(|n| format!("{} {}", n.full_name, n.short_name)).collect::<Vec<_>>().join(" ");
    let mut subtitle = a.kind.label().to_string();
    if !a.short_name.is_empty() {
        subtitle = format!("{} · {}", a.short_name, subtitle);
    }
    if let Some(target) = &a.merged_into_name {
        subtitle = format!("{subtitle} · đã sáp nhập vào {target}");
    }
    put(
        conn,
        &Entry {
            kind: SearchKind::Agency,
            id,
            title: &a.full_name,
            subtitle: &subtitle,
            year: None,
            facets: vec![facet_agency(id)],
            title_terms: &names,
            detail_terms: &a.notes,
        },
    )
}

pub(crate) fn index_body(conn: &Db, id: &str) -> Result<()> {
    let b = get_body(conn, id)?;
    let subtitle = match b.kind {
        crate::roster::BodyKind::SteeringCommittee => "Ban Chỉ đạo",
        crate::roster::BodyKind::TaskForce => "Tổ Công tác",
        crate::roster::BodyKind::WorkGroup => "Nhóm công tác",
    };
    let terms = format!("{} {}", b.name, b.short_name);
    put(
        conn,
        &Entry {
            kind: SearchKind::Body,
            id,
            title: &b.name,
            subtitle,
            year: None,
            facets: Vec::new(),
            title_terms: &terms,
            detail_terms: "",
        },
    )
}

/// A meeting with everything said in it: notes, agenda items and their notes, conclusions.
pub(crate) fn index_meeting(conn: &Db, id: &str) -> Result<()> {
    let m = get_meeting(conn, id)?;
    let when = m.planned_start.format("%d/%m/%Y").to_string();
    let subtitle = [m.body_name.as_str(), when.as_str(), m.place.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
    let text = meeting_text(conn, id)?;
    let mut facets = Vec::new();
    for c in list_conclusions(conn, id)? {
        if let Some(a) = &c.lead_agency_id {
            let f = facet_agency(a);
            if !facets.contains(&f) {
                facets.push(f);
            }
        }
    }
    use chrono::Datelike;
    put(
        conn,
        &Entry {
            kind: SearchKind::Meeting,
            id,
            title: &m.title,
            subtitle: &subtitle,
            year: Some(m.planned_start.year()),
            facets,
            title_terms: &m.title,
            detail_terms: &text,
        },
    )
}

/// The words of a meeting beside its title, in reading order (also the source of snippets).
pub(crate) fn meeting_text(conn: &Db, id: &str) -> Result<String> {
    let m = get_meeting(conn, id)?;
    let mut parts: Vec<String> = vec![m.place.clone(), m.chair_name.clone(), m.notes.clone()];
    for a in list_agenda(conn, id)? {
        parts.push(a.title);
        parts.push(a.presenter);
        parts.push(a.notes);
    }
    for c in list_conclusions(conn, id)? {
        parts.push(c.text);
        parts.push(c.lead_agency_name);
        parts.push(c.deadline_label);
    }
    // The text read from its agenda files (search/files.rs).
    parts.extend(super::files::texts_of(
        conn,
        "SELECT f.sha256 FROM agenda_file f JOIN agenda_item i ON i.id = f.agenda_item_id WHERE i.meeting_id = ?1",
        id,
    )?);
    Ok(join_nonempty(parts))
}

/// A document: its number, type and subject as the title line; body, addressees, bases,
/// signers and recipients as the detail.
pub(crate) fn index_document(conn: &Db, id: &str) -> Result<()> {
    let row: Option<(String, String, String, Option<String>, String)> = conn
        .query_row(
            "SELECT doc_type, status, subject, number_symbol, list_date FROM document WHERE id = ?1",
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .optional()
        .sql()?;
    let Some((doc_type, status, raw_subject, number_symbol, list_date)) = row else {
        return remove(conn, SearchKind::Document.as_str(), id);
    };
    let year = list_date.get(..4).and_then(|y| y.parse::<i32>().ok());
    // A row whose content cannot be read is still found by its number and subject (the list's
    // own columns); opening it shows the decoding error.
    let (type_label, status_label, body) = match get_document(conn, id) {
        Ok(doc) => (doc.type_label.clone(), doc.status_label.clone(), document_text(&doc.content)),
        Err(_) => (String::new(), String::new(), String::new()),
    };
    let subject = if raw_subject.trim().is_empty() { "(chưa có trích yếu)".to_string() } else { raw_subject };
    let title = subject.clone();
    let date = list_date.get(..10).and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok());
    let mut sub = Vec::new();
    if !type_label.is_empty() {
        sub.push(type_label.clone());
    }
    match &number_symbol {
        Some(n) => sub.push(format!("số {n}")),
        None if status == DocumentStatus::Draft.as_str() => sub.push("dự thảo".into()),
        None => {}
    }
    if let Some(d) = date {
        sub.push(d.format("%d/%m/%Y").to_string());
    }
    if !status_label.is_empty() && status != DocumentStatus::Issued.as_str() {
        sub.push(status_label.to_lowercase());
    }
    let subtitle = sub.join(" · ");
    let title_terms = format!("{} {} {}", subject, number_symbol.as_deref().unwrap_or(""), type_label);
    put(
        conn,
        &Entry {
            kind: SearchKind::Document,
            id,
            title: &title,
            subtitle: &subtitle,
            year,
            facets: vec![facet_word("type", &doc_type), facet_word("status", &status)],
            title_terms: &title_terms,
            detail_terms: &body,
        },
    )
}

/// A follow-up task: its content as the title; its source, lead agency and the agencies'
/// reports as the text. Found under its lead and coordinating agencies.
pub(crate) fn index_task(conn: &Db, id: &str) -> Result<()> {
    type TaskRow = (String, String, String, Option<String>, Option<String>, String);
    let row: Option<TaskRow> = conn
        .query_row(
            "SELECT content, source_number, source_title, lead_agency_id, due_date, assigned_on
             FROM task WHERE id = ?1",
            params![id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
        )
        .optional()
        .sql()?;
    let Some((content, number, source_title, lead, due, assigned)) = row else {
        return remove(conn, SearchKind::Task.as_str(), id);
    };
    // The lead's name today, and the names it had (a task follows a merged agency's successor).
    let (lead_name, lead_names) = match &lead {
        Some(a) => {
            let agency = get_agency(conn, a)?;
            let names = agency.names.iter().map(|n| format!("{} {}", n.full_name, n.short_name)).collect::<Vec<_>>();
            (agency.full_name, names.join(" "))
        }
        None => (String::new(), String::new()),
    };
    let mut sub = Vec::new();
    if !lead_name.is_empty() {
        sub.push(lead_name.clone());
    }
    if !number.is_empty() {
        sub.push(format!("theo {number}"));
    }
    if let Some(d) = due.as_deref().and_then(|d| chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()) {
        sub.push(format!("hạn {}", d.format("%d/%m/%Y")));
    }
    let text = task_text(conn, id)?;
    let mut facets: Vec<String> = lead.iter().map(|a| facet_agency(a)).collect();
    let coordinating: Option<String> = conn
        .query_row("SELECT coordinating_agency_ids FROM task WHERE id = ?1", params![id], |r| r.get(0))
        .optional()
        .sql()?;
    for a in coordinating.and_then(|j| serde_json::from_str::<Vec<String>>(&j).ok()).unwrap_or_default() {
        facets.push(facet_agency(&a));
    }
    let terms = format!("{content} {number} {source_title}");
    put(
        conn,
        &Entry {
            kind: SearchKind::Task,
            id,
            title: &content,
            subtitle: &sub.join(" · "),
            year: assigned.get(..4).and_then(|y| y.parse().ok()),
            facets,
            title_terms: &terms,
            detail_terms: &format!("{lead_names}\n{text}"),
        },
    )
}

/// What the agencies reported on a task, and the decisions that extended it.
pub(crate) fn task_text(conn: &Db, id: &str) -> Result<String> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT text || ' ' || report_number FROM task_progress WHERE task_id = ?1
         UNION ALL SELECT decision || ' ' || reason FROM task_extension WHERE task_id = ?1",
        )
        .sql()?;
    let mut parts = stmt
        .query_map(params![id], |r| r.get::<_, String>(0))
        .sql()?
        .collect::<std::result::Result<Vec<_>, _>>()
        .sql()?;
    // The text read from its progress reports' files (search/files.rs).
    parts.extend(super::files::texts_of(conn, "SELECT sha256 FROM task_progress WHERE task_id = ?1", id)?);
    Ok(join_nonempty(parts))
}

/// A received document: its subject as the title; sender, number, type, incoming number,
/// who handles it and the notes as the text. Found under its sender and handling agencies.
pub(crate) fn index_incoming(conn: &Db, id: &str) -> Result<()> {
    let d = crate::incoming::get_incoming(conn, id)?;
    let mut sub = vec![format!("số đến {}/{}", d.incoming_number, d.year), d.sender_name.clone()];
    if !d.number_symbol.is_empty() {
        sub.push(format!("số {}", d.number_symbol));
    }
    sub.push(format!("đến ngày {}", d.received_on.format("%d/%m/%Y")));
    let mut facets = Vec::new();
    for a in [&d.sender_agency_id, &d.handling_agency_id].into_iter().flatten() {
        let f = facet_agency(a);
        if !facets.contains(&f) {
            facets.push(f);
        }
    }
    let terms = format!("{} {} {} {}", d.subject, d.number_symbol, d.type_name, d.sender_name);
    put(
        conn,
        &Entry {
            kind: SearchKind::Incoming,
            id,
            title: &d.subject,
            subtitle: &sub.join(" · "),
            year: Some(d.year),
            facets,
            title_terms: &terms,
            detail_terms: &incoming_text(conn, id)?,
        },
    )
}

/// The words of a received document beside its subject.
pub(crate) fn incoming_text(conn: &Db, id: &str) -> Result<String> {
    let d = crate::incoming::get_incoming(conn, id)?;
    Ok(join_nonempty(
        vec![
            d.sender_name,
            d.number_symbol,
            d.type_name,
            format!("số đến {}", d.incoming_number),
            d.handled_by,
            d.file.map(|f| f.name).unwrap_or_default(),
            d.notes,
        ]
        .into_iter()
        // The text read from its file (search/files.rs).
        .chain(super::files::texts_of(conn, "SELECT file_sha256 FROM incoming_document WHERE id = ?1", id)?)
        .collect(),
    ))
}

/// Everything a reader of the document reads, beside its subject.
pub(crate) fn document_text(c: &DocumentContent) -> String {
    let mut parts: Vec<String> = Vec::new();
    parts.extend(c.addressees.iter().cloned());
    parts.push(c.enacting_authority.clone());
    parts.extend(c.legal_bases.iter().cloned());
    for b in &c.body {
        match b {
            Block::Paragraph { runs } | Block::Clause { runs } | Block::Point { runs } | Block::Dash { runs } => {
                parts.push(runs.iter().map(|r| r.text.as_str()).collect::<String>())
            }
            Block::Heading { title, .. } => parts.push(title.clone()),
            Block::Chart { title, bars, .. } => {
                parts.push(title.clone());
                parts.push(bars.iter().map(|b| b.label.as_str()).collect::<Vec<_>>().join(" "));
            }
            Block::Table { header, rows, .. } => {
                parts.push(header.join(" "));
                for r in rows {
                    parts.push(r.join(" "));
                }
            }
        }
    }
    for s in &c.signers {
        parts.push(s.on_behalf_of.clone());
        parts.extend(s.titles.iter().cloned());
        parts.push(s.name.clone());
    }
    parts.extend(c.recipients.iter().cloned());
    join_nonempty(parts)
}

/// The detail text of a record as written (with its diacritics), for the result's snippet.
pub(crate) fn detail_text(conn: &Db, kind: SearchKind, id: &str) -> Result<String> {
    Ok(match kind {
        SearchKind::Meeting => meeting_text(conn, id)?,
        SearchKind::Document => {
            // The content alone, without the settings and columns a whole record needs; a
            // row that does not read gives no excerpt (opening it shows why).
            let json: Option<String> = conn
                .query_row("SELECT content FROM document WHERE id = ?1", params![id], |r| r.get(0))
                .optional()
                .sql()?;
            json.and_then(|j| serde_json::from_str::<DocumentContent>(&j).ok())
                .map(|c| document_text(&c))
                .unwrap_or_default()
        }
        SearchKind::Task => task_text(conn, id)?,
        SearchKind::Incoming => incoming_text(conn, id)?,
        SearchKind::Person | SearchKind::Agency | SearchKind::Body => String::new(),
    })
}

fn join_nonempty(parts: Vec<String>) -> String {
    parts.into_iter().map(|p| p.trim().to_string()).filter(|p| !p.is_empty()).collect::<Vec<_>>().join("\n")
}

/// Which table changes queue which record. (table, kind, id of the record from NEW/OLD row.)
const WATCHED: &[(&str, &str, &str)] = &[
    ("document", "document", "id"),
    ("meeting", "meeting", "id"),
    ("agenda_item", "meeting", "meeting_id"),
    ("conclusion", "meeting", "meeting_id"),
    ("task", "task", "id"),
    ("task_progress", "task", "task_id"),
    ("task_extension", "task", "task_id"),
    ("incoming_document", "incoming", "id"),
];

fn trigger_names() -> Vec<(String, &'static str, &'static str, &'static str, &'static str)> {
    let mut out = Vec::new();
    for (table, kind, col) in WATCHED {
        for (event, suffix) in [("INSERT", "ins"), ("UPDATE", "upd"), ("DELETE", "del")] {
            out.push((format!("search_pending_{table}_{suffix}"), *table, *kind, *col, event));
        }
    }
    out
}

/// (Re)creates the triggers that queue changed records.
pub fn install_triggers(conn: &Tx) -> Result<()> {
    for (name, table, kind, col, event) in trigger_names() {
        conn.execute_batch(&format!("DROP TRIGGER IF EXISTS {name};")).sql()?;
        let rows: &[&str] = match event {
            "INSERT" => &["NEW"],
            "DELETE" => &["OLD"],
            _ => &["OLD", "NEW"],
        };
        let inserts: String = rows
            .iter()
            .map(|r| {
                // Not `INSERT OR IGNORE`: the conflict clause of a statement that fires a
                // trigger (an `INSERT OR REPLACE`) overrides the trigger's own.
                format!(
                    "INSERT INTO search_index_pending (kind, entity_id) SELECT '{kind}', {r}.{col} \
                     WHERE NOT EXISTS (SELECT 1 FROM search_index_pending WHERE kind = '{kind}' AND entity_id = {r}.{col});"
                )
            })
            .collect();
        conn.execute_batch(&format!("CREATE TRIGGER {name} AFTER {event} ON {table} BEGIN {inserts} END;")).sql()?;
    }
    Ok(())
}

pub fn triggers_missing(conn: &Db) -> Result<bool> {
    let mut stmt = conn.prepare("SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name = ?1").sql()?;
    for (name, ..) in trigger_names() {
        let n: i64 = stmt.query_row(params![name], |r| r.get(0)).sql()?;
        if n == 0 {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Re-indexes up to `limit` queued records; returns how many were done.
pub fn drain_pending(conn: &Tx, limit: u32) -> Result<u32> {
    let queued: Vec<(String, String)> = {
        let mut stmt = conn.prepare("SELECT kind, entity_id FROM search_index_pending LIMIT ?1").sql()?;
        let rows = stmt.query_map(params![limit], |r| Ok((r.get(0)?, r.get(1)?))).sql()?;
        rows.collect::<std::result::Result<_, _>>().sql()?
    };
    for (kind, id) in &queued {
        let exists = |table: &str| -> Result<bool> {
            Ok(conn
                .query_row(&format!("SELECT 1 FROM {table} WHERE id = ?1"), params![id], |_| Ok(()))
                .optional()
                .sql()?
                .is_some())
        };
        let indexed = match kind.as_str() {
            "document" if exists("document")? => index_document(conn, id),
            "meeting" if exists("meeting")? => index_meeting(conn, id),
            "task" if exists("task")? => index_task(conn, id),
            "incoming" if exists("incoming_document")? => index_incoming(conn, id),
            "person" if exists("person")? => index_person(conn, id),
            "agency" if exists("agency")? => index_agency(conn, id),
            "body" if exists("body")? => index_body(conn, id),
            _ => remove(conn, kind, id),
        };
        if let Err(e) = indexed {
            // A record that cannot be read (a damaged row) cannot be indexed either; it must not
            // stop every later save, so it is left out of the index, and said so in the log.
            // Opening it shows the reading error to the user.
            if e.code != crate::error::ErrorCode::Storage || !is_unreadable(&e) {
                return Err(e);
            }
            eprintln!("search index: {kind} {id} left out: {}", e.message);
            remove(conn, kind, id)?;
        }
        conn.execute("DELETE FROM search_index_pending WHERE kind = ?1 AND entity_id = ?2", params![kind, id]).sql()?;
    }
    Ok(queued.len() as u32)
}

/// How many records wait to be indexed.
pub fn pending_count(conn: &Db) -> Result<u32> {
    conn.query_row("SELECT count(*) FROM search_index_pending", [], |r| r.get(0)).sql()
}

/// True for the error of a stored value that cannot be decoded ([`crate::store::decode`]'s
/// `CorruptValue`), not one of SQLite.
fn is_unreadable(e: &crate::error::AppError) -> bool {
    e.message.starts_with("Dữ liệu đã lưu bị hỏng")
}

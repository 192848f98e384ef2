//! Read models: a body's roster as of a date, a person's history, a body's history.

use super::agency::agency_name_at;
use super::body::get_body;
use super::membership::memberships_where;
use super::person::{display_name, get_person};
use super::types::*;
use crate::error::Result;
use crate::error::Sql;
use crate::store::Db;
use chrono::NaiveDate;
use rusqlite::params;
use serde::Serialize;

fn entry(conn: &Db, m: &Membership, date: NaiveDate) -> Result<RosterEntry> {
    let person = match &m.person_id {
        Some(pid) => Some(get_person(conn, pid)?),
        None => None,
    };
    let agency_name = match &m.agency_id {
        Some(a) => agency_name_at(conn, a, date)?.full_name,
        None => String::new(),
    };
    let position = match (m.post.is_empty(), agency_name.is_empty()) {
        (false, false) => format!("{} {}", m.post, agency_name),
        (false, true) => m.post.clone(),
        (true, _) => agency_name.clone(),
    };
    let (full_name, honorific) = match &person {
        Some(p) => (p.full_name.clone(), p.honorific),
        None => (String::new(), Honorific::None),
    };
    Ok(RosterEntry {
        membership_id: m.id.clone(),
        role: m.role,
        role_label: m.role.label().to_string(),
        seat_order: m.seat_order,
        person_id: m.person_id.clone(),
        person_name: if full_name.is_empty() { String::new() } else { display_name(honorific, &full_name) },
        full_name,
        honorific,
        post: m.post.clone(),
        agency_id: m.agency_id.clone(),
        agency_name,
        position,
        vacant: person.is_none(),
        start_date: m.start_date,
        end_date: m.end_date,
        decision_number: m.decision_number.clone(),
        decision_date: m.decision_date,
    })
}

/// The body's members on `as_of` in protocol order (thứ tự nghi thức): grouped by role, highest
/// rank first; inside a role, by seat order (the founding decision's order, as the secretary
/// keeps it), whether or not a person is named yet.
pub fn roster_as_of(conn: &Db, body_id: &str, as_of: NaiveDate) -> Result<RosterView> {
    let body = get_body(conn, body_id)?;
    let members = memberships_where(
        conn,
        "body_id = ?1 AND start_date <= ?2 AND (end_date IS NULL OR end_date > ?2)",
        params![body.id, as_of],
    )?;
    let mut rows = members.iter().map(|m| entry(conn, m, as_of)).collect::<Result<Vec<_>>>()?;
    rows.sort_by(|a, b| {
        (a.role.rank(), a.seat_order, a.start_date, &a.membership_id).cmp(&(
            b.role.rank(),
            b.seat_order,
            b.start_date,
            &b.membership_id,
        ))
    });
    let total = rows.len() as u32;
    let vacant = rows.iter().filter(|e| e.vacant).count() as u32;
    let groups = body
        .kind
        .roles()
        .iter()
        .map(|&role| RosterGroup {
            role,
            label: role.label().to_string(),
            entries: rows.iter().filter(|e| e.role == role).cloned().collect(),
        })
        .collect();
    Ok(RosterView { body, as_of, groups, total, vacant })
}

/// Every membership a person has held, oldest first, with agency names as they were then.
pub fn person_history(conn: &Db, person_id: &str) -> Result<PersonHistory> {
    let person = get_person(conn, person_id)?;
    let members = memberships_where(conn, "person_id = ?1 ORDER BY start_date, created_at", [person_id])?;
    let mut entries = Vec::with_capacity(members.len());
    for m in members {
        let body = get_body(conn, &m.body_id)?;
        let agency_name = match &m.agency_id {
            Some(a) => agency_name_at(conn, a, m.start_date)?.full_name,
            None => String::new(),
        };
        entries.push(HistoryEntry {
            membership_id: m.id,
            body_id: body.id,
            body_name: body.name,
            role: m.role,
            role_label: m.role.label().to_string(),
            post: m.post,
            agency_name,
            start_date: m.start_date,
            end_date: m.end_date,
            decision_number: m.decision_number,
            decision_date: m.decision_date,
            end_decision_number: m.end_decision_number,
            end_decision_date: m.end_decision_date,
            end_reason: m.end_reason,
        });
    }
    Ok(PersonHistory { person, entries })
}

/// Every membership the body has had, by start date then role: how the body changed.
pub fn body_history(conn: &Db, body_id: &str) -> Result<BodyHistory> {
    let body = get_body(conn, body_id)?;
    let members = memberships_where(conn, "body_id = ?1 ORDER BY start_date, seat_order", [body_id])?;
    let mut entries = Vec::with_capacity(members.len());
    for m in &members {
        entries.push(entry(conn, m, m.start_date)?);
    }
    entries.sort_by_key(|e| (e.start_date, e.role.rank(), e.seat_order));
    Ok(BodyHistory { body, entries })
}

/// How many records the roster holds (every agency, person, body and membership, past ones
/// included), as `db info` reports them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct RosterCounts {
    pub agencies: i64,
    pub people: i64,
    pub bodies: i64,
    pub memberships: i64,
}

pub fn roster_counts(conn: &Db) -> Result<RosterCounts> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM agency), (SELECT count(*) FROM person),
                (SELECT count(*) FROM body), (SELECT count(*) FROM membership)",
        [],
        |r| Ok(RosterCounts { agencies: r.get(0)?, people: r.get(1)?, bodies: r.get(2)?, memberships: r.get(3)? }),
    )
    .sql()
}

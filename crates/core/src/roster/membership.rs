//! Memberships: who holds which seat of a body, from when to when, by which decision.
//!
//! Rules: a seat ends after it starts; a person holds at most one seat of a body at a time;
//! the role must belong to the body; replacing a member (kiện toàn) ends the old seat and opens
//! the new one on the same day, in one transaction, so history stays whole.

use super::body::get_body;
use super::person::{create_person_in, display_name, get_person};
use super::types::*;
use crate::error::{AppError, Result};
use crate::store::{new_id, now, Store};
use crate::text::{clean, format_date_vi};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension, Row};

const COLUMNS: &str = "id, body_id, role, person_id, agency_id, post, start_date, end_date,
    decision_number, decision_date, end_decision_number, end_decision_date, end_reason,
    replaces_id, notes, seat_order";

fn from_row(r: &Row) -> rusqlite::Result<Membership> {
    Ok(Membership {
        id: r.get(0)?,
        body_id: r.get(1)?,
        role: Role::parse(&r.get::<_, String>(2)?).unwrap_or(Role::Member),
        person_id: r.get(3)?,
        agency_id: r.get(4)?,
        post: r.get(5)?,
        start_date: r.get(6)?,
        end_date: r.get(7)?,
        decision_number: r.get(8)?,
        decision_date: r.get(9)?,
        end_decision_number: r.get(10)?,
        end_decision_date: r.get(11)?,
        end_reason: r.get(12)?,
        replaces_id: r.get(13)?,
        notes: r.get(14)?,
        seat_order: r.get(15)?,
    })
}

pub fn get_membership(conn: &Connection, id: &str) -> Result<Membership> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM membership WHERE id = ?1"), [id], from_row)
        .optional()?
        .ok_or_else(|| AppError::not_found("Không tìm thấy vị trí thành viên này."))
}

fn check_dates(start: NaiveDate, end: Option<NaiveDate>) -> Result<()> {
    match end {
        Some(end) if end <= start => Err(AppError::validation(format!(
            "Ngày thôi tham gia ({}) phải sau ngày bắt đầu ({}).",
            format_date_vi(end),
            format_date_vi(start)
        ))),
        _ => Ok(()),
    }
}

fn check_agency(conn: &Connection, agency_id: &str) -> Result<()> {
    let found: Option<i64> =
        conn.query_row("SELECT 1 FROM agency WHERE id = ?1", [agency_id], |r| r.get(0)).optional()?;
    found.map(|_| ()).ok_or_else(|| AppError::validation("Cơ quan đã chọn không còn tồn tại; hãy chọn lại."))
}

/// A person may hold only one seat of a body at any one time.
fn check_no_overlap(
    conn: &Connection,
    body: &Body,
    person_id: &str,
    start: NaiveDate,
    end: Option<NaiveDate>,
    except_id: Option<&str>,
) -> Result<()> {
    let clash = conn
        .query_row(
            &format!(
                "SELECT {COLUMNS} FROM membership
                 WHERE body_id = ?1 AND person_id = ?2 AND id <> coalesce(?3, '')
                   AND (end_date IS NULL OR end_date > ?4)
                   AND (?5 IS NULL OR start_date < ?5)
                 ORDER BY start_date LIMIT 1"
            ),
            params![body.id, person_id, except_id, start, end],
            from_row,
        )
        .optional()?;
    if let Some(m) = clash {
        let person = get_person(conn, person_id)?;
        let until = match m.end_date {
            Some(e) => format!(" đến {}", format_date_vi(e)),
            None => String::new(),
        };
        return Err(AppError::conflict(format!(
            "{} đã là {} của {} từ {}{}. Một người không thể giữ hai vị trí cùng lúc trong cùng một tổ chức.",
            display_name(person.honorific, &person.full_name),
            m.role.label(),
            body.name,
            format_date_vi(m.start_date),
            until
        )));
    }
    Ok(())
}

fn check_role(body: &Body, role: Role) -> Result<()> {
    if body.kind.roles().contains(&role) {
        Ok(())
    } else {
        Err(AppError::validation(format!("Vai trò \"{}\" không có trong {}.", role.label(), body.name)))
    }
}

/// Validated values for a membership row.
struct Seat {
    agency_id: Option<String>,
    post: String,
}

fn resolve_seat(conn: &Connection, body: &Body, input: &MembershipInput, except_id: Option<&str>) -> Result<Seat> {
    check_role(body, input.role)?;
    check_dates(input.start_date, input.end_date)?;
    if let Some(a) = &input.agency_id {
        check_agency(conn, a)?;
    }
    let (agency_id, post) = match &input.person_id {
        Some(pid) => {
            let person = get_person(conn, pid)?;
            check_no_overlap(conn, body, pid, input.start_date, input.end_date, except_id)?;
            (input.agency_id.clone().or(person.agency_id), input.post.as_deref().map(clean).unwrap_or(person.post))
        }
        None => (input.agency_id.clone(), input.post.as_deref().map(clean).unwrap_or_default()),
    };
    Ok(Seat { agency_id, post })
}

pub fn add_membership(store: &mut Store, input: &MembershipInput) -> Result<Membership> {
    store.write(|tx| add_membership_in(tx, input))
}

pub(crate) fn add_membership_in(tx: &Connection, input: &MembershipInput) -> Result<Membership> {
    let body = get_body(tx, &input.body_id)?;
    let created;
    let input = match &input.new_person {
        Some(new) => {
            created =
                MembershipInput { person_id: Some(create_person_in(tx, new)?.id), new_person: None, ..input.clone() };
            &created
        }
        None => input,
    };
    let seat = resolve_seat(tx, &body, input, None)?;
    let id = new_id();
    let order: i64 =
        tx.query_row("SELECT coalesce(max(seat_order), 0) + 1 FROM membership WHERE body_id = ?1", [&body.id], |r| {
            r.get(0)
        })?;
    tx.execute(
        "INSERT INTO membership (id, body_id, role, person_id, agency_id, post, start_date, end_date,
            decision_number, decision_date, seat_order, notes, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?13)",
        params![
            id,
            body.id,
            input.role.as_str(),
            input.person_id,
            seat.agency_id,
            seat.post,
            input.start_date,
            input.end_date,
            clean(&input.decision_number),
            input.decision_date,
            order,
            input.notes.trim(),
            now()
        ],
    )?;
    get_membership(tx, &id)
}

/// Changes a membership in place (a correction: role, dates, decision, holder).
pub fn update_membership(store: &mut Store, id: &str, input: &MembershipInput) -> Result<Membership> {
    store.write(|tx| {
        let old = get_membership(tx, id)?;
        if old.body_id != input.body_id {
            return Err(AppError::validation(
                "Không thể chuyển một vị trí sang tổ chức khác; hãy kết thúc vị trí này và thêm vị trí mới.",
            ));
        }
        let body = get_body(tx, &old.body_id)?;
        let seat = resolve_seat(tx, &body, input, Some(id))?;
        tx.execute(
            "UPDATE membership SET role = ?2, person_id = ?3, agency_id = ?4, post = ?5, start_date = ?6,
                end_date = ?7, decision_number = ?8, decision_date = ?9, notes = ?10, updated_at = ?11
             WHERE id = ?1",
            params![
                id,
                input.role.as_str(),
                input.person_id,
                seat.agency_id,
                seat.post,
                input.start_date,
                input.end_date,
                clean(&input.decision_number),
                input.decision_date,
                input.notes.trim(),
                now()
            ],
        )?;
        get_membership(tx, id)
    })
}

/// Ends a membership: from `end_date` the holder no longer sits.
pub fn end_membership(store: &mut Store, input: &EndMembership) -> Result<Membership> {
    store.write(|tx| {
        let m = get_membership(tx, &input.membership_id)?;
        check_dates(m.start_date, Some(input.end_date))?;
        if let Some(pid) = &m.person_id {
            let body = get_body(tx, &m.body_id)?;
            check_no_overlap(tx, &body, pid, m.start_date, Some(input.end_date), Some(&m.id))?;
        }
        tx.execute(
            "UPDATE membership SET end_date = ?2, end_decision_number = ?3, end_decision_date = ?4,
                end_reason = ?5, updated_at = ?6 WHERE id = ?1",
            params![
                m.id,
                input.end_date,
                clean(&input.end_decision_number),
                input.end_decision_date,
                clean(&input.end_reason),
                now()
            ],
        )?;
        get_membership(tx, &m.id)
    })
}

/// Kiện toàn: the seat passes to a new holder from `date`. The old membership ends on that
/// day and a new one starts, linked to it. A seat that had nobody named from its first day is
/// simply filled in place (the decision that created it now names the person).
pub fn replace_member(store: &mut Store, input: &ReplaceMember) -> Result<Membership> {
    if input.person_id.is_none() && input.new_person.is_none() && input.agency_id.is_none() {
        return Err(AppError::validation("Hãy chọn người (hoặc cơ quan) thay thế."));
    }
    store.write(|tx| {
        let created;
        let input = match &input.new_person {
            Some(new) => {
                created =
                    ReplaceMember { person_id: Some(create_person_in(tx, new)?.id), new_person: None, ..input.clone() };
                &created
            }
            None => input,
        };
        let old = get_membership(tx, &input.membership_id)?;
        let body = get_body(tx, &old.body_id)?;
        if let Some(a) = &input.agency_id {
            check_agency(tx, a)?;
        }
        let person = match &input.person_id {
            Some(pid) => Some(get_person(tx, pid)?),
            None => None,
        };
        if old.person_id.is_none() && input.date == old.start_date {
            let pid = input.person_id.as_deref();
            if let Some(pid) = pid {
                check_no_overlap(tx, &body, pid, old.start_date, old.end_date, Some(&old.id))?;
            }
            let agency_id = input
                .agency_id
                .clone()
                .or_else(|| old.agency_id.clone())
                .or_else(|| person.as_ref().and_then(|p| p.agency_id.clone()));
            let post = person.as_ref().map(|p| p.post.clone()).unwrap_or_else(|| old.post.clone());
            let decision = clean(&input.decision_number);
            tx.execute(
                "UPDATE membership SET person_id = ?2, agency_id = ?3, post = ?4,
                    decision_number = CASE WHEN ?5 = '' THEN decision_number ELSE ?5 END,
                    decision_date = coalesce(?6, decision_date), updated_at = ?7
                 WHERE id = ?1",
                params![old.id, pid, agency_id, post, decision, input.decision_date, now()],
            )?;
            return get_membership(tx, &old.id);
        }
        if input.date <= old.start_date {
            return Err(AppError::validation(format!(
                "Ngày thay thế phải sau ngày bắt đầu của thành viên hiện tại ({}). \
                 Nếu nhập nhầm người, hãy dùng \"Sửa\" để chỉnh thông tin vị trí.",
                format_date_vi(old.start_date)
            )));
        }
        if let Some(end) = old.end_date {
            if input.date >= end {
                return Err(AppError::validation(format!(
                    "Vị trí này đã kết thúc từ {}; không thể thay thế sau ngày đó.",
                    format_date_vi(end)
                )));
            }
        }
        let decision = clean(&input.decision_number);
        tx.execute(
            "UPDATE membership SET end_date = ?2, end_decision_number = ?3, end_decision_date = ?4,
                end_reason = ?5, updated_at = ?6 WHERE id = ?1",
            params![old.id, input.date, decision, input.decision_date, "Kiện toàn (thay thế thành viên)", now()],
        )?;
        let agency_id = input
            .agency_id
            .clone()
            .or_else(|| person.as_ref().and_then(|p| p.agency_id.clone()))
            .or_else(|| old.agency_id.clone());
        let new = add_membership_in(
            tx,
            &MembershipInput {
                body_id: old.body_id.clone(),
                role: old.role,
                person_id: input.person_id.clone(),
                new_person: None,
                agency_id,
                post: person.as_ref().map(|p| p.post.clone()),
                start_date: input.date,
                end_date: old.end_date,
                decision_number: decision,
                decision_date: input.decision_date,
                notes: String::new(),
            },
        )?;
        tx.execute(
            "UPDATE membership SET replaces_id = ?2, seat_order = ?3 WHERE id = ?1",
            params![new.id, old.id, old.seat_order],
        )?;
        get_membership(tx, &new.id)
    })
}

pub(crate) fn memberships_where(
    conn: &Connection,
    clause: &str,
    args: impl rusqlite::Params,
) -> Result<Vec<Membership>> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM membership WHERE {clause}"))?;
    let rows = stmt.query_map(args, from_row)?.collect::<Result<Vec<_>, _>>()?;
    Ok(rows)
}

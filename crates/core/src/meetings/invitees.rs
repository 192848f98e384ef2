//! Who is invited (from the roster as it stood on the meeting's date, plus guests) and who came.
//!
//! Invitees are always listed in protocol order (thứ tự nghi thức): by the rank of their seat's
//! role (head, deputy heads, members…; roles this build does not rank, such as secretaries,
//! after them), then by the seat's order in its body, then guests in the order they were added.
//! Never by given name.

use super::record::get_meeting;
use super::types::*;
use crate::error::Sql;
use crate::error::{AppError, Result};
use crate::roster::{get_membership, roster_as_of, Role};
use crate::store::decode;
use crate::store::{new_id, now, Store};
use crate::store::{Db, Tx};
use crate::text::{clean, format_date_vi};
use rusqlite::{params, OptionalExtension, Row};

const COLUMNS: &str = "i.id, i.membership_id, i.person_id, i.agency_id, i.name, i.post, i.agency_name, i.guest,
    i.attendance, i.absence_reason, i.substitute_name, i.substitute_post, ms.role, ms.seat_order, i.sort_order";

const FROM: &str = "meeting_invitee i LEFT JOIN membership ms ON ms.id = i.membership_id";

/// Where a seat's role stands in protocol order. Roles are ranked by the `Role` enum's
/// declaration order (head first); a role outside that ranking comes after every ranked one;
/// guests after everybody. A stored role this build cannot read is refused as damage.
fn role_rank(role: Option<Role>) -> u32 {
    match role {
        Some(known) => Role::ALL.iter().position(|x| *x == known).map_or(Role::ALL.len(), |p| p) as u32,
        None => Role::ALL.len() as u32 + 1,
    }
}

/// Sort key for protocol order: role rank, seat order in the body, then order of invitation.
type ProtocolKey = (u32, i64, i64);

fn from_row(r: &Row) -> rusqlite::Result<(Invitee, ProtocolKey)> {
    let id: String = r.get(0)?;
    let attendance = decode::stored(r, 8, "meeting_invitee", &id, "attendance")?;
    let membership_id: Option<String> = r.get(1)?;
    let role = match &membership_id {
        Some(seat) => decode::stored_opt(r, 12, "membership", seat, "role")?,
        None => None,
    };
    let key = (role_rank(role), r.get::<_, Option<i64>>(13)?.unwrap_or(0), r.get::<_, i64>(14)?);
    let invitee = Invitee {
        id,
        membership_id,
        person_id: r.get(2)?,
        agency_id: r.get(3)?,
        role,
        name: r.get(4)?,
        post: r.get(5)?,
        agency_name: r.get(6)?,
        guest: r.get::<_, i64>(7)? != 0,
        attendance,
        attendance_label: attendance.label().to_string(),
        absence_reason: r.get(9)?,
        substitute_name: r.get(10)?,
        substitute_post: r.get(11)?,
    };
    Ok((invitee, key))
}

/// The meeting's invitees in protocol order.
pub fn list_invitees(conn: &Db, meeting_id: &str) -> Result<Vec<Invitee>> {
    let mut stmt = conn
        .prepare(&format!("SELECT {COLUMNS} FROM {FROM} WHERE i.meeting_id = ?1 ORDER BY i.sort_order, i.created_at"))
        .sql()?;
    let mut rows = stmt.query_map([meeting_id], from_row).sql()?.collect::<Result<Vec<_>, _>>().sql()?;
    rows.sort_by_key(|(_, key)| *key);
    Ok(rows.into_iter().map(|(i, _)| i).collect())
}

fn get_invitee(conn: &Db, id: &str) -> Result<Invitee> {
    conn.query_row(&format!("SELECT {COLUMNS} FROM {FROM} WHERE i.id = ?1"), [id], |r| from_row(r).map(|(i, _)| i))
        .optional()
        .sql()?
        .ok_or_else(|| AppError::not_found("Không tìm thấy người được mời."))
}

/// A seat with nobody named reads as who is invited from its agency: "Lãnh đạo Sở Y tế".
fn seat_post(entry: &crate::roster::RosterEntry) -> String {
    if entry.person_id.is_none() && entry.post.is_empty() && !entry.agency_name.is_empty() {
        format!("Lãnh đạo {}", entry.agency_name)
    } else {
        entry.position.clone()
    }
}

fn next_order(tx: &Tx, meeting_id: &str) -> Result<i64> {
    tx.query_row(
        "SELECT coalesce(max(sort_order), 0) + 1 FROM meeting_invitee WHERE meeting_id = ?1",
        [meeting_id],
        |r| r.get(0),
    )
    .sql()
}

/// Invites roster seats (memberships) as they stood on the meeting's date; seats already
/// invited are skipped. Names, posts and agencies are copied as they were that day.
pub fn invite_members(store: &mut Store, meeting_id: &str, membership_ids: &[String]) -> Result<Vec<Invitee>> {
    store.write(|tx| {
        let meeting = get_meeting(tx, meeting_id)?;
        let date = meeting.planned_start.date();
        for mid in membership_ids {
            let m = get_membership(tx, mid)?;
            let roster = roster_as_of(tx, &m.body_id, date)?;
            let entry = roster
                .groups
                .iter()
                .flat_map(|g| g.entries.iter())
                .find(|e| e.membership_id == *mid)
                .ok_or_else(|| {
                    AppError::validation(format!(
                        "Một vị trí được chọn không còn trong danh sách {} ngày {}; hãy chọn theo danh sách ngày họp.",
                        roster.body.name,
                        format_date_vi(date)
                    ))
                })?;
            let exists: i64 = tx.query_row(
                "SELECT count(*) FROM meeting_invitee WHERE meeting_id = ?1 AND membership_id = ?2",
                params![meeting_id, mid],
                |r| r.get(0),
            ).sql()?;
            if exists > 0 {
                continue;
            }
            if entry.person_id.is_none() && entry.agency_id.is_none() {
                return Err(AppError::validation(format!(
                    "Một vị trí {} trong danh sách {} chưa có người và cũng chưa giao cho cơ quan nào, nên không mời được. \
                     Hãy ghi người hoặc cơ quan vào vị trí đó trong danh sách thành viên trước.",
                    entry.role_label, roster.body.name
                )));
            }
            let order = next_order(tx, meeting_id)?;
            tx.execute(
                "INSERT INTO meeting_invitee (id, meeting_id, membership_id, person_id, agency_id, name, post, agency_name,
                    sort_order, created_at, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                params![
                    new_id(),
                    meeting_id,
                    mid,
                    entry.person_id,
                    entry.agency_id,
                    entry.person_name,
                    seat_post(entry),
                    entry.agency_name,
                    order,
                    now()
                ],
            ).sql()?;
        }
        list_invitees(tx, meeting_id)
    })
}

/// Invites every seat of the meeting's body as it stood on the meeting's date, except seats
/// with neither a person nor an agency (nobody to send the invitation to).
pub fn invite_whole_body(store: &mut Store, meeting_id: &str) -> Result<Vec<Invitee>> {
    let ids: Vec<String> = store.read(|c| {
        let meeting = get_meeting(c, meeting_id)?;
        let roster = roster_as_of(c, &meeting.body_id, meeting.planned_start.date())?;
        Ok(roster
            .groups
            .iter()
            .flat_map(|g| g.entries.iter())
            .filter(|e| e.person_id.is_some() || e.agency_id.is_some())
            .map(|e| e.membership_id.clone())
            .collect())
    })?;
    invite_members(store, meeting_id, &ids)
}

pub fn add_guest(store: &mut Store, meeting_id: &str, input: &GuestInput) -> Result<Vec<Invitee>> {
    let name = clean(&input.name);
    if name.is_empty() {
        return Err(AppError::validation("Họ và tên khách mời không được để trống."));
    }
    store.write(|tx| {
        get_meeting(tx, meeting_id)?;
        let order = next_order(tx, meeting_id)?;
        tx.execute(
            "INSERT INTO meeting_invitee (id, meeting_id, name, post, agency_name, guest, sort_order, created_at, updated_at)
             VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?7)",
            params![new_id(), meeting_id, name, clean(&input.post), clean(&input.agency_name), order, now()],
        ).sql()?;
        list_invitees(tx, meeting_id)
    })
}

pub fn remove_invitee(store: &mut Store, invitee_id: &str) -> Result<()> {
    store.write(|tx| {
        let n = tx.execute("DELETE FROM meeting_invitee WHERE id = ?1", [invitee_id]).sql()?;
        if n == 0 {
            return Err(AppError::not_found("Không tìm thấy người được mời."));
        }
        Ok(())
    })
}

/// Marks who came: present, absent with a reason, absent, or a substitute (name and post).
/// A seat with nobody named (only its agency) cannot be "present": whoever the agency sent is
/// recorded by name, as a substitute ("cử người dự").
pub fn set_attendance(store: &mut Store, input: &AttendanceInput) -> Result<Invitee> {
    let reason = clean(&input.absence_reason);
    let sub_name = clean(&input.substitute_name);
    let sub_post = clean(&input.substitute_post);
    match input.attendance {
        Attendance::AbsentExcused if reason.is_empty() => {
            return Err(AppError::validation("Hãy ghi lý do vắng."));
        }
        Attendance::Substitute if sub_name.is_empty() => {
            return Err(AppError::validation("Hãy ghi họ tên người dự thay."));
        }
        _ => {}
    }
    let (reason, sub_name, sub_post) = match input.attendance {
        Attendance::AbsentExcused => (reason, String::new(), String::new()),
        Attendance::Substitute => (String::new(), sub_name, sub_post),
        _ => (String::new(), String::new(), String::new()),
    };
    store.write(|tx| {
        let current = get_invitee(tx, &input.invitee_id)?;
        if input.attendance == Attendance::Present && current.name.is_empty() {
            let seat = if current.post.is_empty() { "Vị trí này".to_string() } else { current.post.clone() };
            return Err(AppError::validation(format!(
                "{seat} chưa có tên người dự nên không ghi “Có mặt” được. \
                 Hãy chọn “Cử người dự” và ghi họ tên, chức vụ người đến dự."
            )));
        }
        tx.execute(
            "UPDATE meeting_invitee SET attendance = ?2, absence_reason = ?3, substitute_name = ?4, substitute_post = ?5,
                updated_at = ?6 WHERE id = ?1",
            params![input.invitee_id, input.attendance.as_str(), reason, sub_name, sub_post, now()],
        ).sql()?;
        get_invitee(tx, &input.invitee_id)
    })
}
